/**
 * China's working calendar and the counting of periods (public notices, deadlines), in
 * Asia/Shanghai calendar dates (YYYY-MM-DD). Rules from shared/REFERENCE.md (e):
 * - a period in days starts the day after the event (民法典 art. 201), unless the program counts the
 *   publication day, as notices commonly do;
 * - if the last day is a rest day the period ends at the end of the next working day (art. 203);
 * - working days are Monday–Friday less the statutory days off, plus the weekend make-up days (调休).
 * The State Council publishes each year's days off; the schedules are data (reference/holidays/,
 * read by src/adapters/reference/holidays.ts) passed in by the caller. A date in a year with no
 * loaded schedule is counted by weekdays alone and flagged provisional, to be recomputed once the
 * notice is out.
 */

export interface HolidaySchedule {
  year: number;
  /** Days off (statutory holidays and the days joined to them), one date each. */
  daysOff: readonly string[];
  /** Weekend days that are working days (调休上班). */
  makeUpWorkdays: readonly string[];
  /** The State Council notice, e.g. 国办发明电〔2024〕12号. */
  source: string;
  publishedOn?: string | undefined;
}

/** The loaded schedules by year. A schedule for year Y may list days of Y−1 from NEXT_YEAR_REACHES_BACK_TO on (元旦 breaks). */
export type HolidaySchedules = Readonly<Record<number, HolidaySchedule>>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function addDays(date: string, days: number): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days)).toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, both included. */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The Asia/Shanghai calendar date of an instant (China has kept UTC+8 without daylight saving since 1991). */
/** YYYY-MM-DD as Chinese documents write it: 2025年10月8日. */
export function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai, for messages. */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant a Shanghai calendar date starts (00:00+08:00). */
export function startOfShanghaiDate(date: string): Date {
  if (!DATE.test(date)) throw new Error(`not a date: ${date}`);
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

export type DayType = 'workday' | 'weekend' | 'day_off' | 'make_up_workday';

export interface DayKind {
  working: boolean;
  type: DayType;
  /** No loaded schedule decides the day (its year's, or for the last days of December, the next year's): counted by weekday. */
  provisional: boolean;
}

function listedIn(date: string, s: HolidaySchedule | undefined, list: 'daysOff' | 'makeUpWorkdays'): boolean {
  return s !== undefined && s[list].includes(date);
}

/**
 * From this day of December on, the next year's schedule may still change a day: a 元旦 break can
 * start on 12-30 with a make-up Saturday just before it (a pattern of past notices, recalled, not
 * from a retrieved source), so the last days of a year are final only once the next year's is loaded.
 */
export const NEXT_YEAR_REACHES_BACK_TO = '12-25';

/**
 * Whether a date is a working day under the loaded schedules. Provisional when its year's schedule
 * is not loaded, or when it lies in the last days of December and the next year's is not.
 */
export function dayKind(date: string, schedules: HolidaySchedules): DayKind {
  const year = Number(date.slice(0, 4));
  const own = schedules[year];
  const next = schedules[year + 1];
  const weekend = weekday(date) === 0 || weekday(date) === 6;
  if (listedIn(date, own, 'daysOff') || listedIn(date, next, 'daysOff')) return { working: false, type: 'day_off', provisional: false };
  if (listedIn(date, own, 'makeUpWorkdays') || listedIn(date, next, 'makeUpWorkdays')) return { working: true, type: 'make_up_workday', provisional: false };
  const provisional = !own || (!next && date.slice(5) >= NEXT_YEAR_REACHES_BACK_TO);
  return { working: !weekend, type: weekend ? 'weekend' : 'workday', provisional };
}

export interface PeriodRule {
  length: number;
  unit: 'calendar' | 'working';
  start: 'publish_day' | 'next_day';
  endTime: '24:00' | '17:00';
  rollForwardIfHoliday: boolean;
}

export interface PeriodDay extends DayKind {
  date: string;
  /** The day's number in the count (1…length), or null when it is not counted. */
  counted: number | null;
  /** Added after the count because the count ended on a rest day (民法典 art. 203). */
  rolledForward: boolean;
}

export interface Period {
  startDate: string;
  endDate: string;
  /** The instant the period ends, Asia/Shanghai (UTC+8); 24:00 is 00:00 of the next day. */
  endsAt: string;
  /** Some day the result depends on lies in a year with no loaded holiday schedule. */
  provisional: boolean;
  /** Every day from the start date to the end date, with how it was counted. */
  days: PeriodDay[];
}

/** The period that starts with an event on `eventDate` (e.g. a notice published that day). */
export function periodFrom(eventDate: string, rule: PeriodRule, schedules: HolidaySchedules): Period {
  if (!Number.isInteger(rule.length) || rule.length < 1) throw new Error('a period has at least one day');
  const startDate = rule.start === 'publish_day' ? eventDate : addDays(eventDate, 1);
  const days: PeriodDay[] = [];
  let provisional = false;
  let counted = 0;
  // Count: every calendar day, or only working days. For calendar days the working calendar
  // matters only on the last day (and any day the end rolls to); for working days it matters on each.
  for (let date = startDate; counted < rule.length; date = addDays(date, 1)) {
    const k = dayKind(date, schedules);
    const counts = rule.unit === 'calendar' || k.working;
    if (counts) counted += 1;
    if (rule.unit === 'working' || (counted === rule.length && rule.rollForwardIfHoliday)) provisional ||= k.provisional;
    days.push({ date, ...k, counted: counts ? counted : null, rolledForward: false });
  }
  // 民法典 art. 203: a last day that is a rest day moves to the next working day.
  if (rule.rollForwardIfHoliday) {
    while (!days[days.length - 1]!.working) {
      const date = addDays(days[days.length - 1]!.date, 1);
      const k = dayKind(date, schedules);
      provisional ||= k.provisional;
      days.push({ date, ...k, counted: null, rolledForward: true });
    }
  }
  const endDate = days[days.length - 1]!.date;
  const endsAt = rule.endTime === '24:00' ? `${addDays(endDate, 1)}T00:00:00+08:00` : `${endDate}T17:00:00+08:00`;
  return { startDate, endDate, endsAt, provisional, days };
}
