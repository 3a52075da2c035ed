/**
 * Drill: kill -9 the server during a burst of submissions, start it again on the same database and
 * data folder, and show that every acknowledged step is there and whole, nothing is half-written,
 * the audit chain verifies, and the clients that got errors retry and succeed.
 *
 * Needs a PostgreSQL server: TEST_DATABASE_URL (CI's test:drills step always sets it; without it
 * this file fails at once with that message; node:test may not skip).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { REQUIRED } from '../support/applicants.ts';
import type { Client } from '../support/platform.ts';
import {
  applyResumably,
  attachmentBytes,
  clientOn,
  drillPlatform,
  formOf,
  halfWritten,
  migratedDatabase,
  newAcks,
  requirePostgres,
  sealedAndVerified,
  sha256,
  startServer,
  type Acks,
  type DrillPlatform,
  type ServerProcess,
} from '../support/drills.ts';

const ADMIN_URL = requirePostgres(import.meta.filename);
/** Enterprises in the burst; the server is killed once KILL_AFTER of them were told "submitted". */
const N = 16;
const KILL_AFTER = 4;

let db: Awaited<ReturnType<typeof migratedDatabase>>;
let p: DrillPlatform;
let dataDir: string;
let server: ServerProcess | undefined;
const enterprises: { name: string; account: { email: string; totpSecret: string | null }; client: Client; acks: Acks; attempt: Promise<void> | null }[] = [];

before(async () => {
  db = await migratedDatabase(ADMIN_URL, 'drill_kill');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-kill-'));
  p = await drillPlatform(db, { dataDir });
  for (let i = 0; i < N; i++) {
    const name = `石家庄断电演练${i + 1}号公司`;
    enterprises.push({ name, account: await p.applicant('130100', name), client: null as never, acks: newAcks(), attempt: null });
  }
});
after(async () => {
  await server?.kill9();
  await db?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('kill -9 mid-burst: every acknowledged submission survives whole, nothing is half-written, the failed clients retry and succeed', async () => {
  server = await startServer({ name: 'server', databaseUrl: db.url, settings: { dataDir } });
  for (const e of enterprises) e.client = await clientOn(server.base, e.account);

  // The burst: the enterprises start 40 ms apart, each drafting, attaching three files and submitting.
  let submittedCount = 0;
  let killedAt = -1;
  const first = server;
  const killed = new Promise<void>((resolve) => {
    enterprises.forEach((e, i) => {
      e.attempt = (async () => {
        await new Promise((r) => setTimeout(r, i * 40));
        if (!first.alive()) throw new Error('server gone before this client started');
        await applyResumably(e.client, p.callId, e.name, e.acks);
        submittedCount += 1;
        if (submittedCount === KILL_AFTER) {
          killedAt = Date.now();
          void first.kill9().then(() => resolve());
        }
      })().catch((err: Error) => {
        e.acks.errors.push(err.message);
      });
    });
  });
  // The clients cut off by the kill may all fail before the kill's own promise settles: only a burst that ended
  // with no kill at all is a failure of the drill.
  await Promise.race([
    killed,
    Promise.all(enterprises.map((e) => e.attempt)).then(() => {
      if (killedAt < 0) assert.fail(`the burst ended before the kill (${submittedCount} submitted)`);
    }),
  ]);
  await killed;
  assert.equal(await first.exited, 'SIGKILL', 'the server died of SIGKILL');
  await Promise.all(enterprises.map((e) => e.attempt));
  const acknowledged = enterprises.filter((e) => e.acks.submitted);
  const failed = enterprises.filter((e) => !e.acks.submitted);
  const partialUploads = failed.reduce((n, e) => n + e.acks.uploads.size, 0);
  console.log(`# kill -9 after ${submittedCount} acknowledged submissions (${Date.now() - killedAt} ms to exit); ${failed.length} clients failed, holding ${partialUploads} acknowledged uploads`);
  assert.ok(acknowledged.length >= KILL_AFTER, `at least ${KILL_AFTER} were acknowledged`);
  assert.ok(failed.length > 0, 'the kill cut some clients off');

  const restartedAt = Date.now();
  server = await startServer({ name: 'server (restarted)', databaseUrl: db.url, settings: { dataDir } });
  console.log(`# restarted and healthy in ${Date.now() - restartedAt} ms`);

  // Every acknowledged submission is there, submitted, with its form values and attachments (byte for byte).
  for (const e of enterprises) {
    e.client = await clientOn(server.base, e.account);
    if (!e.acks.applicationId) continue;
    const app = await e.client.get(`/api/applications/${e.acks.applicationId}`);
    if (!e.acks.submitted) continue;
    assert.equal(app.status, 200, `${e.name}: readable after the restart`);
    assert.equal(app.body.state, 'submitted', `${e.name}: still submitted`);
    assert.equal(app.body.submittedAt, e.acks.submitted.submittedAt, `${e.name}: the submission time it was told`);
    assert.equal(app.body.formData.application.projectName, formOf(e.name).application.projectName, `${e.name}: its form values`);
    assert.equal(app.body.formData.application.plannedInvestment, formOf(e.name).application.plannedInvestment, `${e.name}: its investment`);
    for (const req of REQUIRED) {
      const at = (app.body.attachments as { id: string; requirementId: string; sha256: string }[]).find((a) => a.requirementId === req);
      assert.ok(at, `${e.name}: attachment ${req} is there`);
      const down = await e.client.binary('GET', `/api/attachments/${at.id}/download`);
      assert.equal(down.status, 200, `${e.name}: ${req} downloads`);
      assert.equal(sha256(down.bytes), sha256(attachmentBytes(e.name, req)), `${e.name}: ${req} holds the bytes uploaded`);
    }
  }
  // Acknowledged uploads of the clients cut off are there too.
  for (const e of failed) {
    for (const [req, ack] of e.acks.uploads) {
      const down = await e.client.binary('GET', `/api/attachments/${ack.id}/download`);
      assert.equal(down.status, 200, `${e.name}: acknowledged upload ${req} survives`);
      assert.equal(sha256(down.bytes), ack.sha256, `${e.name}: ${req} has the SHA-256 it was told`);
    }
  }
  assert.deepEqual(await halfWritten(db.db, p.deps.files, p.callId), [], 'nothing is half-written');
  const chain = await sealedAndVerified(p.deps, db.db);
  console.log(`# audit chain verified after the restart: ${chain.checked} records`);

  // The clients that got errors retry, and all of them end submitted, once each.
  const committedUntold = await db.db.selectFrom('application').select('id').where('state', '=', 'submitted').where('id', 'in', failed.map((e) => e.acks.applicationId ?? '0')).execute();
  console.log(`# ${committedUntold.length} of the cut-off submissions had committed without an answer; the retry finds them submitted`);
  for (const e of failed) {
    e.acks.errors = [];
    await applyResumably(e.client, p.callId, e.name, e.acks);
    assert.ok(e.acks.submitted, `${e.name}: the retry succeeded`);
  }
  const apps = await db.db.selectFrom('application').select(['id', 'state', 'organization_id']).where('call_id', '=', p.callId).execute();
  assert.equal(apps.length, N, 'one application per enterprise, none doubled by a retry');
  assert.deepEqual([...new Set(apps.map((a) => a.state))], ['submitted'], 'every application is submitted');
  assert.deepEqual(await halfWritten(db.db, p.deps.files, p.callId), [], 'still nothing half-written after the retries');
  await sealedAndVerified(p.deps, db.db);
  assert.doesNotMatch(server.output(), /uncaught|unhandled/i, 'the restarted server reported no unhandled error');
});
