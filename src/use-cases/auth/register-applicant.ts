import { creditCodeProblemMessage, validateCreditCode } from '../../core/credit-code.ts';
import { DomainError, fieldError, type FieldError } from '../../core/errors.ts';
import type { Deps, RequestContext, SessionRow } from '../ports.ts';
import { auditableAccount, recordAudit } from '../support.ts';
import { passwordErrors } from './passwords.ts';
import { stageFor, startSession } from './sessions.ts';

export interface RegisterApplicantInput {
  email: string;
  password: string;
  displayName: string;
  organizationName: string;
  creditCode: string;
  cityId: string;
  phone?: string | undefined;
}

const CREDIT_CODE = { 'zh-CN': '统一社会信用代码', en: 'Unified social credit code' };

/**
 * An enterprise registers itself: its organization (one per credit code, under the city where it
 * is registered) and its first account, signed in at once. Every problem is reported together.
 */
export async function registerApplicant(deps: Deps, ctx: RequestContext, input: RegisterApplicantInput): Promise<{ token: string; session: SessionRow }> {
  const errors: FieldError[] = [];
  const credit = validateCreditCode(input.creditCode);
  if (!credit.valid) errors.push(fieldError('creditCode', `credit_code_${credit.problem}`, CREDIT_CODE, creditCodeProblemMessage(credit)!).fields[0]!);
  errors.push(...passwordErrors(input.password, input.email, 'password'));

  const existing = await deps.uow.read(async (repos) => ({
    account: await repos.accounts.findByEmail(input.email),
    organization: credit.valid ? await repos.organizations.findByCreditCode(credit.code) : undefined,
    city: await repos.organizations.findById(input.cityId),
  }));
  if (existing.account) {
    errors.push(fieldError('email', 'email_taken', { 'zh-CN': '电子邮箱', en: 'E-mail' }, { 'zh-CN': '已被注册，请直接登录或找回密码', en: 'is already registered; sign in or reset the password' }).fields[0]!);
  }
  if (existing.organization) {
    errors.push(
      fieldError('creditCode', 'credit_code_taken', CREDIT_CODE, {
        'zh-CN': '该单位已注册，请联系本单位已有账号的管理人',
        en: 'this organization is already registered; ask the holder of its existing account',
      }).fields[0]!,
    );
  }
  if (!existing.city || existing.city.kind !== 'city') {
    errors.push(fieldError('cityId', 'city_unknown', { 'zh-CN': '所在地市', en: 'City' }, { 'zh-CN': '请从列表中选择', en: 'choose one from the list' }).fields[0]!);
  }
  if (errors.length) {
    throw new DomainError('validation', 'validation_failed', { 'zh-CN': '注册信息有误，请按提示修改', en: 'Some fields need correcting' }, errors);
  }

  const hash = await deps.passwords.hash(input.password);
  const now = deps.clock.now();
  return deps.uow.transaction(async (repos) => {
    const organization = await repos.organizations.insert({
      parentId: existing.city!.id,
      code: `ENT-${credit.code}`,
      kind: 'enterprise',
      name: input.organizationName,
      nameEn: null,
      divisionCode: null,
      coveredDivisionCodes: [],
      creditCode: credit.code,
      contactName: input.displayName,
      contactPhone: input.phone ?? null,
      address: null,
      note: credit.organizationCodeWarning ? '组织机构代码校验位（第9–17位）未通过 GB 11714 校验，请核实' : null,
    });
    const account = await repos.accounts.insert({
      email: input.email,
      displayName: input.displayName,
      phone: input.phone ?? null,
      role: 'applicant',
      organizationId: organization.id,
      passwordHash: hash,
      passwordChangedAt: now,
      mustChangePassword: false,
    });
    const actor = { accountId: account.id, name: account.displayName, role: account.role, organizationId: organization.id, organizationPath: organization.path };
    await recordAudit(repos, { ...ctx, actor }, deps.clock, {
      action: 'organization.registered',
      entityType: 'organization',
      entityId: organization.id,
      after: { name: organization.name, creditCode: organization.creditCode, cityId: existing.city!.id },
    });
    await recordAudit(repos, { ...ctx, actor }, deps.clock, { action: 'account.registered', entityType: 'account', entityId: account.id, after: auditableAccount(account) });
    return startSession(deps, repos, ctx, account, stageFor(deps, account, false));
  });
}
