/**
 * Platform operation data end to end: an enterprise with a selected project reports months through the
 * form and through its API token (same checks, field-level errors), a corrected month keeps its history
 * and the latest revision counts, a revoked token is refused with 401, every report leaves an audit
 * record; the view's totals, the reporter list and the capacity map equal sums computed here from the
 * tables, a city officer sees only its city, and the .xlsx export reads back the same.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { operationTotals } from '../../src/use-cases/operations/totals.ts';
import { FORM, PROFILE, fillAndSubmit } from '../support/applicants.ts';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let callId = '';
const orgs: Record<string, { id: string; client: Client; code: string }> = {};

async function enterprise(key: string, cityCode: string, name: string, divisionCode: string, industryCode: string, selected: boolean) {
  const org = await p.enterprise(cityCode, name);
  const client = p.client();
  await client.signIn(await p.account('applicant', org.code));
  assert.equal((await client.put('/api/profile', { profile: { ...PROFILE, name, divisionCode, industryCode, itTeamSize: 12 }, baseVersion: 0 })).status, 200);
  const appId = await fillAndSubmit(client, callId, { application: { ...FORM.application, projectName: `${name}平台项目` } });
  if (selected) {
    await p.deps.uow.transaction(async (r) => {
      await r.applications.update(appId, { state: 'selected' }, p.clock.now());
      await r.projects.ensure(appId, p.clock.now());
      await r.projects.setStatus(appId, 'implementing', p.clock.now());
    });
  }
  orgs[key] = { id: org.id, client, code: org.code };
}

async function signedIn(role: 'province_officer' | 'city_officer', orgCode: string): Promise<Client> {
  const c = p.client();
  const r = await c.signIn(await p.account(role, orgCode));
  assert.equal(r.body.stage, 'full', JSON.stringify(r.body));
  return c;
}

const figures = (month: string, devices: number, extra: Record<string, unknown> = {}) => ({
  month,
  connectedDevices: devices,
  platformUsers: Math.floor(devices / 10),
  industrialApps: 5,
  cloudEnterprises: 3,
  productLines: [],
  effects: {},
  ...extra,
});

async function report(client: Client, body: unknown) {
  const r = await client.post('/api/operations/my/reports', body);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

before(async () => {
  p = await startPlatform({ programs: true });
  const officer = await signedIn('province_officer', '130000-miit');
  const call = await officer.post('/api/calls', { programCode: 'hebei-2016-internet-plus', programVersion: 1, title: '2026年度“互联网+”制造业试点示范申报', opensOn: '2026-03-01', deadlineDate: '2026-04-30' });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  callId = call.body.id;
  assert.equal((await officer.post(`/api/calls/${callId}/publish`)).status, 200);
  await enterprise('steel', '130200', '唐山钢铁工业互联网有限公司', '130203', 'C3130', true);
  await enterprise('tools', '130100', '石家庄机床云平台有限公司', '130102', 'C3421', true);
  await enterprise('parts', '130100', '石家庄零部件制造有限公司', '130104', 'C3670', true);
  await enterprise('plain', '130100', '石家庄未入选企业有限公司', '130105', 'C3421', false);
  // Selected on 2026-03-02; now 2026-05-20 (the current month is May, last month April).
  p.clock.advance(79 * 24 * 3_600_000);
  // Sessions have lapsed meanwhile: sign in afresh.
  for (const o of Object.values(orgs)) {
    o.client = p.client();
    const account = await p.deps.uow.read(async (r) => (await r.accounts.ofOrganization(o.id))[0]!);
    assert.equal((await o.client.signIn({ email: account.email, totpSecret: null })).body.stage, 'full');
  }
});
after(() => p.close());

test('the form path: months reported, field-level errors, a refusal for an enterprise with no selected project', async () => {
  const tools = orgs.tools!.client;
  await report(tools, figures('2026-03', 1000, { productLines: [{ productName: '数控机床', industryCode: 'C3421', unit: '台', monthlyCapacity: 80 }], effects: { operatingCost: -1500, productivity: 2200 } }));
  const april = await report(tools, figures('2026-04', 1200, { productLines: [{ productName: '数控机床', industryCode: 'C3421', unit: '台', monthlyCapacity: 90 }, { productName: '加工中心', industryCode: 'C3421', unit: '台', monthlyCapacity: 30 }], effects: { operatingCost: -2100 } }));
  assert.equal(april.revision, 1);
  assert.equal(april.source, 'form');
  assert.equal(april.industryCode, 'C3421', 'the profile’s industry at the time');

  const bad = await tools.post('/api/operations/my/reports', figures('2026-06', -3, { platformUsers: 4, effects: { defectRate: 0.5 } }));
  assert.equal(bad.status, 400, JSON.stringify(bad.body));
  assert.deepEqual(
    Object.fromEntries(bad.body.errors.map((e: { path: string; messages: { 'zh-CN': string; en: string } }) => [e.path, e.messages['zh-CN']])),
    { month: '报送月份：不能晚于本月（2026年5月）', connectedDevices: '接入设备数：不能为负数', 'effects.defectRate': '产品不良品率变化：应为以万分之一（基点）计的整数' },
  );
  const early = await tools.post('/api/operations/my/reports', figures('2026-02', 1));
  assert.equal(early.status, 400);
  assert.equal(early.body.errors[0].messages.en, 'Month: cannot be before the month the project was selected (2026-03)');

  const plain = await orgs.plain!.client.post('/api/operations/my/reports', figures('2026-04', 1));
  assert.equal(plain.status, 409, JSON.stringify(plain.body));
  assert.equal(plain.body.code, 'not_a_reporting_organization');
  assert.match(plain.body.messages['zh-CN'], /003 三（一）/);
});

test('a corrected month adds a revision that counts; the history stays; the form prefills from the month before', async () => {
  const tools = orgs.tools!.client;
  const corrected = await report(tools, figures('2026-04', 1300, { productLines: [{ productName: '数控机床', industryCode: 'C3421', unit: '台', monthlyCapacity: 95 }], effects: { operatingCost: -2300 } }));
  assert.equal(corrected.revision, 2);
  const month = await tools.get('/api/operations/my/reports/2026-04');
  assert.equal(month.status, 200, JSON.stringify(month.body));
  assert.deepEqual(month.body.revisions.map((r: { revision: number; latest: boolean; connectedDevices: number }) => [r.revision, r.latest, r.connectedDevices]), [[2, true, 1300], [1, false, 1200]]);
  assert.equal(month.body.previous.month, '2026-03', 'prefill from March');
  assert.equal(month.body.previous.productLines[0].monthlyCapacity, 80);
  const list = await tools.get('/api/operations/my/reports');
  assert.equal(list.status, 200);
  assert.equal(list.body.firstMonth, '2026-03');
  assert.equal(list.body.currentMonth, '2026-05');
  assert.deepEqual(list.body.items.map((r: { month: string; revisions: number; connectedDevices: number }) => [r.month, r.revisions, r.connectedDevices]), [['2026-04', 2, 1300], ['2026-03', 1, 1000]]);

  const events = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 10, order: 'desc', entityType: 'operation_report' }));
  const correction = events.rows.find((e) => e.entityId === corrected.id);
  assert.equal(correction?.action, 'operation_report.correct', 'the correction is audited');
  assert.equal((correction?.before as { connectedDevices: number }).connectedDevices, 1200, 'with what it replaced');
  assert.equal((correction?.after as { connectedDevices: number }).connectedDevices, 1300);
});

test('the token path: created once, reports with the same checks, audited as the token, revoked → 401', async () => {
  const steel = orgs.steel!.client;
  const created = await steel.post('/api/operations/tokens', { name: 'MES 接口' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const token: string = created.body.token;
  assert.match(token, /^iiop_[\w-]{40,}$/);
  const listed = await steel.get('/api/operations/tokens');
  assert.deepEqual(listed.body.items.map((t: { name: string; prefix: string }) => [t.name, t.prefix]), [['MES 接口', token.slice(0, 11)]]);
  assert.ok(!JSON.stringify(listed.body).includes(token), 'the token itself is never shown again');
  const stored = await sql<{ token_hash: string }>`select token_hash from operation_api_token where id = ${created.body.item.id}`.execute(p.handle.db);
  assert.equal(stored.rows[0]!.token_hash, p.deps.tokens.digest(token), 'stored as its sha256 digest');

  const machine = p.client({ ip: '10.9.9.9' });
  const bearer = { authorization: `Bearer ${token}` };
  const steelLines = [{ productName: '热轧钢板', industryCode: 'C3130', unit: '吨', monthlyCapacity: 52_000 }, { productName: '螺纹钢', industryCode: 'C3130', unit: '吨', monthlyCapacity: 18_000 }];
  const ok = await machine.request('POST', '/api/operations/reports', figures('2026-04', 5000, { productLines: steelLines, effects: { operatingCost: -2600, energyEfficiency: 1700 } }), { csrf: false, headers: bearer });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.source, 'api');
  assert.equal(ok.body.tokenId, created.body.item.id);
  const invalid = await machine.request('POST', '/api/operations/reports', figures('2026-05', 1.5), { csrf: false, headers: bearer });
  assert.equal(invalid.status, 400);
  assert.equal(invalid.body.errors[0].path, 'connectedDevices', 'the same field-level checks as the form');

  const audit = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 5, order: 'desc', entityType: 'operation_report', entityId: ok.body.id }));
  assert.equal(audit.rows[0]?.actorRole, 'api_token');
  assert.equal(audit.rows[0]?.organizationId, orgs.steel!.id, 'the token’s organization');
  assert.equal((audit.rows[0]?.after as { tokenId: string }).tokenId, created.body.item.id, 'and the token id');
  const used = await steel.get('/api/operations/tokens');
  assert.ok(used.body.items[0].lastUsedAt, 'the last use is recorded');

  assert.equal((await steel.post(`/api/operations/tokens/${created.body.item.id}/revoke`)).status, 200);
  const revoked = await machine.request('POST', '/api/operations/reports', figures('2026-05', 10), { csrf: false, headers: bearer });
  assert.equal(revoked.status, 401, JSON.stringify(revoked.body));
  assert.equal(revoked.body.code, 'invalid_token');
  assert.match(revoked.body.messages['zh-CN'], /令牌无效或已撤销/);
  assert.match(revoked.body.messages.en, /invalid or revoked/);
  assert.equal((await machine.request('POST', '/api/operations/reports', figures('2026-05', 10), { csrf: false, headers: { authorization: 'Bearer iiop_guessed' } })).status, 401);
  // Without an Authorization header the request looks like a browser's, and CSRF protection refuses it first.
  const bare = await machine.request('POST', '/api/operations/reports', figures('2026-05', 10), { csrf: false });
  assert.equal(bare.status, 403, 'no token at all');
  assert.equal(bare.body.code, 'csrf_failed');
  assert.equal((await orgs.tools!.client.post(`/api/operations/tokens/${created.body.item.id}/revoke`)).status, 404, 'another organization’s token is not found');
});

/** Sums computed here from the tables: each organization's latest revision of its latest month ≤ `month`. */
async function independentTotals(month: string, cityCode?: string) {
  const rows = (
    await sql<{ organization_id: string; month: string; devices: string; users: string; apps: string; cloud: string; cost: number | null; city: string }>`
      select r.organization_id::text as organization_id, r.month, r.connected_devices as devices, r.platform_users as users, r.industrial_apps as apps,
             r.cloud_enterprises as cloud, r.operating_cost_bp as cost, c.division_code as city
        from operation_report r join organization o on o.id = r.organization_id join organization c on c.id = o.parent_id
       where r.revision = (select max(revision) from operation_report x where x.organization_id = r.organization_id and x.month = r.month)`.execute(p.handle.db)
  ).rows.filter((r) => r.month <= month && (!cityCode || r.city === cityCode));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.organization_id) || latest.get(r.organization_id)!.month < r.month) latest.set(r.organization_id, r);
  const picked = [...latest.values()];
  const costs = picked.map((r) => r.cost).filter((c): c is number => c !== null);
  return {
    reporters: picked.length,
    connectedDevices: picked.reduce((s, r) => s + Number(r.devices), 0),
    platformUsers: picked.reduce((s, r) => s + Number(r.users), 0),
    industrialApps: picked.reduce((s, r) => s + Number(r.apps), 0),
    cloudEnterprises: picked.reduce((s, r) => s + Number(r.cloud), 0),
    operatingCost: costs.length ? Math.sign(costs.reduce((s, c) => s + c, 0)) * Math.round(Math.abs(costs.reduce((s, c) => s + c, 0) / costs.length)) : null,
  };
}

