/** Staff accounts, provisioned and managed by an administrator. */
import { DomainError, fieldError, notFound } from '../../core/errors.ts';
import { ROLE_ORGANIZATION_KINDS, type Role } from '../../core/roles.ts';
import type { AccountRow, Deps, ListQuery, RequestContext } from '../ports.ts';
import { auditableAccount, authorize, authorizeList, recordAudit } from '../support.ts';

const ACCOUNT = { 'zh-CN': '账号', en: 'Account' };

export async function listAccounts(
  deps: Deps,
  ctx: RequestContext,
  query: ListQuery & { role?: Role; status?: 'active' | 'disabled'; organizationId?: string; q?: string; sort: 'email' | 'displayName' | 'role' | 'createdAt' | 'lastLoginAt' },
) {
  const { scope } = authorizeList(ctx, 'account.read');
  return deps.uow.read((repos) => repos.accounts.list(scope, query));
}

/**
 * A password the administrator hands over once; it satisfies the policy by construction
 * (four character classes, 16 characters) and must be changed at first sign-in.
 */
export function initialPassword(random: (bytes?: number) => string): string {
  const body = random(12).replace(/[-_]/g, 'x');
  return `Cs${body.slice(0, 12)}#7`;
}

export async function createAccount(
  deps: Deps,
  ctx: RequestContext,
  input: { email: string; displayName: string; phone?: string | undefined; role: Exclude<Role, 'applicant'>; organizationId: string },
): Promise<{ account: AccountRow; initialPassword: string }> {
  const acting = authorize(ctx, 'account.manage');
  const password = initialPassword(deps.tokens.random);
  const hash = await deps.passwords.hash(password);
  return deps.uow.transaction(async (repos) => {
    const organization = await repos.organizations.findById(input.organizationId);
    if (!organization) throw fieldError('organizationId', 'organization_unknown', { 'zh-CN': '所属单位', en: 'Organization' }, { 'zh-CN': '不存在', en: 'does not exist' });
    authorize(ctx, 'account.manage', { organizationPath: organization.path });
    if (!ROLE_ORGANIZATION_KINDS[input.role].includes(organization.kind)) {
      throw fieldError('organizationId', 'organization_kind', { 'zh-CN': '所属单位', en: 'Organization' }, {
        'zh-CN': '与角色不符（例如市级主管部门账号须属于地市）',
        en: 'does not fit the role (a city officer belongs to a city, for example)',
      });
    }
    if (await repos.accounts.findByEmail(input.email)) {
      throw fieldError('email', 'email_taken', { 'zh-CN': '电子邮箱', en: 'E-mail' }, { 'zh-CN': '已被使用', en: 'is already in use' });
    }
    const now = deps.clock.now();
    const account = await repos.accounts.insert({ ...input, phone: input.phone ?? null, passwordHash: hash, passwordChangedAt: now, mustChangePassword: true });
    await recordAudit(repos, acting, deps.clock, { action: 'account.created', entityType: 'account', entityId: account.id, organizationId: organization.id, after: auditableAccount(account) });
    return { account, initialPassword: password };
  });
}

export type AccountAction = 'disable' | 'enable' | 'unlock' | 'reset_two_factor' | 'reset_password';

/** Disable, enable, unlock, reset the second factor or the password of an account, with a reason. */
export async function actOnAccount(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { action: AccountAction; reason: string },
): Promise<{ account: AccountRow; initialPassword?: string }> {
  authorize(ctx, 'account.manage');
  const password = input.action === 'reset_password' ? initialPassword(deps.tokens.random) : undefined;
  const hash = password ? await deps.passwords.hash(password) : undefined;
  return deps.uow.transaction(async (repos) => {
    const before = await repos.accounts.findById(id);
    if (!before) throw notFound(ACCOUNT);
    const organization = (await repos.organizations.findById(before.organizationId))!;
    const acting = authorize(ctx, 'account.manage', { organizationPath: organization.path });
    if (before.id === acting.actor.accountId && (input.action === 'disable' || input.action === 'reset_two_factor')) {
      throw new DomainError('conflict', 'self_action', { 'zh-CN': '不能对自己的账号执行此操作', en: 'You cannot do this to your own account' });
    }
    const now = deps.clock.now();
    const patch: Partial<AccountRow> = {
      disable: { status: 'disabled' as const },
      enable: { status: 'active' as const },
      unlock: { lockedUntil: null, failedLogins: 0 },
      reset_two_factor: { totpSecret: null, totpPendingSecret: null, totpLastStep: null },
      reset_password: { passwordHash: hash!, passwordChangedAt: now, mustChangePassword: true, lockedUntil: null, failedLogins: 0 },
    }[input.action];
    const after = await repos.accounts.update(id, patch, now);
    if (input.action !== 'unlock' && input.action !== 'enable') await repos.sessions.deleteForAccount(id);
    await recordAudit(repos, acting, deps.clock, {
      action: `account.${input.action}`,
      entityType: 'account',
      entityId: id,
      organizationId: before.organizationId,
      before: auditableAccount(before),
      after: { ...auditableAccount(after), reason: input.reason },
    });
    return password ? { account: after, initialPassword: password } : { account: after };
  });
}
