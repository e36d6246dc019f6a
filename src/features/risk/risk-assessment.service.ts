import { randomUUID } from 'node:crypto';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import { nextSequenceRef } from '../../db/refs.ts';
import type { RiskAssessmentTable } from '../../db/schema.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import {
  RiskAssessmentInputSchema,
  type ReassessmentStatus,
  type RiskAssessment,
  type RiskAssessmentInput,
  type RiskCriteriaContent,
} from '../../domain/schemas/risk.schemas.ts';
import { nowIso, today } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import { lockOrganizationWrites } from '../inventory/ai-system.service.ts';
import { loadCriteriaVersions } from './risk-criteria.service.ts';
import { levelById } from './risk-levels.ts';
import { concernsAnyOf } from './risk.service.ts';

/**
 * Risk assessment runs (8.2): a dated assessment of a scope — the whole AIMS or some AI systems —
 * with participants, method and conclusions. While a draft, its results are the live register
 * for the scope; approval freezes them, so "the results of all AI risk assessments" can be shown
 * as they were.
 */

type Results = RiskAssessment['results'];
const ENTITY = 'risk-assessment';

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/** The register's current state for a scope, as an assessment records it. */
async function currentResults(db: Executor, orgId: string, scope: string, systemIds: string[]): Promise<Results> {
  let q = db.selectFrom('risks').selectAll().where('org_id', '=', orgId).where('status', '<>', 'closed');
  if (scope === 'systems') {
    if (systemIds.length === 0) return [];
    q = q.where(concernsAnyOf(systemIds));
  }
  const rows = await q.orderBy('ref_key').orderBy('id').execute();
  const { versions } = await loadCriteriaVersions(db, orgId);
  const controls = new Map<string, string[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => r.id);
    if (chunk.length === 0) break;
    const found = await db.selectFrom('risk_controls').select(['risk_id', 'framework', 'control']).where('risk_id', 'in', chunk).execute();
    for (const c of found)
      controls.set(c.risk_id, [
        ...(controls.get(c.risk_id) ?? []),
        c.framework === 'iso42001-2023' ? c.control : `${c.framework}:${c.control}`,
      ]);
  }
  return rows.map((r) => {
    const criteria = versions.get(r.criteria_number) as RiskCriteriaContent;
    return {
      id: r.id,
      ref: r.ref,
      title: r.title,
      inherentLevel: levelById(criteria, r.inherent_level),
      residualLevel: levelById(criteria, r.residual_level),
      likelihood: r.likelihood,
      impact: r.impact,
      residualLikelihood: r.residual_likelihood,
      residualImpact: r.residual_impact,
      option: r.treatment_option as Results[number]['option'],
      controls: (controls.get(r.id) ?? []).sort(),
      accepted: r.acceptance !== null,
      status: r.status as Results[number]['status'],
    };
  });
}

