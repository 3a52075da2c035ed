/**
 * 下载 ▾ Word / Excel / PDF: one official document in the formats the server makes of it. Each item
 * downloads `<base>.<format>`; a refusal (e.g. PDF on a server without LibreOffice) is shown as an
 * action error. Items carry `data-testid="<testId>-<format>"`.
 */
import { Button, Dropdown } from 'antd';
import { DownloadOutlined, FileExcelOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downloadFile, presentError } from '../api/client.ts';

export type DocumentFormat = 'docx' | 'xlsx' | 'pdf';

const ICONS = { docx: <FileWordOutlined />, xlsx: <FileExcelOutlined />, pdf: <FilePdfOutlined /> } as const;

export interface DocumentDownloadProps {
  /** The path without its extension, e.g. `/api/calls/1/notice/document`. */
  base: string;
  formats: readonly DocumentFormat[];
  /** The saved file's name without its extension. */
  fileName: string;
  label: string;
  testId: string;
  disabled?: boolean;
  type?: 'default' | 'primary';
}

export function DocumentDownload({ base, formats, fileName, label, testId, disabled, type = 'default' }: DocumentDownloadProps) {
  const { t } = useTranslation();
  const download = (format: DocumentFormat) => void downloadFile(`${base}.${format}`, `${fileName}.${format}`).catch((error: unknown) => presentError(error, { surface: 'action' }));
  return (
    <Dropdown
      disabled={disabled}
      menu={{
        items: formats.map((format) => ({ key: format, icon: ICONS[format], label: <span data-testid={`${testId}-${format}`}>{t(`common.formats.${format}`)}</span> })),
        onClick: ({ key }) => download(key as DocumentFormat),
      }}
    >
      <Button type={type} icon={<DownloadOutlined />} disabled={disabled} data-testid={testId}>
        {label}
      </Button>
    </Dropdown>
  );
}
