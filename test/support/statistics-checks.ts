/**
 * The independent cross-check of program statistics: every figure the API shows (funnel, by city,
 * direction and industry, money, time in each stage, the map) is recomputed here from the raw rows
 * of the tables, in JavaScript, with none of the repository's SQL, and compared. Usable on any
 * database: the tests' small worlds and the generated demo population.
 */
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { inScope, scopeFor } from '../../src/core/access-policy.ts';
import type { Role } from '../../src/core/roles.ts';
import type { Filters } from '../../src/core/statistics/filters.ts';
import { industryOf } from '../../src/core/statistics/industry.ts';
import { mapAreaCode } from '../../src/core/statistics/map.ts';
import { FUNNEL_STAGES, STAGE_SPANS, emptyCounts, percentile, reachedStages, roundDays, type StageCounts, type StageMarker } from '../../src/core/statistics/stages.ts';
import type { Database } from '../../src/adapters/postgres/schema.ts';

type Row = Record<string, any>;
interface ApiClient {
  get(path: string): Promise<{ status: number; body: any }>;
}
/** The statistics' filters, as the API takes them. */
export type CheckFilters = Filters;

const rows = async (db: Kysely<Database>, q: ReturnType<typeof sql>) => (await q.execute(db)).rows as Row[];
const ids = (v: unknown): string[] => ((v as unknown[]) ?? []).map(String);
/** A Date as its Asia/Shanghai calendar day. */
const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

interface Fact {
  id: string;
  cityId: string | null;
  directions: string[];
  programCode: string;
  industry: string | null;
  stages: string[];
  money: { committedFen: number; disbursedFen: number; recoverableFen: number; recoveredFen: number };
  times: Record<string, number | null>;
}

