/**
 * A fresh database on the PostgreSQL server for one bench run (as test/support/database.ts makes one
 * per test file), dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface FreshDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createDatabase(adminUrl: string): Promise<FreshDatabase> {
  const name = `bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      try {
        await a.query(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** The server's version, e.g. "PostgreSQL 15.20". */
export async function serverVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ v: string }>("select current_setting('server_version') as v");
    return `PostgreSQL ${r.rows[0]!.v.split(' ')[0]}`;
  } finally {
    await c.end();
  }
}
