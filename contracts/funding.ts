/** Funding: the investment ledger (invoices), the subsidy, tranches, disbursements, recoveries, ledgers. Money in integer fen. */
import { z } from 'zod';
import { id, listQuery, messages, pageOf } from './common.ts';

const isoDate = z.iso.date({ error: 'date' });
const fen = z.number().int({ error: 'money' }).min(0).max(9_000_000_000_000_000);
const bp = z.number().int().min(0).max(10_000);
const text = (max: number) => z.string().trim().min(1).max(max);

export const projectFundingParams = z.object({ id });
export const invoiceParams = z.object({ id, invoiceId: id });
export const trancheParams = z.object({ id });
export const recoveryParams = z.object({ id });

export const invoiceInput = z.object({
  number: text(50),
  issuedOn: isoDate,
  sellerName: text(200),
  sellerCreditCode: z
    .preprocess((v) => (v === '' || v === undefined ? null : v), z.string().trim().toUpperCase().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { error: 'creditCode' }).nullable())
    .default(null),
  amountFen: fen,
  taxFen: fen.default(0),
  category: text(60),
  note: z.string().trim().max(500).nullable().default(null),
});
export type InvoiceInputBody = z.infer<typeof invoiceInput>;

export const invoice = z.object({
  id,
  applicationId: id,
  number: z.string(),
  issuedOn: z.string(),
  sellerName: z.string(),
  sellerCreditCode: z.string().nullable(),
  amountFen: z.number().int(),
  taxFen: z.number().int(),
  category: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const invoiceVerdict = z.object({
  invoiceId: id,
  included: z.boolean(),
  countedFen: z.number().int(),
  reasons: z.array(z.object({ code: z.enum(['before_window', 'after_completion', 'category_not_eligible', 'duplicate']), messages })),
  duplicates: z.array(z.object({ invoiceId: id, applicationId: id, projectName: z.string(), programCode: z.string() })),
});

export const ledgerView = z.object({
  applicationId: id,
  projectName: z.string(),
  organizationName: z.string(),
  categories: z.array(z.object({ code: z.string(), name: messages })),
  completionDate: z.string(),
  completionDateSource: z.enum(['subsidy', 'accepted', 'today']),
  invoices: z.array(invoice),
  investment: z
    .object({
      window: z.object({ from: z.string(), to: z.string() }),
      eligibleFen: z.number().int(),
      excludedFen: z.number().int(),
      verdicts: z.array(invoiceVerdict),
      explanation: z.object({ formula: messages, rule: messages, citation: z.string() }),
    })
    .nullable(),
  editable: z.boolean(),
});

export const explanation = z.object({
  formula: messages,
  inputs: z.array(z.object({ key: z.string(), label: messages, value: z.union([z.number(), z.string(), z.boolean(), z.null()]), unit: z.enum(['fen', 'bp', 'date', 'text', 'bool']) })),
  steps: z.array(z.object({ label: messages, valueFen: z.number().int() })),
  rounding: messages,
  citation: z.string(),
  capApplied: z.boolean(),
  notes: z.array(messages),
});

export const awardForm = z.enum(['interest_subsidy', 'reward', 'equity']);

export const fixSubsidyInput = z.object({
  completionDate: isoDate.optional(),
  cityMatchingRatioBp: bp.nullable().optional(),
  shares: z.record(z.string().max(60), bp).optional(),
  awardFen: fen.optional(),
  awardForm: awardForm.optional(),
});

export const subsidy = z.object({
  kind: z.enum(['formula', 'officer_entered']),
  eligibleInvestmentFen: z.number().int().nullable(),
  awardFen: z.number().int(),
  capFen: z.number().int(),
  rateBp: z.number().int().nullable(),
  awardForm: awardForm.nullable(),
  completionDate: z.string().nullable(),
  cityMatchingRatioBp: z.number().int().nullable(),
  cityMatchingFen: z.number().int().nullable(),
  explanation,
  fixedByName: z.string().nullable(),
  fixedAt: z.string(),
});

export const trancheStatus = z.enum(['planned', 'disbursed']);
export const trancheTrigger = z.enum(['selection', 'agreement', 'acceptance', 'officer_decision']);

export const tranche = z.object({
  id,
  applicationId: id,
  trancheCode: z.string(),
  position: z.number().int(),
  shareBp: z.number().int(),
  amountFen: z.number().int(),
  trigger: trancheTrigger,
  budgetYear: z.number().int(),
  citation: z.string(),
  status: trancheStatus,
  paidOn: z.string().nullable(),
  voucherNumber: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  releasable: z.boolean(),
  blockedReason: messages.nullable(),
});

export const recovery = z.object({
  id,
  applicationId: id,
  amountFen: z.number().int(),
  repaidFen: z.number().int(),
  reason: messages,
  citation: z.string().nullable(),
  status: z.enum(['outstanding', 'repaid']),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  repayments: z.array(z.object({ id, amountFen: z.number().int(), paidOn: z.string(), voucherNumber: z.string(), recordedByName: z.string().nullable(), recordedAt: z.string() })),
});

export const ledgerTotals = z.object({
  committedFen: z.number().int(),
  disbursedFen: z.number().int(),
  undisbursedFen: z.number().int(),
  recoverableFen: z.number().int(),
  recoveredFen: z.number().int(),
  outstandingFen: z.number().int(),
  netFundedFen: z.number().int(),
});

/** The definition's subsidy rule as the form needs it. */
export const subsidyRule = z.object({
  kind: z.enum(['none', 'formula', 'officer_entered']),
  capFen: z.number().int().nullable(),
  rateBp: z.number().int().nullable(),
  awardForms: z.array(awardForm),
  cityMatching: z.object({ required: z.boolean(), ratioBp: z.number().int().nullable(), citation: z.string() }).nullable(),
  tranches: z.array(z.object({ id: z.string(), share: z.union([z.number().int(), z.literal('remainder')]), shareSetByCall: z.boolean(), trigger: trancheTrigger, budgetYear: z.enum(['same', 'next']), citation: z.string() })),
  raisedCaps: z.array(z.object({ capFen: z.number().int(), message: messages, citation: z.string() })),
  citation: z.string().nullable(),
  reason: z.string().nullable(),
});

export const fundsView = z.object({
  applicationId: id,
  projectName: z.string(),
  organizationName: z.string(),
  projectStatus: z.string().nullable(),
  rule: subsidyRule.nullable(),
  subsidy: subsidy.nullable(),
  tranches: z.array(tranche),
  recoveries: z.array(recovery),
  totals: ledgerTotals,
  recoverableFen: z.number().int(),
});

export const disburseInput = z.object({ paidOn: isoDate, voucherNumber: text(60) });

export const recoveryInput = z.object({ amountFen: fen, reason: z.object({ 'zh-CN': text(1000), en: z.string().trim().max(1000).default('') }), citation: z.string().trim().max(100).nullable().default(null) });
export const repaymentInput = z.object({ amountFen: fen, paidOn: isoDate, voucherNumber: text(60) });
export const createdId = z.object({ id });

export const trancheListQuery = listQuery.extend({
  status: trancheStatus.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['budgetYear', 'amountFen', 'projectName', 'paidOn']).default('budgetYear'),
});
export const trancheListItem = tranche.extend({
  projectName: z.string(),
  organizationName: z.string(),
  cityName: z.string().nullable(),
  programCode: z.string(),
});
export const tranchePage = pageOf(trancheListItem);

export const programLedgerQuery = z.object({ programCode: z.string().max(100).optional() });
export const programLedger = z.object({
  items: z.array(ledgerTotals.extend({ programCode: z.string(), projects: z.number().int() })),
});
