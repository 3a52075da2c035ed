/**
 * Spot checks (province): draw a sample of a call's funded projects with the share and the seed
 * shown (a seed entered reproduces an earlier draw), the sample by city, and a finding per project.
 */
import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Page } from '../../../../contracts/common.ts';
import { api, presentError } from '../../api/client.ts';
import { Citation } from '../../components/Citation.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';

type Finding = 'ok' | 'issues' | 'fraud';

export interface SpotCheckItem {
  id: string;
  spotCheckId: string;
  applicationId: string;
  cityId: string | null;
  cityName: string | null;
  organizationName: string;
  projectName: string;
  finding: Finding | null;
  notes: string | null;
  recoveryId: string | null;
  recordedAt: string | null;
}

interface SpotCheck {
  id: string;
  callId: string;
  callTitle: string;
  seed: string;
  minShare: number;
  stratifiedBy: 'city' | 'none';
  population: number;
  sampled: number;
  allocation: { cityId: string; cityName: string; population: number; sampled: number }[];
  citation: string | null;
  createdAt: string;
}

interface SpotCheckView {
  check: SpotCheck;
  items: SpotCheckItem[];
}

export const FINDING_COLOR: Record<Finding, string> = { ok: 'green', issues: 'orange', fraud: 'red' };

export default function SpotChecksPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [form] = Form.useForm<{ callId: string; minShare: number | null; seed: string }>();
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<SpotCheckItem | null>(null);
  const { params, onTableChange } = useListParams([] as const, { pageSize: 10 });

  const calls = useQuery({
    queryKey: ['spot-check-calls'],
    queryFn: ({ signal }) => api.get<Page<{ id: string; title: string }>>('/api/selection/calls', { page: 1, pageSize: 100 }, signal),
  });
  const checks = useQuery({
    queryKey: ['spot-checks', params.page, params.pageSize],
    queryFn: ({ signal }) => api.get<Page<SpotCheck>>('/api/spot-checks', { page: params.page, pageSize: params.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const current = useQuery({
    queryKey: ['spot-check', openId],
    queryFn: ({ signal }) => api.get<SpotCheckView>(`/api/spot-checks/${openId}`, undefined, signal),
    enabled: openId !== null,
  });

  const draw = useMutation({
    mutationFn: (v: { callId: string; minShare: number | null; seed: string }) =>
      api.post<SpotCheckView>('/api/spot-checks', { callId: v.callId, minShare: v.minShare ? Math.round(v.minShare * 100) : null, seed: v.seed?.trim() || null }),
    onSuccess: (view) => {
      client.setQueryData(['spot-check', view.check.id], view);
      setOpenId(view.check.id);
      void client.invalidateQueries({ queryKey: ['spot-checks'] });
    },
    onError: (error) => presentError(error, { surface: 'action', form }),
  });

  const historyColumns: TableColumnsType<SpotCheck> = [
    { title: t('spotCheck.createdAt'), dataIndex: 'createdAt', render: (v: string) => format.dateTime(v) },
    { title: t('spotCheck.call'), dataIndex: 'callTitle' },
    { title: t('spotCheck.share'), dataIndex: 'minShare', render: (v: number) => `${v / 100}%` },
    { title: t('spotCheck.seed'), dataIndex: 'seed', render: (v: string) => <Typography.Text code copyable>{v}</Typography.Text> },
    { title: t('spotCheck.sampled'), key: 'n', render: (_: unknown, c) => `${c.sampled} / ${c.population}` },
    {
      title: '',
      key: 'open',
      render: (_: unknown, c) => (
        <Button size="small" data-testid={`spot-check-open-${c.id}`} onClick={() => setOpenId(c.id)}>
          {t('spotCheck.open')}
        </Button>
      ),
    },
  ];

  const itemColumns: TableColumnsType<SpotCheckItem> = [
    { title: t('spotCheck.city'), dataIndex: 'cityName', render: (v: string | null) => v ?? '—' },
    { title: t('spotCheck.organization'), dataIndex: 'organizationName' },
    { title: t('spotCheck.project'), dataIndex: 'projectName', render: (v: string, i) => <Link to={`/projects/${i.applicationId}`}>{v}</Link> },
    {
      title: t('spotCheck.finding'),
      dataIndex: 'finding',
      render: (v: Finding | null) => (v ? <Tag color={FINDING_COLOR[v]}>{t(`spotCheck.findings.${v}`)}</Tag> : <Tag>{t('spotCheck.findings.pending')}</Tag>),
    },
    { title: t('spotCheck.notes'), dataIndex: 'notes', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '',
      key: 'record',
      render: (_: unknown, i) => (
        <Button size="small" data-testid={`spot-check-record-${i.id}`} onClick={() => setEditing(i)}>
          {t('spotCheck.record')}
        </Button>
      ),
    },
  ];

  return (
    <div>
      <PageHeader title={t('spotCheck.title')} subtitle={t('spotCheck.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={(v) => draw.mutate(v)} initialValues={{ minShare: null, seed: '' }}>
          <Form.Item name="callId" label={t('spotCheck.call')} rules={[{ required: true, message: t('spotCheck.callPlaceholder') }]}>
            <Select
              data-testid="spot-check-call"
              style={{ width: 320 }}
              placeholder={t('spotCheck.callPlaceholder')}
              loading={calls.isPending}
              options={(calls.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item name="minShare" label={t('spotCheck.minShare')} tooltip={t('spotCheck.minShareHelp')}>
            <InputNumber data-testid="spot-check-share" min={1} max={100} precision={2} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="seed" label={t('spotCheck.seed')} tooltip={t('spotCheck.seedHelp')}>
            <Input data-testid="spot-check-seed" style={{ width: 200 }} maxLength={64} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={draw.isPending} data-testid="spot-check-draw">
              {t('spotCheck.draw')}
            </Button>
          </Form.Item>
        </Form>
      </Card>

      {openId ? (
        <Card title={t('spotCheck.drawn')} style={{ marginBottom: 16 }} data-testid="spot-check-sample">
          <QueryView query={current}>
            {(view) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
                  <Descriptions.Item label={t('spotCheck.call')}>{view.check.callTitle}</Descriptions.Item>
                  <Descriptions.Item label={t('spotCheck.share')}>
                    {view.check.minShare / 100}% <Citation value={view.check.citation} hideEmpty />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('spotCheck.seed')}>
                    <Typography.Text code copyable data-testid="spot-check-seed-shown">
                      {view.check.seed}
                    </Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('spotCheck.population')}>{view.check.population}</Descriptions.Item>
                  <Descriptions.Item label={t('spotCheck.sampled')}>{view.check.sampled}</Descriptions.Item>
                  <Descriptions.Item label={t('spotCheck.byCity')}>
                    {view.check.stratifiedBy === 'city'
                      ? view.check.allocation.map((a) => (
                          <Tag key={a.cityId}>
                            {a.cityName || '—'} {a.sampled}/{a.population}
                          </Tag>
                        ))
                      : t('spotCheck.notStratified')}
                  </Descriptions.Item>
                </Descriptions>
                <Table<SpotCheckItem> rowKey="id" size="middle" data-testid="spot-check-items" columns={itemColumns} dataSource={view.items} pagination={false} locale={{ emptyText: t('spotCheck.emptySample') }} />
              </Space>
            )}
          </QueryView>
        </Card>
      ) : null}

      <Card title={t('spotCheck.history')}>
        <ServerTable<SpotCheck> query={checks} columns={historyColumns} params={params} onChange={onTableChange} emptyText={t('spotCheck.empty')} />
      </Card>

      {editing ? <FindingModal item={editing} onClose={() => setEditing(null)} onSaved={() => void client.invalidateQueries({ queryKey: ['spot-check', openId] })} /> : null}
    </div>
  );
}

function FindingModal({ item, onClose, onSaved }: { item: SpotCheckItem; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ finding: Finding; notes: string; recoveryYuan: number | null }>();
  const save = useMutation({
    mutationFn: (v: { finding: Finding; notes: string; recoveryYuan: number | null }) =>
      api.put<SpotCheckItem>(`/api/spot-check-items/${item.id}/finding`, { finding: v.finding, notes: v.notes?.trim() || null, recoveryAmountFen: v.recoveryYuan ? Math.round(v.recoveryYuan * 100) : null }),
    onSuccess: () => {
      onSaved();
      onClose();
    },
    onError: (error) => presentError(error, { surface: 'action', form }),
  });
  return (
    <Modal open title={`${t('spotCheck.record')} · ${item.organizationName}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'spot-check-finding-save' } as never}>
      <Form form={form} layout="vertical" initialValues={{ finding: item.finding ?? 'ok', notes: item.notes ?? '', recoveryYuan: null }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="finding" label={t('spotCheck.finding')} rules={[{ required: true }]}>
          <Select data-testid="spot-check-finding" options={(['ok', 'issues', 'fraud'] as const).map((f) => ({ value: f, label: t(`spotCheck.findings.${f}`) }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('spotCheck.notes')}>
          <Input.TextArea data-testid="spot-check-notes" rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="recoveryYuan" label={t('spotCheck.recovery')} extra={t('spotCheck.recoveryHelp')}>
          <InputNumber data-testid="spot-check-recovery" min={0.01} precision={2} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
