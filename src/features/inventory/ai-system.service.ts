import { randomUUID } from 'node:crypto';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import {
  AiSystemInputSchema,
  type AiSystem,
  type AiSystemFields,
  type AiSystemInput,
  type AiSystemPatch,
  type InventorySummary,
  type SystemList,
  type SystemListQuery,
} from '../../domain/schemas/inventory.schemas.ts';
import { nowIso } from '../../domain/time.ts';
import { GENESIS_HASH } from '../audit-log/audit-hash.ts';
import { lockChainHead } from '../audit-log/audit-log.repository.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import {
  findSystem,
  formatRef,
  listSystems as listSystemRows,
  maxRefSequence,
  presentSystem,
  refSequence,
  summarizeSystems,
  systemColumns,
  systemFields,
  type AiSystemRow,
} from './ai-system.repository.ts';
import { deleteRelationsOf } from './relation.service.ts';

export const SYSTEM_ENTITY = 'ai-system';

/**
 * Rules a single field's schema cannot state. Returns problems as [field, message].
 */
export function systemRuleProblems(fields: AiSystemFields): [keyof AiSystemFields, string][] {
  const problems: [keyof AiSystemFields, string][] = [];
  if (!fields.inScope && fields.scopeReason.trim() === '') {
    problems.push(['scopeReason', 'say why the system is outside the AIMS scope (clause 4.3 asks for the reasoning)']);
  }
  return problems;
}

function assertRules(fields: AiSystemFields): void {
  const problems = systemRuleProblems(fields);
  if (problems.length) {
    throw new AppError('validation_failed', problems.map(([, m]) => m).join('; '), {
      issues: problems.map(([field, message]) => ({ path: `body.${field}`, message })),
    });
  }
}

export async function requireSystem(db: Executor, principal: OrgPrincipal, idOrRef: string): Promise<AiSystemRow> {
  const row = await findSystem(db, principal.orgId, idOrRef);
  if (!row) throw new AppError('not_found', `AI system ${idOrRef} not found`);
  return row;
}

export async function getSystem(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<AiSystem> {
  requirePermission(principal, 'records.read');
  return presentSystem(await requireSystem(db.kysely, principal, idOrRef));
}

export async function listSystems(db: Db, principal: OrgPrincipal, query: SystemListQuery): Promise<SystemList> {
  requirePermission(principal, 'records.read');
  const { rows, total } = await listSystemRows(db.kysely, principal.orgId, query);
  return { items: rows.map((r) => presentSystem(r)), total, page: query.page, pageSize: query.pageSize };
}

export async function inventorySummary(db: Db, principal: OrgPrincipal): Promise<InventorySummary> {
  requirePermission(principal, 'records.read');
  return summarizeSystems(db.kysely, principal.orgId);
}

/** Takes the organization's audit-chain lock: writes that assign refs are serialized per organization. */
export async function lockOrganizationWrites(trx: Executor, db: Db, orgId: string): Promise<void> {
  await lockChainHead(trx, db.dialect, orgId, GENESIS_HASH);
}

function refTaken(ref: string): AppError {
  return new AppError('conflict', `reference ${ref} is already used by another AI system`, {
    issues: [{ path: 'body.ref', message: 'already used by another AI system' }],
  });
}

/** A new row for an AI system; `ref` must already be decided and free. */
export function newSystemRow(orgId: string, fields: AiSystemFields & { ref: string }, createdBy: string | null, now: string): AiSystemRow {
  return {
    id: randomUUID(),
    org_id: orgId,
    ...systemColumns(fields),
    ref_seq: refSequence(fields.ref),
    risk_class: null,
    gpai_systemic: null,
    classified_at: null,
    significant_change_at: null,
    created_at: now,
    created_by: createdBy,
    updated_at: now,
    version: 1,
  };
}

/** Registers an AI system. A ref is assigned (AIS-0001, …) unless one is given. */
export async function createSystem(db: Db, principal: OrgPrincipal, input: AiSystemInput): Promise<AiSystem> {
  requirePermission(principal, 'records.write');
  const fields = parseFields(AiSystemInputSchema, input);
  assertRules(fields);
  return inTransaction(db, async (trx) => {
    await lockOrganizationWrites(trx, db, principal.orgId);
    let ref = fields.ref;
    if (ref === undefined) {
      ref = formatRef((await maxRefSequence(trx, principal.orgId)) + 1);
    } else if (await findSystem(trx, principal.orgId, ref)) {
      throw refTaken(ref);
    }
    const row = newSystemRow(principal.orgId, { ...fields, ref }, principal.userId, nowIso());
    await trx.insertInto('ai_systems').values(row).execute();
    const view = presentSystem(row);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'ai-system.created',
      entityType: SYSTEM_ENTITY,
      entityId: row.id,
      after: view,
    });
    return view;
  });
}

