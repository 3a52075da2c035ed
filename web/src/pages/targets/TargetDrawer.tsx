/** One target: its history (chart and reports) and, for its lead department, the report form. */
import { App, Alert, Button, Descriptions, Drawer, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReportInputBody, TargetHistoryView, TargetReportView, TargetRowView } from '../../../../contracts/targets.ts';
import { api, presentError } from '../../api/client.ts';
import { Citation } from '../../components/Citation.tsx';
import { EChart } from '../../components/EChart.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { STATUS_COLORS, entryUnit, historyChart, toApiValue } from './target-view.ts';

interface FormValues {
  period: string;
  value: number | null;
  note: string;
  evidence: string;
}

export function TargetDrawer({ target, plan, onClose }: { target: TargetRowView | null; plan: string; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const id = target?.id;
  const history = useQuery({
    queryKey: ['targets', plan, 'history', id],
    queryFn: ({ signal }) => api.get<TargetHistoryView>(`/api/targets/${encodeURIComponent(id!)}/history`, { plan }, signal),
    enabled: Boolean(id),
  });
  const report = useMutation({
    mutationFn: (v: FormValues) => {
      const body: ReportInputBody = { period: v.period?.trim() ?? '', value: v.value === null || v.value === undefined ? null : toApiValue(v.value, target!.unit), note: v.note ?? '', evidence: v.evidence ?? '' };
      return api.post<TargetReportView>(`/api/targets/${encodeURIComponent(id!)}/reports`, body, { query: { plan } });
    },
    onSuccess: async () => {
      message.success(t('targetDashboard.form.saved'));
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['targets'] });
    },
    onError: (e) => presentError(e, { surface: 'action', form }),
  });

  const unit = target ? entryUnit(target.unit) : 'plain';
  const valueLabel = unit === 'wan' ? t('targetDashboard.form.valueWan') : unit === 'percent' ? t('targetDashboard.form.valuePercent') : t('targetDashboard.form.value');

  return (
    <Drawer open={Boolean(target)} onClose={onClose} size={720} title={target ? `${target.name[language]}（${target.year}）` : t('targetDashboard.detail.title')} destroyOnHidden data-testid="target-drawer">
      {target ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('targetDashboard.columns.value')}>{target.display.value[language]}</Descriptions.Item>
            <Descriptions.Item label={t('targetDashboard.columns.current')}>{target.display.current?.[language] ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('targetDashboard.columns.progress')}>{target.display.progress}</Descriptions.Item>
            <Descriptions.Item label={t('targetDashboard.columns.status')}>
              <Tag color={STATUS_COLORS[target.status]}>{t(`targetDashboard.status.${target.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('targetDashboard.columns.leadDepartment')}>{target.leadDepartment}</Descriptions.Item>
            <Descriptions.Item label={t('targetDashboard.columns.citation')}>
              <Citation value={target.citation} />
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary">
            {t('targetDashboard.detail.schedule', { start: format.date(`${target.scheduleStart}T12:00:00+08:00`), end: format.date(`${target.scheduleEnd}T12:00:00+08:00`), expected: `${Math.round(target.expected * 1000) / 10}%` })}
          </Typography.Text>
          <Typography.Title level={5}>{t('targetDashboard.detail.history')}</Typography.Title>
          <QueryView query={history} isEmpty={(h) => h.points.length === 0} empty={<Typography.Text type="secondary">{t('targetDashboard.detail.noHistory')}</Typography.Text>}>
            {(h) => (
              <>
                <EChart option={historyChart(h, language)} height={220} ariaLabel={t('targetDashboard.detail.historyAria')} testId="target-history-chart" />
                {h.reports.length ? (
                  <Table<TargetReportView>
                    rowKey="id"
                    size="small"
                    pagination={false}
                    data-testid="target-reports"
                    dataSource={[...h.reports].reverse()}
                    columns={[
                      { title: t('targetDashboard.form.period'), dataIndex: 'period', width: 80 },
                      { title: t('targetDashboard.form.value'), dataIndex: 'text', render: (v: TargetReportView['text']) => v[language] },
                      { title: t('targetDashboard.detail.evidence'), dataIndex: 'evidence', ellipsis: true },
                      { title: t('targetDashboard.detail.reportedBy'), dataIndex: 'organizationName', render: (v: string | null, r) => v ?? r.reportedByName ?? '—' },
                      { title: t('targetDashboard.detail.reportedAt'), dataIndex: 'createdAt', render: (v: string) => format.dateTime(v) },
                      { title: '', dataIndex: 'superseded', width: 80, render: (v: boolean) => (v ? <Tag>{t('targetDashboard.detail.superseded')}</Tag> : <Tag color="blue">{t('targetDashboard.detail.current')}</Tag>) },
                    ]}
                  />
                ) : null}
              </>
            )}
          </QueryView>
          {target.measure === 'computed' ? <Alert type="info" showIcon message={t('targetDashboard.detail.computedNote')} /> : null}
          {target.measure === 'reported' && !target.canReport ? <Alert type="info" showIcon message={t('targetDashboard.detail.notLead', { lead: target.leadDepartment })} /> : null}
          {target.canReport ? (
            <Form<FormValues> form={form} layout="vertical" onFinish={(v) => report.mutate(v)} data-testid="target-report-form" initialValues={{ note: '', evidence: '' }}>
              <Typography.Title level={5}>{t('targetDashboard.form.title')}</Typography.Title>
              <Space align="start" wrap>
                <Form.Item name="period" label={t('targetDashboard.form.period')} extra={target.every === 'year' ? t('targetDashboard.form.periodYear') : t('targetDashboard.form.periodQuarter')}>
                  <Input style={{ width: 160 }} data-testid="target-report-period" />
                </Form.Item>
                <Form.Item name="value" label={valueLabel}>
                  <InputNumber style={{ width: 220 }} data-testid="target-report-value" />
                </Form.Item>
              </Space>
              <Form.Item name="evidence" label={t('targetDashboard.form.evidence')} extra={t('targetDashboard.form.evidenceHelp')}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="target-report-evidence" />
              </Form.Item>
              <Form.Item name="note" label={t('targetDashboard.form.note')} extra={t('targetDashboard.form.supersedeHelp')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={report.isPending} data-testid="target-report-submit">
                {t('targetDashboard.form.submit')}
              </Button>
            </Form>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}
