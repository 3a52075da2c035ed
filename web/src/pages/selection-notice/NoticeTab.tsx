/**
 * The selection workspace's notice tab (province): the decision from the ranking (proposed shortlist
 * with checkboxes, a reason for every change, confirm), the notice draft with the period it would
 * have and its publication, the objections with their handling, and the final list.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DecisionView, NoticeView } from '../../../../contracts/notices.ts';
import { ApiError, api, downloadFile, presentError } from '../../api/client.ts';
import { DocumentDownload } from '../../components/DocumentDownload.tsx';
import { EmptyState, ErrorResult, PageSkeleton } from '../../components/QueryState.tsx';
import { useFormat } from '../../lib/format.ts';
import { periodText } from '../public-notice/period.ts';

type Entry = DecisionView['entries'][number];
type Item = NoticeView['items'][number];
interface Objection {
  id: string;
  applicationId: string | null;
  projectName: string | null;
  name: string;
  contact: string;
  content: string;
  attachmentName: string | null;
  status: 'received' | 'investigating' | 'upheld' | 'dismissed';
  outcome: string | null;
  handledBy: string | null;
  handledAt: string | null;
  createdAt: string;
}

const STATUS_COLOR: Record<string, string> = { draft: 'default', published: 'processing', ended: 'warning', final: 'success', received: 'default', investigating: 'processing', upheld: 'error', dismissed: 'success' };
const NEXT: Record<Objection['status'], ('investigating' | 'upheld' | 'dismissed')[]> = { received: ['investigating'], investigating: ['upheld', 'dismissed'], upheld: [], dismissed: [] };

export default function NoticeTab({ callId }: { callId: string }) {
  const decision = useQuery({ queryKey: ['decision', callId], queryFn: ({ signal }) => api.get<DecisionView>(`/api/calls/${callId}/decision`, undefined, signal) });
  const notice = useQuery({
    queryKey: ['notice', callId],
    queryFn: async ({ signal }) => {
      try {
        return await api.get<NoticeView>(`/api/calls/${callId}/notice`, undefined, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
  if (decision.isPending || notice.isPending) return <PageSkeleton />;
  if (decision.isError) return <ErrorResult error={decision.error} onRetry={() => void decision.refetch()} />;
  if (notice.isError) return <ErrorResult error={notice.error} onRetry={() => void notice.refetch()} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="notice-tab">
      {/* Keyed on the proposal, so that a new ranking (scores completed) resets the checkboxes. */}
      <DecisionPanel key={`${decision.data.decided?.at ?? ''}:${decision.data.entries.filter((e) => e.proposed).map((e) => e.applicationId).join(',')}`} callId={callId} view={decision.data} />
      {notice.data && !notice.data.noticeRequired ? (
        // The program sets no public notice (001): the decided list is published as the final list.
        <FinalListPanel callId={callId} notice={notice.data} />
      ) : notice.data ? (
        <>
          <NoticePanel callId={callId} notice={notice.data} />
          {notice.data.status !== 'draft' ? <ObjectionsPanel callId={callId} notice={notice.data} /> : null}
          {notice.data.status !== 'draft' ? <FinalListPanel callId={callId} notice={notice.data} /> : null}
        </>
      ) : null}
    </Space>
  );
}

function useRefresh(callId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['decision', callId] });
    void client.invalidateQueries({ queryKey: ['notice', callId] });
    void client.invalidateQueries({ queryKey: ['objections', callId] });
  };
}

// ——— Decision ———

