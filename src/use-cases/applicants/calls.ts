/**
 * Calls (申报通知): a province officer publishes a call for a published program version with its
 * deadline; applicants of the province see the open ones and check themselves against the rules.
 */
import type { CreateCallInput } from '../../../contracts/applicants.ts';
import { precheck, type Precheck } from '../../core/applications/facts.ts';
import { DomainError, fieldError } from '../../core/errors.ts';
import { mayAttempt } from '../../core/access-policy.ts';
import type { CallRow, Deps, ListQuery, RequestContext } from '../ports.ts';
import { shanghaiToday } from '../programs/programs.ts';
import { authorize, authorizeList, recordAudit } from '../support.ts';
import { CALL, currentProfile, factsOfProfile, loadOrThrow, publishedDefinition } from './common.ts';
import { activeBanOf, rulesWithBan } from '../oversight/bans.ts';

export type CallStatus = 'draft' | 'scheduled' | 'open' | 'closed';

export function callStatus(call: Pick<CallRow, 'status' | 'opensAt' | 'deadlineAt'>, now: Date): CallStatus {
  if (call.status === 'draft') return 'draft';
  if (now < call.opensAt) return 'scheduled';
  return now < call.deadlineAt ? 'open' : 'closed';
}

/** A Shanghai wall-clock date and time as an instant; "24:00" is the end of that day. */
export function shanghaiInstant(date: string, time: string): Date {
  if (time === '24:00') return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000);
  return new Date(`${date}T${time}:00+08:00`);
}

export interface CallView {
  row: CallRow;
  status: CallStatus;
  myApplicationId: string | null;
}

export async function listCalls(
  deps: Deps,
  ctx: RequestContext,
  q: ListQuery & { status?: CallStatus; programCode?: string; q?: string; sort: 'deadlineAt' | 'opensAt' | 'title' },
): Promise<{ rows: CallView[]; total: number }> {
  const { ctx: acting } = authorizeList(ctx, 'call.read');
  const manager = mayAttempt(acting.actor, 'call.manage');
  const now = deps.clock.now();
  // Everyone but the platform's own staff sees the calls of their province.
  const provinceId = acting.actor.organizationPath[1];
  return deps.uow.read(async (repos) => {
    const { rows, total } = await repos.calls.list({ ...q, provinceId, publishedOnly: !manager, now });
    const own = acting.actor.role === 'applicant';
    const views = await Promise.all(
      rows.map(async (row) => ({ row, status: callStatus(row, now), myApplicationId: own ? ((await repos.applications.findActive(acting.actor.organizationId, row.id)) ?? null) : null })),
    );
    return { rows: views, total };
  });
}

export async function getCall(deps: Deps, ctx: RequestContext, id: string): Promise<CallView> {
  const { ctx: acting } = authorizeList(ctx, 'call.read');
  return deps.uow.read(async (repos) => {
    const row = loadOrThrow(await repos.calls.findById(id), CALL);
    if (row.status === 'draft' && !mayAttempt(acting.actor, 'call.manage')) throw loadOrThrow(undefined, CALL);
    const mine = acting.actor.role === 'applicant' ? await repos.applications.findActive(acting.actor.organizationId, id) : undefined;
    return { row, status: callStatus(row, deps.clock.now()), myApplicationId: mine ?? null };
  });
}

/** The applicant's profile against every rule of the call's program, before any form is filled. */
export async function precheckCall(deps: Deps, ctx: RequestContext, id: string): Promise<Precheck & { profileComplete: boolean; today: string }> {
  const acting = authorize(ctx, 'application.apply');
  return deps.uow.read(async (repos) => {
    const call = loadOrThrow(await repos.calls.findById(id), CALL);
    const definition = publishedDefinition(call.programCode, call.programVersion, call.definition);
    const profile = await currentProfile(repos, acting.actor.organizationId);
    const today = shanghaiToday(deps.clock.now());
    const ban = await activeBanOf(repos, acting.actor.organizationId, call.programCode, today);
    return { ...precheck(rulesWithBan(definition, ban), factsOfProfile(profile?.data ?? null, ban?.lastDay), {}, new Set(), today), profileComplete: profile !== null, today };
  });
}

