/**
 * Oversight end to end: a title awarded on acceptance shows on the public list and prints as a
 * certificate; a spot check draws its sample from a recorded seed; a fraud sanction (000 第十七条)
 * revokes the title, creates the recovery receivable, marks the project revoked and bans the
 * organization for two years — its pre-check and submission in any program are then refused with the
 * citation, until the ban expires.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pdfConverterAvailable } from '../../src/adapters/documents/pdf.ts';
import { submitApplication } from '../../src/use-cases/applicants/applications.ts';
import { precheckCall } from '../../src/use-cases/applicants/calls.ts';
import { awardTitle } from '../../src/use-cases/oversight/titles.ts';
import type { RequestContext } from '../../src/use-cases/ports.ts';
import { FORM, PROFILE, fillAndSubmit } from '../support/applicants.ts';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';

const SYSTEM: RequestContext = { actor: null, sessionId: null, ip: null, userAgent: 'test', requestId: null };

let p: TestPlatform;
let province: Client;
let applicant: Client;
let other: Client;
let callId = '';
let laterCall = '';
let keyProjectsCall = '';
let appId = '';
let otherApp = '';
let titleId = '';
let itemId = '';
let applicantCode = '';

async function call(programCode: string, title: string, deadlineDate: string): Promise<string> {
  const r = await province.post('/api/calls', { programCode, programVersion: 1, title, opensOn: '2026-03-01', deadlineDate });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal((await province.post(`/api/calls/${r.body.id}/publish`)).status, 200);
  return r.body.id as string;
}

async function enterprise(name: string, divisionCode: string): Promise<Client> {
  const org = await p.enterprise('130100', name);
  if (!applicantCode) applicantCode = org.code;
  const c = p.client();
  await c.signIn(await p.account('applicant', org.code));
  assert.equal((await c.put('/api/profile', { profile: { ...PROFILE, name, divisionCode, itTeamSize: 12 }, baseVersion: 0 })).status, 200);
  return c;
}

/** Selected, signed, funded (one tranche of 1 000 000 yuan paid) and accepted, with its titles awarded. */
async function acceptedProject(id: string): Promise<void> {
  const now = p.clock.now();
  await p.deps.uow.transaction(async (r) => {
    await r.applications.update(id, { state: 'selected' }, now);
    await r.projects.ensure(id, now);
    await r.projects.setStatus(id, 'accepted', now);
    await r.funding.replaceTranches(id, [{ trancheCode: 'first', position: 1, shareBp: 10_000, amountFen: 100_000_000, trigger: 'selection', budgetYear: 2026, citation: '000 第十四条' }], now);
    const [tranche] = await r.funding.tranches(id);
    const officer = (await r.accounts.ofOrganization((await r.organizations.findByCode('130000-miit'))!.id))[0]!;
    await r.funding.recordDisbursement(tranche!.id, { paidOn: '2026-03-02', voucherNumber: `V-${id}`, approvedBy: officer.id }, now);
    await awardTitle(p.deps, r, SYSTEM, id);
    await awardTitle(p.deps, r, SYSTEM, id); // idempotent
  });
}

before(async () => {
  p = await startPlatform({ programs: true });
  province = p.client();
  await province.signIn(await p.account('province_officer', '130000-miit'));
  callId = await call('hebei-2016-internet-plus', '2026年度“互联网+”制造业试点示范申报', '2026-04-30');
  laterCall = await call('hebei-2016-internet-plus', '2028年度“互联网+”制造业试点示范申报', '2028-12-31');
  keyProjectsCall = await call('hebei-2021-ii-key-projects', '2026年工业互联网重点项目', '2028-12-31');
  applicant = await enterprise('石家庄精工装备有限公司', '130102');
  other = await enterprise('石家庄诚信机械有限公司', '130104');
  appId = await fillAndSubmit(applicant, callId, { application: { ...FORM.application, projectName: '精工智能车间项目' } });
  otherApp = await fillAndSubmit(other, callId, { application: { ...FORM.application, projectName: '诚信智能工厂项目' } });
  await acceptedProject(appId);
  await acceptedProject(otherApp);
});
after(() => p.close());

