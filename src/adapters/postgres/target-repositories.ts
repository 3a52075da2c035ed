/**
 * Repositories of the target plan: reported values (table target_report, migration 0010) and the
 * counts of final-listed and accepted projects behind the computed values. SQL only; shapes from
 * src/use-cases/targets/ports.ts.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Repositories } from '../../use-cases/ports.ts';
import type { SelectionFilter, TargetReportRow, TargetRepositories } from '../../use-cases/targets/ports.ts';
import type { Database } from './schema.ts';

type Raw = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

async function all(db: Kysely<Database>, query: RawBuilder<unknown>): Promise<Raw[]> {
  return (await query.execute(db)).rows as Raw[];
}

const REPORT_SELECT = sql`
  select r.id::text as id, r.program_code, r.program_version, r.target_id, r.period, r.value::text as value, r.note, r.evidence,
         r.organization_id::text as organization_id, o.name as organization_name, r.reported_by::text as reported_by, r.reported_by_name,
         r.supersedes::text as supersedes, r.superseded_at, r.created_at
    from target_report r
    left join organization o on o.id = r.organization_id`;

const toReport = (r: Raw): TargetReportRow => ({
  id: String(r.id),
  programCode: String(r.program_code),
  programVersion: Number(r.program_version),
  targetId: String(r.target_id),
  period: String(r.period),
  value: Number(r.value),
  note: String(r.note ?? ''),
  evidence: String(r.evidence),
  organizationId: str(r.organization_id),
  organizationName: str(r.organization_name),
  reportedBy: str(r.reported_by),
  reportedByName: str(r.reported_by_name),
  supersedes: str(r.supersedes),
  supersededAt: (r.superseded_at ?? null) as Date | null,
  createdAt: r.created_at as Date,
});

/** The conditions on the application `a`, its call `c` and program `p` that a filter sets. */
function selectionWhere(f: SelectionFilter): RawBuilder<unknown> {
  return sql`c.province_id = ${f.provinceId} and p.code = any(${[...f.programCodes]}::text[])
    ${f.directions?.length ? sql`and a.directions && ${[...f.directions]}::text[]` : sql``}
    ${f.categories?.length ? sql`and a.category = any(${[...f.categories]}::text[])` : sql``}
    ${f.excludeCategories?.length ? sql`and coalesce(a.category, '') <> all(${[...f.excludeCategories]}::text[])` : sql``}`;
}

export function makeTargetRepositories(db: Kysely<Database>): Pick<Repositories, 'targets'> {
  const targets: TargetRepositories = {
    async currentReports(programCode) {
      return (await all(db, sql`${REPORT_SELECT} where r.program_code = ${programCode} and r.superseded_at is null order by r.target_id, r.period, r.id`)).map(toReport);
    },
    async reportHistory(programCode, targetId) {
      return (await all(db, sql`${REPORT_SELECT} where r.program_code = ${programCode} and r.target_id = ${targetId} order by r.period, r.id`)).map(toReport);
    },
    async lockPeriod(programCode, targetId, period) {
      await sql`select pg_advisory_xact_lock(hashtext(${`target_report:${programCode}:${targetId}:${period}`}))`.execute(db);
      const [r] = await all(db, sql`${REPORT_SELECT} where r.program_code = ${programCode} and r.target_id = ${targetId} and r.period = ${period} and r.superseded_at is null`);
      return r && toReport(r);
    },
    async supersede(id, now) {
      await sql`update target_report set superseded_at = ${now} where id = ${id}`.execute(db);
    },
    async insertReport(row) {
      const [r] = await all(
        db,
        sql`insert into target_report (program_code, program_version, target_id, period, value, note, evidence, organization_id, reported_by, reported_by_name, supersedes, created_at)
            values (${row.programCode}, ${row.programVersion}, ${row.targetId}, ${row.period}, ${String(row.value)}::numeric, ${row.note}, ${row.evidence},
              ${row.organizationId}, ${row.reportedBy}, ${row.reportedByName}, ${row.supersedes}, ${row.now})
            returning id::text as id`,
      );
      return String(r!.id);
    },
    async countFinalListed(f) {
      const [r] = await all(
        db,
        sql`select count(*)::int as n
              from notice_item i
              join public_notice n on n.id = i.notice_id
              join program_call c on c.id = n.call_id
              join program p on p.id = c.program_id
              join application a on a.id = i.application_id
              left join project pr on pr.application_id = i.application_id
             where n.status = 'final' and not i.removed and n.final_published_at < ${f.until}
               ${f.since ? sql`and n.final_published_at >= ${f.since}` : sql``}
               and coalesce(pr.status, '') <> 'revoked'
               and ${selectionWhere(f)}`,
      );
      return Number(r!.n);
    },
    async countAccepted(f) {
      const [r] = await all(
        db,
        sql`select count(*)::int as n
              from project pr
              join program_call c on c.id = pr.call_id
              join program p on p.id = c.program_id
              join application a on a.id = pr.application_id
             where pr.status = 'accepted' and pr.accepted_at < ${f.until}
               and ${selectionWhere(f)}`,
      );
      return Number(r!.n);
    },
  };
  return { targets };
}
