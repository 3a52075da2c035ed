/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before (and regardless of) the table types */
import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from './migrations/index.ts';

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** The number of the newest migration a database has, e.g. 1 for 0001_foundation. */
export function migrationNumber(name: string | undefined): number {
  return name ? Number.parseInt(name.slice(0, 4), 10) : 0;
}

export const LATEST_MIGRATION = migrationNumber(Object.keys(MIGRATIONS).sort().at(-1));

/** Applies every pending migration; returns the database's migration number afterwards. */
export async function migrateToLatest(db: Kysely<any>): Promise<number> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`数据库迁移失败 / migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`, { cause: error });
  }
  return currentMigration(db);
}

export async function currentMigration(db: Kysely<any>): Promise<number> {
  const migrations = await new Migrator({ db, provider }).getMigrations();
  return migrationNumber(migrations.filter((m) => m.executedAt).map((m) => m.name).sort().at(-1));
}
