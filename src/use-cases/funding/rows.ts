/**
 * What the funding use cases need from the database: the rows of the investment ledger (invoices),
 * the fixed subsidy, its tranches and disbursements, and recoveries (receivables) with their
 * repayments. Implemented in src/adapters/postgres/funding-repositories.ts. Money is integer fen.
 */
import type { Scope } from '../../core/access-policy.ts';
import type { Messages } from '../../core/errors.ts';
import type { ListQuery } from '../ports.ts';

export interface InvoiceRow {
  id: string;
  applicationId: string;
  number: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  sellerName: string;
  sellerCreditCode: string | null;
  amountFen: number;
  taxFen: number;
  category: string;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An invoice of another project (or program) that may be the same paper. */
export interface OtherInvoiceRow {
  id: string;
  applicationId: string;
  projectName: string;
  organizationName: string;
  programCode: string;
  number: string;
  sellerName: string;
  sellerCreditCode: string | null;
}

export interface SubsidyRow {
  applicationId: string;
  kind: 'formula' | 'officer_entered';
  eligibleInvestmentFen: number | null;
  awardFen: number;
  capFen: number;
  rateBp: number | null;
  awardForm: 'interest_subsidy' | 'reward' | 'equity' | null;
  completionDate: string | null;
  cityMatchingRatioBp: number | null;
  cityMatchingFen: number | null;
  /** The computation as shown: formula, inputs, citation (core/funding/subsidy.ts). */
  explanation: unknown;
  fixedBy: string | null;
  fixedByName: string | null;
  fixedAt: Date;
}

export type TrancheStatus = 'planned' | 'disbursed';

export interface TrancheRow {
  id: string;
  applicationId: string;
  trancheCode: string;
  position: number;
  shareBp: number;
  amountFen: number;
  trigger: 'selection' | 'agreement' | 'acceptance' | 'officer_decision';
  budgetYear: number;
  citation: string;
  status: TrancheStatus;
  /** YYYY-MM-DD */
  paidOn: string | null;
  voucherNumber: string | null;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: Date | null;
}

/** A tranche with its project, for the finance officer's list across the province. */
export interface TrancheListRow extends TrancheRow {
  projectName: string;
  organizationName: string;
  organizationPath: string[];
  cityName: string | null;
  programCode: string;
  applicationState: string;
}

export interface RecoveryRow {
  id: string;
  applicationId: string;
  amountFen: number;
  repaidFen: number;
  reason: Messages;
  citation: string | null;
  status: 'outstanding' | 'repaid';
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
  repayments: { id: string; amountFen: number; paidOn: string; voucherNumber: string; recordedByName: string | null; recordedAt: Date }[];
}

export interface ProgramLedgerRow {
  programCode: string;
  projects: number;
  committedFen: number;
  disbursedFen: number;
  recoverableFen: number;
  recoveredFen: number;
}

export interface FundingRepository {
  invoices(applicationId: string): Promise<InvoiceRow[]>;
  findInvoice(id: string): Promise<InvoiceRow | undefined>;
  insertInvoice(row: Omit<InvoiceRow, 'id' | 'createdAt' | 'updatedAt'>, now: Date): Promise<InvoiceRow>;
  updateInvoice(id: string, patch: Partial<Pick<InvoiceRow, 'number' | 'issuedOn' | 'sellerName' | 'sellerCreditCode' | 'amountFen' | 'taxFen' | 'category' | 'note'>>, now: Date): Promise<void>;
  deleteInvoice(id: string, now: Date): Promise<void>;
  /** Live invoices of other applications carrying one of these numbers (for the duplicate check). */
  invoicesWithNumbers(numbers: readonly string[], exceptApplicationId: string): Promise<OtherInvoiceRow[]>;
  /** Locks the application's funding for the rest of the transaction (subsidy, tranches, recoveries). */
  lock(applicationId: string): Promise<void>;
  subsidy(applicationId: string): Promise<SubsidyRow | undefined>;
  saveSubsidy(row: Omit<SubsidyRow, 'fixedByName'>): Promise<void>;
  tranches(applicationId: string): Promise<TrancheRow[]>;
  replaceTranches(applicationId: string, rows: Omit<TrancheRow, 'id' | 'applicationId' | 'status' | 'paidOn' | 'voucherNumber' | 'approvedBy' | 'approvedByName' | 'approvedAt'>[], now: Date): Promise<void>;
  findTranche(id: string): Promise<TrancheRow | undefined>;
  recordDisbursement(id: string, patch: { paidOn: string; voucherNumber: string; approvedBy: string }, now: Date): Promise<void>;
  listTranches(scope: Scope, q: ListQuery & { status?: TrancheStatus; q?: string; sort: 'budgetYear' | 'amountFen' | 'projectName' | 'paidOn' }): Promise<{ rows: TrancheListRow[]; total: number }>;
  /** Is this voucher number already used by a disbursement or a repayment? */
  voucherUsed(voucherNumber: string): Promise<boolean>;
  insertRecovery(row: { applicationId: string; amountFen: number; reason: Messages; citation: string | null; createdBy: string | null }, now: Date): Promise<string>;
  recoveries(applicationId: string): Promise<RecoveryRow[]>;
  findRecovery(id: string): Promise<RecoveryRow | undefined>;
  addRepayment(recoveryId: string, row: { amountFen: number; paidOn: string; voucherNumber: string; recordedBy: string }, now: Date): Promise<void>;
  /** Totals per program within the scope (committed = fixed awards). */
  programLedger(scope: Scope, programCode?: string): Promise<ProgramLedgerRow[]>;
}
