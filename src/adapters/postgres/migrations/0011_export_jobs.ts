import { sql, type Kysely } from 'kysely';

/**
 * Background exports: a large statistics export (every application under the filters, with its stage
 * and money) is a queued job that any server may claim (FOR UPDATE SKIP LOCKED), runs with the reach
 * of the officer who asked (kept as a snapshot of the actor), reports its progress as it goes, and
 * leaves its .xlsx in the file store for that officer alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table export_job (
      id bigserial primary key,
      kind text not null check (kind in ('applications')),
      filters jsonb not null,
      requested_by bigint not null references account(id),
      actor jsonb not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed')),
      rows_done int not null default 0,
      rows_total int,
      attempts int not null default 0,
      claimed_by text,
      heartbeat_at timestamptz,
      storage_key text,
      file_name text,
      size_bytes bigint,
      error text,
      created_at timestamptz not null,
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`create index export_job_queue on export_job (status, id)`.execute(db);
  await sql`create index export_job_requester on export_job (requested_by, id desc)`.execute(db);
}
