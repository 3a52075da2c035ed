/** Pieces the selection screens share: a list's status tag, the table download, a refusal with its article. */
import { App, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, presentError } from '../../api/client.ts';
import { DocumentDownload } from '../../components/DocumentDownload.tsx';
import { Citation } from '../../components/Citation.tsx';
import { useLanguage } from '../../i18n.ts';
import { tableBase, type ListStatus, type Violation } from './data.ts';

const LIST_COLORS: Record<ListStatus, string> = { draft: 'processing', submitted: 'success', returned: 'warning' };

/** 未开始 / 填报中 / 已报送 / 已退回. */
export function ListStatusTag({ status }: { status: ListStatus | null }) {
  const { t } = useTranslation();
  return (
    <Tag color={status ? LIST_COLORS[status] : 'default'} data-testid="list-status" data-status={status ?? 'none'}>
      {t(`recommendation.status.${status ?? 'none'}`)}
    </Tag>
  );
}

/** 下载推荐表 ▾ Excel / Word / PDF. */
export function TableDownload({ callId, cityId, disabled, testId = 'download-table' }: { callId: string; cityId?: string; disabled?: boolean; testId?: string }) {
  const { t } = useTranslation();
  return <DocumentDownload base={tableBase(callId, cityId)} formats={['xlsx', 'docx', 'pdf']} fileName="recommendation" label={t('recommendation.download.title')} disabled={disabled} testId={testId} />;
}

/** The violations a refusal names (quota, category limits), each with its article. */
export function violationsOf(error: unknown): Violation[] {
  if (!(error instanceof ApiError)) return [];
  const list = error.problem.violations;
  return Array.isArray(list) ? (list as Violation[]) : [];
}

/** Shows a refusal of the server with the rule's message and its citation. */
export function useRefusal() {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  const language = useLanguage();
  return (error: unknown) => {
    if (!(error instanceof ApiError)) {
      presentError(error, { surface: 'action' });
      return;
    }
    const violations = violationsOf(error);
    modal.error({
      title: t('recommendation.refused'),
      width: 560,
      content: (
        <div data-testid="refusal">
          {violations.length ? (
            <ul className="plain-list">
              {violations.map((v, i) => (
                <li key={i}>
                  {v.messages[language]} <Citation value={v.citation} hideEmpty />
                </li>
              ))}
            </ul>
          ) : (
            <Typography.Paragraph>{error.localMessage}</Typography.Paragraph>
          )}
        </div>
      ),
    });
  };
}
