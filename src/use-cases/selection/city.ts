/**
 * The city's work: the initial review of each application (an authenticity checklist, pass or
 * reject with a reason), then the recommendation list within the city's quota and the program's
 * category limits, submitted to the province under a document number. The list is locked once
 * submitted; the province may send it back. Quotas hold under concurrency: every change to a city's
 * list takes that list's row lock first and checks the quota inside the same transaction.
 */
import { DEFAULT_CITY_CHECKLIST, transition, type ApplicationState } from '../../core/applications/lifecycle.ts';
import { DomainError, fieldError, type FieldError, type Messages } from '../../core/errors.ts';
import { checkRecommendation, remainingQuota, type QuotaStatus } from '../../core/selection/quota.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import type { ApplicationRow, Deps, OrganizationWithAncestors, RecommendationRow, Repositories, RequestContext } from '../ports.ts';
import { authorize, recordAudit, type ActingContext } from '../support.ts';
import { APPLICATION, CALL, loadOrThrow, notifyCallOwners, notifyOrganization, publishedDefinition } from '../applicants/common.ts';

const CITY: Messages = { 'zh-CN': '推荐单位', en: 'Recommending unit' };

export interface ChecklistAnswer {
  id: string;
  checked: boolean;
  note: string;
}

async function definitionOfCall(repos: Repositories, callId: string): Promise<{ definition: ProgramDefinition; call: NonNullable<Awaited<ReturnType<Repositories['calls']['findById']>>> }> {
  const call = loadOrThrow(await repos.calls.findById(callId), CALL);
  return { call, definition: publishedDefinition(call.programCode, call.programVersion, call.definition) };
}

async function event(repos: Repositories, ctx: ActingContext, row: ApplicationRow, to: string, comment: string | null, now: Date) {
  await repos.applications.addEvent({ applicationId: row.id, fromState: row.state, toState: to, actorId: ctx.actor.accountId, actorName: ctx.actor.name, actorRole: ctx.actor.role, comment, at: now });
}

/** The checklist the city works through (DEFAULT_CITY_CHECKLIST; a program may one day name its own). */
export const cityChecklist = () => DEFAULT_CITY_CHECKLIST;

/** Pass (every checklist item confirmed) or reject (with a reason) an application under city review. */
export async function decideCityReview(deps: Deps, ctx: RequestContext, id: string, input: { decision: 'pass' | 'reject'; reason: string; checklist: ChecklistAnswer[] }) {
  return deps.uow.transaction(async (repos) => {
    const row = loadOrThrow(await repos.applications.findByIdForUpdate(id), APPLICATION);
    const acting = authorize(ctx, 'application.review', { organizationPath: row.organizationPath });
    const next = transition(input.decision === 'pass' ? 'city_pass' : 'city_reject', row.state as ApplicationState);
    const errors: FieldError[] = [];
    if (input.decision === 'pass') {
      for (const [i, item] of cityChecklist().entries()) {
        const answer = input.checklist.find((c) => c.id === item.id);
        if (!answer?.checked) {
          errors.push(fieldError(`checklist.${i}`, 'unchecked', item.name, { 'zh-CN': '通过前须核实此项', en: 'must be confirmed before passing' }).fields[0]!);
        }
      }
    } else if (input.reason.trim().length < 2) {
      errors.push(fieldError('reason', 'required', { 'zh-CN': '不通过的理由', en: 'Reason' }, { 'zh-CN': '必填', en: 'is required' }).fields[0]!);
    }
    if (errors.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '初审意见不完整', en: 'The review is incomplete' }, errors);
    const now = deps.clock.now();
    const review = { decision: input.decision, reason: input.reason, checklist: input.checklist, by: acting.actor.name, at: now.toISOString() };
    await repos.applications.update(id, { state: next }, now);
    await repos.selection.setCityReview(id, review, now);
    await event(repos, acting, row, next, input.reason || null, now);
    await recordAudit(repos, ctx, deps.clock, { action: `application.city_${input.decision}`, entityType: 'application', entityId: id, organizationId: row.organizationId, before: { state: row.state }, after: { state: next, review } });
    const passed = input.decision === 'pass';
    await notifyOrganization(
      repos,
      deps.clock,
      row.organizationId,
      {
        kind: `application.city_${input.decision}`,
        title: passed ? { 'zh-CN': '市级初审通过', en: 'Passed the city review' } : { 'zh-CN': '市级初审未通过', en: 'Did not pass the city review' },
        body: passed
          ? { 'zh-CN': `“${row.projectName}”已通过市级初审。`, en: `“${row.projectName}” passed the city review.` }
          : { 'zh-CN': `“${row.projectName}”未通过市级初审：${input.reason}`, en: `“${row.projectName}” did not pass the city review: ${input.reason}` },
        link: `/applications/${id}`,
      },
      { email: true, publicUrl: deps.settings.publicUrl },
    );
    return loadOrThrow(await repos.applications.findById(id), APPLICATION);
  });
}

