/**
 * Drill: restart PostgreSQL under a running server while clients keep reading and writing. Requests
 * during the outage may fail with 5xx, but the server process must not exit and must answer 2xx
 * again within a few seconds of the database being back, by itself (no restart of the server).
 *
 * The drill restarts a private cluster of the same PostgreSQL version (initdb in a temp folder, its
 * own port), not the shared server: `pg_ctl restart -m fast` cuts every connection just as
 * `pg_ctlcluster 15 main restart` does, without cutting off other test files or people using it.
 *
 * Needs a PostgreSQL server: TEST_DATABASE_URL (for the version and its programs; CI's test:drills
 * step always sets it; without it this file fails at once with that message; node:test may not skip).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Client } from '../support/platform.ts';
import {
  applyResumably,
  clientOn,
  drillPlatform,
  formOf,
  migratedDatabase,
  newAcks,
  postgresBinDir,
  privateCluster,
  requirePostgres,
  sealedAndVerified,
  startServer,
  waitFor,
  type DrillPlatform,
  type PrivateCluster,
  type ServerProcess,
} from '../support/drills.ts';

const ADMIN_URL = requirePostgres(import.meta.filename);
/** After PostgreSQL is back, the server must answer 2xx within this. */
const RECOVERY_BUDGET_MS = 5_000;
/** How long PostgreSQL stays down between stop and start. */
const DOWN_MS = 1_500;
const READERS = 2;
const WRITERS = 4;

let cluster: PrivateCluster;
let db: Awaited<ReturnType<typeof migratedDatabase>>;
let p: DrillPlatform;
let dataDir: string;
let server: ServerProcess | undefined;