test('the view’s totals and series equal sums from the tables; the overdue stand out; a city sees only its own', async () => {
  await report(orgs.parts!.client, figures('2026-03', 300, { effects: { operatingCost: -500 } }));
  const province = await signedIn('province_officer', '130000-miit');
  const view = await province.get('/api/operations/view?from=2026-03&to=2026-05');
  assert.equal(view.status, 200, JSON.stringify(view.body));
  assert.equal(view.body.province.code, '130000');
  for (const [i, month] of ['2026-03', '2026-04', '2026-05'].entries()) {
    const expected = await independentTotals(month);
    const got = view.body.series[i];
    assert.equal(got.month, month);
    assert.deepEqual(
      { reporters: got.reporters, connectedDevices: got.connectedDevices, platformUsers: got.platformUsers, industrialApps: got.industrialApps, cloudEnterprises: got.cloudEnterprises, operatingCost: got.averageEffects.operatingCost },
      expected,
      `series at ${month}`,
    );
  }
  const may = await independentTotals('2026-05');
  assert.equal(view.body.totals.connectedDevices, may.connectedDevices);
  assert.equal(may.connectedDevices, 1300 + 5000 + 300, 'the correction counts, not the first revision');
  assert.deepEqual(view.body.byCity.map((c: { name: string; connectedDevices: number }) => [c.name, c.connectedDevices]), [['唐山市', 5000], ['石家庄市', 1600]]);
  assert.deepEqual(view.body.byIndustry.map((c: { key: string; connectedDevices: number }) => [c.key, c.connectedDevices]), [['C31', 5000], ['C34', 1300], ['C36', 300]]);
  assert.equal(view.body.goals.find((g: { key: string }) => g.key === 'energyEfficiency').goalBp, 1500);

  const totals = await p.deps.uow.read(async (r) => operationTotals(r, { provinceId: (await r.organizations.findByCode('130000'))!.id, month: '2026-05' }));
  assert.deepEqual(totals, { reporters: may.reporters, devices: may.connectedDevices, users: may.platformUsers, apps: may.industrialApps, cloudEnterprises: may.cloudEnterprises }, 'what the target plan reads');

  // Reporters: parts reported only March (overdue: no April report), the others April.
  const reporters = await province.get('/api/operations/reporters?sort=organizationName');
  assert.equal(reporters.status, 200, JSON.stringify(reporters.body));
  assert.equal(reporters.body.lastMonth, '2026-04');
  assert.equal(reporters.body.total, 3, 'the unselected enterprise is no reporter');
  assert.deepEqual(
    Object.fromEntries(reporters.body.items.map((r: { organizationName: string; latestMonth: string; overdue: boolean }) => [r.organizationName, [r.latestMonth, r.overdue]])),
    { 唐山钢铁工业互联网有限公司: ['2026-04', false], 石家庄机床云平台有限公司: ['2026-04', false], 石家庄零部件制造有限公司: ['2026-03', true] },
  );
  assert.equal(view.body.overdue, 1);
  const overdue = await province.get('/api/operations/reporters?overdueOnly=true');
  assert.deepEqual(overdue.body.items.map((r: { organizationName: string }) => r.organizationName), ['石家庄零部件制造有限公司']);
  const byDevices = await province.get('/api/operations/reporters?sort=connectedDevices&order=desc&pageSize=1');
  assert.equal(byDevices.body.items[0].organizationName, '唐山钢铁工业互联网有限公司');
  assert.equal(byDevices.body.total, 3);

  const city = await signedIn('city_officer', '130100');
  const cityView = await city.get('/api/operations/view?from=2026-03&to=2026-05');
  assert.equal(cityView.status, 200, JSON.stringify(cityView.body));
  const sjz = await independentTotals('2026-05', '130100');
  assert.equal(cityView.body.totals.connectedDevices, sjz.connectedDevices);
  assert.equal(cityView.body.totals.reporters, 2);
  assert.deepEqual(cityView.body.byCity.map((c: { name: string }) => c.name), ['石家庄市']);
  const cityReporters = await city.get('/api/operations/reporters');
  assert.ok(cityReporters.body.items.every((r: { cityName: string }) => r.cityName === '石家庄市'), 'no 唐山 rows');
  const cityMap = await city.get('/api/operations/capacity?industry=C31');
  assert.deepEqual(cityMap.body.cities, [], '唐山’s steel capacity is not the city’s to see');

  const applicantView = await orgs.tools!.client.get('/api/operations/view?from=2026-03&to=2026-05');
  assert.equal(applicantView.body.totals.reporters, 1, 'an applicant reads only its own');
  assert.equal((await orgs.tools!.client.get('/api/operations/view?from=2026-3')).status, 400, 'a malformed month');
});

