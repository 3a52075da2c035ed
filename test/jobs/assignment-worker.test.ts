import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lpBound, solveInWorker } from '../../src/adapters/jobs/assignment-worker.ts';
import {
  assignGreedy,
  assignOptimal,
  checkAssignment,
  pairKey,
  qualityReport,
  type AssignmentExpert,
  type AssignmentProblem,
  type AssignmentResult,
} from '../../src/core/selection/assignment.ts';

function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const DIRECTIONS = ['网络', '平台', '安全', '标识解析', '数据', '边缘计算', '工业软件', '5G+工业互联网'];
const INDUSTRIES = ['钢铁', '化工', '装备', '电子', '纺织', '汽车', '医药', '建材', '食品', '能源', '船舶', '航空', '家电', '冶金', '轻工', '物流'];

interface Shape {
  n: number;
  m: number;
  k: number;
  conflictRate: number;
  /** Load bounds around the average n·k/m: [avg·(1−slack), avg·(1+slack)]. */
  slack: number;
  fixedPairs?: number;
  /** Automatic conflicts: an expert never reviews an application of their own organization. */
  organizations?: number;
}

/** A pool like a provincial round: each application one direction and one or two industries. */
function pool(seed: number, s: Shape): AssignmentProblem {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const org = () => (s.organizations ? Math.floor(rnd() * s.organizations) : -1);
  const applications = Array.from({ length: s.n }, (_, i) => ({ id: `SB${String(i).padStart(5, '0')}`, org: org(), tags: [pick(DIRECTIONS), pick(INDUSTRIES), ...(rnd() < 0.4 ? [pick(INDUSTRIES)] : [])] }));
  const avg = (s.n * s.k) / s.m;
  const experts: (AssignmentExpert & { org: number })[] = Array.from({ length: s.m }, (_, i) => ({
    id: `ZJ${String(i).padStart(4, '0')}`,
    org: org(),
    tags: [pick(DIRECTIONS), ...(rnd() < 0.4 ? [pick(DIRECTIONS)] : []), pick(INDUSTRIES), pick(INDUSTRIES), ...(rnd() < 0.3 ? [pick(INDUSTRIES)] : [])],
    minLoad: Math.max(0, Math.floor(avg * (1 - s.slack))),
    maxLoad: Math.ceil(avg * (1 + s.slack)),
  }));
  const conflicts = new Set<string>();
  for (const a of applications) {
    for (const e of experts) if (rnd() < s.conflictRate || (a.org >= 0 && a.org === e.org)) conflicts.add(pairKey(e.id, a.id));
  }
  const fixed: { expertId: string; applicationId: string }[] = [];
  while (fixed.length < (s.fixedPairs ?? 0)) {
    const a = applications[fixed.length * 3]!.id; // distinct applications, one fixed expert each
    const e = pick(experts).id;
    if (!conflicts.has(pairKey(e, a))) fixed.push({ expertId: e, applicationId: a });
  }
  return {
    applications: applications.map(({ id, tags }) => ({ id, tags })),
    experts: experts.map(({ org: _org, ...e }) => e),
    perApplication: s.k,
    conflicts,
    fixed,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

/**
 * Greedy ignores minimum loads, so its total can only be compared with ours when its assignment is
 * valid; otherwise it is compared with the optimum of the same pool without minimum loads.
 */
function assertNotWorseThanGreedy(p: AssignmentProblem, optimal: AssignmentResult, greedy: AssignmentResult): void {
  if (greedy.feasible) {
    assert.deepEqual(checkAssignment(p, greedy), []);
    assert.ok(optimal.objective >= greedy.objective, `optimal ${optimal.objective} < greedy ${greedy.objective}`);
  } else {
    const relaxed = assignOptimal({ ...p, experts: p.experts.map((e) => ({ ...e, minLoad: 0 })) });
    assert.ok(relaxed.objective >= greedy.objective, `optimal without minimum loads ${relaxed.objective} < greedy ${greedy.objective}`);
  }
}

const cases: { name: string; seed: number; shape: Shape }[] = [
  { name: '200×60 k=5, 10% conflicts', seed: 11, shape: { n: 200, m: 60, k: 5, conflictRate: 0.1, slack: 0.3 } },
  { name: '300×80 k=3, 20% conflicts + own organization, tight loads', seed: 12, shape: { n: 300, m: 80, k: 3, conflictRate: 0.2, slack: 0.1, organizations: 12 } },
  { name: '150×40 k=5, 5% conflicts, loose loads, 30 fixed pairs', seed: 13, shape: { n: 150, m: 40, k: 5, conflictRate: 0.05, slack: 0.8, fixedPairs: 30 } },
  // No minimum loads, so greedy's assignment is valid and the comparison is like for like.
  { name: '400×100 k=5, 15% conflicts, no minimum loads', seed: 14, shape: { n: 400, m: 100, k: 5, conflictRate: 0.15, slack: 1 } },
];

for (const c of cases) {
  test(`assignment ${c.name}: optimal in a worker ≥ greedy and equal to the LP bound`, async () => {
    const p = pool(c.seed, c.shape);
    const [optimal, solveMs] = await timed(() => solveInWorker(p));
    const [bound, lpMs] = await timed(() => lpBound(p));
    const greedy = assignGreedy(p);
    assert.equal(optimal.feasible, true, optimal.reason?.en);
    assert.deepEqual(checkAssignment(p, optimal), []);
    assert.deepEqual(optimal, assignOptimal(p)); // the worker changes nothing, conflicts included
    const report = qualityReport(p, optimal, bound);
    console.log(
      `assignment ${c.shape.n}×${c.shape.m} k=${c.shape.k}: optimal ${optimal.objective}, greedy ${greedy.objective}${greedy.feasible ? '' : ' (invalid: ' + greedy.reason?.en + ')'}, ` +
        `LP bound ${bound}, gap ${report.gapPercent?.toFixed(2)}% (solve ${seconds(solveMs)} in a worker, LP ${seconds(lpMs)})`,
    );
    assertNotWorseThanGreedy(p, optimal, greedy);
    assert.ok(report.gapPercent !== null && report.gapPercent <= 1, `gap ${report.gapPercent}%`);
    // The constraint matrix is totally unimodular: the LP optimum is integral and equals ours.
    assert.ok(Math.abs(bound - optimal.objective) <= 1e-6 * bound, `LP bound ${bound} ≠ optimal ${optimal.objective}`);
  });
}

test('the event loop keeps ticking while a 1,500 × 300 solve runs in the worker', async () => {
  const p = pool(21, { n: 1500, m: 300, k: 5, conflictRate: 0.1, slack: 0.3 });
  let ticks = 0;
  let last = performance.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    ticks++;
  }, 5);
  try {
    const [result, ms] = await timed(() => solveInWorker(p));
    assert.equal(result.feasible, true, result.reason?.en);
    assert.deepEqual(checkAssignment(p, result), []);
    const greedy = assignGreedy(p);
    console.log(
      `assignment 1500×300 k=5: optimal ${result.objective}, greedy ${greedy.objective}${greedy.feasible ? '' : ' (invalid)'}; ` +
        `solve ${seconds(ms)} in a worker, event loop ticked ${ticks} times meanwhile (longest gap ${longestGap.toFixed(0)} ms)`,
    );
    assert.ok(ticks >= ms / 5 / 4, `only ${ticks} ticks in ${ms.toFixed(0)} ms`);
    assert.ok(longestGap < 300, `the event loop stalled for ${longestGap.toFixed(0)} ms`);
  } finally {
    clearInterval(timer);
  }
});

