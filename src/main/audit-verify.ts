/**
 * `npm run audit:verify`: walks the audit chain from the first record and exits non-zero naming the
 * first broken record. It only reads: records not yet sealed are counted, not sealed here.
 */
import { loadEnv } from '../config/env.ts';
import { makeAuditTrail } from '../adapters/postgres/audit-trail.ts';
import { openDatabase } from '../adapters/postgres/database.ts';

const env = loadEnv();
let code = 0;
try {
  const handle = await openDatabase(env);
  const result = await makeAuditTrail(handle.db).verify();
  if (result.ok) {
    console.log(`审计链完好 / audit chain intact: ${result.checked} records checked (${result.algorithm}), ${result.unsealed} not yet sealed; last hash ${result.lastHash ?? '-'}`);
  } else {
    const b = result.firstBroken!;
    console.error(`审计链被破坏 / AUDIT CHAIN BROKEN at seal ${b.sealNo}, audit record ${b.eventId ?? '?'}: ${b.reason}`);
    console.error(`(${result.checked} records before it are intact)`);
    code = 2;
  }
  await handle.close();
} catch (err) {
  console.error((err as Error).message);
  code = 1;
}
process.exit(code);
