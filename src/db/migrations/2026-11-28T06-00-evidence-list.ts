import { sql, type Kysely } from 'kysely';

/**
 * The evidence list's sort orders as indexes, so a page of 200,000 items is read in order from an
 * index instead of sorting every row: title (case-insensitive), last change, and review date with
 * "does not expire" as the latest date. Each ends with ref_seq, the tie-breaker the list uses.
 * Expression indexes: SQLite and PostgreSQL both match them to the same ORDER BY expressions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index evidence_title_idx on evidence (org_id, (lower(title)), ref_seq)`.execute(db);
  await sql`create index evidence_updated_idx on evidence (org_id, updated_at, ref_seq)`.execute(db);
  await sql`create index evidence_review_idx on evidence (org_id, (coalesce(review_due, '9999-12-31')), ref_seq)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['evidence_review_idx', 'evidence_updated_idx', 'evidence_title_idx']) await db.schema.dropIndex(name).execute();
}
