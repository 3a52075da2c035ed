/**
 * The investment ledger (票据台账): the project owner enters its project-cost invoices; everyone who
 * may read the project sees each invoice counted or excluded with its reason, duplicates flagged,
 * and the eligible investment with its explanation (src/core/funding/investment.ts).
 */
import { shanghaiDate } from '../../core/calendar.ts';
import { DomainError, type FieldError, type Messages } from '../../core/errors.ts';
import { eligibleInvestment, sameInvoice, type InvestmentResult } from '../../core/funding/investment.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import { loadOrThrow } from '../applicants/common.ts';
import type { Deps, Repositories, RequestContext } from '../ports.ts';
import { recordAudit } from '../support.ts';
import { INVOICE, loadFunded, type FundedProject } from './common.ts';
import type { InvoiceRow } from './rows.ts';

export interface InvoiceInput {
  number: string;
  issuedOn: string;
  sellerName: string;
  sellerCreditCode: string | null;
  amountFen: number;
  taxFen: number;
  category: string;
  note: string | null;
}

export interface LedgerView {
  applicationId: string;
  projectName: string;
  organizationName: string;
  categories: { code: string; name: Messages }[];
  /** The date the window ends on: the fixed subsidy's, the acceptance date, or today. */
  completionDate: string;
  completionDateSource: 'subsidy' | 'accepted' | 'today';
  invoices: InvoiceRow[];
  result: InvestmentResult | null;
  /** The applicant may add and change invoices until the subsidy is fixed. */
  editable: boolean;
}

function investmentRule(definition: ProgramDefinition) {
  return definition.subsidy?.kind === 'formula' ? definition.subsidy.eligibleInvestment : null;
}

/** The completion date the window ends on (see LedgerView.completionDate). */
export async function completionDateOf(repos: Repositories, p: Pick<FundedProject, 'application' | 'project'>, now: Date): Promise<{ date: string; source: LedgerView['completionDateSource'] }> {
  const subsidy = await repos.funding.subsidy(p.application.id);
  if (subsidy?.completionDate) return { date: subsidy.completionDate, source: 'subsidy' };
  if (p.project?.acceptedAt) return { date: shanghaiDate(p.project.acceptedAt), source: 'accepted' };
  return { date: shanghaiDate(now), source: 'today' };
}

/** The eligible investment of a project's invoices up to a completion date. */
export async function computeInvestment(repos: Repositories, definition: ProgramDefinition, applicationId: string, completionDate: string): Promise<{ invoices: InvoiceRow[]; result: InvestmentResult | null }> {
  const invoices = await repos.funding.invoices(applicationId);
  const rule = investmentRule(definition);
  if (!rule) return { invoices, result: null };
  const others = await repos.funding.invoicesWithNumbers([...new Set(invoices.map((i) => i.number))], applicationId);
  return { invoices, result: eligibleInvestment(rule, completionDate, invoices, others) };
}

export async function getLedger(deps: Deps, ctx: RequestContext, applicationId: string): Promise<LedgerView> {
  return deps.uow.transaction(async (repos) => {
    const p = await loadFunded(repos, ctx, applicationId, 'project.read');
    if (p.acting.actor.organizationId !== p.application.organizationId) {
      await recordAudit(repos, ctx, deps.clock, { action: 'funding.ledger.read', entityType: 'application', entityId: p.application.id, organizationId: p.application.organizationId });
    }
    const completion = await completionDateOf(repos, p, deps.clock.now());
    const { invoices, result } = await computeInvestment(repos, p.definition, p.application.id, completion.date);
    const subsidy = await repos.funding.subsidy(p.application.id);
    return {
      applicationId: p.application.id,
      projectName: p.application.projectName,
      organizationName: p.application.organizationName,
      categories: investmentRule(p.definition)?.categories ?? [],
      completionDate: completion.date,
      completionDateSource: completion.source,
      invoices,
      result,
      editable: !subsidy && p.acting.actor.role === 'applicant',
    };
  });
}

const LABELS: Record<keyof InvoiceInput, Messages> = {
  number: { 'zh-CN': '票据号码', en: 'Invoice number' },
  issuedOn: { 'zh-CN': '开票日期', en: 'Invoice date' },
  sellerName: { 'zh-CN': '销售方', en: 'Seller' },
  sellerCreditCode: { 'zh-CN': '销售方统一社会信用代码', en: 'Seller credit code' },
  amountFen: { 'zh-CN': '金额', en: 'Amount' },
  taxFen: { 'zh-CN': '税额', en: 'Tax' },
  category: { 'zh-CN': '费用类别', en: 'Category' },
  note: { 'zh-CN': '备注', en: 'Note' },
};

