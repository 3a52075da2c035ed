/**
 * Assigning the experts of the province's pool to a call's applications (专家分配): a run over the
 * applications that passed the policy review (and those already under expert review, for re-runs)
 * and the pool's active experts, k experts per application within load bounds, never a conflicted
 * pair (automatic conflicts, and the experts' own declarations), matched by tags. The solve runs off
 * the request: the run is recorded, answered at once, and solved in a worker in the background;
 * applying a finished run replaces the automatic assignments and moves the applications to expert
 * review. The province can add or remove one pair by hand.
 */
import { transition, type ApplicationState } from '../../core/applications/lifecycle.ts';
import { DomainError, type FieldError, type Messages } from '../../core/errors.ts';
import type { Direction, ProgramDefinition } from '../../core/programs/definition.ts';
import { assignGreedy, qualityReport, type AssignmentProblem, type AssignmentResult } from '../../core/selection/assignment.ts';
import { autoConflicts, conflictOptions, pairKey, type ConflictReason } from '../../core/selection/conflicts.ts';
import type { ApplicationRow, AssignmentRow, AssignmentRunRow, CallRow, Deps, ExpertRow, OrganizationRow, Repositories, RequestContext } from '../ports.ts';
import { authorize, recordAudit, type ActingContext } from '../support.ts';
import { APPLICATION, CALL, loadOrThrow, publishedDefinition } from '../applicants/common.ts';
import { EXPERT, poolOfProvince } from './experts.ts';
import { scoringOf } from './ranking.ts';

/** Where the solve runs: the worker thread and the LP bound (src/adapters/jobs/assignment-worker.ts). */
export interface AssignmentSolver {
  solve(p: AssignmentProblem): Promise<AssignmentResult>;
  bound(p: AssignmentProblem): Promise<number>;
}

const RUN: Messages = { 'zh-CN': '分配方案', en: 'Assignment run' };
const ASSIGNMENT: Messages = { 'zh-CN': '评审分配', en: 'Assignment' };
/** States whose applications take part in an assignment run. */
export const ASSIGNABLE_STATES = ['policy_passed', 'expert_review'] as const;

/** A conflict found by the expert's own declaration on an earlier assignment. */
export const DECLARED_BY_EXPERT: ConflictReason = {
  code: 'declared_organization',
  messages: { 'zh-CN': '专家本人已申报与该申报存在利益冲突', en: 'The expert declared a conflict of interest with this application' },
  citation: null,
};

export interface CallConflict {
  expertId: string;
  applicationId: string;
  reasons: readonly ConflictReason[];
}

interface CallContext {
  call: CallRow;
  definition: ProgramDefinition;
  pool: OrganizationRow;
  applications: ApplicationRow[];
  experts: ExpertRow[];
  assignments: AssignmentRow[];
  conflicts: Map<string, readonly ConflictReason[]>;
}

async function provinceOfCall(repos: Repositories, ctx: RequestContext, callId: string, action: 'selection.manage' | 'selection.read') {
  authorize(ctx, action);
  const call = loadOrThrow(await repos.calls.findById(callId), CALL);
  const province = loadOrThrow(await repos.organizations.findById(call.provinceId), CALL);
  const acting = authorize(ctx, action, { organizationPath: province.path });
  return { call, acting, definition: publishedDefinition(call.programCode, call.programVersion, call.definition) };
}

const normalizeName = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '').toLowerCase();

