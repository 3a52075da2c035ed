/**
 * Projects after the final list (issue 6 items 1, 2, 4): the implementation plan and the agreement
 * (.docx read back), signing into implementation, quarterly reports (overdue by the server's clock,
 * submitted, commented), guidance visits, and acceptance with rectification (city initial pass →
 * province fail with a deadline → resubmission → second acceptance pass → accepted, title awarded).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mammoth from 'mammoth';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';
import { pdfBytes, upload } from '../support/applicants.ts';

let p: TestPlatform;
let province: Client;
let city: Client;
let tangshan: Client;
let applicant: Client;
let other: Client;
let callId = '';
let id = '';
let enterpriseName = '';
const DAY = 86_400_000;
const accounts = new Map<Client, Awaited<ReturnType<TestPlatform['account']>>>();

async function signIn(client: Client, account: Awaited<ReturnType<TestPlatform['account']>>) {
  accounts.set(client, account);
  await client.signIn(account);
}

/** Moves the server's clock; sessions expire meanwhile, so everyone signs in again. */
async function advanceDays(days: number) {
  p.clock.advance(days * DAY);
  for (const [client, account] of accounts) {
    client.cookies.clear();
    client.csrf = '';
    const res = await client.signIn(account);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
}

/** An application of a 石家庄 enterprise put into 'selected' directly, as the final list leaves it. */
async function selectedApplication(name: string, projectName: string): Promise<{ id: string; orgId: string }> {
  const org = await p.enterprise('130100', name);
  const call = (await p.deps.uow.read((r) => r.calls.findById(callId)))!;
  const appId = await p.deps.uow.transaction(async (r) => {
    const x = await r.applications.insert({ callId, programId: call.programId, programVersion: call.programVersion, organizationId: org.id, state: 'selected', createdBy: '1', now: p.clock.now() });
    await r.applications.update(x, { projectName }, p.clock.now());
    return x;
  });
  return { id: appId, orgId: org.id };
}

const plan = {
  goals: '建成覆盖主要产线的工业互联网平台，设备联网率达到90%以上。',
  startDate: '2026-03-01',
  endDate: '2026-12-31',
  milestones: [
    { name: '平台上线试运行', dueDate: '2026-06-30' },
    { name: '全部产线接入', dueDate: '2026-11-30' },
  ],
  budget: [
    { category: 'automation-equipment', amountFen: 3_000_000_00 },
    { category: 'system-development', amountFen: 1_500_000_00 },
  ],
  indicators: [{ name: '设备联网率', target: '90', unit: '%' }],
};

async function audited(action: string, entityId?: string) {
  const { rows } = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 50, order: 'desc', action, ...(entityId ? { entityId } : {}) }));
  return rows;
}

before(async () => {
  p = await startPlatform({ programs: true });
  province = p.client();
  await signIn(province, await p.account('province_officer', '130000-miit'));
  city = p.client();
  await signIn(city, await p.account('city_officer', '130100'));
  tangshan = p.client();
  await signIn(tangshan, await p.account('city_officer', '130200'));
  const call = await province.post('/api/calls', { programCode: 'hebei-2016-internet-plus', programVersion: 1, title: '2026年度“互联网+”制造业试点示范申报', opensOn: '2026-03-01', deadlineDate: '2026-04-30' });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  callId = call.body.id;
  assert.equal((await province.post(`/api/calls/${callId}/publish`)).status, 200);
  enterpriseName = '石家庄精工装备有限公司';
  const a = await selectedApplication(enterpriseName, '精工装备智能车间建设项目');
  id = a.id;
  const org = (await p.deps.uow.read((r) => r.organizations.findById(a.orgId)))!;
  applicant = p.client();
  await signIn(applicant, await p.account('applicant', org.code));
  const b = await selectedApplication('石家庄另一家企业', '另一个项目');
  other = p.client();
  await signIn(other, await p.account('applicant', (await p.deps.uow.read((r) => r.organizations.findById(b.orgId)))!.code));
  await p.deps.uow.transaction(async (r) => {
    await r.projects.ensure(id, p.clock.now());
    await r.projects.ensure(b.id, p.clock.now());
  });
});
after(() => p.close());

