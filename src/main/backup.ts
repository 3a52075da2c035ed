/**
 * `npm run backup -- [folder]`: a consistent backup of the platform into a new folder (default
 * ./backups/<Beijing time>), restored with `npm run restore -- <folder>`:
 *
 * - a PostgreSQL server (DATABASE_URL): `pg_dump -Fc` into database.dump, taken inside a read-only
 *   transaction whose snapshot pg_dump shares (`--snapshot`), so the row counts in the manifest are
 *   those of the dump exactly, while the server keeps running;
 * - the embedded database (no DATABASE_URL): PGlite's own snapshot of its data directory into
 *   database.tar.gz, taken while holding the data folder's lock, so the server must be stopped first
 *   (a running one holds the lock and the backup says so);
 * - attachments in the data folder (DATA_DIR/files) are copied into files/ after the database, so
 *   every attachment the dump names has its content in the copy (content is written before its row
 *   commits). Attachments in S3-compatible storage are not copied: back the bucket up with the
 *   storage's own versioning or replication.
 *
 * manifest.json records what was taken: the database kind, the migration, the row count of every
 * table, the audit chain's length and last hash, the files. Everything it prints is in Chinese and
 * English. Operational SQL (counts, the snapshot) lives here, not in a repository: it reads every
 * table generically and belongs to no use case.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { loadEnv, type Env } from '../config/env.ts';
import { DataDirLockedError, openPglite } from '../adapters/postgres/database.ts';
import { currentMigration, migrationNumber } from '../adapters/postgres/migrate.ts';
import type { Database } from '../adapters/postgres/schema.ts';
import { s3Config } from './compose.ts';

const run = promisify(execFile);

export const MANIFEST = 'manifest.json';
export const PG_DUMP_FILE = 'database.dump';
export const PGLITE_DUMP_FILE = 'database.tar.gz';
export const FILES_DIR = 'files';

export interface Manifest {
  format: 'ii-platform-backup';
  version: 1;
  createdAt: string;
  database: 'postgresql' | 'pglite';
  /** The file holding the database, in the backup folder. */
  databaseFile: string;
  migration: number;
  /** Rows per table of the public schema, as in the dump. */
  tables: Record<string, number>;
  audit: { sealed: number; lastHash: string | null };
  files: { store: 'data-folder' | 's3'; count: number; bytes: number; sha256: string | null };
  tool: string;
}

/** Prints one line in both languages. */
export function say(zh: string, en: string): void {
  console.log(`${zh}\n  ${en}`);
}

export class CliError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly exitCode = 1,
  ) {
    super(en);
  }
}

// ---- PostgreSQL programs ----

/**
 * The pg_dump/pg_restore to use: PG_BIN_DIR when set, else the programs of the server's major version
 * under /usr/lib/postgresql/<major>/bin (Debian), else the ones on PATH; refused when older than the
 * server (pg_dump cannot dump a newer server).
 */
export async function postgresProgram(name: 'pg_dump' | 'pg_restore', serverVersionNum: number): Promise<string> {
  const major = Math.floor(serverVersionNum / 10_000);
  const candidates = [process.env.PG_BIN_DIR && path.join(process.env.PG_BIN_DIR, name), `/usr/lib/postgresql/${major}/bin/${name}`, name].filter(Boolean) as string[];
  for (const file of candidates) {
    if (file.includes('/') && !fs.existsSync(file)) continue;
    try {
      const { stdout } = await run(file, ['--version']);
      const version = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1] ?? 0);
      if (version >= major) return file;
    } catch {
      // not runnable; try the next
    }
  }
  throw new CliError(
    `找不到 PostgreSQL ${major} 或更新版本的 ${name}。请安装 postgresql-client-${major}（apt-get install postgresql-client），或用 PG_BIN_DIR 指定其目录。`,
    `No ${name} of PostgreSQL ${major} or newer was found. Install postgresql-client-${major} (apt-get install postgresql-client) or point PG_BIN_DIR at its folder.`,
  );
}

/**
 * The connection of a PostgreSQL program: the URL without its password (which would show in the
 * process list) as --dbname, the password in PGPASSWORD.
 */
