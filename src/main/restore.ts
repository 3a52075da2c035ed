/**
 * `npm run restore -- <backup folder> [--force]`: puts a backup made by `npm run backup` back, into
 * an empty target, then checks it: the row count of every table against the manifest, and the audit
 * chain (npm run audit:verify's walk). Exits non-zero when anything differs.
 *
 * - a PostgreSQL backup needs DATABASE_URL, an empty database (created with createdb); restored
 *   with pg_restore (--no-owner --no-acl: the objects belong to the restoring user, as the platform
 *   expects when it connects as that user);
 * - an embedded backup goes into DATA_DIR, which must hold no database; the data folder's lock is
 *   held throughout, so a running server there is refused;
 * - the attachments go into DATA_DIR/files, which must be empty.
 *
 * A non-empty target is refused unless --force: then a PostgreSQL target's public schema is dropped
 * and recreated, and an embedded database or files folder already there is moved aside (renamed
 * `*.before-restore-<time>`), never deleted.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import { loadEnv, type Env } from '../config/env.ts';
import { makeAuditTrail } from '../adapters/postgres/audit-trail.ts';
import { kyselyOverPglite, openPostgres, PGLITE_EXTENSIONS } from '../adapters/postgres/database.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../adapters/postgres/schema.ts';
import { CliError, connectionOf, copyObjects, describeManifest, FILES_DIR, kyselyQuery, listObjects, MANIFEST, postgresProgram, runCli, say, snapshotFacts, summarizeObjects, type Manifest } from './backup.ts';
import { s3Config } from './compose.ts';

const run = promisify(execFile);

function readManifest(folder: string): Manifest {
  const file = path.join(folder, MANIFEST);
  if (!fs.existsSync(file)) throw new CliError(`${folder} 不是平台备份（缺少 ${MANIFEST}）。`, `${folder} is not a platform backup (no ${MANIFEST}).`, 2);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (m.format !== 'ii-platform-backup' || m.version !== 1) throw new CliError(`无法识别的备份格式：${m.format} ${m.version}`, `Unknown backup format: ${m.format} ${m.version}`, 2);
  if (!fs.existsSync(path.join(folder, m.databaseFile))) throw new CliError(`备份不完整：缺少 ${m.databaseFile}`, `The backup is incomplete: ${m.databaseFile} is missing`, 2);
  return m;
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** Moves `target` aside when it exists (with --force), refusing otherwise. */
function clearOrRefuse(target: string, nonEmpty: boolean, force: boolean, what: { zh: string; en: string }): void {
  if (!nonEmpty) return;
  if (!force) {
    throw new CliError(`目标${what.zh} ${target} 不为空，拒绝覆盖。确认要替换时加 --force（原有内容会被改名保留）。`, `The target ${what.en} ${target} is not empty; refusing to overwrite it. Add --force to replace it (the old content is kept under a new name).`, 3);
  }
  const aside = `${target}.before-restore-${stamp()}`;
  fs.renameSync(target, aside);
  say(`  已将原有${what.zh}改名为 ${aside}`, `moved the existing ${what.en} aside to ${aside}`);
}

// ---- PostgreSQL ----

async function publicTables(client: pg.Client): Promise<number> {
  const r = await client.query<{ n: string }>(`select count(*) as n from information_schema.tables where table_schema = 'public'`);
  return Number(r.rows[0]!.n);
}