test('a solve that overruns its time limit is terminated with a clear error', async () => {
  const p = pool(22, { n: 1500, m: 300, k: 5, conflictRate: 0.1, slack: 0.3 });
  await assert.rejects(solveInWorker(p, { timeoutMs: 100 }), { message: 'expert assignment did not finish within 100 ms; the worker was terminated' });
});

test('an infeasible pool comes back from the worker with its reason; the LP says infeasible too', async () => {
  const p = pool(23, { n: 40, m: 10, k: 3, conflictRate: 0.05, slack: 0 });
  p.experts[0]!.minLoad = 40; // all 40 applications: more than its conflicts or the total (120 reviews) allow
  const inline = assignOptimal(p);
  assert.equal(inline.feasible, false);
  assert.deepEqual(await solveInWorker(p), inline);
  await assert.rejects(lpBound(p), /HiGHS status Infeasible/);
});

test('assignment 5000×800 k=5 in a worker: timing', async () => {
  const [p, genMs] = await timed(() => pool(31, { n: 5000, m: 800, k: 5, conflictRate: 0.1, slack: 0.3, organizations: 200 }));
  const [result, ms] = await timed(() => solveInWorker(p));
  const [greedy, greedyMs] = await timed(() => assignGreedy(p));
  assert.equal(result.feasible, true, result.reason?.en);
  assert.deepEqual(checkAssignment(p, result), []);
  const q = qualityReport(p, result);
  console.log(
    `assignment 5000×800 k=5 (${p.conflicts.size} conflicts, pool built in ${seconds(genMs)}): optimal ${result.objective} in ${seconds(ms)} in a worker; ` +
      `greedy ${greedy.objective}${greedy.feasible ? '' : ' (invalid)'} in ${seconds(greedyMs)}; loads ${q.loads.min}–${q.loads.max}, ${q.unmatchedTagPairs} pairs without a shared tag`,
  );
  assertNotWorseThanGreedy(p, result, greedy);
  assert.ok(ms < 60_000, `took ${seconds(ms)}`);
});
