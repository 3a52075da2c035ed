import { afterFailedLogin, IP_WINDOW_MINUTES, isLocked, LOCKOUT_MINUTES, MAX_FAILED_PER_IP } from '../../core/authentication.ts';
import { DomainError } from '../../core/errors.ts';
import type { Deps, RequestContext, SessionRow } from '../ports.ts';
import { recordAudit } from '../support.ts';
import { stageFor, startSession } from './sessions.ts';

export interface LogInInput {
  email: string;
  password: string;
}

const invalidCredentials = () =>
  new DomainError('unauthenticated', 'invalid_credentials', { 'zh-CN': '账号或密码不正确', en: 'Wrong e-mail or password' });

const locked = (until: Date) =>
  new DomainError(
    'locked',
    'account_locked',
    {
      'zh-CN': `连续登录失败次数过多，账号已锁定 ${LOCKOUT_MINUTES} 分钟，请稍后再试或联系管理员解锁`,
      en: `Too many failed sign-ins: the account is locked for ${LOCKOUT_MINUTES} minutes. Try later or ask an administrator to unlock it`,
    },
    [],
    { lockedUntil: until.toISOString() },
  );

/** A fixed argon2id hash to verify against when the account does not exist, so timing reveals nothing. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$QKdTSJjYD597PkssaJEGNw$nqGHldDAl3MYqPLTZwze6VGeQX2mifbwSi6hWpaxsVA';

/**
 * Checks e-mail and password, with per-account lockout (5 failures → 30 minutes) and per-IP
 * throttling. On success starts a new session at the next step (second factor, enrolment,
 * password change, or signed in).
 */
export async function logIn(deps: Deps, ctx: RequestContext, input: LogInInput): Promise<{ token: string; session: SessionRow }> {
  const now = deps.clock.now();
  const ip = ctx.ip ?? 'unknown';
  const ipFailures = await deps.uow.read((r) => r.loginAttempts.failuresFromIp(ip, new Date(now.getTime() - IP_WINDOW_MINUTES * 60_000)));
  if (ipFailures >= MAX_FAILED_PER_IP) {
    throw new DomainError('rate_limited', 'rate_limited', {
      'zh-CN': `来自您网络地址的登录失败次数过多，请 ${IP_WINDOW_MINUTES} 分钟后再试`,
      en: `Too many failed sign-ins from your network address; try again in ${IP_WINDOW_MINUTES} minutes`,
    });
  }

  // Failures are counted and committed before the error is raised, so they survive the refusal.
  const outcome = await deps.uow.transaction(async (repos) => {
    const account = await repos.accounts.findByEmailForUpdate(input.email);
    if (!account) {
      await deps.passwords.verify(DUMMY_HASH, input.password);
      await repos.loginAttempts.record(input.email, ip, false, now);
      await recordAudit(repos, ctx, deps.clock, { action: 'auth.login_failed', entityType: 'account', entityId: null, after: { email: input.email, reason: 'unknown_account' } });
      return { error: invalidCredentials() } as const;
    }
    const actorCtx = { ...ctx, actor: null };
    const entity = { entityType: 'account', entityId: account.id, organizationId: account.organizationId };
    if (isLocked(account.lockedUntil, now)) {
      await repos.loginAttempts.record(input.email, ip, false, now);
      await recordAudit(repos, actorCtx, deps.clock, { action: 'auth.login_refused_locked', ...entity });
      return { error: locked(account.lockedUntil!) } as const;
    }
    const ok = await deps.passwords.verify(account.passwordHash, input.password);
    if (!ok) {
      const next = afterFailedLogin(account.failedLogins, now);
      await repos.accounts.update(account.id, next, now);
      await repos.loginAttempts.record(input.email, ip, false, now);
      await recordAudit(repos, actorCtx, deps.clock, {
        action: next.lockedUntil ? 'auth.account_locked' : 'auth.login_failed',
        ...entity,
        before: { failedLogins: account.failedLogins },
        after: { failedLogins: next.failedLogins, lockedUntil: next.lockedUntil?.toISOString() ?? null },
      });
      return { error: next.lockedUntil ? locked(next.lockedUntil) : invalidCredentials() } as const;
    }
    if (account.status !== 'active') {
      await recordAudit(repos, actorCtx, deps.clock, { action: 'auth.login_refused_disabled', ...entity });
      return {
        error: new DomainError('forbidden', 'account_disabled', { 'zh-CN': '该账号已停用，请联系管理员', en: 'This account is disabled; contact an administrator' }),
      } as const;
    }
    const updated = await repos.accounts.update(account.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now }, now);
    await repos.loginAttempts.record(input.email, ip, true, now);
    const stage = stageFor(deps, updated, false);
    const started = await startSession(deps, repos, ctx, updated, stage);
    await recordAudit(
      repos,
      { ...ctx, actor: { accountId: account.id, name: account.displayName, role: account.role, organizationId: account.organizationId, organizationPath: [] } },
      deps.clock,
      { action: 'auth.login', ...entity, after: { stage } },
    );
    return { ok: started } as const;
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.ok;
}
