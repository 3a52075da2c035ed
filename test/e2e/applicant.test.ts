/**
 * Browser test of the applicant's side, end to end: a new enterprise registers, fills its profile
 * with an IT team too small for Hebei's 2016 “Internet+” pilots (000 第五条（二） asks for 10), sees
 * the call's 资格自查 refuse it with that citation, fixes the profile from the link and passes; then
 * starts the application, leaves the main content too short (the field says so, and the draft is
 * still there after a reload), fixes it, uploads a real PDF for each required attachment (one upload
 * survives a dropped connection, a disguised executable is refused by content), and submits with the
 * commitment; the timeline shows 已提交. The real server (`src/main/server.ts`) on a fresh data
 * folder, driven by Debian's Chromium, as in register.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startE2E, type E2E } from '../support/e2e.ts';
import { usccCheckCharacter } from '../../src/core/credit-code.ts';
import zh from '../../web/src/locales/zh-CN.json' with { type: 'json' };

const FIRST17 = '91130102MA0C8K7X3';
const APPLICANT = {
  organizationName: '石家庄精工云控科技有限公司',
  creditCode: `${FIRST17}${usccCheckCharacter(FIRST17)}`,
  city: '石家庄市',
  displayName: '李卫东',
  email: 'li.weidong@jinggong.example',
  password: 'Jinggong-Yunkong-2026',
};
const PROGRAM_CODE = 'hebei-2016-internet-plus';
const RULE = { id: 'it-team-size', citation: '000 第五条（二）' };
const REQUIRED = ['application-form', 'business-licence', 'integration-assessment'];
const SHORT_SUMMARY = '建设智能车间，提升生产效率。';
const SUMMARY = '本项目依托工业互联网平台建设数字化智能车间，打通设计、生产、质检和运维数据，实现设备联网、生产过程实时监控和质量追溯。'.repeat(4);

let e2e: E2E;
let BASE = '';
/** Carried from one case to the next: the applicant's session and its application. */
let cookies: Awaited<ReturnType<ReturnType<Page['context']>['cookies']>> = [];
let callId = '';
let applicationId = '';

before(async () => {
  // Clear of roles (3900–3989), register (4100–4189), the designer (4300–4389), and 4045/4190.
  e2e = await startE2E(4500);
  BASE = e2e.base;
});
after(() => e2e?.stop());