export function connectionOf(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

// ---- counts, run on any connection ----

type Query = (text: string) => Promise<{ rows: Record<string, unknown>[] }>;

/** Row counts of every table of the public schema, and the audit chain's length and last hash. */
export async function snapshotFacts(query: Query): Promise<{ tables: Record<string, number>; audit: Manifest['audit'] }> {
  const names = await query(`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
  const tables: Record<string, number> = {};
  for (const { name } of names.rows) {
    const r = await query(`select count(*)::bigint as n from "${String(name).replace(/"/g, '""')}"`);
    tables[String(name)] = Number(r.rows[0]!.n);
  }
  let audit: Manifest['audit'] = { sealed: 0, lastHash: null };
  if ('audit_seal' in tables) {
    const last = await query('select seal_no, hash from audit_seal order by seal_no desc limit 1');
    audit = { sealed: tables.audit_seal!, lastHash: (last.rows[0]?.hash as string | undefined) ?? null };
  }
  return { tables, audit };
}

export function kyselyQuery(db: Kysely<Database>): Query {
  return async (text) => ({ rows: (await sql.raw<Record<string, unknown>>(text).execute(db)).rows });
}

// ---- attachments in the data folder ----

/** Every stored object below `dir` (relative paths, sorted), leaving out temporary files of interrupted writes. */
export function listObjects(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map(String)
    .filter((rel) => !path.basename(rel).endsWith('.tmp') && fs.statSync(path.join(dir, rel)).isFile())
    .sort();
}

/** Copies the stored objects of `from` into `to`; returns their count, total size and one SHA-256 over names and contents. */
export function copyObjects(from: string, to: string): { count: number; bytes: number; sha256: string | null } {
  const objects = listObjects(from);
  const hash = createHash('sha256');
  let bytes = 0;
  for (const rel of objects) {
    const target = path.join(to, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(from, rel), target);
    const content = fs.readFileSync(target);
    bytes += content.length;
    hash.update(rel).update('\0').update(content);
  }
  return { count: objects.length, bytes, sha256: objects.length ? hash.digest('hex') : null };
}

/** The same summary of a folder of objects, without copying. */
export function summarizeObjects(dir: string): { count: number; bytes: number; sha256: string | null } {
  const objects = listObjects(dir);
  const hash = createHash('sha256');
  let bytes = 0;
  for (const rel of objects) {
    const content = fs.readFileSync(path.join(dir, rel));
    bytes += content.length;
    hash.update(rel).update('\0').update(content);
  }
  return { count: objects.length, bytes, sha256: objects.length ? hash.digest('hex') : null };
}

// ---- the backup ----

function beijingStamp(now: Date): string {
  const s = new Date(now.getTime() + 8 * 3_600_000).toISOString();
  return `${s.slice(0, 10)}_${s.slice(11, 19).replace(/:/g, '-')}+0800`;
}

function prepareTarget(target: string): void {
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
    throw new CliError(`备份目录 ${target} 已存在且不为空；请换一个目录。`, `The backup folder ${target} exists and is not empty; choose another.`, 2);
  }
  fs.mkdirSync(target, { recursive: true });
}

async function backupPostgres(env: Env, target: string, filesFrom: string | null): Promise<Manifest> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const versionNum = Number((await client.query<{ v: string }>(`select current_setting('server_version_num') as v`)).rows[0]!.v);
    const pgDump = await postgresProgram('pg_dump', versionNum);
    // One snapshot for the counts and the dump: pg_dump --snapshot imports the one this transaction exported.
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    const facts = await snapshotFacts((text) => client.query(text));
    const migration = 'kysely_migration' in facts.tables ? migrationNumber((await client.query<{ name: string }>('select name from kysely_migration order by name desc limit 1')).rows[0]?.name) : 0;
    const dumpFile = path.join(target, PG_DUMP_FILE);
    const conn = connectionOf(env.DATABASE_URL!);
    await run(pgDump, ['--format=custom', `--snapshot=${snapshot}`, `--file=${dumpFile}`, `--dbname=${conn.dbname}`], { env: conn.env, maxBuffer: 64 * 1024 * 1024 }).catch((err: Error & { stderr?: string }) => {
      throw new CliError(`pg_dump 失败：${err.stderr ?? err.message}`, `pg_dump failed: ${err.stderr ?? err.message}`);
    });
    await client.query('commit');
    const { stdout: tool } = await run(pgDump, ['--version']);
    const files = filesFrom ? copyObjects(filesFrom, path.join(target, FILES_DIR)) : { count: 0, bytes: 0, sha256: null };
    return {
      format: 'ii-platform-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: 'postgresql',
      databaseFile: PG_DUMP_FILE,
      migration,
      ...facts,
      files: { store: filesFrom ? 'data-folder' : 's3', ...files },
      tool: tool.trim(),
    };
  } finally {
    await client.end();
  }
}

