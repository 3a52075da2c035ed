/** What the target screens derive from the API's rows: colours, the charts' options, and value entry in the unit people type. */
import type { TargetHistoryView, TargetRowView, TargetStatusValue } from '../../../../contracts/targets.ts';
import { unitKind } from '../../../../src/core/targets/units.ts';
import type { ChartOption } from '../../components/EChart.tsx';
import { fenToWan, percentToBp, wanToFen, bpToPercent } from '../../lib/money.ts';
import type { Language } from '../../i18n.ts';

export const STATUS_COLORS: Record<TargetStatusValue, string> = {
  achieved: 'success',
  on_track: 'processing',
  behind: 'warning',
  overdue: 'error',
  no_data: 'default',
};

const BAR_COLORS: Record<TargetStatusValue, string> = { achieved: '#52c41a', on_track: '#1677ff', behind: '#faad14', overdue: '#ff4d4f', no_data: '#d9d9d9' };

/** Money is typed in 万元 and shares in %, the rest as they are; the API takes fen and basis points. */
export type EntryUnit = 'wan' | 'percent' | 'plain';
export const entryUnit = (unit: string): EntryUnit => (unitKind(unit) === 'money' ? 'wan' : unitKind(unit) === 'basis_points' ? 'percent' : 'plain');
export const toApiValue = (typed: number, unit: string) => (entryUnit(unit) === 'wan' ? wanToFen(typed) : entryUnit(unit) === 'percent' ? percentToBp(typed) : typed);
export const fromApiValue = (value: number, unit: string) => (entryUnit(unit) === 'wan' ? fenToWan(value) : entryUnit(unit) === 'percent' ? bpToPercent(value) : value);

const short = (text: string, max = 16) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Horizontal bars of progress (capped at 100% on the axis, the label says the real share) over the expected share. */
export function progressChart(rows: TargetRowView[], language: Language, labels: { progress: string; expected: string }): ChartOption {
  const ordered = [...rows].reverse(); // the first row on top
  return {
    animation: false,
    grid: { left: 8, right: 56, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, data: [labels.progress, labels.expected] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: ordered.map((r) => `${short(r.name[language])}（${r.year}）`), axisLabel: { fontSize: 11 } },
    series: [
      {
        name: labels.expected,
        type: 'bar',
        barWidth: 12,
        itemStyle: { color: '#f0f0f0', borderColor: '#bfbfbf', borderType: 'dashed' },
        data: ordered.map((r) => Math.round(r.expected * 1000) / 10),
        z: 1,
      },
      {
        name: labels.progress,
        type: 'bar',
        barWidth: 12,
        barGap: '-100%',
        z: 2,
        label: { show: true, position: 'right', fontSize: 11, formatter: (p: { dataIndex: number }) => ordered[p.dataIndex]!.display.progress },
        data: ordered.map((r) => ({ value: r.share === null ? 0 : Math.min(100, Math.round(r.share * 1000) / 10), itemStyle: { color: BAR_COLORS[r.status] } })),
      },
    ],
  };
}

/** The target's value over time with the target as a line. */
export function historyChart(history: TargetHistoryView, language: Language): ChartOption {
  const t = history.target;
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: undefined },
    xAxis: { type: 'category', data: history.points.map((p) => p.period ?? p.date) },
    yAxis: { type: 'value', inverse: t.direction === 'at_most', axisLabel: { formatter: (v: number) => (entryUnit(t.unit) === 'plain' ? String(v) : String(fromApiValue(v, t.unit))) } },
    series: [
      {
        type: 'line',
        data: history.points.map((p) => p.value),
        label: { show: history.points.length <= 12, formatter: (p: { dataIndex: number }) => history.points[p.dataIndex]!.text[language] },
        markLine: { symbol: 'none', lineStyle: { type: 'dashed', color: '#ff4d4f' }, data: [{ yAxis: t.value, name: t.display.value[language] }], label: { formatter: t.display.value[language] } },
      },
    ],
  };
}
