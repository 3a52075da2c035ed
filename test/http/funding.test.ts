/**
 * Funding end to end over HTTP on a real database: the applicant's invoices (another organization's
 * refused), the ledger with exclusions and a duplicate flagged, the province fixing 000's subsidy
 * and tranches, the finance officer recording the first tranche (the second refused until the
 * project is accepted), a recovery receivable and its repayment, 003's officer-entered award
 * within its (raised) cap, and the audit records of each change.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createRecovery } from '../../src/use-cases/funding/recovery.ts';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let province: Client;
let finance: Client;
let applicant: Client;
let otherApplicant: Client;
let project = '';
let otherProject = '';

async function selectedApplication(callId: string, organizationId: string, name: string, formData: Record<string, Record<string, unknown>> = {}): Promise<string> {
  const call = (await p.deps.uow.read((r) => r.calls.findById(callId)))!;
  return p.deps.uow.transaction(async (r) => {
    const id = await r.applications.insert({ callId, programId: call.programId, programVersion: call.programVersion, organizationId, state: 'selected', createdBy: '1', now: p.clock.now() });
    await r.applications.update(id, { projectName: name, formData }, p.clock.now());
    await r.projects.ensure(id, p.clock.now());
    return id;
  });
}

async function audits(action: string, entityId?: string) {
  return (await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 50, order: 'desc', action, ...(entityId ? { entityId } : {}) }))).rows;
}

before(async () => {
  p = await startPlatform({ programs: true });
  province = p.client();
  await province.signIn(await p.account('province_officer', '130000-miit'));
  finance = p.client();
  await finance.signIn(await p.account('finance_officer', '130000-finance'));
  const sjz = await p.enterprise('130100', '石家庄智造有限公司');
  const ts = await p.enterprise('130200', '唐山钢铁智能有限公司');
  applicant = p.client();
  await applicant.signIn(await p.account('applicant', sjz.code));
  otherApplicant = p.client();
  await otherApplicant.signIn(await p.account('applicant', ts.code));
  const call = await province.post('/api/calls', { programCode: 'hebei-2016-internet-plus', programVersion: 1, title: '2026年河北省“互联网+”试点示范申报', opensOn: '2026-03-01', deadlineDate: '2026-04-30' });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  assert.equal((await province.post(`/api/calls/${call.body.id}/publish`)).status, 200);
  project = await selectedApplication(call.body.id, sjz.id, '智能车间改造');
  otherProject = await selectedApplication(call.body.id, ts.id, '炼钢数字化');
});
after(() => p.close());

const invoice = (over: Record<string, unknown> = {}) => ({
  number: '13001234',
  issuedOn: '2025-06-01',
  sellerName: '河北自动化设备有限公司',
  sellerCreditCode: '',
  amountFen: 200_000_000,
  taxFen: 26_000_000,
  category: 'automation-equipment',
  ...over,
});

test('the applicant enters its invoices; a wrong category is a field error; another organization is refused', async () => {
  const a = await applicant.post(`/api/projects/${project}/invoices`, invoice());
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.equal(a.body.sellerCreditCode, null);
  const b = await applicant.post(`/api/projects/${project}/invoices`, invoice({ number: '13005678', issuedOn: '2023-12-31', amountFen: 50_000_000 }));
  assert.equal(b.status, 201, JSON.stringify(b.body));
  const c = await applicant.post(`/api/projects/${project}/invoices`, invoice({ number: 'SW-2026-01', issuedOn: '2026-02-01', amountFen: 123_456_789, sellerName: '石家庄软件有限公司', category: 'system-development' }));
  assert.equal(c.status, 201, JSON.stringify(c.body));

  const bad = await applicant.post(`/api/projects/${project}/invoices`, invoice({ number: 'X1', category: 'office-rent' }));
  assert.equal(bad.status, 400, JSON.stringify(bad.body));
  assert.equal(bad.body.errors[0].path, 'category');
  assert.match(bad.body.errors[0].messages['zh-CN'], /^费用类别：须为 自动化设备购置与改造、/);
  const again = await applicant.post(`/api/projects/${project}/invoices`, invoice());
  assert.equal(again.status, 400, 'the same invoice twice in one project');
  assert.equal(again.body.errors[0].code, 'duplicate_in_project');

  assert.equal((await otherApplicant.post(`/api/projects/${project}/invoices`, invoice({ number: 'Z9' }))).status, 403);
  assert.equal((await otherApplicant.get(`/api/projects/${project}/ledger`)).status, 403);
  assert.equal((await province.post(`/api/projects/${project}/invoices`, invoice({ number: 'Z9' }))).status, 403, 'the province does not enter invoices');

  const created = await audits('funding.invoice.create', a.body.id);
  assert.equal(created.length, 1);
  assert.equal((created[0]!.after as { amountFen: number }).amountFen, 200_000_000);
});

test('the ledger explains what counts: outside the window excluded with its reason, a duplicate flagged in both projects', async () => {
  // 唐山's project enters the same paper (same seller, same number)
  const dup = await otherApplicant.post(`/api/projects/${otherProject}/invoices`, invoice({ sellerName: '河北自动化设备有限公司 ', amountFen: 10_000_000 }));
  assert.equal(dup.status, 201, JSON.stringify(dup.body));
  const otherLedger = await otherApplicant.get(`/api/projects/${otherProject}/ledger`);
  assert.equal(otherLedger.body.investment.verdicts[0].reasons[0].code, 'duplicate');
  assert.equal(otherLedger.body.investment.verdicts[0].duplicates[0].applicationId, project);

  const ledger = await applicant.get(`/api/projects/${project}/ledger`);
  assert.equal(ledger.status, 200, JSON.stringify(ledger.body));
  assert.equal(ledger.body.completionDate, '2026-03-02');
  assert.deepEqual(ledger.body.investment.window, { from: '2024-01-01', to: '2026-03-02' });
  const byNumber = Object.fromEntries(ledger.body.invoices.map((i: any, k: number) => [i.number, ledger.body.investment.verdicts[k]]));
  assert.equal(byNumber['13001234'].included, false);
  assert.equal(byNumber['13001234'].reasons[0].code, 'duplicate');
  assert.equal(byNumber['13005678'].reasons[0].code, 'before_window');
  assert.equal(byNumber['13005678'].reasons[0].messages['zh-CN'], '开票日期 2023-12-31 早于核计期起点 2024-01-01（近3年，含项目完成年度）');
  assert.equal(byNumber['SW-2026-01'].included, true);
  assert.equal(ledger.body.investment.eligibleFen, 123_456_789);
  assert.equal(ledger.body.investment.explanation.citation, '000 第十三条');
  assert.equal(ledger.body.editable, true);

  // resolved: 唐山 deletes its copy; the province's read of the ledger leaves an audit record
  assert.equal((await otherApplicant.delete(`/api/projects/${otherProject}/invoices/${dup.body.id}`)).status, 200);
  const read = await province.get(`/api/projects/${project}/ledger`);
  assert.equal(read.body.investment.eligibleFen, 323_456_789);
  assert.ok((await audits('funding.ledger.read', project)).length >= 1, 'the province read of the ledger is audited');
});

let tranches: any[] = [];

test('the province fixes the subsidy (20%, within the cap) with city matching and tranches that sum to it', async () => {
  assert.equal((await applicant.post(`/api/projects/${project}/subsidy`, {})).status, 403);
  assert.equal((await finance.post(`/api/projects/${project}/subsidy`, {})).status, 403);
  const fixed = await province.post(`/api/projects/${project}/subsidy`, { completionDate: '2026-02-28', cityMatchingRatioBp: 5000, shares: { 'on-selection': 6000 } });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
  const s = fixed.body.subsidy;
  // 323,456,789 fen × 20% = 64,691,357.8 → 64,691,358 (half up), below the 100万元 cap
  assert.equal(s.eligibleInvestmentFen, 323_456_789);
  assert.equal(s.awardFen, 64_691_358);
  assert.equal(s.cityMatchingFen, 32_345_679);
  assert.equal(s.explanation.citation, '000 第十三条');
  assert.equal(s.explanation.capApplied, false);
  tranches = fixed.body.tranches;
  assert.deepEqual(
    tranches.map((t: any) => [t.trancheCode, t.shareBp, t.amountFen, t.budgetYear, t.releasable]),
    [
      ['on-selection', 6000, 38_814_815, 2026, true],
      ['after-acceptance', 4000, 25_876_543, 2027, false],
    ],
  );
  assert.equal(tranches[0].amountFen + tranches[1].amountFen, s.awardFen);
  assert.equal(tranches[1].blockedReason['zh-CN'], '项目尚未验收合格');
  const audit = await audits('funding.subsidy.fix', project);
  assert.equal(audit.length, 1);
  assert.equal((audit[0]!.after as { awardFen: number }).awardFen, 64_691_358);

  const closed = await applicant.post(`/api/projects/${project}/invoices`, invoice({ number: 'LATE-1', issuedOn: '2026-02-20' }));
  assert.equal(closed.status, 409, 'the ledger is closed once the subsidy is fixed');
  assert.equal(closed.body.code, 'ledger_closed');
});

test('the finance officer records the first tranche; the second waits for acceptance', async () => {
  assert.equal((await province.post(`/api/tranches/${tranches[0].id}/disbursement`, { paidOn: '2026-03-02', voucherNumber: 'CZ-2026-001' })).status, 403);
  const list = await finance.get('/api/disbursements?status=planned&sort=budgetYear&order=asc');
  assert.equal(list.status, 200, JSON.stringify(list.body));
  assert.equal(list.body.total, 2);
  assert.deepEqual(list.body.items.map((t: any) => [t.projectName, t.releasable]), [
    ['智能车间改造', true],
    ['智能车间改造', false],
  ]);

  const future = await finance.post(`/api/tranches/${tranches[0].id}/disbursement`, { paidOn: '2026-03-09', voucherNumber: 'CZ-2026-001' });
  assert.equal(future.status, 400);
  assert.equal(future.body.errors[0].path, 'paidOn');
  const first = await finance.post(`/api/tranches/${tranches[0].id}/disbursement`, { paidOn: '2026-03-02', voucherNumber: 'CZ-2026-001' });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.status, 'disbursed');
  const twice = await finance.post(`/api/tranches/${tranches[0].id}/disbursement`, { paidOn: '2026-03-02', voucherNumber: 'CZ-2026-009' });
  assert.equal(twice.status, 409);

  const early = await finance.post(`/api/tranches/${tranches[1].id}/disbursement`, { paidOn: '2026-03-02', voucherNumber: 'CZ-2026-002' });
  assert.equal(early.status, 409, JSON.stringify(early.body));
  assert.equal(early.body.code, 'tranche_not_releasable');

  const refix = await province.post(`/api/projects/${project}/subsidy`, { completionDate: '2026-02-28' });
  assert.equal(refix.status, 409, 'no change to the award once money went out');

  await p.deps.uow.transaction((r) => r.projects.setStatus(project, 'accepted', p.clock.now()));
  const sameVoucher = await finance.post(`/api/tranches/${tranches[1].id}/disbursement`, { paidOn: '2026-03-02', voucherNumber: 'CZ-2026-001' });
  assert.equal(sameVoucher.status, 400);
  assert.equal(sameVoucher.body.errors[0].code, 'duplicate_voucher');
  const second = await finance.post(`/api/tranches/${tranches[1].id}/disbursement`, { paidOn: '2026-03-02', voucherNumber: 'CZ-2026-002' });
  assert.equal(second.status, 200, JSON.stringify(second.body));

  const audit = await audits('funding.tranche.disburse', tranches[0].id);
  assert.equal(audit.length, 1);
  assert.deepEqual(audit[0]!.before, { status: 'planned' });
  assert.equal((audit[0]!.after as { voucherNumber: string }).voucherNumber, 'CZ-2026-001');
});

test('a recovery is a receivable in the project and program ledgers until repaid', async () => {
  const tooMuch = await province.post(`/api/projects/${project}/recoveries`, { amountFen: 64_691_359, reason: { 'zh-CN': '超额' } });
  assert.equal(tooMuch.status, 409);
  assert.equal(tooMuch.body.code, 'recovery_exceeds_disbursed');
  const rec = await province.post(`/api/projects/${project}/recoveries`, { amountFen: 10_000_000, reason: { 'zh-CN': '部分票据不实，收回相应资金', en: 'Some invoices were false' }, citation: '000 第十六条' });
  assert.equal(rec.status, 201, JSON.stringify(rec.body));
  // the sanctions use case calls createRecovery inside its own transaction
  const direct = await p.deps.uow.transaction((r) =>
    createRecovery(p.deps, r, { actor: null, sessionId: null, ip: null, userAgent: null, requestId: null }, { applicationId: project, amountFen: 1_000_000, reason: { 'zh-CN': '撤销称号收回资金', en: 'Title revoked' }, citation: null }),
  );
  assert.match(direct, /^\d+$/);
  assert.equal((await audits('funding.recovery.create')).length, 2);

  assert.equal((await province.post(`/api/recoveries/${rec.body.id}/repayments`, { amountFen: 1, paidOn: '2026-03-02', voucherNumber: 'HK-1' })).status, 403);
  const over = await finance.post(`/api/recoveries/${rec.body.id}/repayments`, { amountFen: 10_000_001, paidOn: '2026-03-02', voucherNumber: 'HK-1' });
  assert.equal(over.status, 400);
  const paid = await finance.post(`/api/recoveries/${rec.body.id}/repayments`, { amountFen: 4_000_000, paidOn: '2026-03-02', voucherNumber: 'HK-1' });
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  assert.equal((await audits('funding.recovery.repay', rec.body.id)).length, 1);

  const funds = await applicant.get(`/api/projects/${project}/funds`);
  assert.equal(funds.status, 200, JSON.stringify(funds.body));
  assert.deepEqual(funds.body.totals, {
    committedFen: 64_691_358,
    disbursedFen: 64_691_358,
    undisbursedFen: 0,
    recoverableFen: 11_000_000,
    recoveredFen: 4_000_000,
    outstandingFen: 7_000_000,
    netFundedFen: 60_691_358,
  });
  assert.equal(funds.body.recoveries[0].status, 'outstanding');
  const programs = await province.get('/api/funding/programs');
  assert.equal(programs.status, 200, JSON.stringify(programs.body));
  const row = programs.body.items.find((x: any) => x.programCode === 'hebei-2016-internet-plus');
  assert.equal(row.committedFen, 64_691_358);
  assert.equal(row.outstandingFen, 7_000_000);
  const mine = await otherApplicant.get('/api/funding/programs');
  assert.deepEqual(mine.body.items, [], '唐山 sees only its own (it has no subsidy)');
});

test('003: the province enters the award within 1,000万元, or 3,000万元 for a listed national platform', async () => {
  const sd = p.client();
  await sd.signIn(await p.account('province_officer', '370000-miit'));
  const call = await sd.post('/api/calls', { programCode: 'shandong-2018-platforms', programVersion: 1, title: '山东“个十百”平台', opensOn: '2026-03-01', deadlineDate: '2026-04-30' });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  assert.equal((await sd.post(`/api/calls/${call.body.id}/publish`)).status, 200);
  const jn = await p.enterprise('370100', '济南平台科技');
  const plain = await selectedApplication(call.body.id, jn.id, '平台甲', { application: { listedNationalPlatform: false } });
  const listed = await selectedApplication(call.body.id, jn.id, '平台乙', { application: { listedNationalPlatform: true } });
  assert.equal((await province.post(`/api/projects/${plain}/subsidy`, { awardFen: 100, awardForm: 'reward' })).status, 403, 'Hebei may not fix a Shandong award');
  const above = await sd.post(`/api/projects/${plain}/subsidy`, { awardFen: 2_000_000_000, awardForm: 'reward' });
  assert.equal(above.status, 400, JSON.stringify(above.body));
  assert.equal(above.body.errors[0].path, 'awardFen');
  const ok = await sd.post(`/api/projects/${listed}/subsidy`, { awardFen: 2_000_000_000, awardForm: 'equity' });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.subsidy.capFen, 3_000_000_000);
  assert.equal(ok.body.subsidy.awardForm, 'equity');
  assert.deepEqual(ok.body.tranches.map((t: any) => [t.trancheCode, t.amountFen, t.releasable]), [['award', 2_000_000_000, true]]);
});
