import { sql, type Kysely } from 'kysely';

/**
 * Reminders and acceptance materials: a progress report remembers when its applicant was reminded and when the
 * city and the province were told it is overdue (each at most once, whichever server's job gets there first);
 * an attachment may be an acceptance material (purpose 'acceptance', on the project's application).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table progress_report add column reminded_at timestamptz, add column overdue_notified_at timestamptz`.execute(db);
  await sql`create index progress_report_unreminded on progress_report(due_date) where status = 'due' and (reminded_at is null or overdue_notified_at is null)`.execute(db);
  await sql`alter table attachment drop constraint attachment_purpose_check`.execute(db);
  await sql`alter table attachment add constraint attachment_purpose_check check (purpose in ('application', 'credential', 'acceptance'))`.execute(db);
  // A rectification that ran out fails the project once; the job finds them by this index.
  await sql`create index acceptance_rectification on acceptance(rectification_deadline) where rectification_deadline is not null`.execute(db);
}
