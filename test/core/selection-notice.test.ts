/**
 * The public-notice period with the 2025 schedule (国办发明电〔2024〕12号, REFERENCE.md (e)), worked
 * out by hand. 2025 days off: 01-28…02-04 (春节), 10-01…10-08 (国庆+中秋); make-up working days
 * 01-26 (Sun), 02-08 (Sat), 09-28 (Sun), 10-11 (Sat).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { PROGRAMS_DIR, readProgramFile } from '../../src/adapters/programs/files.ts';
import { loadHolidaySchedules } from '../../src/adapters/reference/holidays.ts';
import type { ProgramDefinition } from '../../src/core/programs/definition.ts';
import { noticePeriod, type PublicNoticeClause } from '../../src/core/selection/notice.ts';

const schedules = loadHolidaySchedules();
const load = (file: string): ProgramDefinition => {
  const f = readProgramFile(path.join(PROGRAMS_DIR, file));
  assert.deepEqual(f.problems, []);
  return f.definition!;
};
const hubei = load('hubei-2020-dual-innovation.v1.json').publicNotice!; // 5 working days from the next day (004 三（三）)
const hebei2016 = load('hebei-2016-internet-plus.v1.json').publicNotice!; // 7 calendar days from the next day (000 第七条（三）)
const shandong = load('shandong-2018-platforms.v1.json').publicNotice!; // 5 working days counting the publication day (003 五（二））

/** Published at 10:00 Beijing time on the date. */
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);
const ends = (date: string) => new Date(`${date}T00:00:00+08:00`);

test('the real definitions carry the notice rules these tests rely on', () => {
  assert.deepEqual([hubei.length, hubei.unit, hubei.start, hubei.endTime, hubei.rollForwardIfHoliday], [5, 'working', 'next_day', '24:00', true]);
  assert.deepEqual([hebei2016.length, hebei2016.unit, hebei2016.start], [7, 'calendar', 'next_day']);
  assert.deepEqual([shandong.length, shandong.unit, shandong.start], [5, 'working', 'publish_day']);
});

describe('just before National Day 2025', () => {
  test('7 calendar days published Fri 09-26 end after the holiday on Thu 10-09', () => {
    // 09-27 1, 09-28 2, 09-29 3, 09-30 4, 10-01 5, 10-02 6, 10-03 7 (day off)
    // → roll forward over 10-04 … 10-08 (days off) → 10-09 (Thu, working); closes 10-09 24:00
    const p = noticePeriod(hebei2016, at('2025-09-26'), schedules);
    assert.equal(p.startDate, '2025-09-27');
    assert.equal(p.endDate, '2025-10-09');
    assert.equal(p.endsAt.getTime(), ends('2025-10-10').getTime());
    assert.equal(p.endsAt.toISOString(), '2025-10-09T16:00:00.000Z');
    assert.equal(p.provisional, false);
    assert.deepEqual(
      p.days.map((d) => [d.date, d.counted, d.rolledForward]),
      [
        ['2025-09-27', 1, false],
        ['2025-09-28', 2, false],
        ['2025-09-29', 3, false],
        ['2025-09-30', 4, false],
        ['2025-10-01', 5, false],
        ['2025-10-02', 6, false],
        ['2025-10-03', 7, false],
        ['2025-10-04', null, true],
        ['2025-10-05', null, true],
        ['2025-10-06', null, true],
        ['2025-10-07', null, true],
        ['2025-10-08', null, true],
        ['2025-10-09', null, true],
      ],
    );
    assert.equal(p.citation, '000 第七条（三）');
    assert.equal(p.messages['zh-CN'], '公示期为2025年9月27日至2025年10月9日（7天），截止时间为2025年10月9日24:00');
    assert.equal(p.messages.en, 'Public notice from 2025-09-27 to 2025-10-09 (7 calendar days), closing at 24:00 Beijing time on 2025-10-09');
  });

  test('5 working days published Fri 09-26 count the make-up Sunday 09-28 and end Fri 10-10 (Hubei)', () => {
    // 09-27 Sat —, 09-28 Sun 调休上班 1, 09-29 2, 09-30 3, 10-01 … 10-08 off, 10-09 4, 10-10 5
    const p = noticePeriod(hubei, at('2025-09-26'), schedules);
    assert.deepEqual([p.startDate, p.endDate], ['2025-09-27', '2025-10-10']);
    assert.equal(p.endsAt.getTime(), ends('2025-10-11').getTime());
    assert.deepEqual(
      p.days.filter((d) => d.counted !== null).map((d) => [d.date, d.counted, d.type]),
      [
        ['2025-09-28', 1, 'make_up_workday'],
        ['2025-09-29', 2, 'workday'],
        ['2025-09-30', 3, 'workday'],
        ['2025-10-09', 4, 'workday'],
        ['2025-10-10', 5, 'workday'],
      ],
    );
    assert.equal(p.citation, '004 三（三）');
    assert.equal(p.messages['zh-CN'], '公示期为2025年9月27日至2025年10月10日（5个工作日），截止时间为2025年10月10日24:00');
  });

  test('7 calendar days published Tue 09-30 start on 10-01 and end Thu 10-09', () => {
    // 10-01 1 … 10-07 7 (day off) → 10-08 (day off) → 10-09 (Thu, working)
    const p = noticePeriod(hebei2016, at('2025-09-30'), schedules);
    assert.deepEqual([p.startDate, p.endDate], ['2025-10-01', '2025-10-09']);
    assert.deepEqual(
      p.days.filter((d) => d.rolledForward).map((d) => d.date),
      ['2025-10-08', '2025-10-09'],
    );
  });

  test('5 working days published Tue 09-30 count the make-up Saturday 10-11 and end Tue 10-14 (Hubei)', () => {
    // 10-01 … 10-08 off, 10-09 Thu 1, 10-10 Fri 2, 10-11 Sat 调休上班 3, 10-12 Sun —, 10-13 Mon 4, 10-14 Tue 5
    const p = noticePeriod(hubei, at('2025-09-30'), schedules);
    assert.deepEqual([p.startDate, p.endDate], ['2025-10-01', '2025-10-14']);
    assert.equal(p.endsAt.getTime(), ends('2025-10-15').getTime());
    assert.deepEqual(
      p.days.filter((d) => d.counted !== null).map((d) => d.date),
      ['2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13', '2025-10-14'],
    );
  });

  test('5 working days counting the publication day, published Tue 09-30, end Mon 10-13 (Shandong)', () => {
    // 09-30 Tue 1, 10-01 … 10-08 off, 10-09 2, 10-10 3, 10-11 Sat 调休上班 4, 10-12 Sun —, 10-13 Mon 5
    const p = noticePeriod(shandong, at('2025-09-30'), schedules);
    assert.deepEqual([p.startDate, p.endDate], ['2025-09-30', '2025-10-13']);
  });
});

