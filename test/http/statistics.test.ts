/**
 * Program statistics (issue 7, items 3 and 4) on a small world in two cities, 石家庄 and 唐山:
 * applications driven through the API to drafting, submission, city review (pass / reject),
 * recommendation and policy review (pass / reject); the later stages (expert review, notice, final
 * list, agreement, acceptance, revocation) and the money written through the repositories with their
 * timeline entries, days apart. Every figure of the API is checked against counts and sums computed
 * from the tables (test/support/statistics-checks.ts), for the province, a city officer (only its
 * city) and under filters; the .xlsx tables read back equal the API; the background export goes
 * queued → running → done with progress, only its requester may fetch it, and it runs once when two
 * runners race.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { streamingExportWriter } from '../../src/adapters/documents/statistics-xlsx.ts';
import { statisticsTable, STATISTICS_TABLES, type StatisticsTable } from '../../src/core/statistics/tables.ts';
import { EXPORT_HEADERS, runExportJobs } from '../../src/use-cases/statistics/export-jobs.ts';
import type { ExportWriter } from '../../src/use-cases/statistics/ports.ts';
import { FORM, PROFILE, fillAndSubmit } from '../support/applicants.ts';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';
import { assertStatisticsMatchRecords } from '../support/statistics-checks.ts';

let p: TestPlatform;
let province: Client;
let sjz: Client;
let ts: Client;
let finance: Client;
let callId = '';
const DAY = 86_400_000;
const CHECKLIST = ['identity', 'seals', 'investment', 'declarations', 'onsite'].map((id) => ({ id, checked: true, note: '已核实' }));
const app: Record<string, string> = {};

/** A new enterprise of the city with its profile (industry as given) and a client signed in as it. */
async function enterprise(cityCode: string, name: string, divisionCode: string, industryCode: string): Promise<Client> {
  const org = await p.enterprise(cityCode, name);
  const c = p.client();
  await c.signIn(await p.account('applicant', org.code));
  const saved = await c.put('/api/profile', { profile: { ...PROFILE, name, divisionCode, industryCode, itTeamSize: 12 }, baseVersion: 0 });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  return c;
}

async function submitted(key: string, cityCode: string, divisionCode: string, industryCode: string, direction = '2.2'): Promise<void> {
  const c = await enterprise(cityCode, `${key}科技有限公司`, divisionCode, industryCode);
  app[key] = await fillAndSubmit(c, callId, { application: { ...FORM.application, direction: [direction], projectName: `${key}工业互联网项目` } });
  p.clock.advanceMinutes(1);
}

async function cityPass(client: Client, key: string) {
  assert.equal((await client.post(`/api/applications/${app[key]}/start-review`)).status, 200, 'review starts');
  p.clock.advanceMinutes(1);
  const r = await client.post(`/api/applications/${app[key]}/city-decision`, { decision: 'pass', checklist: CHECKLIST });
  assert.equal(r.status, 200, JSON.stringify(r.body));
}

/** Moves an application on through states the API drives with experts and notices, one timeline entry each, `days` apart. */
async function advance(key: string, states: string[], days: number, score?: number) {
  const id = app[key]!;
  await p.deps.uow.transaction(async (r) => {
    let at = p.clock.now().getTime();
    let from = (await r.applications.findById(id))!.state;
    for (const to of states) {
      at += days * DAY;
      await r.applications.addEvent({ applicationId: id, fromState: from, toState: to, actorId: null, actorName: '测试', actorRole: 'province_officer', comment: null, at: new Date(at) });
      from = to;
    }
    await r.applications.update(id, { state: from }, new Date(at));
    if (score !== undefined) await r.selection.setFinalScore(id, score, new Date(at));
  });
}

