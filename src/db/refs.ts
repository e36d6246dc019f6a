import type { Executor } from './database.ts';

/** Formats the n-th reference of a kind: ref('RSK', 7) → "RSK-0007". */
export function sequenceRef(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(4, '0')}`;
}

/** The number of a reference in the assigned form (RSK-0042 → 42), or null for a reference someone chose. */
export function sequenceOf(prefix: string, ref: string): number | null {
  const match = new RegExp(`^${prefix}-(\\d{1,9})$`).exec(ref);
  return match ? Number(match[1]) : null;
}

/**
 * The next assigned reference in a table of records that are few per organization (assessments):
 * reads the refs with the prefix and takes the highest number + 1. Call it under the
 * organization's write lock (lockOrganizationWrites) so two writers cannot take the same one.
 */
export async function nextSequenceRef(
  db: Executor,
  table: 'risk_assessments' | 'impact_assessments',
  orgId: string,
  prefix: string,
): Promise<string> {
  const rows = await db.selectFrom(table).select('ref').where('org_id', '=', orgId).where('ref', 'like', `${prefix}-%`).execute();
  const max = Math.max(0, ...rows.map((r) => sequenceOf(prefix, r.ref) ?? 0));
  return sequenceRef(prefix, max + 1);
}

/** A sort key that orders references naturally (AIS-9999 before AIS-10000, X-2 before X-10), case-insensitively. */
export function refSortKey(ref: string): string {
  return ref.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(12, '0'));
}
