/**
 * Browser test of a project after the final list (issue 6), on Hebei's 2016 “Internet+” pilots (000):
 * the demo enterprise's application is taken through the whole selection over the API; then, in the
 * browser, (a) the applicant fills and submits the implementation plan, the province approves it and
 * records the signing, fixes the subsidy (creating the tranches), and the finance officer approves and
 * records the first tranche on /disbursements, which then shows as disbursed; (b) the applicant
 * requests acceptance with its materials, the city passes the initial acceptance, the province fails
 * it with a rectification deadline, the applicant resubmits, the province passes it, and the
 * oversight tab shows the title with its certificate (a PDF).
 * The real server (`src/main/server.ts`) on a fresh data folder, driven by Debian's Chromium.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../support/e2e.ts';
import { signInStaff, shareSession, remoteClient, type Staff } from '../support/remote.ts';
import { pdfBytes } from '../support/applicants.ts';
import type { Client } from '../support/platform.ts';
import { demoAccounts, ok, openDemoCall, takeToNotice } from '../support/e2e-selection.ts';

const PROGRAM_CODE = 'hebei-2016-internet-plus';
const DESKTOP = { width: 1366, height: 768 };
const DAY = 24 * 60 * 60 * 1000;
const PROJECT_NAME = '示范智能装备数字化车间项目';

let e2e: E2E;
let BASE = '';
const demo = new Map<string, { email: string; password: string }>();
let province: Staff;
let city: Staff;
let finance: Staff;
let applicant: Client;
let callId = '';
let projectId = '';

const now = () => e2e.now();
/** The server's date in Asia/Shanghai, YYYY-MM-DD. */
const today = (plusDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now().getTime() + plusDays * DAY));


async function signInApplicant(): Promise<Client> {
  const c = remoteClient(BASE, now);
  ok(await c.post('/api/auth/login', demo.get('applicant')!), 200, 'applicant sign-in');
  return c;
}

/** Everyone signs in again after the server's clock moved (sessions expire). */
async function moveClock(days: number) {
  e2e.moveClock(days * DAY);
  province = await signInStaff(BASE, now, { email: province.email, password: province.password, secret: province.secret });
  city = await signInStaff(BASE, now, { email: city.email, password: city.password, secret: city.secret });
  finance = await signInStaff(BASE, now, { email: finance.email, password: finance.password, secret: finance.secret });
  applicant = await signInApplicant();
}

before(async () => {
  e2e = await startE2E(4900);
  BASE = e2e.base;
  for (const [role, account] of demoAccounts(e2e)) demo.set(role, account);
  province = await signInStaff(BASE, now, demo.get('province_officer')!);
  city = await signInStaff(BASE, now, demo.get('city_officer')!);
  finance = await signInStaff(BASE, now, demo.get('finance_officer')!);
  const expert = await signInStaff(BASE, now, demo.get('expert')!);
  callId = await openDemoCall(province, PROGRAM_CODE);
  applicant = await signInApplicant();
  const { applicationId: id } = await takeToNotice({ province, city, expert, applicant, callId, projectName: PROJECT_NAME, cityDocumentNumber: '石工信〔2026〕88号' });
  await moveClock(21);
  ok(await province.client.post(`/api/calls/${callId}/final-list`, { documentNumber: '冀工信〔2027〕5号' }), 200, 'final list');

  const projects = await applicant.get('/api/projects');
  ok(projects, 200, 'the applicant’s projects');
  const mine = (projects.body.items as { id: string; projectName: string }[]).find((x) => x.projectName === PROJECT_NAME);
  assert.ok(mine, `the project is listed: ${JSON.stringify(projects.body).slice(0, 400)}`);
  projectId = mine.id;
  assert.equal(projectId, id, 'the project id is the application id');
});
after(() => e2e?.stop());

async function openAs(client: Client, page: Page, path: string) {
  await shareSession(client, page.context(), BASE);
  await page.goto(`${BASE}${path}`);
}

async function openTab(page: Page, key: string) {
  await page.getByTestId(`project-tab-${key}`).click();
}

/** The input(s) of an antd picker, whether the test id sits on the input or on its wrapper. */
function pickerInputs(page: Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);
}

