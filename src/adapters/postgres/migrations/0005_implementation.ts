import { sql, type Kysely } from 'kysely';

/** Implementation: agreements with implementation plans, quarterly progress reports, guidance visits, acceptance with rectification, titles. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One project per selected application, from the final list on.
  await sql`
    create table project (
      application_id bigint primary key references application(id),
      call_id bigint not null references program_call(id),
      organization_id bigint not null references organization(id),
      status text not null check (status in ('agreement_pending', 'implementing', 'acceptance_requested', 'initial_accepted', 'rectifying', 'accepted', 'failed', 'revoked')),
      selected_at timestamptz not null,
      agreement_signed_at timestamptz,
      accepted_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index project_call on project(call_id, status)`.execute(db);
  await sql`create index project_organization on project(organization_id)`.execute(db);

  // The implementation plan the applicant enters, the province's review, the generated agreement and its signing.
  await sql`
    create table project_agreement (
      application_id bigint primary key references project(application_id),
      plan jsonb not null,
      plan_status text not null check (plan_status in ('draft', 'submitted', 'returned', 'approved')),
      plan_submitted_at timestamptz,
      review_comment text,
      reviewed_by bigint references account(id),
      reviewed_at timestamptz,
      agreement_number text,
      generated_at timestamptz,
      signed_on date,
      signatories jsonb,
      signed_by bigint references account(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);

  // Quarterly (or yearly) progress reports, due at each period's end while the project runs.
  await sql`
    create table progress_report (
      id bigserial primary key,
      application_id bigint not null references project(application_id),
      period text not null,
      due_date date not null,
      status text not null check (status in ('due', 'submitted')),
      content jsonb,
      submitted_by bigint references account(id),
      submitted_at timestamptz,
      comments jsonb not null default '[]',
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (application_id, period)
    )`.execute(db);
  await sql`create index progress_report_due on progress_report(status, due_date)`.execute(db);

  await sql`
    create table guidance_visit (
      id bigserial primary key,
      application_id bigint not null references project(application_id),
      organization_id bigint not null references organization(id),
      visit_date date not null,
      place text not null,
      participants text not null,
      notes text not null,
      recorded_by bigint references account(id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index guidance_visit_project on guidance_visit(application_id)`.execute(db);

  // One round of acceptance: the request with its materials, the city's initial acceptance, the province's expert acceptance.
  await sql`
    create table acceptance (
      id bigserial primary key,
      application_id bigint not null references project(application_id),
      round int not null,
      status text not null check (status in ('requested', 'initial_passed', 'initial_failed', 'passed', 'failed')),
      materials jsonb not null default '[]',
      note text,
      requested_by bigint references account(id),
      requested_at timestamptz not null,
      initial jsonb,
      final jsonb,
      rectification_deadline date,
      updated_at timestamptz not null,
      unique (application_id, round)
    )`.execute(db);

  // The project's timeline (agreement, reports, visits, acceptance steps).
  await sql`
    create table project_event (
      id bigserial primary key,
      application_id bigint not null references project(application_id),
      at timestamptz not null,
      kind text not null,
      from_status text,
      to_status text,
      actor_id bigint references account(id),
      actor_name text,
      actor_role text,
      comment text
    )`.execute(db);
  await sql`create index project_event_project on project_event(application_id, id)`.execute(db);
}
