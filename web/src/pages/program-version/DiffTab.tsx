/**
 * 差异: what changed between two saved versions, one line per changed setting — where (the path the
 * server names, e.g. rules[it-team-size].expression, and what it means), how, and before → after.
 */
import { Alert, Button, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowRightOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorResult } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { formatBp, formatFen } from '../../lib/money.ts';
import { useDiff, type Change } from '../programs/data.ts';
import { versionLabel } from '../programs/tags.tsx';
import { changeSegments, valueText } from './model.ts';
import { useEnumLabel } from './parts.tsx';

const KIND_COLORS: Record<Change['kind'], string> = { added: 'green', removed: 'red', changed: 'blue' };

/** The path in words: "申报条件 › it-team-size › 表达式". */
function usePathText() {
  const { t } = useTranslation();
  const keys = t('programs.pathKeys', { returnObjects: true }) as unknown as Record<string, string | undefined>;
  return (path: string) =>
    changeSegments(path)
      .map((s) => ('key' in s ? (keys[s.key] ?? s.key) : s.item))
      .join(' › ');
}

/** A value, with money and rates also in the units people read them in. */
function Value({ path, value, className }: { path: string; value: unknown; className: string }) {
  const language = useLanguage();
  if (value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const last = path.split('.').pop() ?? '';
  const reading =
    typeof value === 'number' && /Fen$/.test(last) ? formatFen(value, language) : typeof value === 'number' && /^(rate|share|ratio)$/.test(last) ? formatBp(value) : null;
  const text = valueText(value);
  return (
    <div className="diff-value">
      {text.includes('\n') ? <pre className={`json-block ${className}`}>{text}</pre> : <code className={`diff-text ${className}`}>{text}</code>}
      {reading ? (
        <Typography.Text type="secondary" className="cell-sub">
          {' '}
          ({reading})
        </Typography.Text>
      ) : null}
    </div>
  );
}

export function DiffTab({
  code,
  versions,
  from,
  to,
  onChange,
  dirty,
}: {
  code: string;
  versions: number[];
  from: number | undefined;
  to: number | undefined;
  onChange: (from: number | undefined, to: number | undefined) => void;
  dirty: boolean;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const pathText = usePathText();
  const diff = useDiff(code, from, to);
  const options = versions.map((v) => ({ value: v, label: versionLabel(v) }));

  const columns: TableColumnsType<Change> = [
    {
      key: 'path',
      title: t('programs.diff.where'),
      width: 300,
      render: (_, c) => (
        <div className="cell-stack">
          <code className="diff-path">{c.path}</code>
          <Typography.Text type="secondary" className="cell-sub">
            {pathText(c.path)}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'kind', title: t('programs.diff.kind'), width: 76, render: (_, c) => <Tag color={KIND_COLORS[c.kind]}>{label('changeKind', c.kind)}</Tag> },
    {
      key: 'change',
      title: t('programs.diff.change'),
      render: (_, c) => (
        <div className="diff-change">
          {c.kind !== 'added' ? <Value path={c.path} value={c.before} className="diff-before" /> : null}
          {c.kind === 'changed' ? <ArrowRightOutlined className="diff-arrow" aria-label="→" /> : null}
          {c.kind !== 'removed' ? <Value path={c.path} value={c.after} className="diff-after" /> : null}
        </div>
      ),
    },
  ];

  return (
    <>
      <div className="tab-toolbar">
        <Space wrap>
          <span>{t('programs.diff.from')}</span>
          <Select<number> id="diff-from" className="select-sm" value={from} options={options} onChange={(v) => onChange(v, to)} placeholder={t('programs.diff.pick')} />
          <Button type="text" icon={<SwapOutlined />} aria-label={t('programs.diff.swap')} onClick={() => onChange(to, from)} disabled={from === undefined || to === undefined} />
          <span>{t('programs.diff.to')}</span>
          <Select<number> id="diff-to" className="select-sm" value={to} options={options} onChange={(v) => onChange(from, v)} placeholder={t('programs.diff.pick')} />
        </Space>
        {diff.data ? <Typography.Text type="secondary">{t('programs.diff.count', { count: diff.data.changes.length })}</Typography.Text> : null}
      </div>
      {dirty ? <Alert className="form-alert" type="warning" showIcon title={t('programs.diff.unsaved')} /> : null}
      {from === undefined || to === undefined ? (
        <EmptyState description={t('programs.diff.pickTwo')} />
      ) : from === to ? (
        <EmptyState description={t('programs.diff.same')} />
      ) : diff.isError && !diff.data ? (
        <ErrorResult error={diff.error} onRetry={() => void diff.refetch()} />
      ) : (
        <Table<Change>
          rowKey="path"
          size="small"
          className="diff-table"
          columns={columns}
          dataSource={diff.data?.changes ?? []}
          loading={diff.isFetching}
          pagination={(diff.data?.changes.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{ emptyText: diff.isPending ? ' ' : <EmptyState description={t('programs.diff.none')} /> }}
        />
      )}
    </>
  );
}
