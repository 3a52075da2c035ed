import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyBasisPoints, mulDivRoundHalfUp, sumFen } from '../../src/core/funding/money.ts';
import { formulaSubsidy, officerEnteredSubsidy, type FormulaSubsidy, type OfficerEnteredSubsidy } from '../../src/core/funding/subsidy.ts';
import { DomainError } from '../../src/core/errors.ts';

const def000 = JSON.parse(readFileSync(new URL('../../programs/hebei-2016-internet-plus.v1.json', import.meta.url), 'utf8')).subsidy as FormulaSubsidy;
const def003 = JSON.parse(readFileSync(new URL('../../programs/shandong-2018-platforms.v1.json', import.meta.url), 'utf8')).subsidy as OfficerEnteredSubsidy;

test('000: 20% of the eligible investment below the cap', () => {
  const r = formulaSubsidy(def000, 300_000_000); // 300万元
  assert.equal(r.awardFen, 60_000_000);
  assert.equal(r.explanation.capApplied, false);
  assert.equal(r.explanation.citation, '000 第十三条');
  assert.deepEqual(
    r.explanation.inputs.map((i) => [i.key, i.value]),
    [
      ['eligibleInvestmentFen', 300_000_000],
      ['rateBp', 2000],
      ['capFen', 100_000_000],
      ['cityMatchingRatioBp', null],
    ],
  );
});

test('000: exactly at the cap (5,000,000 yuan × 20% = 1,000,000 yuan)', () => {
  const r = formulaSubsidy(def000, 500_000_000);
  assert.equal(r.awardFen, 100_000_000);
  assert.equal(r.explanation.capApplied, false);
});

test('000: above the cap the award is the cap, 1,000,000 yuan', () => {
  // 500,000,001 fen × 20% = 100,000,000.2 → rounds to the cap itself, not above it
  assert.equal(formulaSubsidy(def000, 500_000_001).explanation.capApplied, false);
  const r = formulaSubsidy(def000, 500_000_003); // 100,000,000.6 → 100,000,001 > cap
  assert.equal(r.awardFen, 100_000_000);
  assert.equal(r.explanation.capApplied, true);
  assert.equal(r.explanation.steps[0]!.valueFen, 100_000_001);
  assert.equal(formulaSubsidy(def000, 2_000_000_000).awardFen, 100_000_000);
});

test('rounding half up to the fen', () => {
  // 20% of 12.34 fen-steps: 1 fen × 20% = 0.2 → 0; 3 fen → 0.6 → 1; 5 fen × 10% = 0.5 → 1 (half up)
  assert.equal(applyBasisPoints(1, 2000), 0);
  assert.equal(applyBasisPoints(3, 2000), 1);
  assert.equal(applyBasisPoints(5, 1000), 1);
  assert.equal(applyBasisPoints(15, 1000), 2);
  assert.equal(applyBasisPoints(14, 1000), 1);
  assert.equal(formulaSubsidy(def000, 12_345_677).awardFen, 2_469_135); // 2,469,135.4
  assert.equal(formulaSubsidy(def000, 12_345_678).awardFen, 2_469_136); // 2,469,135.6
  // exact beyond 2^53 / 10,000: BigInt keeps every fen
  assert.equal(mulDivRoundHalfUp(9_007_199_254_740_991, 5000, 10_000), 4_503_599_627_370_496);
  assert.throws(() => applyBasisPoints(1.5, 2000), RangeError);
  assert.throws(() => sumFen([Number.MAX_SAFE_INTEGER, 1]), RangeError);
});

test('city matching at an entered ratio when the source leaves it open (000)', () => {
  const r = formulaSubsidy(def000, 300_000_000, { cityMatchingRatioBp: 5000 });
  assert.deepEqual(r.cityMatching, { ratioBp: 5000, amountFen: 30_000_000, citation: '000 第十三条' });
  const open = formulaSubsidy(def000, 300_000_000);
  assert.equal(open.cityMatching?.amountFen, null);
  assert.equal(open.explanation.notes.length, 1, 'a note says the city sets its ratio');
  const fixedRatio = formulaSubsidy({ ...def000, cityMatching: { required: true, ratio: 3333, citation: '000 第十三条' } }, 100_001, { cityMatchingRatioBp: 9000 });
  assert.equal(fixedRatio.cityMatching?.ratioBp, 3333, "the definition's ratio wins");
  assert.equal(fixedRatio.cityMatching?.amountFen, applyBasisPoints(fixedRatio.awardFen, 3333));
});

test('003: the officer-entered award within 1,000万元, or 3,000万元 when listed as a national platform', () => {
  const ok = officerEnteredSubsidy(def003, { awardFen: 1_000_000_000, awardForm: 'reward' }, [false]);
  assert.equal(ok.awardFen, 1_000_000_000);
  assert.equal(ok.capFen, 1_000_000_000);
  assert.throws(
    () => officerEnteredSubsidy(def003, { awardFen: 1_000_000_001, awardForm: 'reward' }, [false]),
    (e: unknown) => e instanceof DomainError && e.code === 'award_above_cap' && e.fields[0]!.path === 'awardFen',
  );
  const raised = officerEnteredSubsidy(def003, { awardFen: 3_000_000_000, awardForm: 'equity' }, [true]);
  assert.equal(raised.capFen, 3_000_000_000);
  assert.equal(raised.explanation.citation, '003 四.1');
  assert.throws(() => officerEnteredSubsidy(def003, { awardFen: 3_000_000_001, awardForm: 'equity' }, [true]), DomainError);
  assert.throws(
    () => officerEnteredSubsidy({ ...def003, awardForms: ['reward'] }, { awardFen: 1, awardForm: 'equity' }, [false]),
    (e: unknown) => e instanceof DomainError && e.fields[0]!.path === 'awardForm',
  );
});
