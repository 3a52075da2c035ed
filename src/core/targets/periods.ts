/**
 * Reporting periods of a reported target (`measure.every`): a quarter written 2026Q3 or a year
 * written 2026, the same labels as the projects' progress reports (src/use-cases/implementation/schedule.ts).
 * Dates are Asia/Shanghai calendar dates (YYYY-MM-DD).
 */
import { addDays } from '../calendar.ts';

export type Every = 'quarter' | 'year';

export interface Period {
  label: string;
  every: Every;
  year: number;
  /** First and last day of the period. */
  start: string;
  end: string;
}

const QUARTER = /^(\d{4})Q([1-4])$/;
const YEAR = /^(\d{4})$/;

/** The period a label names, or null when it is not a label of that kind. */
export function parsePeriod(label: string, every: Every): Period | null {
  if (every === 'quarter') {
    const m = QUARTER.exec(label);
    if (!m) return null;
    const year = Number(m[1]);
    const q = Number(m[2]);
    const start = `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`;
    const next = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    return { label, every, year, start, end: addDays(next, -1) };
  }
  const m = YEAR.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  return { label, every, year, start: `${year}-01-01`, end: `${year}-12-31` };
}

/** The period a date falls in. */
export function periodOf(date: string, every: Every): Period {
  const year = Number(date.slice(0, 4));
  if (every === 'year') return parsePeriod(String(year), 'year')!;
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
  return parsePeriod(`${year}Q${q}`, 'quarter')!;
}

/** The last days of every quarter from the one holding `from` up to `to`, with `to` itself last (a series up to today). */
export function quarterEnds(from: string, to: string): string[] {
  const out: string[] = [];
  if (from > to) return out;
  for (let p = periodOf(from, 'quarter'); p.end < to; p = periodOf(addDays(p.end, 1), 'quarter')) out.push(p.end);
  out.push(to);
  return out;
}
