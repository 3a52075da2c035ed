/**
 * The eligible investment (实际投资额) from the project's invoices (项目费用票据), following 000 第十三条:
 * "实际投资额按项目期内近三年（含项目完成年度）产生的项目费用票据核计。项目费用主要指用于自动化设备购置与改造、
 * 信息化软硬件购置、系统开发与服务等方面的费用。"
 *
 * The rules, as implemented:
 * - Window. With `windowYears` = N and the completion year included, an invoice counts when dated
 *   from 1 January of (completion year − N + 1) to the completion date, both inclusive (000: 2018
 *   completion on 2018-10-31 → 2016-01-01 … 2018-10-31). Without the completion year the window is
 *   the N calendar years before it (1 January of year − N … 31 December of year − 1). An invoice
 *   after the completion date is outside the project period (项目期内) and excluded too.
 * - Category. Only the definition's categories count; any other is excluded with its reason.
 * - Amount. The amount before tax (金额) counts; the VAT (税额) is shown but not counted, since the
 *   enterprise deducts input VAT and it is not part of what the project cost it.
 * - Duplicates. The same invoice (same seller — the same credit code when both carry one, else the
 *   same name ignoring spaces and case — and the same number) in another project or program is
 *   flagged and excluded from every project it appears in, until the copies are resolved.
 */
import type { Messages } from '../errors.ts';
import { sumFen } from './money.ts';

export interface InvoiceInput {
  id: string;
  number: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  sellerName: string;
  sellerCreditCode: string | null;
  amountFen: number;
  taxFen: number;
  category: string;
}

export interface OtherInvoice {
  id: string;
  applicationId: string;
  projectName: string;
  programCode: string;
  number: string;
  sellerName: string;
  sellerCreditCode: string | null;
}

export interface InvestmentRule {
  windowYears: number;
  includesCompletionYear: boolean;
  categories: readonly { code: string; name: Messages }[];
  citation: string;
}

export type ExclusionCode = 'before_window' | 'after_completion' | 'category_not_eligible' | 'duplicate';

export interface InvoiceVerdict {
  invoiceId: string;
  included: boolean;
  countedFen: number;
  reasons: { code: ExclusionCode; messages: Messages }[];
  duplicates: { invoiceId: string; applicationId: string; projectName: string; programCode: string }[];
}

export interface InvestmentResult {
  window: { from: string; to: string };
  eligibleFen: number;
  excludedFen: number;
  verdicts: InvoiceVerdict[];
  explanation: {
    formula: Messages;
    rule: Messages;
    citation: string;
  };
}

/** The dates an invoice may carry: see the module comment. `completionDate` is YYYY-MM-DD. */
export function investmentWindow(rule: Pick<InvestmentRule, 'windowYears' | 'includesCompletionYear'>, completionDate: string): { from: string; to: string } {
  const year = Number(completionDate.slice(0, 4));
  if (rule.includesCompletionYear) return { from: `${year - rule.windowYears + 1}-01-01`, to: completionDate };
  return { from: `${year - rule.windowYears}-01-01`, to: `${year - 1}-12-31` };
}

const normalName = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** The same paper: same number and same seller (credit code when both carry one, else the name). */
export function sameInvoice(a: { number: string; sellerName: string; sellerCreditCode: string | null }, b: { number: string; sellerName: string; sellerCreditCode: string | null }): boolean {
  if (a.number.trim() !== b.number.trim()) return false;
  if (a.sellerCreditCode && b.sellerCreditCode) return a.sellerCreditCode.trim().toUpperCase() === b.sellerCreditCode.trim().toUpperCase();
  return normalName(a.sellerName) === normalName(b.sellerName);
}

export function eligibleInvestment(rule: InvestmentRule, completionDate: string, invoices: readonly InvoiceInput[], others: readonly OtherInvoice[]): InvestmentResult {
  const window = investmentWindow(rule, completionDate);
  const categories = new Map(rule.categories.map((c) => [c.code, c.name]));
  const verdicts = invoices.map((inv): InvoiceVerdict => {
    const reasons: InvoiceVerdict['reasons'] = [];
    if (inv.issuedOn < window.from) {
      reasons.push({
        code: 'before_window',
        messages: {
          'zh-CN': `开票日期 ${inv.issuedOn} 早于核计期起点 ${window.from}（近${rule.windowYears}年${rule.includesCompletionYear ? '，含项目完成年度' : ''}）`,
          en: `Dated ${inv.issuedOn}, before the window opens on ${window.from} (the last ${rule.windowYears} years${rule.includesCompletionYear ? ' including the completion year' : ''})`,
        },
      });
    } else if (inv.issuedOn > window.to) {
      reasons.push({
        code: 'after_completion',
        messages: {
          'zh-CN': `开票日期 ${inv.issuedOn} 晚于核计期终点 ${window.to}（项目期外）`,
          en: `Dated ${inv.issuedOn}, after the window closes on ${window.to} (outside the project period)`,
        },
      });
    }
    if (!categories.has(inv.category)) {
      reasons.push({
        code: 'category_not_eligible',
        messages: {
          'zh-CN': `费用类别「${inv.category}」不在可核计范围（${[...categories.values()].map((c) => c['zh-CN']).join('、')}）`,
          en: `Category "${inv.category}" is not one that counts (${[...categories.values()].map((c) => c.en).join(', ')})`,
        },
      });
    }
    const duplicates = others.filter((o) => sameInvoice(inv, o)).map((o) => ({ invoiceId: o.id, applicationId: o.applicationId, projectName: o.projectName, programCode: o.programCode }));
    if (duplicates.length > 0) {
      const where = duplicates.map((d) => `${d.projectName}（${d.programCode}）`).join('、');
      const whereEn = duplicates.map((d) => `${d.projectName} (${d.programCode})`).join(', ');
      reasons.push({
        code: 'duplicate',
        messages: {
          'zh-CN': `同一销售方、同一票据号码已计入其他项目：${where}`,
          en: `The same seller and invoice number is also entered for: ${whereEn}`,
        },
      });
    }
    const included = reasons.length === 0;
    return { invoiceId: inv.id, included, countedFen: included ? inv.amountFen : 0, reasons, duplicates };
  });
  const eligibleFen = sumFen(verdicts.map((v) => v.countedFen));
  const excludedFen = sumFen(invoices.filter((_, i) => !verdicts[i]!.included).map((inv) => inv.amountFen));
  return {
    window,
    eligibleFen,
    excludedFen,
    verdicts,
    explanation: {
      formula: {
        'zh-CN': `实际投资额 = Σ 核计期（${window.from} 至 ${window.to}）内、可核计类别的票据金额（不含税）`,
        en: `Eligible investment = Σ amounts before tax of invoices dated ${window.from} … ${window.to} in an eligible category`,
      },
      rule: {
        'zh-CN': `按项目期内近${rule.windowYears}年${rule.includesCompletionYear ? '（含项目完成年度）' : ''}产生的项目费用票据核计；同一销售方同一号码的票据重复计入其他项目的，暂不核计`,
        en: `Counted from project-cost invoices of the last ${rule.windowYears} years${rule.includesCompletionYear ? ' including the completion year' : ''}; an invoice also entered for another project is not counted until resolved`,
      },
      citation: rule.citation,
    },
  };
}
