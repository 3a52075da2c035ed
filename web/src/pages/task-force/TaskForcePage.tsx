/**
 * 专班初审 (task-force reviewer): choose a call of the province, see the applications routed to the
 * reviewer's department (003: by the industry the application names), and record the department's
 * opinion — supports or not, with the reasons — until the province's policy review has decided.
 * The chosen call is in the URL (?call=).
 */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorResult } from '../../components/QueryState.tsx';
import { ApplicationStateTag } from '../../components/StatusTags.tsx';
import { useFormat } from '../../lib/format.ts';
import { useCalls } from '../calls/data.ts';
import { useTaskForceOpinion, useTaskForceQueue, type TaskForceItem } from '../recommendation/data.ts';

export default function TaskForcePage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const calls = useCalls({ page: 1, pageSize: 100, sort: 'deadlineAt', order: 'desc' });
  const chosen = search.get('call') ?? calls.data?.items[0]?.id ?? '';
  const choose = (id: string) => {
    const next = new URLSearchParams(window.location.search);
    next.set('call', id);
    setSearch(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('nav.taskForce')}
        subtitle={t('navDesc.taskForce')}
        extra={
          <Select
            className="call-select"
            style={{ width: 420 }}
            loading={calls.isPending}
            value={chosen || undefined}
            placeholder={t('taskForce.chooseCall')}
            onChange={choose}
            options={(calls.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
            data-testid="task-force-call"
            showSearch={{ optionFilterProp: 'label' }}
          />
        }
      />
      <Card variant="borderless" className="page-card">
        {calls.isError ? (
          <ErrorResult error={calls.error} onRetry={() => void calls.refetch()} />
        ) : !calls.isPending && !chosen ? (
          <EmptyState description={t('taskForce.noCalls')} />
        ) : chosen ? (
          <Queue callId={chosen} />
        ) : null}
      </Card>
    </>
  );
}

function Queue({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const queue = useTaskForceQueue(callId);
  const [editing, setEditing] = useState<TaskForceItem | null>(null);
  const [form] = Form.useForm<{ supports: boolean; opinion: string }>();
  const record = useTaskForceOpinion(callId, { form });

  if (queue.isError) return <ErrorResult error={queue.error} onRetry={() => void queue.refetch()} />;
  const items = queue.data?.items ?? [];

  const columns: TableColumnsType<TaskForceItem> = [
    {
      key: 'project',
      title: t('recommendation.project'),
      render: (_, a) => (
        <div className="cell-stack">
          <Typography.Text strong>{a.projectName}</Typography.Text>
          <Typography.Text type="secondary" className="cell-sub">
            {a.organizationName}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'city', title: t('selection.city'), width: 100, render: (_, a) => a.cityName ?? '—' },
    { key: 'state', title: t('applications.state'), width: 110, render: (_, a) => <ApplicationStateTag state={a.state} /> },
    { key: 'submittedAt', title: t('applications.submittedAt'), width: 150, render: (_, a) => format.dateTime(a.submittedAt) },
    {
      key: 'opinion',
      title: t('taskForce.opinion'),
      width: 280,
      render: (_, a) =>
        a.supports === null ? (
          <Tag color="gold">{t('taskForce.pending')}</Tag>
        ) : (
          <div className="cell-stack" data-testid={`opinion-${a.id}`}>
            <Tag color={a.supports ? 'success' : 'error'}>{t(a.supports ? 'taskForce.supports' : 'taskForce.opposes')}</Tag>
            <Typography.Text className="cell-sub">{a.opinion}</Typography.Text>
          </div>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 120,
      render: (_, a) =>
        a.state === 'recommended' ? (
          <Button
            size="small"
            type={a.supports === null ? 'primary' : 'default'}
            icon={<EditOutlined />}
            onClick={() => {
              setEditing(a);
              form.setFieldsValue({ supports: a.supports ?? true, opinion: a.opinion ?? '' });
            }}
            data-testid={`opinion-edit-${a.id}`}
          >
            {t(a.supports === null ? 'taskForce.record' : 'taskForce.change')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('taskForce.closed')}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <Table<TaskForceItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={queue.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 980 }}
        locale={{ emptyText: queue.isPending ? ' ' : <EmptyState description={t('taskForce.empty')} /> }}
        onRow={(a) => ({ 'data-testid': `task-force-row-${a.id}` }) as never}
      />
      <Modal
        open={editing !== null}
        title={editing ? t('taskForce.modalTitle', { project: editing.projectName }) : ''}
        okText={t('taskForce.save')}
        okButtonProps={{ loading: record.isPending, 'data-testid': 'opinion-save' } as never}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            editing &&
            record.mutate(
              { applicationId: editing.id, supports: v.supports, opinion: v.opinion.trim() },
              {
                onSuccess: () => {
                  setEditing(null);
                  void message.success(t('taskForce.saved'));
                },
              },
            )
          }
        >
          <Form.Item name="supports" label={t('taskForce.conclusion')} rules={[{ required: true }]}>
            <Radio.Group data-testid="opinion-supports">
              <Space>
                <Radio value={true} data-testid="opinion-supports-yes">
                  {t('taskForce.supports')}
                </Radio>
                <Radio value={false} data-testid="opinion-supports-no">
                  {t('taskForce.opposes')}
                </Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="opinion" label={t('taskForce.opinion')} rules={[{ required: true, whitespace: true, min: 2, max: 2000, message: t('taskForce.opinionRequired') }]}>
            <Input.TextArea rows={5} maxLength={2000} data-testid="opinion-text" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
