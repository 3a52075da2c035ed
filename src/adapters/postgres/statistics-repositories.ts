/**
 * Program statistics in SQL: every figure is an aggregate over one set of applications (the actor's
 * scope narrowed by the filters), computed in the database, so a province of tens of thousands of
 * applications is never loaded row by row. The stage rules come from src/core/statistics/stages.ts;
 * this module only translates them. Also the queue of background export jobs (migration 0011).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Scope } from '../../core/access-policy.ts';
import { FUNNEL_STAGES, REACHED_BY_STATE, STAGE_SPANS, type FunnelStage, type StageCounts, type StageMarker } from '../../core/statistics/stages.ts';
import type { ExportJobRow, ExportRow, MoneyFigures, StatisticsFilters, StatisticsRepository } from '../../use-cases/statistics/ports.ts';
import { scopeCondition } from './scope.ts';
import type { Database } from './schema.ts';

type Raw = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

async function all(db: Kysely<Database>, query: RawBuilder<unknown>): Promise<Raw[]> {
  return (await query.execute(db)).rows as Raw[];
}

/** The application's class code: as frozen at submission, else the organization's latest profile. */
const INDUSTRY = sql`upper(coalesce(pv.data->>'industryCode', lp.data->>'industryCode'))`;

function conditions(scope: Scope, f: StatisticsFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [scopeCondition(scope, sql.ref('o.path'), sql.ref('a.organization_id'))];
  if (f.programCode) parts.push(sql`p.code = ${f.programCode}`);
  if (f.callId) parts.push(sql`a.call_id = ${f.callId}`);
  if (f.year) parts.push(sql`extract(year from c.opens_at at time zone 'Asia/Shanghai') = ${f.year}`);
  if (f.cityId) parts.push(sql`o.path @> array[${f.cityId}]::bigint[]`);
  if (f.direction) parts.push(sql`${f.direction} = any(a.directions)`);
  // The prefix is checked against INDUSTRY_PREFIX (a letter and digits), so it carries no LIKE wildcard.
  if (f.industry) parts.push(sql`${INDUSTRY} like ${`${f.industry.toUpperCase()}%`}`);
  const day = sql`(coalesce(a.submitted_at, a.created_at) at time zone 'Asia/Shanghai')::date`;
  if (f.from) parts.push(sql`${day} >= ${f.from}::date`);
  if (f.to) parts.push(sql`${day} <= ${f.to}::date`);
  return sql.join(parts, sql` and `);
}

/** One row per application under the filters, with what every figure needs. */
function apps(scope: Scope, f: StatisticsFilters): RawBuilder<unknown> {
  return sql`
    apps as (
      select a.id, a.state, a.final_score, a.directions, a.created_at, a.submitted_at, a.project_name, a.call_id,
             p.code as program_code, c.title as call_title, o.name as organization_name, o.credit_code,
             city.id as city_id, city.code as city_code, city.name as city_name, city.division_code as city_division,
             city.covered_division_codes as city_covered,
             ${INDUSTRY} as industry_code,
             pr.status as project_status, pr.selected_at, pr.agreement_signed_at, pr.accepted_at,
             array(select distinct e.to_state from application_event e where e.application_id = a.id) || a.state as states,
             coalesce((select sb.award_fen from subsidy sb where sb.application_id = a.id), 0) as committed_fen,
             coalesce((select sum(t.amount_fen) from tranche t where t.application_id = a.id and t.status = 'disbursed'), 0) as disbursed_fen,
             coalesce((select sum(r.amount_fen) from recovery r where r.application_id = a.id), 0) as recoverable_fen,
             coalesce((select sum(rp.amount_fen) from recovery_repayment rp join recovery r on r.id = rp.recovery_id where r.application_id = a.id), 0) as recovered_fen
        from application a
        join program_call c on c.id = a.call_id
        join program p on p.id = a.program_id
        join organization o on o.id = a.organization_id
        left join organization city on city.kind = 'city' and city.id = any(o.path)
        left join organization_profile pv on pv.id = a.profile_version_id
        left join lateral (
          select x.data from organization_profile x where x.organization_id = a.organization_id order by x.version desc limit 1
        ) lp on a.profile_version_id is null
        left join project pr on pr.application_id = a.id
       where ${conditions(scope, f)}
    )`;
}

