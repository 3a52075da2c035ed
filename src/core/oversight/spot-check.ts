/**
 * The spot-check sample of funded projects (001 三: at least 20% each year), reproducible from its seed.
 *
 * How many: required = ⌈population × minShare / 10 000⌉ (rounding up: 20% of 11 is 3), and at least
 * one when there is any project.
 *
 * Allocation by city (stratifiedBy 'city'), by largest remainder (Hamilton): each city first gets
 * ⌊its projects × required / population⌋, then the seats still missing to reach `required` go one
 * each to the cities with the largest remainders (ties: the city with more projects, then an order
 * drawn from the seed). So the total is exactly the required minimum, each city's share is its
 * proportional share rounded down or up, and no city gets more than it has. With stratifiedBy 'none'
 * all projects form one stratum.
 *
 * Which: within each city, the projects are put in a canonical order (by id) and the first k of a
 * seeded Fisher–Yates shuffle are taken; the random stream is consumed city by city in city-id
 * order, so the same seed and the same population always give the same sample, whatever order the
 * projects were listed in.
 */
import { pick, seededRandom } from './prng.ts';

export interface SampleProject {
  id: string;
  cityId: string;
  cityName: string;
}

export interface Stratum {
  cityId: string;
  cityName: string;
  population: number;
  sampled: number;
}

export interface Sample {
  seed: string;
  minShare: number;
  population: number;
  required: number;
  strata: Stratum[];
  /** The sampled project ids, by city then in drawing order. */
  ids: string[];
}

const BASIS = 10_000;

/** ⌈population × share / 10 000⌉ in integers (no floating point), at least 1 when there is a project. */
export function requiredSampleSize(population: number, minShare: number): number {
  if (population <= 0) return 0;
  return Math.min(population, Math.max(1, Math.ceil((population * minShare) / BASIS)));
}

const byId = (a: string, b: string) => (a.length - b.length) || (a < b ? -1 : a > b ? 1 : 0);

export function drawSample(projects: readonly SampleProject[], options: { minShare: number; stratifiedBy: 'city' | 'none'; seed: string }): Sample {
  const random = seededRandom(options.seed);
  const population = projects.length;
  const required = requiredSampleSize(population, options.minShare);

  const groups = new Map<string, { cityName: string; ids: string[] }>();
  for (const p of projects) {
    const key = options.stratifiedBy === 'city' ? p.cityId : '';
    const g = groups.get(key) ?? { cityName: options.stratifiedBy === 'city' ? p.cityName : '', ids: [] };
    g.ids.push(p.id);
    groups.set(key, g);
  }
  const keys = [...groups.keys()].sort(byId);

  // Largest remainder, in integers: quota numerator = n_c × required, divided by the population.
  const alloc = keys.map((k) => {
    const n = groups.get(k)!.ids.length;
    const num = n * required;
    return { key: k, n, base: Math.floor(num / Math.max(population, 1)), remainder: num % Math.max(population, 1), tie: random() };
  });
  let missing = required - alloc.reduce((s, a) => s + a.base, 0);
  const order = [...alloc].sort((a, b) => b.remainder - a.remainder || b.n - a.n || a.tie - b.tie);
  for (const a of order) {
    if (missing <= 0) break;
    if (a.base < a.n) {
      a.base += 1;
      missing -= 1;
    }
  }

  const strata: Stratum[] = [];
  const ids: string[] = [];
  for (const a of alloc) {
    const g = groups.get(a.key)!;
    const chosen = pick(random, [...g.ids].sort(byId), a.base);
    ids.push(...chosen);
    strata.push({ cityId: a.key, cityName: g.cityName, population: a.n, sampled: a.base });
  }
  return { seed: options.seed, minShare: options.minShare, population, required, strata, ids };
}
