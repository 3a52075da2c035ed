/**
 * The applicant's side through the HTTP API: profile, call, pre-check, draft, attachments and
 * submission, with every refusal path (eligibility block, limit, deadline, missing attachment,
 * disguised file, oversize, wrong role, another organization's application), the return-for-revision
 * loop, notifications, the .docx read back by a real reader, and 20 parallel submissions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mammoth from 'mammoth';
import { Document, Packer, Paragraph } from 'docx';
import type { ProfileInput } from '../../contracts/applicants.ts';
import { FORM, PROFILE, REQUIRED, pdfBytes, upload } from '../support/applicants.ts';
import { pdfConverterAvailable } from '../../src/adapters/documents/pdf.ts';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';

const CODE = 'hebei-2016-internet-plus';
const DAY = 86_400_000;

/** A Windows executable's first bytes: "MZ" and a PE header. */
function exeBytes(): Uint8Array {
  const b = new Uint8Array(1024);
  b.set([0x4d, 0x5a], 0);
  b.set([0x80, 0, 0, 0], 0x3c);
  b.set([0x50, 0x45, 0, 0, 0x4c, 0x01], 0x80);
  return b;
}


let p: TestPlatform;
const accounts = new WeakMap<Client, { email: string; totpSecret: string | null }>();
/** Moving the clock by days ends sessions (30 minutes idle): sign in again at the new time. */
async function resume(...clients: Client[]) {
  for (const c of clients) {
    c.cookies.clear();
    c.csrf = '';
    assert.equal((await c.signIn(accounts.get(c)!)).status, 200);
  }
}
let applicant: Client;
let other: Client;
let city: Client;
let tangshanCity: Client;
let province: Client;
let callId: string;

async function startDraft(client: Client): Promise<{ id: string; revision: number }> {
  const r = await client.post('/api/applications', { callId });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { id: r.body.id, revision: r.body.revision };
}

async function completeDraft(client: Client, id: string, revision: number): Promise<number> {
  const saved = await client.put(`/api/applications/${id}/draft`, { revision, formData: FORM });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  for (const req of REQUIRED) assert.equal((await upload(client, id, req, pdfBytes(req))).status, 201);
  return saved.body.revision;
}

async function enterpriseWithProfile(cityCode: string, name: string, profile: Partial<ProfileInput> = {}): Promise<Client> {
  const org = await p.enterprise(cityCode, name);
  const account = await p.account('applicant', org.code);
  const client = p.client();
  accounts.set(client, account);
  await client.signIn(account);
  const saved = await client.put('/api/profile', { profile: { ...PROFILE, name, itTeamSize: 12, ...profile }, baseVersion: 0 });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  return client;
}

before(async () => {
  p = await startPlatform({ programs: true });
  province = p.client();
  await province.signIn(await p.account('province_officer', '130000-miit'));
  city = p.client();
  await city.signIn(await p.account('city_officer', '130100'));
  tangshanCity = p.client();
  await tangshanCity.signIn(await p.account('city_officer', '130200'));
  const draft = await province.post('/api/calls', {
    programCode: CODE,
    programVersion: 1,
    title: '关于组织申报2026年度河北省“互联网+”制造业试点示范项目的通知',
    documentNumber: '冀工信信息〔2026〕12号',
    opensOn: '2026-03-01',
    deadlineDate: '2026-04-30',
    deadlineTime: '17:00',
    materials: '按附件要求准备材料。',
  });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  callId = draft.body.id;
  assert.equal(draft.body.status, 'draft');
  const published = await province.post(`/api/calls/${callId}/publish`);
  assert.equal(published.status, 200);
  assert.equal(published.body.status, 'open');
  assert.equal(published.body.deadlineAt, '2026-04-30T09:00:00.000Z', '17:00 Beijing time');

  const org = await p.enterprise('130100', PROFILE.name);
  applicant = p.client();
  const account = await p.account('applicant', org.code);
  accounts.set(applicant, account);
  await applicant.signIn(account);
  other = await enterpriseWithProfile('130100', '石家庄另一家公司');
});
after(() => p.close());