describe('projects', () => {
  test('a selected application is a project awaiting its agreement; ensure is idempotent; only selected applications become projects', async () => {
    const again = await p.deps.uow.transaction((r) => r.projects.ensure(id, p.clock.now()));
    assert.equal(again.status, 'agreement_pending');
    assert.equal(again.organizationName, enterpriseName);
    assert.equal(again.cityName, '石家庄市');
    const org = await p.enterprise('130100');
    const draft = await p.deps.uow.transaction(async (r) => {
      const call = (await r.calls.findById(callId))!;
      return r.applications.insert({ callId, programId: call.programId, programVersion: call.programVersion, organizationId: org.id, state: 'draft', createdBy: '1', now: p.clock.now() });
    });
    await assert.rejects(p.deps.uow.transaction((r) => r.projects.ensure(draft, p.clock.now())), /not selected/);
  });

  test('lists: the applicant sees its own, the city its subtree, another city none, the province all', async () => {
    const mine = await applicant.get('/api/projects');
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.deepEqual(mine.body.items.map((x: any) => x.id), [id]);
    assert.equal((await city.get('/api/projects')).body.total, 2);
    assert.equal((await tangshan.get('/api/projects')).body.total, 0);
    const filtered = await province.get(`/api/projects?q=${encodeURIComponent('精工')}&status=agreement_pending&sort=projectName&order=asc`);
    assert.deepEqual(filtered.body.items.map((x: any) => x.id), [id]);
    assert.equal((await other.get(`/api/projects/${id}`)).status, 403);
    assert.equal((await tangshan.get(`/api/projects/${id}`)).status, 403);
    assert.equal((await applicant.get('/api/projects/999999')).status, 404);
  });
});

