/** The target plan's arithmetic (src/core/targets): progress, schedule, status, units, periods, report checks. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { programDefinition } from '../../src/core/programs/definition.ts';
import type { Target } from '../../src/core/targets/target.ts';
import { parsePeriod, periodOf, quarterEnds } from '../../src/core/targets/periods.ts';
import { expectedShare, progressShare, targetProgress } from '../../src/core/targets/progress.ts';
import { leadDepartments, leadOrganizationCodes, reportErrors } from '../../src/core/targets/reports.ts';
import { formatShare, formatTargetValue, unitKind, valueProblem } from '../../src/core/targets/units.ts';

const plan = programDefinition.parse(JSON.parse(fs.readFileSync(new URL('../../programs/hebei-2018-ii-plan.v1.json', import.meta.url), 'utf8')));
const target = (id: string): Target => {
  const t = plan.targets.find((x) => x.id === id);
  assert.ok(t, `target ${id} in the plan`);
  return t;
};
const START = plan.effective.from;

test('the plan holds 34 targets, each with a lead department and a citation', () => {
  assert.equal(plan.targets.length, 34, '34 targets');
  for (const t of plan.targets) {
    assert.ok(leadDepartments(t).length >= 1, `${t.id} has a lead department`);
    assert.ok(leadOrganizationCodes(t, '130000').length === leadDepartments(t).length, `${t.id}: every lead department maps to an organization (${t.leadDepartment})`);
    assert.match(t.citation, /^002 /, `${t.id} cites 002`);
  }
});

test('progress of an at-least target is current over target; with a baseline it starts from the baseline', () => {
  assert.equal(progressShare({ year: 2020, value: 100, direction: 'at_least' }, 25), 0.25, '25 of 100');
  const doubled = target('integrated-stage-share-2020'); // 2015 = 10000 bp, target 20000 bp
  assert.equal(progressShare(doubled, 10_000), 0, 'at the baseline: no progress');
  assert.equal(progressShare(doubled, 15_000), 0.5, 'halfway from 100% to 200%');
  assert.equal(progressShare(doubled, 20_000), 1, 'doubled');
});

test('an at-most target (a rank) is inverted', () => {
  const rank = target('integration-rank-2025'); // top 10
  assert.equal(rank.direction, 'at_most');
  assert.equal(progressShare(rank, 20), 0.5, '20th is half way to 10th');
  assert.equal(progressShare(rank, 10), 1, '10th meets it');
  assert.ok(progressShare(rank, 5) > 1, '5th is beyond it');
  assert.equal(progressShare({ year: 2025, value: 10, direction: 'at_most', baseline: { year: 2017, value: 20 } }, 15), 0.5, 'from 20th towards 10th');
  assert.equal(targetProgress(rank, 8, START, '2024-01-01').status, 'achieved', 'a better rank achieves it');
  assert.equal(targetProgress(rank, 12, START, '2026-01-01').status, 'overdue', 'not met after 2025');
});

test('the schedule runs straight from the plan’s start (or the baseline year’s end) to the target year’s end', () => {
  assert.equal(expectedShare('2018-01-01', '2018-12-31', '2018-01-01'), 0);
  assert.equal(expectedShare('2018-01-01', '2018-12-31', '2018-12-31'), 1);
  assert.equal(expectedShare('2018-01-01', '2018-12-31', '2017-06-01'), 0, 'before the start');
  assert.equal(expectedShare('2018-01-01', '2018-12-31', '2030-06-01'), 1, 'after the end');
  const p = targetProgress(target('pilot-projects-2020'), 40, START, '2019-08-18');
  assert.equal(p.start, '2018-04-04', 'the plan’s effective date');
  assert.equal(p.end, '2020-12-31');
  assert.ok(Math.abs(p.expected - 0.5) < 0.01, `about half the time has passed (${p.expected})`);
  assert.equal(p.status, 'behind', '40% done with half the time gone');
  assert.equal(targetProgress(target('pilot-projects-2020'), 60, START, '2019-08-18').status, 'on_track', '60% done with half the time gone');
  const withBaseline = targetProgress(target('integrated-stage-share-2020'), 15_000, START, '2018-06-01');
  assert.equal(withBaseline.start, '2015-12-31', 'a baseline starts the schedule at the end of its year');
});

test('status: no data, achieved, overdue, behind, on track', () => {
  const t = target('enterprise-platforms-2020');
  assert.equal(targetProgress(t, null, START, '2019-01-01').status, 'no_data');
  assert.equal(targetProgress(t, null, START, '2019-01-01').share, null);
  assert.equal(targetProgress(t, 100, START, '2019-01-01').status, 'achieved');
  assert.equal(targetProgress(t, 120, START, '2026-01-01').status, 'achieved', 'achieved stays achieved after the year');
  assert.equal(targetProgress(t, 99, START, '2021-01-01').status, 'overdue', 'the day after the target year');
  assert.equal(targetProgress(t, 99, START, '2020-12-31').status, 'behind', 'the last day of the target year, 99% done: behind, not yet overdue');
  assert.equal(targetProgress(t, 70, START, '2019-12-31').status, 'on_track', '70% done with about 63% of the time gone');
  assert.equal(targetProgress(t, 0, START, '2018-04-04').status, 'on_track', 'nothing expected on the first day');
  assert.equal(targetProgress(t, 0, START, '2018-04-05').status, 'behind', 'nothing done while time passes');
});

test('units: money in 万元 or 元, shares in %, ranks, counts and quantities', () => {
  assert.equal(unitKind('fen'), 'money');
  assert.equal(unitKind('bp（2015年比例=10000）'), 'basis_points');
  assert.equal(unitKind('名'), 'rank');
  assert.equal(unitKind('家（新增）'), 'count');
  assert.equal(unitKind('Gbps'), 'quantity');
  assert.equal(formatTargetValue(40_000_000_000_000, 'fen', 'zh-CN'), '40,000,000 万元', '4000 亿元');
  assert.equal(formatTargetValue(123_456, 'fen', 'zh-CN'), '1,234.56 元', 'below 1 万元 in 元');
  assert.equal(formatTargetValue(1_234_567_800, 'fen', 'zh-CN'), '1,234.5678 万元', 'to the fen');
  assert.equal(formatTargetValue(123_456, 'fen', 'en'), '¥1,234.56');
  assert.equal(formatTargetValue(5000, 'bp', 'zh-CN'), '50%');
  assert.equal(formatTargetValue(1250, 'bp', 'zh-CN'), '12.5%');
  assert.equal(formatTargetValue(20_000, 'bp（2015年比例=10000）', 'zh-CN'), '200%（2015年比例=100%）');
  assert.equal(formatTargetValue(10, '名', 'zh-CN'), '第10名');
  assert.equal(formatTargetValue(10, '名', 'en'), 'No. 10');
  assert.equal(formatTargetValue(10_000, '个', 'zh-CN'), '10,000个');
  assert.equal(formatTargetValue(10_000, '家', 'en'), '10,000 enterprises');
  assert.equal(formatTargetValue(88, '指数', 'zh-CN'), '88');
  assert.equal(formatTargetValue(32_000, 'Gbps', 'zh-CN'), '32,000 Gbps');
  assert.equal(formatShare(0.4567), '45.7%');
  assert.equal(formatShare(null), '—');
});

test('values are checked against the unit', () => {
  assert.equal(valueProblem('fen', 100), null);
  assert.equal(valueProblem('fen', 100.5)?.['zh-CN'], '金额应精确到分');
  assert.equal(valueProblem('bp', 12.5)?.['zh-CN'], '比例最多保留两位小数');
  assert.equal(valueProblem('个', 3.5)?.['zh-CN'], '数量应为整数');
  assert.equal(valueProblem('名', 0)?.['zh-CN'], '名次应为不小于 1 的整数');
  assert.equal(valueProblem('指数', 88.25), null, 'an index may have decimals');
  assert.equal(valueProblem('个', -1)?.en, 'must be at least 0');
});

test('periods: quarters and years, and the quarter ends of a series', () => {
  assert.deepEqual(parsePeriod('2026Q3', 'quarter'), { label: '2026Q3', every: 'quarter', year: 2026, start: '2026-07-01', end: '2026-09-30' });
  assert.deepEqual(parsePeriod('2026Q4', 'quarter')?.end, '2026-12-31');
  assert.equal(parsePeriod('2026', 'quarter'), null, 'a year is not a quarter');
  assert.equal(parsePeriod('2026Q5', 'quarter'), null);
  assert.deepEqual(parsePeriod('2026', 'year')?.end, '2026-12-31');
  assert.equal(periodOf('2026-03-31', 'quarter').label, '2026Q1');
  assert.equal(periodOf('2026-04-01', 'quarter').label, '2026Q2');
  assert.deepEqual(quarterEnds('2025-11-02', '2026-05-10'), ['2025-12-31', '2026-03-31', '2026-05-10']);
  assert.deepEqual(quarterEnds('2026-05-10', '2026-05-10'), ['2026-05-10']);
});

test('a report: the period of the target’s kind, begun, not before the plan; a value; evidence', () => {
  const t = target('smart-factories-2020');
  const ctx = { today: '2026-03-02', firstYear: 2018 };
  assert.deepEqual(reportErrors(t, { period: '2025Q4', value: 150, note: '', evidence: '省工信厅统计快报2026年第1期' }, ctx), [], 'a valid report');
  const errors = reportErrors(t, { period: '2026Q2', value: 3.5, note: '', evidence: '  ' }, ctx);
  assert.deepEqual(
    errors.map((e) => [e.path, e.messages['zh-CN']]),
    [
      ['period', '统计期：统计期尚未开始'],
      ['value', '完成值：数量应为整数'],
      ['evidence', '佐证材料：必填（文号、统计公报或链接）'],
    ],
  );
  assert.equal(errors[0]!.messages.en, 'Period: has not begun yet');
  assert.deepEqual(reportErrors(t, { period: '2025', value: 1, note: '', evidence: 'x' }, ctx).map((e) => e.messages['zh-CN']), ['统计期：应为季度，如 2026Q3']);
  assert.deepEqual(reportErrors(t, { period: '2017Q4', value: 1, note: '', evidence: 'x' }, ctx).map((e) => e.messages['zh-CN']), ['统计期：不能早于 2018 年']);
  assert.deepEqual(reportErrors(t, { period: '2025Q1', value: null, note: '', evidence: 'x' }, ctx).map((e) => e.messages['zh-CN']), ['完成值：必填']);
  assert.equal(reportErrors(target('pilot-projects-2020'), { period: '2025Q1', value: 1, note: '', evidence: 'x' }, ctx)[0]?.code, 'computed', 'a computed target takes no report');
});

test('lead departments map to the province’s department organizations', () => {
  assert.deepEqual(leadOrganizationCodes(target('xiongan-demonstration-base-2025'), '130000'), ['130000-miit', '130000-comms']);
  assert.deepEqual(leadOrganizationCodes(target('interprovincial-bandwidth-2020'), '130000'), ['130000-comms']);
  assert.deepEqual(leadOrganizationCodes(target('dual-innovation-penetration-2020'), '130000'), ['130000-ndrc', '130000-most', '130000-miit']);
});
