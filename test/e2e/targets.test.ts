/**
 * Browser test of the province's target dashboard (issue 7 item 1) on Hebei's plan (002): reports are
 * made over the API and one through the page's form (a revenue typed in 万元, stored in fen); the
 * dashboard at 1366×768 is photographed to test-artifacts/targets.png, its summary cards and table are
 * compared with the API's numbers, and the exported .xlsx is downloaded and read back.
 * The real server (`src/main/server.ts`) on a fresh data folder, driven by Debian's Chromium.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../support/e2e.ts';
import { shareSession, signInStaff, type Staff } from '../support/remote.ts';

const DESKTOP = { width: 1366, height: 768 };
const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

let e2e: E2E;
let BASE = '';
let province: Staff;

before(async () => {
  e2e = await startE2E(5100);
  BASE = e2e.base;
  const demo = new Map<string, { email: string; password: string }>();
  for (const m of e2e.output().matchAll(/^\s*DEMO (\w+)\s+(\S+)\s+(\S+)/gm)) demo.set(m[1]!, { email: m[2]!, password: m[3]! });
  province = await signInStaff(BASE, () => e2e.now(), demo.get('province_officer')!);
  const reports: [string, Record<string, unknown>][] = [
    ['supply-chain-platforms-2020', { period: '2025Q4', value: 4, evidence: '冀工信统〔2026〕2号' }], // achieved
    ['smart-factories-2020', { period: '2025Q4', value: 180, evidence: '省级智能工厂名单' }], // overdue
    ['integration-rank-2025', { period: '2025Q4', value: 12, evidence: '两化融合发展数据地图' }], // rank, overdue
    ['device-networking-rate-2020', { period: '2025Q4', value: 5200, evidence: '联网率抽样调查' }], // a share, achieved
  ];
  for (const [id, body] of reports) {
    const r = await province.client.post(`/api/targets/${id}/reports`, body);
    assert.equal(r.status, 201, `${id}: ${JSON.stringify(r.body).slice(0, 300)}`);
  }
});
after(() => e2e?.stop());

const cardValue = async (page: Page, key: string) => Number((await page.getByTestId(`targets-card-${key}`).locator('.ant-statistic-content-value').innerText()).replace(/[^\d]/g, ''));

test('the dashboard shows the API’s numbers, takes a report in 万元, and exports the same rows', { timeout: 240_000 }, async () => {
  await e2e.inBrowser('targets', DESKTOP, async (page) => {
    await shareSession(province.client, page.context(), BASE);
    await page.goto(`${BASE}/targets`);
    await page.getByTestId('targets-table').locator('tbody tr[data-testid^="target-row-"]').first().waitFor({ timeout: 30_000 });

    // A report through the form: 3.5 万亿 typed as 35,000,000 万元.
    await page.getByTestId('target-open-related-industry-revenue-2020').click();
    await page.getByTestId('target-report-form').waitFor({ timeout: 15_000 });
    await page.getByTestId('target-report-period').fill('2025Q4');
    await page.getByTestId('target-report-value').fill('35000000');
    await page.getByTestId('target-report-evidence').fill('河北省2025年国民经济和社会发展统计公报');
    await page.getByTestId('target-report-submit').click();
    await page.getByTestId('target-reports').waitFor({ timeout: 15_000 });
    const after = await province.client.get('/api/targets/related-industry-revenue-2020/history');
    assert.equal(after.body.reports.at(-1)?.value, 35_000_000_000_000, 'stored in fen');
    // The screen afresh, from its top, for the numbers and the picture.
    await page.goto(`${BASE}/targets`);

    const api = (await province.client.get('/api/targets?pageSize=20')).body;
    await page.getByTestId('target-current-related-industry-revenue-2020').filter({ hasText: '35,000,000 万元' }).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300); // the chart redraws without animation; let layout settle
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'targets.png') });

    assert.equal(await cardValue(page, 'achieved'), api.summary.achieved, 'achieved card');
    assert.equal(await cardValue(page, 'on_track'), api.summary.on_track, 'on-track card');
    assert.equal(await cardValue(page, 'behind'), api.summary.behind + api.summary.overdue, 'behind card (overdue included)');
    assert.equal(await cardValue(page, 'no_data'), api.summary.no_data, 'no-data card');
    assert.ok(api.summary.achieved >= 2 && api.summary.overdue >= 2, `the reports above show up: ${JSON.stringify(api.summary)}`);

    const rows = page.getByTestId('targets-table').locator('tbody tr[data-testid^="target-row-"]');
    assert.equal(await rows.count(), api.items.length, 'one row per target on the page');
    for (const r of api.items) {
      assert.equal((await page.getByTestId(`target-current-${r.id}`).innerText()).trim(), r.display.current?.['zh-CN'] ?? '—', `${r.id} current`);
      assert.equal((await page.getByTestId(`target-value-${r.id}`).innerText()).trim(), r.display.value['zh-CN'], `${r.id} value`);
      assert.equal(await page.getByTestId(`target-progress-${r.id}`).getAttribute('data-progress'), r.display.progress, `${r.id} progress`);
      assert.equal((await page.getByTestId(`target-status-${r.id}`).innerText()).trim(), r.display.status['zh-CN'], `${r.id} status`);
      const cls = (await page.getByTestId(`target-row-${r.id}`).getAttribute('class')) ?? '';
      assert.equal(cls.includes('target-row-behind'), r.behind, `${r.id}: behind-schedule rows stand out`);
      assert.equal(await page.getByTestId(`target-behind-${r.id}`).count(), r.behind ? 1 : 0, `${r.id}: the behind tag`);
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= DESKTOP.width, `no sideways scrolling of the page at 1366 px (${width})`);
    assert.ok(await page.getByTestId('targets-chart').locator('svg').count(), 'the progress chart is drawn');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('targets-export').click()]);
    assert.match(download.suggestedFilename(), /目标完成情况.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const sheet = wb.worksheets[0]!;
    const all = (await province.client.get('/api/targets?pageSize=100')).body;
    assert.equal(sheet.getCell('A1').value, `${all.plan.name['zh-CN']}目标完成情况`);
    all.items.forEach((r: any, i: number) => {
      const cell = (c: number) => sheet.getRow(4 + i).getCell(c).value ?? null;
      assert.deepEqual([cell(3), cell(4), cell(6), cell(7), cell(8)], [r.name['zh-CN'], r.display.value['zh-CN'], r.display.current?.['zh-CN'] ?? '—', r.share, r.display.status['zh-CN']], `xlsx row ${i + 1} (${r.id})`);
    });
  });
});
