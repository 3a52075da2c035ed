/**
 * Browser test of program statistics and the map (issue 7, items 3 and 4): applications made over the
 * API in two cities (石家庄 and 唐山: the demo enterprise's and newly registered ones'), one of them
 * passed by the 石家庄 city officer; then, as the province officer at 1366×768, /statistics shows the
 * API's numbers (cards, funnel, by city) and is photographed to test-artifacts/statistics.png; the
 * background export runs with its progress bar and downloads an .xlsx that reads back; /statistics/map
 * draws Hebei's 11 cities with the API's numbers, is photographed to test-artifacts/map.png, and a
 * click on 唐山 opens its filtered list of applications.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { startE2E, type E2E } from '../support/e2e.ts';
import { signInStaff, shareSession, remoteClient, type Staff } from '../support/remote.ts';
import { FORM, PROFILE, fillAndSubmit } from '../support/applicants.ts';
import type { Client } from '../support/platform.ts';
import { usccCheckCharacter } from '../../src/core/credit-code.ts';

const PROGRAM_CODE = 'hebei-2016-internet-plus';
const DESKTOP = { width: 1366, height: 768 };
const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');
const CHECKLIST = ['identity', 'seals', 'investment', 'declarations', 'onsite'].map((id) => ({ id, checked: true, note: '已核实' }));

let e2e: E2E;
let BASE = '';
let province: Staff;
let callId = '';
const demo = new Map<string, { email: string; password: string }>();
const now = () => e2e.now();

function ok(r: { status: number; body: unknown }, status: number, what: string) {
  assert.equal(r.status, status, `${what}: ${JSON.stringify(r.body).slice(0, 600)}`);
}

/** A newly registered enterprise of the city with its profile; returns its signed-in client. */
async function registered(cityCode: string, name: string, body17: string, email: string, divisionCode: string, industryCode: string): Promise<Client> {
  const c = remoteClient(BASE, now);
  const units = (await c.get('/api/public/recommending-units')).body.items as { id: string; code: string }[];
  const r = await c.post('/api/auth/register', { organizationName: name, creditCode: `${body17}${usccCheckCharacter(body17)}`, cityId: units.find((u) => u.code === cityCode)!.id, displayName: '联系人', email, password: 'Tongji-Ceshi-2026' });
  assert.ok(r.status === 201 || r.status === 200, `register ${name}: ${JSON.stringify(r.body)}`);
  ok(await c.post('/api/auth/login', { email, password: 'Tongji-Ceshi-2026' }), 200, `${name} signs in`);
  ok(await c.put('/api/profile', { profile: { ...PROFILE, name, divisionCode, industryCode, itTeamSize: 12 }, baseVersion: 0 }), 200, `${name} profile`);
  return c;
}

const submit = (c: Client, projectName: string) => fillAndSubmit(c, callId, { application: { ...FORM.application, projectName, startDate: '2027-01-01', completionDate: '2028-12-31' } });

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  e2e = await startE2E(5300);
  BASE = e2e.base;
  for (const m of e2e.output().matchAll(/^\s*DEMO (\w+)\s+(\S+)\s+(\S+)/gm)) demo.set(m[1]!, { email: m[2]!, password: m[3]! });
  province = await signInStaff(BASE, now, demo.get('province_officer')!);
  const city = await signInStaff(BASE, now, demo.get('city_officer')!);
  const calls = await province.client.get(`/api/calls?programCode=${PROGRAM_CODE}`);
  const call = (calls.body.items as { id: string; programCode: string; status: string }[]).find((c) => c.programCode === PROGRAM_CODE && c.status === 'open');
  assert.ok(call, `the demo call is open: ${JSON.stringify(calls.body).slice(0, 400)}`);
  callId = call.id;

  const applicant = remoteClient(BASE, now);
  ok(await applicant.post('/api/auth/login', demo.get('applicant')!), 200, 'demo applicant');
  const first = await submit(applicant, '示范智能装备数字化车间项目');
  const sjz = await registered('130100', '石家庄统计测试机械有限公司', '91130104MA0D9L8Y5', 'stats.sjz@example.test', '130104', 'C3511');
  await submit(sjz, '统计测试智能工厂项目');
  const ts1 = await registered('130200', '唐山统计测试钢铁有限公司', '91130203MA0D9L8Y6', 'stats.ts1@example.test', '130203', 'C3110');
  await submit(ts1, '唐山钢铁工业互联网项目');
  const ts2 = await registered('130200', '唐山统计测试陶瓷有限公司', '91130204MA0D9L8Y7', 'stats.ts2@example.test', '130204', 'C3071');
  await submit(ts2, '唐山陶瓷数字化车间项目');
  ok(await city.client.post(`/api/applications/${first}/start-review`), 200, 'start review');
  ok(await city.client.post(`/api/applications/${first}/city-decision`, { decision: 'pass', checklist: CHECKLIST }), 200, 'city passes');
});
after(() => e2e?.stop());