const stateSet = (states: readonly string[]) => sql`apps.states && ${[...states]}::text[]`;

/** The SQL of "this application reached the stage", from the core's rules. */
const REACHED: Record<FunnelStage, RawBuilder<unknown>> = {
  drafted: sql`true`,
  submitted: stateSet(REACHED_BY_STATE.submitted),
  cityPassed: stateSet(REACHED_BY_STATE.cityPassed),
  recommended: stateSet(REACHED_BY_STATE.recommended),
  policyPassed: stateSet(REACHED_BY_STATE.policyPassed),
  scored: sql`(apps.final_score is not null or ${stateSet(REACHED_BY_STATE.scored)})`,
  onNotice: stateSet(REACHED_BY_STATE.onNotice),
  selected: sql`(apps.project_status is not null or ${stateSet(REACHED_BY_STATE.selected)})`,
  agreementSigned: sql`apps.agreement_signed_at is not null`,
  accepted: sql`(apps.accepted_at is not null or apps.project_status = 'accepted')`,
  failedOrRevoked: sql`apps.project_status in ('failed', 'revoked')`,
};

const countColumns = sql.join(FUNNEL_STAGES.map((s) => sql`count(*) filter (where ${REACHED[s]}) as ${sql.ref(`n_${s}`)}`));
const moneyColumns = sql`sum(apps.committed_fen) as committed_fen, sum(apps.disbursed_fen) as disbursed_fen,
  sum(apps.recoverable_fen) as recoverable_fen, sum(apps.recovered_fen) as recovered_fen`;

const countsOf = (r: Raw): StageCounts => Object.fromEntries(FUNNEL_STAGES.map((s) => [s, n(r[`n_${s}`])])) as StageCounts;
const moneyOf = (r: Raw): MoneyFigures => ({ committedFen: n(r.committed_fen), disbursedFen: n(r.disbursed_fen), recoverableFen: n(r.recoverable_fen), recoveredFen: n(r.recovered_fen) });

const COLUMN: Record<Extract<StageMarker, { column: string }>['column'], RawBuilder<unknown>> = {
  createdAt: sql`apps.created_at`,
  selectedAt: sql`apps.selected_at`,
  agreementSignedAt: sql`apps.agreement_signed_at`,
  acceptedAt: sql`apps.accepted_at`,
};

/** When the marker was first reached (at or after `notBefore`), as SQL. */
function markerAt(m: StageMarker, notBefore?: RawBuilder<unknown>): RawBuilder<unknown> {
  if ('column' in m) return notBefore ? sql`(case when ${COLUMN[m.column]} >= ${notBefore} then ${COLUMN[m.column]} end)` : COLUMN[m.column];
  return sql`(select min(e.at) from application_event e where e.application_id = apps.id and e.to_state = any(${[...m.states]}::text[])
    ${notBefore ? sql`and e.at >= ${notBefore}` : sql``})`;
}

const spanDays = (span: (typeof STAGE_SPANS)[number]) => {
  const start = markerAt(span.from);
  return sql`extract(epoch from (${markerAt(span.to, start)} - ${start})) / 86400.0`;
};

const toJob = (r: Raw): ExportJobRow => ({
  id: String(r.id),
  kind: r.kind as ExportJobRow['kind'],
  filters: r.filters as StatisticsFilters,
  requestedBy: String(r.requested_by),
  actor: r.actor as ExportJobRow['actor'],
  status: r.status as ExportJobRow['status'],
  rowsDone: n(r.rows_done),
  rowsTotal: r.rows_total === null ? null : n(r.rows_total),
  attempts: n(r.attempts),
  storageKey: str(r.storage_key),
  fileName: str(r.file_name),
  sizeBytes: r.size_bytes === null ? null : n(r.size_bytes),
  error: str(r.error),
  createdAt: r.created_at as Date,
  startedAt: (r.started_at ?? null) as Date | null,
  finishedAt: (r.finished_at ?? null) as Date | null,
});

