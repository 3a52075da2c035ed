/**
 * The industry operation view (行业运行分析, 003 三（一）): for a month range, the totals at its end, the
 * monthly trend of the four counts and of the average effects against 003 二's goals, the breakdown by
 * city and by industry, and the reporting organizations (filtered, sorted and paged on the server) with
 * the overdue ones standing out. The export downloads the same figures as .xlsx.
 */
import { useMemo } from 'react';
import { Button, Card, Col, Input, Row, Select, Space, Statistic, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../../contracts/common.ts';
import type { OperationTotalsData, OperationViewData, Reporter, ReporterPage } from '../../../../contracts/operations.ts';
import { addMonths } from '../../../../src/core/operations/report.ts';
import { api, downloadFile, presentError } from '../../api/client.ts';
import { EChart } from '../../components/EChart.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult, PageSkeleton } from '../../components/QueryState.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useLanguage } from '../../i18n.ts';
import { useListParams } from '../../lib/list-params.ts';
import { formatBp } from '../../lib/money.ts';
import { effectsChart, monthLabel, monthsBetween, trendChart } from './operations-view.ts';

const SORTS = ['organizationName', 'cityName', 'latestMonth', 'connectedDevices'] as const;
const COUNTS = ['connectedDevices', 'platformUsers', 'industrialApps', 'cloudEnterprises'] as const;
const ROW_STYLE = '.operations-row-overdue > td { background: #fff2f0 !important; }';

type Group = OperationTotalsData & { key: string; name: string };

