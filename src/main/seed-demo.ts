/**
 * `npm run seed:demo`: creates the reference organizations and the demo accounts (new passwords), and
 * prints them; then, unless DEMO_POPULATION=none, fills every program with the generated demo population
 * (a no-op, said so, on a database that already has it), printing its progress and the time it took.
 */
import { loadEnv } from '../config/env.ts';
import { openDatabase } from '../adapters/postgres/database.ts';
import { migrateToLatest } from '../adapters/postgres/migrate.ts';
import { lpBound, solveInWorker } from '../adapters/jobs/assignment-worker.ts';
import { loadHolidaySchedules } from '../adapters/reference/holidays.ts';
import { generateDemoPopulation } from '../use-cases/demo/generate.ts';
import { seedDemoAccounts } from '../use-cases/seed.ts';
import { makeDeps, makeLogger } from './compose.ts';
import { loadProgramFiles } from './load-programs.ts';
import { seedDemoCalls } from '../use-cases/applicants/demo.ts';
import { printCredentials } from './print-credentials.ts';

const env = loadEnv();
try {
  const handle = await openDatabase(env);
  await migrateToLatest(handle.db);
  const deps = makeDeps(handle, env);
  printCredentials(await seedDemoAccounts(deps));
  await loadProgramFiles(deps, makeLogger('warn'));
  await seedDemoCalls(deps);
  if (env.DEMO_POPULATION === 'full') {
    const started = Date.now();
    const summary = await generateDemoPopulation(deps, {
      solver: { solve: (p) => solveInWorker(p), bound: (p) => lpBound(p) },
      schedules: loadHolidaySchedules(),
      log: (line) => console.log(line),
    });
    if (!summary.skipped) console.log(`演示数据已生成 / demo population generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const [code, list] of Object.entries(summary.gaps)) for (const g of list) console.log(`  ${code}: ${g.stages.join(', ')} not generated — ${g.reason}`);
  }
  await deps.auditTrail.seal();
  await handle.close();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