/** The project after the final list: signed after `signDays`, accepted after `acceptDays` more (or failed / revoked), with money. */
async function project(key: string, o: { signDays?: number; acceptDays?: number; status?: 'accepted' | 'failed' | 'revoked'; awardFen?: number; paid?: boolean; recoverFen?: number; repaidFen?: number }) {
  const id = app[key]!;
  await p.deps.uow.transaction(async (r) => {
    const events = await r.applications.events(id);
    const selectedAt = events.at(-1)!.at;
    await r.projects.ensure(id, selectedAt);
    const signed = o.signDays !== undefined ? new Date(selectedAt.getTime() + o.signDays * DAY) : null;
    if (signed) {
      await r.projects.setStatus(id, 'implementing', signed);
      await r.projects.setDates(id, { agreementSignedAt: signed }, signed);
    }
    if (o.status) {
      const end = new Date((signed ?? selectedAt).getTime() + (o.acceptDays ?? 30) * DAY);
      await r.projects.setStatus(id, o.status, end);
      if (o.status === 'accepted') await r.projects.setDates(id, { acceptedAt: end }, end);
    }
    const officer = (await r.accounts.ofOrganization((await r.organizations.findByCode('130000-miit'))!.id))[0]!;
    if (o.awardFen) {
      await r.funding.saveSubsidy({
        applicationId: id, kind: 'officer_entered', eligibleInvestmentFen: null, awardFen: o.awardFen, capFen: o.awardFen, rateBp: null, awardForm: 'reward',
        completionDate: null, cityMatchingRatioBp: null, cityMatchingFen: null, explanation: { note: 'test' }, fixedBy: officer.id, fixedAt: selectedAt,
      });
      await r.funding.replaceTranches(id, [
        { trancheCode: 'first', position: 1, shareBp: 5000, amountFen: o.awardFen / 2, trigger: 'selection', budgetYear: 2026, citation: '000 第十四条' },
        { trancheCode: 'second', position: 2, shareBp: 5000, amountFen: o.awardFen / 2, trigger: 'acceptance', budgetYear: 2027, citation: '000 第十四条' },
      ], selectedAt);
      if (o.paid) {
        const [first] = await r.funding.tranches(id);
        await r.funding.recordDisbursement(first!.id, { paidOn: '2026-06-01', voucherNumber: `V-${id}`, approvedBy: officer.id }, selectedAt);
      }
    }
    if (o.recoverFen) {
      const rec = await r.funding.insertRecovery({ applicationId: id, amountFen: o.recoverFen, reason: { 'zh-CN': '测试收回', en: 'test' }, citation: '000 第十七条', createdBy: officer.id }, selectedAt);
      if (o.repaidFen) await r.funding.addRepayment(rec, { amountFen: o.repaidFen, paidOn: '2026-07-01', voucherNumber: `R-${id}`, recordedBy: officer.id }, selectedAt);
    }
  });
}

before(async () => {
  p = await startPlatform({ programs: true });
  province = p.client();
  await province.signIn(await p.account('province_officer', '130000-miit'));
  sjz = p.client();
  await sjz.signIn(await p.account('city_officer', '130100'));
  ts = p.client();
  await ts.signIn(await p.account('city_officer', '130200'));
  finance = p.client();
  await finance.signIn(await p.account('finance_officer', '130000-finance'));
  const call = await province.post('/api/calls', { programCode: 'hebei-2016-internet-plus', programVersion: 1, title: '2026年度“互联网+”制造业试点示范申报', opensOn: '2026-03-01', deadlineDate: '2026-04-30' });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  callId = call.body.id;
  assert.equal((await province.post(`/api/calls/${callId}/publish`)).status, 200, 'call published');
  assert.equal((await province.request('PUT', `/api/calls/${callId}/quotas`, { quotaTable: { '130100': 5, '130200': 5 }, threshold: null })).status, 200, 'quotas set');

  // 石家庄: a draft, a submission, a rejection, one passed, and four recommended (two pass policy review, one fails, one waits).
  const draftOnly = await enterprise('130100', '石家庄草稿科技有限公司', '130102', 'I6510');
  const draft = await draftOnly.post('/api/applications', { callId });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  app.draft = draft.body.id;
  await submitted('sjzSubmitted', '130100', '130104', 'C3421');
  await submitted('sjzRejected', '130100', '130105', 'C3421', '1.1');
  await submitted('sjzPassed', '130100', '130108', 'C3511');
  for (const k of ['sjzRec1', 'sjzRec2', 'sjzRec3', 'sjzRec4']) await submitted(k, '130100', '130102', k === 'sjzRec1' ? 'C3421' : 'C3911');
  assert.equal((await sjz.post(`/api/applications/${app.sjzRejected}/start-review`)).status, 200, 'review starts');
  assert.equal((await sjz.post(`/api/applications/${app.sjzRejected}/city-decision`, { decision: 'reject', reason: '材料不实' })).status, 200, 'rejected');
  for (const k of ['sjzPassed', 'sjzRec1', 'sjzRec2', 'sjzRec3', 'sjzRec4']) await cityPass(sjz, k);
  // 唐山: a submission and three recommended.
  await submitted('tsSubmitted', '130200', '130202', 'C3421');
  for (const k of ['tsRec1', 'tsRec2', 'tsRec3']) await submitted(k, '130200', '130203', 'C3612', '1.1');
  for (const k of ['tsRec1', 'tsRec2', 'tsRec3']) await cityPass(ts, k);
  for (const [client, keys, doc] of [[sjz, ['sjzRec1', 'sjzRec2', 'sjzRec3', 'sjzRec4'], '石工信〔2026〕1号'], [ts, ['tsRec1', 'tsRec2', 'tsRec3'], '唐工信〔2026〕1号']] as const) {
    for (const k of keys) assert.equal((await client.request('PUT', `/api/calls/${callId}/recommendation/items/${app[k]}`)).status, 200, `${k} on the list`);
    p.clock.advanceMinutes(1);
    const sent = await client.post(`/api/calls/${callId}/recommendation/submit`, { documentNumber: doc });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
  }
  p.clock.advanceMinutes(2);
  for (const k of ['sjzRec1', 'sjzRec2', 'tsRec1', 'tsRec2', 'tsRec3']) assert.equal((await province.post(`/api/applications/${app[k]}/policy-decision`, { decision: 'pass' })).status, 200, `${k} passes`);
  assert.equal((await province.post(`/api/applications/${app.sjzRec3}/policy-decision`, { decision: 'reject', reason: '不属于支持方向' })).status, 200, 'rejected');

  // Later stages, days apart: expert review, the notice, the final list; then the projects and money.
  await advance('sjzRec1', ['expert_review', 'shortlisted', 'selected'], 3, 88);
  await advance('sjzRec2', ['expert_review', 'not_shortlisted'], 5, 61);
  await advance('tsRec1', ['expert_review', 'shortlisted', 'selected'], 4, 90);
  await advance('tsRec2', ['expert_review', 'shortlisted', 'selected'], 2, 85);
  await advance('tsRec3', ['expert_review', 'shortlisted', 'not_selected'], 6, 80);
  await project('sjzRec1', { signDays: 10, acceptDays: 200, status: 'accepted', awardFen: 2_000_000_00, paid: true });
  await project('tsRec1', { signDays: 20, awardFen: 1_000_000_00, paid: true });
  await project('tsRec2', { signDays: 15, acceptDays: 100, status: 'revoked', awardFen: 600_000_00, paid: true, recoverFen: 300_000_00, repaidFen: 100_000_00 });
});
after(() => p.close());

