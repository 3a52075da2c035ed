/**
 * 遴选工作台 (/selection/:callId): one call's selection, tab by tab (the tab is in the URL, ?tab=):
 * 各市推荐 (each city's list, its document number and table; the province officer sends a list back
 * with a comment), 指标 (the per-city quota table and the score threshold, edited by the province
 * officer), 政策性审查 (the recommended applications with the task force's opinion where the program
 * routes them; pass, or reject with a reason), then the expert assignment, the scores and the notice
 * and final list (their own tabs, loaded when opened).
 */
import { Suspense, lazy, useMemo, useState } from 'react';
import { App, Button, Card, Drawer, Form, Input, InputNumber, Modal, Segmented, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined, EyeOutlined, RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CallDetail } from '../../../../contracts/applicants.ts';
import type { ProgramDefinition } from '../../../../src/core/programs/definition.ts';
import { useUser } from '../../api/session.ts';
import { Citation } from '../../components/Citation.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorResult, PageSkeleton, QueryView } from '../../components/QueryState.tsx';
import { ApplicationStateTag, CallStatusTag } from '../../components/StatusTags.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { userMay } from '../../routes.ts';
import { useCall } from '../calls/data.ts';
import { useCityList, usePolicyDecision, useReturnList, useSelectionOverview, useSetQuotas, type OverviewApplication, type SelectionOverview } from '../recommendation/data.ts';
import { ListStatusTag, TableDownload } from '../recommendation/parts.tsx';

const AssignmentTab = lazy(() => import('../selection-review/AssignmentTab.tsx'));
const ScoresTab = lazy(() => import('../selection-review/ScoresTab.tsx'));
const NoticeTab = lazy(() => import('../selection-notice/NoticeTab.tsx'));

const TAB_KEYS = ['cities', 'quotas', 'policy', 'assignment', 'scores', 'notice'] as const;
type TabKey = (typeof TAB_KEYS)[number];

export default function SelectionCallPage() {
  const { callId = '' } = useParams();
  const call = useCall(callId);
  return <QueryView query={call}>{(data) => <Workspace call={data} />}</QueryView>;
}

function Workspace({ call }: { call: CallDetail }) {
  const { t } = useTranslation();
  const { user } = useUser();
  const language = useLanguage();
  const [search, setSearch] = useSearchParams();
  const overview = useSelectionOverview(call.id);
  const manage = userMay(user, 'selection.manage');
  const tabParam = search.get('tab');
  const tab: TabKey = TAB_KEYS.find((k) => k === tabParam) ?? 'cities';
  const setTab = (key: string) => {
    const next = new URLSearchParams(window.location.search);
    next.set('tab', key);
    setSearch(next, { replace: true });
  };
  const definition = call.definition as unknown as ProgramDefinition;

  const withOverview = (render: (o: SelectionOverview) => React.ReactNode) => <QueryView query={overview}>{render}</QueryView>;
  const lazyTab = (node: React.ReactNode) => <Suspense fallback={<PageSkeleton />}>{node}</Suspense>;
  const items = [
    { key: 'cities', label: t('selection.tabs.cities'), children: withOverview((o) => <CitiesTab callId={call.id} overview={o} manage={manage} />) },
    { key: 'quotas', label: t('selection.tabs.quotas'), children: withOverview((o) => <QuotasTab callId={call.id} overview={o} manage={manage} definition={definition} />) },
    { key: 'policy', label: t('selection.tabs.policy'), children: withOverview((o) => <PolicyTab callId={call.id} overview={o} manage={manage} definition={definition} />) },
    { key: 'assignment', label: t('selection.tabs.assignment'), children: lazyTab(<AssignmentTab callId={call.id} />) },
    { key: 'scores', label: t('selection.tabs.scores'), children: lazyTab(<ScoresTab callId={call.id} />) },
    { key: 'notice', label: t('selection.tabs.notice'), children: lazyTab(<NoticeTab callId={call.id} />) },
  ].map((i) => ({ ...i, label: <span data-testid={`selection-tab-${i.key}`}>{i.label}</span> }));

  return (
    <>
      <Typography.Text className="page-breadcrumb">
        <Link to="/selection">{t('nav.selection')}</Link> / {call.title}
      </Typography.Text>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="selection-call-title">{call.title}</span>
            <CallStatusTag status={call.status} />
          </Space>
        }
        subtitle={definition.name?.[language] ?? call.programCode}
      />
      <Card variant="borderless" className="page-card">
        <Tabs activeKey={tab} onChange={setTab} items={items} destroyOnHidden />
      </Card>
    </>
  );
}

// 各市推荐

interface CityRow {
  id: string;
  name: string;
  code: string;
  quota: number | null;
  recommendation: SelectionOverview['recommendations'][number] | null;
}

