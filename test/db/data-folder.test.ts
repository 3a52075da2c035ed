import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { DataDirLockedError, openPglite } from '../../src/adapters/postgres/database.ts';
import { currentMigration, LATEST_MIGRATION, migrateToLatest } from '../../src/adapters/postgres/migrate.ts';

test('one process per data folder: a second opener is refused with a clear message, and may open after release', { timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-test-'));
  const first = await openPglite(dir);
  try {
    await assert.rejects(openPglite(dir), (err: Error) => {
      assert.ok(err instanceof DataDirLockedError);
      assert.match(err.message, /正被另一个进程使用/);
      assert.match(err.message, new RegExp(`pid ${process.pid}`));
      return true;
    });
  } finally {
    await first.close();
  }
  const again = await openPglite(dir);
  await again.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('migrations apply once, survive a reopen, and are forward-only', { timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-test-'));
  let h = await openPglite(dir);
  assert.equal(await migrateToLatest(h.db), LATEST_MIGRATION);
  await h.db.insertInto('organization').values({ id: '1', parent_id: null, path: ['1'], code: 'X', kind: 'platform', name: '平台', name_en: null, division_code: null, credit_code: null, contact_name: null, contact_phone: null, address: null, note: null, updated_at: new Date() } as never).execute();
  await h.close();
  h = await openPglite(dir);
  assert.equal(await currentMigration(h.db), LATEST_MIGRATION);
  assert.equal(await migrateToLatest(h.db), LATEST_MIGRATION);
  const rows = await h.db.selectFrom('organization').select('code').execute();
  assert.deepEqual(rows, [{ code: 'X' }]);
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