/** Every conflicted expert–application pair: the automatic ones and the experts' own declarations. */
export function conflictsOf(definition: ProgramDefinition, applications: readonly ApplicationRow[], experts: readonly ExpertRow[], assignments: readonly AssignmentRow[]) {
  // An expert's employer counts as the applicant when its name is the applicant's (the pool keeps names, not organization ids).
  const byName = new Map(applications.map((a) => [normalizeName(a.organizationName), a.organizationId]));
  const conflicts = autoConflicts(
    experts.map((e) => ({ id: e.id, organizationId: byName.get(normalizeName(e.organizationName)) ?? null, creditCode: e.creditCode, cityCode: e.cityName, declaredOrganizationIds: [], declaredCreditCodes: [] })),
    applications.map((a) => ({ id: a.id, organizationId: a.organizationId, creditCode: a.creditCode ?? '', cityCode: a.cityName ?? '' })),
    conflictOptions(definition),
  );
  const out = new Map<string, readonly ConflictReason[]>(conflicts);
  for (const x of assignments) {
    if (x.status !== 'declined_conflict') continue;
    const key = pairKey(x.expertId, x.applicationId);
    out.set(key, [...(out.get(key) ?? []), DECLARED_BY_EXPERT]);
  }
  return out;
}

async function loadContext(repos: Repositories, call: CallRow, definition: ProgramDefinition): Promise<CallContext> {
  const pool = await poolOfProvince(repos, call.provinceId);
  const applications = await repos.selection.applicationsOfCall(call.id, ASSIGNABLE_STATES);
  const experts = await repos.experts.active(pool.id);
  const assignments = await repos.assignments.forCall(call.id);
  return { call, definition, pool, applications, experts, assignments, conflicts: conflictsOf(definition, applications, experts, assignments) };
}

/** The tags an application needs: its directions (codes and the names along the tree) and category. */
export function applicationTags(definition: ProgramDefinition, app: ApplicationRow): string[] {
  const tags = new Set<string>();
  const walk = (ds: readonly Direction[], trail: Direction[]) => {
    for (const d of ds) {
      const here = [...trail, d];
      if (app.directions.includes(d.code)) for (const x of here) tags.add(x.code).add(x.name['zh-CN']);
      walk(d.children ?? [], here);
    }
  };
  walk(definition.directions, []);
  for (const d of app.directions) tags.add(d);
  if (app.category) tags.add(app.category);
  return [...tags];
}

export interface RunInput {
  perApplication?: number | undefined;
  minLoad?: number | undefined;
  maxLoad?: number | undefined;
}

const tooFew = (zh: string, en: string) => new DomainError('conflict', 'nothing_to_assign', { 'zh-CN': zh, en });

function problemOf(c: CallContext, input: RunInput): { problem: AssignmentProblem; minLoad: number; maxLoad: number } {
  const scoring = scoringOf(c.definition);
  const k = input.perApplication ?? scoring.expertsPerApplication;
  const n = c.applications.length;
  const m = c.experts.length;
  if (n === 0) throw tooFew('本批次没有待分配专家的申报（须已通过政策性审查）', 'No application of this call awaits experts (they must have passed the policy review)');
  if (m === 0) throw tooFew('专家库中没有可用的专家', 'The expert pool has no active expert');
  const minLoad = input.minLoad ?? scoring.expertLoad?.min ?? 0;
  const maxLoad = input.maxLoad ?? scoring.expertLoad?.max ?? Math.max(1, Math.ceil((n * k) / m) + 1);
  const fields: FieldError[] = [];
  if (k > m) fields.push({ path: 'perApplication', code: 'too_many', messages: { 'zh-CN': `每项专家人数：不能超过专家库中可用专家数（${m}）`, en: `Experts per application: cannot exceed the active experts (${m})` } });
  if (minLoad > maxLoad) fields.push({ path: 'minLoad', code: 'above_max', messages: { 'zh-CN': '最低工作量：不能高于最高工作量', en: 'Minimum load: cannot exceed the maximum load' } });
  if (fields.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '分配参数有误', en: 'The assignment settings need correcting' }, fields);
  const appIds = new Set(c.applications.map((a) => a.id));
  const expertIds = new Set(c.experts.map((e) => e.id));
  // Kept as they are: pairs an officer added by hand and those an expert has already taken up.
  const fixed = c.assignments
    .filter((x) => x.status !== 'declined_conflict' && (x.manual || x.status !== 'assigned'))
    .filter((x) => appIds.has(x.applicationId) && expertIds.has(x.expertId) && !c.conflicts.has(pairKey(x.expertId, x.applicationId)))
    .map((x) => ({ expertId: x.expertId, applicationId: x.applicationId }));
  const problem: AssignmentProblem = {
    applications: c.applications.map((a) => ({ id: a.id, tags: applicationTags(c.definition, a) })),
    experts: c.experts.map((e) => ({ id: e.id, tags: e.tags, minLoad, maxLoad })),
    perApplication: k,
    conflicts: new Set([...c.conflicts.keys()].filter((key) => {
      const [e, a] = key.split('|');
      return expertIds.has(e!) && appIds.has(a!);
    })),
    fixed,
  };
  return { problem, minLoad, maxLoad };
}

