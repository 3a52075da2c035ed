/**
 * SQL-injection probes on every list route of the route table (issue 8): each GET route with a query
 * schema gets, in every query field, quotes, stacked statements, a pg_sleep, Unicode quotes, very
 * long strings and repeated keys, as a role that may read it. A sort key, an enum or a number answers
 * 400 with a field-level problem on that field, in Chinese and English; a free-text filter answers 200
 * with no row the unfiltered list does not have (or 400 on the field when it has a format). Never a
 * 500, and the tables are all there afterwards with the same rows. The routes come from ROUTES, so a
 * new list route is probed without editing this file (a route with a path parameter needs a value below).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { z } from 'zod';
import { ROUTES } from '../../src/adapters/http/app.ts';
import type { RouteDef } from '../../src/adapters/http/route.ts';
import { rolesFor } from '../../src/core/access-policy.ts';
import type { Role } from '../../src/core/roles.ts';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';
import { submittedApplication } from '../support/applicants.ts';

const PROBES = [
  "' OR 1=1 --",
  "'; DROP TABLE application; --",
  'name desc; select pg_sleep(5)',
  'name; DROP TABLE account',
  "1' UNION SELECT email, password_hash FROM account --",
  '\u2019 OR \u20181\u2019=\u20181',
  '\u02bc OR 1=1 --',
  "\uff07 OR 1=1 --",
  "%' OR '%'='",
  '\\\'; SELECT 1; --',
  '$1',
  '"name"; --',
  `${"' OR 1=1 --".repeat(400)}`,
  'x'.repeat(8000),
  '\u0000',
];

/** Who probes: the first of these who may read the route. */
const PREFERENCE: Role[] = ['province_officer', 'administrator', 'auditor', 'finance_officer', 'city_officer', 'applicant', 'expert', 'task_force_reviewer'];
const HOME: Record<Role, string> = {
  applicant: '',
  city_officer: '130100',
  province_officer: '130000-miit',
  task_force_reviewer: '370000-tf-ngit',
  expert: '130000-experts',
  finance_officer: '130000-finance',
  auditor: '130000-audit',
  administrator: 'PLATFORM',
};

/**
 * Values for path parameters of list routes. A parameter not named here gets `1`: the route is still
 * probed, and each probe must then answer as the unprobed request did (say 404) or 400 on the field.
 */
const PATH_VALUES: Record<string, () => string> = {
  ':code': () => 'hebei-2016-internet-plus',
};

let p: TestPlatform;
const clients = new Map<Role | 'public', Client>();

/** The GET routes with a query schema: the lists (and the few reads that take query parameters). */
const LIST_ROUTES = ROUTES.filter((r) => r.method === 'get' && r.query);
const key = (r: RouteDef) => `${r.method} ${r.path}`;

before(async () => {
  p = await startPlatform({ programs: true });
  const officer = p.client();
  await officer.signIn(await p.account('province_officer', '130000-miit'));
  const call = await officer.post('/api/calls', { programCode: 'hebei-2016-internet-plus', programVersion: 1, title: '注入测试通知', opensOn: '2026-03-01', deadlineDate: '2026-12-31' });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  assert.equal((await officer.post(`/api/calls/${call.body.id}/publish`)).status, 200, 'published');
  // Rows in the lists, so that an injected OR 1=1 would show as extra rows.
  await submittedApplication(p, call.body.id, '130100', '石家庄注入测试甲公司', '130102');
  await submittedApplication(p, call.body.id, '130100', '石家庄注入测试乙公司', '130104');
  assert.equal((await officer.post('/api/experts', { name: '注入专家', title: '高级工程师', organizationName: '河北大学', cityName: '保定市', tags: ['工业互联网'], email: null })).status, 201, 'an expert');
  const enterprise = await p.enterprise('130100', '石家庄注入测试丙公司');
  for (const role of PREFERENCE) {
    const c = p.client({ ip: `10.3.0.${PREFERENCE.indexOf(role) + 1}` });
    const r = await c.signIn(await p.account(role, role === 'applicant' ? enterprise.code : HOME[role]));
    assert.equal(r.body.stage, 'full', role);
    clients.set(role, c);
  }
  clients.set('public', p.client({ ip: '10.3.1.1' }));
});
after(() => p.close());

function prober(r: RouteDef): Client {
  if (r.access === 'public') return clients.get('public')!;
  const allowed = r.roles ?? (r.action ? rolesFor(r.action) : PREFERENCE);
  const role = PREFERENCE.find((x) => allowed.includes(x));
  assert.ok(role, `${key(r)}: no role may read it`);
  return clients.get(role)!;
}

