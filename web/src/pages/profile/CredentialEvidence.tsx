/**
 * The evidence files of one credential: a form control whose value is the attachment ids. Files are
 * uploaded with the same resumable uploader as application attachments (purpose `credential`).
 */
import { useState } from 'react';
import { App, Button, List, Space, Typography } from 'antd';
import { DownloadOutlined, DisconnectOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../../contracts/applicants.ts';
import { downloadFile, presentError } from '../../api/client.ts';
import { ChunkedUploader } from '../../components/ChunkedUploader.tsx';
import { formatBytes } from '../../lib/upload.ts';
import { attachmentPath } from '../applications/data.ts';
import { profileKeys, useProfileAttachments } from './data.ts';

export function CredentialEvidence({ code, value, onChange }: { code: string | undefined; value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const attachments = useProfileAttachments();
  const [uploaded, setUploaded] = useState<Attachment[]>([]);
  const ids = value ?? [];
  const known = new Map([...(attachments.data?.items ?? []), ...uploaded].map((a) => [a.id, a]));

  return (
    <div className="evidence">
      {ids.length > 0 ? (
        <List
          size="small"
          className="evidence-list"
          dataSource={ids}
          renderItem={(id) => {
            const file = known.get(id);
            return (
              <List.Item
                actions={[
                  <Button
                    key="download"
                    size="small"
                    type="link"
                    icon={<DownloadOutlined />}
                    onClick={() => void downloadFile(attachmentPath({ id }), file?.fileName ?? id).catch((error) => presentError(error, { surface: 'action' }))}
                  >
                    {t('upload.download')}
                  </Button>,
                  <Button key="unlink" size="small" type="link" danger icon={<DisconnectOutlined />} onClick={() => onChange?.(ids.filter((x) => x !== id))}>
                    {t('profile.credential.unlink')}
                  </Button>,
                ]}
              >
                <Space size={6}>
                  <PaperClipOutlined />
                  <Typography.Text>{file?.fileName ?? t('profile.credential.fileNumber', { id })}</Typography.Text>
                  {file ? <Typography.Text type="secondary">{formatBytes(file.sizeBytes)}</Typography.Text> : null}
                </Space>
              </List.Item>
            );
          }}
        />
      ) : null}
      <ChunkedUploader
        target={{ purpose: 'credential', requirementId: code ?? '' }}
        kinds={['pdf', 'jpg', 'png']}
        disabled={!code || ids.length >= 10}
        label={code ? t('profile.credential.upload') : t('profile.credential.chooseFirst')}
        onUploaded={(attachment) => {
          setUploaded((list) => [...list, attachment]);
          onChange?.([...ids, attachment.id]);
          void queryClient.invalidateQueries({ queryKey: profileKeys.attachments });
          void message.success(t('upload.done', { name: attachment.fileName }));
        }}
      />
    </div>
  );
}
