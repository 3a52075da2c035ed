/**
 * Starts the platform: opens the database (embedded or server), applies migrations, seeds the
 * reference organizations (and, on an empty database, one demo account per role, printed once),
 * then serves the API and the web app on one port. On the first start on an empty database the demo
 * population (DEMO_POPULATION=full, the default) is generated in the background once the server
 * serves, with progress in the log: it takes minutes. Stops gracefully on SIGINT/SIGTERM.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { loadEnv } from '../config/env.ts';
import { buildApp } from '../adapters/http/app.ts';
import { startBackgroundJobs } from '../adapters/jobs/background.ts';
import { openDatabase } from '../adapters/postgres/database.ts';
import { currentMigration, migrateToLatest } from '../adapters/postgres/migrate.ts';
import { isEmpty, seedDemoAccounts, seedReferenceOrganizations } from '../use-cases/seed.ts';
import { makeDeps, makeLogger, offsetClock, systemClock } from './compose.ts';
import { seedDemoCalls } from '../use-cases/applicants/demo.ts';
import { printCredentials } from './print-credentials.ts';
import { loadProgramFiles } from './load-programs.ts';
import { lpBound, solveInWorker } from '../adapters/jobs/assignment-worker.ts';
import { loadHolidaySchedules } from '../adapters/reference/holidays.ts';
import { generateDemoPopulation } from '../use-cases/demo/generate.ts';

const env = loadEnv();
const logger = makeLogger(env.LOG_LEVEL);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const handle = await openDatabase(env).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
const migration = await migrateToLatest(handle.db);
if (env.CLOCK_OFFSET_FILE) logger.warn({ file: env.CLOCK_OFFSET_FILE }, 'CLOCK_OFFSET_FILE is set: the clock is moved by a test; never in production');
const deps = makeDeps(handle, env, env.CLOCK_OFFSET_FILE ? offsetClock(env.CLOCK_OFFSET_FILE) : systemClock);
const created = await seedReferenceOrganizations(deps);
if (created) logger.info({ created }, 'reference organizations created');
await loadProgramFiles(deps, logger);
const fresh = env.SEED_DEMO && (await isEmpty(deps));
if (fresh) printCredentials(await seedDemoAccounts(deps));
if (env.SEED_DEMO) {
  const calls = await seedDemoCalls(deps);
  if (calls) logger.info({ calls }, 'demo calls published');
}

const app = buildApp({
  deps,
  logger,
  secureCookies: env.SECURE_COOKIES,
  trustProxy: env.TRUST_PROXY,
  webDir: path.join(repoRoot, 'dist/web'),
  health: async () => ({ database: handle.kind, migration: await currentMigration(handle.db) }),
});
const stopJobs = startBackgroundJobs({ db: handle.db, auditTrail: deps.auditTrail, logger, smtpUrl: env.SMTP_URL, mailFrom: env.MAIL_FROM, deps, remindersEveryMs: env.REMINDERS_EVERY_SECONDS * 1000 });

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  logger.info({ port: info.port, database: handle.kind, migration }, 'platform started');
  console.log(`\n工业互联网项目管理平台已启动 / Platform running: http://localhost:${info.port}  (database: ${handle.kind})\n`);
});

let stopping = false;
/** The demo population, off the start: the server answers meanwhile (PGlite queues the queries). */
if (fresh && env.DEMO_POPULATION === 'full') {
  const started = Date.now();
  logger.info('generating the demo population in the background (DEMO_POPULATION=none skips it)');
  void generateDemoPopulation(deps, {
    solver: { solve: (p) => solveInWorker(p), bound: (p) => lpBound(p) },
    schedules: loadHolidaySchedules(),
    log: (line) => logger.info(line),
  })
    .then((summary) => {
      logger.info({ seconds: Math.round((Date.now() - started) / 100) / 10, enterprises: summary.enterprises, actions: summary.actions, gaps: summary.gaps }, 'demo population ready');
      console.log(`演示数据已生成 / Demo population ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    })
    .catch((err: Error) => {
      if (!stopping) logger.error({ err }, 'demo population failed');
    });
}

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  stopJobs();
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(async () => {
    try {
      await deps.auditTrail.seal();
    } catch (err) {
      logger.warn({ err }, 'final audit seal failed');
    }
    await handle.close();
    process.exit(0);
  });
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