/** Longer than any solve may take (the worker gives up after five minutes): a run still running then was cut off. */
export const ABANDONED_AFTER_MS = 10 * 60_000;

/** Solves still running in this process (tests wait for them; a server's shutdown may too). */
const running = new Set<Promise<void>>();
export async function settleAssignmentRuns(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}

/** The solve of one run, in the background: optimum (worker), greedy baseline, LP bound, quality report. */
async function solveRun(deps: Deps, ctx: RequestContext, runId: string, problem: AssignmentProblem, settings: { minLoad: number; maxLoad: number }, solver: AssignmentSolver): Promise<void> {
  try {
    const result = await solver.solve(problem);
    const greedy = assignGreedy(problem);
    let bound: number | null = null;
    let boundError: string | null = null;
    if (result.feasible) {
      try {
        bound = await solver.bound(problem);
      } catch (err) {
        boundError = err instanceof Error ? err.message : String(err);
      }
    }
    const report = {
      perApplication: problem.perApplication,
      minLoad: settings.minLoad,
      maxLoad: settings.maxLoad,
      applications: problem.applications.length,
      experts: problem.experts.length,
      conflicts: problem.conflicts.size,
      fixed: problem.fixed?.length ?? 0,
      feasible: result.feasible,
      reason: result.reason ?? null,
      quality: result.feasible ? qualityReport(problem, result, bound ?? undefined) : null,
      greedy: { feasible: greedy.feasible, objective: greedy.objective, reason: greedy.reason ?? null },
      boundError,
      pairs: result.pairs,
    };
    await deps.uow.transaction(async (repos) => {
      const status = result.feasible ? 'done' : 'failed';
      await repos.assignments.finishRun(
        runId,
        { status, objective: result.feasible ? result.objective : null, greedyObjective: greedy.objective, bound, report, error: result.reason ? `${result.reason['zh-CN']} / ${result.reason.en}` : null },
        deps.clock.now(),
      );
      await recordAudit(repos, ctx, deps.clock, { action: `assignment_run.${status}`, entityType: 'assignment_run', entityId: runId, after: { objective: result.objective, greedyObjective: greedy.objective, bound } });
    });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await deps.uow
      .transaction(async (repos) => {
        await repos.assignments.finishRun(runId, { status: 'failed', error }, deps.clock.now());
        await recordAudit(repos, ctx, deps.clock, { action: 'assignment_run.failed', entityType: 'assignment_run', entityId: runId, after: { error } });
      })
      .catch(() => undefined);
  }
}

