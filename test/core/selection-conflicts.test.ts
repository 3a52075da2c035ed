import assert from 'node:assert/strict';
import { test } from 'node:test';
import { latestVersions, readProgramFiles } from '../../src/adapters/programs/files.ts';
import { autoConflicts, conflictOptions, pairKey, type ConflictApplication, type ConflictExpert } from '../../src/core/selection/conflicts.ts';

const expert = (over: Partial<ConflictExpert> & { id: string }): ConflictExpert => ({ declaredOrganizationIds: [], declaredCreditCodes: [], ...over });
const CODE_A = '91130100MA0CQ1234X';
const applications: ConflictApplication[] = [
  { id: 'app1', organizationId: 'orgA', creditCode: CODE_A, cityCode: '130100' },
  { id: 'app2', organizationId: 'orgB', creditCode: '91130200MA0CQ5678Y', cityCode: '130200' },
  { id: 'app3', organizationId: 'orgC', creditCode: '91130100MA0CQ9999Z', cityCode: '130100' },
];
const codes = (m: ReturnType<typeof autoConflicts>, e: string, a: string) => m.get(pairKey(e, a))?.map((r) => r.code);

test('same organization, same credit code and declared relations are conflicts, each with its reason', () => {
  const m = autoConflicts(
    [
      expert({ id: 'e1', organizationId: 'orgA', creditCode: CODE_A }),
      expert({ id: 'e2', creditCode: ` ${CODE_A.toLowerCase()} ` }), // compared trimmed and upper-cased
      expert({ id: 'e3', organizationId: 'orgZ', declaredOrganizationIds: ['orgB'], declaredCreditCodes: ['91130100MA0CQ9999Z'] }),
      expert({ id: 'e4', organizationId: 'orgZ', cityCode: '130100' }),
    ],
    applications,
    { sameCity: false },
  );
  assert.deepEqual([...m.keys()], ['e1|app1', 'e2|app1', 'e3|app2', 'e3|app3']);
  assert.deepEqual(codes(m, 'e1', 'app1'), ['same_organization', 'same_credit_code']);
  assert.deepEqual(codes(m, 'e2', 'app1'), ['same_credit_code']);
  assert.deepEqual(codes(m, 'e3', 'app2'), ['declared_organization']);
  assert.deepEqual(codes(m, 'e3', 'app3'), ['declared_credit_code']);
  assert.deepEqual(m.get('e1|app1')![0]!.messages, { 'zh-CN': '专家与申报单位为同一单位', en: 'The expert works for the applicant' });
  assert.equal(m.get('e1|app1')![0]!.citation, null);
});

test('same city counts only when the program says so, with its citation', () => {
  const experts = [expert({ id: 'e4', organizationId: 'orgA', cityCode: '130100' })];
  const m = autoConflicts(experts, applications, { sameCity: true, citation: '000 第七条（二）' });
  assert.deepEqual([...m.keys()], ['e4|app1', 'e4|app3']);
  assert.deepEqual(codes(m, 'e4', 'app1'), ['same_organization', 'same_city']);
  assert.deepEqual(m.get('e4|app3'), [{ code: 'same_city', messages: { 'zh-CN': '专家与申报单位属同一地市，按本项目规定回避', en: 'The expert is from the applicant’s city, which this program excludes' }, citation: '000 第七条（二）' }]);
  assert.deepEqual([...autoConflicts(experts, applications, { sameCity: false }).keys()], ['e4|app1']);
});

test('the program’s own setting: none of the five real programs excludes same-city experts', () => {
  const definitions = latestVersions(readProgramFiles());
  assert.equal(definitions.length, 5);
  for (const d of definitions) assert.deepEqual(conflictOptions(d), { sameCity: false, citation: null }, d.code);
});

test('a declaration repeated or matching the own organization gives each reason once; empty codes match nothing', () => {
  const m = autoConflicts(
    [expert({ id: 'e1', organizationId: 'orgA', creditCode: '', declaredOrganizationIds: ['orgA', 'orgA'], declaredCreditCodes: ['', CODE_A, CODE_A] })],
    [...applications, { id: 'app4', organizationId: 'orgD', creditCode: '', cityCode: '130300' }],
    { sameCity: false },
  );
  assert.deepEqual([...m.keys()], ['e1|app1']);
  assert.deepEqual(codes(m, 'e1', 'app1'), ['same_organization', 'declared_organization', 'declared_credit_code']);
});

test('5,000 experts × 800 applications: the indexed lookup finds exactly the expected pairs, quickly', () => {
  const cities = Array.from({ length: 11 }, (_, i) => `13${String(i + 1).padStart(2, '0')}00`);
  const apps: ConflictApplication[] = Array.from({ length: 800 }, (_, i) => ({ id: `a${i}`, organizationId: `org${i}`, creditCode: `CC${i}`, cityCode: cities[i % 11]! }));
  const experts: ConflictExpert[] = Array.from({ length: 5000 }, (_, i) =>
    expert({ id: `e${i}`, organizationId: i % 10 === 0 ? `org${i % 800}` : `other${i}`, cityCode: cities[i % 11]!, declaredCreditCodes: i % 7 === 0 ? [`CC${(i * 3) % 800}`] : [] }),
  );
  const started = performance.now();
  const m = autoConflicts(experts, apps, { sameCity: true });
  const elapsed = performance.now() - started;
  // Expected by brute force over the rules, counted without building keys.
  let same = 0;
  for (const e of experts) for (const a of apps) if (e.cityCode === a.cityCode || e.organizationId === a.organizationId || e.declaredCreditCodes.includes(a.creditCode)) same += 1;
  assert.equal(m.size, same);
  assert.deepEqual(codes(m, 'e0', 'a0'), ['same_organization', 'declared_credit_code', 'same_city']);
  // A generous bound against a quadratic regression (typically well under a second).
  assert.ok(elapsed < 4000, `took ${Math.round(elapsed)} ms`);
});
