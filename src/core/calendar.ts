/**
 * China's working calendar and the counting of periods (public notices, deadlines), in
 * Asia/Shanghai calendar dates (YYYY-MM-DD). Rules from shared/REFERENCE.md (e):
 * - a period in days starts the day after the event (民法典 art. 201), unless the program counts the
 *   publication day, as notices commonly do;
 * - if the last day is a rest day the period ends at the end of the next working day (art. 203);
 * - working days are Monday–Friday less the statutory days off, plus the weekend make-up days (调休).
 * The State Council publishes each year's days off; a date in a year with no loaded schedule is
 * counted by weekdays alone and flagged provisional, to be recomputed once the notice is out.
 */

export interface HolidaySchedule {
  year: number;
  /** Days off (statutory holidays and the days joined to them). */
  daysOff: readonly string[];
  /** Weekend days that are working days (调休上班). */
  makeUpWorkdays: readonly string[];
  source: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

/** 国办发明电〔2024〕12号 (2024-11-12), as in REFERENCE.md (e). */
const Y2025: HolidaySchedule = {
  year: 2025,
  daysOff: [
    '2025-01-01',
    ...range('2025-01-28', '2025-02-04'),
    ...range('2025-04-04', '2025-04-06'),
    ...range('2025-05-01', '2025-05-05'),
    ...range('2025-05-31', '2025-06-02'),
    ...range('2025-10-01', '2025-10-08'),
  ],
  makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  source: '国办发明电〔2024〕12号',
};

export const HOLIDAY_SCHEDULES: Readonly<Record<number, HolidaySchedule>> = { 2025: Y2025 };


export function addDays(date: string, days: number): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export interface DayKind {
  working: boolean;
  /** No published schedule for the year: counted by weekdays alone. */
  provisional: boolean;
}

export function dayKind(date: string, schedules: Readonly<Record<number, HolidaySchedule>> = HOLIDAY_SCHEDULES): DayKind {
  const s = schedules[Number(date.slice(0, 4))];
  const weekend = weekday(date) === 0 || weekday(date) === 6;
  if (!s) return { working: !weekend, provisional: true };
  if (s.daysOff.includes(date)) return { working: false, provisional: false };
  if (s.makeUpWorkdays.includes(date)) return { working: true, provisional: false };
  return { working: !weekend, provisional: false };
}

export interface PeriodRule {
  length: number;
  unit: 'calendar' | 'working';
  start: 'publish_day' | 'next_day';
  endTime: '24:00' | '17:00';
  rollForwardIfHoliday: boolean;
}

export interface Period {
  startDate: string;
  endDate: string;
  /** The instant the period ends, Asia/Shanghai (UTC+8). */
  endsAt: string;
  /** Some day in the count lies in a year with no loaded holiday schedule. */
  provisional: boolean;
}

/** The period that starts with an event on `eventDate` (e.g. a notice published that day). */
export function periodFrom(eventDate: string, rule: PeriodRule, schedules: Readonly<Record<number, HolidaySchedule>> = HOLIDAY_SCHEDULES): Period {
  if (rule.length < 1) throw new Error('a period has at least one day');
  let provisional = false;
  const kind = (d: string) => {
    const k = dayKind(d, schedules);
    provisional ||= k.provisional;
    return k;
  };
  const startDate = rule.start === 'publish_day' ? eventDate : addDays(eventDate, 1);
  let endDate: string;
  if (rule.unit === 'calendar') {
    endDate = addDays(startDate, rule.length - 1);
    kind(endDate);
  } else {
    let counted = 0;
    let d = startDate;
    for (;;) {
      if (kind(d).working) counted += 1;
      if (counted === rule.length) break;
      d = addDays(d, 1);
    }
    endDate = d;
  }
  if (rule.rollForwardIfHoliday) while (!kind(endDate).working) endDate = addDays(endDate, 1);
  const endsAt = rule.endTime === '24:00' ? `${addDays(endDate, 1)}T00:00:00+08:00` : `${endDate}T17:00:00+08:00`;
  return { startDate, endDate, endsAt, provisional };
}
