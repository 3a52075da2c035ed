import { sql, type Kysely } from 'kysely';

/**
 * The program's name beside its definition: lists show it on every row, and reading it out of the whole definition
 * (10–20 KB of JSON) per row cost a province list of 35,000 applications a second (bench/README.md); as a stored
 * generated column it is read like any other.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table program_version add column name jsonb generated always as (definition->'name') stored`.execute(db);
}
