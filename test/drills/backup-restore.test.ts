/**
 * Drill: `npm run backup` and `npm run restore` (src/main/backup.ts, restore.ts) as the commands run
 * them. Records are made (submitted applications with attachments, a city review, audit records),
 * backed up, restored into a fresh empty target, and compared: the row count of every table, the
 * audit chain (verified, same last hash), every attachment's content; then a real server starts on
 * the restored copy and serves the applications. A non-empty target is refused without --force.
 *
 * Runs on both databases: with TEST_DATABASE_URL, pg_dump/pg_restore against fresh databases on
 * that server (the CI step); without it, the embedded database (PGlite) in a data folder, backed up
 * as its own snapshot under the data folder's lock.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { DataFolderStore } from '../../src/adapters/files/index.ts';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/adapters/postgres/database.ts';
import { migrateToLatest } from '../../src/adapters/postgres/migrate.ts';
import { makeAuditTrail } from '../../src/adapters/postgres/audit-trail.ts';
import { REQUIRED } from '../support/applicants.ts';
import {
  applyResumably,
  attachmentBytes,
  CHECKLIST,
  clientOn,
  drillPlatform,
  emptyDatabase,
  halfWritten,
  migratedDatabase,
  newAcks,
  ROOT,
  sha256,
  startServer,
  tableCounts,
  type DrillPlatform,
} from '../support/drills.ts';

const ADMIN_URL = process.env.TEST_DATABASE_URL;
const onPostgres = Boolean(ADMIN_URL);
const NAMES = ['石家庄备份演练一号公司', '石家庄备份演练二号公司', '石家庄备份演练三号公司'];

let work: string;
let sourceDir: string;
let source: DatabaseHandle & { url?: string };
let p: DrillPlatform;
let sourceCounts: Record<string, number>;
let sourceAudit: { checked: number; lastHash: string | null };
const accounts: { email: string; totpSecret: string | null }[] = [];
const applicationIds: string[] = [];
const dropLater: (() => Promise<void>)[] = [];

/** Runs one of the CLIs (`backup` or `restore`) as `npm run` would, with the given environment. */
function cli(name: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/main/${name}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', TEST_DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** Opens a database to compare (the embedded one takes its folder's lock: close it before a CLI or server needs it). */
async function open(target: { url?: string; dataDir: string }): Promise<DatabaseHandle> {
  return target.url ? openPostgres(target.url, 2) : openPglite(target.dataDir);
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-backup-'));
  sourceDir = path.join(work, 'source');
  fs.mkdirSync(sourceDir);
  if (onPostgres) {
    source = await migratedDatabase(ADMIN_URL!, 'drill_backup_src');
  } else {
    source = await openPglite(sourceDir);
    await migrateToLatest(source.db);
  }
  p = await drillPlatform(source, { dataDir: sourceDir });
  for (const name of NAMES) {
    const account = await p.applicant('130100', name);
    accounts.push(account);
    const client = p.client();
    assert.equal((await client.signIn(account)).status, 200, 'in-process sign-in');
    const acks = newAcks();
    await applyResumably(client, p.callId, name, acks);
    assert.ok(acks.submitted, `${name} submitted`);
    applicationIds.push(acks.applicationId!);
  }
  const city = p.client();
  assert.equal((await city.signIn(await p.account('city_officer', '130100'))).status, 200, 'city officer signed in');
  assert.equal((await city.post(`/api/applications/${applicationIds[0]}/start-review`)).status, 200, 'review started');
  const passed = await city.post(`/api/applications/${applicationIds[0]}/city-decision`, { decision: 'pass', checklist: CHECKLIST });
  assert.equal(passed.status, 200, JSON.stringify(passed.body));
  await p.deps.auditTrail.seal();
  sourceCounts = await tableCounts(source.db);
  const verified = await p.deps.auditTrail.verify();
  assert.ok(verified.ok && verified.unsealed === 0, 'the source chain is whole and sealed');
  sourceAudit = { checked: verified.checked, lastHash: verified.lastHash };
  // The embedded database is backed up with the platform stopped: release the folder.
  if (!onPostgres) await source.close();
});
after(async () => {
  if (onPostgres) await source?.close();
  for (const drop of dropLater) await drop().catch(() => {});
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const sourceEnv = () => ({ DATABASE_URL: source.url ?? '', DATA_DIR: sourceDir });
const backupDir = () => path.join(work, 'backup');

test('npm run backup writes the database and the attachments, with a manifest of what it took', async () => {
  const r = await cli('backup', [backupDir()], sourceEnv());
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /备份完成/);
  assert.match(r.out, /Backup written to/);
  const manifest = JSON.parse(fs.readFileSync(path.join(backupDir(), 'manifest.json'), 'utf8'));
  assert.equal(manifest.database, onPostgres ? 'postgresql' : 'pglite');
  assert.ok(fs.statSync(path.join(backupDir(), manifest.databaseFile)).size > 1000, 'the database file has content');
  assert.deepEqual(manifest.tables, sourceCounts, 'the manifest counts every table as the source has it');
  assert.equal(manifest.audit.sealed, sourceAudit.checked);
  assert.equal(manifest.audit.lastHash, sourceAudit.lastHash);
  assert.equal(manifest.files.store, 'data-folder');
  assert.equal(manifest.files.count, NAMES.length * REQUIRED.length, 'every attachment copied');
  console.log(`# backup (${manifest.database}): ${Object.keys(manifest.tables).length} tables, ${Object.values(manifest.tables as Record<string, number>).reduce((a, b) => a + b, 0)} rows, ${manifest.audit.sealed} audit records, ${manifest.files.count} files`);

  const again = await cli('backup', [backupDir()], sourceEnv());
  assert.equal(again.code, 2, 'a non-empty backup folder is refused');
  assert.match(again.out, /已存在且不为空/);
  if (!onPostgres) {
    const running = await openPglite(sourceDir);
    try {
      const locked = await cli('backup', [path.join(work, 'while-running')], sourceEnv());
      assert.equal(locked.code, 3, `refused while the data folder is in use: ${locked.out}`);
      assert.match(locked.out, /请先停止服务器/);
      assert.match(locked.out, /stop the server, then run npm run backup/);
      assert.equal(fs.existsSync(path.join(work, 'while-running')), false, 'no half-made backup is left');
    } finally {
      await running.close();
    }
  }
});

test('npm run restore into an empty target: every table, the audit chain and every attachment as they were', async () => {
  const targetDir = path.join(work, 'target');
  fs.mkdirSync(targetDir);
  let targetUrl: string | undefined;
  if (onPostgres) {
    const empty = await emptyDatabase(ADMIN_URL!, 'drill_backup_dst');
    dropLater.push(empty.drop);
    targetUrl = empty.url;
  }
  const env = { DATABASE_URL: targetUrl ?? '', DATA_DIR: targetDir };
  const r = await cli('restore', [backupDir()], env);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /恢复完成/);
  assert.match(r.out, /row counts: all \d+ tables match the manifest/);
  assert.match(r.out, /audit chain: \d+ records intact/);

  // Checked again here, independently of the command's own checks.
  const restored = await open({ url: targetUrl, dataDir: targetDir });
  try {
    assert.deepEqual(await tableCounts(restored.db), sourceCounts, 'the same rows in every table');
    const chain = await makeAuditTrail(restored.db).verify();
    assert.equal(chain.ok, true, `the restored chain verifies: ${JSON.stringify(chain.firstBroken)}`);
    assert.equal(chain.checked, sourceAudit.checked, 'every audit record is sealed in the copy');
    assert.equal(chain.lastHash, sourceAudit.lastHash, 'the same last hash');
    assert.deepEqual(await halfWritten(restored.db, new DataFolderStore(path.join(targetDir, 'files')), p.callId), [], 'every application whole, every attachment with its content');
  } finally {
    await restored.close();
  }

  // A server on the restored copy serves the records.
  const server = await startServer({ name: 'server on the restored copy', ...(targetUrl ? { databaseUrl: targetUrl } : {}), settings: { dataDir: targetDir } });
  try {
    const client = await clientOn(server.base, accounts[1]!);
    const app = await client.get(`/api/applications/${applicationIds[1]}`);
    assert.equal(app.status, 200, JSON.stringify(app.body));
    assert.equal(app.body.state, 'submitted');
    const at = app.body.attachments.find((a: any) => a.requirementId === REQUIRED[0]);
    const down = await client.binary('GET', `/api/attachments/${at.id}/download`);
    assert.equal(down.status, 200, 'the attachment downloads from the restored copy');
    assert.equal(sha256(down.bytes), sha256(attachmentBytes(NAMES[1]!, REQUIRED[0]!)), 'with its bytes');
  } finally {
    await server.stop();
  }

  // The restored target is no longer empty: refused without --force, replaced with it.
  const refused = await cli('restore', [backupDir()], env);
  assert.equal(refused.code, 3, refused.out);
  assert.match(refused.out, /拒绝覆盖/);
  assert.match(refused.out, /refusing to overwrite/);
  const forced = await cli('restore', [backupDir(), '--force'], env);
  assert.equal(forced.code, 0, forced.out);
  const again = await open({ url: targetUrl, dataDir: targetDir });
  try {
    const counts = await tableCounts(again.db);
    // The server's start on the copy added its own rows (sessions, sign-in records, audit records): --force put the backup back.
    assert.deepEqual(counts, sourceCounts, 'after --force the target holds the backup again');
  } finally {
    await again.close();
  }
  if (!onPostgres) assert.ok(fs.readdirSync(targetDir).some((f) => f.startsWith('pgdata.before-restore-')), 'the replaced database was moved aside, not deleted');
});

test('a backup of the other kind of database, or a folder that is not a backup, is refused', async () => {
  const notBackup = path.join(work, 'not-a-backup');
  fs.mkdirSync(notBackup);
  const r = await cli('restore', [notBackup], { DATA_DIR: path.join(work, 'elsewhere') });
  assert.equal(r.code, 2, r.out);
  assert.match(r.out, /不是平台备份/);
  const wrongKind = await cli('restore', [backupDir()], onPostgres ? { DATA_DIR: path.join(work, 'elsewhere') } : { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DATA_DIR: path.join(work, 'elsewhere') });
  assert.equal(wrongKind.code, 2, wrongKind.out);
  assert.match(wrongKind.out, onPostgres ? /DATABASE_URL/ : /unset DATABASE_URL/);
});
