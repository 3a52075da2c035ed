/**
 * Recoveries (收回资金): an amount the enterprise must return, kept as a receivable in the project's
 * ledger (and so in its program's), until the finance officer records its repayment.
 *
 * `createRecovery` works inside the caller's transaction and does not authorize: the sanction use
 * case (oversight.manage) and the province's own recovery route (project.manage) authorize first.
 */
import { DomainError, fieldError, type Messages } from '../../core/errors.ts';
import { recoverableFen } from '../../core/funding/ledger.ts';
import { APPLICATION, loadOrThrow } from '../applicants/common.ts';
import type { Deps, Repositories, RequestContext } from '../ports.ts';
import { authorize, recordAudit } from '../support.ts';

const AMOUNT: Messages = { 'zh-CN': '收回金额', en: 'Amount to recover' };

/** What may still be recovered: disbursed money not yet claimed back by an earlier recovery. */
export async function recoverableOf(repos: Repositories, applicationId: string): Promise<number> {
  const [tranches, recoveries] = await Promise.all([repos.funding.tranches(applicationId), repos.funding.recoveries(applicationId)]);
  return recoverableFen(tranches, recoveries);
}

/**
 * Records a receivable of `amountFen` (1 fen up to what was disbursed and not yet claimed back) with
 * its reason and the article it follows, and its audit record; returns the recovery's id.
 */
export async function createRecovery(
  deps: Deps,
  repos: Repositories,
  ctx: RequestContext,
  input: { applicationId: string; amountFen: number; reason: Messages; citation: string | null },
): Promise<string> {
  const application = loadOrThrow(await repos.applications.findById(input.applicationId), APPLICATION);
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
    throw fieldError('amountFen', 'invalid_amount', AMOUNT, { 'zh-CN': '须为大于零的整数（分）', en: 'must be a whole number of fen above zero' });
  }
  await repos.funding.lock(application.id);
  const recoverable = await recoverableOf(repos, application.id);
  if (input.amountFen > recoverable) {
    throw new DomainError(
      'conflict',
      'recovery_exceeds_disbursed',
      {
        'zh-CN': `收回金额超过已拨付且尚未收回的资金（${recoverable} 分）`,
        en: `The amount exceeds the money disbursed and not yet claimed back (${recoverable} fen)`,
      },
      [{ path: 'amountFen', code: 'exceeds_disbursed', messages: { 'zh-CN': `${AMOUNT['zh-CN']}：不得超过 ${recoverable} 分`, en: `${AMOUNT.en}: at most ${recoverable} fen` } }],
      { recoverableFen: recoverable },
    );
  }
  const now = deps.clock.now();
  const id = await repos.funding.insertRecovery(
    { applicationId: application.id, amountFen: input.amountFen, reason: input.reason, citation: input.citation, createdBy: ctx.actor?.accountId ?? null },
    now,
  );
  await recordAudit(repos, ctx, deps.clock, {
    action: 'funding.recovery.create',
    entityType: 'recovery',
    entityId: id,
    organizationId: application.organizationId,
    after: { applicationId: application.id, amountFen: input.amountFen, reason: input.reason, citation: input.citation },
  });
  return id;
}

/** The province's own recovery (e.g. funds to adjust after a finding), in one transaction. */
export async function recordRecovery(
  deps: Deps,
  ctx: RequestContext,
  input: { applicationId: string; amountFen: number; reason: Messages; citation: string | null },
): Promise<string> {
  authorize(ctx, 'project.manage');
  return deps.uow.transaction(async (repos) => {
    const application = loadOrThrow(await repos.applications.findById(input.applicationId), APPLICATION);
    authorize(ctx, 'project.manage', application);
    return createRecovery(deps, repos, ctx, input);
  });
}

const REPAID: Messages = { 'zh-CN': '还款金额', en: 'Amount repaid' };

/** The finance officer records (part of) a recovery's repayment with its date and voucher number. */
export async function recordRepayment(
  deps: Deps,
  ctx: RequestContext,
  input: { recoveryId: string; amountFen: number; paidOn: string; voucherNumber: string },
): Promise<void> {
  const acting = authorize(ctx, 'funds.disburse');
  await deps.uow.transaction(async (repos) => {
    const before = loadOrThrow(await repos.funding.findRecovery(input.recoveryId), { 'zh-CN': '收回记录', en: 'Recovery' });
    const application = loadOrThrow(await repos.applications.findById(before.applicationId), APPLICATION);
    authorize(ctx, 'funds.disburse', application);
    await repos.funding.lock(application.id);
    const recovery = loadOrThrow(await repos.funding.findRecovery(input.recoveryId), { 'zh-CN': '收回记录', en: 'Recovery' });
    const due = recovery.amountFen - recovery.repaidFen;
    if (due <= 0) {
      throw new DomainError('conflict', 'recovery_repaid', { 'zh-CN': '该笔应收款已全部收回', en: 'This receivable has been repaid in full' });
    }
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0 || input.amountFen > due) {
      throw fieldError('amountFen', 'invalid_amount', REPAID, { 'zh-CN': `须为 1 至 ${due} 分之间的整数`, en: `must be a whole number of fen from 1 to ${due}` });
    }
    if (await repos.funding.voucherUsed(input.voucherNumber)) {
      throw fieldError('voucherNumber', 'duplicate_voucher', { 'zh-CN': '凭证号', en: 'Voucher number' }, { 'zh-CN': '已被其他拨付或还款使用', en: 'is already used by another disbursement or repayment' });
    }
    const now = deps.clock.now();
    await repos.funding.addRepayment(recovery.id, { amountFen: input.amountFen, paidOn: input.paidOn, voucherNumber: input.voucherNumber, recordedBy: acting.actor.accountId }, now);
    await recordAudit(repos, ctx, deps.clock, {
      action: 'funding.recovery.repay',
      entityType: 'recovery',
      entityId: recovery.id,
      organizationId: application.organizationId,
      before: { repaidFen: recovery.repaidFen },
      after: { repaidFen: recovery.repaidFen + input.amountFen, amountFen: input.amountFen, paidOn: input.paidOn, voucherNumber: input.voucherNumber },
    });
  });
}
