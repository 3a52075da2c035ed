/**
 * Browser test of selection, one program end to end (Hebei's 2016 “Internet+” pilots, 000): two
 * enterprises of 石家庄 have submitted applications (prepared through the API); the city officer
 * starts the review, confirms the authenticity checklist and passes both, recommends them within
 * the quota the province set and submits the list under its document number; the province passes
 * the policy review and computes the expert assignment (two experts per application) and applies
 * it; each of the two experts declares no conflict and scores; the province closes the scoring,
 * decides the shortlist and publishes the public notice; a member of the public reads it on a phone
 * and files an objection, which the province handles; once the notice period has passed (the
 * server's clock is moved), the province publishes the final list, which the public portal shows.
 * The real server (`src/main/server.ts`) on a fresh data folder, driven by Debian's Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../support/e2e.ts';
import { signInStaff, shareSession, remoteClient, type Staff } from '../support/remote.ts';
import { FORM, PROFILE, fillAndSubmit } from '../support/applicants.ts';
import type { Client } from '../support/platform.ts';
import { usccCheckCharacter } from '../../src/core/credit-code.ts';
import N from '../../web/src/locales/notice.zh-CN.json' with { type: 'json' };

const PROGRAM_CODE = 'hebei-2016-internet-plus';
const DOCUMENT_NUMBER = '石工信〔2026〕88号';
const FINAL_NUMBER = '冀工信〔2027〕5号';
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const DAY = 24 * 60 * 60 * 1000;

let e2e: E2E;
let BASE = '';
const demo = new Map<string, { email: string; password: string }>();
let province: Staff;
let city: Staff;
let experts: Staff[] = [];
let callId = '';
/** The two applications, with their project names. */
const applications: { id: string; projectName: string }[] = [];

before(async () => {
  // Clear of roles (3900–3989), register (4100–4189), the designer (4300–4389), the applicant (4500–4589).
  e2e = await startE2E(4700);
  BASE = e2e.base;
  for (const m of e2e.output().matchAll(/^\s*DEMO (\w+)\s+(\S+)\s+(\S+)/gm)) demo.set(m[1]!, { email: m[2]!, password: m[3]! });
  const now = () => e2e.now();
  const admin = await signInStaff(BASE, now, demo.get('administrator')!);
  province = await signInStaff(BASE, now, demo.get('province_officer')!);
  city = await signInStaff(BASE, now, demo.get('city_officer')!);
  const expert1 = await signInStaff(BASE, now, demo.get('expert')!);

  // A second expert of the pool, provisioned by the administrator with a one-time password.
  const pool = (await expert1.client.get('/api/auth/session')).body.user.organization;
  const created = await admin.client.post('/api/accounts', { email: 'han.mei@experts.example', displayName: '韩梅（评审专家）', role: 'expert', organizationId: pool.id });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const expert2 = await signInStaff(BASE, now, { email: 'han.mei@experts.example', password: created.body.initialPassword, newPassword: 'Hanmei-Pingshen-2026' });
  experts = [expert1, expert2];
  // Both in the province's pool, from other cities than the applicants'.
  for (const [i, e] of experts.entries()) {
    const r = await province.client.post('/api/experts', { name: i ? '韩梅' : '陈静', title: '教授级高级工程师', organizationName: i ? '河北工业大学' : '燕山大学', cityName: i ? '天津市' : '秦皇岛市', tags: ['智能制造', '工业互联网'], email: e.email });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }

  const calls = await province.client.get(`/api/calls?programCode=${PROGRAM_CODE}`);
  const call = (calls.body.items as { id: string; programCode: string; status: string }[]).find((c) => c.programCode === PROGRAM_CODE && c.status === 'open');
  assert.ok(call, `the demo call of the program is open: ${JSON.stringify(calls.body).slice(0, 600)}`);
  callId = call.id;
  const quota = await province.client.put(`/api/calls/${callId}/quotas`, { quotaTable: { '130100': 2 }, threshold: null });
  assert.equal(quota.status, 200, JSON.stringify(quota.body));

  // Two applications: the demo enterprise's, and a newly registered one's.
  const applicant = remoteClient(BASE, now);
  const demoApplicant = demo.get('applicant')!;
  assert.equal((await applicant.post('/api/auth/login', demoApplicant)).status, 200);
  applications.push({ id: await submitApplication(applicant, '示范智能装备数字化车间项目'), projectName: '示范智能装备数字化车间项目' });
  const second = remoteClient(BASE, now);
  const first17 = '91130104MA0D9L8Y4';
  const registered = await second.post('/api/auth/register', {
    organizationName: '石家庄恒远精密机械有限公司',
    creditCode: `${first17}${usccCheckCharacter(first17)}`,
    cityId: ((await second.get('/api/public/recommending-units')).body.items as { id: string; code: string }[]).find((c) => c.code === '130100')!.id,
    displayName: '赵刚',
    email: 'zhao.gang@hengyuan.example',
    password: 'Hengyuan-Jingmi-2026',
  });
  assert.ok(registered.status === 201 || registered.status === 200, JSON.stringify(registered.body));
  assert.equal((await second.post('/api/auth/login', { email: 'zhao.gang@hengyuan.example', password: 'Hengyuan-Jingmi-2026' })).status, 200);
  const profile = await second.put('/api/profile', { profile: { ...PROFILE, name: '石家庄恒远精密机械有限公司', divisionCode: '130104', itTeamSize: 12 }, baseVersion: 0 });
  assert.equal(profile.status, 200, JSON.stringify(profile.body));
  applications.push({ id: await submitApplication(second, '恒远精密机械智能工厂项目'), projectName: '恒远精密机械智能工厂项目' });
});
after(() => e2e?.stop());