describe('profile', () => {
  test('the first save makes version 1; a stale base version is refused; the versions are listed', async () => {
    const empty = await applicant.get('/api/profile');
    assert.equal(empty.status, 200);
    assert.equal(empty.body.version, 0);
    assert.equal(empty.body.data, null);
    const saved = await applicant.put('/api/profile', { profile: PROFILE, baseVersion: 0 });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.version, 1);
    assert.equal(saved.body.cityName, '石家庄市');
    assert.equal(saved.body.data.itTeamSize, 5);
    const stale = await applicant.put('/api/profile', { profile: PROFILE, baseVersion: 0 });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'stale_version');
    assert.equal(stale.body.version, 1);
    const versions = await applicant.get('/api/profile/versions');
    assert.deepEqual(versions.body.items.map((v: any) => v.version), [1]);
  });

  test('bad input is refused field by field, in Chinese and English', async () => {
    const r = await applicant.put('/api/profile', { profile: { ...PROFILE, divisionCode: '1301', industryCode: 'Z99', contacts: [{ ...PROFILE.contacts[0], mobile: '123' }] }, baseVersion: 1 });
    assert.equal(r.status, 400);
    const paths = r.body.errors.map((e: any) => e.path).sort();
    assert.deepEqual(paths, ['profile.contacts.0.mobile', 'profile.divisionCode', 'profile.industryCode']);
    for (const e of r.body.errors) assert.ok(e.messages['zh-CN'] && e.messages.en);
    const outside = await applicant.put('/api/profile', { profile: { ...PROFILE, divisionCode: '370102' }, baseVersion: 1 });
    assert.equal(outside.status, 400);
    assert.equal(outside.body.errors[0].path, 'profile.divisionCode');
    assert.match(outside.body.errors[0].messages['zh-CN'], /不在本省的地市范围内/);
  });
});

describe('call and pre-check', () => {
  test('an applicant sees the open call of its province; the pre-check names the failing rule with its citation', async () => {
    const list = await applicant.get('/api/calls?status=open');
    assert.equal(list.status, 200);
    assert.ok(list.body.items.some((c: any) => c.id === callId && c.programName['zh-CN'] === '河北省“互联网+”制造业试点示范'));
    const check = await applicant.get(`/api/calls/${callId}/precheck`);
    assert.equal(check.status, 200);
    assert.equal(check.body.eligible, false);
    const team = check.body.outcomes.find((o: any) => o.ruleId === 'it-team-size');
    assert.equal(team.status, 'fail');
    assert.equal(team.citation, '000 第五条（二）');
    assert.deepEqual(team.inputs, { 'applicant.itTeamSize': 5 });
    assert.ok(check.body.pending.includes('completable-in-period'), 'a rule on the form is pending, not failed');
  });

  test('after the profile is fixed the pre-check passes', async () => {
    const saved = await applicant.put('/api/profile', { profile: { ...PROFILE, itTeamSize: 12 }, baseVersion: 1 });
    assert.equal(saved.status, 200);
    const check = await applicant.get(`/api/calls/${callId}/precheck`);
    assert.equal(check.body.eligible, true, JSON.stringify(check.body.outcomes.filter((o: any) => o.blocking)));
  });
});

