/**
 * Browser tests: the real server (`src/main/server.ts`) on a fresh data folder, driven by Debian's
 * Chromium. Each demo account printed at first start signs in — staff set up their authenticator on
 * the way — and sees exactly its role's menu.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { LATEST_MIGRATION } from '../../src/adapters/postgres/migrate.ts';
import { startE2E, type E2E } from '../support/e2e.ts';
import zh from '../../web/src/locales/zh-CN.json' with { type: 'json' };
import { totpCode } from '../../src/adapters/security/security.ts';
import type { Role } from '../../src/core/roles.ts';

/** Each role's side menu, in order (the spec for this test). */
const MENUS: Record<Role, (keyof typeof zh.nav)[]> = {
  applicant: ['home', 'myOrganization', 'profile', 'calls', 'myApplications', 'myProjects', 'operationsReport', 'security'],
  city_officer: ['home', 'myOrganization', 'organizations', 'applications', 'recommendations', 'projects', 'statistics', 'statisticsMap', 'operations', 'capacityMap', 'security'],
  province_officer: ['home', 'myOrganization', 'organizations', 'calls', 'applications', 'selection', 'experts', 'projects', 'spotChecks', 'bans', 'targets', 'statistics', 'statisticsMap', 'operations', 'capacityMap', 'programs', 'security'],
  task_force_reviewer: ['home', 'myOrganization', 'taskForce', 'security'],
  expert: ['home', 'myOrganization', 'reviews', 'security'],
  finance_officer: ['home', 'myOrganization', 'organizations', 'applications', 'selection', 'projects', 'disbursements', 'targets', 'statistics', 'statisticsMap', 'operations', 'capacityMap', 'security'],
  auditor: ['home', 'myOrganization', 'organizations', 'applications', 'selection', 'projects', 'targets', 'statistics', 'statisticsMap', 'operations', 'capacityMap', 'accounts', 'audit', 'security'],
  administrator: ['home', 'myOrganization', 'organizations', 'calls', 'applications', 'selection', 'experts', 'projects', 'spotChecks', 'bans', 'targets', 'statistics', 'statisticsMap', 'operations', 'capacityMap', 'programs', 'accounts', 'audit', 'outbox', 'security'],
};

let e2e: E2E;
let BASE = '';
const credentials = new Map<Role, { email: string; password: string }>();

before(async () => {
  e2e = await startE2E(3900);
  BASE = e2e.base;
  for (const m of e2e.output().matchAll(/^\s*DEMO (\w+)\s+(\S+)\s+(\S+)/gm)) credentials.set(m[1] as Role, { email: m[2]!, password: m[3]! });
});
after(() => e2e?.stop());

test('the first start printed one demo account per role', () => {
  assert.deepEqual([...credentials.keys()].sort(), Object.keys(MENUS).sort());
});

test('the health endpoint answers on the embedded database', async () => {
  const r = await fetch(`${BASE}/api/health`);
  assert.deepEqual(await r.json(), { status: 'ok', database: 'pglite', migration: LATEST_MIGRATION });
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
    await e2e.inBrowser(role, { width: 1366, height: 768 }, async (page) => {
      await signIn(page, role);
      assert.deepEqual(await menuLabels(page), MENUS[role].map((id) => zh.nav[id]));
      if (!MENUS[role].includes('accounts')) {
        await page.goto(`${BASE}/accounts`);
        await page.getByText(zh.errorPages.forbidden).first().waitFor({ timeout: 15_000 });
      }
      await page.goto(`${BASE}/no-such-page`);
      await page.getByText(zh.errorPages.notFound).first().waitFor({ timeout: 15_000 });
    });
  });
}
