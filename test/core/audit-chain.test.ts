import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { canonicalJson, chainHash, GENESIS_HASH, verifyStretch, type ChainedRecord } from '../../src/core/audit-chain.ts';

const sm3 = (s: string) => createHash('sm3').update(s).digest('hex');

test('SM3 matches the GB/T 32905 test vector for "abc"', () => {
  assert.equal(sm3('abc'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
});

test('canonical JSON sorts keys at every depth and drops undefined', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } }), '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
  assert.equal(canonicalJson(new Date('2026-01-01T00:00:00Z')), '"2026-01-01T00:00:00.000Z"');
});

const record = (id: number, after: unknown = { n: id }): ChainedRecord => ({
  id: String(id),
  occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, id)),
  actorId: '7',
  actorName: '王强',
  actorRole: 'province_officer',
  organizationId: '5',
  action: 'organization.updated',
  entityType: 'organization',
  entityId: '9',
  before: null,
  after,
  ip: '10.0.0.1',
  userAgent: 'test',
  requestId: 'r',
});

function chain(n: number) {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const r = record(i + 1);
    const hash = chainHash(sm3, prev, String(i + 1), r);
    const seal = { sealNo: String(i + 1), eventId: r.id, prevHash: prev, hash };
    prev = hash;
    return { seal, record: r as ChainedRecord | null };
  });
}

test('an untouched chain verifies', () => {
  const r = verifyStretch(sm3, { prevHash: GENESIS_HASH, nextSealNo: 1n }, chain(5));
  assert.equal(r.broken, null);
  assert.equal(r.checked, 5);
});

test('an altered record is named', () => {
  const c = chain(5);
  c[2]!.record = record(3, { n: 'changed' });
  const r = verifyStretch(sm3, { prevHash: GENESIS_HASH, nextSealNo: 1n }, c);
  assert.deepEqual(r.broken, { sealNo: '3', eventId: '3', reason: 'the record was altered after it was sealed' });
});

test('a deleted record or a missing seal is named', () => {
  const c = chain(4);
  c[1]!.record = null;
  assert.equal(verifyStretch(sm3, { prevHash: GENESIS_HASH, nextSealNo: 1n }, c).broken?.reason, 'the record was deleted');
  const d = chain(4);
  d.splice(1, 1);
  assert.equal(verifyStretch(sm3, { prevHash: GENESIS_HASH, nextSealNo: 1n }, d).broken?.reason, 'seal 2 is missing');
});