describe('agreement', () => {
  test('the plan is checked against the program’s expense categories and period', async () => {
    const bad = await applicant.put(`/api/projects/${id}/plan`, { ...plan, budget: [{ category: 'land', amountFen: 1 }], milestones: [{ name: '超期', dueDate: '2027-05-01' }] });
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    const paths = bad.body.errors.map((e: any) => e.path);
    assert.ok(paths.includes('budget.0.category') && paths.includes('milestones.0.dueDate'), JSON.stringify(paths));
  });

  test('the applicant enters and submits its plan; the city and the province cannot enter it', async () => {
    assert.equal((await province.put(`/api/projects/${id}/plan`, { ...plan, submit: true })).status, 403);
    assert.equal((await city.put(`/api/projects/${id}/plan`, { ...plan, submit: true })).status, 403);
    assert.equal((await other.put(`/api/projects/${id}/plan`, { ...plan, submit: true })).status, 403);
    const draft = await applicant.put(`/api/projects/${id}/plan`, plan);
    assert.equal(draft.status, 200, JSON.stringify(draft.body));
    assert.equal(draft.body.planStatus, 'draft');
    const early = await province.get(`/api/projects/${id}/agreement.docx`);
    assert.equal(early.status, 409, 'no agreement before the plan is approved');
    const submitted = await applicant.put(`/api/projects/${id}/plan`, { ...plan, submit: true });
    assert.equal(submitted.body.planStatus, 'submitted');
    assert.equal(submitted.body.budgetTotalFen, 4_500_000_00);
    assert.equal((await applicant.put(`/api/projects/${id}/plan`, plan)).status, 409, 'a submitted plan is locked');
    assert.equal((await audited('project.plan_submitted', id)).length, 1);
  });

  test('the province approves the plan; the agreement .docx has both parties and the project; signing starts implementation', async () => {
    assert.equal((await city.post(`/api/projects/${id}/plan/review`, { decision: 'approve' })).status, 403);
    assert.equal((await applicant.post(`/api/projects/${id}/agreement/sign`, { signedOn: '2026-03-02', signatories: { province: '张处长', enterprise: '王总' } })).status, 403);
    const early = await province.post(`/api/projects/${id}/agreement/sign`, { signedOn: '2026-03-02', signatories: { province: '张处长', enterprise: '王总' } });
    assert.equal(early.status, 409, 'signing waits for the approval');
    const approved = await province.post(`/api/projects/${id}/plan/review`, { decision: 'approve', comment: '' });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.planStatus, 'approved');
    assert.ok(approved.body.agreementNumber, 'an agreement number');

    const doc = await applicant.binary('GET', `/api/projects/${id}/agreement.docx`);
    assert.equal(doc.status, 200);
    assert.match(doc.headers.get('content-type')!, /wordprocessingml/);
    const { value } = await mammoth.extractRawText({ buffer: doc.bytes });
    assert.ok(value.includes('甲方：河北省工业和信息化厅'), 'the province department');
    assert.ok(value.includes(`乙方：${enterpriseName}`), 'the enterprise');
    assert.ok(value.includes('精工装备智能车间建设项目'), 'the project name');
    assert.ok(value.includes('450'), 'the budget total in 万元');
    assert.ok(value.includes('自动化设备购置与改造'), 'the category name');
    assert.ok(value.includes('000 第十条'), 'a policy citation');

    const future = await province.post(`/api/projects/${id}/agreement/sign`, { signedOn: '2026-04-01', signatories: { province: '张处长', enterprise: '王总' } });
    assert.equal(future.status, 400);
    const signed = await province.post(`/api/projects/${id}/agreement/sign`, { signedOn: '2026-03-02', signatories: { province: '张处长', enterprise: '王总' } });
    assert.equal(signed.status, 200, JSON.stringify(signed.body));
    assert.equal(signed.body.signedOn, '2026-03-02');
    const detail = await applicant.get(`/api/projects/${id}`);
    assert.equal(detail.body.status, 'implementing');
    assert.ok(detail.body.agreementSignedAt, 'signed at');
    assert.deepEqual(detail.body.timeline.map((e: any) => e.kind), ['plan_saved', 'plan_submitted', 'plan_approved', 'agreement_signed']);
    const [audit] = await audited('project.agreement_signed', id);
    assert.equal((audit!.after as any).status, 'implementing');
    const resign = await province.post(`/api/projects/${id}/agreement/sign`, { signedOn: '2026-03-02', signatories: { province: '张', enterprise: '王' } });
    assert.equal(resign.status, 409, JSON.stringify(resign.body));
  });
});