test('the capacity map sums the latest lines per city for an industry; a city lists its enterprises', async () => {
  const province = await signedIn('province_officer', '130000-miit');
  await report(orgs.parts!.client, figures('2026-05', 320, { productLines: [{ productName: '热轧钢板', industryCode: 'C3130', unit: '吨', monthlyCapacity: 1_500 }, { productName: '齿轮', industryCode: 'C3450', unit: '件', monthlyCapacity: 9_000 }] }));
  const map = await province.get('/api/operations/capacity?industry=C31');
  assert.equal(map.status, 200, JSON.stringify(map.body));
  const expected = (
    await sql<{ city: string; total: string }>`
      with lr as (select distinct on (organization_id) id, organization_id from operation_report where latest order by organization_id, month desc)
      select c.division_code as city, sum(l.monthly_capacity)::text as total
        from lr join operation_capacity l on l.report_id = lr.id join organization o on o.id = lr.organization_id join organization c on c.id = o.parent_id
       where l.industry_code like 'C31%' and l.unit = '吨' group by c.division_code order by 2 desc`.execute(p.handle.db)
  ).rows.map((r) => [r.city, Number(r.total)]);
  assert.deepEqual(map.body.cities.map((c: { divisionCode: string; total: number }) => [c.divisionCode, c.total]), expected);
  assert.deepEqual(expected, [['130200', 70_000], ['130100', 1_500]]);
  assert.equal(map.body.unit, '吨');
  assert.equal(map.body.total, 71_500);
  assert.ok(map.body.industries.some((i: { code: string; name: string }) => i.code === 'C31' && i.name === '黑色金属冶炼和压延加工业'));
  const product = await province.get(`/api/operations/capacity?industry=C31&productName=${encodeURIComponent('螺纹钢')}`);
  assert.deepEqual(product.body.cities.map((c: { cityName: string; total: number }) => [c.cityName, c.total]), [['唐山市', 18_000]]);
  const tangshan = map.body.cities[0].cityId;
  const list = await province.get(`/api/operations/capacity/cities/${tangshan}?industry=C31`);
  assert.equal(list.status, 200, JSON.stringify(list.body));
  assert.deepEqual(list.body.items.map((l: { organizationName: string; productName: string; monthlyCapacity: number }) => [l.organizationName, l.productName, l.monthlyCapacity]), [
    ['唐山钢铁工业互联网有限公司', '热轧钢板', 52_000],
    ['唐山钢铁工业互联网有限公司', '螺纹钢', 18_000],
  ]);
});

