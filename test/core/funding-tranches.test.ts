import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planTranches, resolveShares, splitByShares, triggerHolds, type TrancheDefinition } from '../../src/core/funding/tranches.ts';
import { DomainError } from '../../src/core/errors.ts';

const defs000: TrancheDefinition[] = [
  { id: 'on-selection', share: 5000, shareSetByCall: true, trigger: 'selection', budgetYear: 'same', citation: '000 第十三条' },
  { id: 'after-acceptance', share: 'remainder', shareSetByCall: false, trigger: 'acceptance', budgetYear: 'next', citation: '000 第十三条' },
];

test('000: half on selection this year, the rest after acceptance in the next budget year', () => {
  const t = planTranches(defs000, 60_000_001, 2017);
  assert.deepEqual(
    t.map((x) => [x.trancheCode, x.shareBp, x.amountFen, x.budgetYear, x.trigger]),
    [
      ['on-selection', 5000, 30_000_001, 2017, 'selection'],
      ['after-acceptance', 5000, 30_000_000, 2018, 'acceptance'],
    ],
  );
});

test('the call sets the first share; other overrides are refused', () => {
  const t = planTranches(defs000, 100_000_000, 2017, { 'on-selection': 3000 });
  assert.deepEqual(t.map((x) => x.amountFen), [30_000_000, 70_000_000]);
  assert.throws(() => resolveShares(defs000, { 'after-acceptance': 2000 }), DomainError);
  assert.throws(() => resolveShares(defs000, { 'on-selection': 10_001 }), DomainError);
  assert.throws(() => resolveShares([{ ...defs000[0]!, share: 4000 }, { ...defs000[0]!, id: 'b', share: 4000 }]), DomainError, 'shares must reach 100% without a remainder');
});

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('property: tranches always sum exactly to the total, each within a fen of its exact share', () => {
  const r = rng(20161213);
  for (let run = 0; run < 5000; run++) {
    const total = run % 7 === 0 ? Math.floor(r() * 1000) : Math.floor(r() * 3_000_000_000);
    const k = 1 + Math.floor(r() * 5);
    // random shares summing to 10,000 bp
    const cuts = Array.from({ length: k - 1 }, () => Math.floor(r() * 10_001)).sort((a, b) => a - b);
    const shares = [...cuts, 10_000].map((c, i) => c - (i === 0 ? 0 : cuts[i - 1]!));
    const amounts = splitByShares(total, shares);
    const sum = amounts.reduce((a, b) => a + b, 0);
    assert.equal(sum, total, `run ${run}: ${JSON.stringify({ total, shares, amounts })}`);
    amounts.forEach((a, i) => {
      const exact = (total * shares[i]!) / 10_000;
      assert.ok(Math.abs(a - exact) < 1 + 1e-6, `run ${run}: tranche ${i} is ${a}, exact ${exact}`);
      assert.ok(Number.isInteger(a) && a >= 0, `run ${run}: tranche ${i} is a whole number of fen`);
    });
    // through the definition path too, with a remainder tranche and a call-set first share
    const first = Math.floor(r() * 10_001);
    const planned = planTranches(defs000, total, 2020, { 'on-selection': first });
    assert.equal(planned[0]!.amountFen + planned[1]!.amountFen, total, `run ${run}: planned tranches sum to the total`);
  }
});

test('trigger: the acceptance tranche only once the project is accepted; nothing for a revoked project', () => {
  const base = { applicationSelected: true, agreementSigned: false };
  assert.equal(triggerHolds('selection', { ...base, projectStatus: 'implementing' }).holds, true);
  assert.equal(triggerHolds('selection', { ...base, projectStatus: null }).holds, true);
  assert.equal(triggerHolds('acceptance', { ...base, projectStatus: 'initial_accepted' }).holds, false);
  assert.equal(triggerHolds('acceptance', { ...base, projectStatus: 'accepted' }).holds, true);
  assert.equal(triggerHolds('selection', { ...base, projectStatus: 'revoked' }).holds, false);
  assert.equal(triggerHolds('agreement', { ...base, projectStatus: 'implementing' }).holds, false);
  assert.equal(triggerHolds('selection', { applicationSelected: false, agreementSigned: false, projectStatus: null }).holds, false);
});