export default function OperationsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { params, update, onTableChange } = useListParams(['from', 'to', 'cityId', 'industry', 'q', 'overdueOnly'] as const, { pageSize: 10 });
  const f = params.filters;
  const sort = SORTS.find((s) => s === params.sort);
  const filters = { from: f.from, to: f.to, cityId: f.cityId, industry: f.industry };
  const view = useQuery({
    queryKey: ['operations', 'view', filters],
    queryFn: ({ signal }) => api.get<OperationViewData>('/api/operations/view', filters, signal),
    placeholderData: keepPreviousData,
  });
  const reporterQuery = { cityId: f.cityId, industry: f.industry, q: f.q, overdueOnly: f.overdueOnly, sort, order: params.order };
  const reporters = useQuery({
    queryKey: ['operations', 'reporters', reporterQuery, params.page, params.pageSize],
    queryFn: ({ signal }) => api.get<ReporterPage>('/api/operations/reporters', { ...reporterQuery, page: params.page, pageSize: params.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const cities = useQuery({
    queryKey: ['operations', 'cities'],
    queryFn: ({ signal }) => api.get<Page<{ id: string; name: string }>>('/api/organizations', { kind: 'city', pageSize: 100, sort: 'code' }, signal),
  });
  const d = view.data;
  const months = useMemo(() => (d ? monthsBetween(addMonths(d.to, -35), d.to).reverse() : []), [d]);

  if (view.isPending) return <PageSkeleton />;
  if (view.isError && !d) return <ErrorResult error={view.error} onRetry={() => void view.refetch()} />;
  const v = d!;
  const sortOrder = (key: string): 'ascend' | 'descend' | null => (sort === key ? (params.order === 'desc' ? 'descend' : 'ascend') : null);
  const number = (n: number | null) => (n === null ? '—' : n.toLocaleString(language));

  const groupColumns = (title: string): TableColumnsType<Group> => [
    { title, dataIndex: 'name', ellipsis: true },
    { title: t('operationsView.cards.reporters'), dataIndex: 'reporters', align: 'right' },
    ...COUNTS.map((k) => ({ title: t(`operations.fields.${k}`), dataIndex: k, align: 'right' as const, render: (n: number) => number(n) })),
    { title: t('operations.effects.operatingCost'), key: 'cost', align: 'right', render: (_x, g) => (g.averageEffects.operatingCost === null ? '—' : formatBp(g.averageEffects.operatingCost)) },
  ];

  const columns: TableColumnsType<Reporter> = [
    {
      title: t('operationsView.organization'),
      dataIndex: 'organizationName',
      key: 'organizationName',
      sorter: true,
      sortOrder: sortOrder('organizationName'),
      fixed: 'left',
      width: 220,
      render: (name: string, r) => (
        <Space size={4} wrap>
          <span>{name}</span>
          {r.overdue ? <Tag color="red" data-testid={`reporter-overdue-${r.id}`}>{t('operations.overdue')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('operationsView.city'), dataIndex: 'cityName', key: 'cityName', sorter: true, sortOrder: sortOrder('cityName'), width: 100, render: (c: string | null) => c ?? '—' },
    { title: t('operations.fields.industryCode'), dataIndex: 'industryCode', width: 110, render: (c: string | null) => c ?? '—' },
    { title: t('operationsView.latestMonth'), dataIndex: 'latestMonth', key: 'latestMonth', sorter: true, sortOrder: sortOrder('latestMonth'), width: 120, render: (m: string | null) => (m ? monthLabel(m, t) : t('operations.notReported')) },
    ...COUNTS.map((k) => ({
      title: t(`operations.fields.${k}`),
      dataIndex: k,
      key: k,
      align: 'right' as const,
      width: 120,
      ...(k === 'connectedDevices' ? { sorter: true, sortOrder: sortOrder('connectedDevices') } : {}),
      render: (n: number | null) => number(n),
    })),
  ];

  const exportUrl = `/api/operations/export.xlsx?${new URLSearchParams(
    Object.entries({ from: v.from, to: v.to, cityId: f.cityId, industry: f.industry, q: f.q, overdueOnly: f.overdueOnly, sort, order: params.order }).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString()}`;

  return (
    <div>
      <style>{ROW_STYLE}</style>
      <PageHeader
        title={t('nav.operations')}
        subtitle={t('operationsView.subtitle', { province: v.province?.name ?? '' })}
        extra={
          <Button icon={<DownloadOutlined />} data-testid="operations-export" onClick={() => void downloadFile(exportUrl, 'operations.xlsx').catch((e: unknown) => presentError(e, { surface: 'action' }))}>
            {t('operationsView.export')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label={t('operationsView.from')} data-testid="operations-from" style={{ width: 140 }} value={v.from} onChange={(m) => update({ from: m })} options={months.filter((m) => m <= v.to).map((m) => ({ value: m, label: monthLabel(m, t) }))} />
        <Select aria-label={t('operationsView.to')} data-testid="operations-to" style={{ width: 140 }} value={v.to} onChange={(m) => update({ to: m })} options={months.map((m) => ({ value: m, label: monthLabel(m, t) }))} />
        <Select
          aria-label={t('operationsView.city')}
          data-testid="operations-city"
          allowClear
          placeholder={t('operationsView.allCities')}
          style={{ width: 160 }}
          value={f.cityId}
          onChange={(c) => update({ cityId: c })}
          options={(cities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Input.Search aria-label={t('operationsView.industry')} data-testid="operations-industry" allowClear defaultValue={f.industry} placeholder={t('operationsView.industry')} style={{ width: 220 }} onSearch={(s) => update({ industry: s.trim().toUpperCase() || undefined })} />
      </Space>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={4}>
          <Card size="small" data-testid="operations-card-reporters">
            <Statistic title={t('operationsView.cards.reporters')} value={v.reporters} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small" data-testid="operations-card-overdue">
            <Statistic title={t('operationsView.cards.overdue', { month: monthLabel(v.lastMonth, t) })} value={v.overdue} valueStyle={{ color: v.overdue ? '#cf1322' : undefined }} />
          </Card>
        </Col>
        {COUNTS.map((k) => (
          <Col key={k} xs={12} md={4}>
            <Card size="small" data-testid={`operations-card-${k}`}>
              <Statistic title={t(`operationsView.cards.${k}`)} value={v.totals[k]} />
            </Card>
          </Col>
        ))}
      </Row>
      {v.totals.reporters === 0 ? (
        <Typography.Paragraph type="secondary" data-testid="operations-no-data">
          {t('operationsView.noData')}
        </Typography.Paragraph>
      ) : (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('operationsView.trend')}>
              <EChart option={trendChart(v, t)} height={260} ariaLabel={t('operationsView.trendAria')} testId="operations-trend" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('operationsView.effectsTrend')}>
              <EChart option={effectsChart(v, t)} height={260} ariaLabel={t('operationsView.effectsAria')} testId="operations-effects" />
            </Card>
          </Col>
          <Col xs={24}>
            <Card size="small" title={t('operationsView.byCity')}>
              <Table<Group> rowKey="key" size="small" pagination={false} columns={groupColumns(t('operationsView.city'))} dataSource={v.byCity} scroll={{ x: 620 }} data-testid="operations-by-city" />
            </Card>
          </Col>
          <Col xs={24}>
            <Card size="small" title={t('operationsView.byIndustry')}>
              <Table<Group> rowKey="key" size="small" pagination={false} columns={groupColumns(t('operationsView.name'))} dataSource={v.byIndustry} scroll={{ x: 620 }} data-testid="operations-by-industry" />
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small" title={t('operationsView.reportersTitle')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search aria-label={t('operationsView.search')} data-testid="reporters-search" allowClear defaultValue={f.q} placeholder={t('operationsView.search')} style={{ width: 240 }} onSearch={(q) => update({ q: q.trim() || undefined })} />
          <Space>
            <Switch aria-label={t('operationsView.overdueOnly')} data-testid="reporters-overdue" checked={f.overdueOnly === 'true'} onChange={(on) => update({ overdueOnly: on ? 'true' : undefined })} />
            <span>{t('operationsView.overdueOnly')}</span>
          </Space>
        </Space>
        <div data-testid="reporters-table">
          <ServerTable<Reporter>
            query={reporters}
            columns={columns}
            params={params}
            onChange={onTableChange}
            emptyText={t('operationsView.empty')}
            scroll={{ x: 1030 }}
            onRow={(r) => ({ className: r.overdue ? 'operations-row-overdue' : undefined, 'data-testid': `reporter-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
          />
        </div>
      </Card>
    </div>
  );
}
