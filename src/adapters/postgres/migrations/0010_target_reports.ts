import { sql, type Kysely } from 'kysely';

/**
 * The target plan's reported values (002): a lead department's figure for a target and a period, with
 * its note and evidence. A later report of the same period supersedes the earlier one, which is kept
 * (superseded_at set, the new row pointing to it); at most one report per period is current.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table target_report (
      id bigserial primary key,
      program_code text not null,
      program_version int not null,
      target_id text not null,
      period text not null,
      value numeric not null,
      note text not null default '',
      evidence text not null,
      organization_id bigint references organization(id),
      reported_by bigint references account(id),
      reported_by_name text,
      supersedes bigint references target_report(id),
      superseded_at timestamptz,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create unique index target_report_current on target_report (program_code, target_id, period) where superseded_at is null`.execute(db);
  await sql`create index target_report_history on target_report (program_code, target_id, period, id)`.execute(db);
}