async function systemsOf(db: Executor, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('ai_systems')
    .select(['id', 'ref', 'name'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .orderBy('ref')
    .execute();
}

async function present(db: Executor, row: RiskAssessmentTable): Promise<RiskAssessment> {
  const systemIds = JSON.parse(row.system_ids) as string[];
  return {
    id: row.id,
    ref: row.ref,
    title: row.title,
    scope: row.scope as RiskAssessment['scope'],
    systems: await systemsOf(db, row.org_id, systemIds),
    participants: JSON.parse(row.participants) as string[],
    method: row.method,
    performedOn: row.performed_on,
    summary: row.summary,
    status: row.status as RiskAssessment['status'],
    criteriaNumber: row.criteria_number,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    nextDue: row.next_due,
    results: row.results === null ? await currentResults(db, row.org_id, row.scope, systemIds) : (JSON.parse(row.results) as Results),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

async function requireAssessment(db: Executor, orgId: string, idOrRef: string): Promise<RiskAssessmentTable> {
  const byId = /^[0-9a-f-]{36}$/i.test(idOrRef);
  const row = await db
    .selectFrom('risk_assessments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where(byId ? 'id' : 'ref', '=', byId ? idOrRef.toLowerCase() : idOrRef)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `risk assessment ${idOrRef} not found`);
  return row;
}

async function assertScope(db: Executor, orgId: string, scope: string, systemIds: string[]): Promise<void> {
  if (scope === 'systems' && systemIds.length === 0) {
    throw new AppError('validation_failed', 'an assessment of some AI systems names at least one', {
      issues: [{ path: 'body.systemIds', message: 'choose at least one AI system' }],
    });
  }
  if (systemIds.length === 0) return;
  const found = new Set(
    (await db.selectFrom('ai_systems').select('id').where('org_id', '=', orgId).where('id', 'in', systemIds).execute()).map((r) => r.id),
  );
  const issues = systemIds.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `body.systemIds.${i}`, message: 'no such AI system in this organization' }],
  );
  if (issues.length) throw new AppError('validation_failed', 'systemIds names an AI system this organization does not have', { issues });
}

export async function listAssessments(db: Db, principal: OrgPrincipal): Promise<RiskAssessment[]> {
  requirePermission(principal, 'records.read');
  const rows = await db.kysely
    .selectFrom('risk_assessments')
    .selectAll()
    .where('org_id', '=', principal.orgId)
    .orderBy('performed_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  const out: RiskAssessment[] = [];
  // The list shows frozen results as stored and draft results live (few drafts at a time).
  for (const row of rows) out.push(await present(db.kysely, row));
  return out;
}

export async function getAssessment(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<RiskAssessment> {
  requirePermission(principal, 'records.read');
  return present(db.kysely, await requireAssessment(db.kysely, principal.orgId, idOrRef));
}

export async function createAssessment(db: Db, principal: OrgPrincipal, input: RiskAssessmentInput): Promise<RiskAssessment> {
  requirePermission(principal, 'records.write');
  const fields = parseFields(RiskAssessmentInputSchema, input);
  return inTransaction(db, async (trx) => {
    await lockOrganizationWrites(trx, db, principal.orgId);
    await assertScope(trx, principal.orgId, fields.scope, fields.systemIds);
    const { current } = await loadCriteriaVersions(trx, principal.orgId);
    const now = nowIso();
    const row: RiskAssessmentTable = {
      id: randomUUID(),
      org_id: principal.orgId,
      ref: await nextSequenceRef(trx, 'risk_assessments', principal.orgId, 'RA'),
      title: fields.title,
      scope: fields.scope,
      system_ids: JSON.stringify(fields.scope === 'systems' ? [...new Set(fields.systemIds)] : []),
      participants: JSON.stringify(fields.participants),
      method: fields.method,
      performed_on: fields.performedOn,
      summary: fields.summary,
      status: 'draft',
      criteria_number: current.number,
      results: null,
      approved_by: null,
      approved_at: null,
      next_due: null,
      created_at: now,
      created_by: principal.userId,
      updated_at: now,
      version: 1,
    };
    await trx.insertInto('risk_assessments').values(row).execute();
    const view = await present(trx, row);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'risk-assessment.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...view, results: undefined },
    });
    return view;
  });
}

function frozen(row: RiskAssessmentTable): AppError {
  return new AppError(
    'conflict',
    `${row.ref} was approved on ${row.approved_at?.slice(0, 10) ?? '?'} and is frozen; start a new assessment instead`,
  );
}

export async function updateAssessment(
  db: Db,
  principal: OrgPrincipal,
  idOrRef: string,
  patch: Partial<RiskAssessmentInput> & { version: number },
): Promise<RiskAssessment> {
  requirePermission(principal, 'records.write');
  return inTransaction(db, async (trx) => {
    const row = await requireAssessment(trx, principal.orgId, idOrRef);
    if (row.status === 'approved') throw frozen(row);
    if (row.version !== patch.version)
      throw new AppError('version_conflict', `${row.ref} was changed by someone else; reload and try again`);
    const before = await present(trx, row);
    const { version: _v, ...changes } = patch;
    const merged = parseFields(RiskAssessmentInputSchema, {
      title: before.title,
      scope: before.scope,
      systemIds: before.systems.map((s) => s.id),
      participants: before.participants,
      method: before.method,
      performedOn: before.performedOn,
      summary: before.summary,
      ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    });
    await assertScope(trx, principal.orgId, merged.scope, merged.systemIds);
    const next: RiskAssessmentTable = {
      ...row,
      title: merged.title,
      scope: merged.scope,
      system_ids: JSON.stringify(merged.scope === 'systems' ? [...new Set(merged.systemIds)] : []),
      participants: JSON.stringify(merged.participants),
      method: merged.method,
      performed_on: merged.performedOn,
      summary: merged.summary,
      updated_at: nowIso(),
      version: row.version + 1,
    };
    const { id: _id, org_id: _o, created_at: _c, created_by: _cb, ...columns } = next;
    const result = await trx
      .updateTable('risk_assessments')
      .set(columns)
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new AppError('version_conflict', `${row.ref} was changed by someone else; reload and try again`);
    const after = await present(trx, next);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'risk-assessment.updated',
      entityType: ENTITY,
      entityId: row.id,
      before: { ...before, results: undefined },
      after: { ...after, results: undefined },
    });
    return after;
  });
}

/** Approves an assessment: its results are frozen as they are now, and the next one falls due after the planned interval. */
export async function approveAssessment(db: Db, principal: OrgPrincipal, idOrRef: string, version: number): Promise<RiskAssessment> {
  requirePermission(principal, 'records.approve');
  return inTransaction(db, async (trx) => {
    const row = await requireAssessment(trx, principal.orgId, idOrRef);
    if (row.status === 'approved') throw frozen(row);
    if (row.version !== version) throw new AppError('version_conflict', `${row.ref} was changed by someone else; reload and try again`);
    const { current } = await loadCriteriaVersions(trx, principal.orgId);
    const results = await currentResults(trx, principal.orgId, row.scope, JSON.parse(row.system_ids) as string[]);
    const now = nowIso();
    const next: RiskAssessmentTable = {
      ...row,
      status: 'approved',
      results: JSON.stringify(results),
      criteria_number: current.number,
      approved_by: principal.actor.label ?? principal.userId,
      approved_at: now,
      next_due: addMonths(row.performed_on, current.content.reviewIntervalMonths),
      updated_at: now,
      version: row.version + 1,
    };
    await trx
      .updateTable('risk_assessments')
      .set({
        status: next.status,
        results: next.results,
        criteria_number: next.criteria_number,
        approved_by: next.approved_by,
        approved_at: next.approved_at,
        next_due: next.next_due,
        updated_at: now,
        version: next.version,
      })
      .where('id', '=', row.id)
      .execute();
    const view = await present(trx, next);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'risk-assessment.approved',
      entityType: ENTITY,
      entityId: row.id,
      after: view,
    });
    return view;
  });
}

