/**
 * Lists and search at scale: after the bulk data (lib/bulk.ts), the real HTTP endpoints are timed one
 * request at a time — the city officer's and the province officer's application lists with filters,
 * sort keys and deep pages, the city's and the province's selection pages, the city's recommendation
 * list with its candidates, the auditor's audit list, and the `q` search by a Chinese project or
 * enterprise name.
 *
 * Baseline, in the same run: the same use case called in-process on the same database (no HTTP, no
 * session, no JSON), so ratioToBaseline is what the HTTP layer adds. Every SQL statement of the
 * in-process calls is captured; for a case whose HTTP p95 is above `slowMs`, the slowest statement is
 * explained (EXPLAIN ANALYZE) and its plan summarized, to say which query is slow and why.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { applicationListQuery } from '../contracts/applicants.ts';
import { auditListQuery } from '../contracts/audit.ts';
import { selectionCallQuery } from '../contracts/selection.ts';
import type { Database } from '../src/adapters/postgres/schema.ts';
import { makeDeps, systemClock } from '../src/main/compose.ts';
import { listApplications } from '../src/use-cases/applicants/applications.ts';
import { listAuditEvents } from '../src/use-cases/audit/audit.ts';
import type { Deps, RequestContext } from '../src/use-cases/ports.ts';
import { getRecommendation } from '../src/use-cases/selection/city.ts';
import { listCityCalls } from '../src/use-cases/selection/city-calls.ts';
import { listSelectionCalls } from '../src/use-cases/selection/province-calls.ts';
import { seedBulk, type BulkResult } from './lib/bulk.ts';
import { HttpClient } from './lib/http.ts';
import { log } from './lib/log.ts';
import { createStaff, PASSWORD, type Prepared, type StaffAccount } from './lib/platform.ts';
import { ratio, round, summarize, type Summary } from './lib/stats.ts';

export interface ListsConfig {
  applications: number;
  auditRecords: number;
  /** Requests per case and side (HTTP, in-process), unless the time budget runs out first. */
  requests: number;
  budgetMs: number;
  slowMs: number;
}

export interface CaseResult {
  name: string;
  group: 'city' | 'province' | 'search' | 'audit';
  path: string;
  /** `total` of the answer (rows matching), or the number of items for answers without one. */
  total: number | null;
  http: Summary;
  baseline: Summary;
  ratioToBaseline: number | null;
  /** The slowest SQL statement of an in-process call. */
  slowestStatement: { ms: number; sql: string };
  /** For a case over `slowMs`: the plan of that statement. */
  plan?: string;
}

export interface ListsResult {
  data: Omit<BulkResult, 'terms'> & { terms: BulkResult['terms'] };
  requestsPerCase: number;
  slowMs: number;
  lists: CaseResult[];
  search: CaseResult[];
  slow: { name: string; p95: number; sql: string; plan: string | undefined }[];
}

