/**
 * The city's review and recommendation within its quota (with a race of parallel recommendations),
 * the province sending a list back, and the policy review.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { submittedApplication } from '../support/applicants.ts';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let province: Client;
let city: Client;
let city2: Client;
let tangshan: Client;
let callId: string;
const CHECKLIST = ['identity', 'seals', 'investment', 'declarations', 'onsite'].map((id) => ({ id, checked: true, note: '已核实' }));

/** An enterprise of the city with a complete, submitted application; returns the application id. */
async function submitted(cityCode: string, name: string, divisionCode: string): Promise<string> {
  return submittedApplication(p, callId, cityCode, name, divisionCode);
}

async function passCityReview(client: Client, id: string) {
  assert.equal((await client.post(`/api/applications/${id}/start-review`)).status, 200);
  const r = await client.post(`/api/applications/${id}/city-decision`, { decision: 'pass', checklist: CHECKLIST });
  assert.equal(r.status, 200, JSON.stringify(r.body));
}

before(async () => {
  p = await startPlatform({ programs: true });
  province = p.client();
  await province.signIn(await p.account('province_officer', '130000-miit'));
  city = p.client();
  await city.signIn(await p.account('city_officer', '130100'));
  city2 = p.client({ ip: '10.9.9.9' });
  await city2.signIn(await p.account('city_officer', '130100'));
  tangshan = p.client();
  await tangshan.signIn(await p.account('city_officer', '130200'));
  const call = await province.post('/api/calls', { programCode: 'hebei-2016-internet-plus', programVersion: 1, title: '2026年度“互联网+”制造业试点示范申报', opensOn: '2026-03-01', deadlineDate: '2026-04-30' });
  callId = call.body.id;
  assert.equal((await province.post(`/api/calls/${callId}/publish`)).status, 200);
});
after(() => p.close());

describe('city review', () => {
  test('passing needs every checklist item; rejecting needs a reason; the applicant is told', async () => {
    const id = await submitted('130100', '石家庄初审公司', '130104');
    assert.equal((await city.post(`/api/applications/${id}/start-review`)).status, 200);
    const partial = await city.post(`/api/applications/${id}/city-decision`, { decision: 'pass', checklist: CHECKLIST.slice(0, 3) });
    assert.equal(partial.status, 400);
    assert.deepEqual(partial.body.errors.map((e: any) => e.path), ['checklist.3', 'checklist.4']);
    assert.match(partial.body.errors[0].messages['zh-CN'], /通过前须核实此项/);
    const noReason = await city.post(`/api/applications/${id}/city-decision`, { decision: 'reject', reason: '' });
    assert.equal(noReason.status, 400);
    assert.equal((await tangshan.post(`/api/applications/${id}/city-decision`, { decision: 'reject', reason: '越权' })).status, 403);
    const rejected = await city.post(`/api/applications/${id}/city-decision`, { decision: 'reject', reason: '投资额与票据不符' });
    assert.equal(rejected.status, 200);
    assert.equal(rejected.body.state, 'rejected');
    const again = await city.post(`/api/applications/${id}/city-decision`, { decision: 'pass', checklist: CHECKLIST });
    assert.equal(again.status, 409);
  });
});

