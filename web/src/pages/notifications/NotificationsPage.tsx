/** 消息通知: every notification of the user, newest first, paged on the server; mark one or all as read. */
import { Badge, Button, Card, Segmented, Space, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ListActions } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { safeNext } from '../../lib/navigation.ts';
import { useMarkAllRead, useMarkRead, useNotifications, type Notification } from './data.ts';

const FILTERS = ['unreadOnly'] as const;

export default function NotificationsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const navigate = useNavigate();
  const { params, update, onTableChange, filtered, clearFilters } = useListParams(FILTERS);
  const unreadOnly = params.filters.unreadOnly === 'true';
  const list = useNotifications({ page: params.page, pageSize: params.pageSize, unreadOnly });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const columns: TableColumnsType<Notification> = [
    {
      key: 'title',
      title: t('notifications.content'),
      render: (_, n) => (
        <div className="cell-stack">
          <Space size={6}>
            {n.readAt ? null : <Badge status="processing" />}
            <Typography.Text strong={!n.readAt}>{n.title[language]}</Typography.Text>
          </Space>
          <Typography.Text type="secondary">{n.body[language]}</Typography.Text>
        </div>
      ),
    },
    { key: 'createdAt', title: t('notifications.createdAt'), width: 190, render: (_, n) => format.dateTime(n.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 200,
      render: (_, n) => (
        <Space size={4} onClick={(event) => event.stopPropagation()}>
          {n.link && safeNext(n.link) ? (
            <Button
              size="small"
              type="link"
              onClick={() => {
                if (!n.readAt) markRead.mutate(n.id);
                void navigate(safeNext(n.link) ?? '/');
              }}
            >
              {t('notifications.open')}
            </Button>
          ) : null}
          {n.readAt ? (
            <Typography.Text type="secondary">{t('notifications.read')}</Typography.Text>
          ) : (
            <Button size="small" type="link" icon={<CheckOutlined />} onClick={() => markRead.mutate(n.id)}>
              {t('notifications.markRead')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.notifications')}
        subtitle={list.data ? t('notifications.unreadCount', { count: list.data.unread }) : t('navDesc.notifications')}
        extra={
          <Button icon={<CheckOutlined />} disabled={!list.data?.unread} loading={markAll.isPending} onClick={() => markAll.mutate()}>
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <Card variant="borderless" className="page-card">
        <div className="toolbar">
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            options={[
              { value: 'all', label: t('notifications.all') },
              { value: 'unread', label: t('notifications.unreadOnly') },
            ]}
            onChange={(value) => update({ unreadOnly: value === 'unread' ? 'true' : undefined })}
          />
          <ListActions filtered={filtered} onClear={clearFilters} onRefresh={() => void list.refetch()} />
        </div>
        <ServerTable<Notification> query={list} columns={columns} params={params} onChange={onTableChange} emptyText={unreadOnly ? t('notifications.noneUnread') : t('notifications.empty')} />
      </Card>
    </>
  );
}
