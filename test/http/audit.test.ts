import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { openPglite } from '../../src/adapters/postgres/database.ts';
import { migrateToLatest } from '../../src/adapters/postgres/migrate.ts';
import { makeDeps } from '../../src/main/compose.ts';
import { seedDemoAccounts } from '../../src/use-cases/seed.ts';
import { freshDatabase, onPostgres } from '../support/database.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
let p: TestPlatform;
before(async () => {
  p = await startPlatform();
});
after(() => p.close());

/** Alters a stored audit record the way an intruder with database access would: around the triggers. */
async function tamper(db: TestPlatform['handle']['db'], id: string) {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`update audit_event set after = '{"contactName":"篡改"}'::jsonb where id = ${id}`.execute(trx);
  });
}

test('every change leaves an audit record with actor, before and after, IP and request id', async () => {
  const applicant = await p.account('applicant', '130100');
  const c = p.client({ ip: '10.3.0.1' });
  await c.signIn(applicant);
  const res = await c.request('PATCH', `/api/organizations/${applicant.organizationId}`, { contactName: '赵六', contactPhone: '0311-87654321' }, { headers: { 'x-request-id': 'req-audit-1' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-request-id'), 'req-audit-1');
  const { rows } = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 5, order: 'desc', action: 'organization.updated', entityId: applicant.organizationId }));
  const e = rows[0]!;
  assert.equal(e.actorId, applicant.id);
  assert.equal(e.actorRole, 'applicant');
  assert.deepEqual(e.before, { contactName: null, contactPhone: null, address: null });
  assert.deepEqual(e.after, { contactName: '赵六', contactPhone: '0311-87654321', address: null });
  assert.equal(e.ip, '10.3.0.1');
  assert.equal(e.requestId, 'req-audit-1');
});

test('the database refuses UPDATE, DELETE and TRUNCATE on the audit trail', async () => {
  const { rows } = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 1, order: 'asc' }));
  const id = rows[0]!.id;
  await assert.rejects(sql`update audit_event set action = 'x' where id = ${id}`.execute(p.handle.db), /append-only/);
  await assert.rejects(sql`delete from audit_event where id = ${id}`.execute(p.handle.db), /append-only/);
  await assert.rejects(sql`truncate audit_event`.execute(p.handle.db), /append-only/);
  await p.deps.auditTrail.seal();
  await assert.rejects(sql`delete from audit_seal`.execute(p.handle.db), /append-only/);
});

test('the chain verifies on a clean run and names the first altered record', async () => {
  const auditor = await p.account('auditor', '130000-audit');
  const c = p.client();
  await c.signIn(auditor);
  const clean = await c.post('/api/audit-events/verify');
  assert.equal(clean.status, 200);
  assert.equal(clean.body.ok, true);
  assert.equal(clean.body.algorithm, 'SM3');
  assert.ok(clean.body.checked > 50);

  const { rows } = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 1, order: 'asc', action: 'organization.updated' }));
  const victim = rows[0]!.id;
  await tamper(p.handle.db, victim);
  const broken = await c.post('/api/audit-events/verify');
  assert.equal(broken.body.ok, false);
  assert.equal(broken.body.firstBroken.eventId, victim);
  assert.equal(broken.body.firstBroken.reason, 'the record was altered after it was sealed');
});

test('writers in parallel never wait for the chain: records get sequence numbers, the sealer orders them', async () => {
  const applicant = await p.account('applicant', '130100');
  const clients = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      const c = p.client({ ip: `10.4.0.${i}` });
      await c.signIn(applicant);
      return c;
    }),
  );
  const results = await Promise.all(clients.map((c, i) => c.patch(`/api/organizations/${applicant.organizationId}`, { address: `地址${i}` })));
  assert.ok(results.every((r) => r.status === 200));
  const sealed = await p.deps.auditTrail.seal();
  assert.ok(sealed >= 8);
  const unsealed = (await p.deps.auditTrail.verify()).unsealed;
  assert.equal(unsealed, 0);
});

test('npm run audit:verify exits 0 on a clean trail and non-zero naming the altered record', { timeout: 120_000 }, async () => {
  // Its own database: a server database on PostgreSQL, a data folder on PGlite (the CLI opens it itself).
  const dir = onPostgres ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'audit-cli-'));
  const server = onPostgres ? await freshDatabase() : undefined;
  const open = async () => (server ? { db: server.db, close: async () => {} } : await openPglite(dir!));
  const env = { ...process.env, ...(server ? { DATABASE_URL: server.url! } : { DATA_DIR: dir!, DATABASE_URL: '' }) };
  let handle = await open();
  await migrateToLatest(handle.db);
  const deps = makeDeps(handle as never, { STAFF_PASSWORD_MAX_AGE_DAYS: 90, APPLICANT_PASSWORD_MAX_AGE_DAYS: 0, PUBLIC_URL: 'http://localhost', dataDir: dir ?? os.tmpdir() });
  await seedDemoAccounts(deps);
  await deps.auditTrail.seal();
  await handle.close();

  const cli = () =>
    run('npx', ['tsx', 'src/main/audit-verify.ts'], { cwd: ROOT, env }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
  const ok = await cli();
  assert.equal(ok.code, 0, ok.out);
  assert.match(ok.out, /audit chain intact: \d+ records checked \(SM3\)/);

  handle = await open();
  const { rows } = await sql<{ id: string }>`select e.id from audit_event e join audit_seal s on s.event_id = e.id order by s.seal_no desc limit 1 offset 3`.execute(handle.db);
  const victim = rows[0]!.id;
  await tamper(handle.db as never, victim);
  await handle.close();
  const bad = await cli();
  assert.notEqual(bad.code, 0);
  assert.match(bad.out, new RegExp(`AUDIT CHAIN BROKEN at seal \\d+, audit record ${victim}: the record was altered`));
  if (server) await server.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});
