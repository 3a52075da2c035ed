import type { Kysely } from 'kysely';

/** Oversight: spot checks with their recorded seeds and findings, sanctions and application bans. */
export async function up(_db: Kysely<unknown>): Promise<void> {
  // Filled in by its area; a released migration is never edited.
}