/** Changes fields of an AI system; `version` must be the one read (else 409). */
export async function updateSystem(db: Db, principal: OrgPrincipal, idOrRef: string, patch: AiSystemPatch): Promise<AiSystem> {
  requirePermission(principal, 'records.write');
  return inTransaction(db, async (trx) => {
    const row = await requireSystem(trx, principal, idOrRef);
    const before = presentSystem(row);
    if (row.version !== patch.version) {
      throw new AppError('version_conflict', `${row.ref} was changed by someone else (now version ${row.version}); reload and try again`);
    }
    const { version: _version, ...changes } = patch;
    const merged = { ...systemFields(before), ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    const fields = { ...parseFields(AiSystemInputSchema, merged), ref: merged.ref };
    assertRules(fields);
    if (fields.ref !== row.ref && (await findSystem(trx, principal.orgId, fields.ref))) throw refTaken(fields.ref);
    const columns = systemColumns(fields);
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).some((k) => columns[k] !== row[k]);
    if (!changed) return before;
    const now = nowIso();
    const updated: AiSystemRow = {
      ...row,
      ...columns,
      ref_seq: fields.ref === row.ref ? row.ref_seq : refSequence(fields.ref),
      significant_change_at: columns.stage !== row.stage ? now : row.significant_change_at,
      updated_at: now,
      version: row.version + 1,
    };
    const result = await trx
      .updateTable('ai_systems')
      .set({
        ...columns,
        ref_seq: updated.ref_seq,
        significant_change_at: updated.significant_change_at,
        updated_at: updated.updated_at,
        version: updated.version,
      })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new AppError('version_conflict', `${row.ref} was changed by someone else; reload and try again`);
    const after = presentSystem(updated);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'ai-system.updated',
      entityType: SYSTEM_ENTITY,
      entityId: row.id,
      before,
      after,
    });
    return after;
  });
}

/** Deletes an AI system with its relations and classifications; the audit log keeps what it was. */
export async function deleteSystem(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<void> {
  requirePermission(principal, 'records.delete');
  await inTransaction(db, async (trx) => {
    const row = await requireSystem(trx, principal, idOrRef);
    // Impact assessments are records the AIMS must keep (8.4, A.5.3): they outlive no system silently.
    const assessments = await trx.selectFrom('impact_assessments').select('ref').where('system_id', '=', row.id).orderBy('ref').execute();
    if (assessments.length) {
      throw new AppError(
        'conflict',
        `${row.ref} has impact assessments (${assessments.map((a) => a.ref).join(', ')}), which must be kept; retire the system instead of deleting it`,
      );
    }
    // Monitoring runs are evidence (9.1) and plans say how the system is watched: both are kept.
    const plans = await trx
      .selectFrom('monitoring_plans')
      .select('ref')
      .where('org_id', '=', principal.orgId)
      .where('system_id', '=', row.id)
      .orderBy('ref')
      .execute();
    const runs = await trx
      .selectFrom('monitoring_runs')
      .select('ref')
      .where('org_id', '=', principal.orgId)
      .where('system_id', '=', row.id)
      .limit(1)
      .execute();
    if (plans.length || runs.length) {
      throw new AppError(
        'conflict',
        `${row.ref} has ${plans.length ? `monitoring plans (${plans.map((p) => p.ref).join(', ')})` : 'monitoring runs'}, which must be kept; retire the system instead of deleting it`,
      );
    }
    const relations = await deleteRelationsOf(trx, principal.orgId, row.id);
    const classifications = await trx
      .selectFrom('ai_system_classifications')
      .select(['number', 'outcome', 'classified_at'])
      .where('system_id', '=', row.id)
      .orderBy('number')
      .execute();
    await trx.deleteFrom('ai_system_classifications').where('system_id', '=', row.id).execute();
    await trx.deleteFrom('ai_systems').where('id', '=', row.id).execute();
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'ai-system.deleted',
      entityType: SYSTEM_ENTITY,
      entityId: row.id,
      before: { ...presentSystem(row), relations, classifications },
    });
  });
}
