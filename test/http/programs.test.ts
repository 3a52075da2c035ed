import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { programFilesToLoad, readProgramFile } from '../../src/adapters/programs/files.ts';
import { syncProgramFiles } from '../../src/use-cases/programs/programs.ts';
import { BASE_APPLICANT, BASE_APPLICATION } from '../programs/cases/types.ts';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let officer: Client;
const CODE = 'hebei-2016-internet-plus';

before(async () => {
  p = await startPlatform();
  const { definitions, samples } = programFilesToLoad();
  await syncProgramFiles(p.deps, definitions, samples);
  officer = p.client();
  await officer.signIn(await p.account('province_officer', '130000-miit'));
});
after(() => p.close());

test('the program files are loaded as published versions, and loading again changes nothing', async () => {
  const list = await officer.get('/api/programs');
  assert.equal(list.status, 200);
  const hebei = list.body.items.find((x: any) => x.code === CODE);
  assert.equal(hebei.name['zh-CN'], '河北省“互联网+”制造业试点示范');
  assert.deepEqual(hebei.versions.map((v: any) => [v.version, v.status]), [[1, 'published']]);
  const { definitions, samples } = programFilesToLoad();
  const again = await syncProgramFiles(p.deps, definitions, samples);
  assert.deepEqual(again.added, []);
  assert.deepEqual(again.conflicts, [], 'a stored version equals its file whatever order the database keeps the keys in');
});

test('a province officer clones, raises the IT-team minimum, tries a sample, publishes, and sees the difference', async () => {
  const draft = await officer.post(`/api/programs/${CODE}/versions/1/clone`);
  assert.equal(draft.status, 201);
  assert.equal(draft.body.status, 'draft');
  const v = draft.body.version;
  const definition = structuredClone(draft.body.definition);
  const rule = definition.rules.find((r: any) => r.id === 'it-team-size');
  rule.expression = 'applicant.itTeamSize >= 15';
  rule.message = { 'zh-CN': '专门的信息化支撑队伍不少于 15 人', en: 'A dedicated IT team of at least 15 people' };
  const saved = await officer.request('PUT', `/api/programs/${CODE}/versions/${v}`, { definition });
  assert.equal(saved.status, 200);
  assert.deepEqual(saved.body.problems, []);

  const samples = await officer.get(`/api/programs/${CODE}/samples`);
  const twelve = samples.body.items.find((s: any) => s.name.includes('12 人'));
  const tried = await officer.post(`/api/programs/${CODE}/versions/${v}/evaluate`, { sampleId: twelve.id });
  assert.equal(tried.status, 200);
  const outcome = tried.body.outcomes.find((o: any) => o.ruleId === 'it-team-size');
  assert.equal(outcome.status, 'fail');
  assert.equal(outcome.citation, '000 第五条（二）');
  assert.deepEqual(outcome.inputs, { 'applicant.itTeamSize': 12 });
  assert.equal(tried.body.eligible, false);
  const before = await officer.post(`/api/programs/${CODE}/versions/1/evaluate`, { sampleId: twelve.id });
  assert.equal(before.body.eligible, true, 'the published version still admits 12');

  const published = await officer.post(`/api/programs/${CODE}/versions/${v}/publish`);
  assert.equal(published.status, 200);
  assert.equal(published.body.status, 'published');
  const diff = await officer.get(`/api/programs/${CODE}/diff?from=1&to=${v}`);
  const paths = diff.body.changes.map((c: any) => c.path);
  assert.ok(paths.includes('rules[it-team-size].expression'));
  assert.ok(paths.includes('version'));
  const expr = diff.body.changes.find((c: any) => c.path === 'rules[it-team-size].expression');
  assert.deepEqual([expr.before, expr.after], ['applicant.itTeamSize >= 10', 'applicant.itTeamSize >= 15']);

  const events = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 20, order: 'asc', entityType: 'program_version', entityId: `${CODE}@${v}` }));
  assert.deepEqual(events.rows.map((e) => e.action), ['program.draft_created', 'program.draft_updated', 'program.published']);
});

