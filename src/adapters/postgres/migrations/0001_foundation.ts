import { sql, type Kysely } from 'kysely';

/** Organizations, accounts, sessions, login throttling, password reset, the mail outbox and the audit trail. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table organization (
      id bigserial primary key,
      parent_id bigint references organization(id),
      path bigint[] not null,
      code text not null unique,
      kind text not null check (kind in ('platform','province','department','city','task_force','expert_pool','enterprise')),
      name text not null,
      name_en text,
      division_code text,
      covered_division_codes text[] not null default '{}',
      credit_code text unique,
      contact_name text,
      contact_phone text,
      address text,
      note text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index organization_parent on organization(parent_id)`.execute(db);
  await sql`create index organization_path on organization using gin(path)`.execute(db);
  await sql`create index organization_name_trgm on organization using gin(name gin_trgm_ops)`.execute(db);

  await sql`
    create table account (
      id bigserial primary key,
      email text not null,
      display_name text not null,
      phone text,
      role text not null check (role in ('applicant','city_officer','province_officer','task_force_reviewer','expert','finance_officer','auditor','administrator')),
      organization_id bigint not null references organization(id),
      status text not null default 'active' check (status in ('active','disabled')),
      password_hash text not null,
      password_changed_at timestamptz not null,
      must_change_password boolean not null default false,
      totp_secret text,
      totp_pending_secret text,
      totp_last_step bigint,
      failed_logins int not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index account_email on account(lower(email))`.execute(db);
  await sql`create index account_organization on account(organization_id)`.execute(db);

  await sql`
    create table session (
      id text primary key,
      account_id bigint not null references account(id),
      stage text not null,
      csrf_token text not null,
      ip text,
      user_agent text,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      idle_expires_at timestamptz not null,
      absolute_expires_at timestamptz not null
    )`.execute(db);
  await sql`create index session_account on session(account_id)`.execute(db);

  await sql`
    create table login_attempt (
      id bigserial primary key,
      email text not null,
      ip text not null,
      succeeded boolean not null,
      at timestamptz not null
    )`.execute(db);
  await sql`create index login_attempt_ip_at on login_attempt(ip, at)`.execute(db);

  await sql`
    create table password_reset (
      token_hash text primary key,
      account_id bigint not null references account(id),
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table email_outbox (
      id bigserial primary key,
      to_address text not null,
      subject text not null,
      body text not null,
      status text not null default 'pending' check (status in ('pending','sent','failed','stored')),
      attempts int not null default 0,
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )`.execute(db);

  // The audit trail. id is the sequence number, taken in the writer's own transaction; the sealer
  // chains records in the order it seals them (audit_seal.seal_no), so writers never wait on each other.
  await sql`
    create table audit_event (
      id bigserial primary key,
      occurred_at timestamptz not null,
      actor_id bigint,
      actor_name text,
      actor_role text,
      organization_id bigint,
      action text not null,
      entity_type text not null,
      entity_id text,
      before jsonb,
      after jsonb,
      ip text,
      user_agent text,
      request_id text
    )`.execute(db);
  await sql`create index audit_event_entity on audit_event(entity_type, entity_id)`.execute(db);
  await sql`create index audit_event_actor on audit_event(actor_id)`.execute(db);
  await sql`create index audit_event_occurred on audit_event(occurred_at)`.execute(db);

  await sql`
    create table audit_seal (
      seal_no bigint primary key,
      event_id bigint not null unique,
      prev_hash text not null,
      hash text not null,
      algorithm text not null,
      sealed_at timestamptz not null default now()
    )`.execute(db);

  // Append-only, enforced by the database: no UPDATE, DELETE or TRUNCATE on either table.
  await sql`
    create function audit_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '审计记录只能追加，不能修改或删除 / audit records are append-only (%)', tg_table_name
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  for (const table of ['audit_event', 'audit_seal']) {
    await sql`create trigger ${sql.raw(table)}_no_update before update or delete on ${sql.raw(table)} for each row execute function audit_append_only()`.execute(db);
    await sql`create trigger ${sql.raw(table)}_no_truncate before truncate on ${sql.raw(table)} for each statement execute function audit_append_only()`.execute(db);
  }
}
