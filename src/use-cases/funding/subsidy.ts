/**
 * The province fixes a project's subsidy: computed from the eligible investment by the program's
 * formula (000 第十三条), or entered within the cap for programs whose award the province sets (003
 * 四.1), with the city's matching share where required; and plans its tranches, which always sum
 * to the award. It may be fixed again (e.g. after invoices are corrected) until money has gone out.
 */
import { applicationFacts } from '../../core/applications/facts.ts';
import { shanghaiDate } from '../../core/calendar.ts';
import { DomainError, fieldError } from '../../core/errors.ts';
import { planTranches } from '../../core/funding/tranches.ts';
import { formulaSubsidy, officerEnteredSubsidy, type AwardForm, type SubsidyResult } from '../../core/funding/subsidy.ts';
import { evaluateCondition } from '../../core/programs/rule-engine.ts';
import type { Deps, RequestContext } from '../ports.ts';
import { recordAudit } from '../support.ts';
import { loadFunded, noSubsidy } from './common.ts';
import { completionDateOf, computeInvestment } from './invoices.ts';

export interface FixSubsidyInput {
  /** formula: the date the investment window ends on (default: acceptance date or today). */
  completionDate?: string | undefined;
  /** formula: the city's matching ratio where the definition leaves it open. */
  cityMatchingRatioBp?: number | null | undefined;
  /** Shares (bp) of the tranches the call sets (e.g. 000's first share on selection). */
  shares?: Record<string, number> | undefined;
  /** officer_entered: the award and its form. */
  awardFen?: number | undefined;
  awardForm?: AwardForm | undefined;
}

export async function fixSubsidy(deps: Deps, ctx: RequestContext, applicationId: string, input: FixSubsidyInput): Promise<void> {
  await deps.uow.transaction(async (repos) => {
    const p = await loadFunded(repos, ctx, applicationId, 'project.manage', { lock: true });
    const def = p.definition.subsidy;
    if (!def || def.kind === 'none') throw noSubsidy(p.definition);
    if (p.project && (p.project.status === 'failed' || p.project.status === 'revoked')) {
      throw new DomainError('conflict', 'project_closed', { 'zh-CN': '项目已验收不合格或被撤销，不能核定补助', en: 'The project failed acceptance or was revoked: no subsidy can be fixed' });
    }
    const before = await repos.funding.subsidy(p.application.id);
    const tranchesBefore = await repos.funding.tranches(p.application.id);
    if (tranchesBefore.some((t) => t.status === 'disbursed')) {
      throw new DomainError('conflict', 'subsidy_disbursed', { 'zh-CN': '已有资金拨付，补助金额不能再修改', en: 'Money has been disbursed: the subsidy can no longer change' });
    }
    const now = deps.clock.now();
    let result: SubsidyResult;
    let completionDate: string | null = null;
    if (def.kind === 'formula') {
      completionDate = input.completionDate ?? (await completionDateOf(repos, p, now)).date;
      if (completionDate > shanghaiDate(now)) {
        throw fieldError('completionDate', 'in_future', { 'zh-CN': '项目完成日期', en: 'Completion date' }, { 'zh-CN': '不能晚于今天', en: 'cannot be after today' });
      }
      const { result: investment } = await computeInvestment(repos, p.definition, p.application.id, completionDate);
      result = formulaSubsidy(def, investment!.eligibleFen, { cityMatchingRatioBp: input.cityMatchingRatioBp ?? null });
      result.explanation.inputs.push({ key: 'completionDate', label: { 'zh-CN': '项目完成日期', en: 'Completion date' }, value: completionDate, unit: 'date' });
      result.explanation.notes.push(investment!.explanation.formula);
    } else {
      if (input.awardFen === undefined) throw fieldError('awardFen', 'required', { 'zh-CN': '支持金额', en: 'Award' }, { 'zh-CN': '必填', en: 'is required' });
      if (input.awardForm === undefined) throw fieldError('awardForm', 'required', { 'zh-CN': '支持方式', en: 'Form of support' }, { 'zh-CN': '必填', en: 'is required' });
      const { facts } = applicationFacts(p.definition, p.application.formData, new Set());
      const today = shanghaiDate(now);
      const conditions = def.raisedCaps.map((r) => {
        const v = evaluateCondition(r.when, { applicant: {}, application: facts, today });
        return 'value' in v ? v.value : false;
      });
      result = officerEnteredSubsidy(def, { awardFen: input.awardFen, awardForm: input.awardForm }, conditions);
    }
    const baseYear = Number(shanghaiDate(p.project?.selectedAt ?? now).slice(0, 4));
    const defaults = Object.fromEntries(def.tranches.filter((t) => t.shareSetByCall && t.share !== 'remainder').map((t) => [t.id, t.share as number]));
    const shares = { ...defaults, ...(input.shares ?? {}) };
    const tranches = planTranches(def.tranches, result.awardFen, baseYear, shares);
    await repos.funding.saveSubsidy({
      applicationId: p.application.id,
      kind: result.kind,
      eligibleInvestmentFen: result.eligibleInvestmentFen,
      awardFen: result.awardFen,
      capFen: result.capFen,
      rateBp: result.rateBp,
      awardForm: result.awardForm,
      completionDate,
      cityMatchingRatioBp: result.cityMatching?.ratioBp ?? null,
      cityMatchingFen: result.cityMatching?.amountFen ?? null,
      explanation: result.explanation,
      fixedBy: p.acting.actor.accountId,
      fixedAt: now,
    });
    await repos.funding.replaceTranches(p.application.id, tranches, now);
    await recordAudit(repos, ctx, deps.clock, {
      action: 'funding.subsidy.fix',
      entityType: 'subsidy',
      entityId: p.application.id,
      organizationId: p.application.organizationId,
      before: before ? { awardFen: before.awardFen, tranches: tranchesBefore.map((t) => ({ code: t.trancheCode, amountFen: t.amountFen })) } : null,
      after: {
        kind: result.kind,
        awardFen: result.awardFen,
        eligibleInvestmentFen: result.eligibleInvestmentFen,
        awardForm: result.awardForm,
        completionDate,
        cityMatching: result.cityMatching,
        tranches: tranches.map((t) => ({ code: t.trancheCode, shareBp: t.shareBp, amountFen: t.amountFen, budgetYear: t.budgetYear })),
        citation: result.explanation.citation,
      },
    });
  });
}
