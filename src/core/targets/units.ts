/**
 * The units a target plan states its values in (src/core/programs/definition.ts `target.unit`), and
 * how each is checked and written. Money is integer fen ('fen'), shares are basis points ('bp', or
 * 'bp（2015年比例=10000）' for a share relative to a base year), ranks are places ('名'), and the
 * rest are counts (个, 家) or plain quantities (指数, Gbps).
 *
 * The texts written here are the ones the dashboard, its export and the web screen all show, so the
 * three agree to the character.
 */
import type { Messages } from '../errors.ts';

export type UnitKind = 'money' | 'basis_points' | 'rank' | 'count' | 'quantity';

const COUNT_UNITS = new Set(['个', '家', '家（新增）', '项']);

export function unitKind(unit: string): UnitKind {
  if (unit === 'fen') return 'money';
  if (/^bp/.test(unit)) return 'basis_points';
  if (unit === '名') return 'rank';
  if (COUNT_UNITS.has(unit)) return 'count';
  return 'quantity';
}

/** Whether a value may be recorded in this unit; `null` when it may, else the problem. */
export function valueProblem(unit: string, value: number): Messages | null {
  if (!Number.isFinite(value)) return { 'zh-CN': '应为数字', en: 'must be a number' };
  const kind = unitKind(unit);
  if (kind === 'rank') {
    if (!Number.isInteger(value) || value < 1) return { 'zh-CN': '名次应为不小于 1 的整数', en: 'a rank must be a whole number of at least 1' };
    return null;
  }
  if (value < 0) return { 'zh-CN': '不能小于 0', en: 'must be at least 0' };
  if (kind === 'money' && !Number.isInteger(value)) return { 'zh-CN': '金额应精确到分', en: 'must be an amount to the fen' };
  if (kind === 'basis_points' && !Number.isInteger(value)) return { 'zh-CN': '比例最多保留两位小数', en: 'a share takes at most two decimals' };
  if (kind === 'count' && !Number.isInteger(value)) return { 'zh-CN': '数量应为整数', en: 'a count must be a whole number' };
  if (kind === 'quantity' && Math.round(value * 10_000) !== value * 10_000) return { 'zh-CN': '最多保留四位小数', en: 'takes at most four decimals' };
  if (value > 1e15) return { 'zh-CN': '数值过大', en: 'is too large' };
  return null;
}

export type Language = 'zh-CN' | 'en';

const grouped = (digits: number, language: Language) => new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits });

/** 1 万元 = 1 000 000 fen. */
const FEN_PER_WAN = 1_000_000;

/** Money as the screens write it (web/src/lib/money.ts formatFen): 万元 from 1 万元 up, 元 below; ¥ in English. */
export function formatMoney(fen: number, language: Language): string {
  if (language === 'en') return `¥${grouped(2, 'en').format(fen / 100)}`;
  if (Math.abs(fen) >= FEN_PER_WAN) return `${grouped(6, 'zh-CN').format(fen / FEN_PER_WAN)} 万元`;
  return `${grouped(2, 'zh-CN').format(fen / 100)} 元`;
}

const EN_UNITS: Record<string, string> = { 个: '', 家: ' enterprises', '家（新增）': ' new enterprises', 项: '', 指数: '' };

/**
 * A value in its unit: "4,000,000 万元", "50%", "200%（2015年比例=100%）", "第10名", "100个", "32,000 Gbps".
 * A relative share keeps its note, with the base written as 100%.
 */
export function formatTargetValue(value: number, unit: string, language: Language): string {
  switch (unitKind(unit)) {
    case 'money':
      return formatMoney(value, language);
    case 'basis_points': {
      const note = unit.replace(/^bp/, '').replace(/=(\d+)/, (_m, bp: string) => `=${grouped(2, 'en').format(Number(bp) / 100)}%`);
      return `${grouped(2, 'en').format(value / 100)}%${note}`;
    }
    case 'rank':
      return language === 'en' ? `No. ${value}` : `第${value}名`;
    case 'count':
      return language === 'en' ? `${grouped(0, 'en').format(value)}${EN_UNITS[unit] ?? ` ${unit}`}` : `${grouped(0, 'zh-CN').format(value)}${unit}`;
    case 'quantity': {
      const number = grouped(4, language).format(value);
      if (unit === '指数') return number;
      return `${number} ${language === 'en' ? (EN_UNITS[unit] ?? unit).trim() || unit : unit}`.trim();
    }
  }
}

/** A share of the way to a target (0.5 = halfway) as "50.0%". */
export function formatShare(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}
