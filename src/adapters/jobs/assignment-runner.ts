/**
 * Worker-thread entry for `assignment-worker.ts`: runs one job from `workerData` and posts one reply.
 * Not meant to be imported.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { assignOptimal } from '../../core/selection/assignment.ts';
import { deserializeProblem, lpBoundInProcess, type AssignmentJob, type AssignmentReply } from './assignment-worker.ts';

async function run(job: AssignmentJob): Promise<AssignmentReply> {
  try {
    const problem = deserializeProblem(job.problem);
    if (job.kind === 'solve') return { ok: true, result: assignOptimal(problem) };
    return { ok: true, bound: await lpBoundInProcess(problem) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

if (parentPort) parentPort.postMessage(await run(workerData as AssignmentJob));