interface Captured {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

interface Case {
  name: string;
  group: CaseResult['group'];
  who: 'city' | 'province' | 'auditor';
  path: string;
  run: (deps: Deps, ctx: RequestContext) => Promise<unknown>;
}

const qs = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
const shanghaiDay = (date: string, plusDays = 0) => new Date(Date.parse(`${date}T00:00:00+08:00`) + plusDays * 86_400_000);

function applicationsCase(name: string, group: Case['group'], who: Case['who'], params: Record<string, string | number>): Case {
  return { name, group, who, path: `/api/applications?${qs(params)}`, run: (deps, ctx) => listApplications(deps, ctx, applicationListQuery.parse(params)) };
}

function auditCase(name: string, params: Record<string, string | number>): Case {
  return {
    name,
    group: 'audit',
    who: 'auditor',
    path: `/api/audit-events?${qs(params)}`,
    run: (deps, ctx) => {
      const q = auditListQuery.parse(params);
      return listAuditEvents(deps, ctx, { ...q, from: q.from ? shanghaiDay(q.from) : undefined, to: q.to ? shanghaiDay(q.to, 1) : undefined });
    },
  };
}

type PlanNode = Record<string, unknown>;

const inclusive = (n: PlanNode) => Number(n['Actual Total Time'] ?? 0) * Number(n['Actual Loops'] ?? 1);

/** The node that spent the most time itself (its time less its children's, each × loops, so parallel workers add up). */
function hottest(plan: PlanNode): { node: PlanNode; ms: number } {
  let best = { node: plan, ms: -1 };
  const walk = (node: PlanNode) => {
    const children = (node['Plans'] as PlanNode[] | undefined) ?? [];
    const own = inclusive(node) - children.reduce((a, c) => a + inclusive(c), 0);
    if (own > best.ms) best = { node, ms: own };
    children.forEach(walk);
  };
  walk(plan);
  return best;
}

/**
 * A short reading of an EXPLAIN (ANALYZE, FORMAT JSON) plan: the node that took the time itself (with
 * its condition and output columns, which show what it computed), then the nodes in order, each with
 * relation, index, time and rows.
 */
export function summarizePlan(plan: PlanNode): string {
  const hot = hottest(plan);
  const cond = ['Hash Cond', 'Join Filter', 'Filter', 'Index Cond', 'Sort Key'].map((k) => hot.node[k]).find((v) => v !== undefined);
  const parts: string[] = [];
  const walk = (node: PlanNode) => {
    const type = String(node['Node Type']);
    const rel = node['Relation Name'] ? ` on ${node['Relation Name']}${node['Alias'] && node['Alias'] !== node['Relation Name'] ? ` ${node['Alias']}` : ''}` : '';
    const idx = node['Index Name'] ? ` using ${node['Index Name']}` : '';
    const sort = node['Sort Method'] ? ` [${node['Sort Method']}${node['Sort Space Type'] === 'Disk' ? ', disk' : ''}]` : '';
    const rows = Number(node['Actual Rows'] ?? 0) * Number(node['Actual Loops'] ?? 1);
    const removed = node['Rows Removed by Filter'] ? `, ${Number(node['Rows Removed by Filter']) * Number(node['Actual Loops'] ?? 1)} filtered out` : '';
    parts.push(`${type}${rel}${idx}${sort} (${round(Number(node['Actual Total Time'] ?? 0))} ms, ${rows} rows${removed})`);
    for (const child of (node['Plans'] as PlanNode[] | undefined) ?? []) walk(child);
  };
  walk(plan);
  // Expressions the node evaluates for every row (EXPLAIN VERBOSE's output list), e.g. a jsonb lookup.
  const computed = ((hot.node['Output'] as string[] | undefined) ?? []).filter((o) => /->|\(/.test(o));
  const what =
    `${hot.node['Node Type']}${hot.node['Relation Name'] ? ` on ${hot.node['Relation Name']}` : ''}` +
    `${cond ? ` (${Array.isArray(cond) ? cond.join(', ') : String(cond)})` : ''}${computed.length ? `, computing ${computed.join(', ')} per row` : ''}`;
  return `most time in ${what}: ${round(hot.ms)} ms of its own work (summed over parallel workers); plan: ${parts.slice(0, 14).join(' → ')}`;
}

async function explain(url: string, s: Captured): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] }>(`explain (analyze, verbose, format json) ${s.sql}`, [...s.parameters]);
    const top = r.rows[0]!['QUERY PLAN'][0]!;
    return `${round(top['Execution Time'])} ms: ${summarizePlan(top.Plan)}`;
  } finally {
    await c.end();
  }
}

async function timeIt(requests: number, budgetMs: number, once: () => Promise<unknown>): Promise<{ ms: number[]; last: unknown }> {
  let last = await once(); // warm-up, not counted
  const ms: number[] = [];
  const start = performance.now();
  while (ms.length < requests && (ms.length < 3 || performance.now() - start < budgetMs)) {
    const t = performance.now();
    last = await once();
    ms.push(performance.now() - t);
  }
  return { ms, last };
}

