/** `npm run migrate`: applies pending migrations and prints the database's migration number. */
import { loadEnv } from '../config/env.ts';
import { openDatabase } from '../adapters/postgres/database.ts';
import { migrateToLatest } from '../adapters/postgres/migrate.ts';

const env = loadEnv();
try {
  const handle = await openDatabase(env);
  const n = await migrateToLatest(handle.db);
  console.log(`数据库已迁移到第 ${n} 版 / database at migration ${n} (${handle.kind})`);
  await handle.close();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
