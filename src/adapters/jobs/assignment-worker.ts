/**
 * Expert assignment off the event loop. `assignOptimal` takes seconds on a large pool and HiGHS's
 * `solve()` blocks its thread, so both run in a `worker_threads` Worker (one per call, started from
 * `assignment-runner.ts`); the HTTP server keeps answering meanwhile, and a solve that overruns its
 * time limit is terminated.
 *
 * `lpBound` is the LP relaxation's optimum, an upper bound on any assignment's total score. The
 * constraint matrix (applications × experts incidence) is totally unimodular, so it equals the
 * optimum that `assignOptimal` finds: a quality check, not a second solver.
 */
import { Worker } from 'node:worker_threads';
import { matchScore, pairKey, type AssignmentProblem, type AssignmentResult } from '../../core/selection/assignment.ts';

/** The problem as it crosses the thread boundary: the conflict set as an array. */
export type SerializedAssignmentProblem = Omit<AssignmentProblem, 'conflicts'> & { conflicts: string[] };

export type AssignmentJob = { kind: 'solve' | 'lp-bound'; problem: SerializedAssignmentProblem };

export type AssignmentReply = { ok: true; result: AssignmentResult } | { ok: true; bound: number } | { ok: false; error: string };

export function serializeProblem(p: AssignmentProblem): SerializedAssignmentProblem {
  return { ...p, conflicts: [...p.conflicts] };
}

export function deserializeProblem(s: SerializedAssignmentProblem): AssignmentProblem {
  return { ...s, conflicts: new Set(s.conflicts) };
}

/** Default time limit of a worker call. */
export const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/**
 * Starts the worker on `assignment-runner`. Under tsx (this file is .ts) the worker must load the
 * runner through tsx too. On Node 20 `execArgv: ['--import', 'tsx']` does not do it: the worker still
 * fails with "Unknown file extension .ts" (checked on 20.20.2, also under `node --import tsx --test`),
 * so a small bootstrap registers tsx's loader inside the worker, then imports the runner. The tsx API
 * is resolved here to an absolute URL, so the working directory does not matter.
 */
function startWorker(job: AssignmentJob): Worker {
  const typescript = import.meta.url.endsWith('.ts');
  const runner = new URL(typescript ? './assignment-runner.ts' : './assignment-runner.js', import.meta.url);
  if (!typescript) return new Worker(runner, { workerData: job });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(runner.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: job });
}

function runJob(job: AssignmentJob, timeoutMs: number): Promise<AssignmentReply & { ok: true }> {
  const what = job.kind === 'solve' ? 'expert assignment' : 'assignment LP bound';
  return new Promise((resolve, reject) => {
    const worker = startWorker(job);
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      finish(() => reject(new Error(`${what} did not finish within ${timeoutMs} ms; the worker was terminated`)));
      void worker.terminate();
    }, timeoutMs);
    worker.once('message', (reply: AssignmentReply) => {
      finish(() => (reply.ok ? resolve(reply) : reject(new Error(`${what} failed in the worker: ${reply.error}`))));
      void worker.terminate();
    });
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`${what} worker exited with code ${code} before answering`))));
  });
}

/**
 * Runs `assignOptimal(p)` in a worker thread. Rejects if it takes longer than `timeoutMs`
 * (default 5 minutes), terminating the worker.
 */