describe('recommendation within the quota', () => {
  const ids: string[] = [];

  test('without a quota set by the province, nothing can be recommended', async () => {
    for (const [i, district] of ['130102', '130104', '130105', '130108', '130109', '130110'].entries()) ids.push(await submitted('130100', `石家庄推荐测试${i + 1}号公司`, district));
    for (const id of ids) await passCityReview(city, id);
    const r = await city.request('PUT', `/api/calls/${callId}/recommendation/items/${ids[0]}`);
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 'city_quota_not_set');
    assert.equal((await city.request('PUT', `/api/calls/${callId}/quotas`, { quotaTable: { '130100': 3 }, threshold: null })).status, 403, 'a city cannot set its own quota');
    const set = await province.request('PUT', `/api/calls/${callId}/quotas`, { quotaTable: { '130100': 3, '130200': 2 }, threshold: 60 });
    assert.equal(set.status, 200);
    assert.deepEqual(set.body.quotaTable, { '130100': 3, '130200': 2 });
  });

  test('parallel recommendations by two officers never exceed the quota', async () => {
    const results = await Promise.all(ids.map((id, i) => (i % 2 ? city2 : city).request('PUT', `/api/calls/${callId}/recommendation/items/${id}`)));
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 409);
    assert.equal(ok.length, 3, JSON.stringify(results.map((r) => [r.status, r.body.code])));
    assert.equal(refused.length, 3);
    for (const r of refused) assert.equal(r.body.code, 'city_quota_exceeded');
    const view = await city.get(`/api/calls/${callId}/recommendation`);
    assert.equal(view.body.recommendation.items.length, 3);
    assert.deepEqual(view.body.recommendation.items.map((i: any) => i.rank), [1, 2, 3]);
    assert.equal(view.body.quota, 3);
    const stored = await p.deps.uow.read((r) => r.recommendations.forCall(callId));
    assert.equal(stored[0]!.items.length, 3, 'the database holds exactly the quota');
  });

  test('the city ranks, submits under its document number, and the list is locked', async () => {
    const view = await city.get(`/api/calls/${callId}/recommendation`);
    const order = view.body.recommendation.items.map((i: any) => i.applicationId).reverse();
    const ranked = await city.post(`/api/calls/${callId}/recommendation/rank`, { order });
    assert.deepEqual(ranked.body.recommendation.items.map((i: any) => i.applicationId), order);
    const submitted = await city.post(`/api/calls/${callId}/recommendation/submit`, { documentNumber: '石工信〔2026〕18号' });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    assert.equal(submitted.body.recommendation.status, 'submitted');
    for (const id of order) assert.equal((await city.get(`/api/applications/${id}`)).body.state, 'recommended');
    const locked = await city.request('DELETE', `/api/calls/${callId}/recommendation/items/${order[0]}`);
    assert.equal(locked.status, 409);
    assert.equal(locked.body.code, 'recommendation_locked');
    const notes = await province.get('/api/notifications');
    assert.ok(notes.body.items.some((n: any) => n.kind === 'recommendation.submitted'), 'the province officer is told of the list');
  });

  test('the province sends the list back; the city changes it and submits again', async () => {
    const cityId = (await p.org('130100')).id;
    assert.equal((await tangshan.post(`/api/calls/${callId}/recommendations/${cityId}/return`, { comment: '越权' })).status, 403);
    const back = await province.post(`/api/calls/${callId}/recommendations/${cityId}/return`, { comment: '请补充第三项的现场核查记录' });
    assert.equal(back.status, 200);
    assert.equal(back.body.recommendation.status, 'returned');
    const items = back.body.recommendation.items.map((i: any) => i.applicationId);
    assert.equal((await city.get(`/api/applications/${items[0]}`)).body.state, 'city_passed');
    assert.equal((await city.request('DELETE', `/api/calls/${callId}/recommendation/items/${items[2]}`)).status, 200);
    const spare = ids.find((id) => !items.includes(id))!;
    assert.equal((await city.request('PUT', `/api/calls/${callId}/recommendation/items/${spare}`)).status, 200);
    const again = await city.post(`/api/calls/${callId}/recommendation/submit`, { documentNumber: '石工信〔2026〕21号' });
    assert.equal(again.status, 200);
    assert.equal(again.body.recommendation.documentNumber, '石工信〔2026〕21号');
    assert.equal(again.body.quotaStatus.city.limit, 3);
    assert.equal(again.body.quotaStatus.city.used, 3);
    assert.equal(again.body.quotaStatus.city.remaining, 0);
  });

  test('the city and the province download the table in the program’s layout, with the document number', async () => {
    const view = await city.get(`/api/calls/${callId}/recommendation`);
    const byId = new Map<string, string>(view.body.candidates.map((c: any) => [c.id, c.projectName]));
    const names: string[] = view.body.recommendation.items.map((i: any) => byId.get(i.applicationId)!);
    assert.equal(names.length, 3);
    const cityId = (await p.org('130100')).id;
    for (const [who, path] of [
      [city, `/api/calls/${callId}/recommendation/table.xlsx`],
      [province, `/api/calls/${callId}/recommendations/${cityId}/table.xlsx`],
    ] as const) {
      const file = await who.binary('GET', path);
      assert.equal(file.status, 200, `${path}: ${file.bytes.toString('utf8').slice(0, 300)}`);
      assert.match(file.headers.get('content-type') ?? '', /spreadsheetml/);
      assert.match(decodeURIComponent(file.headers.get('content-disposition') ?? ''), /石家庄市-推荐汇总表.*\.xlsx/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const texts: string[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ''))));
      const all = texts.join('\n');
      assert.ok(all.includes('文号：石工信〔2026〕21号'), `the document number is in the table: ${all.slice(0, 400)}`);
      assert.ok(all.includes('石家庄市工业和信息化局'), 'the recommending unit is named');
      // The rows come in the city's order, each with its project's name.
      const at = names.map((n) => texts.indexOf(n));
      assert.ok(at.every((i) => i >= 0), `every project is in the table: ${JSON.stringify(at)}`);
      assert.deepEqual([...at].sort((a, b) => a - b), at, 'in the city’s ranking');
    }
    const docx = await city.binary('GET', `/api/calls/${callId}/recommendation/table.docx`);
    assert.equal(docx.status, 200);
    assert.match(docx.headers.get('content-type') ?? '', /wordprocessingml/);
    assert.equal(docx.bytes.subarray(0, 2).toString('latin1'), 'PK');
    const provinceDocx = await province.binary('GET', `/api/calls/${callId}/recommendations/${cityId}/table.docx`);
    assert.equal(provinceDocx.status, 200);
    assert.equal((await tangshan.binary('GET', `/api/calls/${callId}/recommendations/${cityId}/table.xlsx`)).status, 403, 'another city cannot read this city’s table');
    const empty = await tangshan.binary('GET', `/api/calls/${callId}/recommendation/table.xlsx`);
    assert.equal(empty.status, 409, 'a city without a list has no table');
    assert.equal(empty.body.code, 'recommendation_empty');
  });

  test('the city’s calls show its list; the province’s calls show every city’s', async () => {
    const mine = await city.get('/api/recommendation/calls');
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    const row = mine.body.items.find((c: any) => c.id === callId);
    assert.ok(row, 'the call is listed for the city');
    assert.equal(row.listStatus, 'submitted');
    assert.equal(row.items, 3);
    assert.equal(row.quota, 3);
    assert.equal(row.documentNumber, '石工信〔2026〕21号');
    assert.equal(row.candidates, 6);
    assert.equal(row.counts.recommended, 3);
    assert.equal(row.counts.rejected, 1);
    const theirs = (await tangshan.get('/api/recommendation/calls')).body.items.find((c: any) => c.id === callId);
    assert.equal(theirs.listStatus, null);
    assert.equal(theirs.candidates, 0);
    assert.equal((await province.get('/api/recommendation/calls')).status, 403);

    const overview = await province.get('/api/selection/calls?pageSize=5');
    assert.equal(overview.status, 200, JSON.stringify(overview.body));
    assert.equal(overview.body.pageSize, 5);
    const call = overview.body.items.find((c: any) => c.id === callId);
    assert.ok(call, 'the call is listed for the province');
    assert.equal(call.counts.recommended, 3);
    assert.equal(call.submittedCities, 1);
    const sjz = call.cities.find((c: any) => c.cityCode === '130100');
    assert.deepEqual([sjz.status, sjz.items, sjz.quota, sjz.documentNumber], ['submitted', 3, 3, '石工信〔2026〕21号']);
    const ts = call.cities.find((c: any) => c.cityCode === '130200');
    assert.deepEqual([ts.status, ts.items, ts.quota], [null, 0, 2]);
    assert.ok(call.cities.every((c: any) => !c.cityCode.startsWith('37')), 'only Hebei’s recommending units');
    assert.ok(call.cities.some((c: any) => c.cityCode === 'XIONGAN'), '雄安新区 recommends as a city');
    assert.equal((await city.get('/api/selection/calls')).status, 403);
  });
});

