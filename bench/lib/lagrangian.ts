/**
 * An upper bound on the assignment's total match score by Lagrangian relaxation of the experts' load
 * constraints, for pools too large for the platform's HiGHS bound.
 *
 * For any prices λ_e ≥ 0 (maximum load) and μ_e ≥ 0 (minimum load),
 *   L(λ, μ) = Σ_e (λ_e·maxLoad_e − μ_e·minLoad_e) + Σ_a (sum of the k largest s_ae − λ_e + μ_e over the experts without a conflict)
 * is at least the LP optimum (weak duality; the per-application problem, k of the non-conflicted experts
 * with 0 ≤ x ≤ 1, is solved exactly by taking the k largest). Subgradient steps (Polyak's rule towards
 * `target`, a known objective) lower it towards the LP optimum; whatever the prices, the value is a
 * valid bound, so the target only guides the step size. Fixed pairs are not supported (the bench has none).
 */
import { matchScore, pairKey, type AssignmentProblem } from '../../src/core/selection/assignment.ts';

export interface LagrangianBound {
  bound: number;
  iterations: number;
  ms: number;
}

export function lagrangianBound(p: AssignmentProblem, target: number, opts: { maxIterations?: number; timeMs?: number } = {}): LagrangianBound {
  const started = performance.now();
  const n = p.applications.length;
  const m = p.experts.length;
  const k = p.perApplication;
  const BLOCKED = -1e12;
  const score = new Float64Array(n * m);
  p.applications.forEach((a, i) => {
    p.experts.forEach((e, j) => {
      score[i * m + j] = p.conflicts.has(pairKey(e.id, a.id)) ? BLOCKED : matchScore(a, e);
    });
  });
  const lo = Float64Array.from(p.experts, (e) => e.minLoad);
  const hi = Float64Array.from(p.experts, (e) => e.maxLoad);
  const lambda = new Float64Array(m);
  const mu = new Float64Array(m);
  const load = new Float64Array(m);
  const price = new Float64Array(m);
  const topVal = new Float64Array(k);
  const topIdx = new Int32Array(k);
  let best = Infinity;
  let theta = 1;
  let sinceBetter = 0;
  let iterations = 0;
  const maxIterations = opts.maxIterations ?? 400;
  const timeMs = opts.timeMs ?? 60_000;
  while (iterations < maxIterations && performance.now() - started < timeMs) {
    iterations++;
    for (let j = 0; j < m; j++) price[j] = lambda[j]! - mu[j]!;
    load.fill(0);
    let value = 0;
    for (let j = 0; j < m; j++) value += lambda[j]! * hi[j]! - mu[j]! * lo[j]!;
    for (let i = 0; i < n; i++) {
      topVal.fill(-Infinity);
      const row = i * m;
      for (let j = 0; j < m; j++) {
        const r = score[row + j]! - price[j]!;
        if (r <= topVal[k - 1]!) continue;
        let q = k - 1;
        while (q > 0 && topVal[q - 1]! < r) {
          topVal[q] = topVal[q - 1]!;
          topIdx[q] = topIdx[q - 1]!;
          q--;
        }
        topVal[q] = r;
        topIdx[q] = j;
      }
      for (let q = 0; q < k; q++) {
        value += topVal[q]!;
        load[topIdx[q]!]!++;
      }
    }
    if (value < best - 1e-9) {
      best = value;
      sinceBetter = 0;
    } else if (++sinceBetter >= 15) {
      theta /= 2;
      sinceBetter = 0;
    }
    if (best - target <= Math.max(1e-6, Math.abs(target) * 1e-6) || theta < 1e-6) break;
    // Subgradients: ∂L/∂λ_e = maxLoad − load, ∂L/∂μ_e = load − minLoad (projected onto the prices ≥ 0).
    let norm = 0;
    for (let j = 0; j < m; j++) {
      const gl = lambda[j]! > 0 || hi[j]! - load[j]! < 0 ? hi[j]! - load[j]! : 0;
      const gm = mu[j]! > 0 || load[j]! - lo[j]! < 0 ? load[j]! - lo[j]! : 0;
      norm += gl * gl + gm * gm;
    }
    if (norm === 0) break;
    const t = (theta * (value - target)) / norm;
    for (let j = 0; j < m; j++) {
      lambda[j] = Math.max(0, lambda[j]! - t * (hi[j]! - load[j]!));
      mu[j] = Math.max(0, mu[j]! - t * (load[j]! - lo[j]!));
    }
  }
  return { bound: best, iterations, ms: performance.now() - started };
}