export async function createCall(deps: Deps, ctx: RequestContext, input: CreateCallInput): Promise<CallView> {
  authorize(ctx, 'call.manage');
  return deps.uow.transaction(async (repos) => {
    const version = await repos.programs.findVersion(input.programCode, input.programVersion);
    if (!version || version.status !== 'published') {
      throw fieldError('programVersion', 'program_version_unpublished', { 'zh-CN': '计划版本', en: 'Program version' }, { 'zh-CN': '须选择已发布的版本', en: 'must be a published version' });
    }
    const definition = publishedDefinition(version.code, version.version, version.definition);
    if (definition.kind !== 'application_program') {
      throw fieldError('programCode', 'not_an_application_program', { 'zh-CN': '计划', en: 'Program' }, { 'zh-CN': '目标规划类计划不接受申报', en: 'a target plan takes no applications' });
    }
    const province = await repos.organizations.findByCode(version.provinceCode);
    if (!province) throw fieldError('programCode', 'province_unknown', { 'zh-CN': '计划', en: 'Program' }, { 'zh-CN': '计划所属省份不在本平台', en: "the program's province is not on this platform" });
    const acting = authorize(ctx, 'call.manage', { organizationPath: province.path });
    const opensAt = shanghaiInstant(input.opensOn, '00:00');
    const deadlineAt = shanghaiInstant(input.deadlineDate, input.deadlineTime);
    if (deadlineAt <= opensAt) {
      throw fieldError('deadlineDate', 'deadline_before_opening', { 'zh-CN': '截止日期', en: 'Deadline' }, { 'zh-CN': '须晚于开始日期', en: 'must be after the opening date' });
    }
    if (deadlineAt <= deps.clock.now()) {
      throw fieldError('deadlineDate', 'deadline_in_past', { 'zh-CN': '截止日期', en: 'Deadline' }, { 'zh-CN': '不能早于现在', en: 'cannot be in the past' });
    }
    const id = await repos.calls.insert({
      programId: version.programId,
      programVersion: version.version,
      provinceId: province.id,
      title: input.title,
      documentNumber: input.documentNumber,
      materials: input.materials,
      opensAt,
      deadlineAt,
      status: 'draft',
      createdBy: acting.actor.accountId,
      now: deps.clock.now(),
    });
    await recordAudit(repos, ctx, deps.clock, {
      action: 'call.created',
      entityType: 'call',
      entityId: id,
      organizationId: province.id,
      after: { programCode: version.code, programVersion: version.version, title: input.title, opensAt: opensAt.toISOString(), deadlineAt: deadlineAt.toISOString() },
    });
    const row = loadOrThrow(await repos.calls.findById(id), CALL);
    return { row, status: callStatus(row, deps.clock.now()), myApplicationId: null };
  });
}

export async function publishCall(deps: Deps, ctx: RequestContext, id: string): Promise<CallView> {
  authorize(ctx, 'call.manage');
  return deps.uow.transaction(async (repos) => {
    const call = loadOrThrow(await repos.calls.findById(id), CALL);
    const province = loadOrThrow(await repos.organizations.findById(call.provinceId), CALL);
    authorize(ctx, 'call.manage', { organizationPath: province.path });
    if (call.status !== 'draft') throw new DomainError('conflict', 'already_published', { 'zh-CN': '该通知已发布', en: 'The call is already published' });
    const now = deps.clock.now();
    if (call.deadlineAt <= now) throw new DomainError('conflict', 'deadline_passed', { 'zh-CN': '截止时间已过，不能发布', en: 'The deadline has passed; the call cannot be published' });
    await repos.calls.publish(id, ctx.actor!.accountId, now);
    await recordAudit(repos, ctx, deps.clock, { action: 'call.published', entityType: 'call', entityId: id, organizationId: province.id, before: { status: 'draft' }, after: { status: 'published' } });
    const row = loadOrThrow(await repos.calls.findById(id), CALL);
    return { row, status: callStatus(row, now), myApplicationId: null };
  });
}
