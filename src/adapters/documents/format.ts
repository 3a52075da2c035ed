/**
 * Field values as they are written on a Chinese application form: money from integer fen to 万元 or
 * 元 (exact, with BigInt: never through a float), dates as 2025年10月8日, yes/no as 是/否, choices by
 * their labels, directions as "code name". Each has an English variant for the `en` locale.
 * Pure: no I/O, so the document generators and their tests share one set of rules.
 */
import type { Direction, FormField, ProgramDefinition } from '../../core/programs/definition.ts';
import { PLATFORM, type ReferenceOrganization } from '../../core/reference/organizations.ts';

export type DocumentLocale = 'zh-CN' | 'en';

const FEN_PER_YUAN = 100n;
/** 1 万元 = 10 000 元 = 1 000 000 fen. */
const FEN_PER_WAN = 1_000_000n;
/** China has kept UTC+8 all year since 1991, so Asia/Shanghai is a fixed offset. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** English for the units the program definitions use; a unit not listed is shown as written. */
const UNIT_EN: Readonly<Record<string, string>> = { 人: 'people', 家: 'enterprises', 个: '', '台（套）': 'units', 年: 'years', 元: 'yuan', 项: 'items' };

/** Whether a value counts as not filled in: nothing, an empty or blank string, an empty list. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** "1,234,567": digits grouped by thousands (the written convention in both languages). */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Integer fen as written: with `unit` 万元 "123.45 万元" (up to six decimals, i.e. to the fen, trailing
 * zeros dropped), otherwise "1,234.56 元" (fen shown only when there are some). English: "¥1,234.56".
 */
export function formatFen(fen: number | bigint, unit: string | undefined, locale: DocumentLocale = 'zh-CN'): string {
  const amount = BigInt(fen);
  const sign = amount < 0n ? '-' : '';
  const abs = amount < 0n ? -amount : amount;
  if (locale === 'en') return `${sign}¥${yuanDigits(abs)}`;
  if (unit === '万元') return `${formatWan(amount)} 万元`;
  return `${sign}${yuanDigits(abs)} 元`;
}

/**
 * Integer fen as 万元 without the unit, for a column headed （万元）: "1,234.5678" (up to six decimals,
 * i.e. to the fen, trailing zeros dropped); `grouping: false` gives "1234.5678", which Number() reads exactly.
 */
export function formatWan(fen: number | bigint, grouping = true): string {
  const amount = BigInt(fen);
  const sign = amount < 0n ? '-' : '';
  const abs = amount < 0n ? -amount : amount;
  const digits = (abs / FEN_PER_WAN).toString();
  const fraction = (abs % FEN_PER_WAN).toString().padStart(6, '0').replace(/0+$/, '');
  return `${sign}${grouping ? groupThousands(digits) : digits}${fraction ? `.${fraction}` : ''}`;
}

function yuanDigits(absFen: bigint): string {
  const whole = groupThousands((absFen / FEN_PER_YUAN).toString());
  const cents = absFen % FEN_PER_YUAN;
  return cents === 0n ? whole : `${whole}.${cents.toString().padStart(2, '0')}`;
}

/** A plain number without float noise (0.1 + 0.2 → "0.3") and without exponents. */
function formatNumber(n: number, grouping: boolean): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 6, useGrouping: grouping }).format(n);
}

/** An ISO date (YYYY-MM-DD) as written: "2025年10月8日", "8 October 2025". Anything else is returned as given. */
export function formatIsoDate(iso: string, locale: DocumentLocale = 'zh-CN'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!m) return iso;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return iso;
  return locale === 'en' ? `${day} ${EN_MONTHS[month - 1]} ${year}` : `${year}年${month}月${day}日`;
}

/** The calendar date of an instant in Asia/Shanghai, as ISO (YYYY-MM-DD). */
export function shanghaiIsoDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The date of an instant in Asia/Shanghai: "2025年10月8日". */
export function formatShanghaiDate(at: Date, locale: DocumentLocale = 'zh-CN'): string {
  return formatIsoDate(shanghaiIsoDate(at), locale);
}

