/**
 * Drill: two server processes on one PostgreSQL database behind a round-robin proxy (as behind a load
 * balancer). A session made on one works on the other; a city's recommendation quota holds under
 * concurrent requests spread over both; the scheduled jobs run exactly once between them: each
 * progress-report reminder and overdue notice, each e-mail of the outbox (to an SMTP sink started
 * here), each audit seal.
 *
 * Needs a PostgreSQL server: TEST_DATABASE_URL (CI's test:drills step always sets it; without it
 * this file fails at once with that message; node:test may not skip).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { addDays, shanghaiDate } from '../../src/core/calendar.ts';
import type { Client } from '../support/platform.ts';
import {
  applyResumably,
  CHECKLIST,
  drillPlatform,
  migratedDatabase,
  newAcks,
  requirePostgres,
  roundRobinProxy,
  sealedAndVerified,
  smtpSink,
  startServer,
  waitFor,
  type DrillPlatform,
  type Proxy,
  type ServerProcess,
  type SmtpSink,
} from '../support/drills.ts';

const ADMIN_URL = requirePostgres(import.meta.filename);
const CANDIDATES = 8;
const QUOTA = 3;
const PROJECTS = 6;

let db: Awaited<ReturnType<typeof migratedDatabase>>;
let p: DrillPlatform;
let dataDir: string;
let servers: ServerProcess[] = [];
let proxy: Proxy;
let sink: SmtpSink;

before(async () => {
  db = await migratedDatabase(ADMIN_URL, 'drill_two');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-two-'));
  p = await drillPlatform(db, { dataDir });
  sink = await smtpSink();
  // Both run every job: reminders every second, mail every 5 s, the sealer every 2 s.
  // LOG_LEVEL info: each server logs its reminder passes that did something, so the split shows.
  const env = { SMTP_URL: sink.url, REMINDERS_EVERY_SECONDS: '1', LOG_LEVEL: 'info' };
  // One after the other, so their job timers tick at different moments of each second.
  servers = [await startServer({ name: 'server A', databaseUrl: db.url, settings: { dataDir }, env })];
  servers.push(await startServer({ name: 'server B', databaseUrl: db.url, settings: { dataDir }, env }));
  proxy = await roundRobinProxy(servers.map((s) => s.base));
});
after(async () => {
  await proxy?.close();
  await Promise.all(servers.map((s) => s.stop()));
  await sink?.close();
  await db?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const upstream = (r: { headers: Headers }) => r.headers.get('x-drill-upstream');

test('a session made through the proxy works on both servers, CSRF token and sign-out included', async () => {
  const staff = await p.staffOn(proxy.base, 'city_officer', '130100');
  const seen = new Set<string | null>();
  for (let i = 0; i < 6; i++) {
    const r = await staff.get('/api/auth/session');
    assert.equal(r.status, 200);
    assert.equal(r.body.authenticated, true, `signed in on server ${upstream(r)}`);
    assert.equal(r.body.user.role, 'city_officer');
    seen.add(upstream(r));
  }
  assert.deepEqual([...seen].sort(), ['0', '1'], 'the requests alternated between both servers');
  // A state-changing request needs the session's CSRF token: accepted by both servers.
  const writes = [await staff.post('/api/notifications/read-all'), await staff.post('/api/notifications/read-all')];
  assert.deepEqual(writes.map((w) => w.status), [200, 200], JSON.stringify(writes.map((w) => w.body)));
  assert.deepEqual(writes.map(upstream).sort(), ['0', '1']);
  const out = await staff.post('/api/auth/logout');
  assert.equal(out.status, 200, JSON.stringify(out.body));
  for (let i = 0; i < 2; i++) {
    const r = await staff.get('/api/auth/session');
    assert.equal(r.body.authenticated, false, `signed out on server ${upstream(r)} too`);
  }
});

test(`a city's quota (${QUOTA}) holds under ${CANDIDATES} concurrent recommendations spread over both servers`, async () => {
  const province = p.client();
  assert.equal((await province.signIn(await p.account('province_officer', '130000-miit'))).status, 200, 'province officer signed in');
  const quotas = await province.request('PUT', `/api/calls/${p.callId}/quotas`, { quotaTable: { '130100': QUOTA }, threshold: null });
  assert.equal(quotas.status, 200, JSON.stringify(quotas.body));
  const reviewer = p.client();
  assert.equal((await reviewer.signIn(await p.account('city_officer', '130100'))).status, 200, 'city reviewer signed in');
  const ids: string[] = [];
  for (let i = 0; i < CANDIDATES; i++) {
    const name = `石家庄双机推荐${i + 1}号公司`;
    const applicant = p.client();
    assert.equal((await applicant.signIn(await p.applicant('130100', name))).status, 200, 'applicant signed in');
    const acks = newAcks();
    await applyResumably(applicant, p.callId, name, acks);
    ids.push(acks.applicationId!);
    assert.equal((await reviewer.post(`/api/applications/${acks.applicationId}/start-review`)).status, 200, 'review started');
    const passed = await reviewer.post(`/api/applications/${acks.applicationId}/city-decision`, { decision: 'pass', checklist: CHECKLIST });
    assert.equal(passed.status, 200, JSON.stringify(passed.body));
  }
  const officers: Client[] = [await p.staffOn(proxy.base, 'city_officer', '130100'), await p.staffOn(proxy.base, 'city_officer', '130100')];
  const results = await Promise.all(ids.map((id, i) => officers[i % 2]!.request('PUT', `/api/calls/${p.callId}/recommendation/items/${id}`)));
  const by = (status: number) => results.filter((r) => r.status === status);
  assert.equal(by(200).length, QUOTA, JSON.stringify(results.map((r) => [r.status, r.body.code, upstream(r)])));
  assert.equal(by(409).length, CANDIDATES - QUOTA, 'the rest refused');
  for (const r of by(409)) assert.equal(r.body.code, 'city_quota_exceeded');
  assert.deepEqual([...new Set(by(200).concat(by(409)).map(upstream))].sort(), ['0', '1'], 'both servers took part');
  const items = await db.db.selectFrom('recommendation_item').innerJoin('recommendation', 'recommendation.id', 'recommendation_item.recommendation_id').select(['recommendation_item.rank']).where('recommendation.call_id', '=', p.callId).execute();
  assert.equal(items.length, QUOTA, 'the database holds exactly the quota');
  assert.deepEqual(items.map((i) => i.rank).sort((a, b) => a - b), Array.from({ length: QUOTA }, (_, i) => i + 1), 'ranks 1..quota, none doubled');
});

test(`progress reminders and overdue notices go out exactly once for ${PROJECTS} projects, both servers running the job every second`, async () => {
  const today = shanghaiDate(new Date());
  const call = (await p.deps.uow.read((r) => r.calls.findById(p.callId)))!;
  const reports: { applicationId: string; organizationId: string }[] = [];
  // Projects appear one by one, 700 ms apart, while both servers' jobs run every second: each lands at
  // another moment of the timers' cycle, so sometimes one server's pass gets there first, sometimes the other's.
  for (let n = 0; n < PROJECTS; n++) {
    const name = `石家庄双机提醒${n + 1}号公司`;
    const org = await p.enterprise('130100', name);
    const applicant = await p.account('applicant', org.code);
    const applicationId = await p.deps.uow.transaction(async (r) => {
      const now = new Date();
      const id = await r.applications.insert({ callId: p.callId, programId: call.programId, programVersion: call.programVersion, organizationId: org.id, state: 'selected', createdBy: applicant.id, now });
      await r.applications.update(id, { projectName: `${name}智能工厂项目` }, now);
      await r.projects.ensure(id, now);
      await r.projects.setStatus(id, 'implementing', now);
      await r.projects.ensureReport(id, 'overdue-period', addDays(today, -1), now);
      await r.projects.ensureReport(id, 'due-period', addDays(today, 3), now);
      return id;
    });
    reports.push({ applicationId, organizationId: org.id });
    await new Promise((r) => setTimeout(r, 700));
  }
  const ids = reports.map((r) => r.applicationId);
  await waitFor('every report reminded and every overdue one notified', async () => {
    const left = await sql<{ n: string }>`
      select count(*) as n from progress_report
      where application_id = any(${ids}::bigint[])
        and ((period = 'due-period' and reminded_at is null) or (period = 'overdue-period' and overdue_notified_at is null))`.execute(db.db);
    return Number(left.rows[0]!.n) === 0;
  }, 20_000, 200);
  // A few more passes of both servers' jobs must add nothing.
  await new Promise((r) => setTimeout(r, 3_000));

  const audit = await db.db.selectFrom('audit_event').select(['action', 'entity_id']).where('action', 'in', ['project.report_reminded', 'project.report_overdue']).execute();
  assert.equal(audit.filter((a) => a.action === 'project.report_reminded').length, PROJECTS, 'one reminder audit record per due report');
  assert.equal(audit.filter((a) => a.action === 'project.report_overdue').length, PROJECTS, 'one overdue audit record per overdue report');
  assert.equal(new Set(audit.map((a) => a.entity_id)).size, 2 * PROJECTS, 'each report once');
  for (const r of reports) {
    const notes = await db.db.selectFrom('notification').innerJoin('account', 'account.id', 'notification.account_id').select('notification.kind').where('account.organization_id', '=', r.organizationId).execute();
    assert.equal(notes.filter((n) => n.kind === 'project.report_reminder').length, 1, `the applicant of ${r.applicationId} got one reminder`);
    assert.equal(notes.filter((n) => n.kind === 'project.report_overdue').length, 1, `and one overdue notice`);
  }
  const overdueToCity = await db.db.selectFrom('notification').select('id').where('kind', '=', 'project.report_overdue').where('link', 'in', ids.map((id) => `/projects/${id}`)).execute();
  const passes = servers.map((s) =>
    s
      .output()
      .split('\n')
      .filter((l) => l.includes('progress reminders sent'))
      .map((l) => JSON.parse(l) as { reminded: number; overdueNotified: number })
      .reduce((t, x) => ({ passes: t.passes + 1, reminded: t.reminded + x.reminded, overdue: t.overdue + x.overdueNotified }), { passes: 0, reminded: 0, overdue: 0 }),
  );
  console.log(`# reminders: ${PROJECTS} reminded, ${PROJECTS} overdue, ${overdueToCity.length} overdue notifications in all; work per server ${JSON.stringify(passes)}`);
  assert.equal(passes.reduce((n, x) => n + x.reminded, 0), PROJECTS, 'the servers’ logs add up to one reminder per report');
});

test('between both servers each e-mail is delivered once and each audit record sealed once; the chain verifies', async () => {
  await waitFor('the outbox to be sent', async () => {
    const pending = await db.db.selectFrom('email_outbox').select('id').where('status', '=', 'pending').execute();
    return pending.length === 0;
  }, 30_000, 250);
  const sent = await db.db.selectFrom('email_outbox').select(['to_address', 'status']).execute();
  assert.ok(sent.length >= 2 * PROJECTS, `mail was queued (${sent.length})`);
  assert.deepEqual([...new Set(sent.map((m) => m.status))], ['sent'], 'every message sent, none failed');
  const count = (list: string[]) => list.reduce<Record<string, number>>((t, a) => ({ ...t, [a]: (t[a] ?? 0) + 1 }), {});
  assert.deepEqual(count(sink.messages.flatMap((m) => m.to)), count(sent.map((m) => m.to_address)), 'the sink received each outbox message exactly once');

  const chain = await sealedAndVerified(p.deps, db.db);
  const seals = await sql<{ n: string; max: string; distinct_events: string }>`select count(*) as n, max(seal_no) as max, count(distinct event_id) as distinct_events from audit_seal`.execute(db.db);
  const events = await sql<{ n: string }>`select count(*) as n from audit_event`.execute(db.db);
  const row = seals.rows[0]!;
  assert.equal(row.n, events.rows[0]!.n, 'one seal per audit record');
  assert.equal(row.distinct_events, row.n, 'no record sealed twice');
  assert.equal(row.max, row.n, 'seal numbers 1..n without gaps');
  for (const s of servers) {
    assert.ok(s.alive(), `${s.name} still running`);
    assert.doesNotMatch(s.output(), /background job failed/, `${s.name}: no job failed`);
  }
  console.log(`# ${sent.length} e-mails delivered once each; ${chain.checked} audit records sealed once each; proxy hits ${JSON.stringify(proxy.hits)}`);
});
