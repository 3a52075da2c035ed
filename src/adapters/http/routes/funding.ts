/** The investment ledger, subsidy computation, tranches, city matching, disbursements and recoveries. */
import {
  createdId,
  disburseInput,
  fixSubsidyInput,
  fundsView,
  invoice,
  invoiceInput,
  invoiceParams,
  ledgerView,
  programLedger,
  programLedgerQuery,
  projectFundingParams,
  recoveryInput,
  recoveryParams,
  repaymentInput,
  trancheListQuery,
  trancheParams,
  tranchePage,
} from '../../../../contracts/funding.ts';
import { z } from 'zod';
import type { ProgramDefinition } from '../../../core/programs/definition.ts';
import type { FundsView, TrancheView } from '../../../use-cases/funding/funds.ts';
import { disburseTranche, getFunds, listTranches, programLedgers } from '../../../use-cases/funding/funds.ts';
import { addInvoice, deleteInvoice, getLedger, updateInvoice, type LedgerView } from '../../../use-cases/funding/invoices.ts';
import { recordRecovery, recordRepayment } from '../../../use-cases/funding/recovery.ts';
import type { InvoiceRow, RecoveryRow, SubsidyRow, TrancheRow } from '../../../use-cases/funding/rows.ts';
import { fixSubsidy } from '../../../use-cases/funding/subsidy.ts';
import { route, type RouteDef } from '../route.ts';

const tag = 'funding';
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const presentInvoice = (i: InvoiceRow) => ({
  id: i.id,
  applicationId: i.applicationId,
  number: i.number,
  issuedOn: i.issuedOn,
  sellerName: i.sellerName,
  sellerCreditCode: i.sellerCreditCode,
  amountFen: i.amountFen,
  taxFen: i.taxFen,
  category: i.category,
  note: i.note,
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});

const presentLedger = (v: LedgerView) => ({
  applicationId: v.applicationId,
  projectName: v.projectName,
  organizationName: v.organizationName,
  categories: v.categories,
  completionDate: v.completionDate,
  completionDateSource: v.completionDateSource,
  invoices: v.invoices.map(presentInvoice),
  investment: v.result,
  editable: v.editable,
});

const presentSubsidy = (s: SubsidyRow) => ({
  kind: s.kind,
  eligibleInvestmentFen: s.eligibleInvestmentFen,
  awardFen: s.awardFen,
  capFen: s.capFen,
  rateBp: s.rateBp,
  awardForm: s.awardForm,
  completionDate: s.completionDate,
  cityMatchingRatioBp: s.cityMatchingRatioBp,
  cityMatchingFen: s.cityMatchingFen,
  explanation: s.explanation as never,
  fixedByName: s.fixedByName,
  fixedAt: s.fixedAt.toISOString(),
});

const presentTranche = (t: TrancheRow & Pick<TrancheView, 'releasable' | 'blockedReason'>) => ({
  id: t.id,
  applicationId: t.applicationId,
  trancheCode: t.trancheCode,
  position: t.position,
  shareBp: t.shareBp,
  amountFen: t.amountFen,
  trigger: t.trigger,
  budgetYear: t.budgetYear,
  citation: t.citation,
  status: t.status,
  paidOn: t.paidOn,
  voucherNumber: t.voucherNumber,
  approvedByName: t.approvedByName,
  approvedAt: iso(t.approvedAt),
  releasable: t.releasable,
  blockedReason: t.blockedReason,
});

const presentRecovery = (r: RecoveryRow) => ({
  id: r.id,
  applicationId: r.applicationId,
  amountFen: r.amountFen,
  repaidFen: r.repaidFen,
  reason: r.reason,
  citation: r.citation,
  status: r.status,
  createdByName: r.createdByName,
  createdAt: r.createdAt.toISOString(),
  repayments: r.repayments.map((p) => ({ ...p, recordedAt: p.recordedAt.toISOString() })),
});

const presentRule = (rule: ProgramDefinition['subsidy'] | null) => {
  if (!rule) return null;
  if (rule.kind === 'none') return { kind: 'none' as const, capFen: null, rateBp: null, awardForms: [], cityMatching: null, tranches: [], raisedCaps: [], citation: null, reason: rule.reason };
  return {
    kind: rule.kind,
    capFen: rule.capFen,
    rateBp: rule.kind === 'formula' ? rule.rate : null,
    awardForms: rule.kind === 'officer_entered' ? rule.awardForms : [],
    cityMatching: rule.kind === 'formula' && rule.cityMatching ? { required: rule.cityMatching.required, ratioBp: rule.cityMatching.ratio ?? null, citation: rule.cityMatching.citation } : null,
    tranches: rule.tranches.map((t) => ({ id: t.id, share: t.share, shareSetByCall: t.shareSetByCall, trigger: t.trigger, budgetYear: t.budgetYear, citation: t.citation })),
    raisedCaps: rule.kind === 'officer_entered' ? rule.raisedCaps.map((r) => ({ capFen: r.capFen, message: r.message, citation: r.citation })) : [],
    citation: rule.citation,
    reason: null,
  };
};

const presentFunds = (v: FundsView) => ({
  applicationId: v.applicationId,
  projectName: v.projectName,
  organizationName: v.organizationName,
  projectStatus: v.projectStatus,
  rule: presentRule(v.rule),
  subsidy: v.subsidy ? presentSubsidy(v.subsidy) : null,
  tranches: v.tranches.map(presentTranche),
  recoveries: v.recoveries.map(presentRecovery),
  totals: v.totals,
  recoverableFen: v.recoverableFen,
});

