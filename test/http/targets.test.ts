/**
 * The province's target dashboard (issue 7 item 1) on Hebei's plan (002): computed figures equal an
 * independent count from the database rows (test/support/target-checks.ts); a pilot call is taken to
 * its final list over the API, other lists (a 2019 pilot list, the 2021 platform projects, another
 * province's list) are placed through the repositories. Reports by lead departments with supersession,
 * field errors, audit records, who is refused, and the .xlsx read back and compared with the API rows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { chineseDate } from '../../src/core/calendar.ts';
import { submittedApplication } from '../support/applicants.ts';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';
import { assertTargetsMatchRecords } from '../support/target-checks.ts';

let p: TestPlatform;
const DAY = 86_400_000;
const CHECKLIST = ['identity', 'seals', 'investment', 'declarations', 'onsite'].map((id) => ({ id, checked: true, note: '已核实' }));
const PLAN = 'hebei-2018-ii-plan';
const accounts = new Map<Client, Awaited<ReturnType<TestPlatform['account']>>>();
let province: Client; // 河北省工业和信息化厅
let comms: Client; // 河北省通信管理局
let finance: Client;
let auditor: Client;
let city: Client;
let applicant: Client;
const pilot: string[] = [];

async function staff(role: Parameters<TestPlatform['account']>[0], org: string): Promise<Client> {
  const account = await p.account(role, org);
  const c = p.client();
  accounts.set(c, account);
  const r = await c.signIn(account);
  assert.equal(r.status, 200, `${role} signs in: ${JSON.stringify(r.body)}`);
  return c;
}

/** Moves the clock; sessions expire meanwhile, so everyone signs in again. */
async function advanceDays(days: number) {
  p.clock.advance(days * DAY);
  for (const [client, account] of accounts) {
    client.cookies.clear();
    client.csrf = '';
    assert.equal((await client.signIn(account)).status, 200, 'signs in again');
  }
}

/** A call of `programCode` in `provinceCode` with a final list published at `publishedAt`, placed through the repositories. */
async function listedByRecords(programCode: string, provinceCode: string, publishedAt: string, apps: { directions: string[]; category?: string; removed?: boolean }[], status: 'final' | 'published' = 'final'): Promise<string[]> {
  const provinceOrg = await p.org(provinceCode);
  const city = (await p.deps.uow.read((r) => r.organizations.list({ kind: 'all' }, { page: 1, pageSize: 1, order: 'asc', kind: 'city', parentId: provinceOrg.id, sort: 'code' }))).rows[0]!;
  const now = new Date(publishedAt);
  const creator = accounts.get(province)!.id;
  return p.deps.uow.transaction(async (r) => {
    const [version] = await r.programs.listVersions(programCode);
    const callId = await r.calls.insert({ programId: version!.programId, programVersion: version!.version, provinceId: provinceOrg.id, title: `${programCode} ${publishedAt.slice(0, 4)}`, documentNumber: null, materials: '', opensAt: new Date(now.getTime() - 90 * DAY), deadlineAt: new Date(now.getTime() - 60 * DAY), status: 'published', createdBy: creator, now });
    const noticeId = await r.notices.insert({ callId, title: '公示', body: '', decisionNote: null, contact: null, createdBy: creator, now });
    const ids: string[] = [];
    for (const [i, a] of apps.entries()) {
      const org = await r.organizations.insert({ parentId: city.id, code: `TGT-${programCode}-${publishedAt}-${i}`, kind: 'enterprise', name: `目标测试企业${programCode}${i}`, nameEn: null, divisionCode: null, coveredDivisionCodes: [], creditCode: null, contactName: null, contactPhone: null, address: null, note: null });
      const id = await r.applications.insert({ callId, programId: version!.programId, programVersion: version!.version, organizationId: org.id, state: status === 'final' && !a.removed ? 'selected' : 'shortlisted', createdBy: creator, now });
      await r.applications.update(id, { projectName: `平台项目${i}`, directions: a.directions, category: a.category ?? null }, now);
      await r.notices.addItem(noticeId, id, i + 1, {});
      if (a.removed) await r.notices.markRemoved(noticeId, id);
      else if (status === 'final') await r.projects.ensure(id, now);
      ids.push(id);
    }
    await r.notices.update(noticeId, { status, publishedAt: now, ...(status === 'final' ? { finalPublishedAt: now, finalDocumentNumber: '冀工信〔测试〕1号' } : {}) }, now);
    return ids;
  });
}

