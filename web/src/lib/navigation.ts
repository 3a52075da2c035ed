/** Where to go after each step of signing in, carrying the page the user first asked for. */
import type { SessionInfo, SessionStage } from '../../../contracts/auth.ts';

/** Where a session that is part-way through signing in must go, and nowhere else. */
export const STAGE_PATHS: Record<Exclude<SessionStage, 'full'>, string> = {
  totp: '/two-factor',
  totp_enrol: '/two-factor/setup',
  password_change: '/change-password',
};

/** Only paths inside this app: never another origin ("//evil.example", "https://…"). */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

export function withNext(path: string, next: string | null): string {
  const safe = safeNext(next);
  return safe && safe !== '/' ? `${path}?next=${encodeURIComponent(safe)}` : path;
}

/** The screen a session belongs on now: its pending step, else the requested page, else home. */
export function pathAfter(session: SessionInfo, next: string | null): string {
  if (!session.user) return withNext('/login', next);
  // Part-way through signing in (authenticated is still false): the pending step comes first.
  if (session.stage && session.stage !== 'full') return withNext(STAGE_PATHS[session.stage], next);
  if (!session.authenticated) return withNext('/login', next);
  return safeNext(next) ?? '/';
}
