/** Notifications: a page of them with the unread count (the header's bell polls it), marking read. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { notification, notificationPage } from '../../../../contracts/applicants.ts';
import { api } from '../../api/client.ts';

export type Notification = z.infer<typeof notification>;
export type NotificationPage = z.infer<typeof notificationPage>;

export const POLL_MS = 60_000;

export function useNotifications(params: { page: number; pageSize: number; unreadOnly?: boolean }, options: { poll?: boolean; secondary?: boolean } = {}) {
  return useQuery({
    queryKey: ['notifications', params],
    queryFn: ({ signal }) => api.get<NotificationPage>('/api/notifications', { ...params, unreadOnly: params.unreadOnly ? true : undefined }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: options.poll ? POLL_MS : false,
    meta: options.secondary ? { secondary: true } : {},
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/api/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/api/notifications/read-all'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
