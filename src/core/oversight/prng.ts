/**
 * A small seeded pseudo-random generator, so that a spot-check sample can be drawn again from its
 * recorded seed and come out the same.
 *
 * The seed is any text: it is hashed to 32 bits with FNV-1a, then fed to mulberry32 (Tommy Ettinger's
 * 32-bit generator: a Weyl sequence with step 0x6D2B79F5, mixed by two multiply-xorshift rounds). Not
 * cryptographic — it only has to be reproducible and evenly spread; the seed itself is drawn from a
 * cryptographic source by the use case and recorded with the sample.
 */

/** FNV-1a, 32 bits, over the UTF-16 code units of the text. */
export function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: returns a function giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededRandom(seed: string): () => number {
  return mulberry32(hashSeed(seed));
}

/** An integer in [0, n). */
export function nextInt(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/** The first k of a Fisher–Yates shuffle of a copy of items (the input is not changed). */
export function pick<T>(random: () => number, items: readonly T[], k: number): T[] {
  const a = [...items];
  const n = Math.min(k, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + nextInt(random, a.length - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}
