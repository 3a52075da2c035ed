import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assignGreedy,
  assignOptimal,
  checkAssignment,
  matchScore,
  pairKey,
  qualityReport,
  type AssignmentExpert,
  type AssignmentProblem,
} from '../../src/core/selection/assignment.ts';

// ---------------------------------------------------------------------------------------------
// Helpers: a seeded PRNG, a random pool, and two checks that share no code with the solver.
// ---------------------------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const DIRECTIONS = ['网络', '平台', '安全', '标识解析', '数据'];
const INDUSTRIES = ['钢铁', '化工', '装备', '电子', '纺织', '汽车', '医药', '建材'];

interface PoolShape {
  n: number;
  m: number;
  k: number;
  conflictRate: number;
  bounds: 'tight' | 'loose' | 'random' | 'none';
  fixedPairs: number;
  /** Number of organizations for automatic conflicts (0: none). */
  organizations?: number;
}

function randomPool(rnd: () => number, s: PoolShape): AssignmentProblem {
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const applications = Array.from({ length: s.n }, (_, i) => ({ id: `A${String(i).padStart(3, '0')}`, tags: rnd() < 0.1 ? [] : [pick(DIRECTIONS), pick(INDUSTRIES)] }));
  const avg = s.m ? (s.n * s.k) / s.m : 0;
  const experts: AssignmentExpert[] = Array.from({ length: s.m }, (_, i) => {
    const tags = [pick(DIRECTIONS), pick(INDUSTRIES), ...(rnd() < 0.5 ? [pick(INDUSTRIES)] : [])];
    let minLoad = 0;
    let maxLoad = s.n;
    if (s.bounds === 'tight') {
      minLoad = Math.max(0, Math.floor(avg) - int(0, 1));
      maxLoad = Math.ceil(avg) + int(0, 1);
    } else if (s.bounds === 'loose') {
      minLoad = rnd() < 0.5 ? 0 : Math.floor(avg / 2);
      maxLoad = Math.ceil(avg * 2) + 1;
    } else if (s.bounds === 'random') {
      minLoad = int(0, Math.ceil(avg * 1.2));
      maxLoad = minLoad + int(0, Math.ceil(avg));
    }
    return { id: `E${String(i).padStart(2, '0')}`, tags, minLoad, maxLoad };
  });
  // Declared conflicts at random; with `organizations`, automatic ones too: an expert never reviews
  // an application from their own organization (which makes whole blocks conflicted).
  const orgOf = new Map<string, number>();
  if (s.organizations) for (const x of [...applications, ...experts]) orgOf.set(x.id, int(1, s.organizations));
  const conflicts = new Set<string>();
  for (const a of applications) {
    for (const e of experts) {
      if (rnd() < s.conflictRate || (s.organizations && orgOf.get(a.id) === orgOf.get(e.id))) conflicts.add(pairKey(e.id, a.id));
    }
  }
  const fixed: { expertId: string; applicationId: string }[] = [];
  const fixedCount = new Map<string, number>();
  for (let tries = 0; fixed.length < s.fixedPairs && tries < 50 && s.n && s.m; tries++) {
    const a = pick(applications).id;
    const e = pick(experts);
    const key = pairKey(e.id, a);
    if (conflicts.has(key) || (fixedCount.get(a) ?? 0) >= s.k || (fixedCount.get(e.id) ?? 0) >= e.maxLoad) continue;
    fixed.push({ expertId: e.id, applicationId: a });
    fixedCount.set(a, (fixedCount.get(a) ?? 0) + 1);
    fixedCount.set(e.id, (fixedCount.get(e.id) ?? 0) + 1);
  }
  return { applications, experts, perApplication: s.k, conflicts, fixed };
}

/** Choices of `size` elements of `items`. */
function choose<T>(items: T[], size: number): T[][] {
  if (size < 0) return [];
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  return [...choose(rest, size - 1).map((c) => [first!, ...c]), ...choose(rest, size)];
}

