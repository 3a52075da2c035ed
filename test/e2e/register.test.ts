/**
 * Browser tests: an enterprise registers itself on a phone, is told which field the server rejected
 * (and keeps everything it typed), corrects it and lands signed in; then, at a desktop size, edits
 * its own organization's contact phone. The real server (`src/main/server.ts`) on a fresh data
 * folder, driven by Debian's Chromium, as in roles.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startE2E, type E2E } from '../support/e2e.ts';
import zh from '../../web/src/locales/zh-CN.json' with { type: 'json' };

/** The applicant this file registers; the second case signs in as them. */
const APPLICANT = {
  organizationName: '河北云联智造科技有限公司',
  wrongCreditCode: '91350100M000100Y44',
  creditCode: '91350100M000100Y43',
  city: '石家庄市',
  displayName: '王晓敏',
  email: 'wang.xiaomin@yunlian.example',
  password: 'Hebei-Gongye-Pingtai',
};

/** An applicant's side menu. */
const APPLICANT_MENU = [zh.nav.home, zh.nav.myOrganization, zh.nav.profile, zh.nav.calls, zh.nav.myApplications, zh.nav.myProjects, zh.nav.operationsReport, zh.nav.security];

let e2e: E2E;
let BASE = '';

before(async () => {
  // Not roles.test.ts's range (3900–3989); clear of 4045 and 4190, which Chromium refuses.
  e2e = await startE2E(4100);
  BASE = e2e.base;
});
after(() => e2e?.stop());

const inBrowser: E2E['inBrowser'] = (name, viewport, body) => e2e.inBrowser(name, viewport, body);

/** The form item holding the control with this id (its label, control and messages). */
const formItem = (page: Page, id: string): Locator => page.locator('.ant-form-item').filter({ has: page.locator(`[id="${id}"]`) });

/** The field's error message(s), once shown. */
async function fieldErrors(page: Page, id: string): Promise<string[]> {
  const errors = formItem(page, id).locator('.ant-form-item-explain-error');
  await errors.first().waitFor({ timeout: 15_000 });
  return (await errors.allTextContents()).map((s) => s.trim());
}

/** The side menu's entries (there, if folded to icons, on a phone too). */
async function menuLabels(page: Page): Promise<string[]> {
  const menu = page.getByTestId('side-menu');
  await menu.waitFor({ timeout: 15_000 });
  return (await menu.locator('.ant-menu-item').allTextContents()).map((s) => s.trim());
}

test('an enterprise registers on a phone: the server rejects the credit code, nothing typed is lost, the corrected form signs it in', { timeout: 90_000 }, async () => {
  await inBrowser('register-phone', { width: 375, height: 740 }, async (page) => {
    await page.goto(`${BASE}/register`);
    await page.locator('#organizationName').fill(APPLICANT.organizationName);
    await page.locator('#creditCode').fill(APPLICANT.wrongCreditCode);
    await page.locator('#cityId').click();
    await page.locator('#cityId').fill('石家庄');
    await page.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${APPLICANT.city}$`) }).click();
    await page.locator('#displayName').fill(APPLICANT.displayName);
    await page.locator('#email').fill(APPLICANT.email);
    await page.locator('#password').fill(APPLICANT.password);
    await page.locator('#confirmPassword').fill(APPLICANT.password);
    await page.locator('button[type=submit]').click();

    assert.deepEqual(await fieldErrors(page, 'creditCode'), ['统一社会信用代码：第 18 位校验码应为“3”而不是“4”：请核对前 17 位是否输错']);
    assert.equal(await page.locator('#organizationName').inputValue(), APPLICANT.organizationName);
    assert.equal(await page.locator('#creditCode').inputValue(), APPLICANT.wrongCreditCode);
    assert.equal((await formItem(page, 'cityId').locator('.ant-select-content').textContent())?.trim(), APPLICANT.city);
    assert.equal(await page.locator('#displayName').inputValue(), APPLICANT.displayName);
    assert.equal(await page.locator('#email').inputValue(), APPLICANT.email);
    assert.equal(await page.locator('#password').inputValue(), APPLICANT.password);
    assert.equal(await page.locator('#confirmPassword').inputValue(), APPLICANT.password);
    assert.equal(new URL(page.url()).pathname, '/register');

    await page.locator('#creditCode').fill(APPLICANT.creditCode);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${BASE}/`, { timeout: 15_000 });
    // On a phone the side menu is folded to its icons, but it is there with the applicant's screens.
    assert.deepEqual(await menuLabels(page), APPLICANT_MENU);
    // Below 760 px the header shows only the avatar; its menu names the user and the organization.
    await page.getByTestId('user-menu').click();
    const card = page.locator('.user-menu-card');
    await card.waitFor({ timeout: 15_000 });
    assert.match((await card.textContent()) ?? '', new RegExp(`${APPLICANT.displayName}.*${APPLICANT.organizationName}`));
  });
});

test('the new applicant corrects its organization’s contact phone at a desktop size, and the saved value survives a reload', { timeout: 90_000 }, async () => {
  await inBrowser('my-organization', { width: 1366, height: 768 }, async (page) => {
    await page.goto(`${BASE}/login`);
    await page.locator('#email').fill(APPLICANT.email);
    await page.locator('#password').fill(APPLICANT.password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${BASE}/`, { timeout: 15_000 });
    assert.deepEqual(await menuLabels(page), APPLICANT_MENU);
    const userMeta = page.getByTestId('user-menu').locator('.user-meta');
    await userMeta.waitFor({ timeout: 15_000 });
    assert.match((await userMeta.textContent()) ?? '', new RegExp(APPLICANT.organizationName));

    await page.locator('.ant-layout-sider .ant-menu-item').filter({ hasText: zh.nav.myOrganization }).click();
    await page.waitForURL(`${BASE}/my-organization`, { timeout: 15_000 });
    const phone = page.locator('#contactPhone');
    await phone.waitFor({ timeout: 15_000 });
    const updates: string[] = [];
    page.on('request', (r) => r.method() === 'PATCH' && r.url().includes('/api/organizations/') && updates.push(r.url()));
    const save = page.locator('.contact-form button[type=submit]');

    // The form's own rule catches it (the server's message, "应为手机号码或固定电话（如 0311-12345678）",
    // is for a client that skips the check): the field says so and nothing is sent.
    await phone.fill('12345');
    await save.click();
    assert.deepEqual(await fieldErrors(page, 'contactPhone'), ['联系电话：请输入手机号码或带区号的固定电话']);
    assert.deepEqual(updates, []);

    await phone.fill('0311-87654321');
    await save.click();
    await page.locator('.ant-message').getByText(zh.organization.saved).waitFor({ timeout: 15_000 });
    assert.equal(updates.length, 1);
    // The error leaves with an animation, so wait for it rather than count it.
    await formItem(page, 'contactPhone').locator('.ant-form-item-explain-error').waitFor({ state: 'detached', timeout: 15_000 });

    await page.reload();
    await phone.waitFor({ timeout: 15_000 });
    assert.equal(await phone.inputValue(), '0311-87654321');
  });
});
