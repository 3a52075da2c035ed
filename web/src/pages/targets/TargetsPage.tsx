/**
 * The province's target dashboard (002): summary cards, a bar chart of progress against the schedule,
 * and the table of targets (filtered, sorted and paged on the server); targets behind schedule stand
 * out. A row opens the target's history and, for its lead department, the report form. The export
 * downloads the same rows as .xlsx.
 */
import { useState } from 'react';
import { Button, Card, Col, Progress, Row, Select, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DashboardView, TargetRowView, TargetStatusValue } from '../../../../contracts/targets.ts';
import { api, downloadFile, presentError } from '../../api/client.ts';
import { Citation } from '../../components/Citation.tsx';
import { EChart } from '../../components/EChart.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult, PageSkeleton } from '../../components/QueryState.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { STATUS_COLORS, progressChart } from './target-view.ts';
import { TargetDrawer } from './TargetDrawer.tsx';

const STATUSES: TargetStatusValue[] = ['achieved', 'on_track', 'behind', 'overdue', 'no_data'];
const SORTS = ['year', 'progress', 'status', 'current'] as const;
// Behind-schedule rows are tinted (the cells carry the table's own background, so the rule targets them).
const ROW_STYLE = '.target-row-behind > td { background: #fff2f0 !important; } .target-row-behind:hover > td { background: #ffe7e3 !important; }';

