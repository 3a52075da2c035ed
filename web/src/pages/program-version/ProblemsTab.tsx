/**
 * 问题: what stands between the saved draft and publication — every problem the server finds (the
 * format, rules that do not type-check, references to things that do not exist), each leading to the
 * tab (and rule) where it can be fixed.
 */
import { Alert, Button, Result, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ruleIndexOf, tabOf, type TabKey } from './model.ts';
import type { TabProps } from './parts.tsx';

type Problem = TabProps['problems'][number];

export function ProblemsTab({ problems, dirty, onOpen }: { problems: TabProps['problems']; dirty: boolean; onOpen: (tab: TabKey, ruleIndex: number | null) => void }) {
  const { t } = useTranslation();
  const tabs = t('programs.tabs', { returnObjects: true }) as unknown as Record<string, string | undefined>;

  const columns: TableColumnsType<Problem> = [
    { key: 'path', title: t('programs.problems.where'), width: 260, render: (_, p) => <code className="diff-path">{p.path || '—'}</code> },
    { key: 'rule', title: t('programs.problems.rule'), width: 170, render: (_, p) => (p.ruleId ? <Tag color="red" className="mono">{p.ruleId}</Tag> : '—') },
    { key: 'message', title: t('programs.problems.message'), render: (_, p) => <span className="mono problem-message">{p.message}</span> },
    {
      key: 'open',
      title: t('common.actions'),
      width: 130,
      render: (_, p) => {
        const tab = tabOf(p.path);
        if (!tab) return <Typography.Text type="secondary">{t('programs.problems.inFile')}</Typography.Text>;
        return (
          <Button type="link" size="small" onClick={() => onOpen(tab, ruleIndexOf(p.path))}>
            {t('programs.problems.open', { tab: tabs[tab] ?? tab })}
          </Button>
        );
      },
    },
  ];

  return (
    <>
      {dirty ? <Alert className="form-alert" type="warning" showIcon title={t('programs.problems.unsaved')} /> : null}
      {problems.length === 0 ? (
        <Result status="success" title={t('programs.problems.none')} subTitle={t('programs.problems.noneHint')} />
      ) : (
        <Table<Problem> rowKey={(p) => `${p.path}|${p.message}`} size="small" columns={columns} dataSource={[...problems]} pagination={false} />
      )}
    </>
  );
}
