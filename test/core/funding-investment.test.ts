import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eligibleInvestment, investmentWindow, sameInvoice, type InvestmentRule, type InvoiceInput } from '../../src/core/funding/investment.ts';
import { ledgerTotals, recoverableFen } from '../../src/core/funding/ledger.ts';

const rule: InvestmentRule = {
  windowYears: 3,
  includesCompletionYear: true,
  categories: [
    { code: 'automation-equipment', name: { 'zh-CN': '自动化设备购置与改造', en: 'Automation equipment purchase and retrofit' } },
    { code: 'it-hardware-software', name: { 'zh-CN': '信息化软硬件购置', en: 'IT hardware and software' } },
  ],
  citation: '000 第十三条',
};

const inv = (id: string, over: Partial<InvoiceInput> = {}): InvoiceInput => ({
  id,
  number: `N${id}`,
  issuedOn: '2017-05-01',
  sellerName: '石家庄某设备有限公司',
  sellerCreditCode: null,
  amountFen: 100_000,
  taxFen: 13_000,
  category: 'automation-equipment',
  ...over,
});

test('window: three years including the completion year, up to the completion date', () => {
  assert.deepEqual(investmentWindow(rule, '2018-10-31'), { from: '2016-01-01', to: '2018-10-31' });
  assert.deepEqual(investmentWindow({ windowYears: 3, includesCompletionYear: false }, '2018-10-31'), { from: '2015-01-01', to: '2017-12-31' });
});

test('an invoice outside the window is excluded with its reason; the rest counts before tax', () => {
  const r = eligibleInvestment(
    rule,
    '2018-10-31',
    [
      inv('1'),
      inv('2', { issuedOn: '2015-12-31' }),
      inv('3', { issuedOn: '2016-01-01', amountFen: 50_000 }),
      inv('4', { issuedOn: '2018-11-01' }),
      inv('5', { category: 'office-rent' }),
    ],
    [],
  );
  assert.deepEqual(r.verdicts.map((v) => v.included), [true, false, true, false, false]);
  assert.equal(r.eligibleFen, 150_000, 'amounts before tax of invoices 1 and 3');
  assert.equal(r.excludedFen, 300_000);
  assert.equal(r.verdicts[1]!.reasons[0]!.code, 'before_window');
  assert.equal(r.verdicts[1]!.reasons[0]!.messages['zh-CN'], '开票日期 2015-12-31 早于核计期起点 2016-01-01（近3年，含项目完成年度）');
  assert.equal(r.verdicts[3]!.reasons[0]!.code, 'after_completion');
  assert.equal(r.verdicts[4]!.reasons[0]!.code, 'category_not_eligible');
  assert.equal(r.explanation.citation, '000 第十三条');
});

test('a duplicate invoice (same seller and number in another project) is flagged and not counted', () => {
  const others = [
    { id: '90', applicationId: 'A2', projectName: '另一项目', programCode: 'hebei-2018-ii-plan', number: 'N1', sellerName: ' 石家庄某设备有限公司', sellerCreditCode: null },
    { id: '91', applicationId: 'A3', projectName: '第三项目', programCode: 'hebei-2016-internet-plus', number: 'N2', sellerName: '别的公司', sellerCreditCode: null },
  ];
  const r = eligibleInvestment(rule, '2018-10-31', [inv('1'), inv('2')], others);
  assert.equal(r.verdicts[0]!.included, false);
  assert.equal(r.verdicts[0]!.reasons[0]!.code, 'duplicate');
  assert.deepEqual(r.verdicts[0]!.duplicates, [{ invoiceId: '90', applicationId: 'A2', projectName: '另一项目', programCode: 'hebei-2018-ii-plan' }]);
  assert.equal(r.verdicts[1]!.included, true, 'same number from another seller is a different invoice');
  assert.equal(r.eligibleFen, 100_000);
});

test('same seller: the credit code decides when both invoices carry one', () => {
  const a = { number: '0001', sellerName: '甲公司', sellerCreditCode: '91130100MA0000000X' };
  assert.equal(sameInvoice(a, { number: '0001', sellerName: '甲公司（更名）', sellerCreditCode: '91130100ma0000000x' }), true);
  assert.equal(sameInvoice(a, { number: '0001', sellerName: '甲公司', sellerCreditCode: '911301000000000001' }), false);
  assert.equal(sameInvoice(a, { number: '0001', sellerName: '甲 公司', sellerCreditCode: null }), true);
  assert.equal(sameInvoice(a, { number: '0002', sellerName: '甲公司', sellerCreditCode: null }), false);
});

test('ledger totals and what may still be recovered', () => {
  const tranches = [
    { amountFen: 300, status: 'disbursed' },
    { amountFen: 700, status: 'planned' },
  ];
  const recoveries = [{ amountFen: 100, repaidFen: 40 }];
  assert.deepEqual(ledgerTotals(1000, tranches, recoveries), {
    committedFen: 1000,
    disbursedFen: 300,
    undisbursedFen: 700,
    recoverableFen: 100,
    recoveredFen: 40,
    outstandingFen: 60,
    netFundedFen: 260,
  });
  assert.equal(recoverableFen(tranches, recoveries), 200);
});
