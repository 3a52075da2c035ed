/**
 * The money of a project and of a program: the fixed subsidy with its computation, the tranches
 * with whether each may be released now, disbursements, recoveries, and the totals; and the finance
 * officer's approval and record of each disbursement (date, voucher number) once its trigger holds.
 */
import { shanghaiDate } from '../../core/calendar.ts';
import { DomainError, fieldError, type Messages } from '../../core/errors.ts';
import { ledgerTotals, recoverableFen, type LedgerTotals } from '../../core/funding/ledger.ts';
import { triggerHolds } from '../../core/funding/tranches.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import { APPLICATION, loadOrThrow } from '../applicants/common.ts';
import type { ApplicationRow, Deps, ListQuery, ProjectRow, RequestContext } from '../ports.ts';
import { authorize, authorizeList, recordAudit } from '../support.ts';
import { loadFunded, TRANCHE } from './common.ts';
import type { RecoveryRow, SubsidyRow, TrancheListRow, TrancheRow, TrancheStatus } from './rows.ts';

export interface TrancheView extends TrancheRow {
  releasable: boolean;
  blockedReason: Messages | null;
}

export interface FundsView {
  applicationId: string;
  projectName: string;
  organizationName: string;
  projectStatus: ProjectRow['status'] | null;
  /** The definition's subsidy rule, for the province's form. */
  rule: ProgramDefinition['subsidy'] | null;
  subsidy: SubsidyRow | null;
  tranches: TrancheView[];
  recoveries: RecoveryRow[];
  totals: LedgerTotals;
  recoverableFen: number;
}

function release(t: TrancheRow, application: Pick<ApplicationRow, 'state'>, project: ProjectRow | undefined): { releasable: boolean; blockedReason: Messages | null } {
  if (t.status !== 'planned') return { releasable: false, blockedReason: null };
  const r = triggerHolds(t.trigger, {
    applicationSelected: application.state === 'selected' || project !== undefined,
    projectStatus: project?.status ?? null,
    agreementSigned: Boolean(project?.agreementSignedAt),
  });
  return { releasable: r.holds, blockedReason: r.reason };
}

export async function getFunds(deps: Deps, ctx: RequestContext, applicationId: string): Promise<FundsView> {
  return deps.uow.transaction(async (repos) => {
    const p = await loadFunded(repos, ctx, applicationId, 'project.read');
    if (p.acting.actor.organizationId !== p.application.organizationId) {
      await recordAudit(repos, ctx, deps.clock, { action: 'funding.funds.read', entityType: 'application', entityId: p.application.id, organizationId: p.application.organizationId });
    }
    const [subsidy, tranches, recoveries] = await Promise.all([repos.funding.subsidy(p.application.id), repos.funding.tranches(p.application.id), repos.funding.recoveries(p.application.id)]);
    return {
      applicationId: p.application.id,
      projectName: p.application.projectName,
      organizationName: p.application.organizationName,
      projectStatus: p.project?.status ?? null,
      rule: p.definition.subsidy ?? null,
      subsidy: subsidy ?? null,
      tranches: tranches.map((t) => ({ ...t, ...release(t, p.application, p.project) })),
      recoveries,
      totals: ledgerTotals(subsidy?.awardFen ?? 0, tranches, recoveries),
      recoverableFen: recoverableFen(tranches, recoveries),
    };
  });
}

/** The finance officer's list across the province (server-side paging), each with whether it may go out now. */
export async function listTranches(
  deps: Deps,
  ctx: RequestContext,
  q: ListQuery & { status?: TrancheStatus; q?: string; sort: 'budgetYear' | 'amountFen' | 'projectName' | 'paidOn' },
): Promise<{ rows: (TrancheListRow & { releasable: boolean; blockedReason: Messages | null })[]; total: number }> {
  const { scope } = authorizeList(ctx, 'funds.disburse');
  return deps.uow.read(async (repos) => {
    const { rows, total } = await repos.funding.listTranches(scope, q);
    const out = [];
    for (const r of rows) {
      const project = await repos.projects.findByApplication(r.applicationId);
      out.push({ ...r, ...release(r, { state: r.applicationState }, project) });
    }
    return { rows: out, total };
  });
}