before(async () => {
  p = await startPlatform({ programs: true });
  province = await staff('province_officer', '130000-miit');
  comms = await staff('province_officer', '130000-comms');
  finance = await staff('finance_officer', '130000-finance');
  auditor = await staff('auditor', '130000-audit');
  city = await staff('city_officer', '130100');
  const ent = await p.enterprise('130100', '目标看板测试申报单位');
  applicant = await staff('applicant', ent.code);

  // A 2026 pilot call taken to its final list over the API (experts' scores through the repositories, as test/http/notices.test.ts).
  const call = await province.post('/api/calls', { programCode: 'hebei-2016-internet-plus', programVersion: 1, title: '2026年度“互联网+”制造业试点示范', opensOn: '2026-03-01', deadlineDate: '2026-04-30' });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  const callId = call.body.id as string;
  assert.equal((await province.post(`/api/calls/${callId}/publish`)).status, 200, 'publish the call');
  assert.equal((await province.put(`/api/calls/${callId}/quotas`, { quotaTable: { '130100': 5 }, threshold: 60 })).status, 200, 'quotas');
  for (const [i, name] of ['石家庄目标甲公司', '石家庄目标乙公司', '石家庄目标丙公司'].entries()) pilot.push(await submittedApplication(p, callId, '130100', name, ['130102', '130104', '130105'][i]!));
  for (const id of pilot) {
    assert.equal((await city.post(`/api/applications/${id}/start-review`)).status, 200, 'start review');
    assert.equal((await city.post(`/api/applications/${id}/city-decision`, { decision: 'pass', checklist: CHECKLIST })).status, 200, 'city passes');
    assert.equal((await city.request('PUT', `/api/calls/${callId}/recommendation/items/${id}`)).status, 200, 'recommended');
  }
  assert.equal((await city.post(`/api/calls/${callId}/recommendation/submit`, { documentNumber: '石工信〔2026〕31号' })).status, 200, 'the city submits');
  for (const id of pilot) assert.equal((await province.post(`/api/applications/${id}/policy-decision`, { decision: 'pass' })).status, 200, 'policy review');
  const pool = await p.org('130000-experts');
  await p.deps.uow.transaction(async (r) => {
    const now = p.clock.now();
    const expert = await r.experts.insert({ poolId: pool.id, accountId: null, name: '专家', title: '教授', organizationName: '某大学', creditCode: null, cityName: '保定市', tags: [], phone: null, email: null }, now);
    for (const id of pilot) {
      await r.applications.update(id, { state: 'expert_review' }, now);
      await r.assignments.add(callId, id, expert.id, true, now);
    }
    for (const a of await r.assignments.forCall(callId)) await r.assignments.update(a.id, { status: 'submitted', scores: { overall: 80 }, total: 80, submittedAt: now }, now);
  });
  assert.equal((await province.get(`/api/calls/${callId}/decision`)).status, 200, 'the proposal');
  assert.equal((await province.post(`/api/calls/${callId}/decision`, { shortlist: pilot, reasons: {} })).status, 200, 'decision');
  assert.equal((await province.put(`/api/calls/${callId}/notice`, { title: '拟入选名单公示', body: '现予以公示。', contact: { name: '张科长', phone: '0311-87801234', email: null } })).status, 200, 'notice');
  assert.equal((await province.post(`/api/calls/${callId}/notice/publish`)).status, 200, 'notice published');
  await advanceDays(21);
  const final = await province.post(`/api/calls/${callId}/final-list`, { documentNumber: '冀工信〔2026〕9号' });
  assert.equal(final.status, 200, JSON.stringify(final.body));
  // One accepted, one revoked by a sanction (no longer counted as selected), one implementing.
  await p.deps.uow.transaction(async (r) => {
    await r.projects.setStatus(pilot[0]!, 'accepted', p.clock.now());
    await r.projects.setDates(pilot[0]!, { acceptedAt: p.clock.now() }, p.clock.now());
    await r.projects.setStatus(pilot[1]!, 'revoked', p.clock.now());
  });

  // A 2019 pilot list (one removed after an objection), Hubei's 2019 pilot list (not Hebei's), and the 2021 platform projects.
  await listedByRecords('hebei-2016-internet-plus', '130000', '2019-06-28T10:00:00+08:00', [{ directions: ['1.1'] }, { directions: ['2.2'], removed: true }]);
  await listedByRecords('hubei-2020-dual-innovation', '420000', '2019-07-01T10:00:00+08:00', [{ directions: ['D1'] }]);
  await listedByRecords('hebei-2021-ii-key-projects', '130000', '2022-03-01T10:00:00+08:00', [
    { directions: ['2.1'], category: 'industry-regional-platform' },
    { directions: ['2.1'], category: 'industry-regional-platform' },
    { directions: ['2.2'], category: 'industry-regional-platform' },
    { directions: ['2.2'], category: 'municipal-comprehensive-platform' },
    { directions: ['3.1'], category: 'mode-application' },
  ]);
  // On a notice only (not yet a final list): not counted.
  await listedByRecords('hebei-2021-ii-key-projects', '130000', '2026-03-01T10:00:00+08:00', [{ directions: ['2.1'], category: 'industry-regional-platform' }], 'published');
});
after(() => p.close());