describe('progress', () => {
  let q1 = '';
  test('quarterly reports fall due at each quarter’s end and are flagged overdue after it', async () => {
    const list = await applicant.get(`/api/projects/${id}/reports`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(list.body.items.map((r: any) => [r.period, r.dueDate]), [
      ['2026Q1', '2026-03-31'],
      ['2026Q2', '2026-06-30'],
      ['2026Q3', '2026-09-30'],
      ['2026Q4', '2026-12-31'],
    ]);
    assert.ok(list.body.items.every((r: any) => !r.overdue), 'nothing overdue yet');
    q1 = list.body.items[0].id;
    await advanceDays(31); // 2026-04-02
    const late = await city.get(`/api/projects/${id}/reports`);
    assert.equal(late.status, 200, JSON.stringify(late.body));
    assert.equal(late.body.items[0].overdue, true);
    assert.equal(late.body.items[1].overdue, false);
    const flagged = await city.get('/api/projects?overdue=true');
    assert.deepEqual(flagged.body.items.map((x: any) => [x.id, x.overdueReports]), [[id, 1]]);
    assert.equal((await province.get('/api/projects?overdue=true')).body.total, 1);
  });

  test('the applicant submits; a future quarter cannot be reported; the city and the province comment', async () => {
    const content = { milestones: [{ name: '平台上线试运行', status: 'in_progress', note: '完成部署' }], spentFen: 80_000_000, problems: '芯片到货延迟' };
    const q3 = (await applicant.get(`/api/projects/${id}/reports`)).body.items[2].id;
    assert.equal((await applicant.put(`/api/projects/${id}/reports/${q3}`, content)).status, 409);
    assert.equal((await city.put(`/api/projects/${id}/reports/${q1}`, content)).status, 403);
    assert.equal((await city.post(`/api/projects/${id}/reports/${q1}/city-comment`, { comment: '过早' })).status, 409, 'not submitted yet');
    const sent = await applicant.put(`/api/projects/${id}/reports/${q1}`, content);
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.status, 'submitted');
    assert.equal(sent.body.overdue, false);
    assert.equal(sent.body.content.spentFen, 80_000_000);
    assert.equal((await city.get('/api/projects?overdue=true')).body.total, 0);
    assert.equal((await applicant.post(`/api/projects/${id}/reports/${q1}/city-comment`, { comment: '自评' })).status, 403);
    assert.equal((await tangshan.post(`/api/projects/${id}/reports/${q1}/city-comment`, { comment: '越权' })).status, 403);
    assert.equal((await province.post(`/api/projects/${id}/reports/${q1}/city-comment`, { comment: '走错' })).status, 403);
    assert.equal((await city.post(`/api/projects/${id}/reports/${q1}/city-comment`, { comment: '请加快芯片采购' })).status, 200);
    const commented = await province.post(`/api/projects/${id}/reports/${q1}/province-comment`, { comment: '同意市级意见' });
    assert.equal(commented.status, 200, JSON.stringify(commented.body));
    assert.deepEqual(commented.body.comments.map((c: any) => [c.role, c.comment]), [
      ['city', '请加快芯片采购'],
      ['province', '同意市级意见'],
    ]);
    assert.equal((await applicant.put(`/api/projects/${id}/reports/${q1}`, content)).status, 409, 'commented: no more changes');
    assert.equal((await audited('project.report_submitted', q1)).length, 1);
    assert.equal((await audited('project.report_commented', q1)).length, 2);
  });

  test('guidance visits are logged by the city and the province, read by the applicant', async () => {
    const visit = { visitDate: '2026-04-01', place: '企业一号车间', participants: '市工信局 李科长', notes: '现场查看设备联网情况' };
    assert.equal((await applicant.post(`/api/projects/${id}/visits/city`, visit)).status, 403);
    assert.equal((await province.post(`/api/projects/${id}/visits/city`, visit)).status, 403);
    assert.equal((await city.post(`/api/projects/${id}/visits/city`, visit)).status, 201);
    assert.equal((await province.post(`/api/projects/${id}/visits/province`, { ...visit, participants: '省厅 张处长' })).status, 201);
    const list = await applicant.get(`/api/projects/${id}/visits`);
    assert.equal(list.body.items.length, 2);
    assert.ok(list.body.items.some((v: any) => v.organizationName === '石家庄市'), JSON.stringify(list.body.items));
    assert.equal((await audited('project.visit_logged')).length, 2);
  });
});

