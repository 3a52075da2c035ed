/**
 * Task forces (003 五（二）): a recommended application of Shandong's 个十百 platforms is routed by its
 * 十强 industry field to that industry's task force; only that task force sees it and gives its
 * opinion, and the province's policy review waits for the opinion.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let province: Client;
let city: Client;
let ngit: Client;
let equipment: Client;
let callId = '';
const apps: Record<'ngit' | 'equipment', string> = { ngit: '', equipment: '' };

/** An application of a 济南 enterprise that passed the city review, naming its 十强 industry. */
async function passedApplication(name: string, industry: string): Promise<string> {
  const org = await p.enterprise('370100', name);
  const call = (await p.deps.uow.read((r) => r.calls.findById(callId)))!;
  return p.deps.uow.transaction(async (r) => {
    const id = await r.applications.insert({ callId, programId: call.programId, programVersion: call.programVersion, organizationId: org.id, state: 'city_passed', createdBy: (await r.accounts.ofOrganization(org.id))[0]?.id ?? '1', now: p.clock.now() });
    await r.applications.update(id, { projectName: `${name}工业互联网平台`, formData: { application: { industry, platformName: `${name}平台` } } }, p.clock.now());
    return id;
  });
}

before(async () => {
  p = await startPlatform({ programs: true });
  province = p.client();
  await province.signIn(await p.account('province_officer', '370000-miit'));
  city = p.client();
  await city.signIn(await p.account('city_officer', '370100'));
  ngit = p.client();
  await ngit.signIn(await p.account('task_force_reviewer', '370000-tf-ngit'));
  equipment = p.client();
  await equipment.signIn(await p.account('task_force_reviewer', '370000-tf-equipment'));
  const call = await province.post('/api/calls', { programCode: 'shandong-2018-platforms', programVersion: 1, title: '2026年山东省产业互联网“个十百”平台申报', opensOn: '2026-03-01', deadlineDate: '2026-04-30' });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  callId = call.body.id;
  assert.equal((await province.post(`/api/calls/${callId}/publish`)).status, 200);
  apps.ngit = await passedApplication('济南云智科技', 'ngit');
  apps.equipment = await passedApplication('济南重工装备', 'equipment');
  assert.equal((await province.put(`/api/calls/${callId}/quotas`, { quotaTable: { '370100': 2 }, threshold: null })).status, 200);
  for (const id of Object.values(apps)) assert.equal((await city.put(`/api/calls/${callId}/recommendation/items/${id}`, {})).status, 200);
  const submitted = await city.post(`/api/calls/${callId}/recommendation/submit`, { documentNumber: '济工信〔2026〕7号' });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
});
after(() => p.close());

test('each recommended application is routed to the task force of its industry, and only that one sees it', async () => {
  const mine = await ngit.get(`/api/calls/${callId}/task-force`);
  assert.equal(mine.status, 200, JSON.stringify(mine.body));
  assert.deepEqual(mine.body.items.map((a: { id: string }) => a.id), [apps.ngit]);
  const theirs = await equipment.get(`/api/calls/${callId}/task-force`);
  assert.deepEqual(theirs.body.items.map((a: { id: string }) => a.id), [apps.equipment]);
  assert.equal((await city.get(`/api/calls/${callId}/task-force`)).status, 403);
});

test('the policy review waits for the task force, which alone may give the opinion', async () => {
  const early = await province.post(`/api/applications/${apps.ngit}/policy-decision`, { decision: 'pass' });
  assert.equal(early.status, 409, JSON.stringify(early.body));
  assert.equal(early.body.code, 'task_force_opinion_missing');
  assert.match(early.body.detail ?? early.body.title ?? JSON.stringify(early.body), /003 五（二）/);
  assert.equal((await equipment.post(`/api/applications/${apps.ngit}/task-force-opinion`, { supports: true, opinion: '越权' })).status, 403);
  const opinion = await ngit.post(`/api/applications/${apps.ngit}/task-force-opinion`, { supports: true, opinion: '平台连接设备多，行业带动作用明显，建议支持。' });
  assert.equal(opinion.status, 200, JSON.stringify(opinion.body));
  assert.equal(opinion.body.supports, true);
  const overview = await province.get(`/api/calls/${callId}/selection`);
  const row = overview.body.applications.find((a: { id: string }) => a.id === apps.ngit);
  assert.equal(row.taskForce.opinion, '平台连接设备多，行业带动作用明显，建议支持。');
  const passed = await province.post(`/api/applications/${apps.ngit}/policy-decision`, { decision: 'pass' });
  assert.equal(passed.status, 200, JSON.stringify(passed.body));
  assert.equal(passed.body.state, 'policy_passed');
  const closed = await ngit.post(`/api/applications/${apps.ngit}/task-force-opinion`, { supports: false, opinion: '改变意见' });
  assert.equal(closed.status, 409, 'the opinion is closed once the policy review is done');
  const events = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 50, order: 'desc', action: 'application.task_force_opinion' }));
  assert.equal(events.rows[0]?.entityId, apps.ngit, 'the opinion is in the audit trail');
});
