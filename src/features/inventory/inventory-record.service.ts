import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import type { DatasetTable, ModelTable, SupplierTable } from '../../db/schema.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import {
  DatasetInputSchema,
  ModelInputSchema,
  SupplierInputSchema,
  dataCategories,
  type Dataset,
  type Model,
  type Supplier,
} from '../../domain/schemas/inventory.schemas.ts';
import { nowIso, today } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import { deleteRelationsOf } from './relation.service.ts';

/**
 * Suppliers (A.10), data sets (A.7, A.4.3) and models (A.4.4) share one life: create, read,
 * change with optimistic concurrency, delete, all audit-logged. Each kind is described once
 * here — its table, its input schema and its row ↔ view mapping — and served by the same code.
 */
interface RecordKind<
  Row extends { id: string; org_id: string; version: number; review_due: string | null },
  View,
  Input extends z.ZodType,
> {
  table: 'suppliers' | 'datasets' | 'models';
  entityType: string;
  label: string;
  input: Input;
  columns(fields: z.output<Input>): Omit<Row, 'id' | 'org_id' | 'created_at' | 'created_by' | 'updated_at' | 'version'>;
  present(row: Row, asOf: string): View;
}

const overdue = (reviewDue: string | null, asOf: string) => reviewDue !== null && reviewDue < asOf;

export const supplierKind: RecordKind<SupplierTable, Supplier, typeof SupplierInputSchema> = {
  table: 'suppliers',
  entityType: 'supplier',
  label: 'supplier',
  input: SupplierInputSchema,
  columns: (f) => ({
    name: f.name,
    description: f.description,
    contact: f.contact,
    supplies_what: f.suppliesWhat,
    responsibilities: f.responsibilities,
    due_diligence_status: f.dueDiligenceStatus,
    due_diligence_notes: f.dueDiligenceNotes,
    contract_ref: f.contractRef,
    contract_start: f.contractStart,
    contract_end: f.contractEnd,
    review_due: f.reviewDue,
  }),
  present: (r, asOf) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    contact: r.contact,
    suppliesWhat: r.supplies_what,
    responsibilities: r.responsibilities,
    dueDiligenceStatus: r.due_diligence_status as Supplier['dueDiligenceStatus'],
    dueDiligenceNotes: r.due_diligence_notes,
    contractRef: r.contract_ref,
    contractStart: r.contract_start,
    contractEnd: r.contract_end,
    reviewDue: r.review_due,
    reviewOverdue: overdue(r.review_due, asOf),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  }),
};

export const datasetKind: RecordKind<DatasetTable, Dataset, typeof DatasetInputSchema> = {
  table: 'datasets',
  entityType: 'dataset',
  label: 'data set',
  input: DatasetInputSchema,
  columns: (f) => ({
    name: f.name,
    description: f.description,
    source: f.source,
    provenance: f.provenance,
    acquisition: f.acquisition,
    categories: JSON.stringify(dataCategories.filter((c) => f.categories.includes(c))),
    quality_requirements: f.qualityRequirements,
    preparation: f.preparation,
    labelling: f.labelling,
    known_biases: f.knownBiases,
    retention: f.retention,
    supplier_id: f.supplierId,
    review_due: f.reviewDue,
  }),
  present: (r, asOf) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    source: r.source,
    provenance: r.provenance,
    acquisition: r.acquisition,
    categories: JSON.parse(r.categories) as Dataset['categories'],
    qualityRequirements: r.quality_requirements,
    preparation: r.preparation,
    labelling: r.labelling,
    knownBiases: r.known_biases,
    retention: r.retention,
    supplierId: r.supplier_id,
    reviewDue: r.review_due,
    reviewOverdue: overdue(r.review_due, asOf),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  }),
};

export const modelKind: RecordKind<ModelTable, Model, typeof ModelInputSchema> = {
  table: 'models',
  entityType: 'model',
  label: 'model',
  input: ModelInputSchema,
  columns: (f) => ({
    name: f.name,
    model_version: f.modelVersion,
    model_type: f.modelType,
    description: f.description,
    supplier_id: f.supplierId,
    evaluation_summary: f.evaluationSummary,
    review_due: f.reviewDue,
  }),
  present: (r, asOf) => ({
    id: r.id,
    name: r.name,
    modelVersion: r.model_version,
    modelType: r.model_type,
    description: r.description,
    supplierId: r.supplier_id,
    evaluationSummary: r.evaluation_summary,
    reviewDue: r.review_due,
    reviewOverdue: overdue(r.review_due, asOf),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  }),
};

// The three tables share the columns this code touches generically; Kysely's types cannot
// follow a table name chosen at run time, so reads and writes go through these two narrow casts.
type AnyRow = { id: string; org_id: string; version: number; review_due: string | null; supplier_id?: string | null };
type AnyKind<V, I extends z.ZodType> = RecordKind<AnyRow & Record<string, unknown>, V, I>;
function generic<R extends AnyRow, V, I extends z.ZodType>(kind: RecordKind<R, V, I>): AnyKind<V, I> {
  return kind as unknown as AnyKind<V, I>;
}
function tableOf(db: Executor, table: RecordKind<AnyRow, unknown, z.ZodType>['table']) {
  return { select: () => db.selectFrom(table as 'suppliers'), table: table as 'suppliers' };
}

async function findRecord<V, I extends z.ZodType>(db: Executor, kind: AnyKind<V, I>, orgId: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await tableOf(db, kind.table)
    .select()
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id.toLowerCase())
    .executeTakeFirst();
  return row as unknown as (AnyRow & Record<string, unknown>) | undefined;
}

