import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addYears, banCovers, banInForce, banPeriod, rulesWithBan } from '../../src/core/oversight/ban.ts';
import type { Rule } from '../../src/core/programs/definition.ts';
import { evaluateRules } from '../../src/core/programs/rule-engine.ts';

describe('ban period', () => {
  it('runs two years from the decision date, expiring on the same date (not included)', () => {
    const p = banPeriod('2026-03-15', 2);
    assert.deepEqual(p, { fromDate: '2026-03-15', untilDate: '2028-03-15', lastDay: '2028-03-14' });
    assert.equal(banInForce(p, '2026-03-14'), false);
    assert.equal(banInForce(p, '2026-03-15'), true);
    assert.equal(banInForce(p, '2028-03-14'), true);
    assert.equal(banInForce(p, '2028-03-15'), false);
  });
  it('moves 29 February to 28 February in a common year; the day before a 1 March expiry over a leap day', () => {
    assert.equal(addYears('2028-02-29', 1), '2029-02-28');
    assert.equal(addYears('2028-02-29', 4), '2032-02-29');
    assert.equal(banPeriod('2026-03-01', 2).lastDay, '2028-02-29');
  });
  it('refuses a non-positive number of years', () => {
    assert.throws(() => banPeriod('2026-01-01', 0));
  });
  it('covers all programs or only its own', () => {
    assert.equal(banCovers({ scope: 'all_programs', programCode: null }, 'x'), true);
    assert.equal(banCovers({ scope: 'this_program', programCode: 'x' }, 'x'), true);
    assert.equal(banCovers({ scope: 'this_program', programCode: 'x' }, 'y'), false);
  });
});

describe('rulesWithBan', () => {
  const own: Rule = { id: 'not-banned', kind: 'exclusion', expression: 'applicant.bannedUntil == "" || applicant.bannedUntil < today', severity: 'block', message: { 'zh-CN': '禁', en: 'b' }, citation: '000 第十七条' };
  const def = (rules: Rule[]) => ({ code: 'p', version: 1, rules });

  it('adds a blocking rule with the ban citation when the program has none, and it blocks until the last day', () => {
    const d = rulesWithBan(def([]), { lastDay: '2028-03-14', citation: '000 第十七条' });
    assert.equal(d.rules.length, 1);
    const on = evaluateRules(d, { applicant: { bannedUntil: '2028-03-14' }, application: {}, today: '2028-03-14' });
    assert.equal(on.eligible, false);
    assert.equal(on.outcomes[0]!.citation, '000 第十七条');
    const after = evaluateRules(d, { applicant: { bannedUntil: '2028-03-14' }, application: {}, today: '2028-03-15' });
    assert.equal(after.eligible, true);
  });
  it('leaves a program with its own ban rule as it is, and adds nothing without a ban', () => {
    assert.equal(rulesWithBan(def([own]), { lastDay: '2028-03-14', citation: '000 第十七条' }).rules.length, 1);
    assert.equal(rulesWithBan(def([]), null).rules.length, 0);
  });
});