describe('application', () => {
  let id: string;
  let revision: number;

  test('a draft starts with the profile fields filled in; a second one in the same program is refused (one per applicant)', async () => {
    ({ id, revision } = await startDraft(applicant));
    const detail = await applicant.get(`/api/applications/${id}`);
    assert.equal(detail.body.state, 'draft');
    assert.equal(detail.body.formData.application.itTeamSize, 12);
    assert.equal(detail.body.formData.application.integrationLevel, '3');
    assert.deepEqual(detail.body.timeline.map((e: any) => e.toState), ['draft']);
    const second = await applicant.post('/api/applications', { callId });
    assert.equal(second.status, 409);
    assert.equal(second.body.code, 'application_limit');
    assert.match(second.body.messages['zh-CN'], /最多申报 1 个项目/);
  });

  test('the draft is saved even when wrong, with the problems; a stale revision is refused', async () => {
    const saved = await applicant.put(`/api/applications/${id}/draft`, { revision, formData: { application: { ...FORM.application, summary: '太短', direction: ['2.2', '3.1'] } } });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.revision, revision + 1);
    const paths = saved.body.issues.map((i: any) => i.path);
    assert.ok(paths.includes('application.summary'));
    assert.ok(paths.includes('application.direction'));
    assert.match(saved.body.issues.find((i: any) => i.path === 'application.summary').messages['zh-CN'], /^项目主要内容、创新点和预期成效：至少 200 字（现有 2 字）$/);
    const stale = await applicant.put(`/api/applications/${id}/draft`, { revision, formData: FORM });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'stale_revision');
    assert.equal(stale.body.revision, revision + 1);
    const kept = await applicant.get(`/api/applications/${id}`);
    assert.equal(kept.body.formData.application.summary, '太短', 'what was typed is kept');
    revision = kept.body.revision;
  });

  test('submission refuses missing and wrong fields and missing attachments, each on its field', async () => {
    const r = await applicant.post(`/api/applications/${id}/submit`, { revision, commitment: { signatoryName: '王建设', accepted: true } });
    assert.equal(r.status, 400);
    const paths = r.body.errors.map((e: any) => e.path);
    for (const p of ['application.summary', 'application.direction', ...REQUIRED.map((x) => `attachments.${x}`)]) assert.ok(paths.includes(p), p);
    assert.ok(!paths.includes('attachments.credentials'), 'an optional attachment is not asked for');
  });

  test('a disguised executable and an oversize file are refused with the reason', async () => {
    const exe = await upload(applicant, id, 'application-form', exeBytes(), '申报书.pdf');
    assert.equal(exe.status, 400);
    assert.equal(exe.body.errors[0].code, 'file_type');
    assert.match(exe.body.errors[0].messages['zh-CN'], /文件内容是 EXE.*只接受 PDF/);
    const big = await applicant.post('/api/uploads', { purpose: 'application', applicationId: id, requirementId: 'business-licence', fileName: 'licence.pdf', sizeBytes: 11 * 1024 * 1024 });
    assert.equal(big.status, 400);
    assert.equal(big.body.errors[0].code, 'file_too_large');
    const total = await applicant.post('/api/uploads', { purpose: 'application', applicationId: id, requirementId: 'application-form', fileName: 'big.pdf', sizeBytes: 3 * 1024 * 1024 });
    assert.equal(total.status, 400, 'the per-application limit (2 MB in tests) holds');
    assert.equal(total.body.errors[0].code, 'application_too_large');
  });

  test('an upload resumes after a lost chunk: a wrong offset says where to continue', async () => {
    const data = new Uint8Array(150 * 1024);
    data.set(pdfBytes('resume'), 0);
    const created = await applicant.post('/api/uploads', { purpose: 'application', applicationId: id, requirementId: 'credentials', fileName: '../../证明.pdf', sizeBytes: data.byteLength });
    assert.equal(created.status, 201);
    assert.equal(created.body.fileName, '证明.pdf', 'the path is stripped from the name');
    const chunk = created.body.chunkBytes;
    assert.equal((await applicant.binary('PUT', `/api/uploads/${created.body.id}?offset=0`, data.subarray(0, chunk))).status, 200);
    const skipped = await applicant.binary('PUT', `/api/uploads/${created.body.id}?offset=${2 * chunk}`, data.subarray(2 * chunk, 3 * chunk));
    assert.equal(skipped.status, 409);
    assert.equal(skipped.body.receivedBytes, chunk);
    const where = await applicant.get(`/api/uploads/${created.body.id}`);
    for (let offset = where.body.receivedBytes; offset < data.byteLength; offset += chunk) {
      assert.equal((await applicant.binary('PUT', `/api/uploads/${created.body.id}?offset=${offset}`, data.subarray(offset, offset + chunk))).status, 200);
    }
    const done = await applicant.post(`/api/uploads/${created.body.id}/complete`);
    assert.equal(done.status, 201);
    assert.equal(done.body.sizeBytes, data.byteLength);
    assert.match(done.body.sha256, /^[0-9a-f]{64}$/);
    const back = await applicant.binary('GET', `/api/attachments/${done.body.id}/download`);
    assert.equal(back.status, 200);
    assert.deepEqual(new Uint8Array(back.bytes), data);
    assert.match(back.headers.get('content-disposition')!, /filename\*=UTF-8''%E8%AF%81%E6%98%8E\.pdf/);
  });

  test('another organization and the wrong role are refused; the city officer reads it (audited)', async () => {
    assert.equal((await other.get(`/api/applications/${id}`)).status, 403);
    assert.equal((await other.put(`/api/applications/${id}/draft`, { revision, formData: FORM })).status, 403);
    assert.equal((await other.post(`/api/applications/${id}/submit`, { revision, commitment: { signatoryName: '某人', accepted: true } })).status, 403);
    assert.equal((await city.post(`/api/applications/${id}/submit`, { revision, commitment: { signatoryName: '某人', accepted: true } })).status, 403);
    assert.equal((await tangshanCity.get(`/api/applications/${id}`)).status, 403);
    const attachments = (await applicant.get(`/api/applications/${id}`)).body.attachments;
    assert.equal((await other.binary('GET', `/api/attachments/${attachments[0].id}/download`)).status, 403);
    assert.equal((await tangshanCity.binary('GET', `/api/attachments/${attachments[0].id}/download`)).status, 403);
    assert.equal((await city.get(`/api/applications/${id}`)).status, 200);
    const audited = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 5, order: 'desc', action: 'application.read', entityId: id }));
    assert.equal(audited.total, 1);
  });

  test('an eligibility block stops submission with the rule and its citation', async () => {
    revision = await completeDraft(applicant, id, revision);
    const profile = await applicant.get('/api/profile');
    assert.equal((await applicant.put('/api/profile', { profile: { ...profile.body.data, itTeamSize: 6 }, baseVersion: profile.body.version })).status, 200);
    const r = await applicant.post(`/api/applications/${id}/submit`, { revision, commitment: { signatoryName: '王建设', accepted: true } });
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 'not_eligible');
    assert.deepEqual(r.body.outcomes.map((o: any) => [o.ruleId, o.citation]), [['it-team-size', '000 第五条（二）']]);
    const fixed = await applicant.get('/api/profile');
    assert.equal((await applicant.put('/api/profile', { profile: { ...fixed.body.data, itTeamSize: 12 }, baseVersion: fixed.body.version })).status, 200);
  });

  test('submission with the commitment; a repeat returns the same submission; the profile is frozen', async () => {
    const commitment = { signatoryName: '王建设', accepted: true };
    const r = await applicant.post(`/api/applications/${id}/submit`, { revision, commitment });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.state, 'submitted');
    assert.equal(r.body.commitment.signatoryName, '王建设');
    assert.ok(r.body.commitment.ip);
    assert.match(r.body.commitment.text, /承诺/);
    const again = await applicant.post(`/api/applications/${id}/submit`, { revision, commitment });
    assert.equal(again.status, 200);
    assert.equal(again.body.submittedAt, r.body.submittedAt);
    assert.deepEqual(r.body.timeline.map((e: any) => e.toState), ['draft', 'submitted']);
    const frozen = r.body.profileVersion;
    const current = await applicant.get('/api/profile');
    await applicant.put('/api/profile', { profile: { ...current.body.data, employees: 999 }, baseVersion: current.body.version });
    const after = await applicant.get(`/api/applications/${id}`);
    assert.equal(after.body.profileVersion, frozen, 'a submitted application keeps the profile as it was');
    const submitted = await p.deps.uow.read((x) => x.audit.list({ page: 1, pageSize: 5, order: 'desc', action: 'application.submitted', entityId: id }));
    assert.equal(submitted.total, 1);
  });

  test('the applicant and the city are told, in the app and (applicant) by e-mail', async () => {
    const mine = await applicant.get('/api/notifications');
    assert.equal(mine.status, 200);
    assert.equal(mine.body.items[0].kind, 'application.submitted');
    assert.ok(mine.body.unread >= 1);
    const cityNotes = await city.get('/api/notifications?unreadOnly=true');
    assert.ok(cityNotes.body.items.some((n: any) => n.kind === 'application.submitted' && n.link === `/applications/${id}`));
    const read = await applicant.post(`/api/notifications/${mine.body.items[0].id}/read`);
    assert.ok(read.body.readAt);
    assert.equal((await other.post(`/api/notifications/${mine.body.items[0].id}/read`)).status, 404);
    const mail = await p.deps.uow.read((r) => r.outbox.list({ page: 1, pageSize: 20, order: 'desc' }));
    assert.ok(mail.rows.some((m) => m.subject.startsWith('申报已提交')));
  });

  test('the .docx is read back by a real reader and holds the applicant and the project', async () => {
    const doc = await applicant.binary('GET', `/api/applications/${id}/document.docx`);
    assert.equal(doc.status, 200);
    assert.match(doc.headers.get('content-type')!, /wordprocessingml/);
    const { value } = await mammoth.extractRawText({ buffer: doc.bytes });
    assert.ok(value.includes(PROFILE.name), 'the applicant’s name');
    assert.ok(value.includes('精工装备智能车间建设项目'), 'the project name');
    assert.ok(value.includes('王建设'), 'the signatory');
    const pdf = await applicant.binary('GET', `/api/applications/${id}/document.pdf`);
    if (pdfConverterAvailable()) {
      assert.equal(pdf.status, 200);
      assert.equal(pdf.bytes.subarray(0, 4).toString(), '%PDF');
    } else {
      assert.equal(pdf.status, 503);
      assert.equal(pdf.body.code, 'pdf_unavailable');
    }
  });

  test('the city starts its review: withdrawal is over; a return with field comments reopens the form', async () => {
    assert.equal((await tangshanCity.post(`/api/applications/${id}/start-review`)).status, 403);
    const started = await city.post(`/api/applications/${id}/start-review`);
    assert.equal(started.status, 200);
    assert.equal(started.body.state, 'city_review');
    const withdraw = await applicant.post(`/api/applications/${id}/withdraw`, { reason: '不想申报了' });
    assert.equal(withdraw.status, 409);
    assert.match(withdraw.body.messages['zh-CN'], /市级初审开始后不能撤回/);
    const returned = await city.post(`/api/applications/${id}/return`, { comment: '请补充投资明细', fieldComments: { 'application.plannedInvestment': '与附件不一致' } });
    assert.equal(returned.status, 200);
    const seen = await applicant.get(`/api/applications/${id}`);
    assert.equal(seen.body.state, 'returned');
    assert.equal(seen.body.returnComment, '请补充投资明细');
    assert.equal(seen.body.fieldComments['application.plannedInvestment'].comment, '与附件不一致');
    assert.equal(seen.body.permissions.edit, true);
    const saved = await applicant.put(`/api/applications/${id}/draft`, { revision: seen.body.revision, formData: { application: { ...FORM.application, plannedInvestment: 30_000_000_000 } } });
    p.clock.advance(70 * DAY); // after the call's deadline: a returned application may still be resubmitted
    try {
      await resume(applicant);
      const again = await applicant.post(`/api/applications/${id}/submit`, { revision: saved.body.revision, commitment: { signatoryName: '王建设', accepted: true } });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.deepEqual(again.body.timeline.map((e: any) => e.toState), ['draft', 'submitted', 'city_review', 'returned', 'submitted']);
      assert.deepEqual(again.body.fieldComments, {});
    } finally {
      p.clock.advance(-70 * DAY);
      await resume(applicant);
    }
  });
});

