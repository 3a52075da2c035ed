/**
 * 申报通知: the calls of the province, with their deadlines and the time left. An applicant starts or
 * continues its application from here; province officers and administrators also see drafts, make
 * new calls and publish them. Filtered, sorted and paged on the server (state in the URL).
 */
import { useState } from 'react';
import { App, Button, Card, Space, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, RightOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CallSummary } from '../../../../contracts/applicants.ts';
import { useUser } from '../../api/session.ts';
import { ListToolbar, SearchFilter, SelectFilter } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { CallStatusTag, DeadlineTag } from '../../components/StatusTags.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { userMay } from '../../routes.ts';
import { usePrograms } from '../programs/data.ts';
import { CreateCallModal } from './CreateCallModal.tsx';
import { CALL_STATUSES, useCalls, usePublishCall } from './data.ts';

const FILTERS = ['status', 'programCode', 'q'] as const;
const SORTS = ['deadlineAt', 'opensAt', 'title'] as const;

export default function CallsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const { user } = useUser();
  const manages = userMay(user, 'call.manage');
  const applies = userMay(user, 'application.apply');
  const { params, onTableChange, sortOrderOf, sortIn, filtered, clearFilters, filterProps } = useListParams(FILTERS);
  const list = useCalls({ page: params.page, pageSize: params.pageSize, sort: sortIn(SORTS), order: params.order, ...params.filters });
  const programs = usePrograms({ secondary: true });
  const publish = usePublishCall();
  const [creating, setCreating] = useState(false);

  const programOptions = (programs.data?.items ?? [])
    .filter((p) => p.kind !== 'target_plan')
    .map((p) => ({ value: p.code, label: p.name?.[language] ?? p.code }));

  const confirmPublish = (call: CallSummary) =>
    modal.confirm({
      title: t('calls.publishConfirm.title'),
      content: t('calls.publishConfirm.content', { title: call.title }),
      okText: t('calls.publish'),
      onOk: () => publish.mutateAsync(call.id).then(() => void message.success(t('calls.published'))),
    });

  const columns: TableColumnsType<CallSummary> = [
    {
      key: 'title',
      title: t('calls.title'),
      sorter: true,
      sortOrder: sortOrderOf('title'),
      render: (_, c) => (
        <div className="cell-stack">
          <Link to={`/calls/${c.id}`} onClick={(event) => event.stopPropagation()}>
            <Typography.Text strong>{c.title}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" className="cell-sub">
            {c.programName[language]}
            {c.documentNumber ? ` · ${c.documentNumber}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'opensAt', title: t('calls.opensAt'), sorter: true, sortOrder: sortOrderOf('opensAt'), width: 130, render: (_, c) => format.date(c.opensAt) },
    {
      key: 'deadlineAt',
      title: t('calls.deadline'),
      sorter: true,
      sortOrder: sortOrderOf('deadlineAt'),
      width: 210,
      render: (_, c) => (
        <div className="cell-stack">
          <span>{format.dateTime(c.deadlineAt)}</span>
          {c.status === 'draft' ? null : (
            <span>
              <DeadlineTag opensAt={c.opensAt} deadlineAt={c.deadlineAt} />
            </span>
          )}
        </div>
      ),
    },
    { key: 'status', title: t('calls.statusLabel'), width: 100, render: (_, c) => <CallStatusTag status={c.status} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 150,
      render: (_, c) => (
        <Space size={4} onClick={(event) => event.stopPropagation()}>
          {applies && c.myApplicationId ? (
            <Button size="small" type="primary" ghost icon={<EditOutlined />} onClick={() => void navigate(`/applications/${c.myApplicationId}`)}>
              {t('calls.continue')}
            </Button>
          ) : applies && c.status === 'open' ? (
            <Button size="small" type="primary" icon={<RightOutlined />} onClick={() => void navigate(`/calls/${c.id}`)}>
              {t('calls.toApply')}
            </Button>
          ) : null}
          {manages && c.status === 'draft' ? (
            <Button size="small" icon={<SendOutlined />} onClick={() => confirmPublish(c)}>
              {t('calls.publish')}
            </Button>
          ) : null}
          {!applies && !(manages && c.status === 'draft') ? (
            <Button size="small" type="link" onClick={() => void navigate(`/calls/${c.id}`)}>
              {t('calls.view')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const statuses = manages ? CALL_STATUSES : CALL_STATUSES.filter((s) => s !== 'draft');

  return (
    <>
      <PageHeader
        title={t('nav.calls')}
        subtitle={t(manages ? 'calls.subtitleManage' : 'navDesc.calls')}
        extra={
          manages ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('calls.create.title')}
            </Button>
          ) : null
        }
      />
      <Card variant="borderless" className="page-card">
        <ListToolbar filtered={filtered} onClear={clearFilters} onRefresh={() => void list.refetch()}>
          <SearchFilter id="call-search" placeholder={t('calls.searchPlaceholder')} {...filterProps('q')} />
          <SelectFilter id="call-status" narrow placeholder={t('calls.statusLabel')} options={statuses.map((s) => ({ value: s, label: t(`calls.status.${s}`) }))} {...filterProps('status')} />
          <SelectFilter id="call-program" placeholder={t('calls.program')} options={programOptions} {...filterProps('programCode')} />
        </ListToolbar>
        <ServerTable<CallSummary>
          query={list}
          columns={columns}
          params={params}
          onChange={onTableChange}
          emptyText={filtered ? t('states.noMatch') : t('calls.empty')}
          scroll={{ x: 900 }}
          onRow={(record) => ({ onClick: () => void navigate(`/calls/${record.id}`), className: 'clickable-row' })}
        />
      </Card>
      {manages ? (
        <CreateCallModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(call) => {
            setCreating(false);
            void message.success(t('calls.create.done'));
            void navigate(`/calls/${call.id}`);
          }}
        />
      ) : null}
    </>
  );
}
