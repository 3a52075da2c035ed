/**
 * A fresh, migrated database per test file: in-memory PGlite by default (from a migrated template
 * cached in the temp folder, so each file starts in well under a second), or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (CI runs the whole suite both ways).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { kyselyOverPglite, openPostgres, PGLITE_EXTENSIONS, type DatabaseHandle } from '../../src/adapters/postgres/database.ts';
import { migrateToLatest } from '../../src/adapters/postgres/migrate.ts';
import { MIGRATIONS } from '../../src/adapters/postgres/migrations/index.ts';

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

function templateFile(): string {
  const root = path.resolve(import.meta.dirname, '../../src/adapters/postgres/migrations');
  const hash = createHash('sha256');
  for (const name of Object.keys(MIGRATIONS).sort()) hash.update(fs.readFileSync(path.join(root, `${name}.ts`)));
  return path.join(os.tmpdir(), `platform-test-template-${hash.digest('hex').slice(0, 16)}.tar`);
}

async function freshPglite(): Promise<DatabaseHandle> {
  const file = templateFile();
  let pglite: PGlite;
  if (fs.existsSync(file)) {
    pglite = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(file)]), extensions: PGLITE_EXTENSIONS });
  } else {
    pglite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
    await migrateToLatest(kyselyOverPglite(pglite) as never);
    const dump = await pglite.dumpDataDir('none');
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
  }
  const db = kyselyOverPglite(pglite);
  await migrateToLatest(db);
  return { db, kind: 'pglite', pglite, close: async () => { await db.destroy(); await pglite.close(); } };
}

async function freshPostgres(): Promise<DatabaseHandle & { url: string }> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  const name = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), 5);
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export async function freshDatabase(): Promise<DatabaseHandle & { url?: string }> {
  return onPostgres ? freshPostgres() : freshPglite();
}