describe('deadline and withdrawal', () => {
  test('after the deadline (server clock, Beijing time) a draft can be neither saved nor submitted', async () => {
    const late = await enterpriseWithProfile('130100', '石家庄迟到公司');
    const { id, revision } = await startDraft(late);
    const rev = await completeDraft(late, id, revision);
    const saved = p.clock.now();
    p.clock.advance(Date.parse('2026-04-30T09:00:00Z') - saved.getTime()); // exactly 17:00 on the deadline day
    try {
      await resume(late);
      const r = await late.post(`/api/applications/${id}/submit`, { revision: rev, commitment: { signatoryName: '迟到者', accepted: true } });
      assert.equal(r.status, 409);
      assert.equal(r.body.code, 'deadline_passed');
      assert.match(r.body.messages['zh-CN'], /2026年4月30日 17:00/);
      assert.equal((await late.put(`/api/applications/${id}/draft`, { revision: rev, formData: FORM })).status, 409);
      assert.equal((await late.post('/api/applications', { callId })).status, 409);
    } finally {
      p.clock.advance(saved.getTime() - p.clock.now().getTime());
    }
  });

  test('withdrawal before review frees the slot for a new application', async () => {
    const { id, revision } = await startDraft(other);
    const rev = await completeDraft(other, id, revision);
    assert.equal((await other.post(`/api/applications/${id}/submit`, { revision: rev, commitment: { signatoryName: '某某', accepted: true } })).status, 200);
    const w = await other.post(`/api/applications/${id}/withdraw`, { reason: '材料需要重新准备' });
    assert.equal(w.status, 200);
    assert.equal(w.body.state, 'withdrawn');
    assert.equal(w.body.timeline.at(-1).comment, '材料需要重新准备');
    assert.equal((await other.post('/api/applications', { callId })).status, 201);
  });
});

