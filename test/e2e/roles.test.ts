/**
 * Browser tests: the real server (`src/main/server.ts`) on a fresh data folder, driven by Debian's
 * Chromium. Each demo account printed at first start signs in — staff set up their authenticator on
 * the way — and sees exactly its role's menu.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import zh from '../../web/src/locales/zh-CN.json' with { type: 'json' };
import { totpCode } from '../../src/adapters/security/security.ts';
import type { Role } from '../../src/core/roles.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PORT = 3900 + (process.pid % 90);
const BASE = `http://127.0.0.1:${PORT}`;

/** Each role's side menu, in order (the spec for this test). */
const MENUS: Record<Role, (keyof typeof zh.nav)[]> = {
  applicant: ['home', 'myOrganization', 'security'],
  city_officer: ['home', 'myOrganization', 'organizations', 'security'],
  province_officer: ['home', 'myOrganization', 'organizations', 'security'],
  task_force_reviewer: ['home', 'myOrganization', 'security'],
  expert: ['home', 'myOrganization', 'security'],
  finance_officer: ['home', 'myOrganization', 'organizations', 'security'],
  auditor: ['home', 'myOrganization', 'organizations', 'accounts', 'audit', 'security'],
  administrator: ['home', 'myOrganization', 'organizations', 'accounts', 'audit', 'outbox', 'security'],
};

let server: ChildProcess;
let browser: Browser;
let dataDir: string;
const credentials = new Map<Role, { email: string; password: string }>();
let output = '';

before(async () => {
  execFileSync('node', ['scripts/build-web-if-needed.mjs'], { cwd: ROOT, stdio: 'inherit' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-data-'));
  server = spawn('npx', ['tsx', 'src/main/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 90_000;
  while (!output.includes('Platform running')) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const m of output.matchAll(/^\s*DEMO (\w+)\s+(\S+)\s+(\S+)/gm)) credentials.set(m[1] as Role, { email: m[2]!, password: m[3]! });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the first start printed one demo account per role', () => {
  assert.deepEqual([...credentials.keys()].sort(), Object.keys(MENUS).sort());
});

test('the health endpoint answers on the embedded database', async () => {
  const r = await fetch(`${BASE}/api/health`);
  assert.deepEqual(await r.json(), { status: 'ok', database: 'pglite', migration: 1 });
});

async function signIn(page: Page, role: Role) {
  const { email, password } = credentials.get(role)!;
  await page.goto(`${BASE}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  if (role !== 'applicant') {
    await page.waitForURL(/\/two-factor\/setup/, { timeout: 15_000 });
    const secret = (await page.getByTestId('totp-secret').textContent({ timeout: 15_000 }))!.replace(/\s/g, '');
    await page.locator('#code').fill(totpCode(secret));
    await page.locator('button[type=submit]').click();
  }
  await page.waitForURL(`${BASE}/`, { timeout: 15_000 });
}

async function menuLabels(page: Page): Promise<string[]> {
  const menu = page.locator('.ant-layout-sider .ant-menu');
  await menu.waitFor({ timeout: 15_000 });
  return (await menu.locator('.ant-menu-item').allTextContents()).map((s) => s.trim());
}

for (const role of Object.keys(MENUS) as Role[]) {
  test(`${role} signs in and sees its menu`, { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.error(`[browser ${role}] ${m.text()}`));
    page.on('requestfailed', (r) => console.error(`[browser ${role}] request failed ${r.url()} ${r.failure()?.errorText}`));
    try {
      await signIn(page, role);
      assert.deepEqual(await menuLabels(page), MENUS[role].map((id) => zh.nav[id]));
      if (!MENUS[role].includes('accounts')) {
        await page.goto(`${BASE}/accounts`);
        await page.getByText(zh.errorPages.forbidden).first().waitFor({ timeout: 15_000 });
      }
      await page.goto(`${BASE}/no-such-page`);
      await page.getByText(zh.errorPages.notFound).first().waitFor({ timeout: 15_000 });
      if (role === 'administrator') await page.screenshot({ path: path.join(os.tmpdir(), 'e2e-administrator-home.png') });
    } catch (err) {
      await page.screenshot({ path: path.join(os.tmpdir(), `e2e-failure-${role}.png`) }).catch(() => {});
      console.error(`server output (last lines):\n${output.split('\n').slice(-30).join('\n')}`);
      throw err;
    } finally {
      await context.close();
    }
  });
}
