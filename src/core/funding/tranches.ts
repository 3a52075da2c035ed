/**
 * Splitting an award into its tranches (000 第十三条: "补助资金分两次拨付，确定为试点项目后给予部分资金补助，
 * 剩余补助资金列入第二年年度预算，待项目验收合格、总结经验模式后拨付").
 *
 * The amounts ALWAYS sum exactly to the award: each tranche's exact share (award × bp / 10,000) is
 * floored, and the fen left over go one each to the tranches with the largest fractional parts
 * (largest-remainder method; on a tie the earlier tranche first). A `remainder` tranche's share is
 * what the others leave. With two tranches this is "round the first half up, the last takes the
 * rest". Each amount is within one fen of its exact share.
 */
import { DomainError, type Messages } from '../errors.ts';

export interface TrancheDefinition {
  id: string;
  share: number | 'remainder';
  shareSetByCall: boolean;
  trigger: 'selection' | 'agreement' | 'acceptance' | 'officer_decision';
  budgetYear: 'same' | 'next';
  citation: string;
}

export interface PlannedTranche {
  trancheCode: string;
  position: number;
  shareBp: number;
  amountFen: number;
  trigger: TrancheDefinition['trigger'];
  budgetYear: number;
  citation: string;
}

const shareError = (messages: Messages) => new DomainError('validation', 'tranche_shares_invalid', messages, [{ path: 'shares', code: 'invalid_share', messages }]);

/** The shares in basis points after the call's overrides, `remainder` resolved; they sum to 10,000. */
export function resolveShares(defs: readonly TrancheDefinition[], overrides: Readonly<Record<string, number>> = {}): number[] {
  for (const [code, bp] of Object.entries(overrides)) {
    const def = defs.find((d) => d.id === code);
    if (!def || def.share === 'remainder' || !def.shareSetByCall) {
      throw shareError({ 'zh-CN': `分期「${code}」的比例不可由通知设定`, en: `The share of tranche "${code}" is not set by the call` });
    }
    if (!Number.isInteger(bp) || bp < 0 || bp > 10_000) throw shareError({ 'zh-CN': `分期「${code}」的比例须为 0–10000 个基点`, en: `The share of tranche "${code}" must be 0–10,000 basis points` });
  }
  const fixed = defs.map((d) => (d.share === 'remainder' ? null : (overrides[d.id] ?? d.share)));
  const sum = fixed.reduce<number>((a, b) => a + (b ?? 0), 0);
  const remainders = fixed.filter((f) => f === null).length;
  if (remainders > 1) throw shareError({ 'zh-CN': '至多一个分期可取剩余部分', en: 'At most one tranche may take the remainder' });
  if (sum > 10_000) throw shareError({ 'zh-CN': `各期比例之和 ${sum / 100}% 超过 100%`, en: `The shares add up to ${sum / 100}%, above 100%` });
  if (remainders === 0 && sum !== 10_000) throw shareError({ 'zh-CN': `各期比例之和须为 100%（现为 ${sum / 100}%）`, en: `The shares must add up to 100% (now ${sum / 100}%)` });
  return fixed.map((f) => f ?? 10_000 - sum);
}

/** Largest-remainder split of `totalFen` by shares in basis points summing to 10,000. */
export function splitByShares(totalFen: number, sharesBp: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0) throw new RangeError(`total must be a non-negative whole number of fen, got ${totalFen}`);
  const sum = sharesBp.reduce((a, b) => a + b, 0);
  if (sum !== 10_000) throw new RangeError(`shares must sum to 10,000 bp, got ${sum}`);
  const total = BigInt(totalFen);
  const parts = sharesBp.map((bp, i) => {
    const exact = total * BigInt(bp);
    return { i, floor: exact / 10_000n, rem: exact % 10_000n };
  });
  let left = total - parts.reduce((a, p) => a + p.floor, 0n);
  const order = [...parts].sort((a, b) => (b.rem > a.rem ? 1 : b.rem < a.rem ? -1 : a.i - b.i));
  const amounts = parts.map((p) => p.floor);
  for (const p of order) {
    if (left === 0n) break;
    if (p.rem === 0n) break;
    amounts[p.i]! += 1n;
    left -= 1n;
  }
  return amounts.map(Number);
}

/**
 * The tranches of an award. `baseYear` is the budget year of selection ('same'); 'next' is the year
 * after (列入第二年年度预算).
 */
export function planTranches(defs: readonly TrancheDefinition[], totalFen: number, baseYear: number, overrides: Readonly<Record<string, number>> = {}): PlannedTranche[] {
  const shares = resolveShares(defs, overrides);
  const amounts = splitByShares(totalFen, shares);
  return defs.map((d, i) => ({
    trancheCode: d.id,
    position: i + 1,
    shareBp: shares[i]!,
    amountFen: amounts[i]!,
    trigger: d.trigger,
    budgetYear: d.budgetYear === 'same' ? baseYear : baseYear + 1,
    citation: d.citation,
  }));
}

export type ProjectStatusForRelease = 'agreement_pending' | 'implementing' | 'acceptance_requested' | 'initial_accepted' | 'rectifying' | 'accepted' | 'failed' | 'revoked' | null;

/**
 * Whether a tranche's trigger holds: 'selection' once the application is selected (a project
 * exists, not failed or revoked); 'agreement' once the agreement is signed; 'acceptance' once the
 * project is accepted; 'officer_decision' whenever the award is fixed. Never for a failed or
 * revoked project. `null` status: no project record yet (selected application only).
 */
export function triggerHolds(
  trigger: TrancheDefinition['trigger'],
  facts: { applicationSelected: boolean; projectStatus: ProjectStatusForRelease; agreementSigned: boolean },
): { holds: boolean; reason: Messages | null } {
  if (facts.projectStatus === 'failed' || facts.projectStatus === 'revoked') {
    return { holds: false, reason: { 'zh-CN': '项目已验收不合格或被撤销，不再拨付', en: 'The project failed acceptance or was revoked: nothing more is disbursed' } };
  }
  if (!facts.applicationSelected) return { holds: false, reason: { 'zh-CN': '申报尚未确定为试点项目', en: 'The application has not been selected' } };
  switch (trigger) {
    case 'selection':
    case 'officer_decision':
      return { holds: true, reason: null };
    case 'agreement':
      return facts.agreementSigned ? { holds: true, reason: null } : { holds: false, reason: { 'zh-CN': '实施协议尚未签订', en: 'The agreement has not been signed' } };
    case 'acceptance':
      return facts.projectStatus === 'accepted'
        ? { holds: true, reason: null }
        : { holds: false, reason: { 'zh-CN': '项目尚未验收合格', en: 'The project has not passed acceptance' } };
  }
}
