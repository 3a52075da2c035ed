/**
 * The decision from the experts' ranking, the public notice over National Day 2025, objections from
 * the public (period, rate limit, field errors), their handling, and the final list.
 */
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { after, before, describe, test } from 'node:test';
import { PROFILE, pdfBytes, submittedApplication } from '../support/applicants.ts';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let province: Client;
let city: Client;
let callId: string;
const CHECKLIST = ['identity', 'seals', 'investment', 'declarations', 'onsite'].map((id) => ({ id, checked: true, note: '已核实' }));
/** Application ids by letter; scores A 90, B 80, C 70, D 50 (below the threshold 60), E 65 once complete. */
const ids: Record<string, string> = {};
const setClock = (iso: string) => p.clock.advance(Date.parse(iso) - p.clock.now().getTime());

async function submitted(name: string, divisionCode: string): Promise<string> {
  return submittedApplication(p, callId, '130100', name, divisionCode);
}

async function auditActions(): Promise<string[]> {
  const rows = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 100, order: 'desc' }));
  return rows.rows.map((e) => e.action);
}

before(async () => {
  p = await startPlatform({ programs: true });
  province = p.client();
  await province.signIn(await p.account('province_officer', '130000-miit'));
  city = p.client();
  await city.signIn(await p.account('city_officer', '130100'));
  const call = await province.post('/api/calls', { programCode: 'hebei-2016-internet-plus', programVersion: 1, title: '2026年度“互联网+”制造业试点示范', opensOn: '2026-03-01', deadlineDate: '2026-04-30' });
  callId = call.body.id;
  assert.equal((await province.post(`/api/calls/${callId}/publish`)).status, 200);
  assert.equal((await province.put(`/api/calls/${callId}/quotas`, { quotaTable: { '130100': 5 }, threshold: 60 })).status, 200);
  for (const [i, letter] of ['A', 'B', 'C', 'D', 'E'].entries()) ids[letter] = await submitted(`石家庄公示测试${letter}公司`, ['130102', '130104', '130105', '130108', '130109'][i]!);
  for (const id of Object.values(ids)) {
    assert.equal((await city.post(`/api/applications/${id}/start-review`)).status, 200);
    assert.equal((await city.post(`/api/applications/${id}/city-decision`, { decision: 'pass', checklist: CHECKLIST })).status, 200);
    assert.equal((await city.request('PUT', `/api/calls/${callId}/recommendation/items/${id}`)).status, 200);
  }
  assert.equal((await city.post(`/api/calls/${callId}/recommendation/submit`, { documentNumber: '石工信〔2026〕30号' })).status, 200);
  for (const id of Object.values(ids)) assert.equal((await province.post(`/api/applications/${id}/policy-decision`, { decision: 'pass' })).status, 200);
  // The experts' side belongs to another area: drive the state and the scores through the repositories.
  const pool = await p.org('130000-experts');
  const now = p.clock.now();
  await p.deps.uow.transaction(async (r) => {
    const experts = [];
    for (const n of [1, 2]) experts.push(await r.experts.insert({ poolId: pool.id, accountId: null, name: `专家${n}`, title: '教授', organizationName: '某大学', creditCode: null, cityName: '保定市', tags: [], phone: null, email: null }, now));
    for (const id of Object.values(ids)) {
      await r.applications.update(id, { state: 'expert_review' }, now);
      for (const e of experts) await r.assignments.add(callId, id, e.id, true, now);
    }
    const totals: Record<string, number> = { [ids.A!]: 90, [ids.B!]: 80, [ids.C!]: 70, [ids.D!]: 50 };
    for (const a of await r.assignments.forCall(callId)) {
      const total = totals[a.applicationId];
      if (total !== undefined) await r.assignments.update(a.id, { status: 'submitted', scores: { overall: total }, total, submittedAt: now }, now);
    }
  });
});
after(() => p.close());

