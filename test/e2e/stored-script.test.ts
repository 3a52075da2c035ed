/**
 * Stored script injection (issue 8): script payloads are put through the API into every free-text field
 * this test can reach that the web app renders (the table FIELDS lists them, and the ones not reached
 * yet), then every page that shows them is opened as the role that sees it, and on the public pages.
 * On every page: `window.__xss` stays undefined, no dialog opens, no element carries an inline
 * handler or a javascript: link, and each payload is shown as text (somewhere among the pages).
 * The real server (`src/main/server.ts`) on a fresh data folder, driven by Debian's Chromium.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../support/e2e.ts';
import { signInStaff, shareSession, remoteClient, type Staff } from '../support/remote.ts';
import { FORM, PROFILE, REQUIRED, pdfBytes, upload } from '../support/applicants.ts';
import type { Client } from '../support/platform.ts';
import { assignExperts, ok } from '../support/e2e-selection.ts';
import { sanitizeFileName } from '../../src/core/file-names.ts';

const PROGRAM_CODE = 'hebei-2016-internet-plus';
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 375, height: 812 };
const CHECKLIST = ['identity', 'seals', 'investment', 'declarations', 'onsite'];

/** The payloads; each field gets one, tagged so that it can be found as text. */
const PAYLOADS = [
  (tag: string) => `${tag}<img src=x onerror="window.__xss='${tag}'">`,
  (tag: string) => `${tag}<script>window.__xss='${tag}'</script>`,
  (tag: string) => `${tag}"><svg onload="window.__xss='${tag}'">`,
  (tag: string) => `javascript:window.__xss='${tag}'//`,
  (tag: string) => `${tag}<a href="javascript:alert('${tag}')">x</a>`,
];

interface Field {
  /** Where a user enters it. */
  field: string;
  /** The pages that render it (paths filled in once the records exist). */
  pages: string;
  payload: string;
  /** The text the page shows, when the server changes it on purpose (file names are sanitized). */
  shown: string;
}

/** Every free-text field covered; `NOT_COVERED` names those not reached yet, so the gap is visible. */
const FIELDS: Field[] = [];
const NOT_COVERED = [
  'progress report content (needs a project in implementation)',
  'agreement signatories (needs the final list and an approved plan)',
  'spot-check findings, sanction reasons, acceptance opinions (later stages)',
  'program definition texts (edited as JSON by the province, shown in the program designer)',
  'city checklist notes (stored with the decision, not rendered after it)',
];
let counter = 0;
function payload(field: string, pages: string, max = 200, shownAs: (v: string) => string = (v) => v): string {
  counter += 1;
  const tag = `X${String(counter).padStart(2, '0')}`;
  const value = PAYLOADS[counter % PAYLOADS.length]!(tag).slice(0, max);
  FIELDS.push({ field, pages, payload: value, shown: shownAs(value) });
  return value;
}

let e2e: E2E;
let BASE = '';
const demo = new Map<string, { email: string; password: string }>();
let province: Staff;
let city: Staff;
let expert: Staff;
let admin: Staff;
let applicant: Client;
let callId = '';
let applicationId = '';
let noticeId = '';
let reviewId = '';
const now = () => e2e.now();