export async function deleteAssessment(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<void> {
  requirePermission(principal, 'records.delete');
  await inTransaction(db, async (trx) => {
    const row = await requireAssessment(trx, principal.orgId, idOrRef);
    if (row.status === 'approved') throw new AppError('conflict', `${row.ref} is approved; approved assessment results are kept`);
    await trx.deleteFrom('risk_assessments').where('id', '=', row.id).execute();
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'risk-assessment.deleted',
      entityType: ENTITY,
      entityId: row.id,
      before: await present(trx, row),
    });
  });
}

export async function assessmentIdOf(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<string> {
  requirePermission(principal, 'records.read');
  return (await requireAssessment(db.kysely, principal.orgId, idOrRef)).id;
}

/**
 * Whether a risk reassessment is due (8.2). The planned interval runs from the last approved
 * assessment of the whole AIMS. A significant change to an in-scope AI system (its life-cycle stage
 * or its EU AI Act classification) calls for reassessing that system, unless an assessment covering
 * it — of the whole AIMS or naming the system — was approved after the change.
 */
export async function reassessmentStatus(db: Db, principal: OrgPrincipal): Promise<ReassessmentStatus> {
  requirePermission(principal, 'records.read');
  const approved = await db.kysely
    .selectFrom('risk_assessments')
    .select(['id', 'ref', 'scope', 'system_ids', 'performed_on', 'approved_at', 'next_due'])
    .where('org_id', '=', principal.orgId)
    .where('status', '=', 'approved')
    .orderBy('approved_at', 'desc')
    .execute();
  const last = approved.find((a) => a.scope === 'aims');
  const reasons: string[] = [];
  const asOf = today();
  if (!last) {
    const anyRisk = await db.kysely.selectFrom('risks').select('id').where('org_id', '=', principal.orgId).limit(1).executeTakeFirst();
    const anySystem = await db.kysely
      .selectFrom('ai_systems')
      .select('id')
      .where('org_id', '=', principal.orgId)
      .where('in_scope', '=', 1)
      .limit(1)
      .executeTakeFirst();
    if (anyRisk || anySystem) reasons.push('No assessment of the whole AIMS has been approved yet (8.2).');
  } else if (last.next_due !== null && last.next_due <= asOf) {
    reasons.push(`The planned interval has passed: the next assessment of the whole AIMS was due on ${last.next_due}.`);
  }
  // When each system was last covered by an approved assessment (the whole AIMS covers them all).
  const aimsCoveredAt = last?.approved_at ?? '';
  const coveredAt = new Map<string, string>();
  for (const a of approved) {
    if (a.scope !== 'systems' || a.approved_at === null) continue;
    for (const id of JSON.parse(a.system_ids) as string[]) if ((coveredAt.get(id) ?? '') < a.approved_at) coveredAt.set(id, a.approved_at);
  }
  const oldestCover = approved.length ? (approved.at(-1)?.approved_at ?? '') : '';
  const candidates = approved.length
    ? await db.kysely
        .selectFrom('ai_systems')
        .select(['id', 'ref', 'name', 'significant_change_at', 'stage', 'risk_class'])
        .where('org_id', '=', principal.orgId)
        .where('in_scope', '=', 1)
        .where('significant_change_at', '>', oldestCover)
        .orderBy('significant_change_at', 'desc')
        .execute()
    : [];
  const changed = candidates
    .filter((r) => {
      const covered = [aimsCoveredAt, coveredAt.get(r.id) ?? ''].sort().at(-1) ?? '';
      return (r.significant_change_at ?? '') > covered;
    })
    .slice(0, 200)
    .map((r) => ({
      id: r.id,
      ref: r.ref,
      name: r.name,
      changedAt: r.significant_change_at ?? '',
      change: `now ${r.stage}${r.risk_class ? `, classified ${r.risk_class}` : ''}`,
    }));
  if (changed.length) {
    reasons.push(
      `${changed.length} AI system${changed.length === 1 ? '' : 's'} changed significantly (life-cycle stage or classification) since an assessment last covered ${changed.length === 1 ? 'it' : 'them'}.`,
    );
  }
  return {
    lastApproved: last ? { id: last.id, ref: last.ref, performedOn: last.performed_on, approvedAt: last.approved_at ?? '' } : null,
    nextDue: last?.next_due ?? null,
    due: reasons.length > 0,
    reasons,
    changedSystems: changed,
  };
}