/** Starts a run: recorded now (status running), solved in the background; poll `getAssignmentRun`. */
export async function startAssignmentRun(deps: Deps, ctx: RequestContext, callId: string, input: RunInput, solver: AssignmentSolver): Promise<AssignmentRunRow> {
  const started = await deps.uow.transaction(async (repos) => {
    const { call, acting, definition } = await provinceOfCall(repos, ctx, callId, 'selection.manage');
    const c = await loadContext(repos, call, definition);
    const { problem, minLoad, maxLoad } = problemOf(c, input);
    const latest = await repos.assignments.latestRun(callId);
    if (latest?.status === 'running') {
      // A run still "running" long after any solve could take was cut off (its server stopped): close it and go on.
      if (deps.clock.now().getTime() - latest.createdAt.getTime() < ABANDONED_AFTER_MS) {
        throw new DomainError('conflict', 'run_in_progress', { 'zh-CN': '已有分配方案正在计算，请稍候', en: 'An assignment run is in progress; wait for it' });
      }
      const error = '计算中断（服务器已重启），请重新计算 / Interrupted (the server restarted); start a new run';
      await repos.assignments.finishRun(latest.id, { status: 'failed', error }, deps.clock.now());
      await recordAudit(repos, ctx, deps.clock, { action: 'assignment_run.failed', entityType: 'assignment_run', entityId: latest.id, after: { error } });
    }
    const id = await repos.assignments.insertRun({ callId, perApplication: problem.perApplication, createdBy: acting.actor.accountId, now: deps.clock.now() });
    await recordAudit(repos, ctx, deps.clock, {
      action: 'assignment_run.started',
      entityType: 'assignment_run',
      entityId: id,
      organizationId: call.provinceId,
      after: { callId, perApplication: problem.perApplication, minLoad, maxLoad, applications: problem.applications.length, experts: problem.experts.length, conflicts: problem.conflicts.size },
    });
    return { id, problem, minLoad, maxLoad };
  });
  const job = solveRun(deps, ctx, started.id, started.problem, started, solver);
  running.add(job);
  void job.finally(() => running.delete(job));
  return loadOrThrow(await deps.uow.read((repos) => repos.assignments.findRun(started.id)), RUN);
}

export async function getAssignmentRun(deps: Deps, ctx: RequestContext, runId: string): Promise<AssignmentRunRow> {
  return deps.uow.read(async (repos) => {
    authorize(ctx, 'selection.read');
    const run = loadOrThrow(await repos.assignments.findRun(runId), RUN);
    await provinceOfCall(repos, ctx, run.callId, 'selection.read');
    return run;
  });
}

async function event(repos: Repositories, ctx: ActingContext, row: ApplicationRow, to: string, comment: string | null, now: Date) {
  await repos.applications.addEvent({ applicationId: row.id, fromState: row.state, toState: to, actorId: ctx.actor.accountId, actorName: ctx.actor.name, actorRole: ctx.actor.role, comment, at: now });
}

async function tellExperts(repos: Repositories, deps: Deps, experts: readonly ExpertRow[], callTitle: string) {
  const now = deps.clock.now();
  for (const e of experts) {
    if (!e.accountId) continue;
    await repos.notifications.insert({
      accountId: e.accountId,
      kind: 'review.assigned',
      title: { 'zh-CN': '新的评审任务', en: 'New review assignments' },
      body: { 'zh-CN': `“${callTitle}”有申报分配给您评审，请先申报是否存在利益冲突。`, en: `Applications of “${callTitle}” are assigned to you; declare any conflict of interest first.` },
      link: '/reviews',
      createdAt: now,
    });
  }
}

