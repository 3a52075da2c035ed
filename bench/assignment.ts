/**
 * Expert assignment: a generated pool (lib/assignment-problem.ts) solved by the platform's
 * `assignOptimal` (min-cost flow) and by `assignGreedy`, the baseline an officer would do by hand,
 * both in-process and timed. The result is checked with `checkAssignment`. The bound is the platform's
 * own, the LP relaxation by HiGHS (`lpBound`, in a child process so that a failure at this size is
 * reported rather than fatal); when that fails, a Lagrangian bound (lib/lagrangian.ts) stands in, and
 * the report says which. gapToBound = (bound − objective) / bound.
 */
import { execFile } from 'node:child_process';
import { assignGreedy, assignOptimal, checkAssignment } from '../src/core/selection/assignment.ts';
import { assignmentProblem } from './lib/assignment-problem.ts';
import { lagrangianBound } from './lib/lagrangian.ts';
import { log } from './lib/log.ts';
import { ROOT } from './lib/server.ts';
import { ratio, round } from './lib/stats.ts';

export interface AssignmentConfig {
  applications: number;
  experts: number;
  perApplication: number;
  lpTimeoutMs: number;
}

export interface AssignmentResultFigures {
  applications: number;
  experts: number;
  perApplication: number;
  loadBounds: { min: number; max: number };
  conflicts: { total: number; sameCity: number; declared: number; sameOrganization: number };
  optimal: { feasible: boolean; objective: number; ms: number; problems: number; loads: { min: number; max: number } };
  greedy: { feasible: boolean; objective: number; ms: number; reason: string | null };
  lp: { ok: boolean; bound: number | null; ms: number; error: string | null; variables: number };
  lagrangian: { bound: number; iterations: number; ms: number } | null;
  bound: number | null;
  boundMethod: 'highs-lp' | 'lagrangian' | null;
  /** (bound − objective) / bound for the optimal assignment; 0 means proven optimal. */
  gapToBound: number | null;
  gapToBoundPercent: number | null;
  greedyGapToBound: number | null;
  /** Objective of the optimum over the greedy baseline's, and the time of each. */
  ratioToBaseline: { objective: number | null; time: number | null };
}

function lpInChild(cfg: AssignmentConfig): Promise<{ ok: boolean; bound: number | null; ms: number; error: string | null }> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bench/assignment-lp-child.ts', String(cfg.applications), String(cfg.experts), String(cfg.perApplication), String(cfg.lpTimeoutMs)],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: cfg.lpTimeoutMs + 120_000 },
      (err, stdout, stderr) => {
        const ms = performance.now() - started;
        const line = stdout.trim().split('\n').at(-1) ?? '';
        try {
          const r = JSON.parse(line) as { ok: boolean; bound?: number; error?: string; ms: number };
          resolve({ ok: r.ok, bound: r.ok ? r.bound! : null, ms: r.ms, error: r.ok ? null : r.error! });
        } catch {
          const fatal = stderr.split('\n').find((l) => /FATAL|Error|error/.test(l))?.trim();
          resolve({ ok: false, bound: null, ms, error: `the LP process ended without an answer (${err ? `exit ${err.code ?? err.signal}` : 'no output'})${fatal ? `: ${fatal}` : ''}` });
        }
      },
    );
  });
}

export async function runAssignment(cfg: AssignmentConfig): Promise<AssignmentResultFigures> {
  const gen = assignmentProblem(cfg.applications, cfg.experts, cfg.perApplication);
  const p = gen.problem;
  log(`assignment: ${cfg.applications} applications × ${cfg.experts} experts, ${cfg.perApplication} each, ${p.conflicts.size} conflicts`);

  let t = performance.now();
  const optimal = assignOptimal(p);
  const optimalMs = performance.now() - t;
  t = performance.now();
  const greedy = assignGreedy(p);
  const greedyMs = performance.now() - t;
  const problems = optimal.feasible ? checkAssignment(p, optimal) : ['infeasible'];
  if (problems.length) throw new Error(`assignOptimal's result breaks the rules: ${problems.slice(0, 3).join('; ')}`);
  const loads = Object.values(optimal.loads);

  log('assignment: LP bound as the platform computes it (HiGHS, in a child process)');
  const lp = await lpInChild(cfg);
  let lagrangian: AssignmentResultFigures['lagrangian'] = null;
  if (!lp.ok) {
    log(`assignment: HiGHS failed (${lp.error}); Lagrangian bound instead`);
    const l = lagrangianBound(p, optimal.objective);
    lagrangian = { bound: round(l.bound, 3), iterations: l.iterations, ms: round(l.ms) };
  }
  const bound = lp.ok ? lp.bound : (lagrangian?.bound ?? null);
  const gap = (objective: number) => (bound === null || bound === 0 ? null : Math.max(0, (bound - objective) / Math.abs(bound)));
  const g = gap(optimal.objective);
  return {
    applications: cfg.applications,
    experts: cfg.experts,
    perApplication: cfg.perApplication,
    loadBounds: { min: gen.minLoad, max: gen.maxLoad },
    conflicts: { total: p.conflicts.size, ...gen.conflicts },
    optimal: { feasible: optimal.feasible, objective: optimal.objective, ms: round(optimalMs), problems: problems.length, loads: { min: Math.min(...loads), max: Math.max(...loads) } },
    greedy: { feasible: greedy.feasible, objective: greedy.objective, ms: round(greedyMs), reason: greedy.reason?.en ?? null },
    lp: { ...lp, ms: round(lp.ms), variables: cfg.applications * cfg.experts - p.conflicts.size },
    lagrangian,
    bound,
    boundMethod: lp.ok ? 'highs-lp' : lagrangian ? 'lagrangian' : null,
    gapToBound: g === null ? null : round(g, 6),
    gapToBoundPercent: g === null ? null : round(g * 100, 4),
    greedyGapToBound: gap(greedy.objective) === null ? null : round(gap(greedy.objective)!, 6),
    ratioToBaseline: { objective: ratio(optimal.objective, greedy.objective), time: ratio(optimalMs, greedyMs) },
  };
}
