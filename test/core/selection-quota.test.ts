import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { PROGRAMS_DIR, readProgramFile } from '../../src/adapters/programs/files.ts';
import type { ProgramDefinition } from '../../src/core/programs/definition.ts';
import { categoryLabel, checkRecommendation, remainingQuota, type RecommendedItem } from '../../src/core/selection/quota.ts';

const load = (file: string): ProgramDefinition => {
  const f = readProgramFile(path.join(PROGRAMS_DIR, file));
  assert.deepEqual(f.problems, []);
  return f.definition!;
};
// 001 四.4: quotas per city from the call's table (附件1), at most one municipal comprehensive platform per city.
const hebei2021 = load('hebei-2021-ii-key-projects.v1.json');
const SHIJIAZHUANG = '130100';
const TANGSHAN = '130200';
const quotaTable = { [SHIJIAZHUANG]: 3, [TANGSHAN]: 2 };
const items = (...categories: (string | null)[]): RecommendedItem[] => categories.map((category, i) => ({ applicationId: `a${i + 1}`, category }));

test('within the quota and with one municipal comprehensive platform the list passes', () => {
  const recommended = items('mode-application', 'municipal-comprehensive-platform', 'experience-center');
  assert.deepEqual(checkRecommendation(hebei2021, { cityCode: SHIJIAZHUANG, quotaTable, recommended }), []);
  const status = remainingQuota(hebei2021, { cityCode: SHIJIAZHUANG, quotaTable, recommended: recommended.slice(0, 2) });
  assert.deepEqual(status.city, { limit: 3, source: 'call', used: 2, remaining: 1, citation: '001 四.4' });
  assert.equal(status.categories[0]!.category, 'municipal-comprehensive-platform');
  assert.equal(status.categories[0]!.used, 1);
  assert.equal(status.categories[0]!.remaining, 0);
});

test('a second municipal comprehensive platform in one city is refused, citing 001 四.4', () => {
  const recommended = items('municipal-comprehensive-platform', 'municipal-comprehensive-platform');
  const v = checkRecommendation(hebei2021, { cityCode: SHIJIAZHUANG, quotaTable, recommended });
  assert.equal(v.length, 1);
  assert.equal(v[0]!.code, 'category_per_city_exceeded');
  assert.equal(v[0]!.citation, '001 四.4');
  assert.deepEqual(v[0]!.applicationIds, ['a1', 'a2']);
  // The category's name comes from the option of the definition's form.
  assert.equal(categoryLabel(hebei2021, 'municipal-comprehensive-platform')['zh-CN'], '市级工业互联网综合平台（附件3；每市限推荐1个）');
  assert.equal(v[0]!.messages['zh-CN'], '“市级工业互联网综合平台（附件3；每市限推荐1个）”每个地区限推荐 1 项，现为 2 项');
  assert.equal(v[0]!.messages.en, 'At most 1 “Municipal comprehensive platform (attachment 3; at most 1 per city)” per recommending unit; the list has 2');
  // Another city may still recommend its own.
  assert.deepEqual(checkRecommendation(hebei2021, { cityCode: TANGSHAN, quotaTable, recommended: items('municipal-comprehensive-platform') }), []);
});

test('over the city’s quota: counted once per application, citing the quota clause', () => {
  const v = checkRecommendation(hebei2021, { cityCode: TANGSHAN, quotaTable, recommended: items('mode-application', 'mode-application', 'experience-center') });
  assert.deepEqual(
    v.map((x) => [x.code, x.limit, x.count, x.citation]),
    [['city_quota_exceeded', 2, 3, '001 四.4']],
  );
  assert.equal(v[0]!.messages['zh-CN'], '推荐 3 项，超出本地区推荐指标 2 项');
  assert.equal(v[0]!.messages.en, "3 recommended, over this unit's quota of 2");
});

test('a city with no number in an editable table may not recommend until the province enters it', () => {
  const v = checkRecommendation(hebei2021, { cityCode: '130300', quotaTable, recommended: items('mode-application') });
  assert.deepEqual(
    v.map((x) => x.code),
    ['city_quota_not_set'],
  );
  assert.equal(v[0]!.citation, '001 四.4');
  assert.equal(remainingQuota(hebei2021, { cityCode: '130300', quotaTable, recommended: [] }).city?.limit, null);
});

test('the same application twice is reported and counted once', () => {
  const recommended = [
    { applicationId: 'a1', category: 'mode-application' },
    { applicationId: 'a1', category: 'mode-application' },
  ];
  const v = checkRecommendation(hebei2021, { cityCode: TANGSHAN, quotaTable, recommended });
  assert.deepEqual(
    v.map((x) => x.code),
    ['duplicate_application'],
  );
  assert.deepEqual(v[0]!.applicationIds, ['a1']);
});

const custom = (quotas: ProgramDefinition['quotas']): Pick<ProgramDefinition, 'quotas' | 'forms'> => ({ quotas, forms: [] });

test('a fixed table in the definition wins over the call’s; the default applies to cities not in it', () => {
  const def = custom({ perCity: { table: { '420100': 4 }, default: 2, editable: false, citation: '004 三（一）' }, perCategory: [] });
  const status = remainingQuota(def, { cityCode: '420100', quotaTable: { '420100': 9 }, recommended: items(null) });
  assert.deepEqual([status.city?.limit, status.city?.source], [4, 'definition']);
  const other = remainingQuota(def, { cityCode: '420200', quotaTable: { '420200': 9 }, recommended: [] });
  assert.deepEqual([other.city?.limit, other.city?.source], [2, 'default']);
  assert.equal(checkRecommendation(def, { cityCode: '420200', recommended: items(null, null, null) })[0]!.code, 'city_quota_exceeded');
});

test('the program’s total and a category’s province total count the other cities’ lists', () => {
  const def = custom({
    total: { max: 10, citation: '003 五（二）' },
    perCategory: [{ category: 'platform', totalMax: 3, lockedAfterEntry: false, citation: '003 五（二）' }],
  });
  const recommended = items('platform', 'platform', null);
  assert.deepEqual(checkRecommendation(def, { cityCode: '370100', recommended, provinceTotals: { recommended: 7, byCategory: { platform: 1 } } }), []);
  const v = checkRecommendation(def, { cityCode: '370100', recommended, provinceTotals: { recommended: 8, byCategory: { platform: 2 } } });
  assert.deepEqual(
    v.map((x) => [x.code, x.limit, x.count]),
    [
      ['category_total_exceeded', 3, 4],
      ['total_exceeded', 10, 11],
    ],
  );
  assert.equal(v[1]!.messages['zh-CN'], '全省推荐总数限 10 项，加上本地区推荐后为 11 项');
  // Without the other cities' counts the totals cannot be decided and are not checked.
  assert.deepEqual(checkRecommendation(def, { cityCode: '370100', recommended: items('platform', 'platform', 'platform', 'platform') }), []);
  assert.deepEqual(remainingQuota(def, { cityCode: '370100', recommended }).total, { max: 10, min: null, used: null, remaining: null, citation: '003 五（二）' });
});

test('a program without quotas accepts any list', () => {
  const hubei = load('hubei-2020-dual-innovation.v1.json');
  assert.deepEqual(checkRecommendation(hubei, { cityCode: '420100', recommended: items(null, null, null, null, null) }), []);
  assert.deepEqual(remainingQuota(hubei, { cityCode: '420100', recommended: [] }), { city: null, categories: [], total: null });
});
