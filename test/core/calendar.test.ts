import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayKind, periodFrom } from '../../src/core/calendar.ts';

const rule = (over: Partial<Parameters<typeof periodFrom>[1]> = {}) => ({ length: 7, unit: 'calendar' as const, start: 'next_day' as const, endTime: '24:00' as const, rollForwardIfHoliday: true, ...over });

test('2025 schedule: days off and make-up working days', () => {
  assert.deepEqual(dayKind('2025-10-03'), { working: false, provisional: false }); // 国庆
  assert.deepEqual(dayKind('2025-09-28'), { working: true, provisional: false }); // Sunday, 调休上班
  assert.deepEqual(dayKind('2025-10-11'), { working: true, provisional: false }); // Saturday, 调休上班
  assert.deepEqual(dayKind('2025-10-12'), { working: false, provisional: false }); // plain Sunday
  assert.deepEqual(dayKind('2025-02-04'), { working: false, provisional: false }); // 春节, a Tuesday
});

test('a year without a published schedule counts weekdays and says it is provisional', () => {
  assert.deepEqual(dayKind('2027-10-01'), { working: true, provisional: true });
  assert.equal(periodFrom('2027-03-01', rule({ unit: 'working', length: 5 })).provisional, true);
});

test('“公示7天” counting the posting day: 2025-05-22 to 2025-05-28 (a Zhejiang county notice)', () => {
  const p = periodFrom('2025-05-22', rule({ start: 'publish_day' }));
  assert.deepEqual([p.startDate, p.endDate, p.endsAt], ['2025-05-22', '2025-05-28', '2025-05-29T00:00:00+08:00']);
});

test('7 calendar days from the next day whose last day falls in 国庆 end after the holiday (民法典 art. 203)', () => {
  const p = periodFrom('2025-09-24', rule());
  assert.equal(p.startDate, '2025-09-25');
  assert.equal(p.endDate, '2025-10-09'); // 10-01 is a day off, and so is every day to 10-08
  assert.equal(p.provisional, false);
});

test('5 working days across 国庆 2025 count the make-up Sunday and skip the holiday', () => {
  // published Friday 09-26: 09-28 (Sun, 调休) 1, 09-29 2, 09-30 3, [10-01…10-08 off], 10-09 4, 10-10 5
  const p = periodFrom('2025-09-26', rule({ unit: 'working', length: 5 }));
  assert.equal(p.endDate, '2025-10-10');
  assert.equal(periodFrom('2025-09-26', rule({ unit: 'working', length: 5, endTime: '17:00' })).endsAt, '2025-10-10T17:00:00+08:00');
});

test('春节 2025: 5 working days from 01-24 count the make-up Sunday 01-26', () => {
  // 01-25 Sat no, 01-26 Sun 调休 1, 01-27 Mon 2, [01-28…02-04 off], 02-05 3, 02-06 4, 02-07 5
  assert.equal(periodFrom('2025-01-24', rule({ unit: 'working', length: 5 })).endDate, '2025-02-07');
});