/** Applies a finished run: its pairs replace the automatic assignments; applications move to expert review. */
export async function applyAssignmentRun(deps: Deps, ctx: RequestContext, runId: string): Promise<{ run: AssignmentRunRow; moved: string[]; assignments: AssignmentRow[] }> {
  return deps.uow.transaction(async (repos) => {
    authorize(ctx, 'selection.manage');
    const run = loadOrThrow(await repos.assignments.findRun(runId), RUN);
    const { call, acting } = await provinceOfCall(repos, ctx, run.callId, 'selection.manage');
    if (run.status !== 'done') throw new DomainError('conflict', 'run_not_done', { 'zh-CN': '该分配方案尚未完成或不可用', en: 'This run is not finished or cannot be applied' }, [], { runStatus: run.status });
    const latest = await repos.assignments.latestRun(run.callId);
    if (latest?.id !== run.id) throw new DomainError('conflict', 'run_outdated', { 'zh-CN': '已有更新的分配方案，请应用最新方案', en: 'A newer run exists; apply the latest one' });
    const pairs = ((run.report as { pairs?: { applicationId: string; expertId: string }[] } | null)?.pairs ?? []).map((p) => ({ applicationId: p.applicationId, expertId: p.expertId }));
    const apps = new Map((await repos.selection.applicationsOfCall(run.callId, ASSIGNABLE_STATES)).map((a) => [a.id, a]));
    const missing = [...new Set(pairs.map((p) => p.applicationId))].filter((id) => !apps.has(id));
    if (missing.length) throw new DomainError('conflict', 'run_outdated', { 'zh-CN': `申报 ${missing.join('、')} 的状态已变化，请重新计算`, en: `Applications ${missing.join(', ')} changed state; run again` });
    const now = deps.clock.now();
    await repos.assignments.replaceAutomatic(run.callId, pairs, now);
    const moved: string[] = [];
    for (const id of new Set(pairs.map((p) => p.applicationId))) {
      const row = (await repos.applications.findByIdForUpdate(id))!;
      if (row.state !== 'policy_passed') continue;
      const next = transition('send_to_experts', row.state as ApplicationState);
      await repos.applications.update(id, { state: next }, now);
      await event(repos, acting, row, next, null, now);
      moved.push(id);
    }
    await repos.assignments.finishRun(run.id, { status: 'applied' }, now);
    await recordAudit(repos, ctx, deps.clock, { action: 'assignment_run.applied', entityType: 'assignment_run', entityId: run.id, organizationId: call.provinceId, before: { status: run.status }, after: { status: 'applied', pairs: pairs.length, moved } });
    const pool = await poolOfProvince(repos, call.provinceId);
    const assigned = new Set(pairs.map((p) => p.expertId));
    await tellExperts(repos, deps, (await repos.experts.active(pool.id)).filter((e) => assigned.has(e.id)), call.title);
    return { run: (await repos.assignments.findRun(run.id))!, moved, assignments: await repos.assignments.forCall(run.callId) };
  });
}

export interface AssignmentOverview {
  run: AssignmentRunRow | null;
  perApplication: number;
  load: { min: number | null; max: number | null };
  applications: ApplicationRow[];
  experts: ExpertRow[];
  assignments: AssignmentRow[];
  conflicts: CallConflict[];
}

/** The matrix of a call: applications, active experts, the assignments with their status, the conflicts. */
export async function assignmentOverview(deps: Deps, ctx: RequestContext, callId: string): Promise<AssignmentOverview> {
  return deps.uow.read(async (repos) => {
    const { call, definition } = await provinceOfCall(repos, ctx, callId, 'selection.read');
    const scoring = scoringOf(definition);
    const c = await loadContext(repos, call, definition);
    const conflicts = [...c.conflicts].map(([key, reasons]) => {
      const [expertId, applicationId] = key.split('|');
      return { expertId: expertId!, applicationId: applicationId!, reasons };
    });
    return {
      run: (await repos.assignments.latestRun(callId)) ?? null,
      perApplication: scoring.expertsPerApplication,
      load: { min: scoring.expertLoad?.min ?? null, max: scoring.expertLoad?.max ?? null },
      applications: c.applications,
      experts: c.experts,
      assignments: c.assignments,
      conflicts,
    };
  });
}