export const fundingRoutes: RouteDef[] = [
  route({
    method: 'get',
    path: '/api/projects/:id/ledger',
    summary: '项目票据台账与实际投资额核计 / The invoice ledger with the eligible investment computed and explained',
    tag,
    access: 'signedIn',
    action: 'project.read',
    params: projectFundingParams,
    response: ledgerView,
    handler: async ({ deps, ctx, params }) => presentLedger(await getLedger(deps, ctx, params.id)),
  }),
  route({
    method: 'post',
    path: '/api/projects/:id/invoices',
    summary: '录入项目费用票据 / The project owner enters an invoice',
    tag,
    access: 'signedIn',
    action: 'project.report',
    params: projectFundingParams,
    body: invoiceInput,
    response: invoice,
    status: 201,
    handler: async ({ deps, ctx, params, body }) => presentInvoice(await addInvoice(deps, ctx, params.id, body)),
  }),
  route({
    method: 'put',
    path: '/api/projects/:id/invoices/:invoiceId',
    summary: '修改票据 / The project owner corrects an invoice (until the subsidy is fixed)',
    tag,
    access: 'signedIn',
    action: 'project.report',
    params: invoiceParams,
    body: invoiceInput,
    response: invoice,
    handler: async ({ deps, ctx, params, body }) => presentInvoice(await updateInvoice(deps, ctx, params.id, params.invoiceId, body)),
  }),
  route({
    method: 'delete',
    path: '/api/projects/:id/invoices/:invoiceId',
    summary: '删除票据 / The project owner removes an invoice (until the subsidy is fixed)',
    tag,
    access: 'signedIn',
    action: 'project.report',
    params: invoiceParams,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ deps, ctx, params }) => {
      await deleteInvoice(deps, ctx, params.id, params.invoiceId);
      return { ok: true as const };
    },
  }),
  route({
    method: 'get',
    path: '/api/projects/:id/funds',
    summary: '项目资金：补助核定、分期拨付、收回 / The subsidy with its computation, tranches, disbursements, recoveries and totals',
    tag,
    access: 'signedIn',
    action: 'project.read',
    params: projectFundingParams,
    response: fundsView,
    handler: async ({ deps, ctx, params }) => presentFunds(await getFunds(deps, ctx, params.id)),
  }),
  route({
    method: 'post',
    path: '/api/projects/:id/subsidy',
    summary: '核定补助金额并生成分期 / The province fixes the subsidy (computed, or entered within the cap) and plans its tranches',
    tag,
    access: 'signedIn',
    action: 'project.manage',
    params: projectFundingParams,
    body: fixSubsidyInput,
    response: fundsView,
    handler: async ({ deps, ctx, params, body }) => {
      await fixSubsidy(deps, ctx, params.id, body);
      return presentFunds(await getFunds(deps, ctx, params.id));
    },
  }),
  route({
    method: 'post',
    path: '/api/projects/:id/recoveries',
    summary: '登记应收回资金 / The province records an amount the enterprise must return',
    tag,
    access: 'signedIn',
    action: 'project.manage',
    params: projectFundingParams,
    body: recoveryInput,
    response: createdId,
    status: 201,
    handler: async ({ deps, ctx, params, body }) => ({
      id: await recordRecovery(deps, ctx, { applicationId: params.id, amountFen: body.amountFen, reason: { 'zh-CN': body.reason['zh-CN'], en: body.reason.en || body.reason['zh-CN'] }, citation: body.citation }),
    }),
  }),
  route({
    method: 'post',
    path: '/api/recoveries/:id/repayments',
    summary: '登记收回资金到账 / The finance officer records a repayment of a recovery',
    tag,
    access: 'signedIn',
    action: 'funds.disburse',
    params: recoveryParams,
    body: repaymentInput,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ deps, ctx, params, body }) => {
      await recordRepayment(deps, ctx, { recoveryId: params.id, ...body });
      return { ok: true as const };
    },
  }),
  route({
    method: 'get',
    path: '/api/disbursements',
    summary: '拨付批次（全省） / Tranches across the province for the finance officer, with whether each may go out now',
    tag,
    access: 'signedIn',
    action: 'funds.disburse',
    query: trancheListQuery,
    response: tranchePage,
    handler: async ({ deps, ctx, query }) => {
      const { rows, total } = await listTranches(deps, ctx, query);
      return {
        items: rows.map((r) => ({ ...presentTranche(r), projectName: r.projectName, organizationName: r.organizationName, cityName: r.cityName, programCode: r.programCode })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/tranches/:id/disbursement',
    summary: '审核并登记拨付 / The finance officer approves and records a tranche’s payment (date, voucher number) once its trigger holds',
    tag,
    access: 'signedIn',
    action: 'funds.disburse',
    params: trancheParams,
    body: disburseInput,
    response: z.object({ id: z.string(), status: z.enum(['planned', 'disbursed']), paidOn: z.string().nullable(), voucherNumber: z.string().nullable() }),
    handler: async ({ deps, ctx, params, body }) => {
      const t = await disburseTranche(deps, ctx, params.id, body);
      return { id: t.id, status: t.status, paidOn: t.paidOn, voucherNumber: t.voucherNumber };
    },
  }),
  route({
    method: 'get',
    path: '/api/funding/programs',
    summary: '计划资金台账 / Totals per program: committed, disbursed, recovered, outstanding',
    tag,
    access: 'signedIn',
    action: 'project.read',
    query: programLedgerQuery,
    response: programLedger,
    handler: async ({ deps, ctx, query }) => ({ items: await programLedgers(deps, ctx, query.programCode) }),
  }),
];