test('the statistics page shows the API’s numbers at 1366×768, and the background export downloads', async () => {
  const api = (await province.client.get('/api/statistics')).body;
  assert.ok(api.totals.submitted >= 4, `four submissions at least: ${JSON.stringify(api.totals)}`);
  await e2e.inBrowser('statistics', DESKTOP, async (page) => {
    await shareSession(province.client, page.context(), BASE);
    await page.goto(`${BASE}/statistics`);
    await page.getByTestId('card-submitted').waitFor({ timeout: 20_000 });
    for (const key of ['applications', 'submitted', 'selected', 'accepted'] as const) {
      const expected = { applications: api.totals.drafted, submitted: api.totals.submitted, selected: api.totals.selected, accepted: api.totals.accepted }[key];
      assert.equal(await page.getByTestId(`card-${key}`).textContent(), String(expected), `card ${key}`);
    }
    for (const f of api.funnel) assert.equal(await page.getByTestId(`funnel-${f.stage}`).textContent(), String(f.count), `funnel ${f.stage}`);
    assert.equal(Number(await page.getByTestId('money-committed').getAttribute('data-fen')), api.money.committedFen, 'committed money');
    const tangshan = api.byCity.find((c: any) => c.cityCode === '130200');
    const row = page.getByTestId('table-byCity').locator('tr', { hasText: '唐山市' }).first();
    assert.match((await row.textContent()) ?? '', new RegExp(`^唐山市${tangshan.counts.drafted}${tangshan.counts.submitted}`), 'the 唐山 row starts with its counts');
    await page.getByTestId('chart-funnel').locator('svg path').first().waitFor({ state: 'attached', timeout: 10_000 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no horizontal scrolling at 1366 px');
    await page.screenshot({ path: path.join(ARTIFACTS, 'statistics.png'), fullPage: true });

    // The background export: the progress bar, then the download.
    await page.getByTestId('export-all').getByRole('button').first().click();
    await page.getByTestId('export-download').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('export-progress').getAttribute('data-status'), 'done', 'the job finished');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    assert.equal(wb.worksheets[0]!.rowCount, 2 + api.totals.drafted, 'one row per application under the title and headers');

    // One table's export reads back with the screen's numbers.
    const [funnelFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-funnel').click()]);
    const fw = new ExcelJS.Workbook();
    await fw.xlsx.readFile(await funnelFile.path());
    assert.deepEqual((fw.worksheets[0]!.getRow(4).values as unknown[]).slice(1), ['已提交', api.totals.submitted], 'the exported funnel');
  });
});

test('the map draws Hebei’s 11 cities with the API’s numbers; clicking 唐山 opens its applications', async () => {
  const api = (await province.client.get('/api/statistics/map?measure=applications')).body;
  assert.equal(api.areas.length, 11, 'eleven areas');
  await e2e.inBrowser('statistics-map', DESKTOP, async (page) => {
    await shareSession(province.client, page.context(), BASE);
    await page.goto(`${BASE}/statistics/map`);
    await page.getByTestId('map-total').waitFor({ timeout: 20_000 });
    await page.getByTestId('province-map').locator('svg path').first().waitFor({ state: 'attached', timeout: 15_000 });
    assert.equal(await page.getByTestId('map-table').locator('tbody tr.clickable-row').count(), 11, 'eleven rows beside the map');
    for (const a of api.areas) assert.equal(await page.getByTestId(`map-value-${a.code}`).textContent(), String(a.value), `value of ${a.name}`);
    assert.equal(await page.getByTestId('map-total').textContent(), String(api.total), 'the total');
    // Each city is one filled region (its outline may be several paths): at least 11 drawn.
    const paths = await page.getByTestId('province-map').locator('svg path').count();
    assert.ok(paths >= 11, `the map draws the cities (${paths} paths)`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no horizontal scrolling at 1366 px');
    await page.screenshot({ path: path.join(ARTIFACTS, 'map.png'), fullPage: true });

    // Click 唐山 on the map (its label), and the list opens filtered to the city.
    const tangshan = api.areas.find((a: any) => a.code === '130200');
    await page.getByTestId('province-map').getByText('唐山市', { exact: true }).click();
    await page.waitForURL(/\/applications\?/, { timeout: 10_000 });
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('cityId'), tangshan.cityId, 'filtered to 唐山');
    const list = await province.client.get(`/api/applications?cityId=${tangshan.cityId}`);
    await page.getByTestId('map-table').waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('.ant-table-tbody tr.clickable-row').first().waitFor({ timeout: 10_000 });
    await page.waitForFunction((n) => document.querySelectorAll('.ant-table-tbody tr.clickable-row').length === n, list.body.total, { timeout: 10_000 }).catch(() => undefined);
    assert.equal(await page.locator('.ant-table-tbody tr.clickable-row').count(), list.body.total, 'the list shows 唐山’s applications');
    assert.equal(list.body.total, tangshan.value, 'as many as the map counts (all submitted)');
  });
});
