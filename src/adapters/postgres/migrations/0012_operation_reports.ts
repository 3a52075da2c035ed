import { sql, type Kysely } from 'kysely';

/**
 * Platform operation data (003 三（一）): monthly operating figures per organization, kept as revisions
 * (a corrected month adds a revision; the latest is flagged and counts, the history stays), the capacity
 * by product line of each revision, and the organizations' API tokens (stored as sha256 digests only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table operation_api_token (
      id bigserial primary key,
      organization_id bigint not null references organization(id),
      name text not null,
      token_hash text not null unique,
      token_prefix text not null,
      created_by bigint references account(id),
      created_at timestamptz not null,
      last_used_at timestamptz,
      revoked_at timestamptz,
      revoked_by bigint references account(id)
    )`.execute(db);
  await sql`create index operation_api_token_organization on operation_api_token (organization_id)`.execute(db);

  await sql`
    create table operation_report (
      id bigserial primary key,
      organization_id bigint not null references organization(id),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      revision int not null check (revision >= 1),
      latest boolean not null,
      industry_code text,
      connected_devices bigint not null check (connected_devices >= 0),
      platform_users bigint not null check (platform_users >= 0),
      industrial_apps bigint not null check (industrial_apps >= 0),
      cloud_enterprises bigint not null check (cloud_enterprises >= 0),
      operating_cost_bp int,
      upgrade_cycle_bp int,
      productivity_bp int,
      defect_rate_bp int,
      energy_efficiency_bp int,
      note text,
      source text not null check (source in ('form', 'api')),
      token_id bigint references operation_api_token(id),
      submitted_by bigint references account(id),
      created_at timestamptz not null,
      unique (organization_id, month, revision)
    )`.execute(db);
  // One latest revision per organization and month: what every total reads.
  await sql`create unique index operation_report_latest on operation_report (organization_id, month) where latest`.execute(db);
  await sql`create index operation_report_month on operation_report (month) where latest`.execute(db);

  await sql`
    create table operation_capacity (
      report_id bigint not null references operation_report(id),
      position int not null,
      product_name text not null,
      industry_code text not null,
      unit text not null,
      monthly_capacity bigint not null check (monthly_capacity >= 0),
      primary key (report_id, position)
    )`.execute(db);
}
