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
export function computeEntryHash(prevHash: string, fields: HashedEntryFields): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(fields)}`);
}
