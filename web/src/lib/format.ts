/** Dates as people in China read them: Asia/Shanghai, 2025年10月8日 14:05 (English: 8 Oct 2025, 14:05). */
import { useLanguage, type Language } from '../i18n.ts';

export const TIME_ZONE = 'Asia/Shanghai';

const numeric = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const englishDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const englishDate = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });

/** The wall-clock fields of an instant in Shanghai. */
export function shanghaiParts(date: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, string> = {};
  for (const part of numeric.formatToParts(date)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatDateTime(value: string | Date | null | undefined, language: Language, withSeconds = false): string {
  const date = toDate(value);
  if (!date) return '—';
  if (language === 'en') {
    const text = englishDateTime.format(date);
    return withSeconds ? `${text}:${pad(shanghaiParts(date).second)}` : text;
  }
  const p = shanghaiParts(date);
  return `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}${withSeconds ? `:${pad(p.second)}` : ''}`;
}

export function formatDate(value: string | Date | null | undefined, language: Language): string {
  const date = toDate(value);
  if (!date) return '—';
  if (language === 'en') return englishDate.format(date);
  const p = shanghaiParts(date);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** Formatters bound to the current language. */
export function useFormat() {
  const language = useLanguage();
  return {
    language,
    dateTime: (value: string | Date | null | undefined, withSeconds = false) => formatDateTime(value, language, withSeconds),
    date: (value: string | Date | null | undefined) => formatDate(value, language),
  };
}