async function restorePostgres(env: Env, folder: string, m: Manifest, force: boolean): Promise<void> {
  if (!env.DATABASE_URL) throw new CliError('这是 PostgreSQL 服务器的备份：请用 DATABASE_URL 指定要恢复到的（空）数据库。', 'This is a backup of a PostgreSQL server: set DATABASE_URL to the (empty) database to restore into.', 2);
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const tables = await publicTables(client);
    if (tables > 0) {
      if (!force) {
        throw new CliError(
          `目标数据库已有 ${tables} 张表，拒绝覆盖。请用 createdb 新建一个空数据库；确认要替换时加 --force（将删除并重建 public 模式）。`,
          `The target database already has ${tables} tables; refusing to overwrite it. Create an empty one with createdb, or add --force to replace it (drops and recreates the public schema).`,
          3,
        );
      }
      await client.query('drop schema public cascade');
      await client.query('create schema public');
      say(`  已清空目标数据库的 public 模式（原有 ${tables} 张表）`, `dropped and recreated the target's public schema (it had ${tables} tables)`);
    }
    const versionNum = Number((await client.query<{ v: string }>(`select current_setting('server_version_num') as v`)).rows[0]!.v);
    const pgRestore = await postgresProgram('pg_restore', versionNum);
    const conn = connectionOf(env.DATABASE_URL);
    await run(pgRestore, ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', `--dbname=${conn.dbname}`, path.join(folder, m.databaseFile)], { env: conn.env, maxBuffer: 64 * 1024 * 1024 }).catch((err: Error & { stderr?: string }) => {
      throw new CliError(`pg_restore 失败：${err.stderr ?? err.message}`, `pg_restore failed: ${err.stderr ?? err.message}`);
    });
  } finally {
    await client.end();
  }
  const handle = openPostgres(env.DATABASE_URL, 2);
  try {
    await check(handle.db, m);
  } finally {
    await handle.close();
  }
}

// ---- the embedded database ----

/** The data folder's lock, as src/adapters/postgres/database.ts takes it (the same anchor file and settings). */
async function lockDataFolder(dataDir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dataDir, { recursive: true });
  const anchor = path.join(dataDir, 'platform.lock-target');
  if (!fs.existsSync(anchor)) fs.writeFileSync(anchor, 'This file anchors the data folder lock (platform.lock-target.lock).\n');
  try {
    return await lockfile.lock(anchor, { stale: 15_000, update: 5_000, realpath: false });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new CliError(`数据目录 ${dataDir} 正被另一个进程（平台服务器？）使用：请先停止它。`, `The data folder ${dataDir} is in use by another process (a platform server?): stop it first.`, 3);
    }
    throw err;
  }
}