async function pickDate(page: Page, testId: string, date: string, index = 0) {
  const input = pickerInputs(page, testId).nth(index);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

const projectStatus = async () => (await province.client.get(`/api/projects/${projectId}`)).body.status as string;

test('(a) from the agreement to the first tranche recorded by finance', { timeout: 240_000 }, async () => {
  await e2e.inBrowser('projects-plan', DESKTOP, async (page) => {
    await openAs(applicant, page, `/projects/${projectId}`);
    await page.getByTestId('plan-form').waitFor({ timeout: 20_000 });
    await page.getByTestId('plan-goals').fill('建成覆盖主要产线的工业互联网平台，设备联网率达到90%以上。');
    await pickDate(page, 'plan-period', '2027-01-01', 0);
    await pickDate(page, 'plan-period', '2028-06-30', 1);
    await page.getByTestId('plan-milestone-name-0').fill('平台上线试运行');
    await pickDate(page, 'plan-milestone-date-0', '2027-06-30');
    await page.getByTestId('plan-budget-amount-0').fill('300');
    await page.getByTestId('plan-indicator-name-0').fill('设备联网率');
    await page.getByTestId('plan-indicator-target-0').fill('90');
    await page.getByTestId('plan-indicator-unit-0').fill('%');
    await page.getByTestId('plan-submit').click();
    await page.getByTestId('plan-form').waitFor({ state: 'detached', timeout: 15_000 });
    const agreement = await applicant.get(`/api/projects/${projectId}/agreement`);
    assert.equal(agreement.body.planStatus, 'submitted', JSON.stringify(agreement.body).slice(0, 400));
    assert.equal(agreement.body.budgetTotalFen, 300_000_000, 'the budget in 万元 is stored in fen');
  });

  await e2e.inBrowser('projects-agreement', DESKTOP, async (page) => {
    await openAs(province.client, page, `/projects/${projectId}`);
    await page.getByTestId('plan-approve').click();
    await page.getByTestId('agreement-download').waitFor({ timeout: 15_000 });
    await pickDate(page, 'sign-date', today());
    await page.getByTestId('sign-province').fill('张处长');
    await page.getByTestId('sign-enterprise').fill('王总');
    await page.getByTestId('sign-submit').click();
    await page.getByTestId('sign-form').waitFor({ state: 'detached', timeout: 15_000 });
    assert.equal(await projectStatus(), 'implementing');
  });

  // An eligible invoice in the ledger (the applicant's bookkeeping, prepared over the API).
  ok(await applicant.post(`/api/projects/${projectId}/invoices`, { number: '13001234', issuedOn: '2026-06-01', sellerName: '河北自动化设备有限公司', sellerCreditCode: '', amountFen: 200_000_000, taxFen: 26_000_000, category: 'automation-equipment' }), 201, 'invoice');

  await e2e.inBrowser('projects-subsidy', DESKTOP, async (page) => {
    await openAs(province.client, page, `/projects/${projectId}`);
    await openTab(page, 'funds');
    await page.getByTestId('subsidy-fix-card').waitFor({ timeout: 15_000 });
    await page.getByTestId('subsidy-fix-submit').click();
    await page.getByTestId('tranche-status-on-selection').waitFor({ timeout: 15_000 });
    await page.getByTestId('subsidy-card').waitFor({ timeout: 15_000 });
  });
  const funds = await province.client.get(`/api/projects/${projectId}/funds`);
  ok(funds, 200, 'funds');
  const tranches = funds.body.tranches as { id: string; trancheCode: string; status: string; releasable: boolean; amountFen: number }[];
  assert.ok(tranches.length >= 2, `tranches created: ${JSON.stringify(tranches)}`);
  const first = tranches.find((x) => x.releasable);
  assert.ok(first, `the first tranche is releasable: ${JSON.stringify(tranches)}`);
  assert.ok(first.amountFen > 0, `the first tranche has an amount: ${first.amountFen}`);

  await e2e.inBrowser('projects-disbursement', DESKTOP, async (page) => {
    await openAs(finance.client, page, '/disbursements');
    await page.getByTestId(`disbursement-record-${first.id}`).click();
    await page.getByTestId('disbursement-paid-on').fill(today());
    await page.getByTestId('disbursement-voucher').fill('CZ-2026-001');
    await page.getByTestId('disbursement-submit').click();
    await page.getByTestId(`disbursement-record-${first.id}`).waitFor({ state: 'detached', timeout: 15_000 });
    await openAs(finance.client, page, `/projects/${projectId}`);
    await openTab(page, 'funds');
    const cell = page.getByTestId(`tranche-status-${first.trancheCode}`);
    await cell.waitFor({ timeout: 15_000 });
    const row = page.locator('tr', { has: cell });
    await row.getByText('CZ-2026-001').waitFor({ timeout: 15_000 });
    assert.match((await cell.textContent()) ?? '', /已拨付/, 'the tranche shows as disbursed');
  });
  const after = await finance.client.get(`/api/projects/${projectId}/funds`);
  const paid = (after.body.tranches as { id: string; status: string; voucherNumber: string | null }[]).find((x) => x.id === first.id)!;
  assert.equal(paid.status, 'disbursed');
  assert.equal(paid.voucherNumber, 'CZ-2026-001');
});

test('(b) from a failed acceptance through rectification to a passed second acceptance and the title certificate', { timeout: 240_000 }, async () => {
  const acceptance = await applicant.get(`/api/projects/${projectId}/acceptance`);
  ok(acceptance, 200, 'acceptance view');
  const materials = (acceptance.body.config.materials as { id: string }[]).map((m) => m.id);
  assert.ok(materials.length > 0, 'the program names acceptance materials');

  const request = async (page: Page, note: string) => {
    await openAs(applicant, page, `/projects/${projectId}`);
    await openTab(page, 'acceptance');
    await page.getByTestId('acceptance-request').waitFor({ timeout: 15_000 });
    // Each material is a real upload (PDF, checked by content), listed under its material once stored.
    for (const m of materials) {
      const uploader = page.getByTestId(`acceptance-upload-${m}`);
      await uploader.locator('input[type=file]').setInputFiles({ name: `${m}-${note.slice(0, 4)}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(pdfBytes(`${m} ${note}`)) });
      await page.getByTestId(`acceptance-file-${m}`).filter({ hasText: `${m}-${note.slice(0, 4)}.pdf` }).waitFor({ timeout: 30_000 });
    }
    await page.getByTestId('acceptance-note').fill(note);
    await page.getByTestId('acceptance-request').click();
    await page.getByTestId('acceptance-request').waitFor({ state: 'detached', timeout: 15_000 });
  };
  const decide = async (page: Page, staff: Staff, passed: boolean, opinion: string, deadline?: string) => {
    await openAs(staff.client, page, `/projects/${projectId}`);
    await openTab(page, 'acceptance');
    await page.getByTestId('acceptance-decide').waitFor({ timeout: 15_000 });
    if (!passed) await page.getByTestId('acceptance-result').getByText('不通过').click();
    await page.getByTestId('acceptance-opinion').fill(opinion);
    if (deadline) await pickDate(page, 'acceptance-deadline', deadline);
    // Enter confirms the typed date but does not submit the decision: only its button does.
    assert.equal(await page.getByTestId('acceptance-decide').count(), 1, 'the decision is still open after Enter in the date field');
    await page.getByTestId('acceptance-decide').click();
    await page.getByTestId('acceptance-decide').waitFor({ state: 'detached', timeout: 15_000 });
  };

  await e2e.inBrowser('projects-acceptance-request', DESKTOP, (page) => request(page, '项目已按期完成'));
  await e2e.inBrowser('projects-acceptance-city', DESKTOP, (page) => decide(page, city, true, '资料齐全，同意上报省厅验收'));
  assert.equal(await projectStatus(), 'initial_accepted');
  const deadline = today(60);
  await e2e.inBrowser('projects-acceptance-fail', DESKTOP, async (page) => {
    await decide(page, province, false, '设备联网率未达到90%，限期整改', deadline);
    await page.getByTestId('acceptance-round-1-status').waitFor({ timeout: 15_000 });
  });
  assert.equal(await projectStatus(), 'rectifying');
  const failed = await province.client.get(`/api/projects/${projectId}/acceptance`);
  assert.equal(failed.body.rounds[0].rectificationDeadline, deadline, 'the deadline is recorded');

  await e2e.inBrowser('projects-acceptance-resubmit', DESKTOP, (page) => request(page, '已完成整改，联网率92%'));
  await e2e.inBrowser('projects-acceptance-pass', DESKTOP, async (page) => {
    await decide(page, province, true, '整改到位，同意通过验收');
    await page.getByTestId('acceptance-round-2-status').waitFor({ timeout: 15_000 });
  });
  assert.equal(await projectStatus(), 'accepted');
  const rounds = (await province.client.get(`/api/projects/${projectId}/acceptance`)).body.rounds as { status: string; materials: { fileName: string }[] }[];
  assert.deepEqual(rounds.map((r) => r.status), ['failed', 'passed'], 'a failed round, then a passed one');
  assert.ok(rounds[1]!.materials.every((m) => m.fileName.includes('已完成整')), `the second round has the rectified files: ${JSON.stringify(rounds[1]!.materials)}`);
  assert.ok(rounds[0]!.materials.every((m) => m.fileName.includes('项目已按')), 'the first round keeps its own');

  await e2e.inBrowser('projects-title', DESKTOP, async (page) => {
    await openAs(applicant, page, `/projects/${projectId}`);
    await openTab(page, 'oversight');
    await page.getByTestId('oversight-tab').waitFor({ timeout: 15_000 });
    const title = page.locator('[data-testid^="oversight-title-"]').first();
    await title.waitFor({ timeout: 15_000 });
    const pdf = page.waitForResponse((r) => r.url().includes('/certificate.pdf'), { timeout: 90_000 });
    const download = page.waitForEvent('download', { timeout: 90_000 }).catch(() => null);
    await title.getByTestId('oversight-certificate').hover();
    await page.getByTestId('oversight-certificate-pdf').click();
    const response = await pdf;
    assert.equal(response.status(), 200, `the certificate: ${response.status()}`);
    const started = await download;
    assert.ok(started, 'the download starts');
    const file = await started.path();
    const bytes = fs.readFileSync(file);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF', `the downloaded certificate (${started.suggestedFilename()}, ${bytes.length} bytes) is a PDF`);
  });
});
