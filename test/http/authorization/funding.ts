/** Recipes of the funding routes: a selected project each for 石家庄 (own) and 唐山 (other), with a tranche and a recovery. */
import type { RecipeModule, Target } from './world.ts';

export const fundingRecipes: RecipeModule = async (p, w) => {
  const call = (await p.deps.uow.read((r) => r.calls.findById(w.applicantSide.call)))!;
  const orgs: Record<Target, string> = { own: w.sjzEnterprise.id, other: w.tsEnterprise.id };
  const ids = {} as Record<Target, { app: string; invoice: string; tranche: string; recovery: string }>;
  for (const t of ['own', 'other'] as const) {
    ids[t] = await p.deps.uow.transaction(async (r) => {
      const app = await r.applications.insert({ callId: call.id, programId: call.programId, programVersion: call.programVersion, organizationId: orgs[t], state: 'selected', createdBy: w.actors.province_officer.account.id, now: p.clock.now() });
      await r.applications.update(app, { projectName: `授权测试资金项目（${t}）` }, p.clock.now());
      const invoice = await r.funding.insertInvoice(
        { applicationId: app, number: `AUTH-${t}`, issuedOn: '2026-01-05', sellerName: '授权测试销售方', sellerCreditCode: null, amountFen: 100_000, taxFen: 0, category: 'automation-equipment', note: null, createdBy: null },
        p.clock.now(),
      );
      await r.funding.replaceTranches(app, [{ trancheCode: 'on-selection', position: 1, shareBp: 10_000, amountFen: 20_000, trigger: 'selection', budgetYear: 2026, citation: '000 第十三条' }], p.clock.now());
      const [tranche] = await r.funding.tranches(app);
      const recovery = await r.funding.insertRecovery({ applicationId: app, amountFen: 1_000, reason: { 'zh-CN': '授权测试', en: 'Authorization test' }, citation: null, createdBy: null }, p.clock.now());
      return { app, invoice: invoice.id, tranche: tranche!.id, recovery };
    });
  }
  const path = (t: Target) => (t === 'own' ? w.sjzEnterprise.path : w.tsEnterprise.path);
  const invoiceBody = { number: 'AUTH-NEW', issuedOn: '2026-01-06', sellerName: '授权测试销售方', amountFen: 100, category: 'automation-equipment' };
  let voucher = 0;
  return {
    'get /api/projects/:id/ledger': { request: (_r, t) => ({ path: `/api/projects/${ids[t].app}/ledger` }), record: (_r, t) => path(t) },
    'post /api/projects/:id/invoices': { request: (_r, t) => ({ path: `/api/projects/${ids[t].app}/invoices`, body: invoiceBody }), record: (_r, t) => path(t) },
    'put /api/projects/:id/invoices/:invoiceId': {
      request: (_r, t) => ({ path: `/api/projects/${ids[t].app}/invoices/${ids[t].invoice}`, body: { ...invoiceBody, number: `AUTH-${t}` } }),
      record: (_r, t) => path(t),
    },
    'delete /api/projects/:id/invoices/:invoiceId': { request: (_r, t) => ({ path: `/api/projects/${ids[t].app}/invoices/${ids[t].invoice}` }), record: (_r, t) => path(t) },
    'get /api/projects/:id/funds': { request: (_r, t) => ({ path: `/api/projects/${ids[t].app}/funds` }), record: (_r, t) => path(t) },
    'post /api/projects/:id/subsidy': { request: (_r, t) => ({ path: `/api/projects/${ids[t].app}/subsidy`, body: { completionDate: '2026-03-01' } }), record: (_r, t) => path(t) },
    'post /api/projects/:id/recoveries': {
      request: (_r, t) => ({ path: `/api/projects/${ids[t].app}/recoveries`, body: { amountFen: 1, reason: { 'zh-CN': '授权测试', en: '' } } }),
      record: (_r, t) => path(t),
    },
    'post /api/recoveries/:id/repayments': {
      request: (_r, t) => ({ path: `/api/recoveries/${ids[t].recovery}/repayments`, body: { amountFen: 1, paidOn: '2026-03-01', voucherNumber: `AUTH-R-${++voucher}` } }),
      record: (_r, t) => path(t),
    },
    'get /api/disbursements': { request: () => ({ path: '/api/disbursements' }) },
    'post /api/tranches/:id/disbursement': {
      request: (_r, t) => ({ path: `/api/tranches/${ids[t].tranche}/disbursement`, body: { paidOn: '2026-03-01', voucherNumber: `AUTH-D-${++voucher}` } }),
      record: (_r, t) => path(t),
    },
    'get /api/funding/programs': { request: () => ({ path: '/api/funding/programs' }) },
  };
};