test('20 parallel submissions of the same draft make one submitted application and one audit record', async () => {
  const client = await enterpriseWithProfile('130100', '石家庄并发测试公司');
  const { id, revision } = await startDraft(client);
  const rev = await completeDraft(client, id, revision);
  const results = await Promise.all(Array.from({ length: 20 }, () => client.post(`/api/applications/${id}/submit`, { revision: rev, commitment: { signatoryName: '并发', accepted: true } })));
  assert.deepEqual([...new Set(results.map((r) => r.status))], [200]);
  assert.equal(new Set(results.map((r) => r.body.submittedAt)).size, 1);
  const audit = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 50, order: 'desc', action: 'application.submitted', entityId: id }));
  assert.equal(audit.total, 1);
  const events = await p.deps.uow.read((r) => r.applications.events(id));
  assert.deepEqual(events.map((e) => e.toState), ['draft', 'submitted']);
  const list = await client.get('/api/applications?state=submitted');
  assert.equal(list.body.total, 1);
});

test('a docx made by Word is accepted where the requirement takes docx', async () => {
  const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('中长期发展规划')] }] })));
  const client = await enterpriseWithProfile('130100', '石家庄文档公司');
  const { id } = await startDraft(client);
  const r = await upload(client, id, 'application-form', docx, 'plan.pdf');
  assert.equal(r.status, 400, 'application-form takes PDF only');
  assert.match(r.body.errors[0].messages['zh-CN'], /文件内容是 Word \(\.docx\)/);
});

