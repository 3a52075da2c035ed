import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadHolidaySchedules } from '../../src/adapters/reference/holidays.ts';
import { dayKind, periodFrom, shanghaiDate, startOfShanghaiDate, type HolidaySchedules, type PeriodRule } from '../../src/core/calendar.ts';

// The real schedule, as the server loads it: reference/holidays/2025.json (国办发明电〔2024〕12号).
const schedules = loadHolidaySchedules();
const rule = (over: Partial<PeriodRule> = {}): PeriodRule => ({ length: 7, unit: 'calendar', start: 'next_day', endTime: '24:00', rollForwardIfHoliday: true, ...over });

test('2025 schedule: days off and make-up working days', () => {
  assert.deepEqual(dayKind('2025-10-03', schedules), { working: false, type: 'day_off', provisional: false }); // 国庆
  assert.deepEqual(dayKind('2025-09-28', schedules), { working: true, type: 'make_up_workday', provisional: false }); // Sunday, 调休上班
  assert.deepEqual(dayKind('2025-10-11', schedules), { working: true, type: 'make_up_workday', provisional: false }); // Saturday, 调休上班
  assert.deepEqual(dayKind('2025-10-12', schedules), { working: false, type: 'weekend', provisional: false }); // plain Sunday
  assert.deepEqual(dayKind('2025-02-04', schedules), { working: false, type: 'day_off', provisional: false }); // 春节, a Tuesday
  assert.deepEqual(dayKind('2025-01-26', schedules), { working: true, type: 'make_up_workday', provisional: false });
  assert.deepEqual(dayKind('2025-02-08', schedules), { working: true, type: 'make_up_workday', provisional: false });
  assert.deepEqual(dayKind('2025-04-27', schedules), { working: true, type: 'make_up_workday', provisional: false });
  assert.deepEqual(dayKind('2025-06-03', schedules), { working: true, type: 'workday', provisional: false });
});

test('a year without a published schedule counts weekdays and says it is provisional', () => {
  assert.deepEqual(dayKind('2027-10-01', schedules), { working: true, type: 'workday', provisional: true });
  assert.equal(periodFrom('2027-03-01', rule({ unit: 'working', length: 5 }), schedules).provisional, true);
  // No 2027 file yet, so 2027-01-01 is counted as a plain Friday.
  // published Mon 2026-12-28: 12-29 1, 12-30 2, 12-31 3, 2027-01-01 4 (provisional), [weekend], 01-04 5
  const p = periodFrom('2026-12-28', rule({ unit: 'working', length: 5 }), schedules);
  assert.equal(p.endDate, '2027-01-04');
  assert.equal(p.provisional, true);
  // The same turn of the year with the 2026 schedule loaded: 元旦 01-01–03 off, Sun 01-04 a make-up day.
  // published Mon 2025-12-29: 12-30 1, 12-31 2, [01-01–03 off], 01-04 3, 01-05 4, 01-06 5
  const known = periodFrom('2025-12-29', rule({ unit: 'working', length: 5 }), schedules);
  assert.deepEqual([known.endDate, known.provisional], ['2026-01-06', false]);
});

test('the last days of December are provisional until the next year’s schedule is loaded', () => {
  // Made-up schedules (source 'test') in the pattern of a 元旦 break starting on 12-30 with a
  // make-up Saturday before it: the next year's notice reaches back into December.
  const with2008: HolidaySchedules = {
    2007: { year: 2007, daysOff: [], makeUpWorkdays: [], source: 'test' },
    2008: { year: 2008, daysOff: ['2007-12-30', '2007-12-31', '2008-01-01'], makeUpWorkdays: ['2007-12-29'], source: 'test' },
  };
  assert.deepEqual(dayKind('2007-12-29', with2008), { working: true, type: 'make_up_workday', provisional: false });
  assert.deepEqual(dayKind('2007-12-31', with2008), { working: false, type: 'day_off', provisional: false });
  const only2007: HolidaySchedules = { 2007: with2008[2007]! };
  assert.deepEqual(dayKind('2007-12-28', only2007), { working: true, type: 'workday', provisional: true });
  assert.deepEqual(dayKind('2007-12-24', only2007), { working: true, type: 'workday', provisional: false });
  // 7 calendar days ending 2026-12-27 (Sun) roll to 12-28: provisional, the 2027 notice is not loaded.
  assert.equal(periodFrom('2026-12-20', rule(), schedules).provisional, true);
  assert.equal(periodFrom('2025-12-20', rule(), schedules).provisional, false, 'the 2026 schedule is loaded');
});