/** Adds one pair by hand; refused, with the reasons, when the expert has a conflict with the application. */
export async function addAssignment(deps: Deps, ctx: RequestContext, callId: string, input: { applicationId: string; expertId: string }): Promise<AssignmentRow> {
  return deps.uow.transaction(async (repos) => {
    const { call, definition } = await provinceOfCall(repos, ctx, callId, 'selection.manage');
    const app = loadOrThrow(await repos.applications.findByIdForUpdate(input.applicationId), APPLICATION);
    if (app.callId !== callId) throw new DomainError('not_found', 'not_found', { 'zh-CN': '本批次中没有该申报', en: 'No such application in this call' });
    if (!(ASSIGNABLE_STATES as readonly string[]).includes(app.state)) throw new DomainError('conflict', 'not_assignable', { 'zh-CN': '该申报不在可分配专家的阶段', en: 'This application is not at a stage that takes experts' }, [], { state: app.state });
    const expert = loadOrThrow(await repos.experts.findById(input.expertId), EXPERT);
    const pool = await poolOfProvince(repos, call.provinceId);
    if (expert.poolId !== pool.id || !expert.active) throw new DomainError('conflict', 'expert_unavailable', { 'zh-CN': '该专家不在本省专家库或已停用', en: 'The expert is not an active member of this pool' });
    const existing = await repos.assignments.forApplication(app.id);
    const reasons = conflictsOf(definition, [app], [expert], existing).get(pairKey(expert.id, app.id));
    if (reasons?.length) {
      throw new DomainError(
        'conflict',
        'conflict_of_interest',
        { 'zh-CN': `存在利益冲突，不能分配：${reasons.map((r) => r.messages['zh-CN']).join('；')}`, en: `Conflict of interest, cannot assign: ${reasons.map((r) => r.messages.en).join('; ')}` },
        [],
        { reasons },
      );
    }
    if (existing.some((x) => x.expertId === expert.id)) throw new DomainError('conflict', 'already_assigned', { 'zh-CN': '该专家已分配到此申报', en: 'This expert is already assigned to the application' });
    const now = deps.clock.now();
    await repos.assignments.add(callId, app.id, expert.id, true, now);
    const row = (await repos.assignments.forApplication(app.id)).find((x) => x.expertId === expert.id)!;
    await recordAudit(repos, ctx, deps.clock, { action: 'assignment.added', entityType: 'assignment', entityId: row.id, organizationId: call.provinceId, after: { callId, applicationId: app.id, expertId: expert.id, manual: true } });
    await tellExperts(repos, deps, [expert], call.title);
    return row;
  });
}

/** Removes one pair by hand; a submitted score or a declared conflict stays on record. */
export async function removeAssignment(deps: Deps, ctx: RequestContext, assignmentId: string): Promise<void> {
  await deps.uow.transaction(async (repos) => {
    authorize(ctx, 'selection.manage');
    const row = loadOrThrow(await repos.assignments.findByIdForUpdate(assignmentId), ASSIGNMENT);
    const { call } = await provinceOfCall(repos, ctx, row.callId, 'selection.manage');
    if (row.status === 'submitted') throw new DomainError('conflict', 'assignment_scored', { 'zh-CN': '该专家已提交评分，不能移除', en: 'The expert has submitted a score; the assignment cannot be removed' });
    if (row.status === 'declined_conflict') throw new DomainError('conflict', 'assignment_declined', { 'zh-CN': '专家已申报回避，该记录须保留', en: 'The expert declared a conflict; the record is kept' });
    await repos.assignments.remove(assignmentId);
    await recordAudit(repos, ctx, deps.clock, { action: 'assignment.removed', entityType: 'assignment', entityId: assignmentId, organizationId: call.provinceId, before: row });
    const expert = await repos.experts.findById(row.expertId);
    if (expert?.accountId) {
      await repos.notifications.insert({
        accountId: expert.accountId,
        kind: 'review.unassigned',
        title: { 'zh-CN': '评审任务已调整', en: 'A review assignment was withdrawn' },
        body: { 'zh-CN': `“${call.title}”中的一项评审任务已取消。`, en: `One review assignment of “${call.title}” was withdrawn.` },
        link: '/reviews',
        createdAt: deps.clock.now(),
      });
    }
  });
}