/** Exhaustive optimum for tiny pools (every application's every k-subset), memoised on the loads. */
function bruteForce(p: AssignmentProblem): number | null {
  const k = p.perApplication;
  const fixedSet = new Set((p.fixed ?? []).map((f) => pairKey(f.expertId, f.applicationId)));
  const options = p.applications.map((a) => {
    const must = p.experts.map((_, e) => e).filter((e) => fixedSet.has(pairKey(p.experts[e]!.id, a.id)));
    const free = p.experts.map((_, e) => e).filter((e) => !fixedSet.has(pairKey(p.experts[e]!.id, a.id)) && !p.conflicts.has(pairKey(p.experts[e]!.id, a.id)));
    if (must.some((e) => p.conflicts.has(pairKey(p.experts[e]!.id, a.id)))) return [];
    return choose(free, k - must.length).map((c) => {
      const set = [...must, ...c];
      return { set, score: set.reduce((s, e) => s + matchScore(a, p.experts[e]!), 0) };
    });
  });
  const memo = new Map<string, number>();
  const best = (a: number, loads: number[]): number => {
    if (a === p.applications.length) return p.experts.every((e, i) => loads[i]! >= e.minLoad && loads[i]! <= e.maxLoad) ? 0 : -Infinity;
    const key = `${a}:${loads.join(',')}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let value = -Infinity;
    for (const o of options[a]!) {
      if (o.set.some((e) => loads[e]! >= p.experts[e]!.maxLoad)) continue;
      const next = loads.slice();
      for (const e of o.set) next[e]!++;
      value = Math.max(value, o.score + best(a + 1, next));
    }
    memo.set(key, value);
    return value;
  };
  const v = best(0, p.experts.map(() => 0));
  return v === -Infinity ? null : v;
}

/**
 * Feasibility by the textbook route, independent of the solver: a circulation with lower bounds
 * (source → application [k, k], application → expert [0, 1] or [1, 1] when fixed, expert → sink
 * [minLoad, maxLoad], sink → source [0, ∞)), reduced to one max-flow by plain DFS augmentation.
 */
function feasibleByCirculation(p: AssignmentProblem): boolean {
  const n = p.applications.length;
  const m = p.experts.length;
  const s = 0;
  const t = 1;
  const S = n + m + 2;
  const T = n + m + 3;
  const head: number[][] = Array.from({ length: n + m + 4 }, () => []);
  const to: number[] = [];
  const cap: number[] = [];
  const excess = new Array<number>(n + m + 4).fill(0);
  const arc = (u: number, v: number, lo: number, hi: number) => {
    head[u]!.push(to.length);
    to.push(v);
    cap.push(hi - lo);
    head[v]!.push(to.length);
    to.push(u);
    cap.push(0);
    excess[v]! += lo;
    excess[u]! -= lo;
  };
  const fixedSet = new Set((p.fixed ?? []).map((f) => pairKey(f.expertId, f.applicationId)));
  for (const f of fixedSet) if (p.conflicts.has(f)) return false;
  p.applications.forEach((a, i) => {
    arc(s, 2 + i, p.perApplication, p.perApplication);
    p.experts.forEach((e, j) => {
      const key = pairKey(e.id, a.id);
      if (fixedSet.has(key)) arc(2 + i, 2 + n + j, 1, 1);
      else if (!p.conflicts.has(key)) arc(2 + i, 2 + n + j, 0, 1);
    });
  });
  p.experts.forEach((e, j) => arc(2 + n + j, t, e.minLoad, e.maxLoad));
  arc(t, s, 0, 1e9);
  let required = 0;
  excess.forEach((x, v) => {
    if (x > 0) {
      arc(S, v, 0, x);
      required += x;
    } else if (x < 0) arc(v, T, 0, -x);
  });
  let flow = 0;
  for (;;) {
    const seen = new Uint8Array(head.length);
    const push = (u: number): boolean => {
      if (u === T) return true;
      seen[u] = 1;
      for (const i of head[u]!) {
        if (cap[i]! > 0 && !seen[to[i]!] && push(to[i]!)) {
          cap[i]!--;
          cap[i ^ 1]!++;
          return true;
        }
      }
      return false;
    };
    if (!push(S)) break;
    flow++;
  }
  return flow === required;
}

// ---------------------------------------------------------------------------------------------
// The score and small cases with a known answer.
// ---------------------------------------------------------------------------------------------

test('matchScore is 10 per distinct shared tag, plus 1', () => {
  assert.equal(matchScore({ tags: ['平台', '钢铁', '钢铁'] }, { tags: ['钢铁', '化工', '平台'] }), 21);
  assert.equal(matchScore({ tags: ['平台'] }, { tags: ['安全'] }), 1);
  assert.equal(matchScore({ tags: [] }, { tags: [] }), 1);
});

const expert = (id: string, tags: string[], minLoad = 0, maxLoad = 10): AssignmentExpert => ({ id, tags, minLoad, maxLoad });

test('the optimum swaps where greedy takes the first best: 22 against 12', () => {
  // A1 matches E1 and E2 equally (11); greedy gives it E1 (lower id), leaving A2 only E2 (1).
  const p: AssignmentProblem = {
    applications: [
      { id: 'A1', tags: ['x'] },
      { id: 'A2', tags: ['y'] },
    ],
    experts: [expert('E1', ['x', 'y'], 0, 1), expert('E2', ['x'], 0, 1)],
    perApplication: 1,
    conflicts: new Set(),
  };
  const opt = assignOptimal(p);
  assert.deepEqual(opt, {
    feasible: true,
    pairs: [
      { expertId: 'E2', applicationId: 'A1', score: 11 },
      { expertId: 'E1', applicationId: 'A2', score: 11 },
    ],
    objective: 22,
    loads: { E1: 1, E2: 1 },
  });
  const greedy = assignGreedy(p);
  assert.equal(greedy.feasible, true);
  assert.equal(greedy.objective, 12);
});

test('a minimum load is met even at the cost of score; greedy misses it and says so', () => {
  const p: AssignmentProblem = {
    applications: [
      { id: 'A1', tags: ['x'] },
      { id: 'A2', tags: ['x'] },
    ],
    experts: [expert('E1', ['x'], 0, 2), expert('E2', [], 1, 2)],
    perApplication: 1,
    conflicts: new Set(),
  };
  const opt = assignOptimal(p);
  assert.equal(opt.objective, 12);
  assert.deepEqual(opt.loads, { E1: 1, E2: 1 });
  assert.deepEqual(checkAssignment(p, opt), []);
  const greedy = assignGreedy(p);
  assert.equal(greedy.feasible, false);
  assert.equal(greedy.objective, 22);
  assert.deepEqual(greedy.reason, { 'zh-CN': '贪心分配：专家 E2 只分到 0 项，低于最低工作量 1', en: 'greedy: expert E2 got 0 applications, below their minimum load of 1' });
});

test('k = 2 with a conflict: known optimum 44', () => {
  // A1 [x, y] may not have E1, so it takes E2 (21) and E3 (11). E2 is then full (max 1), so A2 [x]
  // takes E1 (11) and E3 (1): 32 + 12 = 44.
  const p: AssignmentProblem = {
    applications: [
      { id: 'A1', tags: ['x', 'y'] },
      { id: 'A2', tags: ['x'] },
    ],
    experts: [expert('E1', ['x'], 0, 2), expert('E2', ['x', 'y'], 0, 1), expert('E3', ['y'], 0, 2)],
    perApplication: 2,
    conflicts: new Set([pairKey('E1', 'A1')]),
  };
  const opt = assignOptimal(p);
  assert.equal(opt.objective, bruteForce(p));
  assert.equal(opt.objective, 44);
  assert.deepEqual(checkAssignment(p, opt), []);
  assert.ok(!opt.pairs.some((x) => x.expertId === 'E1' && x.applicationId === 'A1'));
});

test('ids containing "|" still match their conflicts', () => {
  const p: AssignmentProblem = {
    applications: [{ id: 'A|1', tags: [] }],
    experts: [expert('E|1', []), expert('E|2', [])],
    perApplication: 1,
    conflicts: new Set([pairKey('E|1', 'A|1')]),
  };
  const opt = assignOptimal(p);
  assert.deepEqual(
    opt.pairs.map((x) => x.expertId),
    ['E|2'],
  );
});

// ---------------------------------------------------------------------------------------------
// Infeasible problems: refused, with the counting argument in both languages.
// ---------------------------------------------------------------------------------------------

const plain = (over: Partial<AssignmentProblem> = {}): AssignmentProblem => ({
  applications: [
    { id: 'A1', tags: [] },
    { id: 'A2', tags: [] },
    { id: 'A3', tags: [] },
  ],
  experts: [expert('E1', []), expert('E2', []), expert('E3', [])],
  perApplication: 2,
  conflicts: new Set(),
  ...over,
});

test('an application with fewer than k experts free of conflict is refused, naming it', () => {
  const r = assignOptimal(plain({ conflicts: new Set([pairKey('E1', 'A2'), pairKey('E3', 'A2')]) }));
  assert.equal(r.feasible, false);
  assert.deepEqual(r.pairs, []);
  assert.deepEqual(r.reason, { 'zh-CN': '申报 A2 只有 1 位无利益冲突的专家，少于每项 2 位', en: 'application A2 has only 1 experts without a conflict of interest, fewer than the 2 required' });
});

test('load bounds that cannot add up are refused with the sums', () => {
  const tooMuch = assignOptimal(plain({ experts: [expert('E1', [], 3, 5), expert('E2', [], 3, 5), expert('E3', [], 1, 5)] }));
  assert.equal(tooMuch.reason?.['zh-CN'], '专家最低工作量合计 7，超过评审总人次 6（3 项 × 每项 2 位）');
  const tooLittle = assignOptimal(plain({ experts: [expert('E1', [], 0, 2), expert('E2', [], 0, 2), expert('E3', [], 0, 1)] }));
  assert.equal(tooLittle.reason?.en, "the experts' maximum loads add up to 5, fewer than the 6 reviews needed (3 applications × 2)");
  const lonely = assignOptimal(plain({ experts: [expert('E1', [], 3, 3), expert('E2', []), expert('E3', [])], conflicts: new Set([pairKey('E1', 'A3')]) }));
  assert.equal(lonely.reason?.en, 'expert E1 has only 2 applications without a conflict of interest, fewer than their minimum load of 3');
});

test('applications competing for the one expert they may have: refused by a Hall-type count', () => {
  const p = plain({
    perApplication: 1,
    experts: [expert('E1', [], 0, 1), expert('E2', [], 0, 5)],
    conflicts: new Set([pairKey('E2', 'A1'), pairKey('E2', 'A2')]),
  });
  assert.equal(feasibleByCirculation(p), false);
  const r = assignOptimal(p);
  assert.deepEqual(r.reason, {
    'zh-CN': '申报 A1、A2（共 2 项）还需 2 人次评审，但在不违反利益冲突的前提下最多只能安排 1 人次：可为它们评审的专家 E1（共 1 位）已达最高工作量',
    en: 'applications A1, A2 (2 in all) need 2 more reviews but can get at most 1 without a conflict of interest: the experts who could review them (E1; 1 in all) are at their maximum load',
  });
});

test('minimum loads that only a few applications could fill: refused, naming the experts', () => {
  const p = plain({
    perApplication: 1,
    experts: [expert('E1', [], 1, 1), expert('E2', [], 1, 1), expert('E3', [], 0, 3)],
    conflicts: new Set([pairKey('E1', 'A1'), pairKey('E2', 'A1'), pairKey('E1', 'A2'), pairKey('E2', 'A2')]),
  });
  assert.equal(feasibleByCirculation(p), false);
  const r = assignOptimal(p);
  assert.deepEqual(r.reason, {
    'zh-CN': '无法满足专家最低工作量：专家 E1、E2（共 2 位）合计至少需要 2 项申报，但在每项 1 位且不违反利益冲突的前提下最多只能得到 1 项',
    en: 'the minimum loads cannot all be met: experts E1, E2 (2 in all) need at least 2 applications together, but with 1 experts per application and no conflict of interest they can get at most 1',
  });
});

test('invalid input is refused, not guessed at', () => {
  assert.equal(assignOptimal(plain({ perApplication: 1.5 })).reason?.en, 'perApplication must be a non-negative integer (got 1.5)');
  assert.equal(assignOptimal(plain({ experts: [expert('E1', []), expert('E1', [])] })).reason?.en, 'duplicate expert id: E1');
  assert.equal(
    assignOptimal(plain({ experts: [expert('E1', [], 4, 2)] })).reason?.en,
    'expert E1 has invalid load bounds (min 4, max 2): they must be integers with 0 ≤ min ≤ max',
  );
});

// ---------------------------------------------------------------------------------------------
// Fixed pairs.
// ---------------------------------------------------------------------------------------------

test('a fixed pair is kept even when it scores worse', () => {
  const p: AssignmentProblem = {
    applications: [{ id: 'A1', tags: ['x'] }],
    experts: [expert('E1', ['x']), expert('E2', [])],
    perApplication: 1,
    conflicts: new Set(),
    fixed: [{ expertId: 'E2', applicationId: 'A1' }],
  };
  for (const r of [assignOptimal(p), assignGreedy(p)]) {
    assert.deepEqual(r.pairs, [{ expertId: 'E2', applicationId: 'A1', score: 1 }]);
    assert.deepEqual(checkAssignment(p, r), []);
  }
  // Without the override the match wins.
  assert.equal(assignOptimal({ ...p, fixed: [] }).objective, 11);
});

test('a fixed pair that is a conflict of interest is refused with a reason', () => {
  const p = plain({ conflicts: new Set([pairKey('E2', 'A1')]), fixed: [{ expertId: 'E2', applicationId: 'A1' }] });
  const reason = {
    'zh-CN': '人工指定的配对（专家 E2 评审申报 A1）存在利益冲突，不能指定',
    en: 'the fixed pair (expert E2 for application A1) is a conflict of interest and cannot be assigned',
  };
  assert.deepEqual(assignOptimal(p), { feasible: false, reason, pairs: [], objective: 0, loads: { E1: 0, E2: 0, E3: 0 } });
  assert.deepEqual(assignGreedy(p).reason, reason);
});

test('fixed pairs that overfill an application or an expert are refused', () => {
  const fixed = ['E1', 'E2', 'E3'].map((expertId) => ({ expertId, applicationId: 'A1' }));
  assert.equal(assignOptimal(plain({ fixed })).reason?.en, 'application A1 has 3 fixed experts, more than the 2 per application');
  const busy = plain({ experts: [expert('E1', [], 0, 1), expert('E2', []), expert('E3', [])], fixed: ['A1', 'A2'].map((applicationId) => ({ expertId: 'E1', applicationId })) });
  assert.equal(assignOptimal(busy).reason?.en, 'expert E1 has 2 fixed applications, above their maximum load of 1');
  assert.equal(assignOptimal(plain({ fixed: [{ expertId: 'E9', applicationId: 'A1' }] })).reason?.en, 'a fixed pair names an unknown expert E9');
});

// ---------------------------------------------------------------------------------------------
// Determinism, the checker and the report.
// ---------------------------------------------------------------------------------------------

test('deterministic: same input, same output; input order does not matter', () => {
  const rnd = mulberry32(7);
  const p = randomPool(rnd, { n: 60, m: 15, k: 3, conflictRate: 0.2, bounds: 'loose', fixedPairs: 3 });
  const first = assignOptimal(p);
  assert.equal(first.feasible, true);
  assert.deepEqual(assignOptimal(p), first);
  const shuffled = (xs: readonly unknown[]) => [...xs].map((x) => [rnd(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
  const q: AssignmentProblem = { ...p, applications: shuffled(p.applications) as typeof p.applications, experts: shuffled(p.experts) as typeof p.experts };
  assert.deepEqual(assignOptimal(q), first);
});

test('checkAssignment names every violation', () => {
  const p = plain({ conflicts: new Set([pairKey('E1', 'A1')]), experts: [expert('E1', [], 0, 2), expert('E2', [], 1, 3), expert('E3', [], 0, 3)], fixed: [{ expertId: 'E3', applicationId: 'A3' }] });
  const bad = {
    feasible: true,
    pairs: [
      { expertId: 'E1', applicationId: 'A1', score: 1 },
      { expertId: 'E1', applicationId: 'A2', score: 1 },
      { expertId: 'E1', applicationId: 'A2', score: 1 },
      { expertId: 'E1', applicationId: 'A3', score: 5 },
    ],
    objective: 8,
    loads: { E1: 4, E2: 0, E3: 0 },
  };
  assert.deepEqual(checkAssignment(p, bad), [
    'pair E1|A1: conflict of interest assigned',
    'pair E1|A2: assigned more than once',
    'pair E1|A3: score 5, expected 1',
    'application A1: 1 experts, expected 2',
    'application A3: 1 experts, expected 2',
    'expert E1: load 4 outside [0, 2]',
    'expert E2: load 0 outside [1, 3]',
    'fixed pair E3|A3: missing',
  ]);
});

test('qualityReport: loads, gap to a bound, pairs without a shared tag', () => {
  const p: AssignmentProblem = {
    applications: [
      { id: 'A1', tags: ['x'] },
      { id: 'A2', tags: ['z'] },
    ],
    experts: [expert('E1', ['x'], 0, 1), expert('E2', ['y'], 0, 1), expert('E3', [], 0, 1)],
    perApplication: 1,
    conflicts: new Set(),
  };
  const r = assignOptimal(p);
  assert.equal(r.objective, 12);
  assert.deepEqual(qualityReport(p, r, 15), { objective: 12, bound: 15, gapPercent: 20, loads: { min: 0, max: 1, mean: 2 / 3 }, unmatchedTagPairs: 1 });
  assert.deepEqual(qualityReport(p, r).gapPercent, null);
});

// ---------------------------------------------------------------------------------------------
// The property test.
// ---------------------------------------------------------------------------------------------

test('480 random pools: feasible answers break no rule and are optimal; infeasible answers are truly infeasible', () => {
  let feasible = 0;
  let infeasible = 0;
  let byFlow = 0;
  let bruteChecked = 0;
  let beatGreedy = 0;
  for (let seed = 1; seed <= 480; seed++) {
    const rnd = mulberry32(seed * 7919);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const conflictRate = rnd() * 0.4;
    const organizations = rnd() < 0.3 ? int(2, 4) : 0;
    const oneOf = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
    const shapes: PoolShape[] = [
      // tiny: checked against brute force
      { n: int(1, 5), m: int(1, 5), k: int(0, 3), conflictRate, bounds: seed % 9 === 0 ? 'none' : oneOf(['tight', 'random'] as const), fixedPairs: int(0, 2), organizations },
      { n: int(5, 30), m: int(3, 12), k: int(1, 4), conflictRate, bounds: oneOf(['tight', 'loose', 'random'] as const), fixedPairs: int(0, 3), organizations },
      { n: int(30, 120), m: int(8, 40), k: int(2, 5), conflictRate, bounds: oneOf(['tight', 'loose', 'random'] as const), fixedPairs: int(0, 5), organizations },
      // small pools with whole blocks of conflicts: where Hall-type shortages show up
      { n: int(4, 12), m: int(3, 8), k: int(1, 3), conflictRate: conflictRate / 2, bounds: oneOf(['tight', 'random'] as const), fixedPairs: int(0, 2), organizations: int(2, 3) },
    ];
    const shape = shapes[seed % 4]!;
    const p = randomPool(rnd, shape);
    const label = `seed ${seed} ${JSON.stringify(shape)}`;
    const r = assignOptimal(p);
    const tiny = shape.n <= 6 && shape.m <= 6;
    const exact = tiny ? bruteForce(p) : undefined;
    if (r.feasible) {
      feasible++;
      assert.deepEqual(checkAssignment(p, r), [], label);
      for (const pair of r.pairs) assert.ok(!p.conflicts.has(pairKey(pair.expertId, pair.applicationId)), label);
      for (const e of p.experts) assert.ok(r.loads[e.id]! >= e.minLoad && r.loads[e.id]! <= e.maxLoad, label);
      assert.equal(feasibleByCirculation(p), true, label);
      if (tiny) {
        bruteChecked++;
        assert.equal(r.objective, exact, label);
      }
      const greedy = assignGreedy(p);
      if (greedy.feasible) {
        assert.deepEqual(checkAssignment(p, greedy), [], label);
        assert.ok(r.objective >= greedy.objective, `${label}: optimal ${r.objective} < greedy ${greedy.objective}`);
        if (r.objective > greedy.objective) beatGreedy++;
      }
    } else {
      infeasible++;
      // Refusals that needed the flow (not one of the up-front counts).
      if (/^(applications .* need|the minimum loads cannot)/.test(r.reason?.en ?? '')) byFlow++;
      assert.ok(r.reason && r.reason['zh-CN'].length > 0 && r.reason.en.length > 0, label);
      assert.deepEqual(r.pairs, [], label);
      assert.equal(feasibleByCirculation(p), false, `${label}: reported infeasible (${r.reason?.en}) but a circulation exists`);
      if (tiny) {
        bruteChecked++;
        assert.equal(exact, null, label);
      }
    }
  }
  console.log(`assignment property test: ${feasible} feasible, ${infeasible} infeasible (${byFlow} found by the flow), ${bruteChecked} checked by brute force, optimal > greedy in ${beatGreedy}`);
  assert.ok(feasible >= 100 && infeasible >= 50, `too one-sided: ${feasible} feasible, ${infeasible} infeasible`);
  assert.ok(bruteChecked >= 100);
  assert.ok(byFlow >= 20, `only ${byFlow} infeasible pools got past the up-front counts`);
});
