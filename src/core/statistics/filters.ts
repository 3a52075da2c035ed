/**
 * The statistics filters as typed in the URL, checked with field-level messages in both languages
 * (the HTTP layer only passes strings through, so every message here reads `label: problem`).
 */
import { fieldError, type Messages } from '../errors.ts';
import { INDUSTRY_PREFIX } from './industry.ts';

export interface RawFilters {
  programCode?: string | undefined;
  callId?: string | undefined;
  year?: string | undefined;
  cityId?: string | undefined;
  direction?: string | undefined;
  industry?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface Filters {
  programCode?: string;
  callId?: string;
  year?: number;
  cityId?: string;
  direction?: string;
  industry?: string;
  from?: string;
  to?: string;
}

const LABELS: Record<keyof RawFilters, Messages> = {
  programCode: { 'zh-CN': '计划', en: 'Program' },
  callId: { 'zh-CN': '申报批次', en: 'Call' },
  year: { 'zh-CN': '年度', en: 'Year' },
  cityId: { 'zh-CN': '地市', en: 'City' },
  direction: { 'zh-CN': '方向', en: 'Direction' },
  industry: { 'zh-CN': '行业', en: 'Industry' },
  from: { 'zh-CN': '开始日期', en: 'From' },
  to: { 'zh-CN': '结束日期', en: 'To' },
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** Checks and normalizes the filters; throws a field error naming the first wrong one. */
export function parseFilters(raw: RawFilters): Filters {
  const out: Filters = {};
  const bad = (field: keyof RawFilters, code: string, problem: Messages) => fieldError(field, code, LABELS[field], problem);
  const text = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

  const programCode = text(raw.programCode);
  if (programCode) out.programCode = programCode;
  for (const field of ['callId', 'cityId'] as const) {
    const v = text(raw[field]);
    if (v === undefined) continue;
    if (!/^\d{1,18}$/.test(v)) throw bad(field, 'id', { 'zh-CN': '编号格式不正确', en: 'is not a valid id' });
    out[field] = v;
  }
  const year = text(raw.year);
  if (year !== undefined) {
    if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) throw bad('year', 'year', { 'zh-CN': '应为 2000 至 2100 之间的年份', en: 'must be a year from 2000 to 2100' });
    out.year = Number(year);
  }
  const direction = text(raw.direction);
  if (direction !== undefined) {
    if (!/^[A-Za-z0-9.-]{1,40}$/.test(direction)) throw bad('direction', 'direction', { 'zh-CN': '方向代码格式不正确', en: 'is not a valid direction code' });
    out.direction = direction;
  }
  const industry = text(raw.industry)?.toUpperCase();
  if (industry !== undefined) {
    if (!INDUSTRY_PREFIX.test(industry)) throw bad('industry', 'industry', { 'zh-CN': '应为行业门类字母，可加 1–4 位数字，如 C 或 C34', en: 'must be a section letter, optionally with 1–4 digits, such as C or C34' });
    out.industry = industry;
  }
  for (const field of ['from', 'to'] as const) {
    const v = text(raw[field]);
    if (v === undefined) continue;
    if (!isRealDate(v)) throw bad(field, 'date', { 'zh-CN': '应为日期，如 2025-10-08', en: 'must be a date such as 2025-10-08' });
    out[field] = v;
  }
  if (out.from && out.to && out.from > out.to) throw bad('to', 'date_order', { 'zh-CN': '不能早于开始日期', en: 'must not be before the start date' });
  return out;
}
