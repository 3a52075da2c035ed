/**
 * The benchmarks (`npm run bench`): surge on PostgreSQL, lists and search at scale, expert assignment,
 * export, and the surge on the embedded database. Each prints its figures and its ratio to a baseline
 * measured in the same run. `--json` prints exactly one JSON object on stdout (progress goes to
 * stderr); `--quick` runs small sizes (CI). Exits non-zero when a surge had errors or a benchmark failed.
 * See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { runAssignment } from './assignment.ts';
import { runExport } from './export.ts';
import { createDatabase, serverVersion } from './lib/database.ts';
import { log } from './lib/log.ts';
import { assignmentTable, exportTable, listsTables, surgeTable } from './lib/report.ts';
import { round } from './lib/stats.ts';
import { runLists } from './lists.ts';
import { surgeEmbedded, surgeOnPostgres } from './surge.ts';

const BENCHMARKS = ['surge', 'lists', 'assignment', 'export', 'embedded'] as const;

const SIZES = {
  full: {
    enterprises: 400, concurrency: 16, 'attachment-kb': 1024,
    applications: 100_000, 'audit-records': 1_000_000, requests: 50, 'budget-ms': 30_000,
    'assign-applications': 5_000, 'assign-experts': 800, 'per-application': 5, 'lp-timeout-ms': 300_000,
    'export-rows': 10_000, 'export-repeats': 3,
    'embedded-enterprises': 100, 'embedded-concurrency': 8, 'embedded-attachment-kb': 1024,
  },
  quick: {
    enterprises: 40, concurrency: 8, 'attachment-kb': 256,
    applications: 10_000, 'audit-records': 100_000, requests: 10, 'budget-ms': 3_000,
    'assign-applications': 500, 'assign-experts': 80, 'per-application': 5, 'lp-timeout-ms': 60_000,
    'export-rows': 10_000, 'export-repeats': 1,
    'embedded-enterprises': 12, 'embedded-concurrency': 4, 'embedded-attachment-kb': 256,
  },
};
type SizeKey = keyof typeof SIZES.full;

const HELP = `npm run bench -- [--quick] [--json] [options]

  --quick                   small sizes (CI; under a minute on 2 cores); default: full sizes (about 10 minutes)
  --json                    one JSON object on stdout (progress on stderr)
  --only LIST               comma-separated: ${BENCHMARKS.join(',')} (default: all)
  --database-url URL        PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
                            a fresh database is made on it and dropped at the end
  --slow-ms N               explain list queries whose p95 is above N ms (default 500)
${Object.keys(SIZES.full)
  .map((k) => `  --${k.padEnd(24)}full ${SIZES.full[k as SizeKey]}, quick ${SIZES.quick[k as SizeKey]}`)
  .join('\n')}
`;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
    only: { type: 'string' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'slow-ms': { type: 'string', default: '500' },
    ...Object.fromEntries(Object.keys(SIZES.full).map((k) => [k, { type: 'string' as const }])),
  },
  strict: true,
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const mode = values.quick ? 'quick' : 'full';
const size = (k: SizeKey): number => {
  const raw = (values as Record<string, unknown>)[k];
  const n = raw === undefined ? SIZES[mode][k] : Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${k}: expected a positive number, got ${String(raw)}`);
  return n;
};
const only = new Set(values.only ? values.only.split(',').map((s) => s.trim()) : BENCHMARKS);
for (const b of only) if (!(BENCHMARKS as readonly string[]).includes(b)) throw new Error(`--only: unknown benchmark ${b} (known: ${BENCHMARKS.join(', ')})`);

const adminUrl = values['database-url']!;
const started = Date.now();
const out: Record<string, unknown> = { mode, startedAt: new Date(started).toISOString() };
const failures: { benchmark: string; error: string }[] = [];
/** Tables by benchmark, printed in this order whatever order they ran in. */
const ORDER = ['surge', 'lists', 'assignment', 'export', 'embeddedSurge'] as const;
const printed = new Map<(typeof ORDER)[number], string>();
const cleanups: (() => Promise<void>)[] = [];

async function cleanUp() {
  while (cleanups.length) await cleanups.pop()!().catch((err: Error) => log(`clean-up failed: ${err.message}`));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function attempt<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    log(`${name} failed: ${message}`);
    failures.push({ benchmark: name, error: message.split('\n').slice(0, 6).join('\n') });
    out[name] = { error: message.split('\n')[0] };
    return undefined;
  }
}

