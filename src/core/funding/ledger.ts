/**
 * The ledger of one project or program: what was committed (the fixed award), disbursed (tranches
 * paid), claimed back (recoveries as receivables), recovered (repayments) and still outstanding.
 */
import { sumFen } from './money.ts';

export interface LedgerTotals {
  committedFen: number;
  disbursedFen: number;
  /** Committed and not yet paid out. */
  undisbursedFen: number;
  /** Receivables recorded (recoveries). */
  recoverableFen: number;
  recoveredFen: number;
  /** Receivables not yet repaid. */
  outstandingFen: number;
  /** Disbursed less what came back. */
  netFundedFen: number;
}

export function ledgerTotals(
  committedFen: number,
  tranches: readonly { amountFen: number; status: string }[],
  recoveries: readonly { amountFen: number; repaidFen: number }[],
): LedgerTotals {
  const disbursedFen = sumFen(tranches.filter((t) => t.status === 'disbursed').map((t) => t.amountFen));
  const recoverableFen = sumFen(recoveries.map((r) => r.amountFen));
  const recoveredFen = sumFen(recoveries.map((r) => r.repaidFen));
  return {
    committedFen,
    disbursedFen,
    undisbursedFen: committedFen - disbursedFen,
    recoverableFen,
    recoveredFen,
    outstandingFen: recoverableFen - recoveredFen,
    netFundedFen: disbursedFen - recoveredFen,
  };
}

/** What a new recovery may still claim: disbursed money not already claimed back by a recovery. */
export function recoverableFen(tranches: readonly { amountFen: number; status: string }[], recoveries: readonly { amountFen: number }[]): number {
  const disbursed = sumFen(tranches.filter((t) => t.status === 'disbursed').map((t) => t.amountFen));
  return Math.max(0, disbursed - sumFen(recoveries.map((r) => r.amountFen)));
}
