/**
 * Seals audit records into the hash chain and verifies it. Writers only insert audit_event rows
 * (with their sequence number) in their own transactions; this sealer, one at a time under an
 * advisory lock, appends audit_seal rows in order, so the chain never serializes the platform's writes.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { chainHash, GENESIS_HASH, verifyStretch, type ChainedRecord, type HashFunction } from '../../core/audit-chain.ts';
import type { AuditTrail } from '../../use-cases/ports.ts';
import type { AuditEventTable, Database } from './schema.ts';

/** SM3 (GB/T 32905-2016), as China's commercial cryptography rules expect. */
export const AUDIT_HASH_ALGORITHM = 'SM3';
export const sm3: HashFunction = (text) => createHash('sm3').update(text, 'utf8').digest('hex');

const SEALER_LOCK = 7_720_001;
const BATCH = 500;
/** How far back (in sequence numbers) the sealer looks for records whose transaction committed late. */
const LATE_COMMIT_WINDOW = 100_000;

export function toChainedRecord(r: Selectable<AuditEventTable>): ChainedRecord {
  return {
    id: String(r.id),
    occurredAt: r.occurred_at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    organizationId: r.organization_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
  };
}

export function makeAuditTrail(db: Kysely<Database>): AuditTrail {
  async function sealBatch(): Promise<number> {
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${SEALER_LOCK})`.execute(trx);
      const last = await trx.selectFrom('audit_seal').select(['seal_no', 'hash', 'event_id']).orderBy('seal_no', 'desc').limit(1).executeTakeFirst();
      const floor = last ? BigInt(last.event_id) - BigInt(LATE_COMMIT_WINDOW) : 0n;
      const pending = await trx
        .selectFrom('audit_event')
        .selectAll()
        .where('id', '>', String(floor > 0n ? floor : 0n))
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('audit_seal').select('seal_no').whereRef('audit_seal.event_id', '=', 'audit_event.id'))))
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (pending.length === 0) return 0;
      let prevHash = last?.hash ?? GENESIS_HASH;
      let sealNo = last ? BigInt(last.seal_no) : 0n;
      const seals = pending.map((event) => {
        sealNo += 1n;
        const hash = chainHash(sm3, prevHash, String(sealNo), toChainedRecord(event));
        const row = { seal_no: String(sealNo), event_id: event.id, prev_hash: prevHash, hash, algorithm: AUDIT_HASH_ALGORITHM };
        prevHash = hash;
        return row;
      });
      await trx.insertInto('audit_seal').values(seals).execute();
      return seals.length;
    });
  }

  return {
    async seal() {
      let total = 0;
      for (;;) {
        const n = await sealBatch();
        total += n;
        if (n < BATCH) return total;
      }
    },

    async verify() {
      let state = { prevHash: GENESIS_HASH, nextSealNo: 1n };
      let checked = 0;
      let after = '0';
      for (;;) {
        const rows = await db
          .selectFrom('audit_seal')
          .leftJoin('audit_event', 'audit_event.id', 'audit_seal.event_id')
          .select(['audit_seal.seal_no', 'audit_seal.event_id as seal_event_id', 'audit_seal.prev_hash', 'audit_seal.hash as seal_hash'])
          .select([
            'audit_event.id',
            'audit_event.occurred_at',
            'audit_event.actor_id',
            'audit_event.actor_name',
            'audit_event.actor_role',
            'audit_event.organization_id',
            'audit_event.action',
            'audit_event.entity_type',
            'audit_event.entity_id',
            'audit_event.before',
            'audit_event.after',
            'audit_event.ip',
            'audit_event.user_agent',
            'audit_event.request_id',
          ])
          .where('audit_seal.seal_no', '>', after)
          .orderBy('audit_seal.seal_no')
          .limit(2000)
          .execute();
        if (rows.length === 0) break;
        const result = verifyStretch(
          sm3,
          state,
          rows.map((r) => ({
            seal: { sealNo: String(r.seal_no), eventId: String(r.seal_event_id), prevHash: r.prev_hash, hash: r.seal_hash },
            record: r.id === null ? null : toChainedRecord(r as unknown as Selectable<AuditEventTable>),
          })),
        );
        checked += result.checked;
        if (result.broken) {
          return {
            ok: false,
            algorithm: AUDIT_HASH_ALGORITHM,
            checked,
            unsealed: await countUnsealed(),
            firstBroken: { ...result.broken, seq: result.broken.eventId },
            lastHash: result.prevHash,
          };
        }
        state = { prevHash: result.prevHash, nextSealNo: result.nextSealNo };
        after = String(rows.at(-1)!.seal_no);
      }
      return { ok: true, algorithm: AUDIT_HASH_ALGORITHM, checked, unsealed: await countUnsealed(), firstBroken: null, lastHash: checked ? state.prevHash : null };
    },
  };

  async function countUnsealed(): Promise<number> {
    const r = await db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('audit_seal').select('seal_no').whereRef('audit_seal.event_id', '=', 'audit_event.id'))))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
