/**
 * 评分与排名 (a tab of the selection workspace): each application's expert totals (with the experts'
 * names), the aggregate by the program's rule and the progress; the panel's record (consensus and
 * defense hearing) per application; the ranking per direction with the threshold line and the
 * tie-break explanations; and closing scoring, which records the final scores.
 */
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Drawer, Form, Input, Popconfirm, Progress, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { CallRanking, CallScores, PanelRecord } from '../../../../contracts/review.ts';
import { api } from '../../api/client.ts';
import { Citation } from '../../components/Citation.tsx';
import { QueryView } from '../../components/QueryState.tsx';

type Row = CallScores['rows'][number];
type Entry = CallRanking['ranking']['rankings'][number]['entries'][number];

export default function ScoresTab({ callId }: { callId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const queryClient = useQueryClient();
  const [panelFor, setPanelFor] = useState<Row | null>(null);
  const [form] = Form.useForm();
  const scores = useQuery({ queryKey: ['scores', callId], queryFn: ({ signal }) => api.get<CallScores>(`/api/calls/${callId}/scores`, undefined, signal) });
  const ranking = useQuery({ queryKey: ['ranking', callId], queryFn: ({ signal }) => api.get<CallRanking>(`/api/calls/${callId}/ranking`, undefined, signal) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['scores', callId] });
    void queryClient.invalidateQueries({ queryKey: ['ranking', callId] });
  };
  const savePanel = useMutation({
    mutationFn: (v: { applicationId: string; body: PanelRecord }) => api.put<PanelRecord>(`/api/applications/${v.applicationId}/panel`, v.body),
    meta: { form },
    onSuccess: () => {
      setPanelFor(null);
      refresh();
    },
  });
  const close = useMutation({ mutationFn: () => api.post(`/api/calls/${callId}/close-scoring`), onSuccess: refresh });

  const openPanel = (r: Row) => {
    setPanelFor(r);
    form.resetFields();
    const d = r.panel?.defense;
    form.setFieldsValue({ consensus: r.panel?.consensus ?? '', slotAt: d?.slotAt ? dayjs(d.slotAt) : null, place: d?.place ?? '', attended: d?.attended ?? null, outcome: d?.outcome ?? '' });
  };
  const submitPanel = (v: { consensus?: string; slotAt?: dayjs.Dayjs | null; place?: string; attended?: boolean | null; outcome?: string }) => {
    if (!panelFor) return;
    const defense = scores.data?.defenseHearing || v.slotAt || v.place || v.outcome ? { slotAt: v.slotAt ? v.slotAt.toISOString() : null, place: v.place || null, attended: v.attended ?? null, outcome: v.outcome || null } : null;
    savePanel.mutate({ applicationId: panelFor.application.id, body: { consensus: v.consensus || null, defense } });
  };

  return (
    <QueryView query={scores}>
      {(s) => {
        const columns: TableColumnsType<Row> = [
          { key: 'project', title: t('scores.application'), width: 240, render: (_, r) => <div className="cell-stack"><Typography.Text strong>{r.application.projectName}</Typography.Text><Typography.Text type="secondary" className="cell-sub">{r.application.organizationName}</Typography.Text></div> },
          {
            key: 'experts',
            title: t('scores.expertTotals'),
            render: (_, r) => (
              <Space size={[4, 4]} wrap>
                {r.experts.map((x) => (
                  <Tooltip key={x.id} title={x.comment ?? ''}>
                    <Tag color={x.status === 'submitted' ? 'green' : x.status === 'declined_conflict' ? 'default' : 'orange'}>
                      {x.expertName}：{x.status === 'submitted' ? x.total : t(`reviews.statuses.${x.status}`)}
                    </Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          { key: 'progress', title: t('scores.progress'), width: 140, render: (_, r) => <Progress size="small" percent={r.assigned ? Math.round((100 * r.submitted) / r.assigned) : 0} format={() => `${r.submitted}/${r.assigned}`} /> },
          { key: 'aggregate', title: t('scores.aggregate'), width: 120, render: (_, r) => (r.aggregate ? <Tooltip title={r.aggregate.messages[lang]}><Typography.Text strong>{r.aggregate.score}</Typography.Text></Tooltip> : '—') },
          { key: 'final', title: t('scores.finalScore'), width: 100, render: (_, r) => r.application.finalScore ?? '—' },
          { key: 'panel', title: t('scores.panel'), width: 120, render: (_, r) => <Button size="small" data-testid={`scores-panel-${r.application.id}`} onClick={() => openPanel(r)}>{r.panel ? t('scores.editPanel') : t('scores.recordPanel')}</Button> },
        ];
        return (
          <>
            <Card variant="borderless" className="page-card" title={t('scores.title')} extra={<Typography.Text type="secondary">{t(`scores.aggregation.${s.aggregation}`)}</Typography.Text>}>
              <Table<Row> rowKey={(r) => r.application.id} size="small" columns={columns} dataSource={s.rows} pagination={s.rows.length > 20 ? { pageSize: 20 } : false} scroll={{ x: 980 }} locale={{ emptyText: t('scores.empty') }} data-testid="scores-table" />
            </Card>
            <Card
              variant="borderless"
              className="page-card"
              title={t('scores.ranking')}
              extra={
                s.rows.length > 0 && s.rows.every((r) => r.application.finalScore !== null) ? (
                  <Tag color="success" data-testid="scores-closed">
                    {t('scores.closed')}
                  </Tag>
                ) : (
                  <Popconfirm title={t('scores.closeConfirm')} onConfirm={() => close.mutateAsync()}>
                    <Button type="primary" loading={close.isPending} disabled={!ranking.data || ranking.data.incomplete.length > 0} data-testid="scores-close">{t('scores.close')}</Button>
                  </Popconfirm>
                )
              }
            >
              <QueryView query={ranking}>
                {(rk) => {
                  const names = new Map(rk.applications.map((a) => [a.id, a]));
                  return (
                    <>
                      {rk.incomplete.length ? <Alert type="warning" showIcon className="page-alert" title={t('scores.incomplete', { count: rk.incomplete.length })} /> : null}
                      <Typography.Paragraph type="secondary">
                        {rk.ranking.threshold === null ? t('scores.noThreshold') : t('scores.threshold', { threshold: rk.ranking.threshold })}
                        {rk.ranking.thresholdCitation ? <> <Citation value={rk.ranking.thresholdCitation} /></> : null}
                      </Typography.Paragraph>
                      {rk.ranking.rankings.map((g) => (
                        <div key={g.direction ?? 'none'} className="form-gap" data-testid={`ranking-${g.direction ?? 'none'}`}>
                          <Typography.Title level={5}>{g.name ? `${g.direction} ${g.name[lang]}` : t('scores.noDirection')}</Typography.Title>
                          <Table<Entry>
                            rowKey="applicationId"
                            size="small"
                            pagination={false}
                            dataSource={g.entries}
                            rowClassName={(e, i) => (!e.aboveThreshold && (i === 0 || g.entries[i - 1]!.aboveThreshold) ? 'threshold-row below-threshold' : e.aboveThreshold ? '' : 'below-threshold')}
                            columns={[
                              { key: 'rank', dataIndex: 'rank', title: t('scores.rank'), width: 70 },
                              { key: 'project', title: t('scores.application'), render: (_, e) => names.get(e.applicationId)?.projectName ?? e.applicationId },
                              { key: 'score', dataIndex: 'score', title: t('scores.score'), width: 90 },
                              { key: 'threshold', title: t('scores.thresholdLine'), width: 120, render: (_, e) => (e.aboveThreshold ? <Tag color="green">{t('scores.above')}</Tag> : <Tag color="red">{t('scores.below')}</Tag>) },
                              { key: 'tie', title: t('scores.tieBreak'), render: (_, e) => (e.tieWithPrevious ? <span>{e.tieWithPrevious.messages[lang]} {e.tieWithPrevious.citation ? <Citation value={e.tieWithPrevious.citation} /> : null}</span> : '—') },
                            ]}
                          />
                        </div>
                      ))}
                      {rk.ranking.rankings.length === 0 ? <Typography.Text type="secondary">{t('scores.noRanking')}</Typography.Text> : null}
                    </>
                  );
                }}
              </QueryView>
            </Card>
            <Drawer open={panelFor !== null} onClose={() => setPanelFor(null)} size={480} destroyOnHidden title={panelFor?.application.projectName} extra={<Button type="primary" loading={savePanel.isPending} onClick={() => form.submit()} data-testid="panel-save">{t('scores.savePanel')}</Button>}>
              <Form form={form} layout="vertical" onFinish={submitPanel}>
                <Form.Item name="consensus" label={t('scores.consensus')}>
                  <Input.TextArea rows={4} maxLength={5000} data-testid="panel-consensus" />
                </Form.Item>
                <Typography.Title level={5}>{t('scores.defense')}</Typography.Title>
                <Form.Item name="slotAt" label={t('scores.slotAt')}>
                  <DatePicker showTime format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="panel-slot" />
                </Form.Item>
                <Form.Item name="place" label={t('scores.place')}>
                  <Input maxLength={200} data-testid="panel-place" />
                </Form.Item>
                <Form.Item name="attended" label={t('scores.attended')}>
                  <Select allowClear data-testid="panel-attended" options={[{ value: true, label: t('scores.yes') }, { value: false, label: t('scores.no') }]} />
                </Form.Item>
                <Form.Item name="outcome" label={t('scores.outcome')}>
                  <Input.TextArea rows={3} maxLength={2000} data-testid="panel-outcome" />
                </Form.Item>
              </Form>
            </Drawer>
          </>
        );
      }}
    </QueryView>
  );
}
