/**
 * Money arithmetic in integer fen (分). No floats: rates and shares are basis points (1% = 100 bp)
 * and products go through BigInt, so amounts up to Number.MAX_SAFE_INTEGER fen stay exact.
 *
 * Rounding rule: round half up to the fen (四舍五入到分) — a result of x.5 fen becomes x + 1.
 */

/** round half up of (amountFen × numerator / denominator), for non-negative integer inputs. */
export function mulDivRoundHalfUp(amountFen: number, numerator: number, denominator: number): number {
  assertFen(amountFen);
  if (!Number.isSafeInteger(numerator) || numerator < 0) throw new RangeError(`numerator must be a non-negative integer, got ${numerator}`);
  if (!Number.isSafeInteger(denominator) || denominator <= 0) throw new RangeError(`denominator must be a positive integer, got ${denominator}`);
  const n = BigInt(amountFen) * BigInt(numerator);
  const d = BigInt(denominator);
  const q = (2n * n + d) / (2n * d);
  return toSafe(q);
}

/** The share of an amount at a rate in basis points, rounded half up to the fen. */
export function applyBasisPoints(amountFen: number, bp: number): number {
  return mulDivRoundHalfUp(amountFen, bp, 10_000);
}

export function assertFen(v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`an amount must be a non-negative whole number of fen, got ${v}`);
}

/** A sum of fen amounts, exact (throws past the safe-integer range rather than losing fen). */
export function sumFen(values: readonly number[]): number {
  let s = 0n;
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw new RangeError(`not a whole number of fen: ${v}`);
    s += BigInt(v);
  }
  return toSafe(s);
}

function toSafe(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError('amount out of range');
  return Number(v);
}

/** 1,234,567 fen → "12,345.67" (元, for explanations; the web formats with its own helper). */
export function formatYuan(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${neg ? '-' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
