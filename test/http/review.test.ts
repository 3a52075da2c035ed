/**
 * Expert review over HTTP: the pool (add, edit, import from .xlsx with a bad row), an assignment run
 * solved in the background (conflicts never paired, optimum ≥ greedy, the LP bound), applying it,
 * the experts' declarations and scores (content hidden before the declaration, field errors, final
 * submission, independence), the province's aggregates, panel record, ranking and close of scoring.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { expertTemplateXlsx } from '../../src/adapters/documents/expert-import.ts';
import { programFilesToLoad } from '../../src/adapters/programs/files.ts';
import { syncProgramFiles } from '../../src/use-cases/programs/programs.ts';
import { ABANDONED_AFTER_MS, settleAssignmentRuns } from '../../src/use-cases/selection/assignment.ts';
import { submittedApplication } from '../support/applicants.ts';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';

const PROGRAM = 'hebei-review-test';
const RUBRIC = [
  { id: 'foundation', name: { 'zh-CN': '发展基础', en: 'Foundation' }, weight: 4000, max: 40 },
  { id: 'innovation', name: { 'zh-CN': '创新性', en: 'Innovation' }, weight: 6000, max: 60 },
];

let p: TestPlatform;
let province: Client;
let auditor: Client;
let tangshanCity: Client;
let callId: string;
const apps: string[] = [];
const experts: Record<string, { id: string; client: Client; email: string }> = {};

async function submitted(cityCode: string, name: string, divisionCode: string): Promise<string> {
  return submittedApplication(p, callId, cityCode, name, divisionCode);
}

async function auditActions(entityType: string, entityId: string): Promise<string[]> {
  const { rows } = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 100, order: 'asc', entityType, entityId }));
  return rows.map((e) => e.action);
}

async function pollRun(id: string) {
  await settleAssignmentRuns();
  for (let i = 0; i < 100; i += 1) {
    const r = await province.get(`/api/assignment-runs/${id}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    if (r.body.status !== 'running') return r.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the run did not finish');
}

before(async () => {
  p = await startPlatform();
  const { definitions, samples } = programFilesToLoad();
  const hebei = definitions.find((d) => d.code === 'hebei-2016-internet-plus')!;
  const copy = { ...hebei, code: PROGRAM, scoring: { ...hebei.scoring!, rubric: RUBRIC, expertsPerApplication: 2, aggregation: 'mean' as const, threshold: 60, conflictOfInterest: { sameCity: true, citation: '000 第七条（二）' } } };
  await syncProgramFiles(p.deps, [copy], samples);
  province = p.client();
  await province.signIn(await p.account('province_officer', '130000-miit'));
  auditor = p.client();
  await auditor.signIn(await p.account('auditor', '130000-audit'));
  tangshanCity = p.client();
  await tangshanCity.signIn(await p.account('city_officer', '130200'));
  const call = await province.post('/api/calls', { programCode: PROGRAM, programVersion: 1, title: '专家评审测试通知', opensOn: '2026-03-01', deadlineDate: '2026-04-30' });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  callId = call.body.id;
  assert.equal((await province.post(`/api/calls/${callId}/publish`)).status, 200);
  apps.push(await submitted('130100', '石家庄评审甲公司', '130102'));
  apps.push(await submitted('130100', '石家庄评审乙公司', '130104'));
  apps.push(await submitted('130200', '唐山评审丙公司', '130202'));
  // The city and policy reviews are covered by selection.test.ts; here the applications start past them.
  await p.deps.uow.transaction(async (r) => {
    for (const id of apps) await r.applications.update(id, { state: 'policy_passed' }, p.clock.now());
  });
  for (const key of ['sjz', 'ts', 'bd', 'org']) {
    const email = `review.${key}@experts.example`;
    const account = await p.account('expert', '130000-experts', { email });
    const client = p.client({ ip: `10.7.0.${Object.keys(experts).length + 1}` });
    await client.signIn(account);
    experts[key] = { id: '', client, email };
  }
});
after(() => p.close());

describe('the expert pool', () => {
  test('add, list with filters, edit and deactivate; a bad credit code is refused by field', async () => {
    const bad = await province.post('/api/experts', { name: '错码专家', organizationName: '某研究院', creditCode: '91130100MA0000000X' });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: any) => e.path), ['creditCode']);
    const rows = [
      { key: 'sjz', name: '石家庄专家', organizationName: '河北科技大学', cityName: '石家庄市', tags: ['工业互联网平台'] },
      { key: 'ts', name: '唐山专家', organizationName: '华北理工大学', cityName: '唐山市', tags: ['智能制造'] },
      { key: 'bd', name: '保定专家', organizationName: '河北大学', cityName: '保定市', tags: ['智能制造', '工业互联网平台'] },
      // Works for the 唐山 applicant: same organization.
      { key: 'org', name: '企业内专家', organizationName: '唐山评审丙公司', cityName: '邯郸市', tags: [] },
    ];
    for (const { key, ...row } of rows) {
      const r = await province.post('/api/experts', { ...row, title: '教授', email: experts[key]!.email });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.ok(r.body.accountId, `the expert ${key} is linked to the account with the same e-mail`);
      experts[key]!.id = r.body.id;
    }
    const spare = await province.post('/api/experts', { name: '备用专家', organizationName: '燕山大学', cityName: '秦皇岛市', tags: ['网络安全'] });
    assert.equal(spare.status, 201);
    const listed = await province.get('/api/experts?q=' + encodeURIComponent('河北') + '&pageSize=10');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.items.map((e: any) => e.name).sort(), ['保定专家', '石家庄专家'].sort());
    const tagged = await auditor.get('/api/experts?tag=' + encodeURIComponent('网络安全'));
    assert.equal(tagged.status, 200, 'the auditor reads the pool');
    assert.deepEqual(tagged.body.items.map((e: any) => e.name), ['备用专家']);
    assert.ok(listed.body.tags.includes('智能制造'), 'the pool’s tags are offered for the filter');
    assert.equal((await tangshanCity.get('/api/experts')).status, 403);
    const edited = await province.patch(`/api/experts/${spare.body.id}`, { title: '研究员', active: false });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual([edited.body.title, edited.body.active], ['研究员', false]);
    assert.deepEqual(await auditActions('expert', spare.body.id), ['expert.created', 'expert.deactivated']);
    assert.equal((await auditor.patch(`/api/experts/${spare.body.id}`, { active: true })).status, 403);
  });

  test('import from .xlsx: good rows are added, a bad row is reported with its row and column', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await expertTemplateXlsx()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    sheet.spliceRows(2, 1);
    sheet.addRow(['导入专家一', '高级工程师', '河北工业大学', null, '廊坊市', '工业软件、数字孪生', '13900000001', 'import.one@experts.example']);
    sheet.addRow(['导入专家二', '', '石家庄铁道大学', null, '石家庄市', '网络安全', '12345', 'import.two@experts.example']);
    const data = new Uint8Array(await book.xlsx.writeBuffer());
    assert.equal((await auditor.binary('POST', '/api/experts/import', data)).status, 403);
    const r = await province.binary('POST', '/api/experts/import', data);
    assert.equal(r.status, 200, r.bytes.toString('utf8'));
    assert.equal(r.body.created, 1);
    assert.equal(r.body.errors.length, 1, JSON.stringify(r.body.errors));
    assert.equal(r.body.errors[0].row, 3);
    assert.equal(r.body.errors[0].column, '手机');
    const found = await province.get('/api/experts?q=' + encodeURIComponent('导入专家'));
    assert.deepEqual(found.body.items.map((e: any) => [e.name, e.tags]), [['导入专家一', ['工业软件', '数字孪生']]]);
    const template = await province.binary('GET', '/api/experts/template.xlsx');
    assert.equal(template.status, 200);
    assert.match(template.headers.get('content-type') ?? '', /spreadsheetml/);
    // Keep the run small and predictable: the imported expert leaves the pool again.
    assert.equal((await province.patch(`/api/experts/${found.body.items[0].id}`, { active: false })).status, 200);
    const pool = await p.org('130000-experts');
    assert.ok((await auditActions('expert_pool', pool.id)).includes('expert.imported'), 'the import is audited');
  });
});

describe('assignment', () => {
  let runId: string;

  test('a run answers 202 at once, finishes in the background, never pairs a conflicted expert', async () => {
    const view = await province.get(`/api/calls/${callId}/assignments`);
    assert.equal(view.status, 200, JSON.stringify(view.body));
    assert.equal(view.body.perApplication, 2);
    const conflicted = new Set(view.body.conflicts.map((c: any) => `${c.expertId}|${c.applicationId}`));
    assert.ok(conflicted.has(`${experts.sjz!.id}|${apps[0]}`) && conflicted.has(`${experts.sjz!.id}|${apps[1]}`), 'same city (石家庄)');
    assert.ok(conflicted.has(`${experts.ts!.id}|${apps[2]}`), 'same city (唐山)');
    const org = view.body.conflicts.find((c: any) => c.expertId === experts.org!.id && c.applicationId === apps[2]);
    assert.deepEqual(org?.reasons.map((x: any) => x.code), ['same_organization']);

    assert.equal((await auditor.post(`/api/calls/${callId}/assignment-runs`, {})).status, 403);
    // A run left "running" by a server that stopped: refused while it could still be solving, closed once it cannot be.
    const officer = await p.account('province_officer', '130000-miit');
    const stale = await p.deps.uow.transaction((r) => r.assignments.insertRun({ callId, perApplication: 2, createdBy: officer.id, now: new Date(p.clock.now().getTime() - 60_000) }));
    const busy = await province.post(`/api/calls/${callId}/assignment-runs`, { maxLoad: 3 });
    assert.equal(busy.status, 409, JSON.stringify(busy.body));
    assert.equal(busy.body.code, 'run_in_progress');
    p.clock.advance(ABANDONED_AFTER_MS);
    const started = await province.post(`/api/calls/${callId}/assignment-runs`, { maxLoad: 3 });
    const closed = (await province.get(`/api/assignment-runs/${stale}`)).body;
    assert.equal(closed.status, 'failed', 'the cut-off run is closed as failed');
    assert.match(closed.error, /计算中断/);
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.equal(started.body.status, 'running');
    runId = started.body.id;
    const run = await pollRun(runId);
    assert.equal(run.status, 'done', JSON.stringify(run));
    assert.ok(run.objective >= run.greedyObjective, `objective ${run.objective} ≥ greedy ${run.greedyObjective}`);
    assert.ok(run.bound !== null && run.bound >= run.objective - 1e-6, `bound ${run.bound} ≥ objective ${run.objective}`);
    assert.equal(run.report.quality.objective, run.objective);
    assert.equal(run.report.pairs.length, 6, 'three applications × two experts');
    for (const pair of run.report.pairs) assert.ok(!conflicted.has(`${pair.expertId}|${pair.applicationId}`), `conflicted pair ${pair.expertId}|${pair.applicationId}`);
    assert.ok(run.report.quality.loads.max <= 3, 'within the maximum load');
    assert.deepEqual(await auditActions('assignment_run', runId), ['assignment_run.started', 'assignment_run.done']);
  });

  test('applying moves the applications to expert review, with a timeline event', async () => {
    const applied = await province.post(`/api/assignment-runs/${runId}/apply`);
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    assert.deepEqual([...applied.body.moved].sort(), [...apps].sort());
    assert.equal(applied.body.assignments.length, 6);
    const detail = await province.get(`/api/applications/${apps[0]}`);
    assert.equal(detail.body.state, 'expert_review');
    assert.equal(detail.body.timeline.at(-1).toState, 'expert_review');
    const again = await province.post(`/api/assignment-runs/${runId}/apply`);
    assert.equal(again.status, 409, `a run applies once: ${JSON.stringify(again.body).slice(0, 300)}`);
    assert.ok((await auditActions('assignment_run', runId)).includes('assignment_run.applied'), 'applying is audited');
  });

  test('manual override: a conflicted pair is refused with the reason; a free pair is added and removed', async () => {
    const refused = await province.post(`/api/calls/${callId}/assignments`, { applicationId: apps[0], expertId: experts.sjz!.id });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'conflict_of_interest');
    assert.match(refused.body.messages['zh-CN'], /同一地市/);
    const overview = (await province.get(`/api/calls/${callId}/assignments`)).body;
    const free = ['ts', 'bd', 'org'].map((k) => experts[k]!.id).find((e) => !overview.assignments.some((a: any) => a.applicationId === apps[0] && a.expertId === e))!;
    const added = await province.post(`/api/calls/${callId}/assignments`, { applicationId: apps[0], expertId: free });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.manual, true);
    const removed = await province.request('DELETE', `/api/assignments/${added.body.id}`);
    assert.equal(removed.status, 200);
    assert.deepEqual(await auditActions('assignment', added.body.id), ['assignment.added', 'assignment.removed']);
  });
});

describe('the experts’ side', () => {
  const mine = async (key: string) => (await experts[key]!.client.get('/api/reviews')).body.items as any[];

  test('content only after the declaration; a declared conflict declines the assignment', async () => {
    const bd = experts.bd!.client;
    const items = await mine('bd');
    assert.ok(items.length >= 1, 'the expert sees their assignments');
    const first = items[0];
    const before = await bd.get(`/api/reviews/${first.id}`);
    assert.equal(before.status, 200);
    assert.equal(before.body.content, null, 'no content before the declaration');
    assert.ok(before.body.application.projectName, 'the project is named');
    const early = await bd.request('PUT', `/api/reviews/${first.id}/scores`, { scores: { foundation: 30 } });
    assert.equal(early.body.code, 'declaration_first');
    const declared = await bd.post(`/api/reviews/${first.id}/declaration`, { conflict: false });
    assert.equal(declared.status, 200, JSON.stringify(declared.body));
    assert.equal(declared.body.status, 'accepted');
    const afterwards = await bd.get(`/api/reviews/${first.id}`);
    assert.ok(afterwards.body.content.forms.length > 0, 'the form is shown');
    assert.ok(afterwards.body.content.attachments.length > 0, 'the attachments are listed');
    const file = await bd.binary('GET', `/api/attachments/${afterwards.body.content.attachments[0].id}/download`);
    assert.equal(file.status, 200, 'the assigned expert downloads an attachment');
    // Another expert, who has accepted nothing yet, may not download it.
    assert.equal((await experts.sjz!.client.binary('GET', `/api/attachments/${afterwards.body.content.attachments[0].id}/download`)).status, 403);
    assert.deepEqual(await auditActions('assignment', first.id), ['assignment.accepted']);

    const second = items[1];
    assert.ok(second, 'the expert has a second assignment to decline');
    {
      const bare = await bd.post(`/api/reviews/${second.id}/declaration`, { conflict: true, relation: '' });
      assert.equal(bare.status, 400);
      assert.deepEqual(bare.body.errors.map((e: any) => e.path), ['relation']);
      const declined = await bd.post(`/api/reviews/${second.id}/declaration`, { conflict: true, relation: '曾在该单位任职' });
      assert.equal(declined.body.status, 'declined_conflict');
      const province_view = (await province.get(`/api/calls/${callId}/assignments`)).body;
      assert.ok(province_view.conflicts.some((c: any) => c.expertId === experts.bd!.id && c.applicationId === second.applicationId && c.reasons.some((r: any) => /本人已申报/.test(r.messages['zh-CN']))), 'the province sees the declaration as a conflict');
      const reassign = await province.post(`/api/calls/${callId}/assignments`, { applicationId: second.applicationId, expertId: experts.bd!.id });
      assert.equal(reassign.status, 409, 'never reassigned to the declared expert');
    }
  });

  test('scores: an out-of-range criterion is refused by its path; draft, submit, final; independent', async () => {
    const bd = experts.bd!.client;
    const accepted = (await mine('bd')).find((i) => i.status === 'accepted');
    const out = await bd.request('PUT', `/api/reviews/${accepted.id}/scores`, { scores: { foundation: 45 }, comment: '' });
    assert.equal(out.status, 400);
    assert.deepEqual(out.body.errors.map((e: any) => e.path), ['scores.foundation']);
    const draft = await bd.request('PUT', `/api/reviews/${accepted.id}/scores`, { scores: { foundation: 30 }, comment: '草稿' });
    assert.equal(draft.status, 200, JSON.stringify(draft.body));
    assert.equal(draft.body.total, null, 'no total until every criterion is scored');
    const missing = await bd.post(`/api/reviews/${accepted.id}/submit`, { scores: { foundation: 30 }, comment: '基础较好' });
    assert.deepEqual(missing.body.errors.map((e: any) => e.path), ['scores.innovation']);
    const submitted = await bd.post(`/api/reviews/${accepted.id}/submit`, { scores: { foundation: 30, innovation: 45 }, comment: '基础较好，创新性一般' });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    assert.equal(submitted.body.total, 75);
    assert.equal(submitted.body.status, 'submitted');
    assert.equal((await bd.post(`/api/reviews/${accepted.id}/submit`, { scores: { foundation: 40, innovation: 60 }, comment: '改分' })).status, 409, 'final');
    assert.deepEqual(await auditActions('assignment', accepted.id), ['assignment.accepted', 'assignment.draft_saved', 'assignment.submitted']);

    // Another expert on the same application sees neither this assignment nor its score.
    const ts = experts.ts!.client;
    assert.equal((await ts.get(`/api/reviews/${accepted.id}`)).status, 404);
    assert.equal((await ts.post(`/api/reviews/${accepted.id}/submit`, { scores: { foundation: 1, innovation: 1 }, comment: '越权评分' })).status, 404);
    for (const item of await mine('ts')) {
      const d = await ts.get(`/api/reviews/${item.id}`);
      assert.ok(!JSON.stringify(d.body).includes('基础较好，创新性一般'), 'no other expert’s comment');
      assert.equal(d.body.assignment.id, item.id);
    }
    assert.equal((await province.get(`/api/reviews/${accepted.id}`)).status, 403, 'the route is the experts’ own');
  });

  test('the province sees aggregates, records the panel, ranks and closes scoring', async () => {
    // Every remaining assignment is declared and scored; declined ones are made up for by hand.
    const scoreFor: Record<string, number[]> = { ts: [30, 50], org: [20, 40], sjz: [36, 54], bd: [10, 10] };
    for (let round = 0; round < 3; round += 1) {
      for (const key of Object.keys(experts)) {
        for (const item of await mine(key)) {
          const c = experts[key]!.client;
          if (item.status === 'assigned') assert.equal((await c.post(`/api/reviews/${item.id}/declaration`, { conflict: false })).status, 200);
          if (item.status !== 'submitted' && item.status !== 'declined_conflict') {
            const [f, i] = scoreFor[key]!;
            const r = await c.post(`/api/reviews/${item.id}/submit`, { scores: { foundation: f, innovation: i }, comment: `${key} 的评审意见` });
            assert.equal(r.status, 200, JSON.stringify(r.body));
          }
        }
      }
      const scores = (await province.get(`/api/calls/${callId}/scores`)).body;
      for (const row of scores.rows) {
        if (row.submitted >= 2) continue;
        const taken = new Set(row.experts.map((e: any) => e.expertId));
        const conflicts = new Set((await province.get(`/api/calls/${callId}/assignments`)).body.conflicts.filter((c: any) => c.applicationId === row.application.id).map((c: any) => c.expertId));
        const free = Object.values(experts).find((e) => !taken.has(e.id) && !conflicts.has(e.id));
        if (free) assert.equal((await province.post(`/api/calls/${callId}/assignments`, { applicationId: row.application.id, expertId: free.id })).status, 201);
      }
    }
    const scores = await province.get(`/api/calls/${callId}/scores`);
    assert.equal(scores.status, 200, JSON.stringify(scores.body));
    assert.equal(scores.body.rows.length, 3);
    for (const row of scores.body.rows) {
      assert.equal(row.submitted, row.assigned, `every assignment of ${row.application.id} is submitted`);
      assert.ok(row.aggregate, 'an aggregate once complete');
      const totals = row.experts.filter((e: any) => e.status === 'submitted').map((e: any) => e.total);
      const mean = Math.round((totals.reduce((s: number, t: number) => s + t, 0) / totals.length) * 100) / 100;
      assert.equal(row.aggregate.score, mean);
      assert.ok(row.experts.every((e: any) => e.expertName), 'the province sees the experts’ names');
    }
    const panel = await province.request('PUT', `/api/applications/${apps[0]}/panel`, { consensus: '专家组一致同意推荐', defense: { slotAt: '2026-06-01T09:00:00+08:00', place: '省厅第三会议室', attended: true, outcome: '答辩通过' } });
    assert.equal(panel.status, 200, JSON.stringify(panel.body));
    assert.equal((await province.get(`/api/calls/${callId}/scores`)).body.rows.find((r: any) => r.application.id === apps[0]).panel.consensus, '专家组一致同意推荐');
    assert.deepEqual((await auditActions('application', apps[0]!)).filter((a) => a === 'application.panel_saved'), ['application.panel_saved']);

    const ranking = await auditor.get(`/api/calls/${callId}/ranking`);
    assert.equal(ranking.status, 200, JSON.stringify(ranking.body));
    assert.deepEqual(ranking.body.incomplete, []);
    assert.equal(ranking.body.ranking.threshold, 60);
    const entries = ranking.body.ranking.rankings.flatMap((r: any) => r.entries);
    assert.equal(entries.length, 3);
    for (const e of entries) assert.equal(e.aboveThreshold, e.score >= 60);

    assert.equal((await auditor.post(`/api/calls/${callId}/close-scoring`)).status, 403);
    const closed = await province.post(`/api/calls/${callId}/close-scoring`);
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    const stored = await p.deps.uow.read((r) => r.applications.findById(apps[0]!));
    assert.equal(stored!.finalScore, entries.find((e: any) => e.applicationId === apps[0]).score);
    assert.deepEqual(await auditActions('call', callId).then((a) => a.filter((x) => x === 'call.scoring_closed')), ['call.scoring_closed']);
  });
});