function DecisionPanel({ callId, view }: { callId: string; view: DecisionView }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const format = useFormat();
  const refresh = useRefresh(callId);
  const decided = view.decided !== null;
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(view.entries.filter((e) => e.proposed).map((e) => e.applicationId)));
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const confirm = useMutation({
    mutationFn: () => api.post<DecisionView>(`/api/calls/${callId}/decision`, { shortlist: [...chosen], reasons }),
    onSuccess: () => {
      message.success(t('decision.confirmed'));
      refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.errors?.length) {
        const lang = format.language;
        setErrors(Object.fromEntries(error.problem.errors.map((e) => [e.path.replace(/^reasons\./, ''), e.messages[lang]])));
      }
      presentError(error, { surface: 'action' });
    },
  });
  const columns: TableColumnsType<Entry> = [
    { title: t('decision.direction'), key: 'direction', width: 150, render: (_, e) => (e.directionName ? `${e.direction ?? ''} ${e.directionName[format.language]}` : '—') },
    { title: t('decision.rank'), dataIndex: 'rank', width: 80 },
    { title: t('decision.project'), dataIndex: 'projectName', ellipsis: true },
    { title: t('decision.organization'), dataIndex: 'organizationName', ellipsis: true },
    { title: t('decision.city'), dataIndex: 'cityName', width: 100 },
    {
      title: t('decision.score'),
      key: 'score',
      width: 120,
      render: (_, e) => (
        <Space size={4}>
          <span>{e.score}</span>
          {e.aboveThreshold ? null : <Tag color="warning">{t('decision.belowThreshold')}</Tag>}
        </Space>
      ),
    },
    { title: t('decision.proposed'), key: 'proposed', width: 70, render: (_, e) => (e.proposed ? '✓' : '') },
    {
      title: decided ? t('decision.shortlisted') : t('decision.include'),
      key: 'include',
      width: 90,
      render: (_, e) =>
        decided ? (
          <Tag color={e.shortlisted ? 'success' : 'default'}>{e.shortlisted ? t('decision.shortlisted') : t('decision.leftOut')}</Tag>
        ) : (
          <Checkbox
            data-testid={`decision-check-${e.applicationId}`}
            checked={chosen.has(e.applicationId)}
            aria-label={t('decision.include')}
            onChange={(ev) => {
              const next = new Set(chosen);
              if (ev.target.checked) next.add(e.applicationId);
              else next.delete(e.applicationId);
              setChosen(next);
            }}
          />
        ),
    },
    {
      title: t('decision.reason'),
      key: 'reason',
      width: 240,
      render: (_, e) => {
        if (decided) return e.reason ?? '';
        if (chosen.has(e.applicationId) === e.proposed) return null;
        return (
          <Form.Item style={{ margin: 0 }} validateStatus={errors[e.applicationId] ? 'error' : undefined} help={errors[e.applicationId]}>
            <Input
              data-testid={`decision-reason-${e.applicationId}`}
              value={reasons[e.applicationId] ?? ''}
              placeholder={t('decision.reasonPlaceholder')}
              onChange={(ev) => setReasons({ ...reasons, [e.applicationId]: ev.target.value })}
            />
          </Form.Item>
        );
      },
    },
  ];
  return (
    <Card title={t('decision.title')} data-testid="decision-panel">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('decision.intro')}
        </Typography.Paragraph>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('decision.threshold')}>{view.threshold ?? t('decision.noThreshold')}</Descriptions.Item>
          <Descriptions.Item label={t('decision.quota')}>{view.quota.total ?? t('decision.noQuota')}</Descriptions.Item>
        </Descriptions>
        {view.decided ? (
          <Alert type="success" showIcon data-testid="decision-done" title={t('decision.decidedBy', { by: view.decided.by, at: format.dateTime(view.decided.at), shortlisted: view.decided.shortlisted, leftOut: view.decided.leftOut })} />
        ) : null}
        {view.incomplete.length ? (
          <Alert
            type="warning"
            showIcon
            data-testid="decision-incomplete"
            title={t('decision.incompleteTitle', { count: view.incomplete.length })}
            description={view.incomplete.map((i) => `${i.projectName}（${i.organizationName}）`).join('；')}
          />
        ) : null}
        <Table<Entry>
          rowKey="applicationId"
          size="small"
          data-testid="decision-table"
          columns={columns}
          dataSource={view.entries}
          pagination={false}
          scroll={{ x: 1100, y: 420 }}
          locale={{ emptyText: <EmptyState description={t('decision.empty')} /> }}
        />
        {decided ? null : (
          <Button
            type="primary"
            data-testid="decision-confirm"
            disabled={view.incomplete.length > 0 || view.entries.length === 0}
            loading={confirm.isPending}
            onClick={() =>
              modal.confirm({
                title: t('decision.confirmTitle'),
                content: t('decision.confirmContent', { shortlisted: chosen.size, leftOut: view.entries.length - chosen.size }),
                onOk: () => {
                  setErrors({});
                  confirm.mutate();
                },
              })
            }
          >
            {t('decision.confirm')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

// ——— Notice ———

function PeriodLine({ notice }: { notice: NoticeView }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!notice.period) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="notice-period">
      <Typography.Text>
        <Typography.Text strong>{notice.periodIsPreview ? t('publicNotice.periodPreview') : t('publicNotice.period')}</Typography.Text> {periodText(notice.period, format.language, t)}
      </Typography.Text>
      {notice.period.provisional ? <Alert type="warning" showIcon data-testid="notice-provisional" title={t('publicNotice.provisional')} /> : null}
    </Space>
  );
}

function NoticePanel({ callId, notice }: { callId: string; notice: NoticeView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh(callId);
  const [form] = Form.useForm();
  const draft = notice.status === 'draft';
  const save = useMutation({
    mutationFn: (values: unknown) => api.put<NoticeView>(`/api/calls/${callId}/notice`, values),
    onSuccess: () => {
      message.success(t('publicNotice.saved'));
      refresh();
    },
    onError: (error) => presentError(error, { surface: 'action', form }),
  });
  const publish = useMutation({
    mutationFn: async () => {
      await api.put<NoticeView>(`/api/calls/${callId}/notice`, await form.validateFields());
      return api.post<NoticeView>(`/api/calls/${callId}/notice/publish`);
    },
    onSuccess: () => {
      message.success(t('publicNotice.published'));
      refresh();
    },
    onError: (error) => presentError(error, { surface: 'action', form }),
  });
  const columns: TableColumnsType<Item> = [
    { title: t('publicNotice.position'), dataIndex: 'position', width: 60 },
    { title: t('decision.organization'), dataIndex: 'organizationName' },
    { title: t('decision.project'), dataIndex: 'projectName' },
    { title: t('decision.city'), dataIndex: 'cityName', width: 100 },
    { title: t('decision.direction'), dataIndex: 'direction', ellipsis: true },
    { title: '', key: 'removed', width: 80, render: (_, i) => (i.removed ? <Tag color="error">{t('publicNotice.removed')}</Tag> : null) },
  ];
  return (
    <Card
      title={
        <Space>
          {t('publicNotice.title')}
          <Tag color={STATUS_COLOR[notice.status]} data-testid="notice-status">
            {t(`publicNotice.status.${notice.status}`)}
          </Tag>
        </Space>
      }
      extra={
        <Space>
          {draft ? null : (
            <Link to={`/public/notices/${notice.id}`} target="_blank" data-testid="notice-public-link">
              {t('publicNotice.publicLink')}
            </Link>
          )}
          <DocumentDownload base={`/api/calls/${callId}/notice/document`} formats={['docx', 'xlsx', 'pdf']} fileName="notice" label={t('publicNotice.docx')} testId="notice-docx" />
        </Space>
      }
      data-testid="notice-panel"
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <PeriodLine notice={notice} />
        {draft ? (
          <Form
            form={form}
            layout="vertical"
            initialValues={{ title: notice.title, body: notice.body, contact: notice.contact ?? { name: '', phone: '', email: null } }}
            onFinish={(values) => save.mutate(values)}
            data-testid="notice-form"
          >
            <Form.Item name="title" label={t('publicNotice.noticeTitle')} rules={[{ required: true, min: 2 }]}>
              <Input data-testid="notice-title" maxLength={200} />
            </Form.Item>
            <Form.Item name="body" label={t('publicNotice.body')}>
              <Input.TextArea data-testid="notice-body" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={10000} />
            </Form.Item>
            <Space wrap>
              <Form.Item name={['contact', 'name']} label={t('publicNotice.contactName')} rules={[{ required: true }]}>
                <Input data-testid="notice-contact-name" maxLength={50} />
              </Form.Item>
              <Form.Item name={['contact', 'phone']} label={t('publicNotice.contactPhone')} rules={[{ required: true, min: 5 }]}>
                <Input data-testid="notice-contact-phone" maxLength={40} />
              </Form.Item>
              <Form.Item name={['contact', 'email']} label={t('publicNotice.contactEmail')}>
                <Input data-testid="notice-contact-email" maxLength={100} />
              </Form.Item>
            </Space>
            <Space>
              <Button htmlType="submit" data-testid="notice-save" loading={save.isPending}>
                {t('publicNotice.save')}
              </Button>
              <Popconfirm title={t('publicNotice.publishTitle')} description={t('publicNotice.publishContent')} onConfirm={() => publish.mutate()}>
                <Button type="primary" data-testid="notice-publish" loading={publish.isPending}>
                  {t('publicNotice.publish')}
                </Button>
              </Popconfirm>
            </Space>
          </Form>
        ) : (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('publicNotice.noticeTitle')}>{notice.title}</Descriptions.Item>
            <Descriptions.Item label={t('publicNotice.contactName')}>{notice.contact ? `${notice.contact.name} ${notice.contact.phone}` : '—'}</Descriptions.Item>
          </Descriptions>
        )}
        <Typography.Title level={5}>{t('publicNotice.items')}</Typography.Title>
        <Table<Item> rowKey="applicationId" size="small" data-testid="notice-items" columns={columns} dataSource={notice.items} pagination={false} scroll={{ x: 900 }} />
      </Space>
    </Card>
  );
}

// ——— Objections ———

function ObjectionsPanel({ callId, notice }: { callId: string; notice: NoticeView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery({ queryKey: ['objections', callId], queryFn: ({ signal }) => api.get<{ items: Objection[] }>(`/api/calls/${callId}/objections`, undefined, signal) });
  const [handling, setHandling] = useState<Objection | null>(null);
  const columns: TableColumnsType<Objection> = [
    { title: t('objection.receivedAt'), key: 'createdAt', width: 150, render: (_, o) => format.dateTime(o.createdAt) },
    { title: t('objection.objector'), key: 'objector', width: 160, render: (_, o) => <>{o.name}<br /><Typography.Text type="secondary">{o.contact}</Typography.Text></> },
    { title: t('objection.project'), dataIndex: 'projectName', width: 180, render: (v: string | null) => v ?? '—' },
    { title: t('objection.contentCol'), dataIndex: 'content', ellipsis: true },
    {
      title: t('objection.file'),
      key: 'file',
      width: 90,
      render: (_, o) =>
        o.attachmentName ? (
          <Button size="small" type="link" data-testid={`objection-file-${o.id}`} onClick={() => void downloadFile(`/api/objections/${o.id}/attachment`, o.attachmentName ?? 'attachment').catch((e: unknown) => presentError(e, { surface: 'action' }))}>
            {t('objection.download')}
          </Button>
        ) : null,
    },
    { title: t('objection.statusCol'), key: 'status', width: 110, render: (_, o) => <Tag color={STATUS_COLOR[o.status]}>{t(`objection.status.${o.status}`)}</Tag> },
    { title: t('objection.outcome'), dataIndex: 'outcome', ellipsis: true, render: (v: string | null) => v ?? '' },
    {
      title: '',
      key: 'handle',
      width: 80,
      render: (_, o) =>
        NEXT[o.status].length ? (
          <Button size="small" data-testid={`objection-handle-${o.id}`} onClick={() => setHandling(o)}>
            {t('objection.handle')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card title={<Space>{t('objection.list')}{notice.objections.open ? <Tag color="warning">{t('objection.openCount', { count: notice.objections.open })}</Tag> : null}</Space>} data-testid="objections-panel">
      {query.isError ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<Objection>
          rowKey="id"
          size="small"
          data-testid="objections-table"
          loading={query.isPending}
          columns={columns}
          dataSource={query.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1100 }}
          locale={{ emptyText: query.isPending ? ' ' : <EmptyState description={t('objection.none')} /> }}
        />
      )}
      {handling ? <HandleModal callId={callId} notice={notice} objection={handling} onClose={() => setHandling(null)} /> : null}
    </Card>
  );
}

function HandleModal({ callId, notice, objection, onClose }: { callId: string; notice: NoticeView; objection: Objection; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh(callId);
  const [form] = Form.useForm();
  const next = NEXT[objection.status];
  const status = Form.useWatch('status', form) as string | undefined;
  const removable = useMemo(() => notice.items.filter((i) => !i.removed), [notice.items]);
  const handle = useMutation({
    mutationFn: (values: { status: string; outcome?: string; removeApplicationId?: string | null }) =>
      api.post(`/api/objections/${objection.id}/handle`, { status: values.status, outcome: values.outcome ?? '', removeApplicationId: values.status === 'upheld' ? (values.removeApplicationId ?? null) : null }),
    onSuccess: () => {
      message.success(t('objection.handled'));
      refresh();
      onClose();
    },
    onError: (error) => presentError(error, { surface: 'action', form }),
  });
  return (
    <Modal open title={t('objection.handleTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('objection.save')} confirmLoading={handle.isPending} data-testid="objection-modal" okButtonProps={{ 'data-testid': 'objection-handle-submit' } as never}>
      <Typography.Paragraph>{objection.content}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ status: next[0], outcome: '', removeApplicationId: objection.applicationId }} onFinish={(values) => handle.mutate(values)}>
        <Form.Item name="status" label={t('objection.next')} rules={[{ required: true }]}>
          <Select data-testid="objection-status" options={next.map((s) => ({ value: s, label: t(`objection.status.${s}`) }))} />
        </Form.Item>
        <Form.Item name="outcome" label={t('objection.outcome')} rules={status && status !== 'investigating' ? [{ required: true, min: 2 }] : []}>
          <Input.TextArea data-testid="objection-outcome" autoSize={{ minRows: 3 }} maxLength={5000} />
        </Form.Item>
        {status === 'upheld' ? (
          <Form.Item name="removeApplicationId" label={t('objection.remove')} extra={t('objection.removeHint')}>
            <Select data-testid="objection-remove" allowClear options={removable.map((i) => ({ value: i.applicationId, label: `${i.position}. ${i.projectName}（${i.organizationName}）` }))} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

// ——— Final list ———

function FinalListPanel({ callId, notice }: { callId: string; notice: NoticeView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const refresh = useRefresh(callId);
  const [form] = Form.useForm();
  const publish = useMutation({
    mutationFn: (values: { documentNumber: string }) => api.post<NoticeView>(`/api/calls/${callId}/final-list`, values),
    onSuccess: () => {
      message.success(t('finalList.published'));
      refresh();
    },
    onError: (error) => presentError(error, { surface: 'action', form }),
  });
  const remaining = notice.items.filter((i) => !i.removed).length;
  const download = (
    <DocumentDownload base={`/api/calls/${callId}/final-list/document`} formats={['docx', 'xlsx', 'pdf']} fileName="final-list" label={t('finalList.docx')} testId="final-docx" />
  );
  return (
    <Card title={t('finalList.title')} data-testid="final-panel">
      {notice.status === 'final' ? (
        <Space orientation="vertical">
          <Alert type="success" showIcon data-testid="final-done" title={t('finalList.publishedOn', { date: format.date(notice.finalPublishedAt), number: notice.finalDocumentNumber ?? '' })} />
          {download}
        </Space>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {notice.noticeRequired ? t('finalList.intro') : t('finalList.introWithoutNotice', { count: remaining })}
          </Typography.Paragraph>
          {notice.noticeRequired ? null : (
            <ol className="final-without-notice" data-testid="final-items">
              {notice.items.filter((i) => !i.removed).map((i) => (
                <li key={i.applicationId}>
                  {i.organizationName} · {i.projectName}
                </li>
              ))}
            </ol>
          )}
          {notice.status === 'published' ? <Alert type="info" showIcon title={t('finalList.waitPeriod')} /> : null}
          {notice.objections.open ? <Alert type="warning" showIcon title={t('finalList.waitObjections')} /> : null}
          <Form form={form} layout="inline" onFinish={(values: { documentNumber: string }) => publish.mutate(values)}>
            <Form.Item name="documentNumber" label={t('finalList.documentNumber')} rules={[{ required: true, min: 2 }]}>
              <Input data-testid="final-document-number" placeholder={t('finalList.documentNumberPlaceholder')} maxLength={100} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item>
              <Popconfirm title={t('finalList.publishTitle')} description={t('finalList.publishContent', { count: remaining })} onConfirm={() => form.submit()}>
                <Button type="primary" data-testid="final-publish" loading={publish.isPending} disabled={notice.noticeRequired ? notice.status !== 'ended' || notice.objections.open > 0 : notice.status !== 'draft' || remaining === 0}>
                  {t('finalList.publish')}
                </Button>
              </Popconfirm>
            </Form.Item>
          </Form>
        </Space>
      )}
    </Card>
  );
}