/** A one-page PDF 1.4 with a correct cross-reference table. */
function pdfBytes(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const stream = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
      return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A Windows executable's first bytes ("MZ" and a PE header), to be named .pdf. */
function exeBytes(): Buffer {
  const b = Buffer.alloc(2048);
  b.set([0x4d, 0x5a], 0);
  b.set([0x80, 0, 0, 0], 0x3c);
  b.set([0x50, 0x45, 0, 0, 0x4c, 0x01], 0x80);
  return b;
}

/** The form item holding the control with this id (its label, control and messages). */
const formItem = (page: Page, id: string): Locator => page.locator('.ant-form-item').filter({ has: page.locator(`[id="${id}"]`) });

async function fieldErrors(page: Page, id: string): Promise<string[]> {
  const errors = formItem(page, id).locator('.ant-form-item-explain-error');
  await errors.first().waitFor({ timeout: 15_000 });
  return (await errors.allTextContents()).map((s) => s.trim());
}

/** Picks an option of the antd Select whose control has this id. */
async function choose(page: Page, id: string, option: string) {
  await page.locator(`[id="${id}"]`).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** Types a date into the antd DatePicker with this id. */
async function typeDate(page: Page, id: string, date: string) {
  const input = page.locator(`[id="${id}"]`);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** The rule's row in the 资格自查 panel, once its status is the one expected. */
async function precheckRow(page: Page, ruleId: string, status: string): Promise<Locator> {
  const row = page.locator(`[data-testid="precheck"] [data-rule-id="${ruleId}"][data-status="${status}"]`);
  await row.waitFor({ timeout: 15_000 });
  return row;
}

async function waitSaved(page: Page) {
  await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor({ timeout: 20_000 });
}

async function saveProfile(page: Page, version: number) {
  await page.getByTestId('profile-save').click();
  await page.locator('.ant-message').getByText(zh.profile.saved.replace('{{version}}', String(version))).waitFor({ timeout: 15_000 });
}

test('a new enterprise registers and fills its profile with an IT team of 5', { timeout: 120_000 }, async () => {
  await e2e.inBrowser('applicant-profile', { width: 1366, height: 768 }, async (page) => {
    await page.goto(`${BASE}/register`);
    await page.locator('#organizationName').fill(APPLICANT.organizationName);
    await page.locator('#creditCode').fill(APPLICANT.creditCode);
    await page.locator('#cityId').click();
    await page.locator('#cityId').fill('石家庄');
    await page.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${APPLICANT.city}$`) }).click();
    await page.locator('#displayName').fill(APPLICANT.displayName);
    await page.locator('#email').fill(APPLICANT.email);
    await page.locator('#password').fill(APPLICANT.password);
    await page.locator('#confirmPassword').fill(APPLICANT.password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${BASE}/`, { timeout: 15_000 });

    await page.locator('.ant-layout-sider .ant-menu-item').filter({ hasText: zh.nav.profile }).click();
    await page.waitForURL(`${BASE}/profile`, { timeout: 15_000 });
    const name = page.locator('#name');
    await name.waitFor({ timeout: 15_000 });
    // A first profile starts from the registration: the name, and the user as the first contact.
    assert.equal(await name.inputValue(), APPLICANT.organizationName);
    assert.equal(await page.locator('#contacts_0_name').inputValue(), APPLICANT.displayName);
    assert.equal((await page.getByTestId('profile-credit-code').textContent())?.trim(), APPLICANT.creditCode);

    await page.locator('#divisionCode').fill('130102');
    assert.match((await page.getByTestId('profile-city').textContent()) ?? '', /石家庄市/);
    await page.locator('#address').fill('河北省石家庄市长安区中山东路 88 号');
    await choose(page, 'legalForm', zh.profile.legalForms.enterprise);
    await page.locator('#legalRepresentative').fill('王建华');
    await page.locator('#contacts_0_position').fill('信息中心主任');
    await page.locator('#contacts_0_mobile').fill('13912345678');
    await page.locator('#industryCode').fill('c3421');
    await page.locator('#employees').fill('260');
    await page.locator('#financialYear').fill('2025');
    await page.locator('#annualSalesFen').fill('12800.5');
    await page.locator('#annualProfitFen').fill('860');
    await choose(page, 'integrationLevel', zh.profile.integrationLevels['3']);
    await page.locator('#itTeamSize').fill('5');
    for (const [key, answer] of [
      ['badRecords', zh.common.no],
      ['safetyAccident', zh.common.no],
      ['underInvestigation', zh.common.no],
      ['goodCredit', zh.common.yes],
      ['soundFinances', zh.common.yes],
    ] as const) {
      await page.locator(`#declarations_${key}`).getByText(answer, { exact: true }).click();
    }
    await saveProfile(page, 1);
    // The industry code was upper-cased, the sales kept to the fen: what the server stored comes back so.
    await page.reload();
    await page.locator('#industryCode').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#industryCode').inputValue(), 'C3421');
    assert.equal(await page.locator('#annualSalesFen').inputValue(), '12800.5');
    assert.equal(await page.locator('#itTeamSize').inputValue(), '5');
    cookies = await page.context().cookies();
  });
});

test('the call’s 资格自查 refuses an IT team of 5 citing 000 第五条（二）, and passes once the profile says 12', { timeout: 120_000 }, async () => {
  await e2e.inBrowser('applicant-precheck', { width: 1366, height: 768 }, async (page) => {
    await page.context().addCookies(cookies);
    await page.goto(`${BASE}/calls`);
    const row = page.locator('.ant-table-row').filter({ hasText: '互联网+' }).first();
    await row.waitFor({ timeout: 15_000 });
    // The open call of the program, from the API, to be sure the row is the right one.
    const calls = await page.evaluate(async (code) => (await (await fetch(`/api/calls?programCode=${code}`)).json()) as { items: { id: string; status: string; title: string }[] }, PROGRAM_CODE);
    const call = calls.items.find((c) => c.status === 'open');
    assert.ok(call, `an open call of ${PROGRAM_CODE}`);
    callId = call.id;
    await page.locator('.ant-table-row').filter({ hasText: call.title }).getByRole('link').first().click();
    await page.waitForURL(`${BASE}/calls/${callId}`, { timeout: 15_000 });

    const failing = await precheckRow(page, RULE.id, 'fail');
    assert.match((await failing.textContent()) ?? '', /信息化/);
    assert.equal((await failing.locator('.citation-tag').textContent())?.trim(), RULE.citation);
    assert.equal(await page.getByTestId('precheck').getAttribute('data-eligible'), 'false');

    // The link goes to the field that decides it.
    await failing.getByRole('link', { name: zh.precheck.fixProfile }).click();
    await page.waitForURL(`${BASE}/profile?focus=itTeamSize`, { timeout: 15_000 });
    const itTeam = page.locator('#itTeamSize');
    await itTeam.waitFor({ timeout: 15_000 });
    await itTeam.fill('12');
    await saveProfile(page, 2);

    await page.goto(`${BASE}/calls/${callId}`);
    await precheckRow(page, RULE.id, 'pass');
    assert.equal(await page.getByTestId('precheck').getAttribute('data-eligible'), 'true');

    await page.getByTestId('start-application').click();
    await page.waitForURL(/\/applications\/\d+$/, { timeout: 15_000 });
    applicationId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('application-state').and(page.locator('[data-state="draft"]')).waitFor({ timeout: 15_000 });
  });
});

test('the form says the content is too short, keeps the draft across a reload, takes the PDFs and is submitted with the commitment', { timeout: 180_000 }, async () => {
  await e2e.inBrowser('applicant-application', { width: 1366, height: 768 }, async (page) => {
    await page.context().addCookies(cookies);
    await page.goto(`${BASE}/applications/${applicationId}`);
    const projectName = page.locator('#application_projectName');
    await projectName.waitFor({ timeout: 15_000 });
    // Filled by the platform from the profile, read-only.
    assert.equal(await page.locator('#application_itTeamSize').inputValue(), '12');
    assert.equal(await page.locator('#application_itTeamSize').isDisabled(), true);

    await projectName.fill('精工云控数字化智能车间建设项目');
    await page.locator('#application_direction').click();
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: /^2\.2 / }).click();
    await typeDate(page, 'application_startDate', '2027-03-01');
    await typeDate(page, 'application_completionDate', '2028-12-31');
    await page.locator('#application_completableInPeriod').getByText(zh.common.yes, { exact: true }).click();
    await page.locator('#application_plannedInvestment').fill('1200');
    await page.locator('#application_summary').fill(SHORT_SUMMARY);
    await page.locator('#application_projectName').click(); // leaving the field saves at once
    await waitSaved(page);

    // Submitting checks the whole form in the browser with the server's own validator.
    await page.getByTestId('submit-application').click();
    const length = [...SHORT_SUMMARY].length;
    assert.deepEqual(await fieldErrors(page, 'application_summary'), [`项目主要内容、创新点和预期成效：至少 200 字（现有 ${length} 字）`]);
    assert.equal(await page.getByTestId('commitment-text').isVisible(), false, 'no commitment before the form is right');

    // Nothing typed is lost on a reload.
    await page.reload();
    await projectName.waitFor({ timeout: 15_000 });
    assert.equal(await projectName.inputValue(), '精工云控数字化智能车间建设项目');
    assert.equal(await page.locator('#application_summary').inputValue(), SHORT_SUMMARY);
    assert.equal(await page.locator('#application_plannedInvestment').inputValue(), '1200');

    await page.locator('#application_summary').fill(SUMMARY);
    await waitSaved(page);

    // A disguised executable is refused by its content, with the reason.
    const licence = page.locator('[data-requirement="business-licence"]');
    await licence.locator('input[type=file]').setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: exeBytes() });
    const refusal = licence.locator('.uploader-error');
    await refusal.waitFor({ timeout: 15_000 });
    assert.match((await refusal.textContent()) ?? '', /EXE.*只接受/);

    // The first chunk of the first file is cut off on the way: the upload asks where it stands and goes on.
    let dropped = false;
    await page.route('**/api/uploads/*?offset=*', async (route) => {
      if (!dropped && route.request().method() === 'PUT') {
        dropped = true;
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    for (const requirement of REQUIRED) {
      const row = page.locator(`[data-requirement="${requirement}"]`);
      await row.locator('input[type=file]').setInputFiles({ name: `${requirement}.pdf`, mimeType: 'application/pdf', buffer: pdfBytes(requirement) });
      await row.getByTestId('attachment-file').filter({ hasText: `${requirement}.pdf` }).waitFor({ timeout: 30_000 });
    }
    assert.equal(dropped, true);
    await page.unroute('**/api/uploads/*?offset=*');

    await precheckRow(page, RULE.id, 'pass');
    await page.getByTestId('submit-application').click();
    const modal = page.locator('.ant-modal').filter({ hasText: zh.application.submit.title });
    await modal.waitFor({ timeout: 15_000 });
    assert.match((await modal.getByTestId('commitment-text').textContent()) ?? '', new RegExp(`我单位（${APPLICANT.organizationName}）自愿申报`));
    assert.equal(await modal.locator('#signatoryName').inputValue(), APPLICANT.displayName);
    const confirm = modal.getByTestId('confirm-submit');
    assert.equal(await confirm.isDisabled(), true, 'not before the commitment is accepted');
    await modal.getByTestId('commitment-accept').click();
    await confirm.dblclick();

    await page.getByTestId('application-state').and(page.locator('[data-state="submitted"]')).waitFor({ timeout: 20_000 });
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('已提交').first().waitFor({ timeout: 15_000 });
    assert.match((await timeline.textContent()) ?? '', /已提交.*李卫东/);
    // Submitted once, however often the button was clicked.
    const events = await page.evaluate(async (id) => ((await (await fetch(`/api/applications/${id}`)).json()) as { timeline: { toState: string }[] }).timeline, applicationId);
    assert.equal(events.filter((e) => e.toState === 'submitted').length, 1);
    // The application as a Word document, under the server's name.
    await page.getByRole('button', { name: /下载申报书/ }).click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('menuitem', { name: /Word/ }).click()]);
    assert.match(download.suggestedFilename(), /\.docx$/);
    // Read-only now: no submit button, the form is disabled.
    assert.equal(await page.getByTestId('submit-application').count(), 0);
    assert.equal(await page.locator('#application_summary').isDisabled(), true);
  });
});
