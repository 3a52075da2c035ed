/**
 * 专家分配 (a tab of the selection workspace): start a run with k and the load bounds, its progress
 * while the server solves it in the background (polled), the quality report (objective, greedy
 * baseline, LP bound, gap, loads), the assignments per application with conflicts shown, applying
 * the run, and adding or removing one expert by hand.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, InputNumber, Popconfirm, Select, Space, Spin, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AssignmentOverview, AssignmentRun } from '../../../../contracts/review.ts';
import { api } from '../../api/client.ts';
import { QueryView } from '../../components/QueryState.tsx';

type Row = AssignmentOverview['applications'][number];
const STATUS_COLORS: Record<string, string> = { assigned: 'orange', accepted: 'blue', declined_conflict: 'red', submitted: 'green' };

export default function AssignmentTab({ callId }: { callId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [runId, setRunId] = useState<string | null>(null);
  const [adding, setAdding] = useState<Record<string, string | undefined>>({});
  const overview = useQuery({ queryKey: ['assignments', callId], queryFn: ({ signal }) => api.get<AssignmentOverview>(`/api/calls/${callId}/assignments`, undefined, signal) });
  const shownRunId = runId ?? overview.data?.run?.id ?? null;
  const run = useQuery({
    queryKey: ['assignment-run', shownRunId],
    queryFn: ({ signal }) => api.get<AssignmentRun>(`/api/assignment-runs/${shownRunId}`, undefined, signal),
    enabled: Boolean(shownRunId),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['assignments', callId] });
    void queryClient.invalidateQueries({ queryKey: ['assignment-run'] });
    void queryClient.invalidateQueries({ queryKey: ['scores', callId] });
  };
  const start = useMutation({
    mutationFn: (v: { perApplication?: number; minLoad?: number; maxLoad?: number }) => api.post<AssignmentRun>(`/api/calls/${callId}/assignment-runs`, v),
    meta: { form },
    onSuccess: (r) => setRunId(r.id),
  });
  const apply = useMutation({ mutationFn: (id: string) => api.post(`/api/assignment-runs/${id}/apply`), onSuccess: refresh });
  const add = useMutation({ mutationFn: (v: { applicationId: string; expertId: string }) => api.post(`/api/calls/${callId}/assignments`, v), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (id: string) => api.delete(`/api/assignments/${id}`), onSuccess: refresh });

  const r = run.data;
  const q = r?.report?.quality;
  return (
    <QueryView query={overview}>
      {(o) => {
        const experts = new Map(o.experts.map((e) => [e.id, e]));
        const conflictsOf = (appId: string) => o.conflicts.filter((c) => c.applicationId === appId);
        const columns: TableColumnsType<Row> = [
          { key: 'project', title: t('assignment.application'), width: 260, render: (_, a) => <div className="cell-stack"><Typography.Text strong>{a.projectName}</Typography.Text><Typography.Text type="secondary" className="cell-sub">{a.organizationName} · {a.cityName ?? '—'}</Typography.Text></div> },
          {
            key: 'experts',
            title: t('assignment.experts'),
            render: (_, a) => (
              <Space size={[4, 4]} wrap>
                {o.assignments.filter((x) => x.applicationId === a.id).map((x) => (
                  <Tag key={x.id} color={STATUS_COLORS[x.status]} data-testid={`assignment-${x.id}`} closable={x.status === 'assigned' || x.status === 'accepted'} onClose={(e) => { e.preventDefault(); remove.mutate(x.id); }}>
                    {x.expertName}{x.manual ? ` · ${t('assignment.manual')}` : ''} · {t(`reviews.statuses.${x.status}`)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            key: 'conflicts',
            title: t('assignment.conflicts'),
            width: 220,
            render: (_, a) => (
              <Space size={[4, 4]} wrap>
                {conflictsOf(a.id).map((c) => (
                  <Tooltip key={c.expertId} title={c.reasons.map((x) => x.messages[lang]).join('；')}>
                    <Tag color="red">{experts.get(c.expertId)?.name ?? c.expertId}</Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          {
            key: 'add',
            title: t('assignment.addManual'),
            width: 240,
            render: (_, a) => {
              const taken = new Set(o.assignments.filter((x) => x.applicationId === a.id).map((x) => x.expertId));
              const blocked = new Set(conflictsOf(a.id).map((c) => c.expertId));
              return (
                <Space.Compact>
                  <Select
                    size="small"
                    style={{ width: 150 }}
                    placeholder={t('assignment.pickExpert')}
                    value={adding[a.id]}
                    onChange={(v: string) => setAdding((s) => ({ ...s, [a.id]: v }))}
                    data-testid={`assignment-pick-${a.id}`}
                    options={o.experts.filter((e) => !taken.has(e.id)).map((e) => ({ value: e.id, label: e.name, disabled: blocked.has(e.id) }))}
                  />
                  <Button size="small" disabled={!adding[a.id]} loading={add.isPending} data-testid={`assignment-add-${a.id}`} onClick={() => add.mutate({ applicationId: a.id, expertId: adding[a.id]! })}>
                    {t('assignment.add')}
                  </Button>
                </Space.Compact>
              );
            },
          },
        ];
        return (
          <>
            <Card variant="borderless" className="page-card" title={t('assignment.runTitle')}>
              <Form form={form} layout="inline" initialValues={{ perApplication: o.perApplication, minLoad: o.load.min ?? undefined, maxLoad: o.load.max ?? undefined }} onFinish={(v: { perApplication?: number; minLoad?: number; maxLoad?: number }) => start.mutate(v)}>
                <Form.Item name="perApplication" label={t('assignment.k')}>
                  <InputNumber min={1} max={15} data-testid="assignment-k" />
                </Form.Item>
                <Form.Item name="minLoad" label={t('assignment.minLoad')}>
                  <InputNumber min={0} max={1000} data-testid="assignment-min-load" />
                </Form.Item>
                <Form.Item name="maxLoad" label={t('assignment.maxLoad')}>
                  <InputNumber min={1} max={1000} placeholder={t('assignment.auto')} data-testid="assignment-max-load" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={start.isPending} disabled={r?.status === 'running'} data-testid="assignment-start">
                  {t('assignment.start')}
                </Button>
              </Form>
              <Typography.Text type="secondary">{t('assignment.counts', { applications: o.applications.length, experts: o.experts.length, conflicts: o.conflicts.length })}</Typography.Text>
              {r ? (
                <div className="form-gap" data-testid="assignment-run">
                  {r.status === 'running' ? <Spin description={t('assignment.running')} /> : null}
                  {r.status === 'failed' ? <Alert type="error" showIcon title={t('assignment.failed')} description={r.report?.reason?.[lang] ?? r.error} /> : null}
                  {q ? (
                    <Descriptions
                      size="small"
                      bordered
                      column={{ xs: 1, md: 3 }}
                      data-testid="assignment-quality"
                      items={[
                        { key: 'status', label: t('assignment.status'), children: <Tag>{t(`assignment.statuses.${r.status}`)}</Tag> },
                        { key: 'objective', label: t('assignment.objective'), children: r.objective },
                        { key: 'greedy', label: t('assignment.greedy'), children: r.greedyObjective },
                        { key: 'bound', label: t('assignment.bound'), children: r.bound ?? '—' },
                        { key: 'gap', label: t('assignment.gap'), children: q.gapPercent === null ? '—' : `${q.gapPercent.toFixed(2)}%` },
                        { key: 'loads', label: t('assignment.loads'), children: t('assignment.loadRange', { min: q.loads.min, max: q.loads.max, mean: q.loads.mean.toFixed(2) }) },
                        { key: 'unmatched', label: t('assignment.unmatched'), children: q.unmatchedTagPairs },
                        { key: 'pairs', label: t('assignment.pairs'), children: r.report?.pairs.length ?? 0 },
                      ]}
                    />
                  ) : null}
                  {r.status === 'done' ? (
                    <Popconfirm title={t('assignment.applyConfirm')} onConfirm={() => apply.mutateAsync(r.id)}>
                      <Button type="primary" className="form-gap" loading={apply.isPending} data-testid="assignment-apply">{t('assignment.apply')}</Button>
                    </Popconfirm>
                  ) : null}
                </div>
              ) : null}
            </Card>
            <Card variant="borderless" className="page-card" title={t('assignment.listTitle')}>
              <Table<Row> rowKey="id" size="small" columns={columns} dataSource={o.applications} pagination={o.applications.length > 20 ? { pageSize: 20 } : false} scroll={{ x: 980 }} locale={{ emptyText: t('assignment.empty') }} data-testid="assignment-table" />
            </Card>
          </>
        );
      }}
    </QueryView>
  );
}
