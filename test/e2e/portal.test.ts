/**
 * Browser test of the public portal (issue 7, Build item 5, and its accessibility line): records are
 * made through the API — the demo's open call, an upcoming call and a draft one, and the demo
 * enterprise's application taken through the selection to a published notice and, once the period
 * has passed (the server's clock moved), the final list. Then, without signing in, at 375×812 and at
 * 1366×768, every portal page is opened: what it shows equals what the API returns, nothing is wider
 * than a phone, and axe-core finds no serious or critical violation. Screenshots go to
 * test-artifacts/portal-*.png. The real server (`src/main/server.ts`) on a fresh data folder, driven
 * by Debian's Chromium.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../support/e2e.ts';
import { signInStaff, remoteClient, type Staff } from '../support/remote.ts';
import type { Client } from '../support/platform.ts';
import { demoAccounts, ok, openDemoCall, takeToNotice } from '../support/e2e-selection.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const PROGRAM_CODE = 'hebei-2016-internet-plus';
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1366, height: 768 };
const DAY = 24 * 60 * 60 * 1000;
const PROJECT_NAME = '门户展示智能装备数字化车间项目';
const FINAL_NUMBER = '冀工信〔2027〕9号';

let e2e: E2E;
let BASE = '';
const demo = new Map<string, { email: string; password: string }>();
let province: Staff;
let anonymous: Client;
let callId = '';
let draftCallId = '';
let noticeId = '';

const now = () => e2e.now();
/** The server's date in Asia/Shanghai, YYYY-MM-DD, `plusDays` on. */
const today = (plusDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now().getTime() + plusDays * DAY));


before(async () => {
  // Clear of the other browser tests' ranges (3900–4989).
  e2e = await startE2E(5700);
  BASE = e2e.base;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  anonymous = remoteClient(BASE, now);
  for (const [role, account] of demoAccounts(e2e)) demo.set(role, account);
  province = await signInStaff(BASE, now, demo.get('province_officer')!);
  const city = await signInStaff(BASE, now, demo.get('city_officer')!);
  const expert = await signInStaff(BASE, now, demo.get('expert')!);

  callId = await openDemoCall(province, PROGRAM_CODE);
  // An upcoming call (published) and a draft (never public).
  const upcoming = await province.client.post('/api/calls', { programCode: PROGRAM_CODE, programVersion: 1, title: '下一批“互联网+”制造业试点示范申报通知', opensOn: today(40), deadlineDate: today(70), materials: '请按通知要求准备材料。' });
  ok(upcoming, 201, 'upcoming call');
  ok(await province.client.post(`/api/calls/${upcoming.body.id}/publish`), 200, 'publish the upcoming call');
  const draft = await province.client.post('/api/calls', { programCode: PROGRAM_CODE, programVersion: 1, title: '尚未发布的草稿通知', opensOn: today(0), deadlineDate: today(60) });
  ok(draft, 201, 'draft call');
  draftCallId = draft.body.id;

  // The demo enterprise's application through the selection, over the API (as test/e2e/projects.test.ts).
  const applicant = remoteClient(BASE, now);
  ok(await applicant.post('/api/auth/login', demo.get('applicant')!), 200, 'applicant sign-in');
  ({ noticeId } = await takeToNotice({ province, city, expert, applicant, callId, projectName: PROJECT_NAME, cityDocumentNumber: '石工信〔2026〕90号', score: 88 }));
  // The period passes: the server's clock moves three weeks on and the officer signs in again.
  e2e.moveClock(21 * DAY);
  province = await signInStaff(BASE, now, { email: province.email, password: province.password, secret: province.secret });
  ok(await province.client.post(`/api/calls/${callId}/final-list`, { documentNumber: FINAL_NUMBER }), 200, 'final list');
});
after(() => e2e?.stop());

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string; html: string }[];
}

/** Runs axe-core on the page; fails with every serious or critical violation written out. */
async function assertAccessible(page: Page, what: string) {
  // The server's Content-Security-Policy (script-src 'self') refuses an injected <script> tag
  // (page.addScriptTag); evaluating the source through the DevTools protocol is not subject to it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }).axe;
    return axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
  });
  const bad = (result.violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = bad
    .map((v) => `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.slice(0, 5).map((n) => `    at ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300)}\n      ${n.html.slice(0, 200)}`).join('\n')}`)
    .join('\n');
  assert.equal(bad.length, 0, `${what}: axe found serious or critical violations:\n${text}`);
}