test('a published version cannot be changed, through the API or behind it', async () => {
  const res = await officer.request('PUT', `/api/programs/${CODE}/versions/1`, { definition: { name: { 'zh-CN': '改', en: 'x' } } });
  assert.equal(res.status, 409);
  assert.equal(res.body.code, 'version_published');
  assert.equal((await officer.post(`/api/programs/${CODE}/versions/1/publish`)).status, 409);
  await assert.rejects(sql`update program_version set definition = '{}'::jsonb where version = 1`.execute(p.handle.db), /published program version cannot change/);
});

test('a rule that does not type-check is refused at publish, naming the rule and the reason', async () => {
  const draft = await officer.post(`/api/programs/${CODE}/versions/1/clone`);
  const definition = structuredClone(draft.body.definition);
  definition.rules.find((r: any) => r.id === 'integration-level').expression = 'applicant.integrationLevel >= "单项应用"';
  const saved = await officer.request('PUT', `/api/programs/${CODE}/versions/${draft.body.version}`, { definition });
  assert.equal(saved.status, 200, 'a draft may be saved with problems');
  assert.equal(saved.body.problems[0].ruleId, 'integration-level');
  const refused = await officer.post(`/api/programs/${CODE}/versions/${draft.body.version}/publish`);
  assert.equal(refused.status, 400);
  assert.equal(refused.body.code, 'definition_invalid');
  assert.equal(refused.body.errors[0].messages.en, 'Rule integration-level: no such overload: int >= string');
  assert.equal(refused.body.errors[0].path, 'rules.2.expression');
  const check = await officer.post('/api/programs/check-expression', { expression: 'applicant.itTeamSize >= 15 && !applicant.badRecords' });
  assert.deepEqual(check.body, { valid: true, inputs: ['applicant.badRecords', 'applicant.itTeamSize'] });
});

test('only the province’s own officers manage its programs', async () => {
  const city = p.client();
  await city.signIn(await p.account('city_officer', '130100'));
  assert.equal((await city.post(`/api/programs/${CODE}/versions/1/clone`)).status, 403);
  assert.equal((await city.get('/api/programs')).status, 200, 'but may read them');
  const shandong = p.client();
  await shandong.signIn(await p.account('province_officer', '370000-miit'));
  assert.equal((await shandong.post(`/api/programs/${CODE}/versions/1/clone`)).status, 403);
});

test('a program that is not one of the five, from a file, runs applicants with no code change', async () => {
  const file = readProgramFile(path.join(import.meta.dirname, '../fixtures/programs/shijiazhuang-2027-digital-workshops.v1.json'));
  assert.deepEqual(file.problems, []);
  await syncProgramFiles(p.deps, [file.definition!], {});
  const run = (applicant: object, application: object = {}) =>
    officer.post('/api/programs/shijiazhuang-2027-digital-workshops/versions/1/evaluate', {
      sample: { applicant: { ...BASE_APPLICANT, ...applicant }, application: { ...BASE_APPLICATION, directions: ['W1'], ...application }, today: '2027-03-01' },
    });
  const ok = await run({ credentials: ['provincial_specialized_sme'] });
  assert.equal(ok.body.eligible, true);
  assert.deepEqual(ok.body.priorities, ['sme-priority']);
  const tangshan = await run({ divisionCode: '130203' });
  assert.equal(tangshan.body.eligible, false);
  assert.deepEqual(tangshan.body.outcomes.filter((o: any) => o.status === 'fail').map((o: any) => [o.ruleId, o.citation]), [['in-shijiazhuang', '900 第二条']]);
  const small = await run({ annualSalesFen: 1_999_999_999 }, { directions: ['W1', 'W2'] });
  assert.deepEqual(small.body.outcomes.filter((o: any) => o.status === 'fail').map((o: any) => o.ruleId), ['sales-floor']);
  const three = await run({}, { directions: ['W1', 'W2', 'W1'] });
  assert.deepEqual(three.body.outcomes.filter((o: any) => o.status === 'fail').map((o: any) => o.ruleId), ['at-most-two']);
});
