/**
 * The province's expert pool (评审专家库): one `expert_pool` organization per province (code
 * `<province>-experts`), its experts added by hand or imported from .xlsx, edited and deactivated
 * (never deleted: assignments and scores point at them). An expert row is linked to the expert-role
 * account of the pool with the same e-mail, when such an account exists.
 */
import { validateCreditCode, creditCodeProblemMessage } from '../../core/credit-code.ts';
import { DomainError, type FieldError, type Messages } from '../../core/errors.ts';
import type { Action } from '../../core/access-policy.ts';
import type { Deps, ExpertRow, OrganizationRow, Repositories, RequestContext } from '../ports.ts';
import { authorize, recordAudit, type ActingContext } from '../support.ts';
import { loadOrThrow } from '../applicants/common.ts';

export const EXPERT: Messages = { 'zh-CN': '专家', en: 'Expert' };
export const POOL: Messages = { 'zh-CN': '专家库', en: 'Expert pool' };

export interface ExpertInput {
  name: string;
  title: string;
  organizationName: string;
  creditCode: string | null;
  cityName: string | null;
  tags: string[];
  phone: string | null;
  email: string | null;
}

/** What a spreadsheet gave: experts read, and rows refused (row 0: the whole file). */
export interface ExpertSheet {
  experts: { name: string; title: string; organization: string; creditCode: string | null; cityName: string | null; tags: string[]; phone: string | null; email: string | null }[];
  errors: { row: number; column: string; messages: Messages }[];
}

/** The expert pool of a province (its organization of kind expert_pool). */
export async function poolOfProvince(repos: Repositories, provinceId: string): Promise<OrganizationRow> {
  const province = loadOrThrow(await repos.organizations.findById(provinceId), POOL);
  const pool = await repos.organizations.findByCode(`${province.code}-experts`);
  if (!pool || pool.kind !== 'expert_pool') throw new DomainError('not_found', 'not_found', { 'zh-CN': `${province.name}尚无评审专家库`, en: `${province.nameEn ?? province.name} has no expert pool` });
  return pool;
}

/**
 * The pool the actor works on: their province's; an administrator (at the platform root) names the
 * province by code, or (for lists) sees every pool when `provinceCode` is absent.
 */
async function resolvePool(repos: Repositories, ctx: RequestContext, action: Action, provinceCode: string | undefined, required: boolean): Promise<{ acting: ActingContext; pool: OrganizationRow | null }> {
  const acting = authorize(ctx, action);
  let provinceId = acting.actor.organizationPath[1];
  if (provinceCode) {
    const province = await repos.organizations.findByCode(provinceCode);
    if (!province || province.kind !== 'province') {
      throw new DomainError('validation', 'validation_failed', { 'zh-CN': '省份代码有误', en: 'Unknown province' }, [
        { path: 'provinceCode', code: 'unknown', messages: { 'zh-CN': '省份：不存在', en: 'Province: not found' } },
      ]);
    }
    provinceId = province.id;
  }
  if (!provinceId) {
    if (!required) return { acting, pool: null };
    throw new DomainError('validation', 'validation_failed', { 'zh-CN': '请指定省份', en: 'Name the province' }, [
      { path: 'provinceCode', code: 'required', messages: { 'zh-CN': '省份：必填', en: 'Province: is required' } },
    ]);
  }
  const pool = await poolOfProvince(repos, provinceId);
  authorize(ctx, action, { organizationPath: pool.path });
  return { acting, pool };
}

/** Field checks beyond the request schema: the credit code's check character (the conflict check matches on it). */
function checkInput(input: ExpertInput): ExpertInput {
  const fields: FieldError[] = [];
  let creditCode = input.creditCode?.trim() || null;
  if (creditCode) {
    const r = validateCreditCode(creditCode);
    const problem = creditCodeProblemMessage(r);
    if (problem) fields.push({ path: 'creditCode', code: 'invalid_credit_code', messages: { 'zh-CN': `单位统一社会信用代码：${problem['zh-CN']}`, en: `Credit code: ${problem.en}` } });
    creditCode = r.code;
  }
  if (fields.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '专家信息有误，请按提示修改', en: 'Some fields need correcting' }, fields);
  const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  return { ...input, name: input.name.trim(), title: input.title.trim(), organizationName: input.organizationName.trim(), creditCode, cityName: input.cityName?.trim() || null, tags, phone: input.phone?.trim() || null, email: input.email?.trim().toLowerCase() || null };
}