function pathOf(r: RouteDef): string {
  return r.path.replace(/:\w+/g, (param) => PATH_VALUES[param]?.() ?? '1');
}

/** The schema under optional/default/pipe/catch wrappers, by its zod 4 type name. */
function baseOf(schema: z.ZodType): { type: string; schema: z.ZodType } {
  let s = schema as unknown as { _zod: { def: { type: string; innerType?: unknown; in?: unknown } } };
  for (let i = 0; i < 10; i++) {
    const def = s._zod.def;
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'catch' || def.type === 'prefault') && def.innerType) s = def.innerType as typeof s;
    else if (def.type === 'pipe' && def.in) s = def.in as typeof s;
    else break;
  }
  return { type: s._zod.def.type, schema: s as unknown as z.ZodType };
}

function fieldsOf(r: RouteDef): Record<string, z.ZodType> {
  const shape = (r.query as unknown as { shape?: Record<string, z.ZodType> }).shape;
  assert.ok(shape, `${key(r)}: the query schema is an object`);
  return shape;
}

/** The smallest valid query: each required field with its first allowed value (an enum's), others left out. */
function requiredQuery(r: RouteDef): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [field, schema] of Object.entries(fieldsOf(r))) {
    if (schema.safeParse(undefined).success) continue;
    const base = baseOf(schema).schema as unknown as { _zod: { def: { type: string; entries?: Record<string, string>; values?: unknown[] } } };
    const type = base._zod.def.type;
    const first = base._zod.def.entries ? Object.values(base._zod.def.entries)[0] : (base._zod.def.values?.[0] ?? (type === 'number' || type === 'int' ? 1 : undefined));
    if (first !== undefined) pairs.push([field, String(first)]);
  }
  return pairs;
}

/** Fields whose every valid value is from a closed set (or a number, date or flag): a probe must be refused. */
const CLOSED = new Set(['enum', 'literal', 'number', 'int', 'boolean', 'bigint', 'date']);