describe('acceptance', () => {
  const deadline = () => new Date(p.clock.now().getTime() + 60 * DAY).toISOString().slice(0, 10);
  /** Uploads one PDF per program material as the applicant; returns the request's materials. */
  async function uploadMaterials(suffix: string) {
    const out: { id: string; attachmentId: string }[] = [];
    for (const [material, name] of [['performance-evaluation', '绩效评估报告'], ['fund-usage', '资金使用情况分析报告']] as const) {
      const done = await upload(applicant, id, material, pdfBytes(`${name}${suffix}`), `${name}${suffix}.pdf`, 'acceptance');
      assert.equal(done.status, 201, JSON.stringify(done.body));
      assert.equal(done.body.purpose, 'acceptance');
      out.push({ id: material, attachmentId: done.body.id });
    }
    return out;
  }
  let materials: { id: string; attachmentId: string }[] = [];

  test('materials are uploaded files, checked by content, readable by the project’s parties only, and not part of the application', async () => {
    const exe = new TextEncoder().encode('MZ\x90\x00 this is not a pdf');
    const refused = await upload(applicant, id, 'fund-usage', exe, '资金使用情况.pdf', 'acceptance');
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    const unknown = await applicant.post('/api/uploads', { purpose: 'acceptance', applicationId: id, requirementId: 'business-licence', fileName: 'x.pdf', sizeBytes: 10 });
    assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
    assert.equal((await other.post('/api/uploads', { purpose: 'acceptance', applicationId: id, requirementId: 'fund-usage', fileName: 'x.pdf', sizeBytes: 10 })).status, 403);
    assert.equal((await city.post('/api/uploads', { purpose: 'acceptance', applicationId: id, requirementId: 'fund-usage', fileName: 'x.pdf', sizeBytes: 10 })).status, 403);
    materials = await uploadMaterials('');
    const view = await applicant.get(`/api/projects/${id}/acceptance`);
    assert.deepEqual(view.body.pending.map((a: any) => a.fileName).sort(), ['绩效评估报告.pdf', '资金使用情况分析报告.pdf']);
    const file = materials[0]!.attachmentId;
    assert.equal((await city.binary('GET', `/api/attachments/${file}/download`)).status, 200, 'the city reads it');
    assert.equal((await province.binary('GET', `/api/attachments/${file}/download`)).status, 200, 'the province reads it');
    assert.equal((await tangshan.binary('GET', `/api/attachments/${file}/download`)).status, 403, 'another city does not');
    assert.equal((await other.binary('GET', `/api/attachments/${file}/download`)).status, 403, 'another enterprise does not');
    const application = await applicant.get(`/api/applications/${id}`);
    assert.ok(!application.body.attachments.some((a: any) => a.id === file), 'an acceptance material is not an application attachment');
  });

  test('the request needs every material of the program as its own upload; only the applicant requests', async () => {
    assert.equal((await city.post(`/api/projects/${id}/acceptance/request`, { materials })).status, 403);
    const missing = await applicant.post(`/api/projects/${id}/acceptance/request`, { materials: materials.slice(0, 1) });
    assert.equal(missing.status, 400, JSON.stringify(missing.body));
    assert.ok(missing.body.errors.some((e: any) => e.path === 'materials.fund-usage'), JSON.stringify(missing.body.errors));
    const swapped = await applicant.post(`/api/projects/${id}/acceptance/request`, { materials: [{ id: 'fund-usage', attachmentId: materials[0]!.attachmentId }, { id: 'performance-evaluation', attachmentId: materials[1]!.attachmentId }] });
    assert.equal(swapped.status, 400, 'a file counts only for the material it was uploaded for');
    assert.ok(swapped.body.errors.some((e: any) => e.path === 'materials.0.attachmentId'), JSON.stringify(swapped.body.errors));
    const asked = await applicant.post(`/api/projects/${id}/acceptance/request`, { materials, note: '项目已按期完成' });
    assert.equal(asked.status, 200, JSON.stringify(asked.body));
    assert.deepEqual(asked.body.next, { step: 'initial_acceptance', by: 'city' });
    assert.deepEqual(asked.body.rounds[0].materials.map((m: any) => m.fileName), ['绩效评估报告.pdf', '资金使用情况分析报告.pdf']);
    assert.deepEqual(asked.body.pending, [], 'the uploads went with the request');
    assert.equal((await applicant.delete(`/api/attachments/${materials[0]!.attachmentId}`)).status, 409, 'a submitted material stays');
  });

  test('city initial pass → province fail with a rectification deadline → resubmission → second acceptance pass → accepted, title awarded', async () => {
    assert.equal((await province.post(`/api/projects/${id}/acceptance/province`, { passed: true, opinion: '越过初验' })).status, 409, 'the city goes first');
    assert.equal((await applicant.post(`/api/projects/${id}/acceptance/city`, { passed: true, opinion: '自验' })).status, 403);
    const initial = await city.post(`/api/projects/${id}/acceptance/city`, { passed: true, opinion: '资料齐全，同意上报省厅验收' });
    assert.equal(initial.status, 200, JSON.stringify(initial.body));
    assert.deepEqual(initial.body.next, { step: 'acceptance', by: 'province' });
    assert.equal((await applicant.get(`/api/projects/${id}`)).body.status, 'initial_accepted');

    const noDeadline = await province.post(`/api/projects/${id}/acceptance/province`, { passed: false, opinion: '绩效指标未达成' });
    assert.equal(noDeadline.status, 400, 'a failure with rectification needs a deadline');
    const failed = await province.post(`/api/projects/${id}/acceptance/province`, {
      passed: false,
      opinion: '设备联网率未达到90%，限期整改',
      experts: [{ name: '赵专家', opinion: '联网率仅75%' }],
      rectificationDeadline: deadline(),
    });
    assert.equal(failed.status, 200, JSON.stringify(failed.body));
    assert.equal(failed.body.rounds[0].status, 'failed');
    assert.equal(failed.body.rounds[0].rectificationDeadline, deadline());
    assert.equal(failed.body.rounds[0].final.experts[0].name, '赵专家');
    assert.equal((await applicant.get(`/api/projects/${id}`)).body.status, 'rectifying');
    assert.deepEqual(failed.body.next, { step: 'request', by: 'applicant' });

    await advanceDays(20);
    const reused = await applicant.post(`/api/projects/${id}/acceptance/request`, { materials, note: '原材料' });
    assert.equal(reused.status, 400, 'the rectified request needs new files');
    const again = await applicant.post(`/api/projects/${id}/acceptance/request`, { materials: await uploadMaterials('（整改后）'), note: '已完成整改，联网率92%' });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.rounds.length, 2);
    assert.deepEqual(again.body.next, { step: 'acceptance', by: 'province' }, 'the second acceptance retakes the failed step');
    assert.equal((await city.post(`/api/projects/${id}/acceptance/city`, { passed: true, opinion: '再初验' })).status, 409);
    const passed = await province.post(`/api/projects/${id}/acceptance/province`, { passed: true, opinion: '整改到位，同意通过验收', experts: [{ name: '赵专家', opinion: '达标' }] });
    assert.equal(passed.status, 200, JSON.stringify(passed.body));
    assert.equal(passed.body.rounds[1].status, 'passed');
    assert.equal(passed.body.next, null);
    const detail = await applicant.get(`/api/projects/${id}`);
    assert.equal(detail.body.status, 'accepted');
    assert.ok(detail.body.acceptedAt, 'accepted at');
    const kinds = detail.body.timeline.map((e: any) => e.kind);
    for (const k of ['acceptance_requested', 'initial_acceptance_passed', 'acceptance_failed', 'rectification_resubmitted', 'acceptance_passed']) assert.ok(kinds.includes(k), `${k} on the timeline`);
    const titles = await p.deps.uow.read((r) => r.oversight.titlesOfApplication(id));
    assert.equal(titles.length, 1, 'the demonstration-enterprise title');
    for (const a of ['project.acceptance_requested', 'project.initial_acceptance_passed', 'project.acceptance_failed', 'project.rectification_resubmitted', 'project.acceptance_passed', 'title.award']) {
      assert.ok((await audited(a)).length >= 1, `audit ${a}`);
    }
    assert.equal((await province.post(`/api/projects/${id}/acceptance/province`, { passed: true, opinion: '重复' })).status, 409);
  });
});