before(async () => {
  e2e = await startE2E(5900);
  BASE = e2e.base;
  for (const m of e2e.output().matchAll(/^\s*DEMO (\w+)\s+(\S+)\s+(\S+)/gm)) demo.set(m[1]!, { email: m[2]!, password: m[3]! });
  province = await signInStaff(BASE, now, demo.get('province_officer')!);
  city = await signInStaff(BASE, now, demo.get('city_officer')!);
  expert = await signInStaff(BASE, now, demo.get('expert')!);
  admin = await signInStaff(BASE, now, demo.get('administrator')!);
  applicant = remoteClient(BASE, now);
  ok(await applicant.post('/api/auth/login', demo.get('applicant')!), 200, 'applicant sign-in');

  // An account's display name (the accounts page).
  const cityOrg = (await admin.client.get('/api/organizations?q=石家庄市')).body.items.find((o: { code: string }) => o.code === '130100');
  ok(await admin.client.post('/api/accounts', { email: 'xss.officer@test.example', displayName: payload('account display name', '/accounts', 50), role: 'city_officer', organizationId: cityOrg.id }), 201, 'account');

  // The applicant's profile.
  const session = await applicant.get('/api/auth/session');
  const profile = await applicant.get('/api/profile');
  ok(
    await applicant.put('/api/profile', {
      profile: {
        ...PROFILE,
        itTeamSize: 12,
        name: payload('profile: enterprise name', '/profile, /applications/:id', 100),
        address: payload('profile: address', '/profile', 200),
        legalRepresentative: payload('profile: legal representative', '/profile', 50),
        contacts: [{ ...PROFILE.contacts[0]!, name: payload('profile: contact name', '/profile', 50), position: payload('profile: contact position', '/profile', 50) }],
      },
      baseVersion: profile.body?.version ?? 0,
    }),
    200,
    'profile',
  );
  void session;

  // A call of the province with its title and materials.
  const call = await province.client.post('/api/calls', {
    programCode: PROGRAM_CODE,
    programVersion: 1,
    title: payload('call title', '/calls, /calls/:id, /portal/calls, /portal/calls/:id', 200),
    opensOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now()),
    deadlineDate: '2099-12-31',
    materials: payload('call materials', '/calls/:id, /portal/calls/:id', 10_000),
  });
  ok(call, 201, 'call');
  callId = call.body.id;
  ok(await province.client.post(`/api/calls/${callId}/publish`), 200, 'publish');
  ok(await province.client.put(`/api/calls/${callId}/quotas`, { quotaTable: { '130100': 1 }, threshold: null }), 200, 'quotas');

  // The application: project name and summary.
  const app = await applicant.post('/api/applications', { callId });
  ok(app, 201, 'draft');
  applicationId = app.body.id;
  const form = { application: { ...FORM.application, projectName: payload('application: project name', '/applications, /applications/:id, /selection/:callId', 100), summary: `${payload('application: summary', '/applications/:id', 200)}${FORM.application.summary}` } };
  const saved = await applicant.put(`/api/applications/${applicationId}/draft`, { revision: app.body.revision, formData: form });
  ok(saved, 200, 'draft saved');
  for (const req of REQUIRED) ok(await upload(applicant, applicationId, req, pdfBytes(req), req === 'business-licence' ? payload('attachment file name (shown sanitized)', '/applications/:id', 120, (v) => sanitizeFileName(`${v}.pdf`)) + '.pdf' : `${req}.pdf`), 201, `attachment ${req}`);
  ok(await applicant.post(`/api/applications/${applicationId}/submit`, { revision: saved.body.revision, commitment: { signatoryName: payload('commitment signatory', '/applications/:id', 50), accepted: true } }), 200, 'submit');

  // The city's review: a checklist note and the reason.
  ok(await city.client.post(`/api/applications/${applicationId}/start-review`), 200, 'start review');
  ok(
    await city.client.post(`/api/applications/${applicationId}/city-decision`, {
      decision: 'pass',
      reason: payload('city review reason', '/applications/:id', 2000),
      checklist: CHECKLIST.map((id, i) => ({ id, checked: true, note: i === 0 ? PAYLOADS[0]!('XCL') : '已核实' })),
    }),
    200,
    'city decision',
  );
  ok(await city.client.request('PUT', `/api/calls/${callId}/recommendation/items/${applicationId}`), 200, 'recommend');
  ok(await city.client.post(`/api/calls/${callId}/recommendation/submit`, { documentNumber: payload('recommendation document number', '/recommendations/:callId, /selection/:callId', 50) }), 200, 'submit the list');
  ok(await province.client.post(`/api/applications/${applicationId}/policy-decision`, { decision: 'pass' }), 200, 'policy decision');

  // The expert: in the pool, assigned, scores with a comment.
  const me = await expert.client.get('/api/auth/session');
  ok(await province.client.post('/api/experts', { name: '陈静', title: payload('expert title', '/experts', 50), organizationName: payload('expert organization', '/experts', 100), cityName: '秦皇岛市', tags: ['工业互联网'], email: me.body.user.email }), 201, 'expert in the pool');
  await assignExperts(province, callId);
  const reviews = await expert.client.get('/api/reviews');
  const review = (reviews.body.items as { id: string; applicationId?: string }[])[0];
  assert.ok(review, `the expert has a review: ${JSON.stringify(reviews.body).slice(0, 300)}`);
  reviewId = review.id;
  ok(await expert.client.post(`/api/reviews/${reviewId}/declaration`, { conflict: false }), 200, 'declaration');
  ok(await expert.client.post(`/api/reviews/${reviewId}/submit`, { scores: { overall: 85 }, comment: payload('expert review comment', '/reviews/:id, /selection/:callId', 2000) }), 200, 'scores');
  ok(await province.client.post(`/api/calls/${callId}/close-scoring`), 200, 'close scoring');
  ok(await province.client.post(`/api/calls/${callId}/decision`, { shortlist: [applicationId], reasons: {} }), 200, 'decision');

  // The public notice and an objection from the public.
  ok(
    await province.client.put(`/api/calls/${callId}/notice`, {
      title: payload('notice title', '/public/notices, /public/notices/:id', 200),
      body: payload('notice body', '/public/notices/:id', 5000),
      contact: { name: payload('notice contact name', '/public/notices/:id', 100), phone: '0311-87801234', email: null },
    }),
    200,
    'notice',
  );
  const published = await province.client.post(`/api/calls/${callId}/notice/publish`);
  ok(published, 200, 'publish the notice');
  const notices = await remoteClient(BASE, now).get('/api/public/notices');
  noticeId = (notices.body.items as { id: string; callId?: string }[])[0]!.id;
  const objection = await remoteClient(BASE, now).post(`/api/public/notices/${noticeId}/objections`, {
    name: payload('objection: name', '/selection/:callId', 100),
    contact: '13912345678',
    content: `${payload('objection: content', '/selection/:callId', 1000)}，该项目申报材料与实际不符。`,
    itemPosition: 1,
    attachment: null,
  });
  ok(objection, 201, 'objection');
  const objections = await province.client.get(`/api/calls/${callId}/objections`);
  const objectionId = (objections.body.items as { id: string }[])[0]?.id;
  assert.ok(objectionId, `the objection is listed: ${JSON.stringify(objections.body).slice(0, 300)}`);
  ok(await province.client.post(`/api/objections/${objectionId}/handle`, { status: 'investigating', outcome: payload('objection handling outcome', '/selection/:callId', 5000) }), 200, 'objection handled');
});
after(() => e2e?.stop());

