/**
 * Sessions: created at sign-in (a new id every time, so a planted id is worthless), stored in the
 * database by the SHA-256 of the cookie value, 30 minutes idle and 12 hours absolute.
 */
import { nextStage, passwordExpiresAt, sessionExpired, sessionExpiries, type Stage } from '../../core/authentication.ts';
import { DomainError } from '../../core/errors.ts';
import { isStaff } from '../../core/roles.ts';
import type { AccountRow, Deps, OrganizationWithAncestors, Repositories, RequestContext, SessionRow } from '../ports.ts';

/** How often a session's idle expiry is pushed forward (avoids a write on every request). */
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionView {
  authenticated: boolean;
  stage: Stage | null;
  user: {
    id: string;
    email: string;
    displayName: string;
    role: AccountRow['role'];
    organization: { id: string; name: string; kind: OrganizationWithAncestors['kind']; code: string };
    twoFactorEnabled: boolean;
    twoFactorRequired: boolean;
    passwordExpiresAt: string | null;
  } | null;
  csrfToken: string;
  idleExpiresAt: string | null;
  absoluteExpiresAt: string | null;
}

export interface ResolvedSession {
  session: SessionRow;
  account: AccountRow;
  organization: OrganizationWithAncestors;
}

/** Starts a fresh session for an account, ending the one the request came with (rotation). */
export async function startSession(
  deps: Deps,
  repos: Repositories,
  ctx: RequestContext,
  account: AccountRow,
  stage: Stage,
): Promise<{ token: string; session: SessionRow }> {
  if (ctx.sessionId) await repos.sessions.delete(ctx.sessionId);
  const now = deps.clock.now();
  const token = deps.tokens.random(32);
  const session: SessionRow = {
    id: deps.tokens.digest(token),
    accountId: account.id,
    stage,
    csrfToken: deps.tokens.random(24),
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    createdAt: now,
    lastSeenAt: now,
    ...sessionExpiries(now, now),
  };
  await repos.sessions.insert(session);
  return { token, session };
}

/** Finds the live session for a cookie value; ends it if it has expired or the account is disabled. */
export async function resolveSession(deps: Deps, token: string | undefined): Promise<ResolvedSession | null> {
  if (!token || token.length > 200) return null;
  const id = deps.tokens.digest(token);
  return deps.uow.read(async (repos) => {
    const session = await repos.sessions.findById(id);
    if (!session) return null;
    const now = deps.clock.now();
    const account = await repos.accounts.findById(session.accountId);
    if (sessionExpired(session, now) || !account || account.status !== 'active') {
      await repos.sessions.delete(id);
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      const { idleExpiresAt } = sessionExpiries(session.createdAt, now);
      await repos.sessions.update(id, { lastSeenAt: now, idleExpiresAt });
      session.lastSeenAt = now;
      session.idleExpiresAt = idleExpiresAt;
    }
    const organization = await repos.organizations.findById(account.organizationId);
    if (!organization) return null;
    return { session, account, organization };
  });
}

export function stageFor(deps: Deps, account: AccountRow, secondFactorDone: boolean): Stage {
  return nextStage(
    { role: account.role, totpEnabled: Boolean(account.totpSecret), mustChangePassword: account.mustChangePassword, passwordChangedAt: account.passwordChangedAt },
    { secondFactor: secondFactorDone },
    deps.settings.passwordAge,
    deps.clock.now(),
  );
}

export function presentSession(deps: Deps, resolved: ResolvedSession | null, anonymousCsrf: string): SessionView {
  if (!resolved) return { authenticated: false, stage: null, user: null, csrfToken: anonymousCsrf, idleExpiresAt: null, absoluteExpiresAt: null };
  const { session, account, organization } = resolved;
  const expires = passwordExpiresAt(account.role, account.passwordChangedAt, deps.settings.passwordAge);
  return {
    authenticated: session.stage === 'full',
    stage: session.stage,
    user: {
      id: account.id,
      email: account.email,
      displayName: account.displayName,
      role: account.role,
      organization: { id: organization.id, name: organization.name, kind: organization.kind, code: organization.code },
      twoFactorEnabled: Boolean(account.totpSecret),
      twoFactorRequired: isStaff(account.role),
      passwordExpiresAt: expires ? expires.toISOString() : null,
    },
    csrfToken: session.csrfToken,
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
  };
}

export const wrongStage = () =>
  new DomainError('conflict', 'wrong_stage', { 'zh-CN': '当前登录步骤不允许此操作，请刷新页面', en: 'This step is not available now; reload the page' });
