/**
 * Browser test of platform operation data (003 三（一）): the demo enterprise's application is taken
 * through selection over the API; then, in the browser, the enterprise reports its month through the
 * form (with a product line and effects) and creates an API token shown once; the province officer sees
 * the figures in /operations (cards against the API) and on the capacity map (行业产能地图), whose
 * city shading and table match the API, clicking the city lists the enterprise's product line; the map
 * is photographed to test-artifacts/capacity-map.png. The real server on a fresh data folder, Debian's
 * Chromium.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../support/e2e.ts';
import { signInStaff, shareSession, remoteClient, type Staff } from '../support/remote.ts';
import type { Client } from '../support/platform.ts';
import { demoAccounts, ok, openDemoCall, takeToNotice } from '../support/e2e-selection.ts';

const PROGRAM_CODE = 'hebei-2016-internet-plus';
const DESKTOP = { width: 1366, height: 768 };
const DAY = 24 * 60 * 60 * 1000;
const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

let e2e: E2E;
let BASE = '';
const demo = new Map<string, { email: string; password: string }>();
let province: Staff;
let city: Staff;
let applicant: Client;

const now = () => e2e.now();
async function signInApplicant(): Promise<Client> {
  const c = remoteClient(BASE, now);
  ok(await c.post('/api/auth/login', demo.get('applicant')!), 200, 'applicant sign-in');
  return c;
}

before(async () => {
  e2e = await startE2E(5500);
  BASE = e2e.base;
  for (const [role, account] of demoAccounts(e2e)) demo.set(role, account);
  province = await signInStaff(BASE, now, demo.get('province_officer')!);
  city = await signInStaff(BASE, now, demo.get('city_officer')!);
  const expert = await signInStaff(BASE, now, demo.get('expert')!);
  const callId = await openDemoCall(province, PROGRAM_CODE);
  applicant = await signInApplicant();
  await takeToNotice({ province, city, expert, applicant, callId, projectName: '机床工业互联网平台项目', cityDocumentNumber: '石工信〔2026〕88号' });
  e2e.moveClock(21 * DAY);
  province = await signInStaff(BASE, now, { email: province.email, password: province.password, secret: province.secret });
  applicant = await signInApplicant();
  ok(await province.client.post(`/api/calls/${callId}/final-list`, { documentNumber: '冀工信〔2027〕5号' }), 200, 'final list');
});
after(() => e2e?.stop());

/** The input of an antd control, whether the test id sits on the input or on its wrapper. */
const inputOf = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

test('an enterprise reports its month through the form; the officer sees it in /operations and on the capacity map', async () => {
  await e2e.inBrowser('operations-report', DESKTOP, async (page) => {
    await shareSession(applicant, page.context(), BASE);
    await page.goto(`${BASE}/operations/report`);
    await page.getByTestId('operations-prefill').waitFor({ timeout: 20_000 });
    assert.match((await page.getByTestId('operations-prefill').textContent()) ?? '', /首次报送/);
    await inputOf(page, 'operations-connectedDevices').fill('1280');
    await inputOf(page, 'operations-platformUsers').fill('46');
    await inputOf(page, 'operations-industrialApps').fill('17');
    await inputOf(page, 'operations-cloudEnterprises').fill('23');
    await page.getByTestId('operations-add-line').click();
    await inputOf(page, 'operations-line-0-product').fill('数控机床');
    await inputOf(page, 'operations-line-0-industry').fill('C3421');
    await inputOf(page, 'operations-line-0-unit').fill('台');
    await inputOf(page, 'operations-line-0-capacity').fill('85');
    await inputOf(page, 'operations-effect-operatingCost').fill('-21.5');
    await page.getByTestId('operations-submit').click();
    await page.getByText(/已报送.*（第 1 次）/).waitFor({ timeout: 10_000 });
    await page.getByTestId('operations-history').getByText('1,280').waitFor({ timeout: 10_000 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the form fits 1366 px');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'operations-report.png'), fullPage: true });

    // A token, shown once.
    await page.getByTestId('token-name').fill('MES 对接');
    await page.getByTestId('token-create').click();
    const token = (await page.getByTestId('token-value').textContent({ timeout: 10_000 })) ?? '';
    assert.match(token, /iiop_/, 'the token is shown');
  });
  const mine = await applicant.get('/api/operations/my/reports');
  ok(mine, 200, 'my reports');
  const report = mine.body.items[0];
  assert.deepEqual([report.connectedDevices, report.platformUsers, report.industrialApps, report.cloudEnterprises, report.effects.operatingCost], [1280, 46, 17, 23, -2150], 'stored as typed, the effect in basis points');
  assert.deepEqual(report.productLines, [{ productName: '数控机床', industryCode: 'C3421', unit: '台', monthlyCapacity: 85 }]);

  const view = (await province.client.get('/api/operations/view')).body;
  assert.equal(view.totals.connectedDevices, 1280, 'the API counts the report');
  await e2e.inBrowser('operations-view', DESKTOP, async (page) => {
    await shareSession(province.client, page.context(), BASE);
    await page.goto(`${BASE}/operations`);
    await page.getByTestId('operations-card-connectedDevices').waitFor({ timeout: 20_000 });
    for (const k of ['connectedDevices', 'platformUsers', 'industrialApps', 'cloudEnterprises'] as const) {
      const text = (await page.getByTestId(`operations-card-${k}`).locator('.ant-statistic-content').textContent()) ?? '';
      assert.equal(Number(text.replace(/[^\d]/g, '')), view.totals[k], `card ${k}`);
    }
    await page.getByTestId('reporters-table').getByText('1,280').waitFor({ timeout: 10_000 });
    await page.getByTestId('operations-trend').locator('svg').waitFor({ timeout: 10_000 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no horizontal scrolling at 1366 px');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'operations.png'), fullPage: true });
  });

  const map = (await province.client.get('/api/operations/capacity?industry=C34')).body;
  assert.deepEqual(map.cities.map((c: { divisionCode: string; total: number }) => [c.divisionCode, c.total]), [['130100', 85]], 'the API’s capacity by city');
  await e2e.inBrowser('capacity-map', DESKTOP, async (page) => {
    await shareSession(province.client, page.context(), BASE);
    await page.goto(`${BASE}/operations/capacity?industry=C34`);
    await page.getByTestId('capacity-table').waitFor({ timeout: 20_000 });
    await page.getByTestId('capacity-map').locator('svg path').first().waitFor({ state: 'attached', timeout: 15_000 });
    assert.ok((await page.getByTestId('capacity-map').locator('svg path').count()) >= 11, 'Hebei’s cities are drawn');
    for (const c of map.cities) assert.equal(await page.getByTestId(`capacity-total-${c.divisionCode}`).textContent(), c.total.toLocaleString('zh-CN'), `the table’s ${c.cityName}`);
    assert.match((await page.getByTestId('capacity-sum').locator('.ant-card-head-title').textContent()) ?? '', new RegExp(`${map.total}\\s*台`), 'the province total');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'capacity-map.png'), fullPage: true });
    // Clicking 石家庄 on the map lists its enterprise and product line.
    await page.getByTestId('capacity-map').getByText('石家庄市', { exact: true }).click();
    const lines = page.getByTestId('capacity-city-lines');
    await lines.getByText('数控机床').waitFor({ timeout: 10_000 });
    assert.match((await lines.textContent()) ?? '', /85 台/);
  });
});