/** Waits for the network to rest and the page's text to stop changing (lazy tabs load their data late). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  let last = '';
  for (let i = 0; i < 10; i++) {
    await page.waitForTimeout(300);
    const text = await page.evaluate(() => document.body.innerText);
    if (text === last && !(await page.locator('.ant-spin-spinning, .ant-skeleton').count())) return;
    last = text;
  }
}

/** Opens a page as a signed-in client (or anonymously) and checks it; returns its visible text. */
async function visit(page: Page, client: Client | null, path: string): Promise<string> {
  if (client) await shareSession(client, page.context(), BASE);
  else await page.context().clearCookies();
  await page.goto(`${BASE}${path}`);
  await settle(page);
  // Other test runs rebuild the shared web bundle; a page whose chunks were just replaced loads blank once.
  const blank = () => page.evaluate(() => document.body.innerText.trim().length < 20 || document.body.innerText.includes('页面加载失败'));
  for (let retry = 0; retry < 6 && (await blank()); retry++) {
    await page.waitForTimeout(2000);
    await page.reload();
    await settle(page);
  }
  assert.equal(await blank(), false, `${path}: the page loaded`);
  const found = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).map((e) => e.outerHTML.slice(0, 120)),
    jsLinks: [...document.querySelectorAll('a[href], area[href], iframe[src], form[action]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '').filter((h) => /^\s*javascript:/i.test(h)),
    text: [document.body.innerText, ...[...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value)].join('\n'),
  }));
  assert.equal(found.xss, null, `${path}: a payload ran (window.__xss = ${JSON.stringify(found.xss)})`);
  assert.deepEqual(found.handlers, [], `${path}: no element has an inline event handler`);
  assert.deepEqual(found.jsLinks, [], `${path}: no javascript: link`);
  return found.text;
}