describe('figures', () => {
  test('every figure the province sees equals the records, and the funnel is as built', async () => {
    const view = await assertStatisticsMatchRecords(p.handle.db, province);
    assert.deepEqual(view.totals, {
      drafted: 12, submitted: 11, cityPassed: 8, recommended: 7, policyPassed: 5, scored: 5, onNotice: 4, selected: 3, agreementSigned: 3, accepted: 1, failedOrRevoked: 1,
    }, 'the funnel of the built world');
    assert.deepEqual(view.money, { committedFen: 360_000_000, disbursedFen: 180_000_000, recoverableFen: 30_000_000, recoveredFen: 10_000_000 }, 'money in fen');
    const byCode = new Map(view.byCity.map((c: any) => [c.cityCode, c]));
    assert.equal(byCode.size >= 14, true, 'every Hebei recommending unit is listed, with zeros');
    assert.equal((byCode.get('130100') as any).counts.submitted, 7, '石家庄 submitted');
    assert.equal((byCode.get('130200') as any).counts.selected, 2, '唐山 selected');
    assert.equal((byCode.get('130300') as any).counts.drafted, 0, '秦皇岛 has none');
    const times = new Map(view.stageTimes.map((t: any) => [t.id, t]));
    assert.equal((times.get('expertReview') as any).n, 5, 'five left expert review');
    assert.equal((times.get('publicNotice') as any).medianDays, 3.5, 'the notice lasted 2, 3, 4 and 6 days');
  });

  test('a city officer sees only its own city', async () => {
    const view = await assertStatisticsMatchRecords(p.handle.db, ts);
    assert.deepEqual(view.byCity.map((c: any) => c.cityCode), ['130200'], 'only 唐山');
    assert.equal(view.totals.drafted, 4, '唐山 has four applications');
    const other = await ts.get(`/api/statistics?cityId=${(await p.org('130100')).id}`);
    assert.equal(other.status, 200, 'asking for another city is not an error');
    assert.equal(other.body.totals.drafted, 0, 'but shows nothing of it');
    const map = await ts.get('/api/statistics/map?measure=applications');
    assert.deepEqual(map.body.areas.map((a: any) => [a.code, a.value]), [['130200', 4]], 'the map has only 唐山');
  });

  test('filters narrow every figure; bad filters get field-level messages', async () => {
    const sjzId = (await p.org('130100')).id;
    for (const f of [{ cityId: sjzId }, { direction: '1.1' }, { industry: 'C34' }, { industry: 'C' }, { year: 2026 }, { year: 2025 }, { callId }, { programCode: 'hebei-2018-ii-plan' }, { from: '2026-03-02', to: '2026-03-02' }, { from: '2026-03-03' }]) {
      await assertStatisticsMatchRecords(p.handle.db, province, f);
    }
    const c34 = await province.get('/api/statistics?industry=C34');
    assert.equal(c34.body.totals.drafted, 4, 'four C3421 applications in two cities');
    const bad = await province.get('/api/statistics?industry=34&from=2026-13-01');
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    assert.equal(bad.body.errors[0].path, 'industry');
    assert.equal(bad.body.errors[0].messages['zh-CN'], '行业：应为行业门类字母，可加 1–4 位数字，如 C 或 C34');
    const order = await province.get('/api/statistics?from=2026-03-05&to=2026-03-01');
    assert.equal(order.body.errors[0].messages['zh-CN'], '结束日期：不能早于开始日期');
    assert.equal((await p.client().get('/api/statistics')).status, 401, 'anonymous');
    const applicant = p.client();
    await applicant.signIn(await p.account('applicant', (await p.enterprise('130100')).code));
    assert.equal((await applicant.get('/api/statistics')).status, 403, 'an applicant may not read statistics');
  });

  test('the map: 11 Hebei areas; 辛集 is drawn inside 石家庄 and 雄安 inside 保定', async () => {
    const m = await province.get('/api/statistics/map?measure=selected');
    assert.equal(m.status, 200, JSON.stringify(m.body));
    assert.equal(m.body.provinceCode, '130000');
    assert.equal(m.body.areas.length, 11, 'one area per prefecture-level city');
    const sjzArea = m.body.areas.find((a: any) => a.code === '130100');
    assert.deepEqual(sjzArea.units.map((u: any) => u.name), ['石家庄市', '辛集市']);
    assert.deepEqual(m.body.areas.find((a: any) => a.code === '130600').units.map((u: any) => u.name).sort(), ['保定市', '定州市', '雄安新区'].sort());
    assert.equal(m.body.total, 3, 'three selected');
    const money = await province.get('/api/statistics/map?measure=committedFen');
    assert.equal(money.body.areas.find((a: any) => a.code === '130200').value, 160_000_000, '唐山 committed');
    assert.equal((await province.get('/api/statistics/map?measure=nonsense')).status, 400, 'unknown measure');
  });
});