test('titles awarded on acceptance are listed publicly and the certificate downloads', async () => {
  const view = await applicant.get(`/api/projects/${appId}/oversight`);
  assert.equal(view.status, 200, JSON.stringify(view.body));
  assert.equal(view.body.titles.length, 1, 'one title, awarded once');
  assert.equal(view.body.titles[0].name['zh-CN'], '河北省“互联网+”制造业示范企业');
  assert.equal(view.body.canManage, false);
  assert.deepEqual(view.body.sanctionOptions, [], 'the applicant sees no sanction options');
  titleId = view.body.titles[0].id;

  const anonymous = p.client();
  const list = await anonymous.get('/api/public/titles');
  assert.equal(list.status, 200, JSON.stringify(list.body));
  assert.deepEqual(list.body.items.map((t: { organizationName: string }) => t.organizationName).sort(), ['石家庄精工装备有限公司', '石家庄诚信机械有限公司'].sort());

  const pdf = await applicant.get(`/api/titles/${titleId}/certificate.pdf`);
  if (pdfConverterAvailable()) {
    assert.equal(pdf.status, 200, JSON.stringify(pdf.body));
    assert.match(pdf.headers.get('content-type') ?? '', /application\/pdf/);
  } else {
    assert.equal(pdf.status, 503, JSON.stringify(pdf.body));
  }
  assert.equal((await other.get(`/api/titles/${titleId}/certificate.pdf`)).status, 403, 'another enterprise may not print it');
});

test('a spot check draws at least the share from a recorded seed, and the same seed reproduces it', async () => {
  const refused = await province.post('/api/spot-checks', { callId });
  assert.equal(refused.status, 400, JSON.stringify(refused.body));
  const drawn = await province.post('/api/spot-checks', { callId, minShare: 5000 });
  assert.equal(drawn.status, 200, JSON.stringify(drawn.body));
  assert.equal(drawn.body.check.population, 2);
  assert.equal(drawn.body.items.length, 1, '50% of 2');
  assert.ok(drawn.body.check.seed.length > 0, 'the seed is recorded');
  const again = await province.post('/api/spot-checks', { callId, minShare: 5000, seed: drawn.body.check.seed });
  assert.deepEqual(again.body.items.map((i: { applicationId: string }) => i.applicationId), drawn.body.items.map((i: { applicationId: string }) => i.applicationId));
  const all = await province.post('/api/spot-checks', { callId, minShare: 10_000 });
  const item = all.body.items.find((i: { applicationId: string }) => i.applicationId === appId);
  const finding = await province.put(`/api/spot-check-items/${item.id}/finding`, { finding: 'fraud', notes: '验收材料中的发票系伪造' });
  assert.equal(finding.status, 200, JSON.stringify(finding.body));
  assert.equal(finding.body.finding, 'fraud');
  const list = await province.get('/api/spot-checks');
  assert.equal(list.body.total, 3);
  assert.equal((await applicant.post('/api/spot-checks', { callId, minShare: 5000 })).status, 403);
  itemId = item.id;
});

test('a fraud sanction revokes the title, recovers the funds, revokes the project and bans the organization', async () => {
  const r = await province.post(`/api/projects/${appId}/sanctions`, { sanctionId: 'fraud', reason: '抽查发现伪造发票', spotCheckItemId: itemId });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.projectStatus, 'revoked');
  assert.equal(r.body.titles[0].status, 'revoked');
  assert.equal(r.body.titles[0].revokedOn, '2026-03-02');
  const s = r.body.sanctions[0];
  assert.deepEqual(s.effects, ['revoke_title', 'recover_funds', 'application_ban']);
  assert.equal(s.citation, '000 第十七条');
  assert.ok(s.recoveryId, 'a recovery receivable was created');
  const recoveries = await p.deps.uow.read((x) => x.funding.recoveries(appId));
  assert.equal(recoveries.length, 1);
  assert.equal(recoveries[0]!.amountFen, 100_000_000, 'all that was disbursed');
  assert.equal(r.body.bans.length, 1);
  assert.deepEqual({ from: r.body.bans[0].fromDate, until: r.body.bans[0].untilDate, last: r.body.bans[0].lastDay, scope: r.body.bans[0].scope }, { from: '2026-03-02', until: '2028-03-02', last: '2028-03-01', scope: 'all_programs' });

  for (const action of ['sanction.impose', 'title.revoke', 'ban.create', 'funding.recovery.create']) {
    const { rows } = await p.deps.uow.read((x) => x.audit.list({ page: 1, pageSize: 10, order: 'desc', action }));
    assert.ok(rows.length >= 1, `audit record ${action}`);
  }
  const bans = await province.get('/api/bans?status=active');
  assert.equal(bans.status, 200, JSON.stringify(bans.body));
  assert.deepEqual(bans.body.items.map((b: { organizationName: string }) => b.organizationName), ['石家庄精工装备有限公司']);
  assert.equal((await province.get('/api/bans?status=expired')).body.total, 0);

  const list = await p.client().get('/api/public/titles');
  assert.deepEqual(list.body.items.map((t: { organizationName: string }) => t.organizationName), ['石家庄诚信机械有限公司'], 'the revoked title is not listed');
  assert.equal((await applicant.get(`/api/titles/${titleId}/certificate.pdf`)).status, 409);
  const unknown = await province.post(`/api/projects/${otherApp}/sanctions`, { sanctionId: 'performance-shortfall', reason: 'x' });
  assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
});