/** An instant in Asia/Shanghai to the minute: "2025年10月8日 14:05", "8 October 2025 14:05". */
export function formatShanghaiDateTime(at: Date, locale: DocumentLocale = 'zh-CN'): string {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${formatIsoDate(local.slice(0, 10), locale)} ${local.slice(11, 16)}`;
}

/** A file size as people read it: "980 B", "12.5 KB", "3.2 MB" (binary multiples, one decimal). */
export function formatFileSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let size = bytes;
  let i = 0;
  while (size >= 1024 && i < units.length - 1) {
    size /= 1024;
    i += 1;
  }
  return i === 0 ? `${bytes} B` : `${formatNumber(Math.round(size * 10) / 10, false)} ${units[i]}`;
}

/** The direction with this code anywhere in the tree. */
export function findDirection(directions: readonly Direction[], code: string): Direction | undefined {
  for (const d of directions) {
    if (d.code === code) return d;
    const inner = findDirection(d.children ?? [], code);
    if (inner) return inner;
  }
  return undefined;
}

function findDivision(code: string, at: ReferenceOrganization = PLATFORM): ReferenceOrganization | undefined {
  if (at.divisionCode === code) return at;
  for (const child of at.children ?? []) {
    const found = findDivision(code, child);
    if (found) return found;
  }
  return undefined;
}

function withUnit(text: string, unit: string | undefined, locale: DocumentLocale): string {
  if (!unit) return text;
  const shown = locale === 'en' ? (UNIT_EN[unit] ?? unit) : unit;
  if (!shown) return text;
  return shown === '%' ? `${text}%` : `${text} ${shown}`;
}

function optionLabel(field: FormField, value: unknown, locale: DocumentLocale): string {
  const option = field.options?.find((o) => o.value === String(value));
  return option ? option.label[locale] : String(value);
}

/**
 * One field's value as written on the form, in the given language; "" when it is empty. A value of the
 * wrong shape (e.g. a draft holding text in a money field) is shown as it is rather than dropped.
 */
export function formatFieldValue(field: FormField, value: unknown, definition: Pick<ProgramDefinition, 'directions'>, locale: DocumentLocale = 'zh-CN'): string {
  if (isEmptyValue(value)) return '';
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  switch (field.type) {
    case 'money':
      return typeof value === 'number' && Number.isSafeInteger(value) ? formatFen(value, field.unit, locale) : String(value);
    case 'integer':
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? withUnit(formatNumber(value, true), field.unit, locale) : String(value);
    case 'percent':
      // A percent field holds the percentage as entered (12.5 means 12.5%; the definitions bound them 0–100).
      return typeof value === 'number' && Number.isFinite(value) ? `${formatNumber(value, false)}%` : String(value);
    case 'year':
      return locale === 'en' ? String(value) : `${String(value)}年`;
    case 'date':
      return formatIsoDate(String(value), locale);
    case 'boolean':
      if (typeof value !== 'boolean') return String(value);
      return locale === 'en' ? (value ? 'Yes' : 'No') : value ? '是' : '否';
    case 'select':
      return optionLabel(field, value, locale);
    case 'multiselect':
      return list.map((v) => optionLabel(field, v, locale)).join(locale === 'en' ? ', ' : '、');
    case 'directions':
      return list
        .map((code) => {
          const d = findDirection(definition.directions, String(code));
          return d ? `${d.code} ${d.name[locale]}` : String(code);
        })
        .join(locale === 'en' ? '; ' : '；');
    case 'divisionCode': {
      const division = findDivision(String(value));
      return division ? `${String(value)} ${locale === 'en' ? division.nameEn : division.name}` : String(value);
    }
    case 'table':
      return formatTableRows(field, value, definition, locale)
        .map((row) => row.map((cell, i) => `${field.columns?.[i]?.label[locale] ?? ''}: ${cell}`).join(locale === 'en' ? '; ' : '；'))
        .join('\n');
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** A table field's rows, each cell formatted by its column; rows that are not objects are skipped. */
export function formatTableRows(field: FormField, value: unknown, definition: Pick<ProgramDefinition, 'directions'>, locale: DocumentLocale = 'zh-CN'): string[][] {
  if (!Array.isArray(value)) return [];
  const columns = field.columns ?? [];
  return value
    .filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null && !Array.isArray(row))
    .map((row) => columns.map((column) => formatFieldValue(column, row[column.id], definition, locale)));
}
