/**
 * Browser tests of the program designer: the province officer makes the next version of a program
 * without a release — clones Hebei's 2016 “Internet+” program, raises the IT-team minimum from 10
 * to 15 (the expression type-checks as it is typed), tries the change on the saved sample with a
 * 12-person team (now refused, citing 000 第五条（二）), publishes it and sees the difference. Then a
 * rule that does not type-check is saved in a draft and publication is refused, naming the rule.
 * The real server (`src/main/server.ts`) on a fresh data folder, driven by Debian's Chromium, as in
 * roles.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Cookie, Locator, Page } from 'playwright-core';
import { startE2E, type E2E } from '../support/e2e.ts';
import zh from '../../web/src/locales/zh-CN.json' with { type: 'json' };
import { totpCode } from '../../src/adapters/security/security.ts';

const PROGRAM = { code: 'hebei-2016-internet-plus', name: '河北省“互联网+”制造业试点示范' };
const SAMPLE_TWELVE = '石家庄某智能装备公司（信息化队伍 12 人）';
const BEFORE = 'applicant.itTeamSize >= 10';
const AFTER = 'applicant.itTeamSize >= 15';
const BROKEN = 'applicant.itTeamSize >= "ten"';
const P = zh.programs;

let e2e: E2E;
let BASE = '';
let officer = { email: '', password: '' };
/** The signed-in officer's session, kept from the first case for the next (a second sign-in would reuse a TOTP code). */
let session: Cookie[] = [];

before(async () => {
  // Not roles.test.ts's range (3900–3989) nor register.test.ts's (4100–4189).
  e2e = await startE2E(4300);
  BASE = e2e.base;
  const m = /^\s*DEMO province_officer\s+(\S+)\s+(\S+)/m.exec(e2e.output());
  assert.ok(m, 'the server printed the province officer’s demo account');
  officer = { email: m[1]!, password: m[2]! };
});
after(() => e2e?.stop());

/**
 * A button by its label. antd spaces out two-character Chinese labels (“保 存”), and a button's icon
 * names itself first (“save 保存”).
 */