export interface RecommendationView {
  callId: string;
  callTitle: string;
  city: { id: string; name: string; code: string };
  recommendation: RecommendationRow | null;
  quota: number | null;
  /** What the list uses of the city's quota and of each category's limit. */
  quotaStatus: Pick<QuotaStatus, 'city' | 'categories'>;
  /** Applications the city passed under this call, in or out of the list. */
  candidates: ApplicationRow[];
  definition: ProgramDefinition;
}

async function cityOf(repos: Repositories, ctx: RequestContext, cityId: string | undefined): Promise<{ city: OrganizationWithAncestors; acting: ActingContext }> {
  // Only those who may review at all get as far as looking up the city (others: 403, not 404).
  const actor = authorize(ctx, 'application.review').actor;
  const id = cityId ?? actor.organizationId;
  const city = loadOrThrow(id ? await repos.organizations.findById(id) : undefined, CITY);
  if (city.kind !== 'city') throw loadOrThrow(undefined, CITY);
  return { city, acting: authorize(ctx, 'application.review', { organizationPath: city.path }) };
}

async function viewFor(repos: Repositories, callId: string, city: OrganizationWithAncestors, recommendation: RecommendationRow | null): Promise<RecommendationView> {
  const { definition, call } = await definitionOfCall(repos, callId);
  const { quotaTable } = await repos.selection.callQuotas(callId);
  const quota = quotaTable[city.code] ?? definition.quotas.perCity?.table[city.code] ?? definition.quotas.perCity?.default ?? null;
  const status = remainingQuota(definition, { cityCode: city.code, quotaTable, recommended: (recommendation?.items ?? []).map((i) => ({ applicationId: i.applicationId, category: i.category })) });
  const candidates = (await repos.selection.applicationsOfCall(callId, ['city_passed', 'recommended', 'policy_passed', 'policy_rejected', 'expert_review', 'shortlisted', 'not_shortlisted', 'selected', 'not_selected'])).filter((a) =>
    a.organizationPath.includes(city.id),
  );
  return { callId, callTitle: call.title, city: { id: city.id, name: city.name, code: city.code }, recommendation, quota, quotaStatus: { city: status.city, categories: status.categories }, candidates, definition };
}

/**
 * A city's list: without `cityId` the signed-in city officer's own (application.review); with it,
 * any city's for those who read the province's selection (selection.read).
 */
export async function getRecommendation(deps: Deps, ctx: RequestContext, callId: string, cityId?: string): Promise<RecommendationView> {
  return deps.uow.read(async (repos) => {
    if (cityId === undefined) {
      const { city } = await cityOf(repos, ctx, undefined);
      return viewFor(repos, callId, city, (await repos.recommendations.find(callId, city.id)) ?? null);
    }
    authorize(ctx, 'selection.read');
    const city = loadOrThrow(await repos.organizations.findById(cityId), CITY);
    authorize(ctx, 'selection.read', { organizationPath: city.path });
    return viewFor(repos, callId, city, (await repos.recommendations.find(callId, city.id)) ?? null);
  });
}

const locked = (status: string) =>
  new DomainError(
    'conflict',
    'recommendation_locked',
    status === 'submitted'
      ? { 'zh-CN': '推荐名单已报送省厅，不能再修改；如需调整请联系省厅退回', en: 'The list has been submitted to the province; ask the province to send it back to change it' }
      : { 'zh-CN': '推荐名单当前不能修改', en: 'The list cannot be changed now' },
  );

function quotaViolations(definition: ProgramDefinition, view: { cityCode: string; quotaTable: Record<string, number>; recommended: { applicationId: string; category: string | null }[] }) {
  return checkRecommendation(definition, { cityCode: view.cityCode, quotaTable: view.quotaTable, recommended: view.recommended });
}

function refuseViolations(violations: ReturnType<typeof quotaViolations>) {
  if (!violations.length) return;
  const first = violations[0]!;
  throw new DomainError('conflict', first.code, first.messages, [], { violations: violations.map((v) => ({ code: v.code, messages: v.messages, citation: v.citation })) });
}

/**
 * Adds a passed application to the city's list. The list's row is locked first, so two officers
 * (or two tabs) recommending at once queue here and the second sees the first's addition.
 */