/** The expert-role account of the pool with this e-mail, when one exists and no other expert row holds it. */
async function linkableAccount(repos: Repositories, pool: OrganizationRow, email: string | null, exceptExpertId?: string): Promise<string | null> {
  if (!email) return null;
  const account = await repos.accounts.findByEmail(email);
  if (!account || account.role !== 'expert' || account.organizationId !== pool.id) return null;
  const holder = await repos.experts.findByAccount(account.id);
  return holder && holder.id !== exceptExpertId ? null : account.id;
}

export async function listExperts(deps: Deps, ctx: RequestContext, q: { page: number; pageSize: number; order: 'asc' | 'desc'; q?: string | undefined; tag?: string | undefined; active?: boolean | undefined; provinceCode?: string | undefined }) {
  return deps.uow.read(async (repos) => {
    const { pool } = await resolvePool(repos, ctx, 'selection.read', q.provinceCode, false);
    const { rows, total } = await repos.experts.list(pool?.id ?? null, {
      page: q.page,
      pageSize: q.pageSize,
      order: q.order,
      ...(q.q ? { q: q.q } : {}),
      ...(q.tag ? { tag: q.tag } : {}),
      ...(q.active !== undefined ? { active: q.active } : {}),
    });
    return { rows, total, tags: await repos.experts.tags(pool?.id ?? null) };
  });
}

export async function createExpert(deps: Deps, ctx: RequestContext, input: ExpertInput & { provinceCode?: string | undefined }): Promise<ExpertRow> {
  return deps.uow.transaction(async (repos) => {
    const { pool } = await resolvePool(repos, ctx, 'selection.manage', input.provinceCode, true);
    const clean = checkInput(input);
    const accountId = await linkableAccount(repos, pool!, clean.email);
    const row = await repos.experts.insert({ ...clean, poolId: pool!.id, accountId }, deps.clock.now());
    await recordAudit(repos, ctx, deps.clock, { action: 'expert.created', entityType: 'expert', entityId: row.id, organizationId: pool!.id, after: row });
    return row;
  });
}

/** Edits an expert; `active: false` deactivates (no new assignments), `true` brings them back. */
export async function updateExpert(deps: Deps, ctx: RequestContext, id: string, patch: Partial<ExpertInput> & { active?: boolean | undefined }): Promise<ExpertRow> {
  return deps.uow.transaction(async (repos) => {
    authorize(ctx, 'selection.manage');
    const before = loadOrThrow(await repos.experts.findById(id), EXPERT);
    const pool = loadOrThrow(await repos.organizations.findById(before.poolId), POOL);
    authorize(ctx, 'selection.manage', { organizationPath: pool.path });
    const merged = checkInput({
      name: patch.name ?? before.name,
      title: patch.title ?? before.title,
      organizationName: patch.organizationName ?? before.organizationName,
      creditCode: patch.creditCode !== undefined ? patch.creditCode : before.creditCode,
      cityName: patch.cityName !== undefined ? patch.cityName : before.cityName,
      tags: patch.tags ?? before.tags,
      phone: patch.phone !== undefined ? patch.phone : before.phone,
      email: patch.email !== undefined ? patch.email : before.email,
    });
    const emailChanged = merged.email !== before.email;
    const accountId = emailChanged ? await linkableAccount(repos, pool, merged.email, id) : (before.accountId ?? (await linkableAccount(repos, pool, merged.email, id)));
    const after = await repos.experts.update(id, { ...merged, accountId, ...(patch.active !== undefined ? { active: patch.active } : {}) }, deps.clock.now());
    const action = patch.active === false && before.active ? 'expert.deactivated' : patch.active === true && !before.active ? 'expert.reactivated' : 'expert.updated';
    await recordAudit(repos, ctx, deps.clock, { action, entityType: 'expert', entityId: id, organizationId: pool.id, before, after });
    return after;
  });
}

