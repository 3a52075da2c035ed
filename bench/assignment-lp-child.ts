/**
 * Child process of the assignment benchmark: rebuilds the generated problem and computes its LP bound
 * exactly as the platform does (`lpBound`, HiGHS in a worker thread), printing one JSON line. It runs
 * apart because HiGHS on a large pool can take the whole process down (out of memory), which the
 * benchmark reports instead of dying with it.
 *
 * Usage: node --import tsx bench/assignment-lp-child.ts <applications> <experts> <perApplication> <timeoutMs>
 */
import { lpBound } from '../src/adapters/jobs/assignment-worker.ts';
import { assignmentProblem } from './lib/assignment-problem.ts';

const [applications, experts, perApplication, timeoutMs] = process.argv.slice(2).map(Number);
const { problem } = assignmentProblem(applications!, experts!, perApplication!);
const started = performance.now();
try {
  const bound = await lpBound(problem, { timeoutMs: timeoutMs! });
  console.log(JSON.stringify({ ok: true, bound, ms: performance.now() - started }));
} catch (err) {
  console.log(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err), ms: performance.now() - started }));
}
