/** What the operation screens derive from the API: month labels and ranges, and the charts' options. */
import type { TFunction } from 'i18next';
import type { OperationViewData } from '../../../../contracts/operations.ts';
import { addMonths, monthRange } from '../../../../src/core/operations/report.ts';
import { EFFECTS } from '../../../../src/core/operations/report.ts';
import type { ChartOption } from '../../components/EChart.tsx';

export const previousMonth = (month: string) => addMonths(month, -1);
export const monthsBetween = monthRange;

/** 2026-03 → 2026年3月 (English 2026-03). */
export function monthLabel(month: string, t: TFunction): string {
  return t('operations.month', { year: month.slice(0, 4), month: String(Number(month.slice(5, 7))) });
}

const COUNT_KEYS = ['connectedDevices', 'platformUsers', 'industrialApps', 'cloudEnterprises'] as const;

/** The four counts by month, one line each (carried forward from each organization's latest report). */
export function trendChart(view: OperationViewData, t: TFunction): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: view.series.map((s) => s.month) },
    yAxis: { type: 'value' },
    series: COUNT_KEYS.map((k) => ({ name: t(`operations.fields.${k}`), type: 'line', data: view.series.map((s) => s[k]) })),
  };
}

/** The average effects (percent) by month, with each goal of 003 二 as a dashed line. */
export function effectsChart(view: OperationViewData, t: TFunction): ChartOption {
  // The axis spans the goals too (a mark line outside the data's range would not be drawn).
  const values = [0, ...EFFECTS.map((e) => e.goalBp / 100), ...view.series.flatMap((s) => EFFECTS.map((e) => s.averageEffects[e.key])).filter((v): v is number => v !== null).map((v) => v / 100)];
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
    xAxis: { type: 'category', data: view.series.map((s) => s.month) },
    yAxis: { type: 'value', min: Math.floor(Math.min(...values) / 5) * 5, max: Math.ceil(Math.max(...values) / 5) * 5, axisLabel: { formatter: '{value}%' } },
    series: EFFECTS.map((e) => ({
      name: t(`operations.effects.${e.key}`),
      type: 'line',
      connectNulls: true,
      data: view.series.map((s) => (s.averageEffects[e.key] === null ? null : s.averageEffects[e.key]! / 100)),
      markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed' }, label: { show: false }, data: [{ yAxis: e.goalBp / 100 }] },
    })),
  };
}
