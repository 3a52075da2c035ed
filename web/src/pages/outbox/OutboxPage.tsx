/**
 * 邮件发件箱: every e-mail the platform has sent or queued. An administrator without SMTP configured
 * reads password-reset mails here and passes the link on.
 */
import { Fragment } from 'react';
import { Button, Card, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../../contracts/common.ts';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';

/** GET /api/admin/outbox items. */
export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  body: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
}

const STATUS_COLORS = { sent: 'success', queued: 'processing', pending: 'processing', failed: 'error', logged: 'default' } as const;
type KnownStatus = keyof typeof STATUS_COLORS;
const isKnown = (status: string): status is KnownStatus => Object.hasOwn(STATUS_COLORS, status);

/** The body as text, with its web addresses made into links (the reset link is the point). */
function MailBody({ body }: { body: string }) {
  const parts = body.split(/(https?:\/\/[^\s<>"']+)/g);
  return (
    <pre className="mail-body">
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} target="_blank" rel="noreferrer noopener">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </pre>
  );
}

export default function OutboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { params, onTableChange } = useListParams([] as const);
  const list = useQuery({
    queryKey: ['outbox', params.page, params.pageSize],
    queryFn: ({ signal }) => api.get<Page<OutboxMail>>('/api/admin/outbox', { page: params.page, pageSize: params.pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<OutboxMail> = [
    { key: 'createdAt', dataIndex: 'createdAt', title: t('outbox.createdAt'), width: 190, render: (value: string) => format.dateTime(value, true) },
    { key: 'to', dataIndex: 'to', title: t('outbox.to'), width: 240, ellipsis: true },
    { key: 'subject', dataIndex: 'subject', title: t('outbox.subject'), render: (subject: string) => <Typography.Text strong>{subject}</Typography.Text> },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('outbox.status'),
      width: 110,
      render: (status: string) =>
        isKnown(status) ? <Tag color={STATUS_COLORS[status]}>{t(`outbox.statuses.${status}`)}</Tag> : <Tag>{status}</Tag>,
    },
    { key: 'sentAt', dataIndex: 'sentAt', title: t('outbox.sentAt'), width: 190, render: (value: string | null) => (value ? format.dateTime(value, true) : '—') },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.outbox')}
        subtitle={t('navDesc.outbox')}
        extra={<Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>{t('common.refresh')}</Button>}
      />
      <Card variant="borderless" className="page-card">
        <ServerTable<OutboxMail>
          query={list}
          columns={columns}
          params={params}
          onChange={onTableChange}
          emptyText={t('outbox.empty')}
          scroll={{ x: 900 }}
          expandable={{ expandedRowRender: (mail) => <MailBody body={mail.body} />, expandRowByClick: true }}
        />
      </Card>
    </>
  );
}
