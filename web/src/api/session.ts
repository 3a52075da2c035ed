/**
 * The session as the whole UI sees it: one react-query entry, refreshed from every SessionInfo the
 * API returns (the client reports them), so route guards react at once to sign-in and sign-out.
 */
import { useQuery } from '@tanstack/react-query';
import type { SessionInfo, SessionUser } from '../../../contracts/auth.ts';
import { bindSessionEnded, fetchSession, onSession } from './client.ts';
import { queryClient } from './query-client.ts';

export const SESSION_KEY = ['session'] as const;

onSession((next) => {
  const previous = queryClient.getQueryData<SessionInfo>(SESSION_KEY);
  queryClient.setQueryData(SESSION_KEY, next);
  // Another account (or none): nothing cached for the previous one may show.
  if (previous?.user?.id !== next.user?.id) {
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  }
});
bindSessionEnded(() => void queryClient.invalidateQueries({ queryKey: SESSION_KEY }));

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
}

/** The signed-in user at stage 'full'. Only for components rendered behind the app's route guard. */
export function useUser(): { user: SessionUser; session: SessionInfo } {
  const { data } = useSession();
  if (!data?.user) throw new Error('useUser outside a signed-in route');
  return { user: data.user, session: data };
}