describe('policy review', () => {
  test('the province passes or rejects with a reason; the city cannot', async () => {
    const overview = await province.get(`/api/calls/${callId}/selection`);
    assert.equal(overview.status, 200);
    const recommended = overview.body.applications.filter((a: any) => a.state === 'recommended');
    assert.equal(recommended.length, 3);
    const [a, b] = recommended;
    assert.equal((await city.post(`/api/applications/${a.id}/policy-decision`, { decision: 'pass' })).status, 403);
    assert.equal((await province.post(`/api/applications/${a.id}/policy-decision`, { decision: 'reject', reason: '' })).status, 400);
    const passed = await province.post(`/api/applications/${a.id}/policy-decision`, { decision: 'pass' });
    assert.equal(passed.status, 200);
    assert.equal(passed.body.state, 'policy_passed');
    const rejected = await province.post(`/api/applications/${b.id}/policy-decision`, { decision: 'reject', reason: '不属于支持方向' });
    assert.equal(rejected.body.state, 'policy_rejected');
    const detail = await city.get(`/api/applications/${b.id}`);
    assert.deepEqual(detail.body.timeline.map((e: any) => e.toState).slice(-2), ['recommended', 'policy_rejected']);
    const cityId = (await p.org('130100')).id;
    const back = await province.post(`/api/calls/${callId}/recommendations/${cityId}/return`, { comment: '再退回' });
    assert.equal(back.status, 409, 'a list whose projects are in the province’s review cannot go back');
  });
});