async function requireRecord<V, I extends z.ZodType>(db: Executor, kind: AnyKind<V, I>, orgId: string, id: string) {
  const row = await findRecord(db, kind, orgId, id);
  if (!row) throw new AppError('not_found', `${kind.label} ${id} not found`);
  return row;
}

/** A supplierId must name one of the organization's suppliers. */
async function assertSupplier(db: Executor, orgId: string, fields: Record<string, unknown>): Promise<void> {
  const supplierId = fields.supplierId;
  if (typeof supplierId !== 'string') return;
  if (!(await findRecord(db, generic(supplierKind), orgId, supplierId))) {
    throw new AppError('validation_failed', 'supplierId does not name a supplier of this organization', {
      issues: [{ path: 'body.supplierId', message: 'no such supplier in this organization' }],
    });
  }
}

export async function listRecords<R extends AnyRow, V, I extends z.ZodType>(
  db: Db,
  principal: OrgPrincipal,
  kind: RecordKind<R, V, I>,
): Promise<V[]> {
  requirePermission(principal, 'records.read');
  const k = generic(kind);
  const rows = await tableOf(db.kysely, k.table)
    .select()
    .selectAll()
    .where('org_id', '=', principal.orgId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const asOf = today();
  return (rows as unknown as (AnyRow & Record<string, unknown>)[]).map((r) => k.present(r, asOf));
}

export async function getRecord<R extends AnyRow, V, I extends z.ZodType>(
  db: Db,
  principal: OrgPrincipal,
  kind: RecordKind<R, V, I>,
  id: string,
): Promise<V> {
  requirePermission(principal, 'records.read');
  const k = generic(kind);
  return k.present(await requireRecord(db.kysely, k, principal.orgId, id), today());
}

export async function createRecord<R extends AnyRow, V, I extends z.ZodType>(
  db: Db,
  principal: OrgPrincipal,
  kind: RecordKind<R, V, I>,
  input: z.input<I>,
): Promise<V> {
  requirePermission(principal, 'records.write');
  const k = generic(kind);
  const fields = parseFields(k.input, input) as z.output<I>;
  return inTransaction(db, async (trx) => {
    await assertSupplier(trx, principal.orgId, fields as Record<string, unknown>);
    const now = nowIso();
    const row = {
      id: randomUUID(),
      org_id: principal.orgId,
      ...k.columns(fields),
      created_at: now,
      created_by: principal.userId,
      updated_at: now,
      version: 1,
    } as unknown as AnyRow & Record<string, unknown>;
    await trx
      .insertInto(tableOf(trx, k.table).table)
      .values(row as unknown as SupplierTable)
      .execute();
    const view = k.present(row, today());
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: `${k.entityType}.created`,
      entityType: k.entityType,
      entityId: row.id,
      after: view,
    });
    return view;
  });
}

export async function updateRecord<R extends AnyRow, V, I extends z.ZodType>(
  db: Db,
  principal: OrgPrincipal,
  kind: RecordKind<R, V, I>,
  id: string,
  patch: Record<string, unknown> & { version: number },
): Promise<V> {
  requirePermission(principal, 'records.write');
  const k = generic(kind);
  return inTransaction(db, async (trx) => {
    const row = await requireRecord(trx, k, principal.orgId, id);
    const asOf = today();
    const before = k.present(row, asOf) as Record<string, unknown>;
    if (row.version !== patch.version) {
      throw new AppError(
        'version_conflict',
        `this ${k.label} was changed by someone else (now version ${row.version}); reload and try again`,
      );
    }
    const { version: _version, ...changes } = patch;
    const editable = Object.keys(k.input instanceof Object && 'shape' in k.input ? (k.input.shape as object) : {});
    const current = Object.fromEntries(editable.map((key) => [key, before[key]]));
    const merged = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    const fields = parseFields(k.input, merged) as z.output<I>;
    if (changes.supplierId !== undefined) await assertSupplier(trx, principal.orgId, fields as Record<string, unknown>);
    const columns = k.columns(fields) as Record<string, unknown>;
    if (Object.keys(columns).every((c) => columns[c] === row[c])) return before as V;
    const set = { ...columns, updated_at: nowIso(), version: row.version + 1 };
    const result = await trx
      .updateTable(tableOf(trx, k.table).table)
      .set(set as Partial<SupplierTable>)
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new AppError('version_conflict', `this ${k.label} was changed by someone else; reload and try again`);
    const after = k.present({ ...row, ...set }, asOf);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: `${k.entityType}.updated`,
      entityType: k.entityType,
      entityId: row.id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteRecord<R extends AnyRow, V, I extends z.ZodType>(
  db: Db,
  principal: OrgPrincipal,
  kind: RecordKind<R, V, I>,
  id: string,
): Promise<void> {
  requirePermission(principal, 'records.delete');
  const k = generic(kind);
  await inTransaction(db, async (trx) => {
    const row = await requireRecord(trx, k, principal.orgId, id);
    if (k.table === 'suppliers') {
      const users = [
        ...(await trx.selectFrom('datasets').select('name').where('supplier_id', '=', row.id).execute()).map((r) => `data set "${r.name}"`),
        ...(await trx.selectFrom('models').select('name').where('supplier_id', '=', row.id).execute()).map((r) => `model "${r.name}"`),
      ];
      if (users.length) {
        throw new AppError(
          'conflict',
          `the supplier is named by ${users.slice(0, 5).join(', ')}${users.length > 5 ? ` and ${users.length - 5} more` : ''}; change those first`,
        );
      }
    }
    const relations = await deleteRelationsOf(trx, principal.orgId, row.id);
    await trx.deleteFrom(tableOf(trx, k.table).table).where('id', '=', row.id).execute();
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: `${k.entityType}.deleted`,
      entityType: k.entityType,
      entityId: row.id,
      before: { ...(k.present(row, today()) as object), relations },
    });
  });
}
