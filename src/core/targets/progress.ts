/**
 * How far a target of a target plan (002) has come, and whether it is on schedule.
 *
 * - Progress is the share of the way from the starting value to the target: current ÷ target, or,
 *   with a baseline, (current − baseline) ÷ (target − baseline). A ceiling (`at_most`, e.g. "进入全国
 *   前10名") is inverted: baseline − current over baseline − target, or target ÷ current without one.
 * - The schedule is a straight line from the plan's start to the end of the target year: the start is
 *   the end of the baseline year when the target has a baseline (its value is known from then), else
 *   the plan's effective date, or the start of the counting window for a figure counted per year
 *   (002 三（二） "每年培育30个").
 * - Status: no data (nothing known yet); achieved (the target is met, whenever); overdue (not met and
 *   the target year is over); behind (less progress than the time elapsed); on track otherwise.
 */
export type TargetStatus = 'achieved' | 'on_track' | 'behind' | 'overdue' | 'no_data';
export const TARGET_STATUSES: readonly TargetStatus[] = ['achieved', 'on_track', 'behind', 'overdue', 'no_data'];

export interface TargetFacts {
  year: number;
  value: number;
  direction: 'at_least' | 'at_most';
  baseline?: { year: number; value: number } | undefined;
}

export interface Progress {
  /** Share of the way to the target (1 = there; may exceed 1), or null without a current value. */
  share: number | null;
  /** The share the straight-line schedule expects by `asOf` (0…1). */
  expected: number;
  status: TargetStatus;
  /** The schedule's first and last day. */
  start: string;
  end: string;
}

export function isAchieved(t: TargetFacts, current: number): boolean {
  return t.direction === 'at_most' ? current <= t.value : current >= t.value;
}

/** The share of the way from the start to the target. */
export function progressShare(t: TargetFacts, current: number): number {
  if (t.direction === 'at_most') {
    if (t.baseline && t.baseline.value !== t.value) return (t.baseline.value - current) / (t.baseline.value - t.value);
    return current <= 0 ? 1 : t.value / current;
  }
  const from = t.baseline?.value ?? 0;
  if (t.value === from) return isAchieved(t, current) ? 1 : 0;
  return (current - from) / (t.value - from);
}

/** The schedule's first day: the end of the baseline year, else the plan's (or window's) start. */
export function scheduleStart(t: TargetFacts, planStart: string): string {
  return t.baseline ? `${t.baseline.year}-12-31` : planStart;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** The share of the schedule's time elapsed by `asOf`, 0…1. */
export function expectedShare(start: string, end: string, asOf: string): number {
  const total = dayNumber(end) - dayNumber(start);
  if (total <= 0) return asOf >= end ? 1 : 0;
  return Math.min(1, Math.max(0, (dayNumber(asOf) - dayNumber(start)) / total));
}

/** Progress and status of a target on `asOf` (YYYY-MM-DD); `planStart` as for scheduleStart. */
export function targetProgress(t: TargetFacts, current: number | null, planStart: string, asOf: string): Progress {
  const start = scheduleStart(t, planStart);
  const end = `${t.year}-12-31`;
  const expected = expectedShare(start, end, asOf);
  if (current === null) return { share: null, expected, status: 'no_data', start, end };
  const share = progressShare(t, current);
  const status: TargetStatus = isAchieved(t, current) ? 'achieved' : asOf > end ? 'overdue' : share < expected ? 'behind' : 'on_track';
  return { share, expected, status, start, end };
}

/** Behind schedule, for the screens: behind or overdue. */
export const isBehind = (status: TargetStatus) => status === 'behind' || status === 'overdue';

/** The statuses as the screens, the export and the audit trail name them. */
export const STATUS_LABELS: Readonly<Record<TargetStatus, { 'zh-CN': string; en: string }>> = {
  achieved: { 'zh-CN': '已完成', en: 'Achieved' },
  on_track: { 'zh-CN': '按进度推进', en: 'On track' },
  behind: { 'zh-CN': '落后进度', en: 'Behind schedule' },
  overdue: { 'zh-CN': '逾期未完成', en: 'Overdue' },
  no_data: { 'zh-CN': '暂无数据', en: 'No data' },
};