describe('decision', () => {
  test('refused while scores are incomplete', async () => {
    const view = await province.get(`/api/calls/${callId}/decision`);
    assert.equal(view.status, 200, JSON.stringify(view.body));
    assert.deepEqual(view.body.incomplete.map((i: any) => i.applicationId), [ids.E]);
    const r = await province.post(`/api/calls/${callId}/decision`, { shortlist: [ids.A, ids.B, ids.C], reasons: {} });
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 'scores_incomplete');
    assert.equal((await city.post(`/api/calls/${callId}/decision`, { shortlist: [] })).status, 403, 'a city cannot decide');
  });

  test('the proposal is everyone above the threshold; a change needs a reason; confirming moves the states', async () => {
    await p.deps.uow.transaction(async (r) => {
      for (const a of await r.assignments.forCall(callId)) if (a.applicationId === ids.E) await r.assignments.update(a.id, { status: 'submitted', scores: { overall: 65 }, total: 65, submittedAt: p.clock.now() }, p.clock.now());
    });
    const view = await province.get(`/api/calls/${callId}/decision`);
    assert.equal(view.body.incomplete.length, 0);
    assert.equal(view.body.threshold, 60);
    const proposed = view.body.entries.filter((e: any) => e.proposed).map((e: any) => e.applicationId).sort();
    assert.deepEqual(proposed, [ids.A, ids.B, ids.C, ids.E].sort());
    assert.equal(view.body.entries.find((e: any) => e.applicationId === ids.D).aboveThreshold, false);

    const noReason = await province.post(`/api/calls/${callId}/decision`, { shortlist: [ids.A, ids.B, ids.E] });
    assert.equal(noReason.status, 400);
    assert.deepEqual(noReason.body.errors.map((e: any) => e.path), [`reasons.${ids.C}`]);
    assert.match(noReason.body.errors[0].messages['zh-CN'], /须说明理由/);

    const ok = await province.post(`/api/calls/${callId}/decision`, { shortlist: [ids.A, ids.B, ids.E], reasons: { [ids.C!]: '同一集团已有项目入选，统筹平衡' } });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.decided.shortlisted, 3);
    assert.equal(ok.body.entries.find((e: any) => e.applicationId === ids.C).reason, '同一集团已有项目入选，统筹平衡');
    const states = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, (await city.get(`/api/applications/${id}`)).body.state])));
    assert.deepEqual(states, { A: 'shortlisted', B: 'shortlisted', C: 'not_shortlisted', D: 'not_shortlisted', E: 'shortlisted' });
    const detail = await city.get(`/api/applications/${ids.C}`);
    assert.match(detail.body.timeline.at(-1).comment, /调整理由/);
    assert.equal((await province.post(`/api/calls/${callId}/decision`, { shortlist: [ids.A] })).status, 409, 'a second decision is refused');
    const notes = await city.get('/api/notifications');
    assert.ok(notes.body.items.some((n: any) => n.kind === 'application.shortlisted'), 'the city is told');
    const actions = await auditActions();
    for (const a of ['call.decision', 'application.shortlisted', 'application.not_shortlisted']) assert.ok(actions.includes(a), `audit ${a}`);
  });
});

let noticeId: string;

