import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashSeed, mulberry32, pick, seededRandom } from '../../src/core/oversight/prng.ts';
import { drawSample, requiredSampleSize, type SampleProject } from '../../src/core/oversight/spot-check.ts';

const projects = (byCity: Record<string, number>): SampleProject[] => {
  let n = 0;
  return Object.entries(byCity).flatMap(([city, count]) => Array.from({ length: count }, () => ({ id: String(++n), cityId: city, cityName: `city ${city}` })));
};

describe('spot-check sample size', () => {
  it('rounds the share up: 20% of 11 is 3, of 10 is 2, of 1 is 1', () => {
    assert.equal(requiredSampleSize(11, 2000), 3);
    assert.equal(requiredSampleSize(10, 2000), 2);
    assert.equal(requiredSampleSize(1, 2000), 1);
    assert.equal(requiredSampleSize(0, 2000), 0);
    assert.equal(requiredSampleSize(7, 10_000), 7);
  });
});

describe('drawSample', () => {
  const population = projects({ '10': 5, '20': 4, '30': 2 });

  it('draws at least the share, stratified by city in proportion (largest remainder)', () => {
    const s = drawSample(population, { minShare: 2000, stratifiedBy: 'city', seed: 'abc' });
    assert.equal(s.required, 3);
    assert.equal(s.ids.length, 3);
    assert.equal(new Set(s.ids).size, 3, 'no project twice');
    const byCity = Object.fromEntries(s.strata.map((x) => [x.cityId, x.sampled]));
    // quotas 5×3/11 = 1.36, 4×3/11 = 1.09, 2×3/11 = 0.55 → 1, 1, then the largest remainder (0.55) → 1
    assert.deepEqual(byCity, { '10': 1, '20': 1, '30': 1 });
    for (const st of s.strata) {
      const inCity = population.filter((p) => p.cityId === st.cityId).map((p) => p.id);
      const drawn = s.ids.filter((id) => inCity.includes(id));
      assert.equal(drawn.length, st.sampled, `city ${st.cityId} drawn from its own projects`);
    }
  });

  it('gives a large city its proportional share', () => {
    const s = drawSample(projects({ a: 40, b: 10 }), { minShare: 2000, stratifiedBy: 'city', seed: 'x' });
    assert.deepEqual(
      s.strata.map((x) => [x.cityId, x.sampled]),
      [
        ['a', 8],
        ['b', 2],
      ],
    );
  });

  it('is the same for the same seed whatever the input order, and differs for another seed', () => {
    const big = projects({ '1': 30, '2': 25, '3': 20 });
    const a = drawSample(big, { minShare: 2000, stratifiedBy: 'city', seed: 'seed-1' });
    const b = drawSample([...big].reverse(), { minShare: 2000, stratifiedBy: 'city', seed: 'seed-1' });
    assert.deepEqual(a.ids, b.ids);
    const c = drawSample(big, { minShare: 2000, stratifiedBy: 'city', seed: 'seed-2' });
    assert.notDeepEqual([...a.ids].sort(), [...c.ids].sort());
    assert.equal(c.ids.length, 15);
  });

  it('draws from one stratum when not stratified', () => {
    const s = drawSample(population, { minShare: 5000, stratifiedBy: 'none', seed: 's' });
    assert.equal(s.strata.length, 1);
    assert.equal(s.ids.length, 6);
  });
});

describe('prng', () => {
  it('mulberry32 is deterministic and within [0, 1)', () => {
    const r1 = mulberry32(42);
    const r2 = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => r1());
    assert.deepEqual(xs.slice(0, 5), Array.from({ length: 5 }, () => r2()));
    assert.ok(xs.every((x) => x >= 0 && x < 1), 'every value in [0, 1)');
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(Math.abs(mean - 0.5) < 0.05, `mean near 0.5, got ${mean}`);
  });
  it('hashes seeds (FNV-1a) and picks without repetition', () => {
    assert.equal(hashSeed(''), 0x811c9dc5);
    assert.notEqual(hashSeed('a'), hashSeed('b'));
    const chosen = pick(seededRandom('k'), [1, 2, 3, 4, 5], 5);
    assert.deepEqual([...chosen].sort(), [1, 2, 3, 4, 5]);
  });
});
