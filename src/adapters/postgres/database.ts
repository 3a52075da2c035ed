/**
 * Opens the platform's database: embedded PostgreSQL (PGlite) in the data folder when no
 * DATABASE_URL is given, a PostgreSQL server otherwise. Both go through Kysely's PostgresDialect
 * over node-postgres, so there is one code path and the same value types on both.
 *
 * PGlite has one connection: the pool has size 1, so requests queue and run one at a time. Code
 * inside a transaction must use the transaction handle only: a query on the outer handle would wait
 * for the connection the transaction holds, for ever.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The PGlite instance, when embedded (for snapshots). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(dataDir: string, holder: string) {
    super(
      `数据目录 ${dataDir} 正被另一个进程使用（${holder}）。嵌入式数据库只允许一个进程打开，请先停止该进程。\n` +
        `The data folder ${dataDir} is in use by another process (${holder}). The embedded database allows one process only: stop that one first.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Takes the data folder's exclusive lock. Two processes on one PGlite folder get no error from
 * PGlite and silently lose committed rows, so the platform refuses the second one itself.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const target = path.join(dataDir, 'platform.lock-target');
  if (!fs.existsSync(target)) fs.writeFileSync(target, 'This file anchors the data folder lock (platform.lock-target.lock).\n');
  const holderFile = path.join(dataDir, 'platform.pid');
  try {
    const release = await lockfile.lock(target, {
      stale: 15_000,
      update: 5_000,
      realpath: false,
      onCompromised: (err) => {
        console.error('数据目录锁丢失 / data folder lock compromised; stopping to protect the data', err);
        process.exit(70);
      },
    });
    fs.writeFileSync(holderFile, `pid ${process.pid} since ${new Date().toISOString()}\n`);
    return async () => {
      try {
        fs.rmSync(holderFile, { force: true });
        await release();
      } catch {
        // already released
      }
    };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
      const holder = fs.existsSync(holderFile) ? fs.readFileSync(holderFile, 'utf8').trim() : 'unknown';
      throw new DataDirLockedError(dataDir, holder);
    }
    throw err;
  }
}

/** A Kysely handle over a PGlite instance (the caller owns the instance). */
export function kyselyOverPglite(pglite: PGlite): Kysely<Database> {
  // node-postgres types its config loosely; PGlite's adapter provides the connection itself.
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export const PGLITE_EXTENSIONS = { pg_trgm };

export async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  fs.mkdirSync(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata'), extensions: PGLITE_EXTENSIONS });
    const db = kyselyOverPglite(pglite);
    return {
      db,
      kind: 'pglite',
      pglite,
      close: async () => {
        await db.destroy();
        await pglite.close();
        await unlock();
      },
    };
  } catch (err) {
    await unlock();
    throw err;
  }
}

export function openPostgres(connectionString: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // A dropped connection (server restart) must not crash the process; the pool reconnects.
  pool.on('error', (err) => console.error('PostgreSQL pool error (will reconnect):', err.message));
  // A checked-out client (in a transaction, between queries) emits 'error' on itself, not on the pool; unheard, it would end the process.
  pool.on('connect', (client) => client.on('error', (err) => console.error('PostgreSQL connection lost (the request fails, the pool reconnects):', err.message)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgresql', close: () => db.destroy() };
}

export async function openDatabase(env: { DATABASE_URL?: string | undefined; dataDir: string }): Promise<DatabaseHandle> {
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(env.dataDir);
}