function CitiesTab({ callId, overview, manage }: { callId: string; overview: SelectionOverview; manage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const [viewing, setViewing] = useState<CityRow | null>(null);
  const [returning, setReturning] = useState<CityRow | null>(null);
  const [form] = Form.useForm<{ comment: string }>();
  const returnList = useReturnList(callId, { form });
  const lists = new Map(overview.recommendations.map((r) => [r.cityId, r]));
  const rows: CityRow[] = overview.cities.map((c) => ({ ...c, recommendation: lists.get(c.id) ?? null }));

  const columns: TableColumnsType<CityRow> = [
    { key: 'name', title: t('selection.city'), render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text> },
    { key: 'status', title: t('recommendation.listStatus'), width: 110, render: (_, r) => <ListStatusTag status={r.recommendation?.status ?? null} /> },
    { key: 'items', title: t('selection.itemsOfQuota'), width: 120, render: (_, r) => `${r.recommendation?.items.length ?? 0} / ${r.quota ?? '—'}` },
    { key: 'documentNumber', title: t('recommendation.documentNumber'), width: 200, render: (_, r) => r.recommendation?.documentNumber ?? '—' },
    { key: 'submittedAt', title: t('selection.submittedAt'), width: 150, render: (_, r) => format.dateTime(r.recommendation?.submittedAt ?? null) },
    {
      key: 'comment',
      title: t('selection.returnedComment'),
      width: 200,
      ellipsis: true,
      render: (_, r) => (r.recommendation?.status === 'returned' ? <span title={r.recommendation.returnedComment ?? ''}>{r.recommendation.returnedComment}</span> : '—'),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 260,
      render: (_, r) => {
        const count = r.recommendation?.items.length ?? 0;
        return (
          <Space size={4} wrap>
            <Button size="small" icon={<EyeOutlined />} disabled={!r.recommendation} onClick={() => setViewing(r)} data-testid={`city-view-${r.code}`}>
              {t('selection.viewList')}
            </Button>
            <TableDownload callId={callId} cityId={r.id} disabled={count === 0} testId={`city-download-${r.code}`} />
            {manage && r.recommendation?.status === 'submitted' ? (
              <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setReturning(r)} data-testid={`city-return-${r.code}`}>
                {t('selection.returnList')}
              </Button>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <Table<CityRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1150, y: 520 }}
        locale={{ emptyText: <EmptyState description={t('selection.noCities')} /> }}
        onRow={(r) => ({ 'data-testid': `city-row-${r.code}` }) as never}
      />
      <Drawer open={viewing !== null} onClose={() => setViewing(null)} size={720} title={viewing ? t('selection.listOf', { city: viewing.name }) : ''} destroyOnHidden>
        {viewing ? <CityListView callId={callId} city={viewing} /> : null}
      </Drawer>
      <Modal
        open={returning !== null}
        title={returning ? t('selection.returnTitle', { city: returning.name }) : ''}
        okText={t('selection.returnList')}
        okButtonProps={{ danger: true, loading: returnList.isPending, 'data-testid': 'return-list-confirm' } as never}
        onOk={() => form.submit()}
        onCancel={() => setReturning(null)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={({ comment }) =>
            returning &&
            returnList.mutate(
              { cityId: returning.id, comment: comment.trim() },
              {
                onSuccess: () => {
                  setReturning(null);
                  void message.success(t('selection.returned'));
                },
              },
            )
          }
        >
          <Typography.Paragraph type="secondary">{t('selection.returnHint')}</Typography.Paragraph>
          <Form.Item name="comment" label={t('selection.comment')} rules={[{ required: true, whitespace: true, min: 2, max: 2000, message: t('selection.commentRequired') }]}>
            <Input.TextArea rows={4} maxLength={2000} data-testid="return-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function CityListView({ callId, city }: { callId: string; city: CityRow }) {
  const { t } = useTranslation();
  const list = useCityList(callId, city.id);
  if (list.isPending) return <PageSkeleton />;
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const byId = new Map(list.data.candidates.map((c) => [c.id, c]));
  const items = (list.data.recommendation?.items ?? []).map((i) => ({ ...i, app: byId.get(i.applicationId) }));
  return (
    <Space orientation="vertical" className="full-width" size={12}>
      <Space wrap>
        <ListStatusTag status={list.data.recommendation?.status ?? null} />
        <Typography.Text>
          {t('recommendation.documentNumber')}：{list.data.recommendation?.documentNumber ?? '—'}
        </Typography.Text>
        <TableDownload callId={callId} cityId={city.id} disabled={items.length === 0} testId="drawer-download" />
      </Space>
      <Table
        rowKey="applicationId"
        size="small"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: <EmptyState description={t('recommendation.listEmpty')} /> }}
        columns={[
          { key: 'rank', title: t('recommendation.rank'), width: 60, render: (_, r) => r.rank },
          {
            key: 'project',
            title: t('recommendation.project'),
            render: (_, r) =>
              r.app ? (
                <div className="cell-stack">
                  <Link to={`/applications/${r.applicationId}`}>{r.app.projectName}</Link>
                  <Typography.Text type="secondary" className="cell-sub">
                    {r.app.organizationName}
                  </Typography.Text>
                </div>
              ) : (
                r.applicationId
              ),
          },
          { key: 'state', title: t('applications.state'), width: 110, render: (_, r) => (r.app ? <ApplicationStateTag state={r.app.state} /> : null) },
        ]}
      />
    </Space>
  );
}

// 指标

function QuotasTab({ callId, overview, manage, definition }: { callId: string; overview: SelectionOverview; manage: boolean; definition: ProgramDefinition }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ quotaTable: Record<string, number | null>; threshold: number | null }>();
  const save = useSetQuotas(callId, { form });
  const perCity = definition.quotas?.perCity;
  const fixed = perCity ? !perCity.editable : false;
  const initial = useMemo(
    () => ({ quotaTable: Object.fromEntries(overview.cities.map((c) => [c.code, overview.quotas.quotaTable[c.code] ?? null])), threshold: overview.quotas.threshold }),
    [overview],
  );
  const values = Form.useWatch([], form) as { quotaTable?: Record<string, number | null> } | undefined;
  const total = Object.values(values?.quotaTable ?? initial.quotaTable).reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0);
  const lists = new Map(overview.recommendations.map((r) => [r.cityId, r.items.length]));

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={!manage}
      onFinish={(v) => {
        const quotaTable: Record<string, number> = {};
        for (const [code, n] of Object.entries(v.quotaTable ?? {})) if (typeof n === 'number') quotaTable[code] = n;
        save.mutate({ quotaTable, threshold: v.threshold ?? null }, { onSuccess: () => void message.success(t('selection.quotas.saved')) });
      }}
    >
      {perCity?.note ? (
        <Typography.Paragraph type="secondary">
          {perCity.note} <Citation value={perCity.citation} hideEmpty />
        </Typography.Paragraph>
      ) : null}
      {fixed ? <Typography.Paragraph type="warning">{t('selection.quotas.fixed')}</Typography.Paragraph> : null}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={overview.cities}
        scroll={{ y: 420 }}
        locale={{ emptyText: <EmptyState description={t('selection.noCities')} /> }}
        columns={[
          { key: 'name', title: t('selection.city'), render: (_, c) => c.name },
          { key: 'code', title: t('selection.cityCode'), width: 120, render: (_, c) => <span className="mono">{c.code}</span> },
          {
            key: 'quota',
            title: t('selection.quotas.quota'),
            width: 160,
            render: (_, c) => (
              <Form.Item name={['quotaTable', c.code]} noStyle>
                <InputNumber min={0} max={10000} precision={0} placeholder={perCity?.table?.[c.code] !== undefined ? String(perCity.table[c.code]) : '—'} data-testid={`quota-${c.code}`} />
              </Form.Item>
            ),
          },
          { key: 'used', title: t('selection.quotas.used'), width: 120, render: (_, c) => lists.get(c.id) ?? 0 },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              {t('selection.quotas.total')}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2}>
              <span data-testid="quota-total">{total}</span>
              {definition.quotas?.total?.min ? (
                <Typography.Text type="secondary"> {t('selection.quotas.min', { min: definition.quotas.total.min })}</Typography.Text>
              ) : null}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} />
          </Table.Summary.Row>
        )}
      />
      <Space className="quota-footer" align="end" wrap>
        <Form.Item name="threshold" label={t('selection.quotas.threshold')} extra={t('selection.quotas.thresholdHint')}>
          <InputNumber min={0} max={100} step={0.5} data-testid="threshold" />
        </Form.Item>
        {manage ? (
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending} data-testid="save-quotas">
              {t('common.save')}
            </Button>
          </Form.Item>
        ) : null}
      </Space>
    </Form>
  );
}

