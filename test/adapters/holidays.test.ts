import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { HOLIDAYS_DIR, loadHolidaySchedules } from '../../src/adapters/reference/holidays.ts';
import { noticePeriod } from '../../src/core/selection/notice.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
/** A fresh folder holding the given files. */
const folder = (files: Record<string, unknown>) => {
  const dir = path.join(tmp, String((n += 1)));
  fs.mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
};
/** A made-up schedule for a far year, only to exercise the loader. */
const sample = { year: 2099, source: 'test fixture, not a real notice', publishedOn: '2098-11-01', daysOff: ['2099-01-01', { name: '春节', from: '2099-01-20', to: '2099-01-27' }], makeUpWorkdays: ['2099-01-18'] };

test('the shipped folder holds the published schedules: 2025 (国办发明电〔2024〕12号) and 2026 (of 2025-11-04), no invented later year', () => {
  const s = loadHolidaySchedules(HOLIDAYS_DIR);
  assert.deepEqual(Object.keys(s), ['2025', '2026']);
  const y = s[2025]!;
  assert.match(y.source, /国办发明电〔2024〕12号/);
  assert.equal(y.publishedOn, '2024-11-12');
  assert.equal(y.daysOff.length, 28); // 1 + 8 + 3 + 5 + 3 + 8
  assert.deepEqual(y.makeUpWorkdays, ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  assert.ok(y.daysOff.includes('2025-02-04') && y.daysOff.includes('2025-10-08') && !y.daysOff.includes('2025-10-09'), '2025: 春节 ends 02-04, 国庆 ends 10-08');
  const z = s[2026]!;
  assert.equal(z.publishedOn, '2025-11-04');
  assert.equal(z.daysOff.length, 33); // 3 + 9 + 3 + 5 + 3 + 3 + 7
  assert.deepEqual(z.makeUpWorkdays, ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  assert.ok(z.daysOff.includes('2026-02-15') && z.daysOff.includes('2026-02-23') && !z.daysOff.includes('2026-02-24'), '2026: 春节 is 02-15 to 02-23');
});

test('2026 notice periods over the Spring Festival and National Day, with their make-up working days', () => {
  const schedules = loadHolidaySchedules(HOLIDAYS_DIR);
  const working = { length: 5, unit: 'working', start: 'next_day', endTime: '24:00', rollForwardIfHoliday: true, citation: '004 三（三）' } as const;
  // Published Thu 2026-02-12: Fri 13 (1), Sat 14 make-up day (2), 15–23 off, Tue 24 (3), 25 (4), 26 (5).
  const spring = noticePeriod(working, new Date('2026-02-12T10:00:00+08:00'), schedules);
  assert.deepEqual([spring.startDate, spring.endDate, spring.provisional], ['2026-02-13', '2026-02-26', false]);
  assert.equal(spring.endsAt.toISOString(), '2026-02-26T16:00:00.000Z');
  // Published Tue 2026-09-29: Wed 30 (1), 10-01–07 off, Thu 8 (2), Fri 9 (3), Sat 10 make-up day (4), Mon 12 (5).
  const national = noticePeriod(working, new Date('2026-09-29T15:30:00+08:00'), schedules);
  assert.deepEqual([national.startDate, national.endDate], ['2026-09-30', '2026-10-12']);
  assert.match(national.messages['zh-CN'], /公示期为2026年9月30日至2026年10月12日（5个工作日）/);
  // Seven calendar days from Tue 09-29 would end on Mon 10-05, a day off: it rolls forward to Thu 10-08.
  const calendar = noticePeriod({ ...working, length: 7, unit: 'calendar', citation: '000 第七条（三）' }, new Date('2026-09-28T09:00:00+08:00'), schedules);
  assert.deepEqual([calendar.startDate, calendar.endDate], ['2026-09-29', '2026-10-08']);
});

test('a valid file: ranges are expanded to dates, other files in the folder are ignored', () => {
  const dir = folder({ '2099.json': sample, 'README.md': '# notes', 'draft-2100.json': '{ not read' });
  const s = loadHolidaySchedules(dir);
  assert.deepEqual(Object.keys(s), ['2099']);
  assert.deepEqual(s[2099], {
    year: 2099,
    daysOff: ['2099-01-01', '2099-01-20', '2099-01-21', '2099-01-22', '2099-01-23', '2099-01-24', '2099-01-25', '2099-01-26', '2099-01-27'],
    makeUpWorkdays: ['2099-01-18'],
    source: 'test fixture, not a real notice',
    publishedOn: '2098-11-01',
  });
});

test('HOLIDAYS_DIR names another folder', () => {
  const dir = folder({ '2099.json': sample });
  const before = process.env.HOLIDAYS_DIR;
  process.env.HOLIDAYS_DIR = dir;
  try {
    assert.deepEqual(Object.keys(loadHolidaySchedules()), ['2099']);
  } finally {
    if (before === undefined) delete process.env.HOLIDAYS_DIR;
    else process.env.HOLIDAYS_DIR = before;
  }
});

test('a malformed file is refused with the file name and the field', () => {
  const dir = folder({ '2099.json': { ...sample, daysOff: ['2099-01-01', { from: '2099-02-01', to: '2099-02-30' }] } });
  assert.throws(() => loadHolidaySchedules(dir), (err: Error) => {
    assert.match(err.message, /^节假日安排文件有误 \/ invalid holiday schedule/);
    assert.match(err.message, /\n {2}2099\.json: daysOff\.1\.to: /);
    return true;
  });
});

test('every problem of every file is listed', () => {
  const dir = folder({
    '2098.json': { ...sample, year: 2098, publishedOn: '2097-11-01', daysOff: ['2098-01-01'], makeUpWorkdays: ['2098-01-06', '2098-01-01'] },
    '2097.json': sample,
    '2100.json': '{ "year": 2100,',
    '2101.json': { ...sample, year: 2101, daysOff: [{ from: '2101-02-03', to: '2101-02-01' }, '2099-06-01'], makeUpWorkdays: [], extra: true },
  });
  assert.throws(() => loadHolidaySchedules(dir), (err: Error) => {
    const lines = err.message.split('\n').slice(1);
    assert.equal(lines[0], '  2097.json: year: 2099 does not match the file name');
    assert.deepEqual(lines.slice(1, 4), [
      '  2098.json: makeUpWorkdays.0: 2098-01-06 is a weekday; a make-up working day is a Saturday or Sunday',
      '  2098.json: makeUpWorkdays.1: 2098-01-01 is a weekday; a make-up working day is a Saturday or Sunday',
      '  2098.json: makeUpWorkdays.1: 2098-01-01 is also listed as a day off',
    ]);
    assert.match(lines[4]!, /^ {2}2100\.json: not valid JSON: /);
    assert.ok(lines.some((l) => /^ {2}2101\.json: \(file\): Unrecognized key/.test(l)), lines.join('\n'));
    return true;
  });
  const dir2 = folder({ '2099.json': { ...sample, daysOff: [{ from: '2099-02-03', to: '2099-02-01' }], makeUpWorkdays: [] } });
  assert.throws(() => loadHolidaySchedules(dir2), (err: Error) => {
    assert.deepEqual(err.message.split('\n').slice(1), ['  2099.json: daysOff.0.to: from must not be after to']);
    return true;
  });
  // A schedule may reach back to 12-25 of the year before (元旦 breaks), no further.
  const dir3 = folder({ '2099.json': { ...sample, daysOff: ['2097-06-01', '2098-12-28'], makeUpWorkdays: ['2098-12-24'] } });
  assert.throws(() => loadHolidaySchedules(dir3), (err: Error) => {
    assert.deepEqual(err.message.split('\n').slice(1), [
      '  2099.json: daysOff.0.from: 2097-06-01 is not in 2099 (nor on or after 2098-12-25)',
      '  2099.json: makeUpWorkdays.0: 2098-12-24 is not in 2099 (nor on or after 2098-12-25)',
    ]);
    return true;
  });
});

test('a missing folder stops the start with its path', () => {
  assert.throws(() => loadHolidaySchedules(path.join(tmp, 'nowhere')), /holiday schedule folder not found: .*nowhere/);
});
