import type { Executor } from '../../db/database.ts';
import type { CatalogDocumentTable } from '../../db/schema.ts';

export type CatalogDocumentRow = CatalogDocumentTable;

export function listCurrentDocuments(db: Executor, orgId: string): Promise<CatalogDocumentRow[]> {
  return db
    .selectFrom('catalog_documents')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('status', '=', 'current')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Ids of the current documents, in load order: cheap, and enough to tell whether a cached catalog is still right. */
export async function listCurrentDocumentIds(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('catalog_documents')
    .select('id')
    .where('org_id', '=', orgId)
    .where('status', '=', 'current')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export function listDocumentContents(db: Executor, ids: string[]): Promise<Pick<CatalogDocumentRow, 'id' | 'content'>[]> {
  return db.selectFrom('catalog_documents').select(['id', 'content']).where('id', 'in', ids).execute();
}

export function listDocumentVersions(
  db: Executor,
  orgId: string,
  type: CatalogDocumentRow['type'],
  documentId: string,
): Promise<CatalogDocumentRow[]> {
  return db
    .selectFrom('catalog_documents')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('type', '=', type)
    .where('document_id', '=', documentId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertDocument(db: Executor, row: CatalogDocumentRow): Promise<void> {
  await db.insertInto('catalog_documents').values(row).execute();
}

export async function supersedeDocument(db: Executor, orgId: string, id: string): Promise<void> {
  await db.updateTable('catalog_documents').set({ status: 'superseded' }).where('org_id', '=', orgId).where('id', '=', id).execute();
}