/** Fills, attaches and submits an application of the call; returns its id. */
function submitApplication(client: Client, projectName: string): Promise<string> {
  return fillAndSubmit(client, callId, { application: { ...FORM.application, projectName, startDate: '2027-01-01', completionDate: '2028-12-31' } });
}

/** The OK button of the open confirmation (a modal's or a pop-up's). */
async function confirm(page: Page) {
  const ok = page.locator('.ant-modal-confirm-btns .ant-btn-primary, .ant-popconfirm-buttons .ant-btn-primary').last();
  await ok.waitFor({ timeout: 10_000 });
  await ok.click();
}

async function openAs(staff: Staff, page: Page, path: string) {
  await shareSession(staff.client, page.context(), BASE);
  await page.goto(`${BASE}${path}`);
}

const stateOf = async (id: string) => (await province.client.get(`/api/applications/${id}`)).body.state as string;

test('the city reviews both applications, recommends them within its quota and submits the list', { timeout: 120_000 }, async () => {
  await e2e.inBrowser('selection-city', DESKTOP, async (page) => {
    for (const a of applications) {
      await openAs(city, page, `/applications/${a.id}`);
      await page.getByTestId('start-review').click();
      await confirm(page);
      const panel = page.getByTestId('city-decision');
      await panel.waitFor({ timeout: 15_000 });
      for (const box of await panel.locator('[data-testid^="checklist-check-"]').all()) await box.check();
      await page.getByTestId('city-decision-pass').click();
      await page.getByTestId('city-decision-submit').click();
      await page.getByTestId('city-decision-confirm').click();
      await page.getByTestId('city-decision').waitFor({ state: 'detached', timeout: 15_000 });
      assert.equal(await stateOf(a.id), 'city_passed');
    }
    await page.goto(`${BASE}/recommendations/${callId}`);
    for (const a of applications) {
      await page.getByTestId(`candidate-add-${a.id}`).click();
      await page.getByTestId(`item-remove-${a.id}`).waitFor({ timeout: 15_000 });
    }
    assert.equal(await page.getByTestId('quota-used').getAttribute('data-used'), '2');
    await page.getByTestId('submit-list').click();
    await page.getByTestId('document-number').fill(DOCUMENT_NUMBER);
    await page.getByTestId('submit-list-confirm').click();
    await page.getByTestId('list-locked').waitFor({ timeout: 15_000 });
    for (const a of applications) assert.equal(await stateOf(a.id), 'recommended');
  });
});