/** Loads the tables whole and works out, per application the actor may read under the filters, what it reached. */
async function factsOf(db: Kysely<Database>, client: ApiClient, f: CheckFilters): Promise<{ facts: Fact[]; cities: Map<string, Row> }> {
  const session = await client.get('/api/auth/session');
  assert.equal(session.status, 200, 'the checking client is signed in');
  const orgs = new Map((await rows(db, sql`select id::text, parent_id::text, path, kind, code, name, division_code, covered_division_codes from organization`)).map((o) => [o.id as string, o]));
  const me = orgs.get(session.body.user.organization.id)!;
  const scope = scopeFor({ accountId: session.body.user.id, role: session.body.user.role as Role, organizationId: me.id, organizationPath: ids(me.path) }, 'statistics.read');

  const apps = await rows(db, sql`select a.id::text, a.state, a.final_score, a.directions, a.created_at, a.submitted_at, a.organization_id::text, a.call_id::text, a.profile_version_id::text, p.code as program_code, c.opens_at
    from application a join program p on p.id = a.program_id join program_call c on c.id = a.call_id`);
  const events = await rows(db, sql`select application_id::text, to_state, at from application_event order by id`);
  const projects = new Map((await rows(db, sql`select application_id::text, status, selected_at, agreement_signed_at, accepted_at from project`)).map((p) => [p.application_id as string, p]));
  const profiles = await rows(db, sql`select id::text, organization_id::text, version, data from organization_profile`);
  const subsidies = await rows(db, sql`select application_id::text, award_fen from subsidy`);
  const tranches = await rows(db, sql`select application_id::text, amount_fen, status from tranche`);
  const recoveries = await rows(db, sql`select id::text, application_id::text, amount_fen from recovery`);
  const repayments = await rows(db, sql`select recovery_id::text, amount_fen from recovery_repayment`);

  const sum = (list: Row[], id: string, pick: (r: Row) => boolean = () => true) => list.filter((r) => r.application_id === id && pick(r)).reduce((s, r) => s + Number(r.amount_fen), 0);
  const facts: Fact[] = [];
  for (const a of apps) {
    const org = orgs.get(a.organization_id)!;
    const path = ids(org.path);
    if (!inScope(scope, { organizationPath: path })) continue;
    const city = path.map((id) => orgs.get(id)!).find((o) => o.kind === 'city') ?? null;
    const frozen = profiles.find((p) => p.id === a.profile_version_id);
    const latest = profiles.filter((p) => p.organization_id === a.organization_id).sort((x, y) => y.version - x.version)[0];
    const industry = ((frozen ?? (a.profile_version_id ? undefined : latest))?.data?.industryCode as string | undefined)?.toUpperCase() ?? null;
    const day = shanghaiDay((a.submitted_at ?? a.created_at) as Date);
    const year = Number(shanghaiDay(a.opens_at as Date).slice(0, 4));
    if (f.programCode && a.program_code !== f.programCode) continue;
    if (f.callId && a.call_id !== f.callId) continue;
    if (f.year && year !== f.year) continue;
    if (f.cityId && !path.includes(f.cityId)) continue;
    if (f.direction && !ids(a.directions).includes(f.direction)) continue;
    if (f.industry && !(industry ?? '').startsWith(f.industry)) continue;
    if (f.from && day < f.from) continue;
    if (f.to && day > f.to) continue;

    const own = events.filter((e) => e.application_id === a.id);
    const project = projects.get(a.id) ?? null;
    const stages = reachedStages({
      states: [...own.map((e) => e.to_state as string), a.state],
      hasFinalScore: a.final_score !== null,
      project: project ? { status: project.status, agreementSigned: project.agreement_signed_at !== null, accepted: project.accepted_at !== null } : null,
    });
    const column = (m: Extract<StageMarker, { column: string }>): Date | null =>
      ({ createdAt: a.created_at, selectedAt: project?.selected_at ?? null, agreementSignedAt: project?.agreement_signed_at ?? null, acceptedAt: project?.accepted_at ?? null })[m.column] as Date | null;
    const at = (m: StageMarker, notBefore?: Date): Date | null => {
      if ('column' in m) {
        const d = column(m);
        return d && (!notBefore || d >= notBefore) ? d : null;
      }
      const hit = own.filter((e) => m.states.includes(e.to_state) && (!notBefore || (e.at as Date) >= notBefore)).map((e) => e.at as Date);
      return hit.length ? new Date(Math.min(...hit.map((d) => d.getTime()))) : null;
    };
    const times: Record<string, number | null> = {};
    for (const span of STAGE_SPANS) {
      const start = at(span.from);
      const end = start ? at(span.to, start) : null;
      times[span.id] = start && end ? (end.getTime() - start.getTime()) / 86_400_000 : null;
    }
    const myRecoveries = recoveries.filter((r) => r.application_id === a.id).map((r) => r.id);
    facts.push({
      id: a.id,
      cityId: city?.id ?? null,
      directions: ids(a.directions),
      programCode: a.program_code,
      industry,
      stages,
      times,
      money: {
        committedFen: sum(subsidies.map((s) => ({ ...s, amount_fen: s.award_fen })), a.id),
        disbursedFen: sum(tranches, a.id, (t) => t.status === 'disbursed'),
        recoverableFen: sum(recoveries, a.id),
        recoveredFen: repayments.filter((p) => myRecoveries.includes(p.recovery_id)).reduce((s, p) => s + Number(p.amount_fen), 0),
      },
    });
  }
  const cities = new Map([...orgs.values()].filter((o) => o.kind === 'city').map((o) => [o.id as string, o]));
  return { facts, cities };
}

const countOf = (facts: Fact[]): StageCounts => {
  const c = emptyCounts();
  for (const x of facts) for (const s of x.stages) c[s as keyof StageCounts] += 1;
  return c;
};
const moneyOf = (facts: Fact[]) => ({
  committedFen: facts.reduce((s, x) => s + x.money.committedFen, 0),
  disbursedFen: facts.reduce((s, x) => s + x.money.disbursedFen, 0),
  recoverableFen: facts.reduce((s, x) => s + x.money.recoverableFen, 0),
  recoveredFen: facts.reduce((s, x) => s + x.money.recoveredFen, 0),
});

