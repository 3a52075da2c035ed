/**
 * Progress during implementation: the applicant's quarterly reports (milestones, spending to date,
 * problems), the city's and the province's comments, overdue reports (due date passed by the
 * server's clock, not submitted), and the guidance visits (指导检查) the city or province logs.
 */
import { shanghaiDate } from '../../core/calendar.ts';
import { DomainError, type Messages } from '../../core/errors.ts';
import { loadOrThrow, notifyOrganization } from '../applicants/common.ts';
import type { Deps, GuidanceVisitRow, ProgressReportRow, RequestContext } from '../ports.ts';
import { loadProject, projectStep, requireStatus } from './projects.ts';

const REPORT: Messages = { 'zh-CN': '进展报告', en: 'Progress report' };
/** While the project runs: from signing until acceptance is decided. */
const RUNNING = ['implementing', 'acceptance_requested', 'initial_accepted', 'rectifying'] as const;

export type ReportView = ProgressReportRow & { overdue: boolean };

export async function listReports(deps: Deps, ctx: RequestContext, id: string): Promise<ReportView[]> {
  return deps.uow.read(async (repos) => {
    await loadProject(repos, ctx, id, 'project.read');
    const today = shanghaiDate(deps.clock.now());
    return (await repos.projects.reports(id)).map((r) => ({ ...r, overdue: r.status === 'due' && r.dueDate < today }));
  });
}

async function reportOf(repos: Parameters<Parameters<Deps['uow']['read']>[0]>[0], id: string, reportId: string) {
  const report = loadOrThrow(await repos.projects.findReport(reportId), REPORT);
  if (report.applicationId !== id) throw new DomainError('not_found', 'not_found', { 'zh-CN': '进展报告不存在', en: 'Progress report not found' });
  return report;
}

/** The applicant submits (or corrects, until commented) a report once its period has begun. */
export async function submitReport(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  reportId: string,
  input: { milestones: { name: string; status: string; note: string }[]; spentFen: number; problems: string },
): Promise<ReportView> {
  await deps.uow.transaction(async (repos) => {
    const { acting, project } = await loadProject(repos, ctx, id, 'project.report', { lock: true });
    requireStatus(project, RUNNING);
    const report = await reportOf(repos, id, reportId);
    const now = deps.clock.now();
    const today = shanghaiDate(now);
    const periodStart = report.period.includes('Q') ? `${report.period.slice(0, 4)}-${String((Number(report.period.slice(5)) - 1) * 3 + 1).padStart(2, '0')}-01` : `${report.period}-01-01`;
    if (today < periodStart) throw new DomainError('conflict', 'report_period_not_started', { 'zh-CN': `该报告期自${periodStart}开始，尚不能报送`, en: `This period starts on ${periodStart}` });
    if (report.comments.length) throw new DomainError('conflict', 'report_commented', { 'zh-CN': '该报告已有审阅意见，不能再修改', en: 'The report has comments; it can no longer be changed' });
    await repos.projects.updateReport(reportId, { status: 'submitted', content: input, submittedAt: now, submittedBy: acting.actor.accountId }, now);
    await projectStep(deps, repos, acting, project, {
      kind: 'report_submitted',
      comment: report.period,
      audit: { action: 'project.report_submitted', entityType: 'progress_report', entityId: reportId, before: { status: report.status, content: report.content }, after: { status: 'submitted', period: report.period, dueDate: report.dueDate, late: today > report.dueDate, content: input } },
    });
    const city = project.cityId;
    const message = {
      kind: 'project.report_submitted',
      title: { 'zh-CN': '季度进展已报送', en: 'Progress report submitted' },
      body: { 'zh-CN': `“${project.projectName}”报送了${report.period}进展报告。`, en: `“${project.projectName}” submitted its ${report.period} report.` },
      link: `/projects/${id}`,
    };
    if (city) await notifyOrganization(repos, deps.clock, city, message, { role: 'city_officer' });
  });
  return (await listReports(deps, ctx, id)).find((r) => r.id === reportId)!;
}

/** The city (project.supervise) or province (project.manage) comments on a submitted report. */
export async function commentReport(deps: Deps, ctx: RequestContext, id: string, reportId: string, by: 'city' | 'province', comment: string): Promise<ReportView> {
  await deps.uow.transaction(async (repos) => {
    const { acting, project } = await loadProject(repos, ctx, id, by === 'city' ? 'project.supervise' : 'project.manage', { lock: true });
    const report = await reportOf(repos, id, reportId);
    if (report.status !== 'submitted') throw new DomainError('conflict', 'report_not_submitted', { 'zh-CN': '报告尚未报送', en: 'The report has not been submitted' });
    const now = deps.clock.now();
    const comments = [...report.comments, { role: by, by: acting.actor.name, at: now.toISOString(), comment }];
    await repos.projects.updateReport(reportId, { comments }, now);
    await projectStep(deps, repos, acting, project, {
      kind: 'report_commented',
      comment: `${report.period}：${comment}`,
      audit: { action: 'project.report_commented', entityType: 'progress_report', entityId: reportId, before: { comments: report.comments.length }, after: { by, comment } },
    });
    await notifyOrganization(repos, deps.clock, project.organizationId, {
      kind: 'project.report_commented',
      title: { 'zh-CN': '进展报告有新的审阅意见', en: 'New comment on a progress report' },
      body: { 'zh-CN': `${report.period}：${comment}`, en: `${report.period}: ${comment}` },
      link: `/projects/${id}`,
    });
  });
  return (await listReports(deps, ctx, id)).find((r) => r.id === reportId)!;
}

export async function listVisits(deps: Deps, ctx: RequestContext, id: string): Promise<GuidanceVisitRow[]> {
  return deps.uow.read(async (repos) => {
    await loadProject(repos, ctx, id, 'project.read');
    return repos.projects.visits(id);
  });
}

/** A guidance visit logged by the city or the province. */
export async function addVisit(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  by: 'city' | 'province',
  input: { visitDate: string; place: string; participants: string; notes: string },
): Promise<GuidanceVisitRow> {
  const visitId = await deps.uow.transaction(async (repos) => {
    const { acting, project } = await loadProject(repos, ctx, id, by === 'city' ? 'project.supervise' : 'project.manage');
    requireStatus(project, ['agreement_pending', ...RUNNING]);
    const now = deps.clock.now();
    if (input.visitDate > shanghaiDate(now)) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '检查日期不能晚于今天', en: 'The visit date cannot be in the future' }, [{ path: 'visitDate', code: 'future', messages: { 'zh-CN': '检查日期不能晚于今天', en: 'Not in the future' } }]);
    const visitId = await repos.projects.addVisit({ applicationId: id, organizationId: acting.actor.organizationId, ...input, recordedBy: acting.actor.accountId }, now);
    await projectStep(deps, repos, acting, project, {
      kind: 'visit_logged',
      comment: `${input.visitDate} ${input.place}`,
      audit: { action: 'project.visit_logged', entityType: 'guidance_visit', entityId: visitId, before: null, after: { by, ...input } },
    });
    return visitId;
  });
  return (await listVisits(deps, ctx, id)).find((v) => v.id === visitId)!;
}