test('the province passes the policy review and assigns two experts to each application', { timeout: 180_000 }, async () => {
  await e2e.inBrowser('selection-province', DESKTOP, async (page) => {
    await openAs(province, page, `/selection/${callId}?tab=policy`);
    for (const a of applications) {
      await page.getByTestId(`policy-pass-${a.id}`).click();
      await page.getByTestId('policy-pass-confirm').click();
      await page.getByTestId(`policy-pass-${a.id}`).waitFor({ state: 'detached', timeout: 15_000 });
    }
    for (const a of applications) assert.equal(await stateOf(a.id), 'policy_passed');
    await page.getByTestId('selection-tab-assignment').click();
    await page.getByTestId('assignment-k').fill('2');
    await page.getByTestId('assignment-start').click();
    await page.getByTestId('assignment-quality').waitFor({ timeout: 60_000 });
    await page.getByTestId('assignment-apply').click();
    await confirm(page);
    await page.getByTestId('assignment-table').waitFor({ timeout: 15_000 });
    for (const a of applications) assert.equal(await stateOf(a.id), 'expert_review');
  });
});

test('each expert declares no conflict before seeing the application, then scores it', { timeout: 180_000 }, async () => {
  for (const [i, expert] of experts.entries()) {
    const mine = await expert.client.get('/api/reviews');
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    const items = mine.body.items as { id: string }[];
    assert.equal(items.length, 2, 'two applications, two experts each: both experts have both');
    await e2e.inBrowser(`selection-expert-${i + 1}`, DESKTOP, async (page) => {
      for (const [j, item] of items.entries()) {
        await openAs(expert, page, `/reviews/${item.id}`);
        await page.getByTestId('review-declaration').waitFor({ timeout: 15_000 });
        assert.equal(await page.getByTestId('review-content').count(), 0, 'no content before the declaration');
        await page.getByTestId('review-no-conflict').click();
        await page.getByTestId('review-declare').click();
        await page.getByTestId('review-content').waitFor({ timeout: 15_000 });
        const content = (await page.getByTestId('review-content').textContent()) ?? '';
        assert.ok(content.includes('32,000 万元') || content.includes('3,200 万元') || /万元/.test(content), `money is written in its unit: ${content.slice(0, 300)}`);
        await page.getByTestId('review-score-overall').fill(String(80 + 5 * i + 3 * j));
        await page.getByTestId('review-comment').fill('项目建设基础较好，技术路线可行，建议支持。');
        await page.getByTestId('review-submit').click();
        await confirm(page);
        await page.getByTestId('review-status').and(page.locator('[data-status="submitted"]')).waitFor({ timeout: 15_000 });
      }
    });
  }
});

let noticeId = '';

test('the province closes the scoring, decides the shortlist and publishes the public notice', { timeout: 120_000 }, async () => {
  await e2e.inBrowser('selection-decision', DESKTOP, async (page) => {
    await openAs(province, page, `/selection/${callId}?tab=scores`);
    await page.getByTestId('scores-close').click();
    await confirm(page);
    await page.getByTestId('scores-closed').waitFor({ timeout: 15_000 });
    await page.getByTestId('selection-tab-notice').click();
    const decision = page.getByTestId('decision-panel');
    await decision.waitFor({ timeout: 15_000 });
    for (const a of applications) assert.ok(await page.getByTestId(`decision-check-${a.id}`).isChecked(), `${a.projectName} is proposed for the shortlist`);
    await page.getByTestId('decision-confirm').click();
    await confirm(page);
    await page.getByTestId('decision-done').waitFor({ timeout: 15_000 });
    for (const a of applications) assert.equal(await stateOf(a.id), 'shortlisted');
    await page.getByTestId('notice-contact-name').fill('省工业和信息化厅信息化推进处');
    await page.getByTestId('notice-contact-phone').fill('0311-87801234');
    await page.getByTestId('notice-publish').click();
    await confirm(page);
    await page.getByTestId('notice-status').and(page.locator(':text("公示中")')).or(page.getByTestId('notice-public-link')).first().waitFor({ timeout: 15_000 });
    const notice = await province.client.get(`/api/calls/${callId}/notice`);
    assert.equal(notice.body.status, 'published', JSON.stringify(notice.body));
    noticeId = notice.body.id;
    assert.match(await page.getByTestId('notice-period').textContent() ?? '', /公示期/);
  });
});