test('while banned the organization cannot apply in any program, and may again once the ban expires', async () => {
  for (const c of [laterCall, keyProjectsCall]) {
    const pre = await applicant.get(`/api/calls/${c}/precheck`);
    assert.equal(pre.status, 200, JSON.stringify(pre.body));
    const ban = pre.body.outcomes.find((o: { citation: string; blocking: boolean }) => o.citation === '000 第十七条' && o.blocking);
    assert.ok(ban, `pre-check of ${c} blocked with 000 第十七条: ${JSON.stringify(pre.body.outcomes)}`);
  }
  const otherPre = await other.get(`/api/calls/${laterCall}/precheck`);
  assert.equal(otherPre.body.outcomes.find((o: { ruleId: string }) => o.ruleId === 'not-banned').blocking, false, 'another organization is not banned');

  const draft = await applicant.post('/api/applications', { callId: laterCall });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const saved = await applicant.put(`/api/applications/${draft.body.id}/draft`, { revision: draft.body.revision, formData: FORM });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const { upload, pdfBytes, REQUIRED } = await import('../support/applicants.ts');
  for (const req of REQUIRED) assert.equal((await upload(applicant, draft.body.id, req, pdfBytes(req))).status, 201);
  const refused = await applicant.post(`/api/applications/${draft.body.id}/submit`, { revision: saved.body.revision, commitment: { signatoryName: '法定代表人', accepted: true } });
  assert.equal(refused.status, 409, JSON.stringify(refused.body));
  assert.match(JSON.stringify(refused.body), /000 第十七条/);

  // The last banned day (2028-03-01) is still banned; from the expiry date (2028-03-02) it may apply.
  p.clock.advance(Date.parse('2028-03-01T10:00:00+08:00') - p.clock.now().getTime());
  // Sessions do not last two years: the applicant acts through the use cases with its own actor.
  const org = (await p.org(applicantCode))!;
  const account = (await p.deps.uow.read((r) => r.accounts.ofOrganization(org.id)))[0]!;
  const ctx: RequestContext = { actor: { accountId: account.id, role: 'applicant', organizationId: org.id, organizationPath: org.path, name: account.displayName }, sessionId: null, ip: null, userAgent: 'test', requestId: null };
  const banned = (o: { citation: string; blocking: boolean }) => o.citation === '000 第十七条' && o.blocking;
  const lastDay = await precheckCall(p.deps, ctx, keyProjectsCall);
  assert.ok(lastDay.outcomes.some(banned), 'still banned on the last day');
  p.clock.advance(24 * 3_600_000);
  const free = await precheckCall(p.deps, ctx, keyProjectsCall);
  assert.ok(!free.outcomes.some(banned), `free on the expiry date: ${JSON.stringify(free.outcomes)}`);
  const submitted = await submitApplication(p.deps, ctx, draft.body.id, { revision: saved.body.revision, commitment: { signatoryName: '法定代表人' } });
  assert.equal(submitted.row.state, 'submitted');
  const expired = await p.deps.uow.read((r) => r.oversight.listBans({ kind: 'all' }, { page: 1, pageSize: 10, order: 'desc', status: 'expired', today: '2028-03-02' }));
  assert.equal(expired.total, 1, 'the ban is listed as expired');
});