describe('exports', () => {
  test('each table as .xlsx reads back with the numbers of the API', async () => {
    const view = (await province.get('/api/statistics')).body;
    for (const table of STATISTICS_TABLES) {
      const file = await province.binary('GET', `/api/statistics/table.xlsx?table=${table}`);
      assert.equal(file.status, 200, `${table}: ${file.status}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      const expected = statisticsTable(view, table as StatisticsTable);
      assert.equal(sheet.getRow(1).getCell(1).value, expected.title['zh-CN'], `${table} title`);
      assert.deepEqual((sheet.getRow(2).values as unknown[]).slice(1), expected.headers, `${table} headers`);
      const read = [];
      for (let i = 3; i <= sheet.rowCount; i++) read.push((sheet.getRow(i).values as unknown[]).slice(1).map((v) => v ?? null));
      const pad = (r: unknown[]) => r.concat(Array(expected.headers.length - r.length).fill(null));
      assert.deepEqual(read.map(pad), expected.rows.map(pad), `${table} rows`);
    }
    const funnel = await province.binary('GET', '/api/statistics/table.xlsx?table=funnel');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(funnel.bytes as unknown as ArrayBuffer);
    assert.deepEqual((wb.worksheets[0]!.getRow(4).values as unknown[]).slice(1), ['已提交', 11], 'the screen’s number in the sheet');
    assert.equal((await province.get('/api/statistics/table.xlsx?table=nope')).status, 400, 'unknown table');
  });

  test('the background export goes queued → running → done with progress; only its requester may fetch it', async () => {
    const created = await province.post('/api/statistics/exports', { filters: { programCode: 'hebei-2016-internet-plus' } });
    assert.equal(created.status, 202, JSON.stringify(created.body));
    assert.equal(created.body.status, 'queued');
    const id = created.body.id;
    assert.equal((await province.get(`/api/statistics/exports/${id}/download`)).status, 409, 'not ready yet');

    // A writer that looks at the job between batches: it is running, and its progress moves.
    const seen: { status: string; rowsDone: number; rowsTotal: number | null }[] = [];
    const watching: ExportWriter = {
      async open(name, title, headers) {
        const inner = await streamingExportWriter.open(name, title, headers);
        return {
          async addRows(rows) {
            seen.push((await province.get(`/api/statistics/exports/${id}`)).body);
            await inner.addRows(rows);
          },
          finish: () => inner.finish(),
        };
      },
    };
    const ran = await runExportJobs(p.deps, watching, { workerId: 'test', batchSize: 5 });
    assert.deepEqual(ran, [id], 'the job ran');
    assert.deepEqual(seen.map((s) => [s.status, s.rowsDone, s.rowsTotal]), [['running', 0, 12], ['running', 5, 12], ['running', 10, 12]], 'progress as it went');
    const done = await province.get(`/api/statistics/exports/${id}`);
    assert.equal(done.body.status, 'done', JSON.stringify(done.body));
    assert.deepEqual([done.body.rowsDone, done.body.rowsTotal], [12, 12]);

    const other = p.client();
    await other.signIn(await p.account('province_officer', '130000-miit'));
    assert.equal((await other.get(`/api/statistics/exports/${id}`)).status, 404, 'another officer does not see the job');
    assert.equal((await other.binary('GET', `/api/statistics/exports/${id}/download`)).status, 404, 'nor its file');
    assert.equal((await finance.binary('GET', `/api/statistics/exports/${id}/download`)).status, 404, 'nor does finance');

    const file = await province.binary('GET', `/api/statistics/exports/${id}/download`);
    assert.equal(file.status, 200, 'the requester downloads it');
    assert.match(file.headers.get('content-disposition') ?? '', /xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    assert.deepEqual((sheet.getRow(2).values as unknown[]).slice(1), [...EXPORT_HEADERS], 'headers');
    assert.equal(sheet.rowCount, 2 + 12, 'one row per application');
    const byId = new Map<string, unknown[]>();
    for (let i = 3; i <= sheet.rowCount; i++) byId.set(String(sheet.getRow(i).getCell(1).value), (sheet.getRow(i).values as unknown[]).slice(1));
    assert.equal(byId.get(app.sjzRec1!)![10], '通过验收', 'the furthest stage');
    assert.equal(byId.get(app.sjzRec1!)![13], 200, 'committed 200 万元');
    assert.equal(byId.get(app.tsRec2!)![16], 10, 'recovered 10 万元');
    assert.equal(byId.get(app.draft!)![10], '填报');
    const view = (await province.get('/api/statistics?programCode=hebei-2016-internet-plus')).body;
    const sumCol = (col: number) => [...byId.values()].reduce((s: number, r) => s + Number(r[col] ?? 0), 0);
    assert.equal(Math.round(sumCol(13) * 1_000_000), view.money.committedFen, 'the rows add up to the screen’s committed money');

    for (const action of ['statistics.export.request', 'statistics.export.download', 'statistics.export.complete']) {
      const { rows } = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 10, order: 'desc', action, entityId: id }));
      assert.ok(rows.length >= 1, `audit record ${action}`);
    }
  });

  test('two runners racing run a job once; a failing job shows its error', async () => {
    const a = await province.post('/api/statistics/exports', { filters: {} });
    const b = await sjz.post('/api/statistics/exports', { filters: {} });
    const [one, two] = await Promise.all([runExportJobs(p.deps, streamingExportWriter, { workerId: 'one', maxJobs: 1 }), runExportJobs(p.deps, streamingExportWriter, { workerId: 'two', maxJobs: 1 })]);
    assert.deepEqual([...one, ...two].sort(), [a.body.id, b.body.id].sort(), 'each job ran exactly once');
    const jobA = await p.deps.uow.read((r) => r.statistics.findJob(a.body.id));
    assert.equal(jobA?.attempts, 1, 'claimed once');
    const cityJob = await sjz.get(`/api/statistics/exports/${b.body.id}`);
    assert.equal(cityJob.body.rowsTotal, 8, 'the city officer’s export holds only 石家庄');

    const c = await province.post('/api/statistics/exports', { filters: {} });
    const broken: ExportWriter = { open: async () => Promise.reject(new Error('磁盘已满 / disk full')) };
    assert.deepEqual(await runExportJobs(p.deps, broken, { workerId: 'three' }), [c.body.id]);
    const failed = await province.get(`/api/statistics/exports/${c.body.id}`);
    assert.equal(failed.body.status, 'failed');
    assert.equal(failed.body.error, '磁盘已满 / disk full');
    assert.deepEqual(await runExportJobs(p.deps, streamingExportWriter, { workerId: 'four' }), [], 'nothing left to run');
  });
});
