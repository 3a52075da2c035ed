/**
 * The independent check of the target dashboard (issue 7 "every dashboard figure equals a count
 * computed independently from the records"): reads the raw tables, counts in plain code what each
 * computed target counts (the rule restated here from 002/000/001, not imported from the platform),
 * and compares every computed figure the dashboard API shows. Usable on any database — a test's or
 * the generated demo population.
 */
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';

/** Anything that GETs the API as a signed-in reader of the plan (the in-process or the remote client). */
export interface ApiReader {
  get(path: string): Promise<{ status: number; body: any }>;
}

const PILOT_PROGRAMS = new Set(['hebei-2016-internet-plus', 'hubei-2020-dual-innovation']);
const PLATFORM_PROGRAMS = new Set(['hebei-2021-ii-key-projects']);

interface Listed {
  applicationId: string;
  program: string;
  provinceId: string;
  publishedAt: number;
  directions: string[];
  category: string | null;
  projectStatus: string | null;
}

/** The start of a Shanghai calendar day, in ms. */
const dayStart = (date: string) => Date.parse(`${date}T00:00:00+08:00`);
const nextDay = (date: string) => new Date(dayStart(date) + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

async function rows(db: Kysely<any>, query: ReturnType<typeof sql>): Promise<Record<string, any>[]> {
  return (await query.execute(db)).rows as Record<string, any>[];
}

/** Counts of the computed targets, by target id, straight from the tables. */
export async function countsFromRecords(db: Kysely<any>, plan: { code: string; provinceCode: string; targets: any[] }, asOf: string): Promise<Map<string, number>> {
  const [province] = await rows(db, sql`select id::text as id from organization where code = ${plan.provinceCode}`);
  assert.ok(province, `the plan's province ${plan.provinceCode} exists`);
  const notices = new Map((await rows(db, sql`select n.id::text as id, n.status, n.final_published_at, c.province_id::text as province_id, p.code from public_notice n join program_call c on c.id = n.call_id join program p on p.id = c.program_id`)).map((n) => [n.id, n]));
  const apps = new Map((await rows(db, sql`select id::text as id, directions, category from application`)).map((a) => [a.id, a]));
  const projects = await rows(db, sql`select pr.application_id::text as id, pr.status, pr.accepted_at, c.province_id::text as province_id, p.code from project pr join program_call c on c.id = pr.call_id join program p on p.id = c.program_id`);
  const projectStatus = new Map(projects.map((p) => [p.id, p.status as string]));
  const listed: Listed[] = [];
  for (const item of await rows(db, sql`select notice_id::text as notice_id, application_id::text as application_id, removed from notice_item`)) {
    const n = notices.get(item.notice_id);
    if (!n || n.status !== 'final' || item.removed) continue;
    const a = apps.get(item.application_id)!;
    listed.push({ applicationId: item.application_id, program: n.code, provinceId: n.province_id, publishedAt: new Date(n.final_published_at).getTime(), directions: a.directions ?? [], category: a.category ?? null, projectStatus: projectStatus.get(item.application_id) ?? null });
  }
  const until = dayStart(nextDay(asOf));
  const inProvince = (l: { provinceId: string }) => l.provinceId === province.id;
  const selected = (programs: Set<string>, keep: (l: Listed) => boolean, since = -Infinity, before = until) =>
    listed.filter((l) => inProvince(l) && programs.has(l.program) && l.projectStatus !== 'revoked' && l.publishedAt >= since && l.publishedAt < before && keep(l)).length;
  // 002's app and cloud targets: each organization of the province with its latest month up to the date (the latest revision of it), summed.
  const month = asOf.slice(0, 7);
  const latestMonth = new Map<string, Record<string, any>>();
  for (const r of await rows(db, sql`select r.organization_id::text as org, r.month, r.industrial_apps, r.cloud_enterprises from operation_report r join organization o on o.id = r.organization_id where r.latest and ${province.id}::bigint = any(o.path)`)) {
    const known = latestMonth.get(r.org);
    if (r.month <= month && (!known || r.month > known.month)) latestMonth.set(r.org, r);
  }
  const operationSum = (column: 'industrial_apps' | 'cloud_enterprises') => [...latestMonth.values()].reduce((sum, r) => sum + Number(r[column]), 0);
  const out = new Map<string, number>();
  for (const t of plan.targets) {
    if (t.measure.kind !== 'computed') continue;
    const yearStart = dayStart(`${t.year}-01-01`);
    const yearEnd = Math.min(until, dayStart(`${t.year + 1}-01-01`));
    const count: Record<string, () => number> = {
      pilot_projects_accepted: () => projects.filter((p) => p.province_id === province.id && PILOT_PROGRAMS.has(p.code) && p.status === 'accepted' && new Date(p.accepted_at).getTime() < until).length,
      // "每年培育30个" (002 三（二）): selections within the target's year.
      pilot_projects_selected: () => selected(PILOT_PROGRAMS, () => true, yearStart, yearEnd),
      'platforms_selected.enterprise': () => selected(PLATFORM_PROGRAMS, (l) => l.directions.includes('2.1')),
      'platforms_selected.industry': () => selected(PLATFORM_PROGRAMS, (l) => l.directions.includes('2.2') && l.category !== 'municipal-comprehensive-platform'),
      'platforms_selected.regional': () => selected(PLATFORM_PROGRAMS, (l) => l.directions.includes('2.2') && l.category === 'municipal-comprehensive-platform'),
      'operations.industrial_apps': () => operationSum('industrial_apps'),
      'operations.cloud_enterprises': () => operationSum('cloud_enterprises'),
    };
    assert.ok(count[t.measure.metric], `the check knows metric ${t.measure.metric}`);
    out.set(t.id, count[t.measure.metric]!());
  }
  return out;
}

/**
 * Compares every computed figure of the dashboard (for each plan the reader may see) with the counts
 * from the tables; returns the counts by plan and target for the caller's own assertions.
 */
export async function assertTargetsMatchRecords(db: Kysely<any>, client: ApiReader): Promise<Map<string, Map<string, number>>> {
  const first = await client.get('/api/targets?pageSize=100');
  assert.equal(first.status, 200, `the dashboard answers: ${JSON.stringify(first.body).slice(0, 300)}`);
  const result = new Map<string, Map<string, number>>();
  for (const { code } of first.body.plans as { code: string }[]) {
    const view = code === first.body.plan.code ? first : await client.get(`/api/targets?pageSize=100&plan=${encodeURIComponent(code)}`);
    assert.equal(view.status, 200, `the dashboard of ${code}`);
    const [stored] = await rows(db, sql`select v.definition from program_version v join program p on p.id = v.program_id where p.code = ${code} and v.status = 'published' order by v.version desc limit 1`);
    const definition = stored!.definition;
    assert.equal(view.body.total, definition.targets.length, `${code}: every target is on the dashboard`);
    const counts = await countsFromRecords(db, { code, provinceCode: definition.provinceCode, targets: definition.targets }, view.body.asOf);
    for (const item of view.body.items as { id: string; measure: string; current: number | null; source: string }[]) {
      if (item.measure !== 'computed') continue;
      assert.equal(item.source, 'computed', `${code} ${item.id}: computed`);
      assert.equal(item.current, counts.get(item.id), `${code} ${item.id}: the dashboard shows ${item.current}, the records count ${counts.get(item.id)}`);
    }
    result.set(code, counts);
  }
  return result;
}