export interface ImportOutcome {
  created: number;
  updated: number;
  linked: number;
  errors: ExpertSheet['errors'];
}

/**
 * Imports experts from a spreadsheet (read only after the actor is authorized): rows with an e-mail
 * already in the pool update that expert, the others are added; refused rows are reported with their
 * row number and column and nothing of them is written. All rows that passed are written together.
 */
export async function importExperts(deps: Deps, ctx: RequestContext, read: () => Promise<ExpertSheet>, provinceCode?: string): Promise<ImportOutcome> {
  const pool = await deps.uow.read(async (repos) => (await resolvePool(repos, ctx, 'selection.manage', provinceCode, true)).pool!);
  const sheet = await read();
  const fatal = sheet.errors.some((e) => e.row === 0);
  if (fatal || sheet.experts.length === 0) return { created: 0, updated: 0, linked: 0, errors: sheet.errors };
  return deps.uow.transaction(async (repos) => {
    const now = deps.clock.now();
    let created = 0;
    let updated = 0;
    let linked = 0;
    const ids: string[] = [];
    for (const e of sheet.experts) {
      const clean = checkInput({ name: e.name, title: e.title, organizationName: e.organization, creditCode: e.creditCode, cityName: e.cityName, tags: e.tags, phone: e.phone, email: e.email });
      const existing = clean.email ? (await repos.experts.findByEmail(pool.id, clean.email))[0] : undefined;
      if (existing) {
        const accountId = existing.accountId ?? (await linkableAccount(repos, pool, clean.email, existing.id));
        if (accountId && !existing.accountId) linked += 1;
        ids.push((await repos.experts.update(existing.id, { ...clean, accountId, active: true }, now)).id);
        updated += 1;
      } else {
        const accountId = await linkableAccount(repos, pool, clean.email);
        if (accountId) linked += 1;
        ids.push((await repos.experts.insert({ ...clean, poolId: pool.id, accountId }, now)).id);
        created += 1;
      }
    }
    await recordAudit(repos, ctx, deps.clock, { action: 'expert.imported', entityType: 'expert_pool', entityId: pool.id, organizationId: pool.id, after: { created, updated, linked, refusedRows: sheet.errors.map((x) => x.row), expertIds: ids } });
    return { created, updated, linked, errors: sheet.errors };
  });
}

/**
 * The expert row of the signed-in expert: linked already, or (on first use) the one unlinked row of
 * their pool with their account's e-mail, which is linked now (audited). Undefined when there is none.
 */
export async function expertOfActor(repos: Repositories, ctx: ActingContext, clock: Deps['clock']): Promise<ExpertRow | undefined> {
  const linked = await repos.experts.findByAccount(ctx.actor.accountId);
  if (linked) return linked;
  const account = await repos.accounts.findById(ctx.actor.accountId);
  if (!account) return undefined;
  const candidates = (await repos.experts.findByEmail(ctx.actor.organizationId, account.email)).filter((e) => !e.accountId);
  if (candidates.length !== 1) return undefined;
  const row = await repos.experts.update(candidates[0]!.id, { accountId: account.id }, clock.now());
  await recordAudit(repos, ctx, clock, { action: 'expert.account_linked', entityType: 'expert', entityId: row.id, organizationId: row.poolId, before: { accountId: null }, after: { accountId: account.id } });
  return row;
}

/** The import template (rendered by the documents adapter), for those who read the pool. */
export async function expertTemplate(ctx: RequestContext, render: () => Promise<Buffer>): Promise<Buffer> {
  authorize(ctx, 'selection.read');
  return render();
}