export async function recommend(deps: Deps, ctx: RequestContext, callId: string, applicationId: string): Promise<RecommendationView> {
  return deps.uow.transaction(async (repos) => {
    const { city, acting } = await cityOf(repos, ctx, undefined);
    const now = deps.clock.now();
    const list = await repos.recommendations.lockForCity(callId, city.id, now);
    if (list.status === 'submitted') throw locked(list.status);
    const row = loadOrThrow(await repos.applications.findById(applicationId), APPLICATION);
    authorize(ctx, 'application.review', { organizationPath: row.organizationPath });
    if (row.callId !== callId || row.state !== 'city_passed') {
      throw new DomainError('conflict', 'not_recommendable', { 'zh-CN': '只能推荐本次申报中通过市级初审的项目', en: 'Only applications of this call that passed the city review can be recommended' });
    }
    if (list.items.some((i) => i.applicationId === applicationId)) return viewFor(repos, callId, city, list);
    const { definition } = await definitionOfCall(repos, callId);
    const { quotaTable } = await repos.selection.callQuotas(callId);
    const recommended = [...list.items.map((i) => ({ applicationId: i.applicationId, category: i.category })), { applicationId, category: row.category }];
    refuseViolations(quotaViolations(definition, { cityCode: city.code, quotaTable, recommended }));
    await repos.recommendations.addItem(list.id, applicationId, list.items.length + 1, row.category, now);
    await repos.recommendations.update(list.id, {}, now);
    await recordAudit(repos, ctx, deps.clock, { action: 'recommendation.added', entityType: 'recommendation', entityId: list.id, organizationId: city.id, after: { applicationId, rank: list.items.length + 1, by: acting.actor.name } });
    return viewFor(repos, callId, city, (await repos.recommendations.find(callId, city.id)) ?? null);
  });
}

export async function unrecommend(deps: Deps, ctx: RequestContext, callId: string, applicationId: string): Promise<RecommendationView> {
  return deps.uow.transaction(async (repos) => {
    const { city } = await cityOf(repos, ctx, undefined);
    const now = deps.clock.now();
    const list = await repos.recommendations.lockForCity(callId, city.id, now);
    if (list.status === 'submitted') throw locked(list.status);
    await repos.recommendations.removeItem(list.id, applicationId);
    await repos.recommendations.setRanks(
      list.id,
      list.items.filter((i) => i.applicationId !== applicationId).map((i) => i.applicationId),
    );
    await recordAudit(repos, ctx, deps.clock, { action: 'recommendation.removed', entityType: 'recommendation', entityId: list.id, organizationId: city.id, before: { applicationId } });
    return viewFor(repos, callId, city, (await repos.recommendations.find(callId, city.id)) ?? null);
  });
}

/** The city's ranking of its list: the application ids in order. */
export async function rankRecommendation(deps: Deps, ctx: RequestContext, callId: string, order: string[]): Promise<RecommendationView> {
  return deps.uow.transaction(async (repos) => {
    const { city } = await cityOf(repos, ctx, undefined);
    const now = deps.clock.now();
    const list = await repos.recommendations.lockForCity(callId, city.id, now);
    if (list.status === 'submitted') throw locked(list.status);
    const current = new Set(list.items.map((i) => i.applicationId));
    if (order.length !== current.size || !order.every((id) => current.has(id))) {
      throw fieldError('order', 'order_mismatch', { 'zh-CN': '排序', en: 'Order' }, { 'zh-CN': '须包含名单中的全部项目，且各一次', en: 'must list every project of the list once' });
    }
    await repos.recommendations.setRanks(list.id, order);
    await recordAudit(repos, ctx, deps.clock, { action: 'recommendation.ranked', entityType: 'recommendation', entityId: list.id, organizationId: city.id, after: { order } });
    return viewFor(repos, callId, city, (await repos.recommendations.find(callId, city.id)) ?? null);
  });
}