async function backupPglite(env: Env, target: string, filesFrom: string | null): Promise<Manifest> {
  if (!fs.existsSync(path.join(env.dataDir, 'pgdata', 'PG_VERSION'))) {
    throw new CliError(`数据目录 ${env.dataDir} 中没有嵌入式数据库（pgdata）。`, `The data folder ${env.dataDir} holds no embedded database (pgdata).`);
  }
  // Holding the data folder's lock: nothing writes while the snapshot and the files are taken.
  const handle = await openPglite(env.dataDir).catch((err: unknown) => {
    if (err instanceof DataDirLockedError) {
      throw new CliError(
        `${err.message.split('\n')[0]}\n嵌入式数据库的备份须在平台停止时进行：请先停止服务器，再运行 npm run backup。`,
        `${err.message.split('\n')[1]}\nThe embedded database is backed up with the platform stopped: stop the server, then run npm run backup.`,
        3,
      );
    }
    throw err;
  });
  try {
    const facts = await snapshotFacts(kyselyQuery(handle.db));
    const migration = await currentMigration(handle.db);
    const dump = await handle.pglite!.dumpDataDir('gzip');
    fs.writeFileSync(path.join(target, PGLITE_DUMP_FILE), Buffer.from(await dump.arrayBuffer()));
    const files = filesFrom ? copyObjects(filesFrom, path.join(target, FILES_DIR)) : { count: 0, bytes: 0, sha256: null };
    return {
      format: 'ii-platform-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: 'pglite',
      databaseFile: PGLITE_DUMP_FILE,
      migration,
      ...facts,
      files: { store: filesFrom ? 'data-folder' : 's3', ...files },
      tool: `PGlite ${(await handle.pglite!.query<{ v: string }>('select version() as v')).rows[0]!.v}`,
    };
  } finally {
    await handle.close();
  }
}

export async function backup(env: Env, targetArg: string | undefined): Promise<{ target: string; manifest: Manifest }> {
  const target = path.resolve(targetArg ?? path.join('backups', beijingStamp(new Date())));
  prepareTarget(target);
  const filesFrom = s3Config(env) ? null : path.join(env.dataDir, 'files');
  try {
    const manifest = env.DATABASE_URL ? await backupPostgres(env, target, filesFrom) : await backupPglite(env, target, filesFrom);
    fs.writeFileSync(path.join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return { target, manifest };
  } catch (err) {
    // Leave no half-made backup that could be mistaken for a whole one.
    fs.rmSync(target, { recursive: true, force: true });
    throw err;
  }
}

function totalRows(tables: Record<string, number>): number {
  return Object.values(tables).reduce((a, b) => a + b, 0);
}

export function describeManifest(m: Manifest): void {
  const tables = Object.keys(m.tables).length;
  say(
    `  数据库：${m.database === 'postgresql' ? 'PostgreSQL 服务器' : '嵌入式（PGlite）'}，迁移版本 ${m.migration}，${tables} 张表共 ${totalRows(m.tables)} 行；审计链 ${m.audit.sealed} 条，末尾哈希 ${m.audit.lastHash ?? '-'}`,
    `database: ${m.database}, migration ${m.migration}, ${tables} tables with ${totalRows(m.tables)} rows; audit chain of ${m.audit.sealed} records, last hash ${m.audit.lastHash ?? '-'}`,
  );
  say(
    m.files.store === 'data-folder' ? `  附件：数据目录中的 ${m.files.count} 个文件，共 ${m.files.bytes} 字节` : '  附件：存放在 S3 兼容对象存储中，未包含在本备份内（请用对象存储自身的版本控制或复制功能备份存储桶）',
    m.files.store === 'data-folder' ? `attachments: ${m.files.count} files of the data folder, ${m.files.bytes} bytes` : 'attachments: in S3-compatible object storage, not in this backup (back the bucket up with the storage’s own versioning or replication)',
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const env = loadEnv();
  const started = Date.now();
  const { target, manifest } = await backup(env, args[0]);
  say(`备份完成：${target}（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`, `Backup written to ${target} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  describeManifest(manifest);
  if (manifest.database === 'postgresql') say(`  恢复：DATABASE_URL=<空数据库> npm run restore -- ${target}`, `restore with: DATABASE_URL=<empty database> npm run restore -- ${target}`);
  else say(`  恢复：DATA_DIR=<空数据目录> npm run restore -- ${target}`, `restore with: DATA_DIR=<empty data folder> npm run restore -- ${target}`);
}

/** Runs a CLI's main, printing its errors in both languages with the exit code they carry. */
export async function runCli(mainFn: () => Promise<void>): Promise<void> {
  try {
    await mainFn();
    process.exit(0);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`${err.zh}\n  ${err.en}`);
      process.exit(err.exitCode);
    }
    console.error((err as Error).message);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await runCli(main);
