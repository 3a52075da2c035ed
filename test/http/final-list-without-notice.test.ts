/**
 * 001 sets no public notice (its text has no 公示): after the decision the province publishes the decided
 * list under its document number at once; each project on it is selected and becomes a project, the
 * applicant is told, and the public sees the final list with no notice period. A program with a notice
 * still refuses the final list before its notice (test/http/notices.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';

const DAY = 86_400_000;
const PROGRAM = 'hebei-2021-ii-key-projects';
let p: TestPlatform;
let province: Client;
let callId = '';
const ids: string[] = [];

before(async () => {
  p = await startPlatform({ programs: true });
  province = p.client();
  const officer = await p.account('province_officer', '130000-miit');
  assert.equal((await province.signIn(officer)).status, 200, 'the province officer signs in');
  const hebei = await p.org('130000');
  const city = await p.org('130100');
  const pool = await p.org('130000-experts');
  const now = p.clock.now();
  // The applications as the experts left them (the selection up to the scores is tested in its own files).
  await p.deps.uow.transaction(async (r) => {
    const [version] = await r.programs.listVersions(PROGRAM);
    callId = await r.calls.insert({ programId: version!.programId, programVersion: version!.version, provinceId: hebei.id, title: '2026年河北省工业互联网重点项目', documentNumber: null, materials: '', opensAt: new Date(now.getTime() - 90 * DAY), deadlineAt: new Date(now.getTime() - 60 * DAY), status: 'published', createdBy: officer.id, now });
    const expert = await r.experts.insert({ poolId: pool.id, accountId: null, name: '专家', title: '教授', organizationName: '某大学', creditCode: null, cityName: '保定市', tags: [], phone: null, email: null }, now);
    for (const [i, [name, score]] of ([['石家庄重点项目甲公司', 88], ['石家庄重点项目乙公司', 81], ['石家庄重点项目丙公司', 52]] as const).entries()) {
      const org = await r.organizations.insert({ parentId: city.id, code: `KP-${i}`, kind: 'enterprise', name, nameEn: null, divisionCode: '130102', coveredDivisionCodes: [], creditCode: null, contactName: null, contactPhone: null, address: null, note: null });
      const id = await r.applications.insert({ callId, programId: version!.programId, programVersion: version!.version, organizationId: org.id, state: 'expert_review', createdBy: officer.id, now });
      await r.applications.update(id, { projectName: `${name}工业互联网平台`, directions: ['2.1'] }, now);
      await r.assignments.add(callId, id, expert.id, true, now);
      ids.push(id);
      for (const a of await r.assignments.forCall(callId)) if (a.applicationId === id) await r.assignments.update(a.id, { status: 'submitted', scores: { overall: score }, total: score, submittedAt: now }, now);
    }
  });
});
after(() => p?.close());

test('without a notice in the program, the decided list is published as the final list, and its projects start', async () => {
  const decision = await province.get(`/api/calls/${callId}/decision`);
  assert.equal(decision.status, 200, JSON.stringify(decision.body));
  const shortlist = decision.body.entries.filter((e: any) => e.proposed).map((e: any) => e.applicationId);
  assert.ok(shortlist.length >= 1, `a proposal from the scores: ${JSON.stringify(decision.body.entries)}`);
  assert.equal((await province.post(`/api/calls/${callId}/decision`, { shortlist, reasons: {} })).status, 200, 'the decision');

  const draft = await province.get(`/api/calls/${callId}/notice`);
  assert.equal(draft.status, 200);
  assert.deepEqual([draft.body.status, draft.body.noticeRequired, draft.body.period], ['draft', false, null], 'no notice, no period');
  assert.equal((await province.post(`/api/calls/${callId}/notice/publish`)).status, 409, 'there is no notice to publish');
  assert.equal((await province.post(`/api/calls/${callId}/final-list`, { documentNumber: '冀工信信推〔2026〕12号' })).status, 200, 'the final list straight after the decision');

  const final = await province.get(`/api/calls/${callId}/notice`);
  assert.deepEqual([final.body.status, final.body.finalDocumentNumber], ['final', '冀工信信推〔2026〕12号']);
  for (const id of shortlist) {
    const app = await province.get(`/api/applications/${id}`);
    assert.equal(app.body.state, 'selected', `${id} is selected`);
    assert.equal((await province.get(`/api/projects/${id}`)).status, 200, `${id} is a project`);
  }
  assert.equal((await province.post(`/api/calls/${callId}/final-list`, { documentNumber: '再次' })).status, 409, 'published once');

  // The public reads it, with no notice period; its documents are the final list's.
  const anonymous = p.client({ ip: '10.9.0.1' });
  const lists = await anonymous.get('/api/public/notices?kind=final');
  const item = lists.body.items.find((n: any) => n.id === final.body.id);
  assert.ok(item, `the final list is public: ${JSON.stringify(lists.body).slice(0, 300)}`);
  const publicView = await anonymous.get(`/api/public/notices/${final.body.id}`);
  assert.equal(publicView.status, 200, JSON.stringify(publicView.body));
  assert.deepEqual([publicView.body.status, publicView.body.period, publicView.body.objectionsOpen], ['final', null, false]);
  assert.equal(publicView.body.items.length, shortlist.length);
  assert.equal((await anonymous.binary('GET', `/api/public/notices/${final.body.id}/final-list.docx`)).status, 200, 'the final list as .docx');
  assert.equal((await province.binary('GET', `/api/calls/${callId}/final-list/document.xlsx`)).status, 200, 'and as .xlsx');
  const audit = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 50, order: 'desc' }));
  const published = audit.rows.find((e) => e.action === 'notice.final_published');
  assert.equal((published?.after as { withoutNotice?: boolean } | undefined)?.withoutNotice, true, 'the audit record says no notice preceded it');
});