function totalOf(answer: unknown): number | null {
  if (answer && typeof answer === 'object') {
    const a = answer as { total?: unknown; items?: unknown[]; candidates?: unknown[] };
    if (typeof a.total === 'number') return a.total;
    if (Array.isArray(a.candidates)) return a.candidates.length;
    if (Array.isArray(a.items)) return a.items.length;
  }
  return null;
}

/**
 * Seeds the bulk data into the database at `url` (the server at `base` runs on it), then times every case.
 * `prepared` is the in-process platform used to create the staff accounts.
 */
export async function runLists(url: string, base: string, prepared: Prepared, cfg: ListsConfig): Promise<ListsResult> {
  log(`lists: seeding ${cfg.applications} applications and ${cfg.auditRecords} audit records`);
  const data = await seedBulk(url, { applications: cfg.applications, auditRecords: cfg.auditRecords });
  log(`lists: seeded in ${JSON.stringify(data.seconds)} s`);

  const staff: Record<Case['who'], StaffAccount> = {
    city: await createStaff(prepared, 'city_officer', '130100'),
    province: await createStaff(prepared, 'province_officer', '130000-miit'),
    auditor: await createStaff(prepared, 'auditor', '130000-audit'),
  };
  const clients = {} as Record<Case['who'], HttpClient>;
  for (const who of Object.keys(staff) as Case['who'][]) {
    clients[who] = new HttpClient(base);
    await clients[who].signIn(staff[who].email, PASSWORD, staff[who].totpSecret);
  }

  // The in-process baseline: the same use cases over a Kysely that records every statement.
  let captured: Captured[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
    },
  });
  const deps = makeDeps({ db, kind: 'postgresql', close: () => db.destroy() }, { STAFF_PASSWORD_MAX_AGE_DAYS: 90, APPLICANT_PASSWORD_MAX_AGE_DAYS: 0, PUBLIC_URL: 'http://localhost:3000', dataDir: '/nonexistent' }, systemClock);

  try {
    // The Hebei call with the most applications, an application and a day of the audit records to filter by.
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    const call = (await probe.query<{ id: string }>(`select a.call_id as id from application a join program p on p.id = a.program_id where p.province_code = '130000' group by a.call_id order by count(*) desc limit 1`)).rows[0]!.id;
    const someApplication = (await probe.query<{ id: string }>(`select id from application order by id desc limit 1 offset 100`)).rows[0]!.id;
    const day = (await probe.query<{ d: string }>(`select to_char((percentile_disc(0.5) within group (order by occurred_at)) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as d from audit_event`)).rows[0]!.d;
    await probe.end();
    const { terms } = data;

    const cases: Case[] = [
      applicationsCase('市级申报列表 · 默认（更新时间倒序）', 'city', 'city', { sort: 'updatedAt', order: 'desc' }),
      applicationsCase('市级申报列表 · 状态=已提交，按提交时间', 'city', 'city', { state: 'submitted', sort: 'submittedAt', order: 'desc' }),
      applicationsCase('市级申报列表 · 某批次，按项目名称', 'city', 'city', { callId: call, sort: 'projectName', order: 'asc' }),
      applicationsCase('市级申报列表 · 第 20 页，按单位名称', 'city', 'city', { page: 20, sort: 'organizationName', order: 'asc' }),
      { name: '市级 · 推荐批次列表', group: 'city', who: 'city', path: '/api/recommendation/calls', run: (d, ctx) => listCityCalls(d, ctx, selectionCallQuery.parse({})) },
      { name: '市级 · 推荐名单（含候选）', group: 'city', who: 'city', path: `/api/calls/${call}/recommendation`, run: (d, ctx) => getRecommendation(d, ctx, call) },
      applicationsCase('省级申报列表 · 默认（更新时间倒序）', 'province', 'province', { sort: 'updatedAt', order: 'desc' }),
      applicationsCase('省级申报列表 · 计划+状态，按单位名称', 'province', 'province', { programCode: 'hebei-2021-ii-key-projects', state: 'recommended', sort: 'organizationName', order: 'asc' }),
      applicationsCase('省级申报列表 · 第 50 页，按提交时间', 'province', 'province', { page: 50, sort: 'submittedAt', order: 'desc' }),
      applicationsCase('省级申报列表 · 按状态排序', 'province', 'province', { sort: 'state', order: 'asc', pageSize: 50 }),
      { name: '省级 · 遴选批次列表', group: 'province', who: 'province', path: '/api/selection/calls', run: (d, ctx) => listSelectionCalls(d, ctx, selectionCallQuery.parse({})) },
      applicationsCase(`搜索（省级）· 项目名称“${terms.projectKind}”`, 'search', 'province', { q: terms.projectKind, sort: 'updatedAt', order: 'desc' }),
      applicationsCase(`搜索（省级）· 企业字号“${terms.tradeName}”`, 'search', 'province', { q: terms.tradeName, sort: 'updatedAt', order: 'desc' }),
      applicationsCase(`搜索（省级）· 企业全称“${terms.enterpriseName}”`, 'search', 'province', { q: terms.enterpriseName, sort: 'updatedAt', order: 'desc' }),
      applicationsCase(`搜索（市级）· 项目名称“${terms.cityProjectKind}”`, 'search', 'city', { q: terms.cityProjectKind, sort: 'projectName', order: 'asc' }),
      auditCase('审计记录 · 默认（最新在前）', {}),
      auditCase('审计记录 · 某申报的记录', { entityType: 'application', entityId: someApplication }),
      auditCase(`审计记录 · 某一天（${day}）`, { from: day, to: day }),
      auditCase('审计记录 · 按操作筛选', { action: 'application.submitted' }),
      auditCase('审计记录 · 第 500 页', { page: 500 }),
    ];

    const results: CaseResult[] = [];
    for (const c of cases) {
      const http = await timeIt(cfg.requests, cfg.budgetMs, () => clients[c.who].get(c.path, c.name).then((r) => r.body));
      captured = [];
      const inProcess = await timeIt(cfg.requests, cfg.budgetMs, () => c.run(deps, staff[c.who].ctx));
      const slowest = captured.reduce<Captured | undefined>((a, s) => (!a || s.ms > a.ms ? s : a), undefined);
      const h = summarize(http.ms);
      const b = summarize(inProcess.ms);
      const r: CaseResult = {
        name: c.name,
        group: c.group,
        path: c.path,
        total: totalOf(http.last),
        http: h,
        baseline: b,
        ratioToBaseline: ratio(h.p95, b.p95),
        slowestStatement: { ms: round(slowest?.ms ?? 0), sql: (slowest?.sql ?? '').replace(/\s+/g, ' ').slice(0, 400) },
      };
      if (h.p95 > cfg.slowMs && slowest) r.plan = await explain(url, slowest).catch((err: Error) => `EXPLAIN failed: ${err.message}`);
      log(`lists: ${c.name}: p95 ${h.p95} ms over HTTP (${h.n}), ${b.p95} ms in-process; total ${r.total}`);
      results.push(r);
    }
    return {
      data,
      requestsPerCase: cfg.requests,
      slowMs: cfg.slowMs,
      lists: results.filter((r) => r.group !== 'search'),
      search: results.filter((r) => r.group === 'search'),
      slow: results.filter((r) => r.http.p95 > cfg.slowMs).map((r) => ({ name: r.name, p95: r.http.p95, sql: r.slowestStatement.sql, plan: r.plan })),
    };
  } finally {
    await db.destroy();
  }
}
