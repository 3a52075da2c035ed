/**
 * Browser tests that start after selection (projects, the portal, operation data) take the demo
 * enterprise's application of the demo call through the selection over the API, as the officers do on
 * the screens that test/e2e/selection.test.ts drives: submission, city review and list, policy review,
 * assignment, scores, decision, and the published notice.
 */
import assert from 'node:assert/strict';
import type { E2E } from './e2e.ts';
import { FORM, fillAndSubmit } from './applicants.ts';
import type { Client } from './platform.ts';
import type { Staff } from './remote.ts';

export const CHECKLIST = ['identity', 'seals', 'investment', 'declarations', 'onsite'].map((id) => ({ id, checked: true, note: '已核实' }));

export function ok(r: { status: number; body: unknown }, status: number, what: string) {
  assert.equal(r.status, status, `${what}: ${JSON.stringify(r.body).slice(0, 600)}`);
}

/** The demo accounts the first start printed (`DEMO <role> <email> <password>`), by role. */
export function demoAccounts(e2e: E2E): Map<string, { email: string; password: string }> {
  const demo = new Map<string, { email: string; password: string }>();
  for (const m of e2e.output().matchAll(/^\s*DEMO (\w+)\s+(\S+)\s+(\S+)/gm)) demo.set(m[1]!, { email: m[2]!, password: m[3]! });
  return demo;
}

/** The open demo call of a program. */
export async function openDemoCall(province: Staff, programCode: string): Promise<string> {
  const calls = await province.client.get(`/api/calls?programCode=${programCode}`);
  const call = (calls.body.items as { id: string; programCode: string; status: string }[]).find((c) => c.programCode === programCode && c.status === 'open');
  assert.ok(call, `the demo call of ${programCode} is open: ${JSON.stringify(calls.body).slice(0, 600)}`);
  return call.id;
}

/** Runs the expert assignment of a call (a worker: the run is polled) and applies it. */
export async function assignExperts(province: Staff, callId: string, perApplication = 1): Promise<void> {
  const run = await province.client.post(`/api/calls/${callId}/assignment-runs`, { perApplication });
  assert.ok([200, 201, 202].includes(run.status), `assignment run: ${JSON.stringify(run.body)}`);
  let status = run.body.status as string;
  for (let i = 0; i < 300 && status === 'running'; i += 1) {
    await new Promise((r) => setTimeout(r, 200));
    status = (await province.client.get(`/api/assignment-runs/${run.body.id}`)).body.status;
  }
  assert.notEqual(status, 'running', 'the assignment run finished');
  ok(await province.client.post(`/api/assignment-runs/${run.body.id}/apply`), 200, 'apply the assignment');
}

export interface ToNotice {
  province: Staff;
  city: Staff;
  expert: Staff;
  applicant: Client;
  callId: string;
  projectName: string;
  /** The city's list number, e.g. 石工信〔2026〕88号. */
  cityDocumentNumber: string;
  score?: number;
}

/**
 * The applicant's application from submission to the published notice, the only one on the call
 * (石家庄's quota 1); returns the application's and the notice's ids. The final list follows once the
 * caller has moved the clock past the period.
 */
export async function takeToNotice(o: ToNotice): Promise<{ applicationId: string; noticeId: string }> {
  const { province, city, expert, callId } = o;
  ok(await province.client.post('/api/experts', { name: '陈静', title: '教授级高级工程师', organizationName: '燕山大学', cityName: '秦皇岛市', tags: ['智能制造', '工业互联网'], email: expert.email }), 201, 'expert in the pool');
  ok(await province.client.put(`/api/calls/${callId}/quotas`, { quotaTable: { '130100': 1 }, threshold: null }), 200, 'quotas');
  const id = await fillAndSubmit(o.applicant, callId, { application: { ...FORM.application, projectName: o.projectName, startDate: '2027-01-01', completionDate: '2028-12-31' } });
  ok(await city.client.post(`/api/applications/${id}/start-review`), 200, 'start review');
  ok(await city.client.post(`/api/applications/${id}/city-decision`, { decision: 'pass', checklist: CHECKLIST }), 200, 'city decision');
  ok(await city.client.request('PUT', `/api/calls/${callId}/recommendation/items/${id}`), 200, 'recommend');
  ok(await city.client.post(`/api/calls/${callId}/recommendation/submit`, { documentNumber: o.cityDocumentNumber }), 200, 'submit the list');
  ok(await province.client.post(`/api/applications/${id}/policy-decision`, { decision: 'pass' }), 200, 'policy decision');
  await assignExperts(province, callId);
  const reviews = await expert.client.get('/api/reviews');
  ok(reviews, 200, 'the expert’s reviews');
  for (const r of reviews.body.items as { id: string }[]) {
    ok(await expert.client.post(`/api/reviews/${r.id}/declaration`, { conflict: false }), 200, 'declaration');
    ok(await expert.client.post(`/api/reviews/${r.id}/submit`, { scores: { overall: o.score ?? 85 }, comment: '项目建设基础较好，技术路线可行，建议支持。' }), 200, 'scores');
  }
  ok(await province.client.post(`/api/calls/${callId}/close-scoring`), 200, 'close scoring');
  ok(await province.client.get(`/api/calls/${callId}/decision`), 200, 'the proposed decision');
  ok(await province.client.post(`/api/calls/${callId}/decision`, { shortlist: [id], reasons: {} }), 200, 'decision');
  const notice = await province.client.get(`/api/calls/${callId}/notice`);
  ok(await province.client.put(`/api/calls/${callId}/notice`, { title: notice.body.title, body: notice.body.body || '现予以公示。', contact: { name: '省工业和信息化厅信息化推进处', phone: '0311-87801234', email: null } }), 200, 'notice');
  ok(await province.client.post(`/api/calls/${callId}/notice/publish`), 200, 'publish the notice');
  return { applicationId: id, noticeId: notice.body.id };
}
