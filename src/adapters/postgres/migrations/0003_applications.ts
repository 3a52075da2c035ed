import { sql, type Kysely } from 'kysely';

/**
 * The applicant's side: versioned enterprise profiles, calls, applications with their timeline,
 * attachments, resumable uploads (chunks staged in the database, so any server can take the next
 * chunk and nothing is half-written), and in-app notifications.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organization_profile (
      id bigserial primary key,
      organization_id bigint not null references organization(id),
      version int not null,
      data jsonb not null,
      created_by bigint references account(id),
      created_at timestamptz not null,
      unique (organization_id, version)
    )`.execute(db);
  // A profile version is a record of what the applicant declared: it never changes.
  await sql`
    create function organization_profile_frozen() returns trigger language plpgsql as $$
    begin
      raise exception '企业档案的历史版本不能修改 / a profile version cannot change' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger organization_profile_frozen before update or delete on organization_profile for each row execute function organization_profile_frozen()`.execute(db);

  await sql`
    create table program_call (
      id bigserial primary key,
      program_id bigint not null references program(id),
      program_version int not null,
      province_id bigint not null references organization(id),
      title text not null,
      document_number text,
      materials text not null default '',
      opens_at timestamptz not null,
      deadline_at timestamptz not null,
      status text not null check (status in ('draft', 'published')),
      created_by bigint references account(id),
      published_by bigint references account(id),
      published_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (deadline_at > opens_at)
    )`.execute(db);
  await sql`create index program_call_open on program_call(status, deadline_at)`.execute(db);

  await sql`
    create table application (
      id bigserial primary key,
      call_id bigint not null references program_call(id),
      program_id bigint not null references program(id),
      program_version int not null,
      organization_id bigint not null references organization(id),
      state text not null,
      form_data jsonb not null default '{}',
      revision int not null default 0,
      project_name text not null default '',
      directions text[] not null default '{}',
      category text,
      profile_version_id bigint references organization_profile(id),
      eligibility jsonb,
      commitment jsonb,
      field_comments jsonb not null default '{}',
      return_comment text,
      submitted_at timestamptz,
      created_by bigint references account(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index application_organization on application(organization_id, program_id)`.execute(db);
  await sql`create index application_call_state on application(call_id, state)`.execute(db);
  await sql`create index application_updated on application(updated_at)`.execute(db);
  await sql`create index application_project_trgm on application using gin(project_name gin_trgm_ops)`.execute(db);

  await sql`
    create table application_event (
      id bigserial primary key,
      application_id bigint not null references application(id),
      from_state text,
      to_state text not null,
      actor_id bigint references account(id),
      actor_name text,
      actor_role text,
      comment text,
      at timestamptz not null
    )`.execute(db);
  await sql`create index application_event_application on application_event(application_id, id)`.execute(db);

  await sql`
    create table attachment (
      id bigserial primary key,
      organization_id bigint not null references organization(id),
      application_id bigint references application(id),
      purpose text not null check (purpose in ('application', 'credential')),
      requirement_id text not null,
      file_name text not null,
      kind text not null,
      size_bytes bigint not null,
      sha256 text not null,
      storage_key text not null unique,
      uploaded_by bigint references account(id),
      created_at timestamptz not null,
      deleted_at timestamptz
    )`.execute(db);
  await sql`create index attachment_application on attachment(application_id) where deleted_at is null`.execute(db);
  await sql`create index attachment_organization on attachment(organization_id, purpose) where deleted_at is null`.execute(db);

  await sql`
    create table upload (
      id text primary key,
      organization_id bigint not null references organization(id),
      application_id bigint references application(id),
      purpose text not null,
      requirement_id text not null,
      file_name text not null,
      size_bytes bigint not null,
      received_bytes bigint not null default 0,
      created_by bigint not null references account(id),
      created_at timestamptz not null,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`
    create table upload_chunk (
      upload_id text not null references upload(id) on delete cascade,
      "offset" bigint not null,
      data bytea not null,
      primary key (upload_id, "offset")
    )`.execute(db);

  await sql`
    create table notification (
      id bigserial primary key,
      account_id bigint not null references account(id),
      kind text not null,
      title jsonb not null,
      body jsonb not null,
      link text,
      read_at timestamptz,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index notification_account on notification(account_id, id desc)`.execute(db);
}
