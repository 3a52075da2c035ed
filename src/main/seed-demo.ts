/** `npm run seed:demo`: creates the reference organizations and the demo accounts (new passwords), and prints them. */
import { loadEnv } from '../config/env.ts';
import { openDatabase } from '../adapters/postgres/database.ts';
import { migrateToLatest } from '../adapters/postgres/migrate.ts';
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
  await deps.auditTrail.seal();
  await handle.close();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