// 政策性审查

const POLICY_FILTERS = ['pending', 'policy_passed', 'policy_rejected', 'all'] as const;
type PolicyFilter = (typeof POLICY_FILTERS)[number];

function PolicyTab({ callId, overview, manage, definition }: { callId: string; overview: SelectionOverview; manage: boolean; definition: ProgramDefinition }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [filter, setFilter] = useState<PolicyFilter>('pending');
  const [rejecting, setRejecting] = useState<OverviewApplication | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const decide = usePolicyDecision(callId, { form });
  const routed = Boolean(definition.taskForceRouting);
  const rows = overview.applications.filter((a) => (filter === 'all' ? true : filter === 'pending' ? a.state === 'recommended' : a.state === filter));
  const count = (f: PolicyFilter) => overview.applications.filter((a) => (f === 'all' ? true : f === 'pending' ? a.state === 'recommended' : a.state === f)).length;

  const pass = (a: OverviewApplication) =>
    modal.confirm({
      title: t('selection.policy.confirmPass', { project: a.projectName }),
      okButtonProps: { 'data-testid': 'policy-pass-confirm' } as never,
      onOk: () => decide.mutateAsync({ applicationId: a.id, decision: 'pass', reason: '' }).then(() => void message.success(t('selection.policy.passed'))),
    });

  const columns: TableColumnsType<OverviewApplication> = [
    {
      key: 'project',
      title: t('recommendation.project'),
      render: (_, a) => (
        <div className="cell-stack">
          <Link to={`/applications/${a.id}`}>
            <Typography.Text strong>{a.projectName}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" className="cell-sub">
            {a.organizationName}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'city', title: t('selection.city'), width: 90, render: (_, a) => a.cityName ?? '—' },
    { key: 'state', title: t('applications.state'), width: 110, render: (_, a) => <ApplicationStateTag state={a.state} /> },
    ...(routed
      ? ([
          {
            key: 'taskForce',
            title: t('selection.policy.taskForce'),
            width: 240,
            render: (_, a) =>
              !a.taskForce ? (
                <Typography.Text type="secondary">{t('selection.policy.notRouted')}</Typography.Text>
              ) : !a.taskForce.at ? (
                <Tag color="gold">{t('selection.policy.awaitingOpinion')}</Tag>
              ) : (
                <div className="cell-stack" data-testid="task-force-opinion">
                  <Tag color={a.taskForce.supports ? 'success' : 'error'}>{t(a.taskForce.supports ? 'taskForce.supports' : 'taskForce.opposes')}</Tag>
                  <Typography.Text className="cell-sub">{a.taskForce.opinion}</Typography.Text>
                </div>
              ),
          },
        ] satisfies TableColumnsType<OverviewApplication>)
      : []),
    {
      key: 'review',
      title: t('selection.policy.result'),
      width: 200,
      render: (_, a) => {
        const review = a.policyReview as { decision?: string; reason?: string; by?: string } | null;
        return review?.decision ? (
          <div className="cell-stack">
            <span>{t(review.decision === 'pass' ? 'selection.policy.pass' : 'selection.policy.reject')}</span>
            {review.reason ? <Typography.Text className="cell-sub">{review.reason}</Typography.Text> : null}
          </div>
        ) : (
          '—'
        );
      },
    },
    ...(manage
      ? ([
          {
            key: 'actions',
            title: t('common.actions'),
            width: 170,
            render: (_, a) =>
              a.state === 'recommended' ? (
                <Space size={4}>
                  <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => pass(a)} data-testid={`policy-pass-${a.id}`} disabled={routed && Boolean(a.taskForce && !a.taskForce.at)}>
                    {t('selection.policy.pass')}
                  </Button>
                  <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(a)} data-testid={`policy-reject-${a.id}`}>
                    {t('selection.policy.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ] satisfies TableColumnsType<OverviewApplication>)
      : []),
  ];

  return (
    <>
      <Space className="tab-toolbar" wrap>
        <Segmented<PolicyFilter>
          value={filter}
          onChange={setFilter}
          options={POLICY_FILTERS.map((f) => ({ value: f, label: `${t(`selection.policy.filters.${f}`)} (${count(f)})` }))}
          data-testid="policy-filter"
        />
      </Space>
      <Table<OverviewApplication>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <EmptyState description={t('selection.policy.empty')} /> }}
        onRow={(a) => ({ 'data-testid': `policy-row-${a.id}` }) as never}
      />
      <Modal
        open={rejecting !== null}
        title={rejecting ? t('selection.policy.rejectTitle', { project: rejecting.projectName }) : ''}
        okText={t('selection.policy.reject')}
        okButtonProps={{ danger: true, loading: decide.isPending, 'data-testid': 'policy-reject-confirm' } as never}
        onOk={() => form.submit()}
        onCancel={() => setRejecting(null)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={({ reason }) =>
            rejecting &&
            decide.mutate(
              { applicationId: rejecting.id, decision: 'reject', reason: reason.trim() },
              {
                onSuccess: () => {
                  setRejecting(null);
                  void message.success(t('selection.policy.rejected'));
                },
              },
            )
          }
        >
          <Form.Item name="reason" label={t('selection.policy.reason')} rules={[{ required: true, whitespace: true, min: 2, max: 2000, message: t('selection.policy.reasonRequired') }]}>
            <Input.TextArea rows={4} maxLength={2000} data-testid="policy-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
