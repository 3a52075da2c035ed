import type { Kysely } from 'kysely';

/** Implementation: agreements with implementation plans, quarterly progress reports, guidance visits, acceptance with rectification, titles. */
export async function up(_db: Kysely<unknown>): Promise<void> {
  // Filled in by its area; a released migration is never edited.
}
