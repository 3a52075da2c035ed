/**
 * Reporting a month's operating figures (003 三（一）), by the web form (a signed-in applicant) or by the
 * token-authenticated API (a platform's own system). Both take the same input and the same checks
 * (src/core/operations/report.ts); a month already reported gets a new revision, which counts from then
 * on, and the earlier ones stay as its history. Every report leaves an audit record.
 */
import { shanghaiDate } from '../../core/calendar.ts';
import { firstReportingMonth, validateReport, type OperationReportInput } from '../../core/operations/report.ts';
import { DomainError, type Messages } from '../../core/errors.ts';
import type { Deps, ListQuery, Repositories, RequestContext } from '../ports.ts';
import { authorize, recordAudit } from '../support.ts';
import type { ApiTokenRow, OperationReportRow } from './ports.ts';
import { tokenActor } from './tokens.ts';

const REPORT: Messages = { 'zh-CN': '运行数据报送', en: 'Operating report' };

/** What the audit trail keeps of a report: every figure, so a correction's before/after is readable. */
const auditable = (r: OperationReportRow) => ({
  id: r.id,
  month: r.month,
  revision: r.revision,
  connectedDevices: r.connectedDevices,
  platformUsers: r.platformUsers,
  industrialApps: r.industrialApps,
  cloudEnterprises: r.cloudEnterprises,
  productLines: r.productLines,
  effects: r.effects,
  note: r.note,
  source: r.source,
  tokenId: r.tokenId,
});

async function store(
  deps: Deps,
  repos: Repositories,
  organizationId: string,
  input: OperationReportInput,
  by: { source: 'form'; accountId: string } | { source: 'api'; token: ApiTokenRow },
): Promise<{ report: OperationReportRow; before: OperationReportRow | undefined }> {
  // Serializes two reports of one organization, so revision numbers never collide.
  await repos.organizations.lock(organizationId);
  const today = shanghaiDate(deps.clock.now());
  const { month, figures } = validateReport(input, { today, firstMonth: firstReportingMonth(await repos.operations.firstSelectedOn(organizationId)) });
  const [before] = await repos.operations.revisionsOf(organizationId, month);
  const id = await repos.operations.insertReport({
    organizationId,
    month,
    figures,
    source: by.source,
    tokenId: by.source === 'api' ? by.token.id : null,
    submittedBy: by.source === 'form' ? by.accountId : null,
    now: deps.clock.now(),
  });
  const report = await repos.operations.findReport(id);
  if (!report) throw new DomainError('not_found', 'not_found', { 'zh-CN': `${REPORT['zh-CN']}不存在`, en: `${REPORT.en} not found` });
  return { report, before };
}

/** The signed-in applicant reports a month for its own organization (the web form). */
export async function submitReport(deps: Deps, ctx: RequestContext, input: OperationReportInput): Promise<OperationReportRow> {
  const acting = authorize(ctx, 'operations.report');
  authorize(ctx, 'operations.report', { organizationPath: acting.actor.organizationPath });
  return deps.uow.transaction(async (repos) => {
    const { report, before } = await store(deps, repos, acting.actor.organizationId, input, { source: 'form', accountId: acting.actor.accountId });
    await recordAudit(repos, ctx, deps.clock, {
      action: before ? 'operation_report.correct' : 'operation_report.submit',
      entityType: 'operation_report',
      entityId: report.id,
      organizationId: report.organizationId,
      before: before ? auditable(before) : null,
      after: auditable(report),
    });
    return report;
  });
}

/**
 * A platform's system reports a month with its organization's API token (`Authorization: Bearer …`).
 * The audit record's actor is the token: its organization and id (there is no account).
 */
export async function submitReportWithToken(deps: Deps, ctx: RequestContext, bearer: string | null, input: OperationReportInput): Promise<OperationReportRow> {
  return deps.uow.transaction(async (repos) => {
    const token = await tokenActor(deps, repos, bearer);
    const { report, before } = await store(deps, repos, token.organizationId, input, { source: 'api', token });
    await repos.audit.append({
      occurredAt: deps.clock.now(),
      actorId: null,
      actorName: `API 令牌「${token.name}」#${token.id}`,
      actorRole: 'api_token',
      organizationId: token.organizationId,
      action: before ? 'operation_report.correct' : 'operation_report.submit',
      entityType: 'operation_report',
      entityId: report.id,
      before: before ? auditable(before) : null,
      after: { ...auditable(report), tokenId: token.id, tokenOrganizationId: token.organizationId },
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: ctx.requestId,
    });
    return report;
  });
}

export interface MyOperations {
  /** The first month the organization may report (its first selection), or null when it may not report. */
  firstMonth: string | null;
  /** This month (the latest that may be reported). */
  currentMonth: string;
  rows: (OperationReportRow & { revisions: number })[];
  total: number;
}

/** The months the applicant's organization has reported (the latest revision of each), newest first. */
export async function myReports(deps: Deps, ctx: RequestContext, q: ListQuery): Promise<MyOperations> {
  const acting = authorize(ctx, 'operations.report');
  return deps.uow.read(async (repos) => {
    const firstMonth = firstReportingMonth(await repos.operations.firstSelectedOn(acting.actor.organizationId));
    const { rows, total } = await repos.operations.monthsOf(acting.actor.organizationId, q);
    return { firstMonth, currentMonth: shanghaiDate(deps.clock.now()).slice(0, 7), rows, total };
  });
}

/** One month of the applicant's organization: every revision (newest first), and the previous month's report to prefill from. */
export async function myMonth(deps: Deps, ctx: RequestContext, month: string): Promise<{ revisions: OperationReportRow[]; previous: OperationReportRow | null }> {
  const acting = authorize(ctx, 'operations.report');
  return deps.uow.read(async (repos) => ({
    revisions: await repos.operations.revisionsOf(acting.actor.organizationId, month),
    previous: (await repos.operations.latestBefore(acting.actor.organizationId, month)) ?? null,
  }));
}
