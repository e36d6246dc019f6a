import { randomUUID } from 'node:crypto';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import type { InventoryRelationTable } from '../../db/schema.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import {
  RelationInputSchema,
  relationKinds,
  type InventoryKind,
  type Relation,
  type RelationInput,
  type RelationKind,
} from '../../domain/schemas/inventory.schemas.ts';
import { nowIso } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';

const tables: Record<InventoryKind, 'ai_systems' | 'suppliers' | 'datasets' | 'models'> = {
  system: 'ai_systems',
  supplier: 'suppliers',
  dataset: 'datasets',
  model: 'models',
};

async function nameOf(db: Executor, orgId: string, kind: InventoryKind, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom(tables[kind] as 'suppliers')
    .select('name')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.name;
}

async function present(db: Executor, rows: InventoryRelationTable[]): Promise<Relation[]> {
  // Names by kind in one query per kind, not one per row.
  const names = new Map<string, string>();
  const idsByKind = new Map<InventoryKind, Set<string>>();
  for (const r of rows) {
    for (const [kind, id] of [
      [r.from_kind, r.from_id],
      [r.to_kind, r.to_id],
    ] as [InventoryKind, string][]) {
      if (!idsByKind.has(kind)) idsByKind.set(kind, new Set());
      idsByKind.get(kind)?.add(id);
    }
  }
  for (const [kind, ids] of idsByKind) {
    const found = await db
      .selectFrom(tables[kind] as 'suppliers')
      .select(['id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
    for (const f of found) names.set(f.id, f.name);
  }
  return rows.map((r) => ({
    id: r.id,
    relation: r.relation as RelationKind,
    fromKind: r.from_kind as InventoryKind,
    fromId: r.from_id,
    fromName: names.get(r.from_id) ?? '(deleted)',
    toKind: r.to_kind as InventoryKind,
    toId: r.to_id,
    toName: names.get(r.to_id) ?? '(deleted)',
    note: r.note,
    createdAt: r.created_at,
  }));
}

/** Every relation a record takes part in, either end. */
export async function listRelationsOf(db: Db, principal: OrgPrincipal, recordId: string): Promise<Relation[]> {
  requirePermission(principal, 'records.read');
  const rows = await db.kysely
    .selectFrom('inventory_relations')
    .selectAll()
    .where('org_id', '=', principal.orgId)
    .where((eb) => eb.or([eb('from_id', '=', recordId), eb('to_id', '=', recordId)]))
    .orderBy('relation')
    .orderBy('created_at')
    .execute();
  return present(db.kysely, rows);
}

/** Links two of the organization's inventory records. Both must exist and be of the kinds the relation joins. */
export async function createRelation(db: Db, principal: OrgPrincipal, input: RelationInput): Promise<Relation> {
  requirePermission(principal, 'records.write');
  const fields = parseFields(RelationInputSchema, input);
  const kinds = relationKinds[fields.relation];
  if (fields.fromId === fields.toId) {
    throw new AppError('validation_failed', 'a record cannot be related to itself', {
      issues: [{ path: 'body.toId', message: 'same as fromId' }],
    });
  }
  return inTransaction(db, async (trx) => {
    for (const [end, kind, id] of [
      ['fromId', kinds.from, fields.fromId],
      ['toId', kinds.to, fields.toId],
    ] as const) {
      if ((await nameOf(trx, principal.orgId, kind, id)) === undefined) {
        throw new AppError('validation_failed', `${end} must be one of this organization's ${kind} records for "${fields.relation}"`, {
          issues: [{ path: `body.${end}`, message: `no such ${kind} in this organization` }],
        });
      }
    }
    const existing = await trx
      .selectFrom('inventory_relations')
      .select('id')
      .where('org_id', '=', principal.orgId)
      .where('relation', '=', fields.relation)
      .where('from_id', '=', fields.fromId)
      .where('to_id', '=', fields.toId)
      .executeTakeFirst();
    if (existing) throw new AppError('conflict', 'these two records are already related this way');
    const row: InventoryRelationTable = {
      id: randomUUID(),
      org_id: principal.orgId,
      relation: fields.relation,
      from_kind: kinds.from,
      from_id: fields.fromId,
      to_kind: kinds.to,
      to_id: fields.toId,
      note: fields.note,
      created_at: nowIso(),
      created_by: principal.userId,
    };
    await trx.insertInto('inventory_relations').values(row).execute();
    const [view] = await present(trx, [row]);
    if (!view) throw new AppError('internal', 'relation vanished');
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'inventory-relation.created',
      entityType: 'inventory-relation',
      entityId: row.id,
      after: view,
    });
    return view;
  });
}

export async function deleteRelation(db: Db, principal: OrgPrincipal, relationId: string): Promise<void> {
  requirePermission(principal, 'records.write');
  await inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('inventory_relations')
      .selectAll()
      .where('org_id', '=', principal.orgId)
      .where('id', '=', relationId)
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'relation not found');
    const [view] = await present(trx, [row]);
    await trx.deleteFrom('inventory_relations').where('id', '=', row.id).execute();
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'inventory-relation.deleted',
      entityType: 'inventory-relation',
      entityId: row.id,
      before: view,
    });
  });
}

/**
 * Removes every relation of a record that is being deleted, inside the caller's transaction,
 * and returns them so the deletion's audit entry can keep them.
 */
export async function deleteRelationsOf(trx: Executor, orgId: string, recordId: string): Promise<Relation[]> {
  const rows = await trx
    .selectFrom('inventory_relations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('from_id', '=', recordId), eb('to_id', '=', recordId)]))
    .execute();
  if (rows.length === 0) return [];
  const views = await present(trx, rows);
  await trx
    .deleteFrom('inventory_relations')
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return views;
}
