/**
 * The province's first steps of selection: the call's quotas and threshold, the task forces'
 * opinions where the program routes applications to them (003), and the policy review that passes
 * an application on to the experts or rejects it with a reason.
 */
import { transition, type ApplicationState } from '../../core/applications/lifecycle.ts';
import { DomainError } from '../../core/errors.ts';
import type { ApplicationRow, Deps, RecommendationRow, Repositories, RequestContext } from '../ports.ts';
import { authorize, recordAudit, type ActingContext } from '../support.ts';
import { APPLICATION, CALL, loadOrThrow, notifyOrganization, publishedDefinition } from '../applicants/common.ts';

async function provinceOfCall(repos: Repositories, ctx: RequestContext, callId: string, action: 'selection.manage' | 'selection.read' = 'selection.manage') {
  const call = loadOrThrow(await repos.calls.findById(callId), CALL);
  const province = loadOrThrow(await repos.organizations.findById(call.provinceId), CALL);
  const acting = authorize(ctx, action, { organizationPath: province.path });
  return { call, province, acting, definition: publishedDefinition(call.programCode, call.programVersion, call.definition) };
}

/** Quotas per city (organization code → number) and the score threshold, for a call whose program leaves them open. */
export async function setCallQuotas(deps: Deps, ctx: RequestContext, callId: string, input: { quotaTable: Record<string, number>; threshold: number | null }) {
  return deps.uow.transaction(async (repos) => {
    const { call } = await provinceOfCall(repos, ctx, callId);
    const before = await repos.selection.callQuotas(callId);
    const units = new Set((await repos.organizations.recommendingUnits()).filter((u) => u.path.includes(call.provinceId)).map((u) => u.code));
    const unknown = Object.keys(input.quotaTable).filter((c) => !units.has(c));
    if (unknown.length) {
      throw new DomainError('validation', 'validation_failed', { 'zh-CN': '指标表有误', en: 'The quota table needs correcting' }, [
        { path: 'quotaTable', code: 'unknown_city', messages: { 'zh-CN': `指标表：不是本省的推荐单位：${unknown.join('、')}`, en: `Quota table: not a recommending unit of this province: ${unknown.join(', ')}` } },
      ]);
    }
    await repos.selection.setCallQuotas(callId, input.quotaTable, input.threshold, deps.clock.now());
    await recordAudit(repos, ctx, deps.clock, { action: 'call.quotas_set', entityType: 'call', entityId: callId, organizationId: call.provinceId, before, after: input });
    return repos.selection.callQuotas(callId);
  });
}

export interface SelectionOverview {
  recommendations: RecommendationRow[];
  applications: (ApplicationRow & { taskForce: { departmentId: string; opinion: string | null; supports: boolean | null; at: Date | null } | null })[];
  quotas: { quotaTable: Record<string, number>; threshold: number | null };
  /** Every recommending unit of the call's province, with its quota (null: none set). */
  cities: { id: string; name: string; code: string; quota: number | null }[];
}

/** What the province sees of a call: every city's list and every recommended application with its review so far. */
export async function selectionOverview(deps: Deps, ctx: RequestContext, callId: string): Promise<SelectionOverview> {
  return deps.uow.read(async (repos) => {
    const { call, definition } = await provinceOfCall(repos, ctx, callId, 'selection.read');
    const applications = await repos.selection.applicationsOfCall(callId, ['recommended', 'policy_passed', 'policy_rejected', 'expert_review', 'shortlisted', 'not_shortlisted', 'selected', 'not_selected']);
    const quotas = await repos.selection.callQuotas(callId);
    const opinions = await repos.selection.taskForceOpinionsOfCall(callId);
    const cities = (await repos.organizations.recommendingUnits())
      .filter((u) => u.path.includes(call.provinceId))
      .map((u) => ({ id: u.id, name: u.name, code: u.code, quota: quotas.quotaTable[u.code] ?? definition.quotas.perCity?.table[u.code] ?? definition.quotas.perCity?.default ?? null }));
    return {
      recommendations: await repos.recommendations.forCall(callId),
      applications: applications.map((a) => ({ ...a, taskForce: opinions.get(a.id) ?? null })),
      quotas,
      cities,
    };
  });
}

async function event(repos: Repositories, ctx: ActingContext, row: ApplicationRow, to: string, comment: string | null, now: Date) {
  await repos.applications.addEvent({ applicationId: row.id, fromState: row.state, toState: to, actorId: ctx.actor.accountId, actorName: ctx.actor.name, actorRole: ctx.actor.role, comment, at: now });
}

