import { canonicalJson } from '../../domain/canonical-json.ts';
import { sha256Hex } from '../../domain/crypto.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit-log entry that its hash covers (everything but the hash itself). */
export interface HashedEntryFields {
  chain: string;
  seq: number;
  id: string;
  orgId: string | null;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  ip: string | null;
}

/**
 * hash = SHA-256(previous hash + canonical JSON of the entry). Changing any field
 * of any entry, or removing one, breaks every hash after it.
 */
export function computeEntryHash(prevHash: string, f: HashedEntryFields): string {
  // The same text as canonicalJson(f) (keys in sorted order, all values primitive), written out
  // so verifying millions of entries does not sort keys millions of times. A test pins the equality.
  const text = JSON.stringify({
    action: f.action,
    actorId: f.actorId,
    actorLabel: f.actorLabel,
    actorType: f.actorType,
    afterJson: f.afterJson,
    beforeJson: f.beforeJson,
    chain: f.chain,
    entityId: f.entityId,
    entityType: f.entityType,
    id: f.id,
    ip: f.ip,
    occurredAt: f.occurredAt,
    orgId: f.orgId,
    seq: f.seq,
  });
  return sha256Hex(`${prevHash}\n${text}`);
}

/** The reference definition the fast path above must equal. */
export function computeEntryHashCanonical(prevHash: string, fields: HashedEntryFields): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(fields)}`);
}