test('schema errors name the field in Chinese and English, a contact’s fields with the contact', async () => {
  const r = await applicant.put('/api/profile', { profile: { ...PROFILE, industryCode: '3421', contacts: [{ ...PROFILE.contacts[0], name: '', email: 'x' }] }, baseVersion: 0 });
  assert.equal(r.status, 400);
  const byPath = Object.fromEntries(r.body.errors.map((e: any) => [e.path, e.messages]));
  assert.deepEqual(byPath['profile.contacts.0.name'], { 'zh-CN': '联系人姓名：必填', en: 'Contact name: is required' });
  assert.equal(byPath['profile.contacts.0.email']['zh-CN'], '联系人电子邮箱：格式不正确，例如 name@example.com');
  assert.equal(byPath['profile.industryCode']['zh-CN'], '所属行业代码：应为国民经济行业代码（门类字母加 2–4 位数字），如 C3421');
  const commitment = await applicant.post('/api/applications/1/submit', { revision: 0, commitment: { signatoryName: '王', accepted: false } });
  assert.equal(commitment.status, 400);
  assert.deepEqual(commitment.body.errors.map((e: any) => e.messages['zh-CN']).sort(), ['承诺书：须阅读并接受承诺书', '承诺人姓名：至少 2 个字符']);
});
