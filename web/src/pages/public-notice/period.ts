/** The notice period in words: 2025年9月29日至2025年10月9日（7天），截止 2025年10月9日 24:00. */
import type { TFunction } from 'i18next';

export interface PeriodLike {
  startDate: string;
  endDate: string;
  endTime: string;
  unit: 'calendar' | 'working';
  length: number;
}

/** An ISO date (already a Beijing date) as 2025年10月8日, or 8 Oct 2025 in English. */
export function isoDateText(date: string, language: 'zh-CN' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number);
  if (language === 'en') return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `${y}年${m}月${d}日`;
}

export function periodText(p: PeriodLike, language: 'zh-CN' | 'en', t: TFunction): string {
  const range = t('publicNotice.periodRange', { start: isoDateText(p.startDate, language), end: isoDateText(p.endDate, language) });
  const unit = t(`publicNotice.unit.${p.unit}`, { count: p.length });
  const ends = t('publicNotice.endsAt', { date: isoDateText(p.endDate, language), time: p.endTime });
  return language === 'en' ? `${range} (${unit}), ${ends}` : `${range}（${unit}），${ends}`;
}