export function makeStatisticsRepositories(db: Kysely<Database>): { statistics: StatisticsRepository } {
  const statistics: StatisticsRepository = {
    async totals(scope, f) {
      const [r] = await all(db, sql`with ${apps(scope, f)} select ${countColumns}, ${moneyColumns} from apps`);
      return { counts: countsOf(r!), money: moneyOf(r!) };
    },
    async byCity(scope, f) {
      const rows = await all(
        db,
        sql`with ${apps(scope, f)}
          select apps.city_id, apps.city_code, apps.city_name, apps.city_division, apps.city_covered, ${countColumns}, ${moneyColumns}
            from apps where apps.city_id is not null
           group by apps.city_id, apps.city_code, apps.city_name, apps.city_division, apps.city_covered order by apps.city_code`,
      );
      return rows.map((r) => ({
        cityId: String(r.city_id),
        cityCode: String(r.city_code),
        cityName: String(r.city_name),
        divisionCode: str(r.city_division),
        coveredDivisionCodes: ((r.city_covered as unknown[] | null) ?? []).map(String),
        counts: countsOf(r),
        money: moneyOf(r),
      }));
    },
    async byDirection(scope, f) {
      const rows = await all(
        db,
        sql`with ${apps(scope, f)}
          select apps.program_code, d.direction, ${countColumns}
            from apps cross join lateral unnest(apps.directions) as d(direction)
           ${f.direction ? sql`where d.direction = ${f.direction}` : sql``}
           group by apps.program_code, d.direction order by apps.program_code, d.direction`,
      );
      return rows.map((r) => ({ programCode: String(r.program_code), direction: String(r.direction), counts: countsOf(r) }));
    },
    async byIndustry(scope, f) {
      const rows = await all(
        db,
        sql`with ${apps(scope, f)}, coded as (
            select apps.*, case when apps.industry_code ~ '^[A-T]' then left(apps.industry_code, 1) end as section,
                   case when apps.industry_code ~ '^[A-T][0-9]{2}' then substring(apps.industry_code from 2 for 2) end as division
              from apps)
          select apps.section, apps.division, ${countColumns}
            from coded apps group by apps.section, apps.division order by apps.section nulls last, apps.division nulls last`,
      );
      return rows.map((r) => ({ section: str(r.section), division: str(r.division), counts: countsOf(r) }));
    },
    async stageTimes(scope, f) {
      const spans = sql.join(STAGE_SPANS.map((s) => sql`(${s.id}, ${spanDays(s)})`));
      const rows = await all(
        db,
        sql`with ${apps(scope, f)}
          select s.id, count(s.d) as n,
                 percentile_cont(0.5) within group (order by s.d) as median,
                 percentile_cont(0.9) within group (order by s.d) as p90
            from apps cross join lateral (values ${spans}) as s(id, d)
           where s.d is not null group by s.id`,
      );
      const byId = new Map(rows.map((r) => [String(r.id), r]));
      return STAGE_SPANS.map((s) => {
        const r = byId.get(s.id);
        return { id: s.id, n: r ? n(r.n) : 0, medianDays: r ? Number(r.median) : null, p90Days: r ? Number(r.p90) : null };
      });
    },
    async cities(scope, provinceCode) {
      const rows = await all(
        db,
        sql`select city.id, city.code, city.name, city.division_code, city.covered_division_codes, prov.division_code as province_code
              from organization city left join organization prov on prov.id = city.parent_id and prov.kind = 'province'
             where city.kind = 'city' and ${scopeCondition(scope, sql.ref('city.path'), sql.ref('city.id'))}
               ${provinceCode ? sql`and prov.division_code = ${provinceCode}` : sql``}
             order by city.code`,
      );
      return rows.map((r) => ({
        id: String(r.id),
        code: String(r.code),
        name: String(r.name),
        divisionCode: str(r.division_code),
        coveredDivisionCodes: ((r.covered_division_codes as unknown[] | null) ?? []).map(String),
        provinceCode: str(r.province_code),
      }));
    },
    async options(scope, programCode) {
      // Calls are public policy; the scope narrows them to the province the actor works in (all for the platform).
      const provinceOf = scope.kind === 'subtree' ? sql`(exists (select 1 from organization x where x.id = ${scope.rootId} and x.path @> array[c.province_id]::bigint[]))` : sql`true`;
      const programs = await all(
        db,
        sql`select p.code, p.province_code, v.name, v.definition->'directions' as directions
              from program p join lateral (
                select * from program_version v where v.program_id = p.id and v.status = 'published' order by v.version desc limit 1
              ) v on true
             where coalesce(v.definition->>'kind', '') <> 'target_plan' order by p.code`,
      );
      const calls = await all(
        db,
        sql`select c.id, c.title, p.code as program_code, extract(year from c.opens_at at time zone 'Asia/Shanghai')::int as year
              from program_call c join program p on p.id = c.program_id
             where c.status = 'published' and ${provinceOf} ${programCode ? sql`and p.code = ${programCode}` : sql``}
             order by c.opens_at desc, c.id desc`,
      );
      return {
        programs: programs.map((r) => ({ code: String(r.code), name: r.name as { 'zh-CN': string; en: string }, provinceCode: String(r.province_code), directions: r.directions ?? [] })),
        calls: calls.map((r) => ({ id: String(r.id), title: String(r.title), programCode: String(r.program_code), year: n(r.year) })),
        years: [...new Set(calls.map((r) => n(r.year)))].sort((a, b) => b - a),
      };
    },
    async countRows(scope, f) {
      const [r] = await all(db, sql`with ${apps(scope, f)} select count(*) as n from apps`);
      return n(r!.n);
    },
    async exportRows(scope, f, afterId, limit) {
      const rows = await all(
        db,
        sql`with ${apps(scope, f)} select * from apps ${afterId ? sql`where apps.id > ${afterId}` : sql``} order by apps.id limit ${limit}`,
      );
      return rows.map(
        (r): ExportRow => ({
          id: String(r.id),
          programCode: String(r.program_code),
          callTitle: String(r.call_title),
          organizationName: String(r.organization_name),
          creditCode: str(r.credit_code),
          cityName: str(r.city_name),
          projectName: String(r.project_name ?? ''),
          directions: ((r.directions as unknown[] | null) ?? []).map(String),
          industryCode: str(r.industry_code),
          state: String(r.state),
          states: ((r.states as unknown[] | null) ?? []).map(String),
          hasFinalScore: r.final_score !== null && r.final_score !== undefined,
          projectStatus: str(r.project_status),
          agreementSigned: r.agreement_signed_at !== null && r.agreement_signed_at !== undefined,
          accepted: r.accepted_at !== null && r.accepted_at !== undefined,
          submittedAt: (r.submitted_at ?? null) as Date | null,
          createdAt: r.created_at as Date,
          money: moneyOf(r),
        }),
      );
    },

    async insertJob(row) {
      const [r] = await all(
        db,
        sql`insert into export_job (kind, filters, requested_by, actor, status, created_at)
            values (${row.kind}, ${JSON.stringify(row.filters)}::jsonb, ${row.requestedBy}, ${JSON.stringify(row.actor)}::jsonb, 'queued', ${row.now}) returning id`,
      );
      return String(r!.id);
    },
    async findJob(id) {
      const [r] = await all(db, sql`select * from export_job where id = ${id}`);
      return r ? toJob(r) : undefined;
    },
    async claimJob(workerId, now, staleBefore) {
      const [r] = await all(
        db,
        sql`update export_job set status = 'running', claimed_by = ${workerId}, attempts = attempts + 1, heartbeat_at = ${now},
                   started_at = coalesce(started_at, ${now}), rows_done = 0
             where id = (
               select id from export_job
                where status = 'queued' or (status = 'running' and heartbeat_at < ${staleBefore})
                order by id limit 1 for update skip locked)
            returning *`,
      );
      return r ? toJob(r) : undefined;
    },
    async reportProgress(id, rowsDone, rowsTotal, now) {
      await sql`update export_job set rows_done = ${rowsDone}, rows_total = ${rowsTotal}, heartbeat_at = ${now} where id = ${id}`.execute(db);
    },
    async finishJob(id, patch, now) {
      await sql`update export_job set status = ${patch.status}, storage_key = ${patch.storageKey ?? null}, file_name = ${patch.fileName ?? null},
                 size_bytes = ${patch.sizeBytes ?? null}, error = ${patch.error ?? null}, finished_at = ${now}, heartbeat_at = ${now}
               where id = ${id}`.execute(db);
    },
  };
  return { statistics };
}