/** Applications routed to the signed-in task-force reviewer's department. */
export async function taskForceQueue(deps: Deps, ctx: RequestContext, callId: string): Promise<(ApplicationRow & { opinion: string | null; supports: boolean | null })[]> {
  const acting = authorize(ctx, 'taskforce.opine');
  return deps.uow.read(async (repos) => {
    const rows = await repos.selection.applicationsOfCall(callId, ['recommended', 'policy_passed', 'policy_rejected', 'expert_review', 'shortlisted', 'not_shortlisted', 'selected', 'not_selected']);
    const opinions = await repos.selection.taskForceOpinionsOfCall(callId);
    return rows.flatMap((r) => {
      const o = opinions.get(r.id);
      return o?.departmentId === acting.actor.organizationId ? [{ ...r, opinion: o.opinion, supports: o.supports }] : [];
    });
  });
}

/** A task force's opinion on an application routed to it; it must come before the policy review. */
export async function recordTaskForceOpinion(deps: Deps, ctx: RequestContext, applicationId: string, input: { supports: boolean; opinion: string }) {
  return deps.uow.transaction(async (repos) => {
    const row = loadOrThrow(await repos.applications.findByIdForUpdate(applicationId), APPLICATION);
    const routed = await repos.selection.taskForceOpinion(applicationId);
    const department = routed ? await repos.organizations.findById(routed.departmentId) : undefined;
    authorize(ctx, 'taskforce.opine', { organizationPath: department?.path ?? [] });
    if (row.state !== 'recommended') throw new DomainError('conflict', 'opinion_closed', { 'zh-CN': '省级政策性审查已完成，不能再提出专班意见', en: 'The policy review is done; the opinion can no longer change' });
    const now = deps.clock.now();
    await repos.selection.recordTaskForceOpinion(applicationId, input.opinion, input.supports, ctx.actor!.accountId, now);
    await recordAudit(repos, ctx, deps.clock, { action: 'application.task_force_opinion', entityType: 'application', entityId: applicationId, organizationId: row.organizationId, after: input });
    return repos.selection.taskForceOpinion(applicationId);
  });
}

/** The policy review: pass on to the experts, or reject with the reason (the applicant and the city are told). */
export async function decidePolicyReview(deps: Deps, ctx: RequestContext, applicationId: string, input: { decision: 'pass' | 'reject'; reason: string }) {
  return deps.uow.transaction(async (repos) => {
    const row = loadOrThrow(await repos.applications.findByIdForUpdate(applicationId), APPLICATION);
    const { acting, definition } = await provinceOfCall(repos, ctx, row.callId);
    authorize(ctx, 'selection.manage', { organizationPath: row.organizationPath });
    if (definition.taskForceRouting) {
      const opinion = await repos.selection.taskForceOpinion(applicationId);
      if (opinion && !opinion.at) {
        throw new DomainError('conflict', 'task_force_opinion_missing', {
          'zh-CN': `须先有产业专班的初审意见（${definition.taskForceRouting.citation}）`,
          en: `The task force's opinion must come first (${definition.taskForceRouting.citation})`,
        });
      }
    }
    if (input.decision === 'reject' && input.reason.trim().length < 2) {
      throw new DomainError('validation', 'validation_failed', { 'zh-CN': '须填写不通过的理由', en: 'A reason is required' }, [
        { path: 'reason', code: 'required', messages: { 'zh-CN': '理由：必填', en: 'Reason: is required' } },
      ]);
    }
    const next = transition(input.decision === 'pass' ? 'policy_pass' : 'policy_reject', row.state as ApplicationState);
    const now = deps.clock.now();
    await repos.applications.update(applicationId, { state: next }, now);
    await repos.selection.setPolicyReview(applicationId, { ...input, by: acting.actor.name, at: now.toISOString() }, now);
    await event(repos, acting, row, next, input.reason || null, now);
    await recordAudit(repos, ctx, deps.clock, { action: `application.policy_${input.decision}`, entityType: 'application', entityId: applicationId, organizationId: row.organizationId, before: { state: row.state }, after: { state: next, reason: input.reason } });
    if (input.decision === 'reject') {
      const notice = {
        kind: 'application.policy_reject',
        title: { 'zh-CN': '政策性审查未通过', en: 'Did not pass the policy review' },
        body: { 'zh-CN': `“${row.projectName}”未通过省级政策性审查：${input.reason}`, en: `“${row.projectName}” did not pass the policy review: ${input.reason}` },
        link: `/applications/${applicationId}`,
      };
      await notifyOrganization(repos, deps.clock, row.organizationId, notice, { email: true, publicUrl: deps.settings.publicUrl });
      const city = row.organizationPath.at(-2);
      if (city) await notifyOrganization(repos, deps.clock, city, notice, { role: 'city_officer' });
    }
    return loadOrThrow(await repos.applications.findById(applicationId), APPLICATION);
  });
}