test('“公示7天” counting the posting day: 2025-05-22 to 2025-05-28 (a Zhejiang county notice)', () => {
  const p = periodFrom('2025-05-22', rule({ start: 'publish_day' }), schedules);
  assert.deepEqual([p.startDate, p.endDate, p.endsAt], ['2025-05-22', '2025-05-28', '2025-05-29T00:00:00+08:00']);
  assert.deepEqual(
    p.days.map((d) => d.counted),
    [1, 2, 3, 4, 5, 6, 7],
  );
});

test('7 calendar days from the next day whose last day falls in 国庆 end after the holiday (民法典 art. 203)', () => {
  // published 09-24: 09-25 1 … 10-01 7 (day off) → 10-02 … 10-08 off → 10-09 (Thu)
  const p = periodFrom('2025-09-24', rule(), schedules);
  assert.equal(p.startDate, '2025-09-25');
  assert.equal(p.endDate, '2025-10-09');
  assert.equal(p.provisional, false);
  assert.deepEqual(
    p.days.filter((d) => d.rolledForward).map((d) => d.date),
    ['2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08', '2025-10-09'],
  );
});

test('without roll-forward a calendar-day period may end on a holiday', () => {
  assert.equal(periodFrom('2025-09-24', rule({ rollForwardIfHoliday: false }), schedules).endDate, '2025-10-01');
});

test('a last day that is a plain Sunday rolls to Monday; a make-up Saturday does not roll', () => {
  // published Sun 03-09: 03-10 1 … 03-16 (Sun) 7 → 03-17 Mon
  assert.equal(periodFrom('2025-03-09', rule(), schedules).endDate, '2025-03-17');
  // published Sat 10-04: 10-05 1 … 10-11 (Sat, 调休上班) 7 → stays
  assert.equal(periodFrom('2025-10-04', rule(), schedules).endDate, '2025-10-11');
});

test('5 working days across 国庆 2025 count the make-up Sunday and skip the holiday', () => {
  // published Friday 09-26: 09-28 (Sun, 调休) 1, 09-29 2, 09-30 3, [10-01…10-08 off], 10-09 4, 10-10 5
  const p = periodFrom('2025-09-26', rule({ unit: 'working', length: 5 }), schedules);
  assert.equal(p.endDate, '2025-10-10');
  assert.deepEqual(
    p.days.filter((d) => d.counted !== null).map((d) => d.date),
    ['2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09', '2025-10-10'],
  );
  assert.equal(periodFrom('2025-09-26', rule({ unit: 'working', length: 5, endTime: '17:00' }), schedules).endsAt, '2025-10-10T17:00:00+08:00');
});

test('春节 2025: 5 working days from 01-24 count the make-up Sunday 01-26', () => {
  // 01-25 Sat no, 01-26 Sun 调休 1, 01-27 Mon 2, [01-28…02-04 off], 02-05 3, 02-06 4, 02-07 5
  assert.equal(periodFrom('2025-01-24', rule({ unit: 'working', length: 5 }), schedules).endDate, '2025-02-07');
});

test('a one-day working period that starts on a day off waits for the next working day', () => {
  // published 09-30 counting from 10-01: 10-01 … 10-08 off, 10-09 1
  const p = periodFrom('2025-09-30', rule({ unit: 'working', length: 1 }), schedules);
  assert.equal(p.endDate, '2025-10-09');
  assert.equal(p.days.length, 9);
});

test('a period needs at least one day', () => {
  assert.throws(() => periodFrom('2025-09-30', rule({ length: 0 }), schedules), /at least one day/);
});

test('Beijing dates of instants', () => {
  assert.equal(shanghaiDate(new Date('2025-09-25T16:00:00Z')), '2025-09-26'); // 00:00 Beijing
  assert.equal(shanghaiDate(new Date('2025-09-25T15:59:59Z')), '2025-09-25');
  assert.equal(startOfShanghaiDate('2025-10-01').toISOString(), '2025-09-30T16:00:00.000Z');
});