function query(f: CheckFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Asserts that GET /api/statistics and GET /api/statistics/map, as `client` sees them under `filters`,
 * equal counts and sums computed here from the records. Returns the API's view for further checks.
 */
export async function assertStatisticsMatchRecords(db: Kysely<Database>, client: ApiClient, filters: CheckFilters = {}): Promise<any> {
  const { facts, cities } = await factsOf(db, client, filters);
  const res = await client.get(`/api/statistics${query(filters)}`);
  assert.equal(res.status, 200, `statistics: ${JSON.stringify(res.body)}`);
  const view = res.body;
  const label = JSON.stringify(filters);

  assert.deepEqual(view.totals, countOf(facts), `funnel totals ${label}`);
  assert.deepEqual(view.funnel.map((s: any) => s.count), FUNNEL_STAGES.map((s) => countOf(facts)[s]), `funnel ${label}`);
  assert.deepEqual(view.money, moneyOf(facts), `money ${label}`);

  // By city: every listed city's figures; cities not listed have no application.
  const listed = new Set<string>();
  for (const c of view.byCity) {
    listed.add(c.cityId);
    const mine = facts.filter((x) => x.cityId === c.cityId);
    assert.deepEqual(c.counts, countOf(mine), `city ${c.cityName} counts ${label}`);
    assert.deepEqual(c.money, moneyOf(mine), `city ${c.cityName} money ${label}`);
  }
  for (const x of facts) if (x.cityId) assert.ok(listed.has(x.cityId), `application ${x.id}'s city is listed ${label}`);

  // By direction: an application counts under each direction it chose.
  const directionKeys = new Set(facts.flatMap((x) => x.directions.filter((d) => !filters.direction || d === filters.direction).map((d) => `${x.programCode}|${d}`)));
  assert.deepEqual(view.byDirection.map((d: any) => `${d.programCode}|${d.direction}`).sort(), [...directionKeys].sort(), `directions listed ${label}`);
  for (const d of view.byDirection) {
    assert.deepEqual(d.counts, countOf(facts.filter((x) => x.programCode === d.programCode && x.directions.includes(d.direction))), `direction ${d.direction} ${label}`);
  }

  // By industry (GB/T 4754 section and division of the declared class).
  const industryKey = (x: Fact) => {
    const { section, division } = industryOf(x.industry);
    return `${section ?? '-'}|${division ?? '-'}`;
  };
  assert.deepEqual(view.byIndustry.map((i: any) => `${i.section ?? '-'}|${i.division ?? '-'}`).sort(), [...new Set(facts.map(industryKey))].sort(), `industries listed ${label}`);
  for (const i of view.byIndustry) assert.deepEqual(i.counts, countOf(facts.filter((x) => industryKey(x) === `${i.section ?? '-'}|${i.division ?? '-'}`)), `industry ${i.section}${i.division} ${label}`);
  for (const s of view.bySection) assert.deepEqual(s.counts, countOf(facts.filter((x) => industryOf(x.industry).section === s.section)), `section ${s.section} ${label}`);

  // Time in each stage: median and 90th percentile of the days between the opening and closing events.
  for (const t of view.stageTimes) {
    const days = facts.map((x) => x.times[t.id]).filter((d): d is number => d !== null && d !== undefined);
    assert.equal(t.n, days.length, `stage ${t.id} count ${label}`);
    assert.equal(t.medianDays, roundDays(percentile(days, 0.5)), `stage ${t.id} median ${label}`);
    assert.equal(t.p90Days, roundDays(percentile(days, 0.9)), `stage ${t.id} p90 ${label}`);
  }

  // The map: each prefecture-level area is the sum of the units drawn in it.
  for (const measure of ['applications', 'selected', 'committedFen', 'disbursedFen'] as const) {
    const m = await client.get(`/api/statistics/map${query(filters, { measure })}`);
    assert.equal(m.status, 200, `map: ${JSON.stringify(m.body)}`);
    const value = (x: Fact) => (measure === 'applications' ? Number(x.stages.includes('submitted')) : measure === 'selected' ? Number(x.stages.includes('selected')) : x.money[measure]);
    for (const area of m.body.areas) {
      const inArea = facts.filter((x) => x.cityId && mapAreaCode({ divisionCode: cities.get(x.cityId)!.division_code, coveredDivisionCodes: ids(cities.get(x.cityId)!.covered_division_codes) }) === area.code);
      assert.equal(area.value, inArea.reduce((s, x) => s + value(x), 0), `map ${measure} ${area.code} ${label}`);
    }
    assert.equal(m.body.total, m.body.areas.reduce((s: number, a: any) => s + a.value, 0), `map ${measure} total ${label}`);
  }
  return view;
}