describe('across the Spring Festival 2025', () => {
  test('7 calendar days published Fri 01-24 end after the holiday on Wed 02-05', () => {
    // 01-25 1, 01-26 2, 01-27 3, 01-28 4, 01-29 5, 01-30 6, 01-31 7 (day off)
    // → 02-01 … 02-04 off → 02-05 (Wed, working)
    const p = noticePeriod(hebei2016, at('2025-01-24'), schedules);
    assert.deepEqual([p.startDate, p.endDate], ['2025-01-25', '2025-02-05']);
    assert.equal(p.endsAt.getTime(), ends('2025-02-06').getTime());
  });

  test('5 working days published Fri 01-24 count the make-up Sunday 01-26 and end Fri 02-07', () => {
    // 01-25 Sat —, 01-26 Sun 调休上班 1, 01-27 Mon 2, 01-28 … 02-04 off, 02-05 3, 02-06 4, 02-07 5
    const p = noticePeriod(hubei, at('2025-01-24'), schedules);
    assert.deepEqual([p.startDate, p.endDate], ['2025-01-25', '2025-02-07']);
  });

  test('7 calendar days published Mon 01-27 end Wed 02-05', () => {
    // 01-28 1 … 02-03 7 (day off) → 02-04 (day off) → 02-05 (Wed, working)
    const p = noticePeriod(hebei2016, at('2025-01-27'), schedules);
    assert.deepEqual([p.startDate, p.endDate], ['2025-01-28', '2025-02-05']);
  });

  test('5 working days published Mon 01-27 count the make-up Saturday 02-08 and end Mon 02-10', () => {
    // 01-28 … 02-04 off, 02-05 Wed 1, 02-06 2, 02-07 3, 02-08 Sat 调休上班 4, 02-09 Sun —, 02-10 Mon 5
    const p = noticePeriod(hubei, at('2025-01-27'), schedules);
    assert.deepEqual([p.startDate, p.endDate], ['2025-01-28', '2025-02-10']);
    assert.deepEqual(
      p.days.filter((d) => d.counted !== null).map((d) => d.date),
      ['2025-02-05', '2025-02-06', '2025-02-07', '2025-02-08', '2025-02-10'],
    );
  });
});

test('the publication date is the Beijing date of the instant', () => {
  // 2025-09-25T17:30Z is 09-26 01:30 in Beijing: counted as published on 09-26.
  const p = noticePeriod(hubei, new Date('2025-09-25T17:30:00Z'), schedules);
  assert.deepEqual([p.startDate, p.endDate], ['2025-09-27', '2025-10-10']);
  // 2025-09-26T15:59Z is still 09-26 23:59 in Beijing.
  assert.equal(noticePeriod(hubei, new Date('2025-09-26T15:59:00Z'), schedules).endDate, '2025-10-10');
});

test('a notice that closes at 17:00 ends at 17:00 Beijing time on the end date', () => {
  const clause: PublicNoticeClause = { ...hubei, endTime: '17:00' };
  assert.equal(noticePeriod(clause, at('2025-09-26'), schedules).endsAt.toISOString(), '2025-10-10T09:00:00.000Z');
});

test('a notice running into a year without a published schedule is provisional and says so', () => {
  // No 2027 file: published Mon 2026-12-28, 12-29 1, 12-30 2, 12-31 3, 2027-01-01 4 (a weekday for now), 01-04 5
  const p = noticePeriod(hubei, at('2026-12-28'), schedules);
  assert.equal(p.endDate, '2027-01-04');
  assert.equal(p.provisional, true);
  assert.match(p.messages['zh-CN'], /尚未公布/);
  assert.match(p.messages.en, /will be recomputed/);
});

test('an invalid instant is refused', () => {
  assert.throws(() => noticePeriod(hubei, new Date('nonsense'), schedules), /not a valid instant/);
});