describe('public notice', () => {
  test('a draft is not public; the draft is edited; publishing over National Day 2025 follows the holiday table', async () => {
    const draft = await province.get(`/api/calls/${callId}/notice`);
    assert.equal(draft.status, 200, JSON.stringify(draft.body));
    noticeId = draft.body.id;
    assert.equal(draft.body.status, 'draft');
    assert.equal(draft.body.periodIsPreview, true);
    assert.deepEqual(draft.body.items.map((i: any) => i.applicationId), [ids.A, ids.B, ids.E]);
    const anonymous = p.client({ ip: '10.8.0.1' });
    assert.equal((await anonymous.get(`/api/public/notices/${noticeId}`)).status, 404, 'a draft is not public');
    assert.equal((await anonymous.get(`/api/public/notices/${noticeId}/document.docx`)).status, 404);
    assert.equal((await anonymous.get('/api/public/notices')).body.total, 0);
    const noContact = await province.post(`/api/calls/${callId}/notice/publish`);
    assert.equal(noContact.status, 400);
    assert.equal(noContact.body.errors[0].path, 'contact');

    const saved = await province.put(`/api/calls/${callId}/notice`, { title: '关于2026年度河北省“互联网+”制造业试点示范项目拟入选名单的公示', body: '现予以公示。', contact: { name: '张科长', phone: '0311-87801234', email: null } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const docx = await province.binary('GET', `/api/calls/${callId}/notice/document.docx`);
    assert.equal(docx.status, 200);
    assert.equal(docx.bytes.subarray(0, 2).toString('latin1'), 'PK');

    setClock('2025-09-28T10:00:00+08:00');
    const published = await province.post(`/api/calls/${callId}/notice/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    // 7 calendar days from the next day: 29 Sep – 5 Oct; 5 Oct is in the National Day break (1–8 Oct),
    // so the period rolls on to the next working day, 9 Oct (2025.json).
    assert.equal(published.body.period.startDate, '2025-09-29');
    assert.equal(published.body.period.endDate, '2025-10-09');
    assert.equal(published.body.period.endsAt, '2025-10-09T16:00:00.000Z');
    assert.equal(published.body.period.provisional, false);
    assert.equal(published.body.status, 'published');
    // The workbook of the notice lists what the notice shows, in its order.
    const xlsx = await province.binary('GET', `/api/calls/${callId}/notice/document.xlsx`);
    assert.equal(xlsx.status, 200, 'the notice as .xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheetRows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => sheetRows.push((row.values as unknown[]).slice(1)));
    const shown = (await province.get(`/api/calls/${callId}/notice`)).body.items.filter((i: any) => !i.removed);
    assert.ok(shown.length > 0, 'the notice lists projects');
    assert.deepEqual(
      sheetRows.slice(4, 4 + shown.length).map((r) => [r[1], r[2], r[3]]),
      shown.map((i: any) => [i.organizationName, i.projectName, i.cityName]),
      'the workbook’s rows are the notice’s',
    );
    assert.equal(sheetRows[2]![0], '公示期：2025年9月29日至2025年10月9日24时止', 'the workbook states the period as the notice does');
    assert.equal((await province.put(`/api/calls/${callId}/notice`, { title: '改标题', body: '', contact: { name: '张', phone: '0311-8780', email: null } })).status, 409);
    const actions = await auditActions();
    assert.ok(actions.includes('notice.published') && actions.includes('notice.draft_saved'), 'audit of the notice');
  });

  test('the public sees only the public fields of a published notice', async () => {
    const anonymous = p.client({ ip: '10.8.0.2' });
    const list = await anonymous.get('/api/public/notices?page=1&pageSize=10');
    assert.equal(list.status, 200);
    assert.equal(list.body.total, 1);
    assert.equal(list.body.items[0].status, 'published');
    const r = await anonymous.get(`/api/public/notices/${noticeId}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.objectionsOpen, true);
    assert.equal(r.body.items.length, 3);
    assert.deepEqual(Object.keys(r.body.items[0]).sort(), ['cityName', 'direction', 'fields', 'organizationName', 'position', 'projectName']);
    assert.equal(r.body.items[0].projectName, '石家庄公示测试A公司智能工厂项目');
    const text = JSON.stringify(r.body);
    for (const key of ['score', 'finalScore', 'creditCode', 'applicationId', 'decisionNote', 'reason', 'state']) assert.ok(!text.includes(`"${key}"`), `the public notice must not carry ${key}`);
    for (const secret of [PROFILE.contacts[0]!.mobile, PROFILE.contacts[0]!.email, PROFILE.legalRepresentative, PROFILE.address, '统筹平衡', '石家庄公示测试C公司', '石家庄公示测试D公司']) {
      assert.ok(!text.includes(secret), `the public notice must not contain ${secret}`);
    }
    const docx = await anonymous.binary('GET', `/api/public/notices/${noticeId}/document.docx`);
    assert.equal(docx.status, 200);
    assert.equal((await anonymous.get(`/api/public/notices/${noticeId}/final-list.docx`)).status, 404, 'no final list yet');
  });
});

describe('objections', () => {
  test('field errors in both languages; nothing accepted without name, contact and content', async () => {
    const anonymous = p.client({ ip: '10.8.1.1' });
    const r = await anonymous.post(`/api/public/notices/${noticeId}/objections`, { name: '', contact: 'abc', content: '太短', itemPosition: 99 });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body.errors.map((e: any) => e.path), ['name', 'contact', 'content', 'itemPosition']);
    assert.equal(r.body.errors[0].messages['zh-CN'], '姓名或单位名称：必填');
    assert.equal(r.body.errors[0].messages.en, 'Name or organization: is required');
    const bad = await anonymous.post(`/api/public/notices/${noticeId}/objections`, { name: '王某', contact: '13800000000', content: '该项目申报材料中的投资额与实际不符。', attachment: { fileName: 'x.pdf', contentBase64: Buffer.from('not a pdf at all').toString('base64') } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].path, 'attachment');
  });

  test('accepted during the period, with an attachment; the sixth from one address within an hour is refused', async () => {
    const anonymous = p.client({ ip: '10.8.2.2' });
    const first = await anonymous.post(`/api/public/notices/${noticeId}/objections`, {
      name: '王某',
      contact: '13800000000',
      content: '该项目申报材料中的投资额与实际不符，请核查。',
      itemPosition: 2,
      attachment: { fileName: '证据.pdf', contentBase64: Buffer.from(pdfBytes('evidence')).toString('base64') },
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    for (let i = 0; i < 4; i += 1) {
      const r = await anonymous.post(`/api/public/notices/${noticeId}/objections`, { name: `市民${i}`, contact: 'a@b.example', content: `第${i}份异议：项目情况与公示不符。` });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    const sixth = await anonymous.post(`/api/public/notices/${noticeId}/objections`, { name: '市民6', contact: 'a@b.example', content: '第六份异议：项目情况与公示不符。' });
    assert.equal(sixth.status, 429);
    assert.equal(sixth.body.code, 'rate_limited');
    const stored = await p.deps.uow.read((r) => r.objections.forNotice(noticeId));
    assert.equal(stored.length, 5);
    assert.equal(stored[0]!.ip, '10.8.2.2');
    assert.equal(stored[0]!.applicationId, ids.B);
    assert.equal(stored[0]!.attachmentName, '证据.pdf');
    // Public views never show objections.
    const pub = JSON.stringify((await anonymous.get(`/api/public/notices/${noticeId}`)).body);
    assert.ok(!pub.includes('13800000000') && !pub.includes('王某'), 'objections are not public');
  });

  test('the province lists and handles them; upheld removes the project and it is not selected', async () => {
    const list = await province.get(`/api/calls/${callId}/objections`);
    assert.equal(list.status, 200);
    assert.equal(list.body.items.length, 5);
    const first = list.body.items[0];
    assert.equal(first.projectName, '石家庄公示测试B公司智能工厂项目');
    const att = await province.binary('GET', `/api/objections/${first.id}/attachment`);
    assert.equal(att.status, 200);
    assert.equal(att.headers.get('content-type'), 'application/pdf');
    assert.equal((await city.post(`/api/objections/${first.id}/handle`, { status: 'investigating' })).status, 403);
    const early = await province.post(`/api/objections/${first.id}/handle`, { status: 'upheld', outcome: '属实' });
    assert.equal(early.status, 409, 'an objection is investigated before it is concluded');
    assert.equal((await province.post(`/api/objections/${first.id}/handle`, { status: 'investigating', outcome: '已转市局核查' })).status, 200);
    const noOutcome = await province.post(`/api/objections/${first.id}/handle`, { status: 'upheld', removeApplicationId: ids.B });
    assert.equal(noOutcome.status, 400);
    assert.equal(noOutcome.body.errors[0].path, 'outcome');
    const upheld = await province.post(`/api/objections/${first.id}/handle`, { status: 'upheld', outcome: '经核查，投资额存在虚报', removeApplicationId: ids.B });
    assert.equal(upheld.status, 200, JSON.stringify(upheld.body));
    assert.equal(upheld.body.status, 'upheld');
    assert.equal(upheld.body.outcome, '经核查，投资额存在虚报');
    assert.equal((await city.get(`/api/applications/${ids.B}`)).body.state, 'not_selected');
    const items = await p.deps.uow.read((r) => r.notices.items(noticeId));
    assert.equal(items.find((i) => i.applicationId === ids.B)!.removed, true);
    const pub = await p.client({ ip: '10.8.0.3' }).get(`/api/public/notices/${noticeId}`);
    assert.deepEqual(pub.body.items.map((i: any) => i.projectName), ['石家庄公示测试A公司智能工厂项目', '石家庄公示测试E公司智能工厂项目']);
    // Dismiss all but one, which stays open for the final-list test.
    for (const o of list.body.items.slice(1, 4)) {
      assert.equal((await province.post(`/api/objections/${o.id}/handle`, { status: 'investigating' })).status, 200);
      assert.equal((await province.post(`/api/objections/${o.id}/handle`, { status: 'dismissed', outcome: '经核查，反映情况不属实' })).status, 200);
    }
    const actions = await auditActions();
    for (const a of ['objection.received', 'objection.investigating', 'objection.upheld', 'objection.dismissed', 'application.removed_after_objection']) assert.ok(actions.includes(a), `audit ${a}`);
  });

  test('accepted until the end of the last day, refused after it with a clear message', async () => {
    setClock('2025-10-09T23:59:00+08:00');
    const late = await p.client({ ip: '10.8.3.3' }).post(`/api/public/notices/${noticeId}/objections`, { name: '李某', contact: '0311-5551234', content: '最后一分钟的异议：项目情况不实。' });
    assert.equal(late.status, 201, JSON.stringify(late.body));
    setClock('2025-10-10T00:00:01+08:00');
    const after = await p.client({ ip: '10.8.3.4' }).post(`/api/public/notices/${noticeId}/objections`, { name: '赵某', contact: '0311-5551234', content: '期满之后的异议：项目情况不实。' });
    assert.equal(after.status, 409);
    assert.equal(after.body.code, 'notice_period_over');
    assert.match(after.body.messages['zh-CN'], /公示期已于2025年10月9日24:00结束/);
    const pub = await p.client({ ip: '10.8.3.5' }).get(`/api/public/notices/${noticeId}`);
    assert.equal(pub.body.status, 'ended');
    assert.equal(pub.body.objectionsOpen, false);
  });
});

describe('final list', () => {
  test('refused during the period and with an objection open; then the rest are selected', async () => {
    setClock('2025-10-09T12:00:00+08:00');
    const during = await province.post(`/api/calls/${callId}/final-list`, { documentNumber: '冀工信〔2025〕88号' });
    assert.equal(during.status, 409);
    assert.equal(during.body.code, 'notice_period_running');
    setClock('2025-10-11T09:00:00+08:00');
    const open = await province.post(`/api/calls/${callId}/final-list`, { documentNumber: '冀工信〔2025〕88号' });
    assert.equal(open.status, 409);
    assert.equal(open.body.code, 'objections_open');
    const pending = (await province.get(`/api/calls/${callId}/objections`)).body.items.filter((o: any) => o.status === 'received' || o.status === 'investigating');
    assert.equal(pending.length, 2);
    for (const o of pending) {
      assert.equal((await province.post(`/api/objections/${o.id}/handle`, { status: 'investigating' })).status, 200);
      assert.equal((await province.post(`/api/objections/${o.id}/handle`, { status: 'dismissed', outcome: '不属实' })).status, 200);
    }
    assert.equal((await city.post(`/api/calls/${callId}/final-list`, { documentNumber: '越权' })).status, 403);
    const final = await province.post(`/api/calls/${callId}/final-list`, { documentNumber: '冀工信〔2025〕88号' });
    assert.equal(final.status, 200, JSON.stringify(final.body));
    assert.equal(final.body.status, 'final');
    assert.equal(final.body.finalDocumentNumber, '冀工信〔2025〕88号');
    const states = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, (await city.get(`/api/applications/${id}`)).body.state])));
    assert.deepEqual(states, { A: 'selected', B: 'not_selected', C: 'not_shortlisted', D: 'not_shortlisted', E: 'selected' });
    assert.equal((await province.post(`/api/calls/${callId}/final-list`, { documentNumber: '冀工信〔2025〕88号' })).status, 409, 'only once');

    const anonymous = p.client({ ip: '10.8.4.4' });
    const finals = await anonymous.get('/api/public/notices?kind=final');
    assert.equal(finals.body.total, 1);
    assert.equal(finals.body.items[0].finalList.documentNumber, '冀工信〔2025〕88号');
    const pub = await anonymous.get(`/api/public/notices/${noticeId}`);
    assert.equal(pub.body.status, 'final');
    assert.equal(pub.body.items.length, 2);
    assert.equal((await anonymous.binary('GET', `/api/public/notices/${noticeId}/final-list.docx`)).status, 200);
    const notes = await city.get('/api/notifications');
    assert.ok(notes.body.items.some((n: any) => n.kind === 'application.selected'), 'the city is told of the final list');
    const actions = await auditActions();
    for (const a of ['notice.final_published', 'application.selected']) assert.ok(actions.includes(a), `audit ${a}`);
  });
});
