/**
 * The final list (正式发文公布): once the notice period is over (by the server's clock) and every
 * objection is concluded, the province publishes the list under its document number; each project
 * still on the notice is selected, and the applicants and their cities are told. A program whose
 * policy sets no public notice (001 has none) publishes the decided list directly, from the draft
 * the decision made.
 */
import { transition, type ApplicationState } from '../../core/applications/lifecycle.ts';
import { chineseDate, type HolidaySchedules } from '../../core/calendar.ts';
import { DomainError } from '../../core/errors.ts';
import type { Deps, RequestContext } from '../ports.ts';
import { recordAudit } from '../support.ts';
import { APPLICATION, loadOrThrow, notifyOrganization } from '../applicants/common.ts';
import { effectiveStatus, getNotice, NOTICE, provinceCall, type NoticeData } from './notice.ts';


const PROJECT_STAGES = new Set(['agreement', 'implementation', 'acceptance_request', 'acceptance']);

/** Publishes the final list under `documentNumber`; refused during the period or with an objection still open. */
export async function publishFinalList(deps: Deps, ctx: RequestContext, callId: string, documentNumber: string, schedules: HolidaySchedules): Promise<NoticeData> {
  await deps.uow.transaction(async (repos) => {
    const { acting, call, definition } = await provinceCall(repos, ctx, callId, 'selection.manage');
    const notice = loadOrThrow(await repos.notices.findByCall(callId), NOTICE);
    const now = deps.clock.now();
    const status = effectiveStatus(notice, now);
    const noticeRequired = Boolean(definition.publicNotice);
    if (status === 'draft' && noticeRequired) throw new DomainError('conflict', 'notice_not_published', { 'zh-CN': '公示尚未发布', en: 'The notice is not published yet' });
    if (status === 'final') throw new DomainError('conflict', 'final_list_published', { 'zh-CN': '正式名单已公布', en: 'The final list is already published' });
    if (status === 'published') {
      throw new DomainError('conflict', 'notice_period_running', {
        'zh-CN': `公示期至${chineseDate(notice.endDate!)}${definition.publicNotice?.endTime ?? ''}结束，期满后才能公布正式名单`,
        en: `The notice period runs until ${notice.endDate} ${definition.publicNotice?.endTime ?? ''}; the final list can follow only after it`,
      });
    }
    const open = (await repos.objections.forNotice(notice.id)).filter((o) => o.status === 'received' || o.status === 'investigating');
    if (open.length) {
      throw new DomainError('conflict', 'objections_open', { 'zh-CN': `尚有 ${open.length} 份异议未办结`, en: `${open.length} objection(s) are not concluded yet` }, [], { objections: open.map((o) => o.id) });
    }
    const items = (await repos.notices.items(notice.id)).filter((i) => !i.removed);
    const hasProjectStages = definition.stages.some((s) => PROJECT_STAGES.has(s.type));
    for (const item of items) {
      const row = loadOrThrow(await repos.applications.findByIdForUpdate(item.applicationId), APPLICATION);
      const next = transition('select', row.state as ApplicationState);
      await repos.applications.update(row.id, { state: next }, now);
      await repos.applications.addEvent({ applicationId: row.id, fromState: row.state, toState: next, actorId: acting.actor.accountId, actorName: acting.actor.name, actorRole: acting.actor.role, comment: `正式入选（${documentNumber}）`, at: now });
      // The project (agreement, progress, acceptance) starts here, where the program has that part (004 ends with its list).
      if (hasProjectStages) await repos.projects.ensure(row.id, now);
      await recordAudit(repos, ctx, deps.clock, { action: 'application.selected', entityType: 'application', entityId: row.id, organizationId: row.organizationId, before: { state: row.state }, after: { state: next, documentNumber } });
      const message = {
        kind: 'application.selected',
        title: { 'zh-CN': '正式入选', en: 'Selected' },
        body: { 'zh-CN': `“${row.projectName}”已正式入选“${call.title}”（${documentNumber}）。`, en: `“${row.projectName}” is selected under “${call.title}” (${documentNumber}).` },
        link: `/applications/${row.id}`,
      };
      await notifyOrganization(repos, deps.clock, row.organizationId, message, { email: true, publicUrl: deps.settings.publicUrl });
      const city = row.organizationPath.at(-2);
      if (city) await notifyOrganization(repos, deps.clock, city, message, { role: 'city_officer' });
    }
    if (!items.length) throw new DomainError('conflict', 'notice_empty', { 'zh-CN': '名单为空', en: 'The list names no project' });
    // Without a notice the list is public from now on (a notice's publication time otherwise).
    await repos.notices.update(notice.id, { status: 'final', finalDocumentNumber: documentNumber, finalPublishedAt: now, ...(notice.publishedAt ? {} : { publishedAt: now }) }, now);
    await recordAudit(repos, ctx, deps.clock, {
      action: 'notice.final_published',
      entityType: 'public_notice',
      entityId: notice.id,
      organizationId: call.provinceId,
      before: { status: notice.status },
      after: { status: 'final', documentNumber, withoutNotice: !noticeRequired, selected: items.map((i) => i.applicationId) },
    });
  });
  return getNotice(deps, ctx, callId, schedules);
}
