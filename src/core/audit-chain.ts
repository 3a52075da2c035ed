/**
 * The tamper-evident audit chain: each sealed record's hash covers its canonical JSON and the hash
 * before it, so altering, deleting or reordering any record breaks every hash after it.
 * The hash function is passed in (SM3 by default, GB/T 32905), keeping this module free of I/O.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted and no whitespace, so equal content always hashes alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value);
}

/** The fields of an audit record that the chain covers. */
export interface ChainedRecord {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  organizationId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export type HashFunction = (text: string) => string;

export function chainHash(hash: HashFunction, prevHash: string, sealNo: string, record: ChainedRecord): string {
  return hash(`${prevHash}\n${sealNo}\n${canonicalJson(record)}`);
}

export interface SealRow {
  sealNo: string;
  eventId: string;
  prevHash: string;
  hash: string;
}

export interface ChainBreak {
  sealNo: string;
  eventId: string | null;
  reason: string;
}

/**
 * Walks one stretch of the chain. `expectedPrev` and `expectedSealNo` carry on from the previous
 * stretch, so a long chain can be checked in batches. Returns the first break, or the state to go on with.
 */
export function verifyStretch(
  hash: HashFunction,
  start: { prevHash: string; nextSealNo: bigint },
  seals: readonly { seal: SealRow; record: ChainedRecord | null }[],
): { broken: ChainBreak | null; prevHash: string; nextSealNo: bigint; checked: number } {
  let prevHash = start.prevHash;
  let nextSealNo = start.nextSealNo;
  let checked = 0;
  for (const { seal, record } of seals) {
    if (BigInt(seal.sealNo) !== nextSealNo) {
      return { broken: { sealNo: String(nextSealNo), eventId: null, reason: `seal ${nextSealNo} is missing` }, prevHash, nextSealNo, checked };
    }
    if (!record) return { broken: { sealNo: seal.sealNo, eventId: seal.eventId, reason: 'the record was deleted' }, prevHash, nextSealNo, checked };
    if (seal.prevHash !== prevHash) {
      return { broken: { sealNo: seal.sealNo, eventId: seal.eventId, reason: 'the link to the previous record does not match' }, prevHash, nextSealNo, checked };
    }
    if (chainHash(hash, prevHash, seal.sealNo, record) !== seal.hash) {
      return { broken: { sealNo: seal.sealNo, eventId: seal.eventId, reason: 'the record was altered after it was sealed' }, prevHash, nextSealNo, checked };
    }
    prevHash = seal.hash;
    nextSealNo += 1n;
    checked += 1;
  }
  return { broken: null, prevHash, nextSealNo, checked };
}
