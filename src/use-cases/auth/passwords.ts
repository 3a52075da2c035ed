/** Choosing, changing and resetting passwords under the password policy. */
import { PASSWORD_RESET_MINUTES } from '../../core/authentication.ts';
import { DomainError, fieldError, type FieldError } from '../../core/errors.ts';
import { checkPassword } from '../../core/password-policy.ts';
import type { Deps, RequestContext, SessionRow } from '../ports.ts';
import { recordAudit } from '../support.ts';
import { stageFor, startSession, wrongStage, type ResolvedSession } from './sessions.ts';

const NEW_PASSWORD = { 'zh-CN': '新密码', en: 'New password' };
const PASSWORD = { 'zh-CN': '密码', en: 'Password' };

/** Field errors for a password that breaks the policy, all at once so the user fixes them in one go. */
export function passwordErrors(password: string, accountName: string, field: string): FieldError[] {
  const label = field === 'password' ? PASSWORD : NEW_PASSWORD;
  return checkPassword(password, accountName).map((p) => ({
    path: field,
    code: `password_${p.code}`,
    messages: { 'zh-CN': `${label['zh-CN']}：${p.messages['zh-CN']}`, en: `${label.en}: ${p.messages.en}` },
  }));
}

export function assertPasswordAcceptable(password: string, accountName: string, field: string): void {
  const errors = passwordErrors(password, accountName, field);
  if (errors.length) {
    throw new DomainError('validation', 'validation_failed', { 'zh-CN': '密码不符合要求', en: 'The password does not meet the rules' }, errors);
  }
}

/** Changes the signed-in account's password; other sessions end, this one continues under a new id. */
export async function changePassword(
  deps: Deps,
  ctx: RequestContext,
  resolved: ResolvedSession,
  input: { currentPassword: string; newPassword: string },
): Promise<{ token: string; session: SessionRow }> {
  if (resolved.session.stage !== 'full' && resolved.session.stage !== 'password_change') throw wrongStage();
  const account = resolved.account;
  if (!(await deps.passwords.verify(account.passwordHash, input.currentPassword))) {
    throw fieldError('currentPassword', 'password_wrong', { 'zh-CN': '当前密码', en: 'Current password' }, { 'zh-CN': '不正确', en: 'is not correct' });
  }
  assertPasswordAcceptable(input.newPassword, account.email, 'newPassword');
  if (await deps.passwords.verify(account.passwordHash, input.newPassword)) {
    throw fieldError('newPassword', 'password_reused', NEW_PASSWORD, { 'zh-CN': '不能与当前密码相同', en: 'must differ from the current password' });
  }
  const hash = await deps.passwords.hash(input.newPassword);
  const now = deps.clock.now();
  return deps.uow.transaction(async (repos) => {
    const updated = await repos.accounts.update(account.id, { passwordHash: hash, passwordChangedAt: now, mustChangePassword: false }, now);
    await repos.sessions.deleteForAccount(account.id);
    const actor = { accountId: account.id, name: account.displayName, role: account.role, organizationId: account.organizationId, organizationPath: resolved.organization.path };
    await recordAudit(repos, { ...ctx, actor }, deps.clock, { action: 'auth.password_changed', entityType: 'account', entityId: account.id });
    return startSession(deps, repos, { ...ctx, sessionId: null }, updated, stageFor(deps, updated, true));
  });
}

/** Sends a reset link by e-mail (through the outbox). Answers the same whether or not the account exists. */
export async function requestPasswordReset(deps: Deps, ctx: RequestContext, email: string): Promise<void> {
  const now = deps.clock.now();
  await deps.uow.transaction(async (repos) => {
    const account = await repos.accounts.findByEmail(email);
    if (!account || account.status !== 'active') {
      await recordAudit(repos, ctx, deps.clock, { action: 'auth.password_reset_requested', entityType: 'account', entityId: null, after: { email, found: false } });
      return;
    }
    const token = deps.tokens.random(32);
    await repos.passwordResets.insert(deps.tokens.digest(token), account.id, new Date(now.getTime() + PASSWORD_RESET_MINUTES * 60_000));
    const link = `${deps.settings.publicUrl.replace(/\/$/, '')}/reset-password?token=${encodeURIComponent(token)}`;
    await repos.outbox.enqueue(
      account.email,
      '重设密码 / Reset your password',
      `${account.displayName}，您好：\n\n请在 ${PASSWORD_RESET_MINUTES} 分钟内打开以下链接重设密码。如非本人操作，请忽略本邮件。\n\n${link}\n\n` +
        `Hello ${account.displayName},\n\nOpen this link within ${PASSWORD_RESET_MINUTES} minutes to choose a new password. If you did not ask for it, ignore this e-mail.\n\n${link}\n`,
    );
    await recordAudit(repos, ctx, deps.clock, { action: 'auth.password_reset_requested', entityType: 'account', entityId: account.id, organizationId: account.organizationId, after: { email, found: true } });
  });
}

/** Sets a new password from an e-mailed token (once, within 30 minutes); ends every session and any lockout. */
export async function resetPassword(deps: Deps, ctx: RequestContext, input: { token: string; newPassword: string }): Promise<void> {
  const now = deps.clock.now();
  const tokenHash = deps.tokens.digest(input.token);
  const found = await deps.uow.read(async (repos) => {
    const reset = await repos.passwordResets.findUsable(tokenHash, now);
    return reset ? repos.accounts.findById(reset.accountId) : undefined;
  });
  if (!found) {
    throw new DomainError('validation', 'reset_token_invalid', {
      'zh-CN': '重设链接无效或已过期，请重新申请',
      en: 'The reset link is invalid or has expired; ask for a new one',
    });
  }
  assertPasswordAcceptable(input.newPassword, found.email, 'newPassword');
  const hash = await deps.passwords.hash(input.newPassword);
  await deps.uow.transaction(async (repos) => {
    await repos.passwordResets.markUsed(tokenHash, now);
    await repos.accounts.update(found.id, { passwordHash: hash, passwordChangedAt: now, mustChangePassword: false, failedLogins: 0, lockedUntil: null }, now);
    await repos.sessions.deleteForAccount(found.id);
    await recordAudit(repos, ctx, deps.clock, { action: 'auth.password_reset', entityType: 'account', entityId: found.id, organizationId: found.organizationId });
  });
}
