/**
 * The scheduled side of implementation (issue 6 item 2, and the end of item 4): the applicant is reminded before a
 * progress report is due (the program's lead time), the city and the province are told once a report is overdue,
 * a rectification that ran out fails the project — each exactly once, however often (or in parallel) the job runs.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, shanghaiDate } from '../../src/core/calendar.ts';
import { sendProgressReminders } from '../../src/use-cases/implementation/reminders.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let callId = '';
const accounts: Record<string, string> = {};
const DAY = 86_400_000;

async function runningProject(name: string, reports: [string, string][]): Promise<{ id: string; applicantId: string }> {
  const org = await p.enterprise('130100', name);
  const applicant = await p.account('applicant', org.code);
  const call = (await p.deps.uow.read((r) => r.calls.findById(callId)))!;
  const id = await p.deps.uow.transaction(async (r) => {
    const now = p.clock.now();
    const x = await r.applications.insert({ callId, programId: call.programId, programVersion: call.programVersion, organizationId: org.id, state: 'selected', createdBy: '1', now });
    await r.applications.update(x, { projectName: `${name}智能工厂项目` }, now);
    await r.projects.ensure(x, now);
    await r.projects.setStatus(x, 'implementing', now);
    for (const [period, due] of reports) await r.projects.ensureReport(x, period, due, now);
    return x;
  });
  return { id, applicantId: applicant.id };
}

async function notices(accountId: string, kind: string) {
  const { rows } = await p.deps.uow.read((r) => r.notifications.list(accountId, { page: 1, pageSize: 100, order: 'desc', unreadOnly: false }));
  return rows.filter((n) => n.kind === kind);
}

async function audits(action: string) {
  return (await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 100, order: 'desc', action }))).rows;
}

before(async () => {
  p = await startPlatform({ programs: true });
  const province = p.client();
  const officer = await p.account('province_officer', '130000-miit');
  accounts.province = officer.id;
  await province.signIn(officer);
  accounts.city = (await p.account('city_officer', '130100')).id;
  accounts.otherCity = (await p.account('city_officer', '130200')).id;
  const call = await province.post('/api/calls', { programCode: 'hebei-2016-internet-plus', programVersion: 1, title: '2026年度试点示范', opensOn: '2026-03-01', deadlineDate: '2026-04-30' });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  callId = call.body.id;
});
after(() => p.close());

test('a report is reminded once, within the lead time before it is due; the city and the province are told once it is overdue', async () => {
  // The clock starts on 2026-03-02.
  const a = await runningProject('石家庄提醒测试甲公司', [
    ['2026Q1', '2026-03-31'],
    ['2026Q2', '2026-06-30'],
  ]);
  let run = await sendProgressReminders(p.deps);
  assert.deepEqual(run, { reminded: 0, overdueNotified: 0, rectificationsExpired: 0 }, '29 days before: too early');

  p.clock.advance(23 * DAY); // 2026-03-25: six days before 03-31
  const [one, two] = await Promise.all([sendProgressReminders(p.deps), sendProgressReminders(p.deps)]);
  assert.equal(one!.reminded + two!.reminded, 1, 'one reminder between two parallel runs');
  const reminders = await notices(a.applicantId, 'project.report_reminder');
  assert.equal(reminders.length, 1, JSON.stringify(reminders));
  assert.match(reminders[0]!.body['zh-CN'], /2026Q1进展报告请于2026年3月31日前报送/);
  assert.equal((await sendProgressReminders(p.deps)).reminded, 0, 'not again');
  const outbox = await p.deps.uow.read((r) => r.outbox.list({ page: 1, pageSize: 50, order: 'desc' }));
  assert.ok(outbox.rows.some((m) => m.subject.includes('季度进展报告即将到期')), 'and by e-mail');

  p.clock.advance(7 * DAY); // 2026-04-01: Q1 is overdue
  run = await sendProgressReminders(p.deps);
  assert.equal(run.overdueNotified, 1);
  assert.equal((await sendProgressReminders(p.deps)).overdueNotified, 0, 'told once');
  assert.equal((await notices(accounts.city!, 'project.report_overdue')).length, 1, 'the city');
  assert.equal((await notices(accounts.province!, 'project.report_overdue')).length, 1, 'the province department that runs the call');
  assert.equal((await notices(accounts.otherCity!, 'project.report_overdue')).length, 0, 'not another city');
  assert.equal((await notices(a.applicantId, 'project.report_overdue')).length, 1, 'and the applicant');
  assert.equal((await audits('project.report_reminded')).length, 1);
  assert.equal((await audits('project.report_overdue')).length, 1);
});

test('a submitted report is neither reminded nor overdue; a project not running is left alone', async () => {
  const b = await runningProject('石家庄提醒测试乙公司', [['2026Q2', '2026-06-30']]);
  const c = await runningProject('石家庄提醒测试丙公司', [['2026Q2', '2026-06-30']]);
  await p.deps.uow.transaction(async (r) => {
    const [report] = await r.projects.reports(b.id);
    await r.projects.updateReport(report!.id, { status: 'submitted', content: { milestones: [], spentFen: 0, problems: '' }, submittedAt: p.clock.now() }, p.clock.now());
    await r.projects.setStatus(c.id, 'revoked', p.clock.now());
  });
  p.clock.advance(85 * DAY); // 2026-06-25
  await sendProgressReminders(p.deps);
  assert.equal((await notices(b.applicantId, 'project.report_reminder')).length, 0, 'submitted');
  assert.equal((await notices(c.applicantId, 'project.report_reminder')).length, 0, 'revoked');
  p.clock.advance(10 * DAY);
  await sendProgressReminders(p.deps);
  assert.equal((await notices(b.applicantId, 'project.report_overdue')).length, 0);
  assert.equal((await notices(c.applicantId, 'project.report_overdue')).length, 0);
});

test('a rectification that runs out without a resubmission fails the project, once, with its audit record', async () => {
  const today = shanghaiDate(p.clock.now());
  const d = await runningProject('石家庄整改逾期公司', []);
  const e = await runningProject('石家庄整改未到期公司', []);
  await p.deps.uow.transaction(async (r) => {
    for (const [x, days] of [[d.id, 10], [e.id, 40]] as const) {
      const acc = await r.projects.insertAcceptance({ applicationId: x, round: 1, materials: [], note: null, requestedBy: null }, p.clock.now());
      const deadline = addDays(today, days);
      await r.projects.updateAcceptance(acc, { status: 'failed', rectificationDeadline: deadline }, p.clock.now());
      await r.projects.setStatus(x, 'rectifying', p.clock.now());
    }
  });
  p.clock.advance(10 * DAY); // the deadline day itself: still open
  assert.equal((await sendProgressReminders(p.deps)).rectificationsExpired, 0, 'the deadline day counts');
  p.clock.advance(DAY);
  assert.equal((await sendProgressReminders(p.deps)).rectificationsExpired, 1);
  assert.equal((await sendProgressReminders(p.deps)).rectificationsExpired, 0, 'once');
  const failed = await p.deps.uow.read((r) => r.projects.findByApplication(d.id));
  assert.equal(failed!.status, 'failed');
  assert.equal((await p.deps.uow.read((r) => r.projects.findByApplication(e.id)))!.status, 'rectifying', 'the other still has time');
  const events = await p.deps.uow.read((r) => r.projects.events(d.id));
  assert.ok(events.some((x) => x.kind === 'rectification_expired' && x.toStatus === 'failed'), JSON.stringify(events));
  const [audit] = await audits('project.rectification_expired');
  assert.equal((audit!.after as any).status, 'failed');
  assert.equal((await notices(d.applicantId, 'project.rectification_expired')).length, 1);
  assert.equal((await notices(accounts.province!, 'project.rectification_expired')).length, 1);
});