export async function solveInWorker(p: AssignmentProblem, opts: { timeoutMs?: number } = {}): Promise<AssignmentResult> {
  const reply = await runJob({ kind: 'solve', problem: serializeProblem(p) }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (!('result' in reply)) throw new Error('expert assignment worker answered without a result');
  return reply.result;
}

/**
 * The LP relaxation's optimum (HiGHS, in a worker thread): an upper bound on the total match score of
 * any valid assignment. Rejects when the relaxation is infeasible (then no assignment exists) or on
 * timeout. HiGHS needs about 2 s for 60k variables; keep it to pools of that order.
 */
/**
 * Above this many variables HiGHS (WebAssembly) runs out of its heap and aborts the whole process, worker or not
 * (5,000 applications × 800 experts ≈ 3.6M variables did; 1.1M took 52 s and 1.9 GB): the bound is then not
 * computed and the run says so, the assignment itself is unaffected (the min-cost flow is exact).
 */
export const LP_BOUND_MAX_VARIABLES = 1_000_000;

export async function lpBound(p: AssignmentProblem, opts: { timeoutMs?: number } = {}): Promise<number> {
  const variables = p.applications.length * p.experts.length - p.conflicts.size;
  if (variables > LP_BOUND_MAX_VARIABLES) {
    throw new Error(`线性规划上界未计算：${variables} 个变量超过上限 ${LP_BOUND_MAX_VARIABLES} / LP bound skipped: ${variables} variables exceed ${LP_BOUND_MAX_VARIABLES}`);
  }
  const reply = await runJob({ kind: 'lp-bound', problem: serializeProblem(p) }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (!('bound' in reply)) throw new Error('assignment LP worker answered without a bound');
  return reply.bound;
}

/**
 * The LP relaxation in CPLEX LP format. Variable x_<e>_<a> (indices into `p.experts` and
 * `p.applications`; ids may hold characters the format forbids) exists only for non-conflicted pairs,
 * with 0 ≤ x ≤ 1, or x = 1 for a fixed pair. Rows: Σ_e x = k per application; minLoad ≤ Σ_a x ≤ maxLoad
 * per expert. Objective: maximize Σ matchScore · x. Throws when the model is infeasible on its face (a
 * fixed pair that is a conflict or names an unknown id, an application or expert left without any
 * variable but required to have some).
 */
export function lpModel(p: AssignmentProblem): string {
  const appIndex = new Map(p.applications.map((a, i) => [a.id, i]));
  const expertIndex = new Map(p.experts.map((e, i) => [e.id, i]));
  const fixed = new Set<string>();
  for (const f of p.fixed ?? []) {
    const a = appIndex.get(f.applicationId);
    const e = expertIndex.get(f.expertId);
    if (a === undefined || e === undefined) throw new Error(`fixed pair ${pairKey(f.expertId, f.applicationId)} names an unknown id`);
    if (p.conflicts.has(pairKey(f.expertId, f.applicationId))) throw new Error(`fixed pair ${pairKey(f.expertId, f.applicationId)} is a conflict of interest`);
    fixed.add(`x_${e}_${a}`);
  }
  const objective: string[] = [];
  const perApp: string[][] = p.applications.map(() => []);
  const perExpert: string[][] = p.experts.map(() => []);
  const names: string[] = [];
  p.applications.forEach((app, a) => {
    p.experts.forEach((expert, e) => {
      if (p.conflicts.has(pairKey(expert.id, app.id))) return;
      const x = `x_${e}_${a}`;
      names.push(x);
      objective.push(`${matchScore(app, expert)} ${x}`);
      perApp[a]!.push(x);
      perExpert[e]!.push(x);
    });
  });
  // Long sums are broken over lines; the LP format lets an expression continue on the next line.
  const sum = (terms: string[]): string => {
    const lines: string[] = [];
    for (let i = 0; i < terms.length; i += 12) lines.push(terms.slice(i, i + 12).join(' + '));
    return lines.join('\n  + ');
  };
  const rows: string[] = [];
  const k = p.perApplication;
  perApp.forEach((xs, a) => {
    if (xs.length === 0) {
      if (k > 0) throw new Error(`application ${p.applications[a]!.id} has no expert without a conflict of interest`);
      return;
    }
    rows.push(` app_${a}: ${sum(xs)} = ${k}`);
  });
  perExpert.forEach((xs, e) => {
    const { minLoad, maxLoad, id } = p.experts[e]!;
    if (xs.length === 0) {
      if (minLoad > 0) throw new Error(`expert ${id} has no application without a conflict of interest`);
      return;
    }
    if (minLoad > 0) rows.push(` min_${e}: ${sum(xs)} >= ${minLoad}`);
    rows.push(` max_${e}: ${sum(xs)} <= ${maxLoad}`);
  });
  const bounds = names.map((x) => (fixed.has(x) ? ` ${x} = 1` : ` ${x} <= 1`));
  return ['Maximize', ` score: ${objective.length ? sum(objective) : '0 x_none'}`, 'Subject To', ...rows, 'Bounds', ...bounds, 'End', ''].join('\n');
}

/**
 * Solves the LP relaxation with HiGHS in the calling thread (which it blocks): for the worker.
 */
export async function lpBoundInProcess(p: AssignmentProblem): Promise<number> {
  const model = lpModel(p);
  const highs = await (await import('highs')).default();
  // Presolve finds little to remove in an assignment LP and cost more than it saved in our
  // measurements (200 × 60: 3.5 s with it, 0.5 s without).
  const solution = highs.solve(model, { output_flag: false, presolve: 'off' });
  if (solution.Status !== 'Optimal') throw new Error(`the assignment LP relaxation is not solvable: HiGHS status ${solution.Status}`);
  return solution.ObjectiveValue;
}
