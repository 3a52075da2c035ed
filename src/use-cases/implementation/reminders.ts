/**
 * The scheduled side of implementation, run by a background job on every server: a reminder to the
 * applicant some days before a progress report is due (the program's `reminderDays`, 7 when unset);
 * once a report is overdue, one notice to the city and the province; and a rectification whose deadline
 * passed without a resubmission fails the project. Each row is claimed with SKIP LOCKED and marked in the
 * same transaction, so however many servers run the job, each reminder goes out exactly once.
 */
import { addDays, chineseDate, shanghaiDate } from '../../core/calendar.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import { notifyOrganization, publishedDefinition } from '../applicants/common.ts';
import type { Deps, ProjectRow, Repositories, RequestContext } from '../ports.ts';
import { recordAudit } from '../support.ts';
import { notifyProvince } from './projects.ts';

const SYSTEM: RequestContext = { actor: null, sessionId: null, ip: null, userAgent: 'system', requestId: null };
export const DEFAULT_REMINDER_DAYS = 7;
/** The longest reminder lead a program may set (the schema's maximum). */
const MAX_REMINDER_DAYS = 30;
const BATCH = 200;

export function reminderDays(definition: Pick<ProgramDefinition, 'stages'>): number {
  return definition.stages.find((s) => s.type === 'implementation' && s.reminderDays !== undefined)?.reminderDays ?? DEFAULT_REMINDER_DAYS;
}

export interface ReminderRun {
  reminded: number;
  overdueNotified: number;
  rectificationsExpired: number;
}

async function projectOf(repos: Repositories, applicationId: string): Promise<{ project: ProjectRow; definition: ProgramDefinition } | undefined> {
  const project = await repos.projects.findByApplication(applicationId);
  return project && { project, definition: publishedDefinition(project.programCode, project.programVersion, project.definition) };
}

/** One pass of the job; returns what it did (the job logs it, tests assert it). */
export async function sendProgressReminders(deps: Deps): Promise<ReminderRun> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const run: ReminderRun = { reminded: 0, overdueNotified: 0, rectificationsExpired: 0 };

  await deps.uow.transaction(async (repos) => {
    for (const c of await repos.projects.claimReports('reminder', today, addDays(today, MAX_REMINDER_DAYS), BATCH)) {
      const loaded = await projectOf(repos, c.applicationId);
      const report = await repos.projects.findReport(c.reportId);
      if (!loaded || !report) continue;
      // Not yet within this program's lead time: left for a later pass.
      if (report.dueDate > addDays(today, reminderDays(loaded.definition))) continue;
      const { project } = loaded;
      await notifyOrganization(repos, deps.clock, project.organizationId, {
        kind: 'project.report_reminder',
        title: { 'zh-CN': '季度进展报告即将到期', en: 'A progress report is due soon' },
        body: {
          'zh-CN': `“${project.projectName}”的${report.period}进展报告请于${chineseDate(report.dueDate)}前报送。`,
          en: `Please submit the ${report.period} progress report of “${project.projectName}” by ${report.dueDate}.`,
        },
        link: `/projects/${project.applicationId}`,
      }, { email: true, publicUrl: deps.settings.publicUrl });
      await repos.projects.markReport(report.id, 'reminder', now);
      await recordAudit(repos, SYSTEM, deps.clock, { action: 'project.report_reminded', entityType: 'progress_report', entityId: report.id, organizationId: project.organizationId, after: { period: report.period, dueDate: report.dueDate } });
      run.reminded++;
    }
  });

  await deps.uow.transaction(async (repos) => {
    for (const c of await repos.projects.claimReports('overdue', today, today, BATCH)) {
      const loaded = await projectOf(repos, c.applicationId);
      const report = await repos.projects.findReport(c.reportId);
      if (!loaded || !report) continue;
      const { project } = loaded;
      const notice = {
        kind: 'project.report_overdue',
        title: { 'zh-CN': '进展报告逾期未报', en: 'Progress report overdue' },
        body: {
          'zh-CN': `${project.organizationName}“${project.projectName}”的${report.period}进展报告应于${chineseDate(report.dueDate)}前报送，至今未报。`,
          en: `${project.organizationName}: the ${report.period} report of “${project.projectName}” was due on ${report.dueDate} and has not been submitted.`,
        },
        link: `/projects/${project.applicationId}`,
      };
      if (project.cityId) await notifyOrganization(repos, deps.clock, project.cityId, notice, { role: 'city_officer' });
      await notifyProvince(repos, deps.clock, project, notice);
      await notifyOrganization(repos, deps.clock, project.organizationId, { ...notice, body: { 'zh-CN': `“${project.projectName}”的${report.period}进展报告已逾期，请尽快报送。`, en: `The ${report.period} report of “${project.projectName}” is overdue; please submit it.` } });
      await repos.projects.markReport(report.id, 'overdue', now);
      await recordAudit(repos, SYSTEM, deps.clock, { action: 'project.report_overdue', entityType: 'progress_report', entityId: report.id, organizationId: project.organizationId, after: { period: report.period, dueDate: report.dueDate } });
      run.overdueNotified++;
    }
  });

  await deps.uow.transaction(async (repos) => {
    for (const id of await repos.projects.claimExpiredRectifications(today, BATCH)) {
      const loaded = await projectOf(repos, id);
      if (!loaded) continue;
      const { project } = loaded;
      const deadline = (await repos.projects.acceptances(id)).at(-1)?.rectificationDeadline ?? '';
      const comment = `整改期限（${chineseDate(deadline)}）已过，未重新提交验收`;
      await repos.projects.setStatus(id, 'failed', now);
      await repos.projects.addEvent({ applicationId: id, kind: 'rectification_expired', fromStatus: project.status, toStatus: 'failed', actorId: null, actorName: null, actorRole: null, comment, at: now });
      await recordAudit(repos, SYSTEM, deps.clock, { action: 'project.rectification_expired', entityType: 'project', entityId: id, organizationId: project.organizationId, before: { status: project.status }, after: { status: 'failed', rectificationDeadline: deadline } });
      const notice = {
        kind: 'project.rectification_expired',
        title: { 'zh-CN': '整改逾期，验收不通过', en: 'Rectification deadline missed: acceptance failed' },
        body: { 'zh-CN': `“${project.projectName}”：${comment}，项目验收不通过。`, en: `“${project.projectName}”: the rectification deadline (${deadline}) passed without a resubmission; the project failed acceptance.` },
        link: `/projects/${id}`,
      };
      await notifyOrganization(repos, deps.clock, project.organizationId, notice, { email: true, publicUrl: deps.settings.publicUrl });
      if (project.cityId) await notifyOrganization(repos, deps.clock, project.cityId, notice, { role: 'city_officer' });
      await notifyProvince(repos, deps.clock, project, notice);
      run.rectificationsExpired++;
    }
  });
  return run;
}