const button = (scope: Page | Locator, label: string) => scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...label].join('\\s*')}\\s*$`) });
const tab = (page: Page, label: string) => page.getByRole('tab', { name: label, exact: true });
const status = (page: Page) => page.getByTestId('version-status');
const ruleRow = (page: Page, id: string) => page.locator(`.ant-tabs-content-active tr[data-row-key="${id}"]`);

async function signInFirstTime(page: Page) {
  await page.goto(`${BASE}/login`);
  await page.locator('#email').fill(officer.email);
  await page.locator('#password').fill(officer.password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/two-factor\/setup/, { timeout: 15_000 });
  const secret = (await page.getByTestId('totp-secret').textContent({ timeout: 15_000 }))!.replace(/\s/g, '');
  await page.locator('#code').fill(totpCode(secret));
  await page.locator('button[type=submit]').click();
  await page.waitForURL(`${BASE}/`, { timeout: 15_000 });
  session = await page.context().cookies();
}

/**
 * Opens a rule of the draft in the drawer, checks the expression it shows, types another and waits
 * for the live check's verdict; returns what the check says.
 */
async function typeExpression(page: Page, ruleId: string, from: string, expression: string, verdict: 'valid' | 'invalid'): Promise<string> {
  await tab(page, zh.programs.tabs.rules).click();
  await button(page, P.rules.editNamed.replace('{{id}}', ruleId)).click();
  const box = page.locator('#rule_expression');
  await box.waitFor({ timeout: 15_000 });
  assert.equal(await box.inputValue(), from);
  await box.fill(expression);
  const check = page.getByTestId('expression-check');
  await check.and(page.locator(`[data-state="${verdict}"]`)).waitFor({ timeout: 15_000 });
  return (await check.textContent())!.trim();
}

/** Puts the drawer's rule into the draft, saves the draft and waits for the message saying so. */
async function applyAndSave(page: Page, expected: string) {
  await button(page.locator('.ant-drawer'), P.apply).click();
  await page.locator('.ant-drawer-content').waitFor({ state: 'detached', timeout: 15_000 });
  await page.getByText(P.unsaved, { exact: true }).waitFor({ timeout: 15_000 });
  await button(page, P.actions.save).click();
  await page.locator('.ant-message-notice').filter({ hasText: expected }).waitFor({ timeout: 15_000 });
  await page.getByText(P.unsaved, { exact: true }).waitFor({ state: 'detached', timeout: 15_000 });
}

async function publish(page: Page) {
  await button(page, P.actions.publish).click();
  const dialog = page.locator('.ant-modal-confirm');
  await dialog.waitFor({ timeout: 15_000 });
  assert.match((await dialog.textContent())!, /发布后该版本不能再修改/);
  await button(dialog, P.actions.publish).click();
}

test('a province officer clones a program, raises the IT-team minimum, tries a sample, publishes and sees the difference', { timeout: 180_000 }, async () => {
  await e2e.inBrowser('program-designer', { width: 1366, height: 768 }, async (page) => {
    await signInFirstTime(page);
    await page.getByTestId('side-menu').getByText(zh.nav.programs, { exact: true }).click();
    await page.waitForURL(`${BASE}/programs`);
    await page.getByRole('link', { name: PROGRAM.name }).click();
    await page.waitForURL(`${BASE}/programs/${PROGRAM.code}/versions/1`);
    assert.equal((await status(page).textContent())?.trim(), P.status.published);

    await button(page, P.actions.clone).click();
    await page.waitForURL(new RegExp(`/programs/${PROGRAM.code}/versions/2`), { timeout: 15_000 });
    await status(page).getByText(P.status.draft).waitFor({ timeout: 15_000 });
    assert.match((await page.locator('.page-header').textContent())!, /基于 v1/);

    // 申报条件: the live type-check approves the new minimum, and it reads one input.
    const check = await typeExpression(page, 'it-team-size', BEFORE, AFTER, 'valid');
    assert.match(check, /类型检查通过/);
    assert.match(check, /applicant\.itTeamSize/);
    await applyAndSave(page, P.saved);
    assert.match((await ruleRow(page, 'it-team-size').textContent())!, /applicant\.itTeamSize >= 15/);

    // 试算: the 12-person sample now fails the rule, and with it the whole application.
    await tab(page, P.tabs.try).click();
    await page.locator('#try-sample').click();
    await page.locator('.ant-select-item-option').filter({ hasText: SAMPLE_TWELVE }).click();
    await button(page, P.try.run).click();
    const verdict = page.getByTestId('try-verdict');
    await verdict.waitFor({ timeout: 15_000 });
    const outcome = ruleRow(page, 'it-team-size');
    assert.equal((await outcome.locator('.outcome-tag').textContent())?.trim(), P.enums.outcome.fail);
    const outcomeText = (await outcome.textContent())!;
    assert.match(outcomeText, /000 第五条（二）/);
    assert.match(outcomeText, /applicant\.itTeamSize = 12/);
    assert.equal((await ruleRow(page, 'integration-level').locator('.outcome-tag').textContent())?.trim(), P.enums.outcome.pass);
    assert.match((await verdict.textContent())!, new RegExp(`^${P.try.notEligible}`));
    assert.match((await verdict.textContent())!, /it-team-size/);

    await publish(page);
    await status(page).getByText(P.status.published).waitFor({ timeout: 15_000 });
    assert.equal(await button(page, P.actions.save).count(), 0, 'a published version offers no saving');

    // 差异: v1 → v2 names the rule's expression, before and after.
    await tab(page, P.tabs.diff).click();
    const change = page.locator('.diff-table tr[data-row-key="rules[it-team-size].expression"]');
    await change.waitFor({ timeout: 15_000 });
    assert.equal((await change.locator('.diff-path').textContent())?.trim(), 'rules[it-team-size].expression');
    assert.equal((await change.locator('.diff-before').textContent())?.trim(), BEFORE);
    assert.equal((await change.locator('.diff-after').textContent())?.trim(), AFTER);
    assert.match((await change.textContent())!, /申报条件 › it-team-size › 表达式/);
  });
});

test('a draft whose rule does not type-check is saved, but its publication is refused, naming the rule and the reason', { timeout: 120_000 }, async () => {
  await e2e.inBrowser('program-designer-refused', { width: 1366, height: 768 }, async (page) => {
    await page.context().addCookies(session);
    await page.goto(`${BASE}/programs/${PROGRAM.code}/versions/1`);
    await button(page, P.actions.clone).click();
    await page.waitForURL(/\/versions\/(\d+)/, { timeout: 15_000 });
    await status(page).getByText(P.status.draft).waitFor({ timeout: 15_000 });
    const version = Number(/\/versions\/(\d+)/.exec(page.url())![1]);
    assert.ok(version >= 2);

    const check = await typeExpression(page, 'it-team-size', BEFORE, BROKEN, 'invalid');
    assert.equal(check, '类型检查未通过：no such overload: int >= string');
    await applyAndSave(page, P.savedWithProblems.replace('{{count}}', '1'));
    assert.equal((await page.getByRole('tab', { name: new RegExp(P.tabs.problems) }).textContent())?.trim(), `${P.tabs.problems}1`);

    await publish(page);
    const refusal = page.getByTestId('publish-refusal');
    await refusal.waitFor({ timeout: 15_000 });
    assert.match((await refusal.textContent())!, /计划定义有 1 处问题，不能发布/);
    assert.deepEqual(await refusal.locator('li > span').allTextContents(), ['规则 it-team-size：no such overload: int >= string']);
    assert.equal((await status(page).textContent())?.trim(), P.status.draft);

    // The refusal leads to the rule, still as typed.
    await button(refusal, P.problems.fix).click();
    assert.equal(await page.locator('#rule_expression').inputValue(), BROKEN);
  });
});
