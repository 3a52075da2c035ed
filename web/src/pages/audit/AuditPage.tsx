/**
 * 审计日志: every recorded change, newest first, filterable and paged on the server (state in the
 * URL); a row unfolds to its before/after. "核验审计链" recomputes the tamper-evident hash chain.
 */
import { Alert, Button, Card, DatePicker, Form, Input, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { SafetyOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditEvent, AuditVerifyResult } from '../../../../contracts/audit.ts';
import { useUser } from '../../api/session.ts';
import { ListActions } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useFormat } from '../../lib/format.ts';
import { roleLabel } from '../../lib/labels.ts';
import { useListParams } from '../../lib/list-params.ts';
import { userMay } from '../../routes.ts';
import { AuditEventDetail } from './AuditEventDetail.tsx';
import { useAuditEvents, useVerifyChain, type AuditListParams } from './data.ts';

const FILTERS = ['action', 'entityType', 'entityId', 'actorId', 'from', 'to'] as const;
type FilterValues = { action?: string; entityType?: string; entityId?: string; actorId?: string; period?: [Dayjs | null, Dayjs | null] | null };

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert
        className="verify-result"
        type="success"
        showIcon
        data-testid="verify-result"
        title={t('audit.verify.ok', { checked: result.checked, algorithm: result.algorithm })}
        description={
          <>
            {result.unsealed > 0 ? <div>{t('audit.verify.unsealed', { count: result.unsealed })}</div> : null}
            {result.lastHash ? (
              <div>
                {t('audit.verify.lastHash')} <Typography.Text code copyable className="hash">{result.lastHash}</Typography.Text>
              </div>
            ) : null}
          </>
        }
      />
    );
  }
  const broken = result.firstBroken;
  return (
    <Alert
      className="verify-result"
      type="error"
      showIcon
      data-testid="verify-result"
      title={t('audit.verify.broken')}
      description={
        broken
          ? t('audit.verify.brokenAt', { sealNo: broken.sealNo, seq: broken.seq ?? '—', eventId: broken.eventId ?? '—', reason: broken.reason })
          : t('audit.verify.brokenUnknown')
      }
    />
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user } = useUser();
  const { params, update, onTableChange, filtered, clearFilters } = useListParams(FILTERS);
  const verify = useVerifyChain();
  const [form] = Form.useForm<FilterValues>();

  const query: AuditListParams = { page: params.page, pageSize: params.pageSize, order: params.order ?? 'desc', ...params.filters };
  const list = useAuditEvents(query);

  const applyFilters = (values: FilterValues) => {
    const [from, to] = values.period ?? [null, null];
    update({
      action: values.action?.trim() || undefined,
      entityType: values.entityType?.trim() || undefined,
      entityId: values.entityId?.trim() || undefined,
      actorId: values.actorId?.trim() || undefined,
      from: from ? from.format('YYYY-MM-DD') : undefined,
      to: to ? to.format('YYYY-MM-DD') : undefined,
    });
  };

  const columns: TableColumnsType<AuditEvent> = [
    { key: 'seq', dataIndex: 'seq', title: t('audit.seq'), width: 80, sorter: true, sortOrder: params.order === 'asc' ? 'ascend' : 'descend', sortDirections: ['descend', 'ascend', 'descend'], render: (seq: string) => <span className="mono">{seq}</span> },
    { key: 'occurredAt', dataIndex: 'occurredAt', title: t('audit.occurredAt'), width: 180, render: (value: string) => format.dateTime(value, true) },
    {
      key: 'actor',
      title: t('audit.actor'),
      width: 150,
      render: (_, e) =>
        e.actorId ? (
          <div className="cell-stack">
            <Tooltip title={t('audit.filterByActor')}>
              <Typography.Link onClick={(event) => { event.stopPropagation(); update({ actorId: e.actorId ?? undefined }); }}>{e.actorName ?? e.actorId}</Typography.Link>
            </Tooltip>
            <Typography.Text type="secondary" className="cell-sub">{roleLabel(e.actorRole, format.language)}</Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
        ),
    },
    {
      key: 'action',
      dataIndex: 'action',
      title: t('audit.action'),
      render: (action: string) => (
        <Tooltip title={t('audit.filterByAction')}>
          <Tag className="mono clickable" onClick={(event) => { event.stopPropagation(); update({ action }); }}>{action}</Tag>
        </Tooltip>
      ),
    },
    { key: 'entity', title: t('audit.entity'), render: (_, e) => <span className="mono">{e.entityType}{e.entityId ? ` #${e.entityId}` : ''}</span> },
    { key: 'ip', dataIndex: 'ip', title: t('audit.ip'), width: 130, render: (ip: string | null) => <span className="mono">{ip ?? '—'}</span> },
    { key: 'sealed', dataIndex: 'sealed', title: t('audit.sealed'), width: 90, render: (sealed: boolean) => (sealed ? <Tag color="success">{t('audit.sealedYes')}</Tag> : <Tag>{t('audit.sealedNo')}</Tag>) },
  ];

  const period: [Dayjs | null, Dayjs | null] | null =
    params.filters.from || params.filters.to ? [params.filters.from ? dayjs(params.filters.from) : null, params.filters.to ? dayjs(params.filters.to) : null] : null;

  return (
    <>
      <PageHeader
        title={t('nav.audit')}
        subtitle={t('navDesc.audit')}
        extra={
          userMay(user, 'audit.verify') ? (
            <Button icon={<SafetyOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="verify-chain">
              {t('audit.verify.button')}
            </Button>
          ) : null
        }
      />
      {verify.data ? <VerifyResult result={verify.data} /> : null}
      <Card variant="borderless" className="page-card">
        <Form<FilterValues>
          key={FILTERS.map((name) => params.filters[name] ?? '').join('|')}
          form={form}
          layout="inline"
          className="filter-form"
          initialValues={{ ...params.filters, period }}
          onFinish={applyFilters}
        >
          <Form.Item name="action" label={t('audit.action')}>
            <Input allowClear placeholder="account.create" className="filter-input" />
          </Form.Item>
          <Form.Item name="entityType" label={t('audit.entityType')}>
            <Input allowClear placeholder="account" className="filter-input-sm" />
          </Form.Item>
          <Form.Item name="entityId" label={t('audit.entityId')}>
            <Input allowClear className="filter-input-sm" />
          </Form.Item>
          <Form.Item name="actorId" label={t('audit.actorId')}>
            <Input allowClear className="filter-input-sm" />
          </Form.Item>
          <Form.Item name="period" label={t('audit.period')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <ListActions filtered={filtered} onClear={clearFilters} onRefresh={() => void list.refetch()}>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('common.search')}
              </Button>
            </ListActions>
          </Form.Item>
        </Form>

        <ServerTable<AuditEvent>
          query={list}
          columns={columns}
          params={params}
          onChange={onTableChange}
          emptyText={filtered ? t('states.noMatch') : t('audit.empty')}
          scroll={{ x: 1000 }}
          expandable={{ expandedRowRender: (event) => <AuditEventDetail event={event} />, expandRowByClick: true }}
        />
      </Card>
    </>
  );
}
