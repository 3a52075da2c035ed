/** The pure parts of program statistics: stage rules, percentiles, industry codes, map areas, filters, tables. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../src/core/errors.ts';
import { parseFilters } from '../../src/core/statistics/filters.ts';
import { divisionName, industryOf, sectionName } from '../../src/core/statistics/industry.ts';
import { foldIntoAreas, mapAreaCode } from '../../src/core/statistics/map.ts';
import { countStages, emptyCounts, percentile, reachedStages, roundDays, spanDays, STAGE_SPANS, type StageMarker } from '../../src/core/statistics/stages.ts';
import { statisticsTable, type StatisticsView } from '../../src/core/statistics/tables.ts';

const facts = (states: string[], o: { score?: boolean; project?: { status: string; agreementSigned?: boolean; accepted?: boolean } } = {}) => ({
  states,
  hasFinalScore: o.score ?? false,
  project: o.project ? { agreementSigned: false, accepted: false, ...o.project } : null,
});

test('stages are reached for good: a later rejection does not undo an earlier pass', () => {
  assert.deepEqual(reachedStages(facts(['draft'])), ['drafted'], 'a draft');
  assert.deepEqual(reachedStages(facts(['draft', 'submitted', 'city_review', 'rejected'])), ['drafted', 'submitted'], 'rejected by the city');
  assert.deepEqual(reachedStages(facts(['draft', 'submitted', 'withdrawn'])), ['drafted', 'submitted'], 'withdrawn after submitting');
  assert.deepEqual(reachedStages(facts(['draft', 'withdrawn'])), ['drafted'], 'withdrawn before submitting');
  assert.deepEqual(reachedStages(facts(['draft', 'submitted', 'city_review', 'city_passed', 'recommended', 'policy_rejected'])), ['drafted', 'submitted', 'cityPassed', 'recommended'], 'failed policy review');
  // Un-recommended back to city_passed: it was recommended once.
  assert.deepEqual(reachedStages(facts(['city_passed', 'recommended', 'city_passed'])).includes('recommended'), true, 'recommended once');
  assert.deepEqual(reachedStages(facts(['expert_review'], { score: true })).includes('scored'), true, 'a final score counts as scored');
  assert.deepEqual(reachedStages(facts(['expert_review'])).includes('scored'), false, 'not yet scored');
  assert.deepEqual(
    reachedStages(facts(['selected'], { project: { status: 'revoked', agreementSigned: true, accepted: true } })),
    ['drafted', 'submitted', 'cityPassed', 'recommended', 'policyPassed', 'scored', 'onNotice', 'selected', 'agreementSigned', 'accepted', 'failedOrRevoked'],
    'accepted, then revoked',
  );
  assert.equal(reachedStages(facts(['shortlisted', 'not_selected'])).includes('selected'), false, 'removed after an objection');
  const c = countStages([facts(['draft']), facts(['submitted']), facts(['selected'], { project: { status: 'accepted' } })]);
  assert.deepEqual([c.drafted, c.submitted, c.selected, c.accepted], [3, 2, 1, 1], 'counted');
});

test('percentile interpolates like percentile_cont; days round to two decimals', () => {
  assert.equal(percentile([], 0.5), null, 'no values');
  assert.equal(percentile([7], 0.9), 7, 'one value');
  assert.equal(percentile([2, 3, 4, 6], 0.5), 3.5, 'median of an even count');
  assert.equal(percentile([6, 2, 4, 3], 0.9), 5.4, 'p90 interpolated: 4 + 0.7 × 2');
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9.1, 'p90 of 1..10');
  assert.equal(roundDays(1 / 3), 0.33, 'rounded');
  assert.equal(roundDays(null), null, 'none');
});

test('a stage runs from its first start to the first stop at or after it', () => {
  const at = (iso: string) => new Date(iso);
  const events: Record<string, Date[]> = { submitted: [at('2026-03-01T00:00:00Z'), at('2026-03-10T00:00:00Z')], city_passed: [at('2026-03-04T12:00:00Z')], rejected: [] };
  const lookup = (m: StageMarker, notBefore?: Date) => {
    if ('column' in m) return null;
    const hits = m.states.flatMap((s) => events[s] ?? []).filter((d) => !notBefore || d >= notBefore);
    return hits.length ? new Date(Math.min(...hits.map((d) => d.getTime()))) : null;
  };
  const city = STAGE_SPANS.find((s) => s.id === 'cityReview')!;
  assert.equal(spanDays(city, lookup), 3.5, 'first submission to the decision');
  const policy = STAGE_SPANS.find((s) => s.id === 'policyReview')!;
  assert.equal(spanDays(policy, lookup), null, 'never started');
});

test('industry: section and division of a GB/T 4754 class code, with names', () => {
  assert.deepEqual(industryOf('c3421'), { section: 'C', division: '34' });
  assert.deepEqual(industryOf('I'), { section: 'I', division: null });
  assert.deepEqual(industryOf(null), { section: null, division: null });
  assert.deepEqual(industryOf('Z99'), { section: null, division: null }, 'no section Z');
  assert.equal(sectionName('C')['zh-CN'], '制造业');
  assert.equal(divisionName('C', '39')['zh-CN'], '39 计算机、通信和其他电子设备制造业');
  assert.equal(divisionName('I', '65')['zh-CN'], 'I 65', 'outside manufacturing: by number');
  assert.equal(sectionName(null)['zh-CN'], '未填行业');
});

test('map areas: 辛集 and 定州 fold into the cities whose prefix they carry, 雄安 into 保定', () => {
  assert.equal(mapAreaCode({ divisionCode: '130100', coveredDivisionCodes: [] }), '130100');
  assert.equal(mapAreaCode({ divisionCode: '130181', coveredDivisionCodes: [] }), '130100', '辛集');
  assert.equal(mapAreaCode({ divisionCode: '130682', coveredDivisionCodes: [] }), '130600', '定州');
  assert.equal(mapAreaCode({ divisionCode: null, coveredDivisionCodes: ['130638', '130629'] }), '130600', '雄安');
  assert.equal(mapAreaCode({ divisionCode: null, coveredDivisionCodes: [] }), null, 'nowhere');
  const areas = foldIntoAreas([
    { cityId: '3', cityCode: '130181', name: '辛集市', areaCode: '130100', value: 2 },
    { cityId: '1', cityCode: '130100', name: '石家庄市', areaCode: '130100', value: 5 },
    { cityId: '2', cityCode: '130200', name: '唐山市', areaCode: '130200', value: 1 },
    { cityId: '9', cityCode: 'X', name: '无处', areaCode: null, value: 4 },
  ]);
  assert.deepEqual(areas.map((a) => [a.code, a.name, a.cityId, a.value, a.units.map((u) => u.name)]), [
    ['130100', '石家庄市', '1', 7, ['石家庄市', '辛集市']],
    ['130200', '唐山市', '2', 1, ['唐山市']],
  ]);
});

test('filters are checked field by field, in both languages', () => {
  assert.deepEqual(parseFilters({ year: '2026', industry: 'c34', from: '2026-03-01', to: '2026-03-31', programCode: ' x ', cityId: '' }), { year: 2026, industry: 'C34', from: '2026-03-01', to: '2026-03-31', programCode: 'x' });
  const fails = (raw: Parameters<typeof parseFilters>[0]) => {
    try {
      parseFilters(raw);
    } catch (e) {
      assert.ok(e instanceof DomainError, 'a domain error');
      return [e.fields[0]!.path, e.fields[0]!.messages['zh-CN'], e.fields[0]!.messages.en];
    }
    assert.fail('should fail');
  };
  assert.deepEqual(fails({ year: '26' }), ['year', '年度：应为 2000 至 2100 之间的年份', 'Year: must be a year from 2000 to 2100']);
  assert.deepEqual(fails({ from: '2026-02-30' }), ['from', '开始日期：应为日期，如 2025-10-08', 'From: must be a date such as 2025-10-08']);
  assert.deepEqual(fails({ from: '2026-03-02', to: '2026-03-01' })[0], 'to');
  assert.deepEqual(fails({ cityId: 'abc' })[0], 'cityId');
  assert.deepEqual(fails({ industry: '3421' })[0], 'industry');
});

test('tables carry the numbers of the view, money in 万元', () => {
  const counts = { ...emptyCounts(), drafted: 3, submitted: 2 };
  const view: StatisticsView = {
    totals: counts,
    money: { committedFen: 1_500_000, disbursedFen: 0, recoverableFen: 0, recoveredFen: 0 },
    funnel: [{ stage: 'drafted', label: { 'zh-CN': '填报', en: 'Drafted' }, count: 3 }],
    byCity: [{ cityId: '1', cityCode: '130100', cityName: '石家庄市', counts, money: { committedFen: 1_500_000, disbursedFen: 0, recoverableFen: 0, recoveredFen: 0 } }],
    byDirection: [],
    bySection: [],
    byIndustry: [],
    stageTimes: [],
  };
  assert.deepEqual(statisticsTable(view, 'funnel').rows, [['填报', 3]]);
  assert.deepEqual(statisticsTable(view, 'moneyByCity').rows, [['石家庄市', 1.5, 0, 0, 0]], '1 500 000 fen = 1.5 万元');
  assert.equal(statisticsTable(view, 'byCity').headers.length, 12, 'the city and eleven stages');
  assert.deepEqual(statisticsTable(view, 'money', 'en').rows[0], ['Committed', 1.5]);
});