const needsPostgres = only.has('surge') || only.has('lists');
out.machine = {
  nproc: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: round(os.totalmem() / 2 ** 30, 1),
  node: process.version,
  os: `${os.type()} ${os.release()}`,
  postgres: needsPostgres ? await serverVersion(adminUrl).catch(() => 'unreachable') : null,
};
out.config = Object.fromEntries(Object.keys(SIZES.full).map((k) => [k, size(k as SizeKey)]));
// The JSON's keys in reading order; a benchmark that was not run stays null.
Object.assign(out, { surge: null, lists: null, search: null, assignment: null, export: null, embeddedSurge: null });

try {
  if (only.has('embedded')) {
    const embedded = await attempt('embeddedSurge', () =>
      surgeEmbedded({ enterprises: size('embedded-enterprises'), concurrency: size('embedded-concurrency'), attachmentKb: size('embedded-attachment-kb') }),
    );
    if (embedded) {
      out.embeddedSurge = embedded;
      printed.set('embeddedSurge', surgeTable('Surge on the embedded database (PGlite)', embedded));
    }
  }

  if (only.has('assignment')) {
    const a = await attempt('assignment', () =>
      runAssignment({ applications: size('assign-applications'), experts: size('assign-experts'), perApplication: size('per-application'), lpTimeoutMs: size('lp-timeout-ms') }),
    );
    if (a) {
      out.assignment = a;
      printed.set('assignment', assignmentTable(a));
    }
  }

  if (only.has('export')) {
    const e = await attempt('export', () => runExport(size('export-rows'), size('export-repeats')));
    if (e) {
      out.export = e;
      printed.set('export', exportTable(e));
    }
  }
  if (needsPostgres) {
    const database = await createDatabase(adminUrl);
    cleanups.push(() => database.drop());
    log(`database ${database.name}`);
    const surge = await attempt('surge', () =>
      surgeOnPostgres(database.url, { enterprises: only.has('surge') ? size('enterprises') : 2, concurrency: size('concurrency'), attachmentKb: size('attachment-kb') }),
    );
    if (surge) {
      cleanups.push(async () => {
        await surge.server.stop();
        await surge.handle.close();
        fs.rmSync(surge.dataDir, { recursive: true, force: true });
      });
      if (only.has('surge')) {
        out.surge = surge.result;
        printed.set('surge', surgeTable('Surge on PostgreSQL', surge.result));
      }
      if (only.has('lists')) {
        const lists = await attempt('lists', () =>
          runLists(database.url, surge.server.base, surge.prepared, {
            applications: size('applications'),
            auditRecords: size('audit-records'),
            requests: size('requests'),
            budgetMs: size('budget-ms'),
            slowMs: Number(values['slow-ms']),
          }),
        );
        if (lists) {
          out.lists = { data: lists.data, requestsPerCase: lists.requestsPerCase, slowMs: lists.slowMs, cases: lists.lists, slow: lists.slow };
          out.search = { cases: lists.search };
          printed.set('lists', listsTables(lists));
        } else out.search = { error: 'see lists' };
      }
    } else if (only.has('lists')) out.lists = { error: 'not run: the PostgreSQL setup (surge) failed' };
    await cleanUp();
  }

} finally {
  await cleanUp();
}

out.durationSeconds = round((Date.now() - started) / 1000, 1);
out.failures = failures;
const surgeErrors = [out.surge, out.embeddedSurge].reduce<number>((n, s) => n + (((s as { errors?: number } | undefined)?.errors) ?? 0), 0);
if (values.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
else {
  process.stdout.write(`${ORDER.flatMap((k) => printed.get(k) ?? []).join('\n')}\n\n${mode} run in ${out.durationSeconds} s on ${JSON.stringify(out.machine)}\n`);
  if (failures.length) process.stdout.write(`\nFAILED: ${failures.map((f) => `${f.benchmark}: ${f.error.split('\n')[0]}`).join('; ')}\n`);
  if (surgeErrors) process.stdout.write(`\nFAILED: ${surgeErrors} surge error(s)\n`);
}
process.exit(failures.length || surgeErrors ? 1 : 0);
