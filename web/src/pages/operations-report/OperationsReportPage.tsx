/**
 * An enterprise's monthly operating figures (003 三（一）): choose a month (from its first selection to
 * this month), the form prefilled from that month's latest revision when correcting it, else from the
 * month before; the months already reported; and the organization's API tokens (created with a name and
 * shown once, listed, revoked) for reporting from its own systems.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EFFECT_KEYS, type ApiToken, type CreatedToken, type MyMonth, type MyReports, type OperationReport } from '../../../../contracts/operations.ts';
import { EFFECTS } from '../../../../src/core/operations/report.ts';
import { api, presentError } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult, PageSkeleton } from '../../components/QueryState.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { bpToPercent, percentToBp } from '../../lib/money.ts';
import { monthLabel, monthsBetween, previousMonth } from '../operations/operations-view.ts';

interface FormValues {
  connectedDevices: number | null;
  platformUsers: number | null;
  industrialApps: number | null;
  cloudEnterprises: number | null;
  productLines: { productName: string; industryCode: string; unit: string; monthlyCapacity: number | null }[];
  /** Percentages as typed; sent as basis points. */
  effects: Partial<Record<(typeof EFFECT_KEYS)[number], number | null>>;
  note: string;
}

const EMPTY: FormValues = { connectedDevices: null, platformUsers: null, industrialApps: null, cloudEnterprises: null, productLines: [], effects: {}, note: '' };

function valuesOf(r: OperationReport): FormValues {
  return {
    connectedDevices: r.connectedDevices,
    platformUsers: r.platformUsers,
    industrialApps: r.industrialApps,
    cloudEnterprises: r.cloudEnterprises,
    productLines: r.productLines.map((l) => ({ ...l })),
    effects: Object.fromEntries(EFFECT_KEYS.map((k) => [k, r.effects[k] === null ? null : bpToPercent(r.effects[k]!)])),
    note: r.note ?? '',
  };
}

function bodyOf(month: string, v: FormValues) {
  return {
    month,
    connectedDevices: v.connectedDevices,
    platformUsers: v.platformUsers,
    industrialApps: v.industrialApps,
    cloudEnterprises: v.cloudEnterprises,
    productLines: (v.productLines ?? []).map((l) => ({ ...l, industryCode: l.industryCode?.trim().toUpperCase() })),
    effects: Object.fromEntries(EFFECT_KEYS.map((k) => [k, v.effects?.[k] === null || v.effects?.[k] === undefined ? null : percentToBp(v.effects[k]!)])),
    note: v.note?.trim() || null,
  };
}

const COUNTS = ['connectedDevices', 'platformUsers', 'industrialApps', 'cloudEnterprises'] as const;

