import { sql, type Kysely } from 'kysely';

/**
 * Selection: the city's review and recommendation within its quota, task-force opinions, the
 * province's policy review, the expert pool with conflicts, assignments and scores, defense
 * hearings, the decision, the public notice with objections, and the final list.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The call's per-city quotas (city organization code → number), when the definition leaves them to the call.
  await sql`alter table program_call add column quota_table jsonb not null default '{}'`.execute(db);
  await sql`alter table program_call add column threshold numeric(5,2)`.execute(db);

  // The city's initial review of one application: the authenticity checklist, the decision, the city's rank.
  await sql`alter table application add column city_review jsonb`.execute(db);
  await sql`alter table application add column policy_review jsonb`.execute(db);
  await sql`alter table application add column final_score numeric(6,2)`.execute(db);

  await sql`
    create table recommendation (
      id bigserial primary key,
      call_id bigint not null references program_call(id),
      city_id bigint not null references organization(id),
      status text not null check (status in ('draft', 'submitted', 'returned')),
      document_number text,
      returned_comment text,
      submitted_by bigint references account(id),
      submitted_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (call_id, city_id)
    )`.execute(db);
  await sql`
    create table recommendation_item (
      recommendation_id bigint not null references recommendation(id),
      application_id bigint not null references application(id) unique,
      rank int not null,
      category text,
      created_at timestamptz not null,
      primary key (recommendation_id, application_id)
    )`.execute(db);

  await sql`
    create table task_force_opinion (
      application_id bigint primary key references application(id),
      department_id bigint not null references organization(id),
      opinion text,
      supports boolean,
      by_account bigint references account(id),
      at timestamptz
    )`.execute(db);

  await sql`
    create table expert (
      id bigserial primary key,
      pool_id bigint not null references organization(id),
      account_id bigint references account(id) unique,
      name text not null,
      title text not null default '',
      organization_name text not null,
      credit_code text,
      city_name text,
      tags text[] not null default '{}',
      phone text,
      email text,
      active boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index expert_pool on expert(pool_id) where active`.execute(db);

  await sql`
    create table assignment_run (
      id bigserial primary key,
      call_id bigint not null references program_call(id),
      status text not null check (status in ('running', 'done', 'failed', 'applied')),
      per_application int not null,
      objective numeric,
      greedy_objective numeric,
      bound numeric,
      report jsonb,
      error text,
      created_by bigint references account(id),
      created_at timestamptz not null,
      finished_at timestamptz
    )`.execute(db);

  await sql`
    create table expert_assignment (
      id bigserial primary key,
      call_id bigint not null references program_call(id),
      application_id bigint not null references application(id),
      expert_id bigint not null references expert(id),
      manual boolean not null default false,
      status text not null check (status in ('assigned', 'declined_conflict', 'accepted', 'submitted')),
      conflict_declaration jsonb,
      scores jsonb,
      total numeric(6,2),
      comment text,
      submitted_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (application_id, expert_id)
    )`.execute(db);
  await sql`create index expert_assignment_expert on expert_assignment(expert_id, status)`.execute(db);

  await sql`
    create table panel_record (
      application_id bigint primary key references application(id),
      consensus text,
      defense jsonb,
      recorded_by bigint references account(id),
      updated_at timestamptz not null
    )`.execute(db);

  await sql`
    create table public_notice (
      id bigserial primary key,
      call_id bigint not null references program_call(id) unique,
      title text not null,
      body text not null default '',
      decision_note text,
      contact text,
      status text not null check (status in ('draft', 'published', 'ended', 'final')),
      published_at timestamptz,
      start_date date,
      end_date date,
      ends_at timestamptz,
      provisional boolean not null default false,
      final_document_number text,
      final_published_at timestamptz,
      created_by bigint references account(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`
    create table notice_item (
      notice_id bigint not null references public_notice(id),
      application_id bigint not null references application(id),
      position int not null,
      public_fields jsonb not null,
      removed boolean not null default false,
      primary key (notice_id, application_id)
    )`.execute(db);

  await sql`
    create table objection (
      id bigserial primary key,
      notice_id bigint not null references public_notice(id),
      application_id bigint references application(id),
      name text not null,
      contact text not null,
      content text not null,
      attachment_key text,
      attachment_name text,
      ip text,
      status text not null check (status in ('received', 'investigating', 'upheld', 'dismissed')),
      outcome text,
      handled_by bigint references account(id),
      handled_at timestamptz,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index objection_ip on objection(ip, created_at)`.execute(db);
}
