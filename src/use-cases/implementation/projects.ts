/**
 * Projects: a selected application carried on after the final list through its agreement,
 * implementation (quarterly progress, guidance visits) and acceptance. What every project use case
 * shares: loading with authorization, status changes on the project timeline, the list and the detail.
 */
import type { Action } from '../../core/access-policy.ts';
import { shanghaiDate } from '../../core/calendar.ts';
import { DomainError, type Messages } from '../../core/errors.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import { loadOrThrow, notifyCallOwners, publishedDefinition, type Notice } from '../applicants/common.ts';
import type { Clock, Deps, ListQuery, ProjectEventRow, ProjectRow, ProjectStatus, Repositories, RequestContext } from '../ports.ts';
import { authorize, authorizeList, recordAudit, type ActingContext } from '../support.ts';

export const PROJECT: Messages = { 'zh-CN': '项目', en: 'Project' };

export const STATUS_LABEL: Record<ProjectStatus, Messages> = {
  agreement_pending: { 'zh-CN': '待签协议', en: 'Agreement pending' },
  implementing: { 'zh-CN': '实施中', en: 'Implementing' },
  acceptance_requested: { 'zh-CN': '已申请验收', en: 'Acceptance requested' },
  initial_accepted: { 'zh-CN': '初验通过', en: 'Initial acceptance passed' },
  rectifying: { 'zh-CN': '整改中', en: 'Rectifying' },
  accepted: { 'zh-CN': '已验收', en: 'Accepted' },
  failed: { 'zh-CN': '验收不通过', en: 'Failed acceptance' },
  revoked: { 'zh-CN': '已撤销', en: 'Revoked' },
};

export interface LoadedProject {
  acting: ActingContext;
  project: ProjectRow;
  definition: ProgramDefinition;
}

/** Authorizes (403 before 404 for a role that may not act at all), loads, then checks the record. */
export async function loadProject(repos: Repositories, ctx: RequestContext, id: string, action: Action, opts: { lock?: boolean } = {}): Promise<LoadedProject> {
  authorize(ctx, action);
  const row = loadOrThrow(opts.lock ? await repos.projects.findForUpdate(id) : await repos.projects.findByApplication(id), PROJECT);
  const acting = authorize(ctx, action, { organizationPath: row.organizationPath });
  return { acting, project: row, definition: publishedDefinition(row.programCode, row.programVersion, row.definition) };
}

export function requireStatus(project: ProjectRow, allowed: readonly ProjectStatus[]): void {
  if (!allowed.includes(project.status)) {
    const label = STATUS_LABEL[project.status];
    throw new DomainError('conflict', 'project_status', { 'zh-CN': `项目当前状态为“${label['zh-CN']}”，不能进行此操作`, en: `The project is “${label.en}”; this step is not open now` }, [], { projectStatus: project.status });
  }
}

/** A step on the project's timeline, with its audit record; moves the status when `to` differs. */
export async function projectStep(
  deps: Deps,
  repos: Repositories,
  acting: ActingContext,
  project: ProjectRow,
  step: { kind: string; to?: ProjectStatus; comment?: string | null; audit: { action: string; entityType?: string; entityId?: string; before?: unknown; after?: unknown } },
): Promise<void> {
  const now = deps.clock.now();
  const to = step.to ?? project.status;
  if (to !== project.status) await repos.projects.setStatus(project.applicationId, to, now);
  await repos.projects.addEvent({
    applicationId: project.applicationId,
    kind: step.kind,
    fromStatus: project.status,
    toStatus: to,
    actorId: acting.actor.accountId,
    actorName: acting.actor.name,
    actorRole: acting.actor.role,
    comment: step.comment ?? null,
    at: now,
  });
  await recordAudit(repos, acting, deps.clock, {
    action: step.audit.action,
    entityType: step.audit.entityType ?? 'project',
    entityId: step.audit.entityId ?? project.applicationId,
    organizationId: project.organizationId,
    before: step.audit.before ?? { status: project.status },
    after: step.audit.after ?? { status: to },
  });
}

/** Tells the province officers who run the project's call (its department's, not the province node's). */
export async function notifyProvince(repos: Repositories, clock: Clock, project: ProjectRow, notice: Notice): Promise<void> {
  const call = await repos.calls.findById(project.callId);
  await notifyCallOwners(repos, clock, { provinceId: project.provinceId, createdBy: call?.createdBy ?? null }, notice);
}

export type ProjectListRow = ProjectRow & { overdueReports: number };

export async function listProjects(
  deps: Deps,
  ctx: RequestContext,
  q: ListQuery & { q?: string; status?: string; callId?: string; sort: 'updatedAt' | 'projectName' | 'organizationName' | 'status' | 'selectedAt'; overdue?: 'true' | 'false' },
): Promise<{ rows: ProjectListRow[]; total: number }> {
  const { scope } = authorizeList(ctx, 'project.read');
  const today = shanghaiDate(deps.clock.now());
  return deps.uow.read((repos) =>
    repos.projects.list(scope, { page: q.page, pageSize: q.pageSize, order: q.order, q: q.q, status: q.status, callId: q.callId, sort: q.sort, today, overdueOnly: q.overdue === 'true' }),
  );
}

export interface ProjectDetail {
  project: ProjectListRow;
  timeline: ProjectEventRow[];
  definition: ProgramDefinition;
}

export async function getProject(deps: Deps, ctx: RequestContext, id: string): Promise<ProjectDetail> {
  return deps.uow.read(async (repos) => {
    const { project, definition } = await loadProject(repos, ctx, id, 'project.read');
    const today = shanghaiDate(deps.clock.now());
    const overdueReports = (await repos.projects.reports(id)).filter((r) => r.status === 'due' && r.dueDate < today).length;
    return { project: { ...project, overdueReports }, timeline: await repos.projects.events(id), definition };
  });
}

/** The program's eligible expense categories (the budget lines of the plan), when its subsidy is formula-based. */
export function expenseCategories(definition: ProgramDefinition): { code: string; name: Messages }[] {
  const s = definition.subsidy;
  return s && s.kind === 'formula' ? s.eligibleInvestment.categories : [];
}
