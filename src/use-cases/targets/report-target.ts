/**
 * A lead department records its figure for a reported target and a period (002: each task's 牵头单位),
 * with a note and its evidence. A later report of the same period supersedes the earlier one, which
 * stays in the history; each report leaves its audit record.
 *
 * Evidence is a required text (the document number, statistical bulletin or link the figure comes
 * from), so that every figure can be traced without a file upload.
 */
import { shanghaiDate } from '../../core/calendar.ts';
import { DomainError, forbidden } from '../../core/errors.ts';
import { leadDepartments, reportErrors, type ReportInput } from '../../core/targets/reports.ts';
import type { Deps, RequestContext } from '../ports.ts';
import { authorize, recordAudit } from '../support.ts';
import { mayReport, planFor, targetOf } from './plans.ts';
import type { TargetReportRow } from './ports.ts';

export async function reportTarget(deps: Deps, ctx: RequestContext, targetId: string, input: ReportInput & { plan?: string | undefined }): Promise<{ report: TargetReportRow; unit: string }> {
  const acting = authorize(ctx, 'targets.report');
  const { id, code, unit } = await deps.uow.transaction(async (repos) => {
    const { plan } = await planFor(repos, acting, 'targets.report', input.plan);
    const t = targetOf(plan, targetId);
    const own = await repos.organizations.findById(acting.actor.organizationId);
    if (t.measure.kind === 'reported' && !mayReport(acting, own?.code ?? null, plan, t)) {
      const lead = leadDepartments(t).join('、');
      throw new DomainError('forbidden', 'not_lead_department', { 'zh-CN': `该目标由${lead}牵头填报`, en: `This target is reported by its lead department (${lead})` });
    }
    if (!own && acting.actor.role !== 'administrator') throw forbidden();
    const today = shanghaiDate(deps.clock.now());
    const firstYear = Math.min(Number(plan.definition.effective.from.slice(0, 4)), t.baseline?.year ?? Infinity);
    const period = input.period.trim();
    const value = input.value;
    const errors = reportErrors(t, { period, value, note: input.note, evidence: input.evidence }, { today, firstYear });
    if (errors.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '提交的内容有误，请按提示修改', en: 'Some fields need correcting' }, errors);
    const now = deps.clock.now();
    const earlier = await repos.targets.lockPeriod(plan.code, t.id, period);
    if (earlier) await repos.targets.supersede(earlier.id, now);
    const reportId = await repos.targets.insertReport({
      programCode: plan.code,
      programVersion: plan.version,
      targetId: t.id,
      period,
      value: value!,
      note: input.note.trim(),
      evidence: input.evidence.trim(),
      organizationId: own?.id ?? null,
      reportedBy: acting.actor.accountId,
      reportedByName: acting.actor.name,
      supersedes: earlier?.id ?? null,
      now,
    });
    await recordAudit(repos, ctx, deps.clock, {
      action: earlier ? 'target.report_superseded' : 'target.reported',
      entityType: 'target_report',
      entityId: reportId,
      organizationId: plan.province.id,
      before: earlier ? { id: earlier.id, period: earlier.period, value: earlier.value, evidence: earlier.evidence } : null,
      after: { program: plan.code, version: plan.version, target: t.id, period, value, note: input.note.trim(), evidence: input.evidence.trim(), citation: t.citation },
    });
    return { id: reportId, code: plan.code, unit: t.unit };
  });
  const history = await deps.uow.read((r) => r.targets.reportHistory(code, targetId));
  return { report: history.find((r) => r.id === id)!, unit };
}
