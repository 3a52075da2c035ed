import { sql, type Kysely } from 'kysely';

/**
 * Oversight: titles awarded on acceptance (revocable), spot checks with their recorded seeds and
 * findings, sanctions with their effects, and application bans.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table title_award (
      id bigserial primary key,
      application_id bigint not null references application(id),
      title_id text not null,
      name jsonb not null,
      citation text not null,
      awarded_on date not null,
      status text not null default 'active' check (status in ('active', 'revoked')),
      revoked_on date,
      revoked_reason text,
      created_at timestamptz not null,
      unique (application_id, title_id)
    )`.execute(db);
  await sql`create index title_award_status on title_award (status, awarded_on desc)`.execute(db);

  await sql`
    create table spot_check (
      id bigserial primary key,
      call_id bigint not null references program_call(id),
      seed text not null,
      min_share int not null,
      stratified_by text not null check (stratified_by in ('city', 'none')),
      population int not null,
      allocation jsonb not null,
      citation text,
      created_by bigint references account(id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`
    create table spot_check_item (
      id bigserial primary key,
      spot_check_id bigint not null references spot_check(id),
      application_id bigint not null references application(id),
      finding text check (finding in ('ok', 'issues', 'fraud')),
      notes text,
      recovery_id text,
      recorded_by bigint references account(id),
      recorded_at timestamptz,
      unique (spot_check_id, application_id)
    )`.execute(db);
  await sql`create index spot_check_item_application on spot_check_item (application_id)`.execute(db);

  await sql`
    create table sanction_record (
      id bigserial primary key,
      application_id bigint not null references application(id),
      organization_id bigint not null references organization(id),
      sanction_id text not null,
      trigger text not null,
      effects text[] not null,
      message jsonb not null,
      citation text not null,
      reason text not null,
      decided_on date not null,
      spot_check_item_id bigint references spot_check_item(id),
      recovery_id text,
      ban_id bigint,
      revoked_title_ids bigint[] not null default '{}',
      created_by bigint references account(id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index sanction_record_application on sanction_record (application_id)`.execute(db);

  // The ban covers from_date up to, not including, until_date (the same calendar date N years on).
  await sql`
    create table application_ban (
      id bigserial primary key,
      organization_id bigint not null references organization(id),
      credit_code text,
      sanction_record_id bigint references sanction_record(id),
      application_id bigint references application(id),
      scope text not null check (scope in ('all_programs', 'this_program')),
      program_code text,
      from_date date not null,
      until_date date not null,
      citation text not null,
      created_at timestamptz not null,
      check (from_date < until_date),
      check (scope = 'all_programs' or program_code is not null)
    )`.execute(db);
  await sql`create index application_ban_organization on application_ban (organization_id, until_date)`.execute(db);
}
