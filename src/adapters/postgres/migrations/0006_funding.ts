import type { Kysely } from 'kysely';

/** Funding: the investment ledger (invoices), subsidy computations, tranches, city matching, disbursements and recoveries. */
export async function up(_db: Kysely<unknown>): Promise<void> {
  // Filled in by its area; a released migration is never edited.
}