test('on a phone, the public reads the notice and files an objection; nothing typed is lost on an error', { timeout: 120_000 }, async () => {
  await e2e.inBrowser('selection-public', PHONE, async (page) => {
    await page.goto(`${BASE}/public/notices`);
    await page.getByTestId(`public-notice-${noticeId}`).click();
    await page.getByTestId('public-notice-items').waitFor({ timeout: 15_000 });
    const items = (await page.getByTestId('public-notice-items').textContent()) ?? '';
    for (const a of applications) assert.ok(items.includes(a.projectName), `the notice lists ${a.projectName}`);
    assert.ok(!/\d{2,3}\.\d{2}|91130/.test(items), 'no scores or credit codes on the public page');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width + 1, `the notice fits the phone's width (${width} px)`);
    await page.getByTestId('objection-name').fill('王先生');
    await page.getByTestId('objection-contact').fill('13700001111');
    await page.getByTestId('objection-submit').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('objection-name').inputValue(), '王先生', 'the name typed is kept');
    await page.getByTestId('objection-content').fill(`反映“${applications[1]!.projectName}”的申报投资额与实际不符，请核实。`);
    await page.getByTestId('objection-submit').click();
    await page.getByTestId('objection-receipt').waitFor({ timeout: 15_000 });
  });
});

test('the province handles the objection; after the period it publishes the final list, which the portal shows', { timeout: 180_000 }, async () => {
  const objections = await province.client.get(`/api/calls/${callId}/objections`);
  assert.equal(objections.status, 200, JSON.stringify(objections.body));
  const objection = (objections.body.items as { id: string; status: string }[])[0]!;
  assert.equal(objection.status, 'received');
  await e2e.inBrowser('selection-objection', DESKTOP, async (page) => {
    await openAs(province, page, `/selection/${callId}?tab=notice`);
    for (const [status, outcome] of [
      ['investigating', ''],
      ['dismissed', '经核查，该企业申报投资额与合同、发票一致，异议不成立。'],
    ] as const) {
      await page.getByTestId(`objection-handle-${objection.id}`).click();
      await page.getByTestId('objection-status').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: N.objection.status[status] }).click();
      if (outcome) await page.getByTestId('objection-outcome').fill(outcome);
      await page.getByTestId('objection-handle-submit').click();
      await page.getByTestId('objection-handle-submit').waitFor({ state: 'detached', timeout: 15_000 });
      const now = await province.client.get(`/api/calls/${callId}/objections`);
      assert.equal(now.body.items[0].status, status);
    }
  });

  // Let the notice period pass: the server's clock moves three weeks on, sessions expire, the officer signs in again.
  e2e.moveClock(21 * DAY);
  province = await signInStaff(BASE, () => e2e.now(), { email: province.email, password: province.password, secret: province.secret });
  await e2e.inBrowser('selection-final', DESKTOP, async (page) => {
    await openAs(province, page, `/selection/${callId}?tab=notice`);
    await page.getByTestId('final-document-number').fill(FINAL_NUMBER);
    await page.getByTestId('final-publish').click();
    await confirm(page);
    await page.getByTestId('final-done').waitFor({ timeout: 15_000 });
    for (const a of applications) assert.equal(await stateOf(a.id), 'selected');
  });
  await e2e.inBrowser('selection-final-public', PHONE, async (page) => {
    await page.goto(`${BASE}/public/notices/${noticeId}`);
    await page.getByTestId('public-notice-items').waitFor({ timeout: 15_000 });
    const text = (await page.locator('body').textContent()) ?? '';
    assert.ok(text.includes(FINAL_NUMBER), `the final list names its document number: ${text.slice(0, 200)}`);
    for (const a of applications) assert.ok(text.includes(a.projectName), `the final list has ${a.projectName}`);
    assert.equal(await page.getByTestId('objection-form').count(), 0, 'no objection form on a final list');
    assert.match((await page.getByTestId('final-list-body').textContent()) ?? '', /公示期满，现将正式入选名单公布如下/);
  });
});