async function assertFits(page: Page, what: string, viewport: { width: number }) {
  const { scrollWidth, innerWidth, wide } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    // The innermost elements reaching past the window's right edge, to say what to fix.
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 0.5))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)} px)`),
  }));
  assert.ok(scrollWidth <= innerWidth, `${what} is no wider than the window at ${viewport.width} px (scrollWidth ${scrollWidth}, innerWidth ${innerWidth}); too wide: ${wide.join(', ')}`);
}

/** Every page once: opens it, checks what it shows against `check`, its width and axe; takes its screenshot. */
async function visit(page: Page, viewport: { width: number; height: number }, name: string, url: string, ready: string, check: (page: Page) => Promise<void>) {
  await page.goto(`${BASE}${url}`);
  await page.locator(ready).first().waitFor({ timeout: 20_000 });
  // No skeleton left: every part of the page has its data.
  await page.locator('.ant-skeleton').first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => {});
  await check(page);
  if (viewport.width < 768) await assertFits(page, name, viewport);
  await assertAccessible(page, `${name} at ${viewport.width}×${viewport.height}`);
  await page.screenshot({ path: path.join(ARTIFACTS, `portal-${name}-${viewport.width}.png`), fullPage: true });
}

const ids = async (page: Page, selector: string, prefix: string) =>
  (await page.locator(selector).evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).map((id) => id.slice(prefix.length));

for (const viewport of [PHONE, DESKTOP]) {
  test(`every portal page at ${viewport.width}×${viewport.height}: the API's items, no horizontal scroll, no serious axe violation`, { timeout: 240_000 }, async () => {
    const openCalls = (await anonymous.get('/api/public/calls?status=open&pageSize=5')).body;
    const allCalls = (await anonymous.get('/api/public/calls?page=1&pageSize=10')).body;
    const lists = (await anonymous.get('/api/public/final-lists?page=1&pageSize=10')).body;
    const notices = (await anonymous.get('/api/public/notices?page=1&pageSize=10')).body;
    const titles = (await anonymous.get('/api/public/titles?page=1&pageSize=10')).body;
    const call = (await anonymous.get(`/api/public/calls/${callId}`)).body;
    const list = (await anonymous.get(`/api/public/final-lists/${noticeId}`)).body;
    assert.ok(allCalls.items.length >= 2 && lists.items.length >= 1 && notices.items.length >= 1, `records for the portal: ${JSON.stringify({ calls: allCalls.total, lists: lists.total, notices: notices.total })}`);
    assert.ok(!allCalls.items.some((c: { id: string }) => c.id === draftCallId), 'the draft call is not public');
    assert.equal((await anonymous.get(`/api/public/calls/${draftCallId}`)).status, 404);

    await e2e.inBrowser(`portal-${viewport.width}`, viewport, async (page) => {
      await visit(page, viewport, 'home', '/portal', '[data-testid="portal-section-open-calls"] li, [data-testid="portal-section-open-calls"] .ant-empty', async (p) => {
        for (const [key, total] of [['openCalls', openCalls.total], ['finalLists', lists.total], ['notices', notices.total], ['titles', titles.total]] as const) {
          await p.locator(`[data-testid="portal-stat-${key}"] .portal-stat-value[data-value="${total}"]`).waitFor({ timeout: 15_000 });
        }
        assert.deepEqual(await ids(p, '[data-testid="portal-section-open-calls"] li[data-status]', 'portal-call-'), openCalls.items.map((c: { id: string }) => c.id), 'the open calls');
        assert.deepEqual(await ids(p, '[data-testid="portal-section-latest-final-lists"] li[data-testid^="portal-final-list-"]', 'portal-final-list-'), lists.items.slice(0, 5).map((l: { id: string }) => l.id), 'the latest final lists');
        const remaining = await p.locator(`[data-testid="portal-call-${callId}"] [data-testid="call-remaining"]`).textContent();
        const days = allCalls.items.find((c: { id: string }) => c.id === callId).remainingDays;
        assert.ok(remaining?.includes(String(days)) || (days === 0 && remaining?.includes('今日截止')), `the days left (${days}) are shown: ${remaining}`);
      });

      if (viewport.width < 768) {
        // On a phone the navigation is behind the menu button, which says whether it is open.
        const nav = page.getByTestId('portal-nav');
        assert.equal(await nav.isVisible(), false, 'the navigation is collapsed on a phone');
        await page.getByTestId('portal-menu-button').click();
        assert.equal(await page.getByTestId('portal-menu-button').getAttribute('aria-expanded'), 'true');
        await nav.getByRole('link', { name: '正式名单' }).click();
        await page.waitForURL(`${BASE}/portal/final-lists`, { timeout: 15_000 });
        await nav.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
        assert.equal(await nav.isVisible(), false, 'choosing a page closes the menu');
      } else {
        assert.equal(await page.getByTestId('portal-nav').isVisible(), true, 'the navigation shows at desktop width');
      }

      await visit(page, viewport, 'calls', '/portal/calls', '[data-testid="portal-calls-list"] [data-status]', async (p) => {
        assert.deepEqual(await ids(p, '[data-testid="portal-calls-list"] [data-status][data-testid^="portal-call-"]', 'portal-call-'), allCalls.items.map((c: { id: string }) => c.id), 'the calls, in the API’s order');
        assert.equal(await p.getByTestId('portal-calls-total').getAttribute('data-total'), String(allCalls.total));
      });
      await visit(page, viewport, 'calls-upcoming', '/portal/calls?status=upcoming', '[data-testid="portal-calls-list"] [data-status], .ant-empty', async (p) => {
        const upcoming = (await anonymous.get('/api/public/calls?status=upcoming')).body;
        assert.deepEqual(await ids(p, '[data-testid="portal-calls-list"] [data-status][data-testid^="portal-call-"]', 'portal-call-'), upcoming.items.map((c: { id: string }) => c.id), 'the upcoming calls');
      });
      await visit(page, viewport, 'call', `/portal/calls/${callId}`, '[data-testid="portal-call-rules"]', async (p) => {
        assert.equal((await p.getByTestId('portal-call-title').textContent())?.trim(), call.title);
        assert.equal(await p.locator('[data-testid^="portal-rule-"]').count(), call.rules.length, 'every rule');
        assert.equal(await p.locator('[data-testid^="portal-attachment-"]').count(), call.attachments.length, 'every attachment');
        assert.equal(await p.locator('[data-testid^="portal-template-"]').count(), call.templates.length, 'every blank form');
        const text = (await p.getByTestId('portal-call').textContent()) ?? '';
        for (const r of call.rules) assert.ok(text.includes(r.citation), `the citation ${r.citation} is shown`);
      });
      await visit(page, viewport, 'final-lists', '/portal/final-lists', '[data-testid="portal-final-lists-list"] li', async (p) => {
        assert.deepEqual(await ids(p, 'li[data-testid^="portal-final-list-"]', 'portal-final-list-'), lists.items.map((l: { id: string }) => l.id), 'the final lists');
        const numbers = await p.getByTestId('final-list-number').allTextContents();
        assert.deepEqual(numbers, lists.items.map((l: { documentNumber: string }) => l.documentNumber));
      });
      await visit(page, viewport, 'final-list', `/portal/final-lists/${noticeId}`, '[data-testid="portal-final-list-items"]', async (p) => {
        assert.equal((await p.getByTestId('portal-final-list-number').textContent())?.trim(), FINAL_NUMBER);
        assert.deepEqual((await p.getByTestId('final-item-project').allTextContents()).map((s) => s.trim()), list.items.map((i: { projectName: string }) => i.projectName));
        assert.ok(list.items.some((i: { projectName: string }) => i.projectName === PROJECT_NAME), 'the selected project is on the list');
        const text = (await p.locator('main').textContent()) ?? '';
        assert.ok(!/91130|13800000000|@demo\.example/.test(text), 'no credit code, phone or e-mail of the applicant');
      });
      await visit(page, viewport, 'notices', '/public/notices', '[data-testid="public-notices-list"] .ant-list-item', async (p) => {
        assert.deepEqual(await ids(p, '[data-testid^="public-notice-"].ant-list-item', 'public-notice-'), notices.items.map((n: { id: string }) => n.id), 'the notices');
      });
      await visit(page, viewport, 'notice', `/public/notices/${noticeId}`, '[data-testid="public-notice-items"]', async (p) => {
        const items = (await p.getByTestId('public-notice-items').textContent()) ?? '';
        assert.ok(items.includes(PROJECT_NAME), 'the notice lists the project');
      });
      await visit(page, viewport, 'titles', '/public/titles', '[data-testid="public-titles-list"]', async (p) => {
        assert.equal(await p.locator('[data-testid^="public-title-"]').count(), titles.items.length, 'the titled enterprises');
      });

      // The sign-in page is one click from the portal and links back to it.
      await page.goto(`${BASE}/portal`);
      await page.getByTestId('portal-sign-in').waitFor({ state: 'attached', timeout: 15_000 });
      if (viewport.width < 768) await page.getByTestId('portal-menu-button').click();
      await page.getByTestId('portal-sign-in').click();
      await page.waitForURL(`${BASE}/login`, { timeout: 15_000 });
      await page.locator('#email').waitFor({ timeout: 15_000 });
      if (viewport.width < 768) {
        await assertFits(page, 'the sign-in page', viewport);
        await page.getByTestId('portal-menu-button').click();
      }
      await page.getByTestId('portal-nav').getByRole('link', { name: '首页' }).click();
      await page.waitForURL(`${BASE}/portal`, { timeout: 15_000 });

      // The document's language follows the switch.
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
      if (viewport.width < 768) await page.getByTestId('portal-menu-button').click();
      await page.getByTestId('language-switch').getByText('EN').click();
      await page.getByRole('heading', { level: 1, name: 'Industrial-internet pilots and subsidies: public information' }).waitFor({ timeout: 15_000 });
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await assertAccessible(page, `the English home at ${viewport.width}`);
    });
  });
}
