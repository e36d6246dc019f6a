import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeEntryHash, computeEntryHashCanonical, GENESIS_HASH, type HashedEntryFields } from './audit-hash.ts';

const PINNED = 'ee7e6199dfb25098a3053a48c1a351a6b9388ec5bb6a6565b051ec1fca6905df';

const fields: HashedEntryFields = {
  chain: 'c',
  seq: 1,
  id: '00000000-0000-4000-8000-000000000001',
  orgId: 'c',
  occurredAt: '2026-11-28T00:00:00.000Z',
  actorType: 'user',
  actorId: 'u',
  actorLabel: 'a@example.test',
  action: 'member.invited',
  entityType: 'membership',
  entityId: 'm',
  beforeJson: null,
  afterJson: '{"role":"viewer"}',
  ip: '127.0.0.1',
};

test('the hash is SHA-256 over the previous hash and the canonical entry', () => {
  const h = computeEntryHash(GENESIS_HASH, fields);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(h, computeEntryHash(GENESIS_HASH, { ...fields }));
});

test('changing any field or the previous hash changes the hash', () => {
  const h = computeEntryHash(GENESIS_HASH, fields);
  for (const key of Object.keys(fields) as (keyof HashedEntryFields)[]) {
    const changed = { ...fields, [key]: key === 'seq' ? 2 : `${String(fields[key])}x` };
    assert.notEqual(computeEntryHash(GENESIS_HASH, changed), h, key);
  }
  assert.notEqual(computeEntryHash('1'.repeat(64), fields), h);
});

test('the fast hash equals SHA-256 over the canonical JSON of the entry', () => {
  assert.equal(computeEntryHash(GENESIS_HASH, fields), computeEntryHashCanonical(GENESIS_HASH, fields));
  const odd = {
    ...fields,
    actorLabel: 'quote " backslash \\ ünïcode \u2028',
    beforeJson: '{"a":1}',
    orgId: null,
    entityId: null,
    ip: null,
  };
  assert.equal(computeEntryHash('a'.repeat(64), odd), computeEntryHashCanonical('a'.repeat(64), odd));
  // A known vector: changing the hash definition breaks every stored chain, so it is pinned.
  assert.equal(computeEntryHash(GENESIS_HASH, fields), PINNED);
});
