/**
 * The bell in the header: the unread count (asked every minute) and the latest notifications in a
 * dropdown; opening one marks it read and follows its link. 全部通知 leads to /notifications.
 */
import { useState } from 'react';
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client.ts';
import { useLanguage } from '../i18n.ts';
import { useFormat } from '../lib/format.ts';
import { safeNext } from '../lib/navigation.ts';
import { useMarkAllRead, useMarkRead, useNotifications, type Notification } from '../pages/notifications/data.ts';

export function NotificationBell() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const list = useNotifications({ page: 1, pageSize: 6 }, { poll: true, secondary: true });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = list.data?.unread ?? 0;

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpen(false);
    const to = safeNext(n.link);
    if (to) void navigate(to);
  };

  const content = (
    <div className="bell-panel" data-testid="notification-panel">
      {list.isError && !list.data ? (
        <Typography.Text type="danger">{errorText(list.error)}</Typography.Text>
      ) : (
        <List<Notification>
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: list.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} /> }}
          renderItem={(n) => (
            <List.Item className={`bell-item clickable${n.readAt ? '' : ' bell-unread'}`} onClick={() => openOne(n)}>
              <div className="cell-stack">
                <Typography.Text strong={!n.readAt}>{n.title[language]}</Typography.Text>
                <Typography.Text type="secondary" className="cell-sub" ellipsis>
                  {n.body[language]}
                </Typography.Text>
                <Typography.Text type="secondary" className="cell-sub">
                  {format.dateTime(n.createdAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
      <div className="bell-footer">
        <Button size="small" type="link" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
          {t('notifications.markAllRead')}
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            void navigate('/notifications');
          }}
        >
          {t('notifications.viewAll')}
        </Button>
      </div>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <Space>
          {t('notifications.title')}
          {unread > 0 ? <Typography.Text type="secondary">{t('notifications.unreadCount', { count: unread })}</Typography.Text> : null}
        </Space>
      }
      content={content}
    >
      <Button type="text" className="bell-trigger" aria-label={t('notifications.bell', { count: unread })} data-testid="notification-bell">
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined className="bell-icon" />
        </Badge>
      </Button>
    </Popover>
  );
}
