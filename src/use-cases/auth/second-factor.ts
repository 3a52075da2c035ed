/** The second factor (TOTP, RFC 6238): challenge at sign-in, enrolment, and turning it off (applicants). */
import { DomainError, fieldError } from '../../core/errors.ts';
import { isStaff } from '../../core/roles.ts';
import type { Deps, RequestContext, SessionRow } from '../ports.ts';
import { recordAudit } from '../support.ts';
import { stageFor, startSession, wrongStage, type ResolvedSession } from './sessions.ts';

const CODE_LABEL = { 'zh-CN': '动态验证码', en: 'Authentication code' };
const wrongCode = () => fieldError('code', 'totp_invalid', CODE_LABEL, { 'zh-CN': '不正确或已使用，请输入验证器上当前显示的 6 位数字', en: 'wrong or already used; enter the 6 digits your authenticator shows now' });

function actorOf(r: ResolvedSession): NonNullable<RequestContext['actor']> {
  return { accountId: r.account.id, name: r.account.displayName, role: r.account.role, organizationId: r.organization.id, organizationPath: r.organization.path };
}

/** Accepts a code once: a step at or before the last one used is refused (no replay). */
function acceptCode(deps: Deps, secret: string, code: string, lastStep: number | null): number {
  const step = deps.totp.verify(secret, code, deps.clock.now());
  if (step === null || (lastStep !== null && step <= lastStep)) throw wrongCode();
  return step;
}

/** At the `totp` step: the code completes sign-in (and the session id changes again). */
export async function verifySecondFactor(deps: Deps, ctx: RequestContext, resolved: ResolvedSession, code: string): Promise<{ token: string; session: SessionRow }> {
  if (resolved.session.stage !== 'totp' || !resolved.account.totpSecret) throw wrongStage();
  const now = deps.clock.now();
  const account = resolved.account;
  let step: number;
  try {
    step = acceptCode(deps, account.totpSecret!, code, account.totpLastStep);
  } catch (err) {
    await deps.uow.transaction((repos) =>
      recordAudit(repos, { ...ctx, actor: actorOf(resolved) }, deps.clock, { action: 'auth.totp_failed', entityType: 'account', entityId: account.id }),
    );
    throw err;
  }
  return deps.uow.transaction(async (repos) => {
    const updated = await repos.accounts.update(account.id, { totpLastStep: step }, now);
    const stage = stageFor(deps, updated, true);
    const started = await startSession(deps, repos, { ...ctx, sessionId: resolved.session.id }, updated, stage);
    await recordAudit(repos, { ...ctx, actor: actorOf(resolved) }, deps.clock, { action: 'auth.totp_verified', entityType: 'account', entityId: account.id, after: { stage } });
    return started;
  });
}

/** Starts enrolment: a new secret kept pending until a code from it is confirmed. */
export async function startTotpEnrolment(deps: Deps, ctx: RequestContext, resolved: ResolvedSession) {
  if (resolved.session.stage !== 'totp_enrol' && resolved.session.stage !== 'full') throw wrongStage();
  const secret = deps.totp.generateSecret();
  const uri = deps.totp.uri(secret, resolved.account.email);
  await deps.uow.transaction(async (repos) => {
    await repos.accounts.update(resolved.account.id, { totpPendingSecret: secret }, deps.clock.now());
    await recordAudit(repos, { ...ctx, actor: actorOf(resolved) }, deps.clock, { action: 'auth.totp_enrolment_started', entityType: 'account', entityId: resolved.account.id });
  });
  return { secret, otpauthUrl: uri, qrCode: await deps.totp.qrCode(uri) };
}

/** Confirms enrolment with a code from the pending secret; the session moves on. */
export async function confirmTotpEnrolment(deps: Deps, ctx: RequestContext, resolved: ResolvedSession, code: string): Promise<{ token: string; session: SessionRow }> {
  if (resolved.session.stage !== 'totp_enrol' && resolved.session.stage !== 'full') throw wrongStage();
  const secret = resolved.account.totpPendingSecret;
  if (!secret) throw new DomainError('conflict', 'no_enrolment', { 'zh-CN': '请先开始绑定验证器', en: 'Start the authenticator set-up first' });
  const now = deps.clock.now();
  const step = acceptCode(deps, secret, code, null);
  return deps.uow.transaction(async (repos) => {
    const updated = await repos.accounts.update(resolved.account.id, { totpSecret: secret, totpPendingSecret: null, totpLastStep: step }, now);
    await recordAudit(repos, { ...ctx, actor: actorOf(resolved) }, deps.clock, {
      action: 'auth.totp_enabled',
      entityType: 'account',
      entityId: updated.id,
      before: { twoFactorEnabled: Boolean(resolved.account.totpSecret) },
      after: { twoFactorEnabled: true },
    });
    const stage = stageFor(deps, updated, true);
    return startSession(deps, repos, { ...ctx, sessionId: resolved.session.id }, updated, stage);
  });
}

/** Applicants may turn the second factor off (with a current code); staff may not. */
export async function disableTotp(deps: Deps, ctx: RequestContext, resolved: ResolvedSession, code: string): Promise<void> {
  if (resolved.session.stage !== 'full') throw wrongStage();
  if (isStaff(resolved.account.role)) {
    throw new DomainError('forbidden', 'totp_required', { 'zh-CN': '工作人员账号必须启用双因素认证', en: 'Staff accounts must keep two-factor authentication on' });
  }
  if (!resolved.account.totpSecret) return;
  acceptCode(deps, resolved.account.totpSecret, code, resolved.account.totpLastStep);
  await deps.uow.transaction(async (repos) => {
    await repos.accounts.update(resolved.account.id, { totpSecret: null, totpPendingSecret: null, totpLastStep: null }, deps.clock.now());
    await recordAudit(repos, { ...ctx, actor: actorOf(resolved) }, deps.clock, {
      action: 'auth.totp_disabled',
      entityType: 'account',
      entityId: resolved.account.id,
      before: { twoFactorEnabled: true },
      after: { twoFactorEnabled: false },
    });
  });
}
