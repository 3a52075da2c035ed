/**
 * The yearly holiday schedules (放假安排) as data: reference/holidays/<year>.json, one file per State
 * Council notice (REFERENCE.md (e): "the yearly schedule must be loaded as data"). Read once at start
 * and passed to the core's calendar; a new year needs a new file and a restart, not a release.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { dateRange, NEXT_YEAR_REACHES_BACK_TO, weekday, type HolidaySchedule, type HolidaySchedules } from '../../core/calendar.ts';

export const HOLIDAYS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../reference/holidays');

const isoDate = z.iso.date();
/** A day off is a date or a range `{ from, to }` (both included); a lone date is read as a one-day range. */
const dayOffRange = z.preprocess(
  (v) => (typeof v === 'string' ? { from: v, to: v } : v),
  z
    .object({ name: z.string().min(1).optional(), from: isoDate, to: isoDate })
    .strict()
    .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] }),
);

export const holidayScheduleFile = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** The notice, e.g. 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）. */
    source: z.string().min(1),
    publishedOn: isoDate,
    daysOff: z.array(dayOffRange).min(1),
    makeUpWorkdays: z.array(isoDate).default([]),
  })
  .strict()
  .superRefine((f, ctx) => {
    // zod may run this after some fields failed (e.g. a year out of range): look only at valid dates.
    const isDate = (d: unknown): d is string => isoDate.safeParse(d).success;
    // A schedule covers its year and may reach back into the last days of the year before (元旦 breaks).
    const earliest = `${f.year - 1}-${NEXT_YEAR_REACHES_BACK_TO}`;
    const inYear = (d: string) => d.startsWith(`${f.year}-`) || (d >= earliest && d.startsWith(`${f.year - 1}-`));
    const ranges = f.daysOff.filter((d) => isDate(d?.from) && isDate(d?.to) && d.from <= d.to);
    f.daysOff.forEach((d, i) => {
      if (!isDate(d?.from) || !isDate(d?.to)) return;
      for (const key of d.from === d.to ? (['from'] as const) : (['from', 'to'] as const)) {
        if (!inYear(d[key])) ctx.addIssue({ code: 'custom', path: ['daysOff', i, key], message: `${d[key]} is not in ${f.year} (nor on or after ${earliest})` });
      }
    });
    const off = new Set(ranges.flatMap((d) => dateRange(d.from, d.to)));
    f.makeUpWorkdays.forEach((d, i) => {
      if (!isDate(d)) return;
      if (!inYear(d)) ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', i], message: `${d} is not in ${f.year} (nor on or after ${earliest})` });
      else if (weekday(d) !== 0 && weekday(d) !== 6) ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', i], message: `${d} is a weekday; a make-up working day is a Saturday or Sunday` });
      if (off.has(d)) ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', i], message: `${d} is also listed as a day off` });
    });
  });
export type HolidayScheduleFile = z.infer<typeof holidayScheduleFile>;

/** A file's content as the core's schedule: every day off as one date, sorted. */
export function toSchedule(f: HolidayScheduleFile): HolidaySchedule {
  const daysOff = [...new Set(f.daysOff.flatMap((d) => dateRange(d.from, d.to)))].sort();
  return { year: f.year, daysOff, makeUpWorkdays: [...new Set(f.makeUpWorkdays)].sort(), source: f.source, publishedOn: f.publishedOn };
}

const FILE_NAME = /^(\d{4})\.json$/;

/**
 * Every `<year>.json` in the folder (other files are ignored), validated. Any problem stops the
 * load with the file's name and the field, e.g. `2025.json: daysOff.1.to: Invalid ISO date`.
 */
export function loadHolidaySchedules(dir: string = process.env.HOLIDAYS_DIR || HOLIDAYS_DIR): HolidaySchedules {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`节假日安排目录不存在 / holiday schedule folder not found: ${dir}`);
  const problems: string[] = [];
  const schedules: Record<number, HolidaySchedule> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const m = FILE_NAME.exec(name);
    if (!m) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch (err) {
      problems.push(`${name}: not valid JSON: ${(err as Error).message}`);
      continue;
    }
    const parsed = holidayScheduleFile.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) problems.push(`${name}: ${i.path.join('.') || '(file)'}: ${i.message}`);
      continue;
    }
    if (parsed.data.year !== Number(m[1])) {
      problems.push(`${name}: year: ${parsed.data.year} does not match the file name`);
      continue;
    }
    schedules[parsed.data.year] = toSchedule(parsed.data);
  }
  if (problems.length) throw new Error(`节假日安排文件有误 / invalid holiday schedule (${dir}):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return schedules;
}
