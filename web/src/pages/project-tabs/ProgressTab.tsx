/**
 * 季度进展: the progress reports due at each quarter's end (overdue ones flagged by the server), the
 * applicant's submission (milestones, spending to date, problems), the city's and the province's
 * comments, and the guidance visits they log.
 */
import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, type ButtonProps, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MILESTONE_STATUSES } from '../../../../contracts/implementation.ts';
import { useUser } from '../../api/session.ts';
import { QueryView } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { formatFen, wanToFen } from '../../lib/money.ts';
import { userMay } from '../../routes.ts';
import { useAddVisit, useAgreement, useCommentReport, useReports, useSubmitReport, useVisits, type GuidanceVisit, type ProgressReport } from '../project/data.ts';

interface ReportForm {
  milestones: { name: string; status: string; note: string }[];
  spentWan: number;
  problems: string;
}

export default function ProgressTab({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { user } = useUser();
  const reports = useReports(projectId);
  const visits = useVisits(projectId);
  const agreement = useAgreement(projectId);
  const [reporting, setReporting] = useState<ProgressReport | null>(null);
  const [commenting, setCommenting] = useState<ProgressReport | null>(null);
  const [visiting, setVisiting] = useState(false);
  const [reportForm] = Form.useForm<ReportForm>();
  const [commentForm] = Form.useForm<{ comment: string }>();
  const [visitForm] = Form.useForm<{ visitDate: Dayjs; place: string; participants: string; notes: string }>();
  const party: 'city' | 'province' | null = userMay(user, 'project.supervise') ? 'city' : userMay(user, 'project.manage') ? 'province' : null;
  const submit = useSubmitReport(projectId, { form: reportForm });
  const comment = useCommentReport(projectId, party ?? 'province', { form: commentForm });
  const addVisit = useAddVisit(projectId, party ?? 'province', { form: visitForm });
  const reporter = userMay(user, 'project.report');

  const openReport = (r: ProgressReport) => {
    const milestones = r.content?.milestones ?? (agreement.data?.plan?.milestones ?? []).map((m) => ({ name: m.name, status: 'not_started', note: '' }));
    reportForm.setFieldsValue({ milestones, spentWan: r.content ? r.content.spentFen / 1_000_000 : 0, problems: r.content?.problems ?? '' });
    setReporting(r);
  };

  const columns: TableColumnsType<ProgressReport> = [
    { key: 'period', title: t('progress.period'), dataIndex: 'period', width: 90 },
    { key: 'dueDate', title: t('progress.dueDate'), width: 130, render: (_, r) => format.date(r.dueDate) },
    {
      key: 'status',
      title: t('progress.status'),
      width: 130,
      render: (_, r) => (
        <span data-testid={`report-status-${r.period}`}>
          {r.overdue ? <Tag color="error">{t('progress.overdue')}</Tag> : <Tag color={r.status === 'submitted' ? 'success' : 'default'}>{t(`progress.statuses.${r.status}`)}</Tag>}
        </span>
      ),
    },
    { key: 'spent', title: t('progress.spent'), width: 140, render: (_, r) => (r.content ? formatFen(r.content.spentFen, language) : '—') },
    {
      key: 'comments',
      title: t('progress.comments'),
      render: (_, r) =>
        r.comments.length
          ? r.comments.map((c, i) => (
              <div key={i}>
                <Typography.Text type="secondary">{t(`progress.by.${c.role}`, { defaultValue: c.role })}：</Typography.Text>
                {c.comment}
              </div>
            ))
          : '—',
    },
    {
      key: 'actions',
      title: '',
      width: 150,
      render: (_, r) => (
        <Space>
          {reporter && r.comments.length === 0 ? (
            <Button size="small" type={r.overdue ? 'primary' : 'default'} onClick={() => openReport(r)} data-testid={`report-fill-${r.period}`}>
              {t(r.status === 'submitted' ? 'progress.edit' : 'progress.fill')}
            </Button>
          ) : null}
          {party && r.status === 'submitted' ? (
            <Button size="small" onClick={() => setCommenting(r)} data-testid={`report-comment-${r.period}`}>
              {t('progress.comment')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const visitColumns: TableColumnsType<GuidanceVisit> = [
    { key: 'date', title: t('progress.visitDate'), width: 120, render: (_, v) => format.date(v.visitDate) },
    { key: 'org', title: t('progress.visitBy'), dataIndex: 'organizationName', width: 160 },
    { key: 'place', title: t('progress.place'), dataIndex: 'place', width: 160 },
    { key: 'participants', title: t('progress.participants'), dataIndex: 'participants', width: 180 },
    { key: 'notes', title: t('progress.notes'), dataIndex: 'notes' },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('progress.reports')}>
        <QueryView query={reports}>
          {(data) => <Table rowKey="id" size="small" columns={columns} dataSource={data.items} pagination={false} scroll={{ x: 900 }} locale={{ emptyText: t('progress.noReports') }} data-testid="report-table" />}
        </QueryView>
      </Card>
      <Card
        size="small"
        title={t('progress.visits')}
        extra={
          party ? (
            <Button size="small" onClick={() => setVisiting(true)} data-testid="visit-add">
              {t('progress.addVisit')}
            </Button>
          ) : null
        }
      >
        <QueryView query={visits}>
          {(data) => <Table rowKey="id" size="small" columns={visitColumns} dataSource={data.items} pagination={false} scroll={{ x: 800 }} locale={{ emptyText: t('progress.noVisits') }} data-testid="visit-table" />}
        </QueryView>
      </Card>

      <Modal open={reporting !== null} title={`${t('progress.fill')} ${reporting?.period ?? ''}`} onCancel={() => setReporting(null)} onOk={() => reportForm.submit()} confirmLoading={submit.isPending} okButtonProps={{ 'data-testid': 'report-submit' } as ButtonProps} width={720} destroyOnHidden>
        <Form
          form={reportForm}
          layout="vertical"
          onFinish={(v) =>
            submit.mutate(
              { reportId: reporting!.id, milestones: v.milestones ?? [], spentFen: wanToFen(v.spentWan ?? 0), problems: v.problems ?? '' },
              { onSuccess: () => setReporting(null) },
            )
          }
        >
          <Form.List name="milestones">
            {(fields) =>
              fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']}>
                    <Input readOnly style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'status']}>
                    <Select style={{ width: 120 }} options={MILESTONE_STATUSES.map((s) => ({ value: s, label: t(`progress.milestoneStatuses.${s}`) }))} data-testid={`report-milestone-status-${f.name}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']}>
                    <Input placeholder={t('progress.note')} style={{ width: 240 }} />
                  </Form.Item>
                </Space>
              ))
            }
          </Form.List>
          <Form.Item name="spentWan" label={t('progress.spentToDate')} rules={[{ required: true }]}>
            <InputNumber min={0} addonAfter={t('agreement.wan')} data-testid="report-spent" />
          </Form.Item>
          <Form.Item name="problems" label={t('progress.problems')}>
            <Input.TextArea rows={3} data-testid="report-problems" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={commenting !== null} title={t('progress.comment')} onCancel={() => setCommenting(null)} onOk={() => commentForm.submit()} confirmLoading={comment.isPending} okButtonProps={{ 'data-testid': 'report-comment-submit' } as ButtonProps} destroyOnHidden>
        <Form form={commentForm} layout="vertical" onFinish={(v) => comment.mutate({ reportId: commenting!.id, comment: v.comment }, { onSuccess: () => setCommenting(null) })}>
          <Form.Item name="comment" label={t('progress.comment')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} data-testid="report-comment-text" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={visiting} title={t('progress.addVisit')} onCancel={() => setVisiting(false)} onOk={() => visitForm.submit()} confirmLoading={addVisit.isPending} okButtonProps={{ 'data-testid': 'visit-submit' } as ButtonProps} destroyOnHidden>
        <Form form={visitForm} layout="vertical" onFinish={(v) => addVisit.mutate({ ...v, visitDate: v.visitDate.format('YYYY-MM-DD') }, { onSuccess: () => setVisiting(false) })}>
          <Form.Item name="visitDate" label={t('progress.visitDate')} rules={[{ required: true }]}>
            <DatePicker data-testid="visit-date" />
          </Form.Item>
          <Form.Item name="place" label={t('progress.place')} rules={[{ required: true }]}>
            <Input data-testid="visit-place" />
          </Form.Item>
          <Form.Item name="participants" label={t('progress.participants')} rules={[{ required: true }]}>
            <Input data-testid="visit-participants" />
          </Form.Item>
          <Form.Item name="notes" label={t('progress.notes')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} data-testid="visit-notes" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