const row = (body: any, id: string) => {
  const r = body.items.find((x: any) => x.id === id);
  assert.ok(r, `row ${id} on the dashboard`);
  return r;
};

async function audited(action: string) {
  return (await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 50, order: 'desc', action }))).rows;
}

describe('computed figures', () => {
  test('every computed figure equals the count from the database rows', async () => {
    const counts = (await assertTargetsMatchRecords(p.handle.db, province)).get(PLAN)!;
    // The counts themselves, as set up above.
    assert.equal(counts.get('pilot-projects-2020'), 1, 'one pilot project accepted');
    assert.equal(counts.get('demonstration-projects-2019'), 1, 'one selected in 2019 (the removed one and Hubei’s do not count)');
    assert.equal(counts.get('demonstration-projects-2018'), 0);
    assert.equal(counts.get('demonstration-projects-2020'), 0, 'the 2026 selections fall in no target year');
    assert.equal(counts.get('enterprise-platforms-2020'), 2, 'two enterprise-level platforms (2.1)');
    assert.equal(counts.get('industry-platforms-2020'), 1, 'one industry platform (2.2, not municipal)');
    assert.equal(counts.get('regional-platforms-2020'), 1, 'one municipal comprehensive platform');
  });

  test('the dashboard rows: source, progress, status, texts; behind-schedule rows are flagged', async () => {
    const r = await province.get('/api/targets');
    assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
    assert.equal(r.body.plan.code, PLAN, 'the plan of the officer’s province by default');
    assert.equal(r.body.total, 34);
    assert.equal(r.body.asOf, '2026-03-23');
    const pilots = row(r.body, 'pilot-projects-2020');
    assert.deepEqual([pilots.source, pilots.current, pilots.share, pilots.status, pilots.behind], ['computed', 1, 0.01, 'overdue', true]);
    assert.equal(pilots.display.value['zh-CN'], '100个');
    assert.equal(pilots.display.progress, '1.0%');
    const apps = row(r.body, 'smart-factories-2020');
    assert.deepEqual([apps.source, apps.current, apps.status, apps.canReport], ['reported', null, 'no_data', true]);
    assert.equal(row(r.body, 'interprovincial-bandwidth-2020').canReport, false, 'led by the communications administration, not this officer’s department');
    const summary = r.body.summary;
    assert.equal(summary.total, 34);
    assert.equal(summary.achieved + summary.on_track + summary.behind + summary.overdue + summary.no_data, 34, 'every target has one status');
    assert.equal(summary.no_data, r.body.items.filter((x: any) => x.status === 'no_data').length);
  });

  test('a computed target’s history: its count at each quarter’s end', async () => {
    const h = await province.get('/api/targets/enterprise-platforms-2020/history');
    assert.equal(h.status, 200, JSON.stringify(h.body).slice(0, 300));
    assert.equal(h.body.points[0].date, '2018-06-30');
    assert.equal(h.body.points.at(-1).date, '2026-03-23');
    assert.equal(h.body.points.find((x: any) => x.date === '2021-12-31').value, 0, 'before the 2022 list');
    assert.equal(h.body.points.find((x: any) => x.date === '2022-03-31').value, 2, 'after it');
    const yearly = await province.get('/api/targets/demonstration-projects-2019/history');
    assert.deepEqual(yearly.body.points.map((x: any) => [x.date, x.value]), [['2019-03-31', 0], ['2019-06-30', 1], ['2019-09-30', 1], ['2019-12-31', 1]], 'counted within 2019 only');
    assert.equal((await province.get('/api/targets/no-such-target/history')).status, 404);
  });
});