before(async () => {
  cluster = await privateCluster(await postgresBinDir(ADMIN_URL));
  db = await migratedDatabase(cluster.adminUrl, 'drill_restart');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-restart-'));
  p = await drillPlatform(db, { dataDir });
});
after(async () => {
  await server?.kill9();
  await db?.close().catch(() => {});
  await cluster?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Outcome {
  at: number;
  status: number | 'network error';
  what: string;
}

test('PostgreSQL restarts under load: 5xx at most during the outage, the same server process answers 2xx again by itself', async () => {
  server = await startServer({ name: 'server', databaseUrl: db.url, settings: { dataDir } });
  const pid = server.pid;
  const name = '石家庄重启演练公司';
  const account = await p.applicant('130100', name);
  const applicant = await clientOn(server.base, account);
  const acks = newAcks();
  await applyResumably(applicant, p.callId, name, acks);
  assert.ok(acks.submitted, 'a submitted application to read');
  // WRITERS drafters save their drafts (a transaction of several statements each) while READERS read
  // the session, the application and the notifications: many connections are busy when PostgreSQL stops.
  const drafts: { client: Client; id: string; revision: number }[] = [];
  for (let i = 0; i < WRITERS; i++) {
    const client = await clientOn(server.base, await p.applicant('130100', `石家庄重启演练草稿${i + 1}号公司`));
    const draft = await client.post('/api/applications', { callId: p.callId });
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    drafts.push({ client, id: draft.body.id, revision: draft.body.revision });
  }

  const outcomes: Outcome[] = [];
  let running = true;
  async function loop(what: string, step: () => Promise<number>) {
    while (running) {
      let status: Outcome['status'];
      try {
        status = await step();
      } catch {
        status = 'network error';
      }
      outcomes.push({ at: Date.now(), status, what });
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const readPaths = ['/api/auth/session', `/api/applications/${acks.applicationId}`, '/api/notifications'];
  let n = 0;
  const loops = [
    ...Array.from({ length: READERS }, () => loop('read', async () => (await applicant.get(readPaths[n++ % readPaths.length]!)).status)),
    ...drafts.map((d, i) =>
      loop('write', async () => {
        const r = await d.client.put(`/api/applications/${d.id}/draft`, { revision: d.revision, formData: formOf(`${name}${i}-${n++}`) });
        if (r.status === 200) d.revision = r.body.revision;
        return r.status;
      }),
    ),
  ];

  let restartStarted = 0;
  let backAt = 0;
  let firstOk = Number.POSITIVE_INFINITY;
  const okAfter = (what: string) => outcomes.some((o) => o.at > backAt && typeof o.status === 'number' && o.status < 300 && o.what === what);
  try {
    await new Promise((r) => setTimeout(r, 1_500));
    restartStarted = Date.now();
    await cluster.restart(DOWN_MS);
    backAt = Date.now();
    // Watch well past the budget, so a slow recovery is measured and reported, not only refused.
    firstOk = await waitFor(
      'a 2xx read and write after the restart',
      () => {
        if (!server!.alive()) throw new Error('the server exited');
        return okAfter('read') && okAfter('write');
      },
      3 * RECOVERY_BUDGET_MS,
      20,
    ).catch(() => Number.POSITIVE_INFINITY);
    await new Promise((r) => setTimeout(r, 2_000));
  } finally {
    running = false;
    await Promise.all(loops);
  }

  if (!server.alive()) {
    assert.fail(`the server process died when PostgreSQL restarted (${await server.exited}); the same process must survive. Its last output:\n${server.output().split('\n').slice(-40).join('\n')}`);
  }
  const before = outcomes.filter((o) => o.at < restartStarted);
  const during = outcomes.filter((o) => o.at >= restartStarted && o.at <= backAt + firstOk);
  const settled = outcomes.filter((o) => o.at > backAt + firstOk + 500);
  const tally = (list: Outcome[]) => Object.entries(list.reduce<Record<string, number>>((t, o) => ({ ...t, [`${o.what} ${o.status}`]: (t[`${o.what} ${o.status}`] ?? 0) + 1 }), {}));
  console.log(`# restart took ${backAt - restartStarted} ms (down ${DOWN_MS} ms); first 2xx read and write ${firstOk} ms after; before ${JSON.stringify(tally(before))}, during ${JSON.stringify(tally(during))}, after ${JSON.stringify(tally(settled))}`);
  const logged = new Map<string, number>();
  for (const line of server.output().split('\n')) {
    let entry: { msg?: string; err?: { code?: string; message?: string } };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      if (line.trim()) logged.set(line.slice(0, 140), (logged.get(line.slice(0, 140)) ?? 0) + 1);
      continue;
    }
    const key = `${entry.msg}: ${entry.err?.code ?? '-'} ${entry.err?.message ?? ''}`.slice(0, 140);
    logged.set(key, (logged.get(key) ?? 0) + 1);
  }
  console.log(`# the server logged: ${JSON.stringify([...logged])}`);
  if (!Number.isFinite(firstOk)) console.log(`# outcomes after the restart: ${JSON.stringify(outcomes.filter((o) => o.at > backAt).slice(0, 40).map((o) => [o.at - backAt, o.what, o.status]))}`);

  assert.ok(firstOk <= RECOVERY_BUDGET_MS, `2xx again within ${RECOVERY_BUDGET_MS} ms of PostgreSQL being back (took ${firstOk} ms)`);
  assert.ok(before.length > 5 && before.every((o) => o.status === 200), `all 2xx before the restart: ${JSON.stringify(tally(before))}`);
  for (const o of during) {
    assert.ok(o.status === 200 || (typeof o.status === 'number' && o.status >= 500), `during the outage only 2xx or 5xx, never a wrong answer: ${o.what} ${o.status}`);
  }
  assert.ok(settled.length > 5 && settled.every((o) => o.status === 200), `all 2xx once recovered: ${JSON.stringify(tally(settled))}`);
  assert.ok(server.alive(), 'the server process is still running');
  assert.equal(server.pid, pid, 'the same process');
  assert.doesNotMatch(server.output(), /uncaught|unhandled/i, 'no unhandled error');

  // The sealer (a background job) recovered too: the chain grows and verifies.
  await sealedAndVerified(p.deps, db.db);
  const me = await applicant.get('/api/auth/session');
  assert.equal(me.body.stage, 'full', 'the session outlived the restart');
});
