/**
 * Money and rates as people in China read them. The platform stores money as integer fen and shares
 * and rates as basis points (src/core/programs/definition.ts); screens show 万元 for large sums, 元
 * below that, and rates as percentages.
 */
import type { Language } from '../i18n.ts';

export const FEN_PER_YUAN = 100;
/** 1 万元 = 10 000 元 = 1 000 000 fen. */
export const FEN_PER_WAN = 1_000_000;

/** 万元 as typed (up to six decimals, i.e. to the fen) → integer fen. */
export function wanToFen(wan: number): number {
  return Math.round(wan * FEN_PER_WAN);
}

/** Integer fen → 万元 (a number for an input box). */
export function fenToWan(fen: number): number {
  return fen / FEN_PER_WAN;
}

/** A percentage as typed (20, 12.5) → basis points (2000, 1250). */
export function percentToBp(percent: number): number {
  return Math.round(percent * 100);
}

export function bpToPercent(bp: number): number {
  return bp / 100;
}

const zhNumber = (digits: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits });
const enNumber = (digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits === 2 ? 2 : 0 });

/**
 * An amount in fen as it is written: "100 万元" from 1 万元 up, "5,000 元" or "5,000.50 元" below;
 * in English "¥1,000,000" (with fen only when there are some).
 */
export function formatFen(fen: number, language: Language): string {
  if (!Number.isFinite(fen)) return '—';
  if (language === 'en') {
    const hasFen = fen % FEN_PER_YUAN !== 0;
    return `¥${enNumber(hasFen ? 2 : 0).format(fen / FEN_PER_YUAN)}`;
  }
  if (Math.abs(fen) >= FEN_PER_WAN) return `${zhNumber(6).format(fen / FEN_PER_WAN)} 万元`;
  const hasFen = fen % FEN_PER_YUAN !== 0;
  const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: hasFen ? 2 : 0, maximumFractionDigits: 2 }).format(fen / FEN_PER_YUAN);
  return `${yuan} 元`;
}

/** Basis points as a percentage: 2000 → "20%", 1250 → "12.5%". */
export function formatBp(bp: number): string {
  if (!Number.isFinite(bp)) return '—';
  return `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(bp / 100)}%`;
}

/**
 * A money field's amount in the unit it is shown in: 万元 when the field says so, else 元 (the
 * program definition's `unit`); the value itself is always integer fen.
 */
export function fenToUnit(fen: number, unit: string | undefined): number {
  return unit === '万元' ? fenToWan(fen) : fen / FEN_PER_YUAN;
}

/** The amount typed in the field's unit (万元 or 元) → integer fen. */
export function unitToFen(amount: number, unit: string | undefined): number {
  return unit === '万元' ? wanToFen(amount) : Math.round(amount * FEN_PER_YUAN);
}