describe('reported values', () => {
  test('a lead department reports; a later report of the period supersedes the earlier, which stays in the history', async () => {
    const first = await province.post('/api/targets/smart-factories-2020/reports', { period: '2025Q4', value: 150, note: '初步统计', evidence: '冀工信统〔2026〕1号' });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.text['zh-CN'], '150个');
    const again = await province.post('/api/targets/smart-factories-2020/reports', { period: '2025Q4', value: 320, note: '核定数', evidence: '冀工信统〔2026〕2号' });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.equal(again.body.supersedes, first.body.id);
    assert.equal((await province.post('/api/targets/smart-factories-2020/reports', { period: '2025Q3', value: 80, note: '', evidence: '冀工信统〔2025〕9号' })).status, 201, 'an earlier quarter');
    const h = await province.get('/api/targets/smart-factories-2020/history');
    assert.deepEqual(h.body.reports.map((x: any) => [x.period, x.value, x.superseded]), [['2025Q3', 80, false], ['2025Q4', 150, true], ['2025Q4', 320, false]]);
    assert.deepEqual(h.body.points.map((x: any) => [x.date, x.value]), [['2025-09-30', 80], ['2025-12-31', 320]], 'the current report per period');
    const d = await province.get('/api/targets');
    const r = row(d.body, 'smart-factories-2020');
    assert.deepEqual([r.current, r.period, r.status, r.evidence, r.behind], [320, '2025Q4', 'achieved', '冀工信统〔2026〕2号', false]);
    const reported = await audited('target.reported');
    assert.equal(reported.length, 2, 'two first reports of a period');
    const superseded = await audited('target.report_superseded');
    assert.equal(superseded.length, 1);
    assert.deepEqual([(superseded[0]!.before as any).value, (superseded[0]!.after as any).value, superseded[0]!.entityId], [150, 320, again.body.id]);
  });

  test('money and shares: a revenue in fen shown in 万元, a rank inverted, a target led by another department', async () => {
    assert.equal((await province.post('/api/targets/related-industry-revenue-2020/reports', { period: '2025Q4', value: 3_500_000_000_000_0, evidence: '省统计局统计公报' })).status, 201);
    assert.equal((await province.post('/api/targets/integration-rank-2025/reports', { period: '2025Q4', value: 12, evidence: '中国两化融合发展数据地图（2025）' })).status, 201);
    const refused = await province.post('/api/targets/interprovincial-bandwidth-2020/reports', { period: '2025Q4', value: 30_000, evidence: '通信管理局年报' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'not_lead_department');
    assert.equal(refused.body.messages['zh-CN'], '该目标由省通信管理局牵头填报');
    assert.equal((await comms.post('/api/targets/interprovincial-bandwidth-2020/reports', { period: '2025Q4', value: 30_000, evidence: '通信管理局年报' })).status, 201, 'its lead department may');
    const d = await province.get('/api/targets');
    const revenue = row(d.body, 'related-industry-revenue-2020');
    assert.equal(revenue.display.current['zh-CN'], '35,000,000 万元');
    assert.equal(revenue.display.value['zh-CN'], '40,000,000 万元');
    assert.equal(revenue.share, 0.875);
    assert.deepEqual([revenue.status, revenue.behind], ['overdue', true]);
    const rank = row(d.body, 'integration-rank-2025');
    assert.equal(rank.share, 0.8333, '10 ÷ 12');
    assert.equal(rank.display.current['zh-CN'], '第12名');
    assert.equal(rank.status, 'overdue', '2025 is over');
    assert.equal(row(d.body, 'interprovincial-bandwidth-2020').current, 30_000);
  });

  test('field errors in both languages; a computed target takes no report', async () => {
    const bad = await province.post('/api/targets/smart-factories-2020/reports', { period: '2026Q3', value: 3.5, evidence: ' ' });
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    assert.deepEqual(
      bad.body.errors.map((e: any) => [e.path, e.messages['zh-CN'], e.messages.en]),
      [
        ['period', '统计期：统计期尚未开始', 'Period: has not begun yet'],
        ['value', '完成值：数量应为整数', 'Value: a count must be a whole number'],
        ['evidence', '佐证材料：必填（文号、统计公报或链接）', 'Evidence: is required (a document number, statistical bulletin or link)'],
      ],
    );
    const missing = await province.post('/api/targets/smart-factories-2020/reports', {});
    assert.deepEqual(missing.body.errors.map((e: any) => e.messages['zh-CN']), ['统计期：必填', '完成值：必填', '佐证材料：必填（文号、统计公报或链接）']);
    const computed = await province.post('/api/targets/pilot-projects-2020/reports', { period: '2025Q4', value: 1, evidence: 'x' });
    assert.equal(computed.status, 400);
    assert.equal(computed.body.errors[0].code, 'computed');
    assert.equal((await province.post('/api/targets/no-such-target/reports', { period: '2025Q4', value: 1, evidence: 'x' })).status, 404);
    assert.equal((await audited('target.reported')).length, 5, 'nothing recorded by the refused ones (five first reports above)');
  });
});