test('no payload runs on any page that renders them, and each is shown as text', { timeout: 300_000 }, async () => {
  const texts: { path: string; text: string }[] = [];
  const dialogs: string[] = [];
  const pages: [Client | null, string, typeof DESKTOP][] = [
    [applicant, '/profile', DESKTOP],
    [applicant, '/my-organization', DESKTOP],
    [applicant, '/applications', DESKTOP],
    [applicant, `/applications/${applicationId}`, DESKTOP],
    [applicant, '/notifications', DESKTOP],
    [city.client, '/applications', DESKTOP],
    [city.client, `/applications/${applicationId}`, DESKTOP],
    [city.client, `/recommendations/${callId}`, DESKTOP],
    [province.client, '/calls', DESKTOP],
    [province.client, `/calls/${callId}`, DESKTOP],
    [province.client, `/applications/${applicationId}`, DESKTOP],
    [province.client, '/selection', DESKTOP],
    [province.client, `/selection/${callId}`, DESKTOP],
    [province.client, '/experts', DESKTOP],
    [province.client, '/notifications', DESKTOP],
    [expert.client, '/reviews', DESKTOP],
    [expert.client, `/reviews/${reviewId}`, DESKTOP],
    [admin.client, '/accounts', DESKTOP],
    [admin.client, '/audit', DESKTOP],
    [null, '/portal', PHONE],
    [null, '/portal/calls', PHONE],
    [null, `/portal/calls/${callId}`, PHONE],
    [null, '/public/notices', PHONE],
    [null, `/public/notices/${noticeId}`, PHONE],
  ];
  for (const [client, path, viewport] of pages) {
    await e2e.inBrowser(`xss-${path.replace(/\W+/g, '-')}`, viewport, async (page) => {
      page.on('dialog', (d) => {
        dialogs.push(`${path}: ${d.message()}`);
        void d.dismiss();
      });
      texts.push({ path, text: await visit(page, client, path) });
      // Tabs of a page hold more of the records (the notice and its objections, the scores).
      for (const tab of await page.locator('[role="tab"]').all()) {
        if (!(await tab.isVisible())) continue;
        await tab.click();
        await settle(page);
        const more = await page.evaluate(() => ({
          xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
          text: [document.body.innerText, ...[...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value)].join('\n'),
        }));
        assert.equal(more.xss, null, `${path} (tab ${await tab.innerText()}): a payload ran`);
        texts.push({ path: `${path} (tab)`, text: more.text });
      }
    });
  }
  assert.deepEqual(dialogs, [], 'no dialog opened');

  const missing = FIELDS.filter((f) => !texts.some((t) => t.text.includes(f.shown)));
  const table = FIELDS.map((f) => `  ${missing.includes(f) ? '✗' : '✓'} ${f.field.padEnd(34)} ${f.pages}`).join('\n');
  console.log(`stored script: ${FIELDS.length} fields, ${texts.length} page views, ${PAYLOADS.length} payload kinds\n${table}\n  not covered yet:\n    ${NOT_COVERED.join('\n    ')}`);
  if (missing.length) fs.writeFileSync(path.join(os.tmpdir(), 'stored-script-texts.json'), JSON.stringify(texts, null, 1));
  assert.deepEqual(missing.map((f) => f.field), [], `every payload is shown as text on some page (page texts in ${os.tmpdir()}/stored-script-texts.json)`);
});
