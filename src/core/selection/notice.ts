/**
 * The public-notice period (公示期) of a program's shortlist, from the definition's `publicNotice`
 * clause and the instant the notice was published. The counting itself is the calendar's
 * (../calendar.ts, 民法典 arts. 201–203 as in REFERENCE.md (e)); this adds the Beijing date of the
 * publication, the end as an instant, and the wording shown on the notice.
 */
import { periodFrom, shanghaiDate, type HolidaySchedules, type PeriodDay } from '../calendar.ts';
import type { Messages } from '../errors.ts';
import type { ProgramDefinition } from '../programs/definition.ts';

export type PublicNoticeClause = Pick<NonNullable<ProgramDefinition['publicNotice']>, 'length' | 'unit' | 'start' | 'endTime' | 'rollForwardIfHoliday' | 'citation'>;

export interface NoticePeriod {
  /** Asia/Shanghai dates, both included. */
  startDate: string;
  endDate: string;
  /** The instant the notice closes: 24:00 of the end date is 00:00+08:00 of the next day. */
  endsAt: Date;
  /** A day the result depends on lies in a year with no loaded holiday schedule; recompute when it is published. */
  provisional: boolean;
  /** Every day from the start date to the end date and how it was counted. */
  days: PeriodDay[];
  /** The wording for the notice, e.g. 公示期为2025年9月27日至2025年10月10日（5个工作日）. */
  messages: Messages;
  citation: string;
}

const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * The notice period of a notice published at `publishedAt`, counted in Beijing dates with the
 * given holiday schedules (loaded from reference/holidays/ by the caller).
 */
export function noticePeriod(publicNotice: PublicNoticeClause, publishedAt: Date, schedules: HolidaySchedules): NoticePeriod {
  if (Number.isNaN(publishedAt.getTime())) throw new Error('publishedAt is not a valid instant');
  const p = periodFrom(shanghaiDate(publishedAt), publicNotice, schedules);
  const unitZh = publicNotice.unit === 'working' ? '个工作日' : '天';
  const unitEn = publicNotice.unit === 'working' ? 'working days' : 'calendar days';
  const provisionalZh = p.provisional ? '；该期间所涉年份的放假安排尚未公布，暂按周一至周五计算，公布后重新核定' : '';
  const provisionalEn = p.provisional ? '; the holiday schedule of a year in it is not yet published, so it is counted Monday to Friday for now and will be recomputed' : '';
  return {
    startDate: p.startDate,
    endDate: p.endDate,
    endsAt: new Date(p.endsAt),
    provisional: p.provisional,
    days: p.days,
    messages: {
      'zh-CN': `公示期为${zhDate(p.startDate)}至${zhDate(p.endDate)}（${publicNotice.length}${unitZh}），截止时间为${zhDate(p.endDate)}${publicNotice.endTime}${provisionalZh}`,
      en: `Public notice from ${p.startDate} to ${p.endDate} (${publicNotice.length} ${unitEn}), closing at ${publicNotice.endTime} Beijing time on ${p.endDate}${provisionalEn}`,
    },
    citation: publicNotice.citation,
  };
}