const VOUCHER: Messages = { 'zh-CN': '凭证号', en: 'Voucher number' };

/** Approves and records one tranche's payment. Refused until its trigger holds, and once paid. */
export async function disburseTranche(deps: Deps, ctx: RequestContext, trancheId: string, input: { paidOn: string; voucherNumber: string }): Promise<TrancheRow> {
  const acting = authorize(ctx, 'funds.disburse');
  return deps.uow.transaction(async (repos) => {
    const found = loadOrThrow(await repos.funding.findTranche(trancheId), TRANCHE);
    const application = loadOrThrow(await repos.applications.findById(found.applicationId), APPLICATION);
    authorize(ctx, 'funds.disburse', application);
    await repos.funding.lock(application.id);
    const tranche = loadOrThrow(await repos.funding.findTranche(trancheId), TRANCHE);
    if (tranche.status === 'disbursed') {
      throw new DomainError('conflict', 'tranche_disbursed', { 'zh-CN': '该批次已拨付', en: 'This tranche has been disbursed' });
    }
    const project = await repos.projects.findByApplication(application.id);
    const r = release(tranche, application, project);
    if (!r.releasable) {
      throw new DomainError('conflict', 'tranche_not_releasable', {
        'zh-CN': `拨付条件尚未满足：${r.blockedReason?.['zh-CN'] ?? ''}（${tranche.citation}）`,
        en: `The tranche may not be released yet: ${r.blockedReason?.en ?? ''} (${tranche.citation})`,
      });
    }
    const now = deps.clock.now();
    if (input.paidOn > shanghaiDate(now)) throw fieldError('paidOn', 'in_future', { 'zh-CN': '拨付日期', en: 'Payment date' }, { 'zh-CN': '不能晚于今天', en: 'cannot be after today' });
    if (await repos.funding.voucherUsed(input.voucherNumber)) {
      throw fieldError('voucherNumber', 'duplicate_voucher', VOUCHER, { 'zh-CN': '已被其他拨付或还款使用', en: 'is already used by another disbursement or repayment' });
    }
    await repos.funding.recordDisbursement(tranche.id, { paidOn: input.paidOn, voucherNumber: input.voucherNumber, approvedBy: acting.actor.accountId }, now);
    await recordAudit(repos, ctx, deps.clock, {
      action: 'funding.tranche.disburse',
      entityType: 'tranche',
      entityId: tranche.id,
      organizationId: application.organizationId,
      before: { status: tranche.status },
      after: { status: 'disbursed', applicationId: application.id, trancheCode: tranche.trancheCode, amountFen: tranche.amountFen, paidOn: input.paidOn, voucherNumber: input.voucherNumber },
    });
    return (await repos.funding.findTranche(tranche.id))!;
  });
}

export interface ProgramLedgerView extends LedgerTotals {
  programCode: string;
  projects: number;
}

/** Totals per program within the actor's reach (committed, disbursed, recovered, outstanding). */
export async function programLedgers(deps: Deps, ctx: RequestContext, programCode?: string): Promise<ProgramLedgerView[]> {
  const { scope } = authorizeList(ctx, 'project.read');
  return deps.uow.read(async (repos) =>
    (await repos.funding.programLedger(scope, programCode)).map((r) => ({
      programCode: r.programCode,
      projects: r.projects,
      committedFen: r.committedFen,
      disbursedFen: r.disbursedFen,
      undisbursedFen: r.committedFen - r.disbursedFen,
      recoverableFen: r.recoverableFen,
      recoveredFen: r.recoveredFen,
      outstandingFen: r.recoverableFen - r.recoveredFen,
      netFundedFen: r.disbursedFen - r.recoveredFen,
    })),
  );
}
