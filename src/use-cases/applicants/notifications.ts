/** In-app notifications: each account reads and clears its own. */
import { notFound } from '../../core/errors.ts';
import type { Deps, ListQuery, NotificationRow, RequestContext } from '../ports.ts';
import { requireActor } from '../support.ts';

export async function listNotifications(deps: Deps, ctx: RequestContext, q: ListQuery & { unreadOnly: boolean }) {
  const acting = requireActor(ctx);
  return deps.uow.read((repos) => repos.notifications.list(acting.actor.accountId, q));
}

export async function markNotificationRead(deps: Deps, ctx: RequestContext, id: string): Promise<NotificationRow> {
  const acting = requireActor(ctx);
  const row = await deps.uow.transaction((repos) => repos.notifications.markRead(id, acting.actor.accountId, deps.clock.now()));
  if (!row) throw notFound({ 'zh-CN': '通知', en: 'Notification' });
  return row;
}

export async function markAllNotificationsRead(deps: Deps, ctx: RequestContext): Promise<number> {
  const acting = requireActor(ctx);
  return deps.uow.transaction((repos) => repos.notifications.markAllRead(acting.actor.accountId, deps.clock.now()));
}