const field = (path: keyof InvoiceInput, code: string, problem: Messages): FieldError => ({
  path,
  code,
  messages: { 'zh-CN': `${LABELS[path]['zh-CN']}：${problem['zh-CN']}`, en: `${LABELS[path].en}: ${problem.en}` },
});

async function check(repos: Repositories, p: FundedProject, input: InvoiceInput, today: string, exceptId: string | null): Promise<void> {
  const errors: FieldError[] = [];
  const rule = investmentRule(p.definition);
  if (rule && !rule.categories.some((c) => c.code === input.category)) {
    errors.push(field('category', 'invalid_category', { 'zh-CN': `须为 ${rule.categories.map((c) => c.name['zh-CN']).join('、')} 之一`, en: `must be one of ${rule.categories.map((c) => c.name.en).join(', ')}` }));
  }
  if (input.issuedOn > today) errors.push(field('issuedOn', 'in_future', { 'zh-CN': '不能晚于今天', en: 'cannot be after today' }));
  if (input.amountFen <= 0) errors.push(field('amountFen', 'not_positive', { 'zh-CN': '须大于零', en: 'must be above zero' }));
  const mine = await repos.funding.invoices(p.application.id);
  if (mine.some((i) => i.id !== exceptId && sameInvoice(i, input))) {
    errors.push(field('number', 'duplicate_in_project', { 'zh-CN': '本项目已录入同一销售方的同号票据', en: 'this project already has this seller’s invoice with this number' }));
  }
  if (errors.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '提交的内容有误，请按提示修改', en: 'Some fields need correcting' }, errors);
}

async function requireEditable(repos: Repositories, applicationId: string): Promise<void> {
  if (await repos.funding.subsidy(applicationId)) {
    throw new DomainError('conflict', 'ledger_closed', { 'zh-CN': '补助金额已核定，票据台账不能再修改', en: 'The subsidy is fixed: the invoice ledger can no longer change' });
  }
}

export async function addInvoice(deps: Deps, ctx: RequestContext, applicationId: string, input: InvoiceInput): Promise<InvoiceRow> {
  return deps.uow.transaction(async (repos) => {
    const p = await loadFunded(repos, ctx, applicationId, 'project.report', { lock: true });
    await requireEditable(repos, p.application.id);
    await check(repos, p, input, shanghaiDate(deps.clock.now()), null);
    const row = await repos.funding.insertInvoice({ applicationId: p.application.id, ...input, createdBy: p.acting.actor.accountId }, deps.clock.now());
    await recordAudit(repos, ctx, deps.clock, { action: 'funding.invoice.create', entityType: 'invoice', entityId: row.id, organizationId: p.application.organizationId, after: { applicationId: p.application.id, ...input } });
    return row;
  });
}

async function loadInvoice(repos: Repositories, ctx: RequestContext, applicationId: string, invoiceId: string) {
  const p = await loadFunded(repos, ctx, applicationId, 'project.report', { lock: true });
  const invoice = loadOrThrow(await repos.funding.findInvoice(invoiceId), INVOICE);
  if (invoice.applicationId !== p.application.id) loadOrThrow(undefined, INVOICE);
  return { p, invoice };
}

const auditable = (i: InvoiceRow) => ({ number: i.number, issuedOn: i.issuedOn, sellerName: i.sellerName, sellerCreditCode: i.sellerCreditCode, amountFen: i.amountFen, taxFen: i.taxFen, category: i.category, note: i.note });

export async function updateInvoice(deps: Deps, ctx: RequestContext, applicationId: string, invoiceId: string, input: InvoiceInput): Promise<InvoiceRow> {
  return deps.uow.transaction(async (repos) => {
    const { p, invoice } = await loadInvoice(repos, ctx, applicationId, invoiceId);
    await requireEditable(repos, p.application.id);
    await check(repos, p, input, shanghaiDate(deps.clock.now()), invoice.id);
    await repos.funding.updateInvoice(invoice.id, input, deps.clock.now());
    await recordAudit(repos, ctx, deps.clock, { action: 'funding.invoice.update', entityType: 'invoice', entityId: invoice.id, organizationId: p.application.organizationId, before: auditable(invoice), after: input });
    return (await repos.funding.findInvoice(invoice.id))!;
  });
}

export async function deleteInvoice(deps: Deps, ctx: RequestContext, applicationId: string, invoiceId: string): Promise<void> {
  await deps.uow.transaction(async (repos) => {
    const { p, invoice } = await loadInvoice(repos, ctx, applicationId, invoiceId);
    await requireEditable(repos, p.application.id);
    await repos.funding.deleteInvoice(invoice.id, deps.clock.now());
    await recordAudit(repos, ctx, deps.clock, { action: 'funding.invoice.delete', entityType: 'invoice', entityId: invoice.id, organizationId: p.application.organizationId, before: auditable(invoice) });
  });
}