describe('who may', () => {
  test('a city officer and an applicant are refused; finance and audit read but do not report', async () => {
    for (const [who, c] of [['city', city], ['applicant', applicant]] as const) {
      assert.equal((await c.get('/api/targets')).status, 403, `${who} reads`);
      assert.equal((await c.get('/api/targets/smart-factories-2020/history')).status, 403, `${who} history`);
      assert.equal((await c.binary('GET', '/api/targets/export.xlsx')).status, 403, `${who} export`);
      assert.equal((await c.post('/api/targets/smart-factories-2020/reports', { period: '2025Q4', value: 1, evidence: 'x' })).status, 403, `${who} reports`);
    }
    for (const c of [finance, auditor]) {
      const r = await c.get('/api/targets');
      assert.equal(r.status, 200);
      assert.ok(r.body.items.every((x: any) => !x.canReport), 'no report button');
      assert.equal((await c.post('/api/targets/smart-factories-2020/reports', { period: '2025Q4', value: 1, evidence: 'x' })).status, 403);
    }
    assert.equal((await province.get('/api/targets?plan=no-such-plan')).status, 404);
    assert.equal((await p.client().get('/api/targets')).status, 401);
  });
});

describe('filters and the export', () => {
  test('filters by year, status and lead department, sorts, and keeps the summary over the status filter', async () => {
    const all = (await province.get('/api/targets')).body;
    const achieved = (await province.get('/api/targets?status=achieved')).body;
    assert.deepEqual(achieved.items.map((x: any) => x.id), all.items.filter((x: any) => x.status === 'achieved').map((x: any) => x.id));
    assert.deepEqual(achieved.summary, all.summary, 'the cards do not change with the status filter');
    const y2025 = (await province.get('/api/targets?year=2025')).body;
    assert.equal(y2025.total, all.items.filter((x: any) => x.year === 2025).length);
    assert.equal(y2025.summary.total, y2025.total);
    const comm = (await province.get(`/api/targets?leadDepartment=${encodeURIComponent('省通信管理局')}`)).body;
    assert.ok(comm.total > 0 && comm.items.every((x: any) => x.leadDepartments.includes('省通信管理局')), 'led (also) by the communications administration');
    const sorted = (await province.get('/api/targets?sort=progress&order=desc')).body.items.map((x: any) => x.share);
    const shares = sorted.filter((x: number | null) => x !== null);
    assert.deepEqual(shares, [...shares].sort((a: number, b: number) => b - a), 'by progress, highest first');
    const paged = (await province.get('/api/targets?page=2&pageSize=10')).body;
    assert.deepEqual(paged.items.map((x: any) => x.id), all.items.slice(10, 20).map((x: any) => x.id));
    const badStatus = await province.get('/api/targets?status=late');
    assert.equal(badStatus.status, 400);
  });

  test('the .xlsx holds the same rows and texts as the API, under a title and the as-of date', async () => {
    const api = (await province.get('/api/targets?sort=status')).body;
    const file = await province.binary('GET', '/api/targets/export.xlsx?sort=status');
    assert.equal(file.status, 200, file.bytes.toString('utf8').slice(0, 300));
    assert.match(file.headers.get('content-type') ?? '', /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    assert.equal(sheet.getCell('A1').value, `${api.plan.name['zh-CN']}目标完成情况`);
    assert.match(String(sheet.getCell('A2').value), new RegExp(`数据截至${chineseDate(api.asOf)}`));
    assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1), ['序号', '目标年度', '目标', '目标值', '基期值', '当前值', '完成进度', '状态', '数据来源', '统计期', '牵头单位', '参加单位', '依据']);
    const cellsOf = (n: number) => Array.from({ length: 13 }, (_, k) => sheet.getRow(n).getCell(k + 1).value ?? null);
    api.items.forEach((r: any, i: number) => {
      assert.deepEqual(cellsOf(4 + i), [
        i + 1,
        r.year,
        r.name['zh-CN'],
        r.display.value['zh-CN'],
        r.baseline ? `${r.display.baseline['zh-CN']}（${r.baseline.year}年）` : '—',
        r.display.current?.['zh-CN'] ?? '—',
        r.share,
        r.display.status['zh-CN'],
        r.source === 'computed' ? '平台自动计算' : '牵头单位填报',
        r.period ?? '—',
        r.leadDepartment,
        r.participatingDepartments.join('、') || '—',
        r.citation,
      ], `row ${i + 1} (${r.id})`);
    });
    assert.equal(sheet.getRow(4 + api.items.length).getCell(1).value ?? null, null, 'nothing right after the last row');
    assert.match(String(sheet.getRow(5 + api.items.length).getCell(1).value), new RegExp(`合计 ${api.summary.total} 项`), 'the footer sums up');
    const filtered = await province.binary('GET', '/api/targets/export.xlsx?year=2025');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(filtered.bytes as unknown as ArrayBuffer);
    assert.match(String(wb2.worksheets[0]!.getCell('A3').value), /目标年度 2025/, 'the filter is written under the title');
  });
});
