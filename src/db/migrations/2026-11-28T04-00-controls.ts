import type { Kysely } from 'kysely';

/**
 * Controls, the Statement of Applicability, evidence (issue 6).
 *
 * - control_implementations: the organization's decision and state for one control (an Annex A
 *   control or one of its own), at organization level (`scope_key` '') or for one AI system
 *   (`scope_key` = the system id; a plain column so the unique key works on both databases,
 *   where NULLs would never collide).
 * - soa_versions: approved Statements of Applicability, frozen as JSON; never updated.
 * - evidence / evidence_versions / evidence_links: an evidence item, every version of its content
 *   (files are stored content-addressed by SHA-256 outside the database), and what it supports.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('control_implementations')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('framework', 'varchar(64)', (c) => c.notNull())
    .addColumn('control', 'varchar(64)', (c) => c.notNull())
    .addColumn('scope_key', 'varchar(36)', (c) => c.notNull())
    .addColumn('system_id', 'varchar(36)', (c) => c.references('ai_systems.id').onDelete('cascade'))
    // 1 applicable, 0 excluded, NULL not decided yet
    .addColumn('applicable', 'integer')
    /** JSON array of { kind: legal|contractual|interested-party|other, text } */
    .addColumn('inclusion_reasons', 'text', (c) => c.notNull())
    .addColumn('exclusion_justification', 'text')
    .addColumn('status', 'varchar(30)', (c) => c.notNull())
    .addColumn('owner', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('review_due', 'varchar(10)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('control_implementations_unique', ['org_id', 'framework', 'control', 'scope_key'])
    .execute();
  await db.schema
    .createIndex('control_implementations_system_idx')
    .on('control_implementations')
    .columns(['org_id', 'system_id'])
    .execute();

  await db.schema
    .createTable('soa_versions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    /** JSON text of the frozen SoA document (rows and summary) */
    .addColumn('content', 'text', (c) => c.notNull())
    /** SHA-256 of the canonical JSON of `content`, shown on exports */
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('approved_by', 'varchar(320)', (c) => c.notNull())
    .addColumn('approved_role', 'varchar(30)', (c) => c.notNull())
    .addColumn('approved_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addUniqueConstraint('soa_versions_number_unique', ['org_id', 'number'])
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('ref', 'varchar(40)', (c) => c.notNull())
    .addColumn('ref_seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    /** file | link | note | record */
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner', 'varchar(200)', (c) => c.notNull())
    .addColumn('effective_date', 'varchar(10)', (c) => c.notNull())
    /** when it expires or must be reviewed; NULL = does not expire */
    .addColumn('review_due', 'varchar(10)')
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('evidence_ref_unique', ['org_id', 'ref'])
    .execute();
  await db.schema.createIndex('evidence_seq_idx').on('evidence').columns(['org_id', 'ref_seq']).execute();
  await db.schema.createIndex('evidence_due_idx').on('evidence').columns(['org_id', 'review_due']).execute();

  await db.schema
    .createTable('evidence_versions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('evidence_id', 'varchar(36)', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    // file
    .addColumn('sha256', 'varchar(64)')
    .addColumn('file_name', 'varchar(255)')
    .addColumn('media_type', 'varchar(200)')
    .addColumn('size', 'integer')
    // link
    .addColumn('url', 'text')
    // note
    .addColumn('note', 'text')
    // record produced by Trellis (e.g. a metric run): type, id and a JSON snapshot
    .addColumn('record_type', 'varchar(40)')
    .addColumn('record_id', 'varchar(64)')
    .addColumn('record_data', 'text')
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addUniqueConstraint('evidence_versions_unique', ['evidence_id', 'number'])
    .execute();
  await db.schema.createIndex('evidence_versions_sha_idx').on('evidence_versions').columns(['sha256']).execute();

  await db.schema
    .createTable('evidence_links')
    .addColumn('evidence_id', 'varchar(36)', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
    /** control | requirement | risk | ai-system */
    .addColumn('target_type', 'varchar(20)', (c) => c.notNull())
    /** the catalog framework for controls and requirements; '' for risks and AI systems */
    .addColumn('framework', 'varchar(64)', (c) => c.notNull())
    /** control or requirement id, or the risk / AI system id */
    .addColumn('target', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_links_pk', ['evidence_id', 'target_type', 'framework', 'target'])
    .execute();
  await db.schema
    .createIndex('evidence_links_target_idx')
    .on('evidence_links')
    .columns(['org_id', 'target_type', 'framework', 'target'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['evidence_links', 'evidence_versions', 'evidence', 'soa_versions', 'control_implementations']) {
    await db.schema.dropTable(table).execute();
  }
}