export default function OperationsReportPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { params, onTableChange } = useListParams([] as const, { pageSize: 10 });
  const [month, setMonth] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [tokenName, setTokenName] = useState('');

  const reports = useQuery({
    queryKey: ['operations', 'my', params.page, params.pageSize],
    queryFn: ({ signal }) => api.get<MyReports>('/api/operations/my/reports', { page: params.page, pageSize: params.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const first = reports.data?.firstMonth ?? null;
  const current = reports.data?.currentMonth ?? null;
  // The month to report by default: last month (what is due), or this month when selected this month.
  useEffect(() => {
    if (month || !first || !current) return;
    const last = previousMonth(current);
    setMonth(last >= first ? last : current);
  }, [first, current, month]);

  const chosen = useQuery({
    queryKey: ['operations', 'my-month', month],
    queryFn: ({ signal }) => api.get<MyMonth>(`/api/operations/my/reports/${month}`, undefined, signal),
    enabled: month !== null && first !== null,
  });
  useEffect(() => {
    if (!chosen.data) return;
    const base = chosen.data.revisions[0] ?? chosen.data.previous;
    form.resetFields();
    form.setFieldsValue(base ? valuesOf(base) : EMPTY);
  }, [chosen.data, form]);

  const tokens = useQuery({ queryKey: ['operations', 'tokens'], queryFn: ({ signal }) => api.get<{ items: ApiToken[] }>('/api/operations/tokens', undefined, signal) });

  const submit = useMutation({
    mutationFn: (v: FormValues) => api.post<OperationReport>('/api/operations/my/reports', bodyOf(month!, v)),
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: ['operations'] });
      void message.success(t('operationsReport.submitted', { month: monthLabel(r.month, t), revision: r.revision }));
    },
    onError: (error) => presentError(error, { surface: 'action', form }),
  });
  const createToken = useMutation({
    mutationFn: (name: string) => api.post<CreatedToken>('/api/operations/tokens', { name }),
    onSuccess: (r) => {
      setCreated(r);
      setTokenName('');
      void client.invalidateQueries({ queryKey: ['operations', 'tokens'] });
    },
    onError: (error) => presentError(error, { surface: 'action' }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.post<ApiToken>(`/api/operations/tokens/${id}/revoke`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['operations', 'tokens'] }),
    onError: (error) => presentError(error, { surface: 'action' }),
  });

  const monthOptions = useMemo(() => (first && current ? monthsBetween(first, current).reverse().map((m) => ({ value: m, label: monthLabel(m, t) })) : []), [first, current, t]);

  if (reports.isPending) return <PageSkeleton />;
  if (reports.isError && !reports.data) return <ErrorResult error={reports.error} onRetry={() => void reports.refetch()} />;
  if (!first) {
    return (
      <div>
        <PageHeader title={t('nav.operationsReport')} subtitle={t('operationsReport.subtitle')} />
        <Alert type="info" showIcon data-testid="operations-not-eligible" message={t('operationsReport.notEligible')} />
      </div>
    );
  }

  const latest = chosen.data?.revisions[0];
  const columns: TableColumnsType<MyReports['items'][number]> = [
    { title: t('operations.fields.month'), dataIndex: 'month', render: (m: string) => monthLabel(m, t) },
    ...COUNTS.map((k) => ({ title: t(`operations.fields.${k}`), dataIndex: k, align: 'right' as const, render: (v: number) => v.toLocaleString(language) })),
    { title: t('operationsReport.revisions'), dataIndex: 'revisions', align: 'right' },
    { title: t('operationsReport.by'), dataIndex: 'source', render: (v: 'form' | 'api') => <Tag>{t(`operations.source.${v}`)}</Tag> },
    { title: t('operationsReport.reportedAt'), dataIndex: 'createdAt', render: (v: string) => format.dateTime(v) },
    {
      title: '',
      key: 'edit',
      render: (_v, r) => (
        <Button size="small" data-testid={`operations-edit-${r.month}`} onClick={() => setMonth(r.month)}>
          {t('operationsReport.edit')}
        </Button>
      ),
    },
  ];
  const tokenColumns: TableColumnsType<ApiToken> = [
    { title: t('operationsReport.tokens.name'), dataIndex: 'name' },
    { title: t('operationsReport.tokens.prefix'), dataIndex: 'prefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
    { title: t('operationsReport.tokens.createdAt'), dataIndex: 'createdAt', render: (v: string) => format.dateTime(v) },
    { title: t('operationsReport.tokens.lastUsedAt'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? format.dateTime(v) : t('operationsReport.tokens.never')) },
    { title: t('operationsReport.tokens.status'), dataIndex: 'revokedAt', render: (v: string | null) => (v ? <Tag>{t('operationsReport.tokens.revoked')}</Tag> : <Tag color="green">{t('operationsReport.tokens.active')}</Tag>) },
    {
      title: '',
      key: 'revoke',
      render: (_v, tk) =>
        tk.revokedAt ? null : (
          <Popconfirm title={t('operationsReport.tokens.revokeConfirm')} onConfirm={() => revoke.mutate(tk.id)}>
            <Button size="small" danger data-testid={`token-revoke-${tk.id}`}>
              {t('operationsReport.tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <div>
      <PageHeader title={t('nav.operationsReport')} subtitle={t('operationsReport.subtitle')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap align="center" style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('operations.fields.month')}</Typography.Text>
          <Select aria-label={t('operationsReport.chooseMonth')} data-testid="operations-month" style={{ width: 160 }} value={month ?? undefined} onChange={setMonth} options={monthOptions} />
          {chosen.data ? (
            <Typography.Text type="secondary" data-testid="operations-prefill">
              {latest
                ? t('operationsReport.correcting', { month: monthLabel(latest.month, t), revision: latest.revision })
                : chosen.data.previous
                  ? t('operationsReport.prefilled', { month: monthLabel(chosen.data.previous.month, t) })
                  : t('operationsReport.empty')}
            </Typography.Text>
          ) : null}
        </Space>
        {chosen.isError ? <ErrorResult error={chosen.error} onRetry={() => void chosen.refetch()} /> : null}
        <Form<FormValues> form={form} layout="vertical" initialValues={EMPTY} onFinish={(v) => submit.mutate(v)} disabled={!chosen.data} data-testid="operations-form">
          <Row gutter={12}>
            {COUNTS.map((k) => (
              <Col key={k} xs={12} md={6}>
                <Form.Item name={k} label={t(`operations.fields.${k}`)}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid={`operations-${k}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Typography.Text strong>{t('operations.fields.productLines')}</Typography.Text>
          <Form.List name="productLines">
            {(fields, { add, remove }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((field) => (
                  <Row key={field.key} gutter={8} align="top">
                    <Col xs={24} md={7}>
                      <Form.Item name={[field.name, 'productName']} label={t('operations.fields.productName')}>
                        <Input data-testid={`operations-line-${field.name}-product`} maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'industryCode']} label={t('operations.fields.industryCode')}>
                        <Input data-testid={`operations-line-${field.name}-industry`} placeholder="C3130" maxLength={5} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[field.name, 'unit']} label={t('operations.fields.unit')}>
                        <Input data-testid={`operations-line-${field.name}-unit`} maxLength={20} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={5}>
                      <Form.Item name={[field.name, 'monthlyCapacity']} label={t('operations.fields.monthlyCapacity')}>
                        <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid={`operations-line-${field.name}-capacity`} />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2}>
                      <Button type="text" aria-label={t('operationsReport.removeLine')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} data-testid="operations-add-line" onClick={() => add({ productName: '', industryCode: '', unit: '', monthlyCapacity: null })} style={{ marginBottom: 16 }}>
                  {t('operationsReport.addLine')}
                </Button>
              </div>
            )}
          </Form.List>
          <Typography.Text strong>{t('operations.effects.title')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('operations.effects.help')}
          </Typography.Paragraph>
          <Row gutter={12}>
            {EFFECTS.map((e) => (
              <Col key={e.key} xs={12} md={8} lg={4}>
                <Form.Item name={['effects', e.key]} label={t(`operations.effects.${e.key}`)} extra={t('operations.effects.goal', { goal: e.goal[language] })}>
                  <InputNumber step={0.1} precision={2} min={-100} max={1000} addonAfter="%" style={{ width: '100%' }} data-testid={`operations-effect-${e.key}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item name="note" label={t('operations.fields.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="operations-submit">
            {t('operationsReport.submit')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('operationsReport.history')} style={{ marginBottom: 12 }}>
        <div data-testid="operations-history">
          <ServerTable query={reports} columns={columns} params={params} onChange={onTableChange} emptyText={t('operationsReport.historyEmpty')} scroll={{ x: 900 }} />
        </div>
      </Card>
      <Card size="small" title={t('operationsReport.tokens.title')}>
        <Typography.Paragraph type="secondary">{t('operationsReport.tokens.help')}</Typography.Paragraph>
        <Space.Compact style={{ marginBottom: 12, maxWidth: 420, width: '100%' }}>
          <Input aria-label={t('operationsReport.tokens.name')} placeholder={t('operationsReport.tokens.namePlaceholder')} value={tokenName} maxLength={60} onChange={(e) => setTokenName(e.target.value)} data-testid="token-name" />
          <Button type="primary" disabled={!tokenName.trim()} loading={createToken.isPending} onClick={() => createToken.mutate(tokenName.trim())} data-testid="token-create">
            {t('operationsReport.tokens.create')}
          </Button>
        </Space.Compact>
        {tokens.isError ? (
          <ErrorResult error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : (
          <Table<ApiToken> rowKey="id" size="small" loading={tokens.isPending} columns={tokenColumns} dataSource={tokens.data?.items ?? []} pagination={false} locale={{ emptyText: t('operationsReport.tokens.empty') }} scroll={{ x: 700 }} />
        )}
      </Card>
      <Modal open={created !== null} title={t('operationsReport.tokens.createdTitle')} onOk={() => setCreated(null)} onCancel={() => setCreated(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        <Alert type="warning" showIcon message={t('operationsReport.tokens.createdHelp')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable code data-testid="token-value" style={{ wordBreak: 'break-all' }}>
          {created?.token}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