async function restorePglite(env: Env, folder: string, m: Manifest, force: boolean): Promise<void> {
  const unlock = await lockDataFolder(env.dataDir);
  try {
    const pgdata = path.join(env.dataDir, 'pgdata');
    clearOrRefuse(pgdata, fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0, force, { zh: '嵌入式数据库', en: 'embedded database' });
    // Unpacked beside the target first and renamed in only when whole.
    const staging = `${pgdata}.restoring-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    const dump = new Blob([fs.readFileSync(path.join(folder, m.databaseFile))]);
    const loaded = await PGlite.create({ dataDir: staging, loadDataDir: dump, extensions: PGLITE_EXTENSIONS });
    await loaded.close();
    fs.renameSync(staging, pgdata);
    const pglite = await PGlite.create({ dataDir: pgdata, extensions: PGLITE_EXTENSIONS });
    const db = kyselyOverPglite(pglite);
    try {
      await check(db, m);
    } finally {
      await db.destroy();
      await pglite.close();
    }
  } finally {
    await unlock();
  }
}

// ---- files and checks ----

function restoreFiles(env: Env, folder: string, m: Manifest, force: boolean): void {
  if (m.files.store !== 'data-folder') {
    say('  附件在 S3 兼容对象存储中，本备份不含附件；请确认存储桶中的对象完好。', 'attachments are in S3-compatible object storage and not in this backup; check the bucket holds them.');
    return;
  }
  if (s3Config(env)) {
    say('  注意：当前配置使用 S3 存储附件，但备份中的附件来自数据目录；已将其恢复到数据目录 files/，请自行上传到存储桶。', 'note: S3 is configured now, but the backup’s attachments come from a data folder; they were restored into DATA_DIR/files: copy them to the bucket yourself.');
  }
  const target = path.join(env.dataDir, FILES_DIR);
  clearOrRefuse(target, listObjects(target).length > 0, force, { zh: '附件目录', en: 'attachment folder' });
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  const copied = copyObjects(path.join(folder, FILES_DIR), target);
  const back = summarizeObjects(target);
  if (copied.count !== m.files.count || back.sha256 !== m.files.sha256) {
    throw new CliError(`附件与备份清单不符：${back.count} 个文件（清单 ${m.files.count} 个）`, `The attachments differ from the manifest: ${back.count} files (manifest: ${m.files.count})`, 4);
  }
  say(`  附件：已恢复 ${copied.count} 个文件（${copied.bytes} 字节），内容与备份清单一致`, `attachments: ${copied.count} files (${copied.bytes} bytes) restored, matching the manifest`);
}

/** Row counts per table against the manifest, then the audit chain. */
async function check(db: Kysely<Database>, m: Manifest): Promise<void> {
  const { tables } = await snapshotFacts(kyselyQuery(db));
  const names = [...new Set([...Object.keys(m.tables), ...Object.keys(tables)])].sort();
  const differ = names.filter((n) => tables[n] !== m.tables[n]);
  if (differ.length) {
    const lines = differ.map((n) => `${n}: ${tables[n] ?? '缺失/missing'} ≠ ${m.tables[n] ?? '缺失/missing'}`).join('; ');
    throw new CliError(`恢复后的行数与备份不符：${lines}`, `Row counts after the restore differ from the backup: ${lines}`, 4);
  }
  say(`  行数：${names.length} 张表与备份清单逐一相符`, `row counts: all ${names.length} tables match the manifest`);
  const audit = await makeAuditTrail(db).verify();
  if (!audit.ok) {
    throw new CliError(`审计链被破坏：第 ${audit.firstBroken?.sealNo} 条（${audit.firstBroken?.reason}）`, `The audit chain is broken at seal ${audit.firstBroken?.sealNo}: ${audit.firstBroken?.reason}`, 4);
  }
  if (audit.checked !== m.audit.sealed || (audit.lastHash ?? null) !== m.audit.lastHash) {
    throw new CliError(`审计链与备份不符：${audit.checked} 条，末尾哈希 ${audit.lastHash}`, `The audit chain differs from the backup: ${audit.checked} records, last hash ${audit.lastHash}`, 4);
  }
  say(`  审计链：${audit.checked} 条记录校验完好，末尾哈希与备份一致`, `audit chain: ${audit.checked} records intact, the last hash matches the backup`);
}

export async function restore(env: Env, folder: string, force: boolean): Promise<Manifest> {
  const m = readManifest(folder);
  if (m.database === 'postgresql') await restorePostgres(env, folder, m, force);
  else {
    if (env.DATABASE_URL) {
      throw new CliError('这是嵌入式数据库（PGlite）的备份，只能恢复到数据目录：请不要设置 DATABASE_URL。', 'This is a backup of the embedded database (PGlite) and restores into a data folder only: unset DATABASE_URL.', 2);
    }
    await restorePglite(env, folder, m, force);
  }
  restoreFiles(env, folder, m, force);
  return m;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const force = args.includes('--force');
  const folder = args.find((a) => !a.startsWith('--'));
  if (!folder) throw new CliError('用法：npm run restore -- <备份目录> [--force]', 'usage: npm run restore -- <backup folder> [--force]', 2);
  const env = loadEnv();
  const started = Date.now();
  const m = await restore(env, path.resolve(folder), force);
  say(`恢复完成：${path.resolve(folder)} → ${env.DATABASE_URL ? '数据库服务器' : env.dataDir}（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`, `Restored ${path.resolve(folder)} into ${env.DATABASE_URL ? 'the database server' : env.dataDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  describeManifest(m);
}

await runCli(main);