/** Submits the list under the city's document number: it is locked, its applications are recommended, the province is told. */
export async function submitRecommendation(deps: Deps, ctx: RequestContext, callId: string, documentNumber: string): Promise<RecommendationView> {
  return deps.uow.transaction(async (repos) => {
    const { city, acting } = await cityOf(repos, ctx, undefined);
    const now = deps.clock.now();
    const list = await repos.recommendations.lockForCity(callId, city.id, now);
    if (list.status === 'submitted') throw locked(list.status);
    if (!list.items.length) throw new DomainError('conflict', 'recommendation_empty', { 'zh-CN': '推荐名单为空', en: 'The list is empty' });
    const { definition, call } = await definitionOfCall(repos, callId);
    const { quotaTable } = await repos.selection.callQuotas(callId);
    refuseViolations(quotaViolations(definition, { cityCode: city.code, quotaTable, recommended: list.items.map((i) => ({ applicationId: i.applicationId, category: i.category })) }));
    for (const item of list.items) {
      const row = loadOrThrow(await repos.applications.findByIdForUpdate(item.applicationId), APPLICATION);
      const next = transition('recommend', row.state as ApplicationState);
      await repos.applications.update(row.id, { state: next }, now);
      await event(repos, acting, row, next, `推荐排序第 ${item.rank} 位（${documentNumber}）`, now);
      await routeToTaskForce(repos, definition, row);
    }
    await repos.recommendations.update(list.id, { status: 'submitted', documentNumber, submittedAt: now, submittedBy: acting.actor.accountId, returnedComment: null }, now);
    await recordAudit(repos, ctx, deps.clock, {
      action: 'recommendation.submitted',
      entityType: 'recommendation',
      entityId: list.id,
      organizationId: city.id,
      after: { documentNumber, items: list.items.map((i) => ({ applicationId: i.applicationId, rank: i.rank })) },
    });
    await notifyCallOwners(
      repos,
      deps.clock,
      call,
      { kind: 'recommendation.submitted', title: { 'zh-CN': '收到推荐名单', en: 'A recommendation list arrived' }, body: { 'zh-CN': `${city.name}报送了“${call.title}”的推荐名单（${list.items.length} 项，${documentNumber}）。`, en: `${city.name} submitted its list for “${call.title}” (${list.items.length}, ${documentNumber}).` }, link: `/selection/${callId}` },
    );
    return viewFor(repos, callId, city, (await repos.recommendations.find(callId, city.id)) ?? null);
  });
}

/** Programs with task forces (003) route each recommended application to the department its field names. */
async function routeToTaskForce(repos: Repositories, definition: ProgramDefinition, row: ApplicationRow): Promise<void> {
  const routing = definition.taskForceRouting;
  if (!routing) return;
  const [formId, fieldId] = routing.field.split('.');
  const value = row.formData[formId!]?.[fieldId!];
  const code = typeof value === 'string' ? routing.organizationCodes[value] : undefined;
  const department = code ? await repos.organizations.findByCode(code) : undefined;
  if (department) await repos.selection.routeToTaskForce(row.id, department.id);
}

/** The province sends a submitted list back with a comment: it opens again and its applications return to "passed". */
export async function returnRecommendation(deps: Deps, ctx: RequestContext, callId: string, cityId: string, comment: string): Promise<RecommendationView> {
  return deps.uow.transaction(async (repos) => {
    authorize(ctx, 'selection.manage');
    const city = loadOrThrow(await repos.organizations.findById(cityId), CITY);
    const acting = authorize(ctx, 'selection.manage', { organizationPath: city.path });
    const now = deps.clock.now();
    const list = await repos.recommendations.lockForCity(callId, city.id, now);
    if (list.status !== 'submitted') throw new DomainError('conflict', 'recommendation_not_submitted', { 'zh-CN': '该市尚未报送推荐名单', en: 'The city has not submitted its list' });
    for (const item of list.items) {
      const row = loadOrThrow(await repos.applications.findByIdForUpdate(item.applicationId), APPLICATION);
      if (row.state !== 'recommended') {
        throw new DomainError('conflict', 'review_started', { 'zh-CN': '名单中已有项目进入省级审查，不能整体退回', en: 'Some projects of the list are already in the province’s review; the list cannot go back' });
      }
      const next = transition('unrecommend', row.state as ApplicationState);
      await repos.applications.update(row.id, { state: next }, now);
      await event(repos, acting, row, next, comment, now);
    }
    await repos.recommendations.update(list.id, { status: 'returned', returnedComment: comment }, now);
    await recordAudit(repos, ctx, deps.clock, { action: 'recommendation.returned', entityType: 'recommendation', entityId: list.id, organizationId: city.id, before: { status: 'submitted' }, after: { status: 'returned', comment } });
    await notifyOrganization(
      repos,
      deps.clock,
      city.id,
      { kind: 'recommendation.returned', title: { 'zh-CN': '推荐名单被退回', en: 'The list was sent back' }, body: { 'zh-CN': `省厅退回了推荐名单：${comment}`, en: `The province sent the list back: ${comment}` }, link: `/recommendations/${callId}` },
      { role: 'city_officer', email: true, publicUrl: deps.settings.publicUrl },
    );
    return viewFor(repos, callId, city, (await repos.recommendations.find(callId, city.id)) ?? null);
  });
}
