import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // An organization's own frameworks and crosswalks, one row per imported version.
  await db.schema
    .createTable('catalog_documents')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('document_id', 'varchar(140)', (c) => c.notNull())
    .addColumn('version', 'varchar(40)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('changes', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addUniqueConstraint('catalog_documents_version_unique', ['org_id', 'type', 'document_id', 'version'])
    .execute();
  await db.schema.createIndex('catalog_documents_org_status_idx').on('catalog_documents').columns(['org_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('catalog_documents').execute();
}