const qs = (pairs: [string, string][]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
const ids = (body: any): string[] => (Array.isArray(body?.items) ? body.items.map((i: any) => JSON.stringify(i.id ?? i.code ?? i.applicationId ?? i)) : []);
const totalOf = (body: any): number => (typeof body?.total === 'number' ? body.total : Array.isArray(body?.items) ? body.items.length : 0);

async function tableCounts(): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(p.handle.db);
  const counts: Record<string, number> = {};
  for (const { table_name: t } of tables.rows) {
    // audit_event, login_attempt and session grow with the probes themselves (reads of other organizations are audited).
    if (['audit_event', 'audit_seal', 'login_attempt', 'session', 'notification'].includes(t)) counts[t] = -1;
    else counts[t] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(t)}`.execute(p.handle.db)).rows[0]!.n);
  }
  return counts;
}

test('the list routes are found in the route table, each with the query fields probed', () => {
  const sorted = ROUTES.filter((r) => r.query && 'sort' in fieldsOf(r));
  assert.ok(sorted.length >= 8, `routes with a sort key: ${sorted.map(key).join(', ')}`);
  for (const r of sorted) assert.ok(LIST_ROUTES.includes(r), `${key(r)} takes a sort key and is probed`);
  for (const r of sorted) assert.doesNotMatch(pathOf(r), /\/1(\/|$)/, `${key(r)}: a list with a sort key is probed with a real path value (PATH_VALUES)`);
});

test('every probe in every query field of every list route is refused on the field or finds nothing extra; the tables stay intact', async () => {
  const before = await tableCounts();
  let requests = 0;
  let fields = 0;
  const refusedClosed: string[] = [];
  const freeText: string[] = [];
  const placeholder: string[] = [];
  for (const r of LIST_ROUTES) {
    const client = prober(r);
    const base = pathOf(r);
    const required = requiredQuery(r);
    const unfiltered = await client.get(`${base}?${qs([...required, ...('pageSize' in fieldsOf(r) ? [['pageSize', '100'] as [string, string]] : [])])}`);
    const baselineOk = unfiltered.status === 200;
    if (!baselineOk) placeholder.push(`${key(r)} (${unfiltered.status})`);
    const baseline = baselineOk ? new Set(ids(unfiltered.body)) : new Set<string>();
    for (const [field, schema] of Object.entries(fieldsOf(r))) {
      fields += 1;
      const { type } = baseOf(schema);
      const closed = CLOSED.has(type);
      for (const probe of PROBES) {
        for (const pairs of [[[field, probe]], [[field, probe], [field, probe]]] as [string, string][][]) {
          requests += 1;
          const answer = await client.get(`${base}?${qs([...required.filter(([k]) => k !== field), ...pairs])}`);
          const what = `${key(r)} ${field}=${JSON.stringify(probe.slice(0, 40))}${pairs.length > 1 ? ' (repeated)' : ''}`;
          assert.notEqual(answer.status, 500, `${what}: ${JSON.stringify(answer.body).slice(0, 300)}`);
          if (answer.status === 400) {
            // When even the unprobed request is refused (a required field this test cannot fill), any field-level problem will do.
            const error = (answer.body.errors ?? []).find((e: any) => e.path === field || unfiltered.status === 400);
            assert.ok(error, `${what}: a field-level problem on ${field}: ${JSON.stringify(answer.body).slice(0, 300)}`);
            assert.ok(error.messages?.['zh-CN'] && error.messages?.en, `${what}: in Chinese and English`);
            continue;
          }
          assert.ok(!closed, `${what}: a ${type} field must refuse the probe, got ${answer.status}`);
          // A filter that names a record (a plan, a program) may answer that no such record exists.
          if (answer.status === 404 && answer.body?.code === 'not_found') continue;
          assert.equal(answer.status, unfiltered.status, `${what}: answers as without the probe: ${JSON.stringify(answer.body).slice(0, 300)}`);
          if (baselineOk) {
            assert.ok(totalOf(answer.body) <= totalOf(unfiltered.body), `${what}: ${totalOf(answer.body)} rows, more than the ${totalOf(unfiltered.body)} unfiltered`);
            for (const id of ids(answer.body)) assert.ok(baseline.has(id), `${what}: row ${id} is not in the unfiltered list`);
          }
        }
      }
      (closed ? refusedClosed : freeText).push(`${r.path}?${field}`);
    }
  }
  const afterwards = await tableCounts();
  assert.deepEqual(afterwards, before, 'every table is there with the same rows');
  const one = await sql<{ n: string }>`select count(*) as n from application`.execute(p.handle.db);
  assert.equal(Number(one.rows[0]!.n), 2, 'both applications are still there');
  console.log(`SQL probes: ${LIST_ROUTES.length} list routes, ${fields} query fields (${refusedClosed.length} closed, ${freeText.length} free text) × ${PROBES.length} probes × 2 forms = ${requests} requests${placeholder.length ? `; without rows to compare: ${placeholder.join(', ')}` : ''}`);
});

test('an invalid sort key is refused on the field, naming the allowed keys, in Chinese and English', async () => {
  for (const r of LIST_ROUTES.filter((x) => 'sort' in fieldsOf(x))) {
    const answer = await prober(r).get(`${pathOf(r)}?sort=${encodeURIComponent('name desc; select pg_sleep(5)')}`);
    assert.equal(answer.status, 400, `${key(r)}: ${JSON.stringify(answer.body).slice(0, 200)}`);
    const error = answer.body.errors.find((e: any) => e.path === 'sort');
    assert.match(error?.messages['zh-CN'] ?? '', /不在可选范围内/, `${key(r)}: ${JSON.stringify(error)}`);
    assert.match(error?.messages.en ?? '', /./, `${key(r)}: an English message`);
  }
});

test('a NUL character in a query or a JSON body is refused on its field, not a server error', async () => {
  const c = clients.get('applicant')!;
  const q = await c.get(`/api/applications?q=${encodeURIComponent('a\u0000b')}`);
  assert.equal(q.status, 400, JSON.stringify(q.body).slice(0, 300));
  assert.deepEqual(q.body.errors, [{ path: 'q', code: 'custom', messages: { 'zh-CN': '关键词：不能包含空字符（U+0000）', en: 'Search text: must not contain the NUL character (U+0000)' } }]);
  const session = await c.get('/api/auth/session');
  const organizationId = session.body.user?.organizationId ?? session.body.user?.organization?.id;
  assert.ok(organizationId, `the applicant's organization: ${JSON.stringify(session.body).slice(0, 300)}`);
  const body = await c.patch(`/api/organizations/${organizationId}`, { contactName: '张\u0000三' });
  assert.equal(body.status, 400, JSON.stringify(body.body).slice(0, 300));
  assert.equal(body.body.errors[0].path, 'contactName');
  assert.equal(body.body.errors[0].messages['zh-CN'], '联系人：不能包含空字符（U+0000）');
});