export default function TargetsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { params, update, onTableChange } = useListParams(['plan', 'year', 'status', 'leadDepartment'] as const, { pageSize: 20 });
  const [open, setOpen] = useState<TargetRowView | null>(null);
  const f = params.filters;
  const sort = SORTS.find((s) => s === params.sort);
  const query = useQuery({
    queryKey: ['targets', f.plan ?? '', 'dashboard', params.page, params.pageSize, f.year, f.status, f.leadDepartment, sort, params.order],
    queryFn: ({ signal }) => api.get<DashboardView>('/api/targets', { plan: f.plan, year: f.year, status: f.status, leadDepartment: f.leadDepartment, sort, order: params.order, page: params.page, pageSize: params.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  if (query.isPending) return <PageSkeleton />;
  if (query.isError && !query.data) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data!;
  const plan = d.plan.code;
  const sortOrder = (key: string) => (sort === key ? (params.order === 'desc' ? 'descend' : 'ascend') : null);
  const shown = (row: TargetRowView | null) => (row ? (d.items.find((x) => x.id === row.id) ?? row) : null);

  const columns: TableColumnsType<TargetRowView> = [
    { title: t('targetDashboard.columns.year'), dataIndex: 'year', key: 'year', width: 76, sorter: true, sortOrder: sortOrder('year'), fixed: 'left' },
    {
      title: t('targetDashboard.columns.target'),
      dataIndex: 'name',
      width: 240,
      fixed: 'left',
      render: (_v, r) => (
        <Space size={4} wrap>
          <Typography.Link onClick={() => setOpen(r)} data-testid={`target-open-${r.id}`}>
            {r.name[language]}
          </Typography.Link>
          {r.behind ? <Tag color="red" data-testid={`target-behind-${r.id}`}>{t('targetDashboard.behindTag')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('targetDashboard.columns.value'), dataIndex: 'value', width: 130, render: (_v, r) => <span data-testid={`target-value-${r.id}`}>{r.display.value[language]}</span> },
    { title: t('targetDashboard.columns.baseline'), dataIndex: 'baseline', width: 120, render: (_v, r) => (r.baseline && r.display.baseline ? `${r.display.baseline[language]}（${r.baseline.year}）` : '—') },
    {
      title: t('targetDashboard.columns.current'),
      dataIndex: 'current',
      key: 'current',
      width: 150,
      sorter: true,
      sortOrder: sortOrder('current'),
      render: (_v, r) => (
        <Space direction="vertical" size={0}>
          <span data-testid={`target-current-${r.id}`}>{r.display.current?.[language] ?? '—'}</span>
          {r.period ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('targetDashboard.period', { period: r.period })}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: t('targetDashboard.columns.progress'),
      dataIndex: 'share',
      key: 'progress',
      width: 150,
      sorter: true,
      sortOrder: sortOrder('progress'),
      render: (_v, r) => (
        <Tooltip title={`${t('targetDashboard.chart.expected')} ${Math.round(r.expected * 1000) / 10}%`}>
          <div data-testid={`target-progress-${r.id}`} data-progress={r.display.progress}>
            <Progress percent={r.share === null ? 0 : Math.min(100, Math.round(r.share * 1000) / 10)} size="small" status={r.behind ? 'exception' : r.status === 'achieved' ? 'success' : 'normal'} format={() => r.display.progress} />
          </div>
        </Tooltip>
      ),
    },
    {
      title: t('targetDashboard.columns.status'),
      dataIndex: 'status',
      key: 'status',
      width: 116,
      sorter: true,
      sortOrder: sortOrder('status'),
      render: (v: TargetStatusValue, r) => <Tag color={STATUS_COLORS[v]} data-testid={`target-status-${r.id}`}>{t(`targetDashboard.status.${v}`)}</Tag>,
    },
    { title: t('targetDashboard.columns.leadDepartment'), dataIndex: 'leadDepartment', width: 150 },
    { title: t('targetDashboard.columns.participating'), dataIndex: 'participatingDepartments', width: 200, ellipsis: { showTitle: true }, render: (v: string[]) => v.join('、') || '—' },
    { title: t('targetDashboard.columns.citation'), dataIndex: 'citation', width: 110, render: (v: string) => <Citation value={v} /> },
    { title: t('targetDashboard.columns.source'), dataIndex: 'source', width: 120, render: (v: TargetRowView['source']) => t(`targetDashboard.source.${v}`) },
  ];

  const s = d.summary;
  const cards: { key: 'achieved' | 'on_track' | 'behind' | 'no_data'; value: number; color: string; extra?: string }[] = [
    { key: 'achieved', value: s.achieved, color: '#389e0d' },
    { key: 'on_track', value: s.on_track, color: '#1677ff' },
    { key: 'behind', value: s.behind + s.overdue, color: '#cf1322', extra: t('targetDashboard.cards.overdueOf', { count: s.overdue }) },
    { key: 'no_data', value: s.no_data, color: '#8c8c8c' },
  ];

  return (
    <div>
      <style>{ROW_STYLE}</style>
      <PageHeader
        title={t('nav.targets')}
        subtitle={t('targetDashboard.subtitle', { plan: d.plan.name[language], date: format.date(`${d.asOf}T12:00:00+08:00`) })}
        extra={
          <Space wrap>
            {d.plans.length > 1 ? (
              <Select aria-label={t('targetDashboard.plan')} value={plan} style={{ width: 260 }} onChange={(v) => update({ plan: v })} options={d.plans.map((p) => ({ value: p.code, label: p.name[language] }))} />
            ) : null}
            <Button
              icon={<DownloadOutlined />}
              data-testid="targets-export"
              onClick={() =>
                void downloadFile(
                  `/api/targets/export.xlsx?${new URLSearchParams(Object.entries({ plan, year: f.year, status: f.status, leadDepartment: f.leadDepartment, sort, order: params.order }).filter((e): e is [string, string] => Boolean(e[1]))).toString()}`,
                  'targets.xlsx',
                ).catch((e: unknown) => presentError(e, { surface: 'action' }))
              }
            >
              {t('targetDashboard.export')}
            </Button>
          </Space>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {cards.map((c) => (
          <Col key={c.key} xs={12} md={6}>
            <Card size="small" data-testid={`targets-card-${c.key}`}>
              <Statistic title={t(`targetDashboard.cards.${c.key}`)} value={c.value} valueStyle={{ color: c.color }} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.extra ?? t('targetDashboard.cards.ofTotal', { count: s.total })}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label={t('targetDashboard.filters.year')} data-testid="targets-year" allowClear placeholder={t('targetDashboard.filters.year')} style={{ width: 130 }} value={f.year ? Number(f.year) : undefined} onChange={(v) => update({ year: v })} options={d.years.map((y) => ({ value: y, label: String(y) }))} />
        <Select aria-label={t('targetDashboard.filters.status')} data-testid="targets-status" allowClear placeholder={t('targetDashboard.filters.status')} style={{ width: 150 }} value={f.status} onChange={(v) => update({ status: v })} options={STATUSES.map((x) => ({ value: x, label: t(`targetDashboard.status.${x}`) }))} />
        <Select aria-label={t('targetDashboard.filters.leadDepartment')} data-testid="targets-lead" allowClear placeholder={t('targetDashboard.filters.leadDepartment')} style={{ width: 200 }} value={f.leadDepartment} onChange={(v) => update({ leadDepartment: v })} options={d.leadDepartments.map((x) => ({ value: x, label: x }))} />
      </Space>
      {d.items.length ? (
        <Card size="small" title={t('targetDashboard.chart.title')} style={{ marginBottom: 12 }}>
          <EChart option={progressChart(d.items, language, { progress: t('targetDashboard.chart.progress'), expected: t('targetDashboard.chart.expected') })} height={48 + 22 * d.items.length} ariaLabel={t('targetDashboard.chart.aria')} testId="targets-chart" onClick={(e) => setOpen([...d.items].reverse()[e.dataIndex] ?? null)} />
        </Card>
      ) : null}
      <div data-testid="targets-table">
        <ServerTable<TargetRowView>
          query={query}
          columns={columns}
          params={params}
          onChange={onTableChange}
          emptyText={t('targetDashboard.empty')}
          scroll={{ x: 1560 }}
          onRow={(r) => ({ className: r.behind ? 'target-row-behind' : undefined, 'data-testid': `target-row-${r.id}`, 'data-status': r.status } as React.HTMLAttributes<HTMLElement>)}
        />
      </div>
      <TargetDrawer target={shown(open)} plan={plan} onClose={() => setOpen(null)} />
    </div>
  );
}