test('the .xlsx export reads back with the same figures as the screen', async () => {
  const province = await signedIn('province_officer', '130000-miit');
  const view = await province.get('/api/operations/view?from=2026-03&to=2026-05');
  const reporters = await province.get('/api/operations/reporters?pageSize=100&sort=organizationName');
  const file = await province.binary('GET', '/api/operations/export.xlsx?from=2026-03&to=2026-05&sort=organizationName');
  assert.equal(file.status, 200, file.bytes.toString('utf8').slice(0, 300));
  assert.match(file.headers.get('content-type') ?? '', /spreadsheetml/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
  const summary = workbook.getWorksheet('汇总')!;
  const totalRow = summary.getRows(1, summary.rowCount)!.find((r) => String(r.getCell(1).value).startsWith('合计'))!;
  assert.deepEqual(
    [2, 3, 4, 5, 6].map((c) => totalRow.getCell(c).value),
    [view.body.totals.reporters, view.body.totals.connectedDevices, view.body.totals.platformUsers, view.body.totals.industrialApps, view.body.totals.cloudEnterprises],
  );
  assert.equal(totalRow.getCell(7).value, view.body.totals.averageEffects.operatingCost / 100, 'effects as percentages');
  const list = workbook.getWorksheet('报送单位')!;
  const rows = list.getRows(2, list.rowCount - 1)!.map((r) => [r.getCell(1).value, r.getCell(5).value, r.getCell(6).value, r.getCell(10).value]);
  assert.deepEqual(
    rows,
    reporters.body.items.map((r: { organizationName: string; latestMonth: string; connectedDevices: number; overdue: boolean }) => [r.organizationName, r.latestMonth, r.connectedDevices, r.overdue ? '逾期' : null]),
  );
  const events = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 1, order: 'desc', action: 'operations.export' }));
  assert.equal(events.total >= 1, true, 'the export is audited');
});
