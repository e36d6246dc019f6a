import { randomUUID } from 'node:crypto';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import { sequenceRef } from '../../db/refs.ts';
import { evidenceState } from '../../domain/evidence-state.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import type { Threshold } from '../../domain/schemas/metrics.schemas.ts';
import {
  ObjectiveInputSchema,
  ObjectivePatchSchema,
  isObjectiveOverdue,
  type Objective,
  type ObjectiveDetail,
  type ObjectiveFields,
  type ObjectiveInput,
  type ObjectiveListQuery,
  type ObjectiveMeasureInput,
  type ObjectiveMeasurement,
  type ObjectivePatch,
  type ObjectiveStatus,
} from '../../domain/schemas/objectives.schemas.ts';
import { nowIso, today } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { catalogForOrg } from '../catalog/catalog.service.ts';
import { linkItemsToRecord } from '../evidence/evidence-change.service.ts';
import { lockOrganizationWrites } from '../inventory/ai-system.service.ts';
import { meetsThreshold } from '../metrics/thresholds.ts';
import { thresholdIssues } from '../monitoring/monitoring-plan.service.ts';
import { planSpec } from '../monitoring/monitoring-present.ts';
import { findPlan, planRunEvidenceIds, planValues } from '../monitoring/monitoring.repository.ts';
import {
  deleteObjectiveRow,
  findObjective,
  insertObjective,
  listObjectiveRows,
  maxObjectiveSequence,
  objectiveEvidence,
  updateObjectiveRow,
  type ObjectiveJoined,
  type ObjectiveRow,
} from './objectives.repository.ts';

/*
 * AI objectives (ISO/IEC 42001 6.2): what is to be achieved, who answers for it, with what, by
 * when, and how the result is evaluated: by a monitoring plan's metric when one measures it.
 */

export const OBJECTIVE_ENTITY = 'objective';
const PREFIX = 'OBJ';
const ISO = 'iso42001-2023';
/** How many of the measuring plan's runs the detail shows. */
const MEASUREMENT_LIMIT = 200;
const EVIDENCE_LIMIT = 200;

type Issue = { path: string; message: string };

function invalid(issues: Issue[]): AppError {
  return new AppError('validation_failed', `${issues[0]?.path}: ${issues[0]?.message}`, { issues });
}

async function requireObjective(db: Executor, principal: OrgPrincipal, idOrRef: string): Promise<ObjectiveJoined> {
  const row = await findObjective(db, principal.orgId, idOrRef);
  if (!row) throw new AppError('not_found', `AI objective ${idOrRef} not found`);
  return row;
}

/** Topics must be Annex C objectives (C.2.x) of the catalog; duplicates collapse. */
function checkedTopics(catalog: Catalog, topics: string[]): string[] {
  const items = catalog.frameworks.get(ISO)?.items;
  const issues = topics.flatMap((t, i): Issue[] =>
    /^C\.2\.\d+$/.test(t) && items?.has(t)
      ? []
      : [{ path: `body.topics.${i}`, message: `"${t}" is not one of the AI objectives of Annex C (C.2.1 … C.2.11)` }],
  );
  if (issues.length) throw invalid(issues);
  return [...new Set(topics)];
}

/** The measure must name a plan of the organization and a metric key that plan's runs produce. */
async function checkedMeasure(db: Executor, principal: OrgPrincipal, measure: ObjectiveMeasureInput | null) {
  if (!measure) return { measure_plan_id: null, measure_key: null, measure_op: null, measure_value: null };
  const plan = await findPlan(db, principal.orgId, measure.planId);
  if (!plan) throw invalid([{ path: 'body.measure.planId', message: `no monitoring plan "${measure.planId}" in this organization` }]);
  const issues = thresholdIssues(planSpec(plan), [measure], 'body.measure').map((i) => ({ ...i, path: 'body.measure.key' }));
  if (issues.length) throw invalid(issues);
  return { measure_plan_id: plan.id, measure_key: measure.key, measure_op: measure.op, measure_value: measure.value };
}

function measurementOf(run: { id: string; ref: string; at: string; values: string }, target: Threshold): ObjectiveMeasurement {
  const values = JSON.parse(run.values) as Record<string, number | null>;
  const value = values[target.key] ?? null;
  return {
    runId: run.id,
    runRef: run.ref,
    at: run.at,
    value,
    met: value === null || Number.isNaN(value) ? null : meetsThreshold(value, target),
  };
}

function targetOf(row: ObjectiveRow): Threshold | null {
  return row.measure_key === null || row.measure_op === null || row.measure_value === null
    ? null
    : { key: row.measure_key, op: row.measure_op as Threshold['op'], value: row.measure_value };
}

function present(row: ObjectiveJoined, catalog: Catalog, asOf = today()): Objective {
  const target = targetOf(row);
  const latest =
    target && row.last_run_id && row.last_run_ref && row.last_run_at && row.last_run_values
      ? measurementOf({ id: row.last_run_id, ref: row.last_run_ref, at: row.last_run_at, values: row.last_run_values }, target)
      : null;
  const items = catalog.frameworks.get(ISO)?.items;
  return {
    id: row.id,
    ref: row.ref,
    title: row.title,
    description: row.description,
    topics: (JSON.parse(row.topics) as string[]).map((id) => ({ id, title: items?.get(id)?.title ?? null })),
    policyLink: row.policy_link,
    owner: row.owner,
    targetDate: row.target_date,
    actions: row.actions,
    resources: row.resources,
    evaluation: row.evaluation,
    measure:
      target && row.measure_plan_id
        ? {
            planId: row.measure_plan_id,
            plan: row.plan_ref ? { ref: row.plan_ref, title: row.plan_title ?? '', status: row.plan_status ?? '' } : null,
            system: row.system_id && row.system_ref ? { id: row.system_id, ref: row.system_ref, name: row.system_name ?? '' } : null,
            ...target,
            latest,
          }
        : null,
    progress: latest?.met === true ? 'met' : latest?.met === false ? 'not-met' : 'not-measured',
    status: row.status as ObjectiveStatus,
    overdue: isObjectiveOverdue(row.status, row.target_date, asOf),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** What the audit log keeps of an objective. */
function snapshot(row: ObjectiveRow) {
  return {
    ref: row.ref,
    title: row.title,
    description: row.description,
    topics: JSON.parse(row.topics) as string[],
    policyLink: row.policy_link,
    owner: row.owner,
    targetDate: row.target_date,
    actions: row.actions,
    resources: row.resources,
    evaluation: row.evaluation,
    measure: targetOf(row) ? { planId: row.measure_plan_id, ...targetOf(row) } : null,
    status: row.status,
  };
}

/**
 * Links the runs the measuring plan has made so far to the objective; runs recorded later link
 * themselves (monitoring-run.service.ts). A withdrawn objective collects no evidence.
 */
async function linkEarlierRuns(
  trx: Executor,
  db: Db,
  principal: OrgPrincipal,
  row: Pick<ObjectiveRow, 'id' | 'status' | 'measure_plan_id'>,
) {
  if (!row.measure_plan_id || row.status === 'withdrawn') return;
  const evidence = await planRunEvidenceIds(trx, principal.orgId, row.measure_plan_id);
  await linkItemsToRecord(trx, db, principal, evidence, { target_type: 'objective', framework: '', target: row.id });
}

function staleVersion(row: ObjectiveRow): AppError {
  return new AppError('version_conflict', `${row.ref} was changed by someone else (now version ${row.version}); reload and try again`);
}

/**
 * Adds an AI objective; assigns the next OBJ- ref.
 * @throws AppError `validation_failed` (a field, a topic outside Annex C, an unknown plan or a metric its runs lack), `forbidden`.
 */
export async function createObjective(db: Db, principal: OrgPrincipal, builtIn: Catalog, input: ObjectiveInput): Promise<Objective> {
  requirePermission(principal, 'records.write');
  const fields = parseFields(ObjectiveInputSchema, input);
  const catalog = await catalogForOrg(db, builtIn, principal);
  const topics = checkedTopics(catalog, fields.topics);
  return inTransaction(db, async (trx) => {
    const measure = await checkedMeasure(trx, principal, fields.measure);
    await lockOrganizationWrites(trx, db, principal.orgId);
    const seq = (await maxObjectiveSequence(trx, principal.orgId)) + 1;
    const now = nowIso();
    const row: ObjectiveRow = {
      id: randomUUID(),
      org_id: principal.orgId,
      ref: sequenceRef(PREFIX, seq),
      ref_seq: seq,
      title: fields.title,
      description: fields.description,
      topics: JSON.stringify(topics),
      policy_link: fields.policyLink,
      owner: fields.owner,
      target_date: fields.targetDate,
      actions: fields.actions,
      resources: fields.resources,
      evaluation: fields.evaluation,
      ...measure,
      status: fields.status,
      created_at: now,
      created_by: principal.userId,
      updated_at: now,
      version: 1,
    };
    await insertObjective(trx, row);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'objective.created',
      entityType: OBJECTIVE_ENTITY,
      entityId: row.id,
      after: snapshot(row),
    });
    await linkEarlierRuns(trx, db, principal, row);
    return present(await requireObjective(trx, principal, row.id), catalog);
  });
}

/** One objective with its measurements (the measuring plan's runs, oldest first) and its evidence. */
export async function getObjective(db: Db, principal: OrgPrincipal, builtIn: Catalog, idOrRef: string): Promise<ObjectiveDetail> {
  requirePermission(principal, 'records.read');
  const catalog = await catalogForOrg(db, builtIn, principal);
  const row = await requireObjective(db.kysely, principal, idOrRef);
  const objective = present(row, catalog);
  const target = targetOf(row);
  const runs = target && row.measure_plan_id ? await planValues(db.kysely, principal.orgId, row.measure_plan_id, MEASUREMENT_LIMIT) : [];
  const asOf = today();
  const evidence = await objectiveEvidence(db.kysely, principal.orgId, row.id, EVIDENCE_LIMIT);
  return {
    ...objective,
    measurements: target ? runs.map((r) => measurementOf({ id: r.id, ref: r.ref, at: r.created_at, values: r.metric_values }, target)) : [],
    evidence: evidence.map((e) => ({
      id: e.id,
      ref: e.ref,
      title: e.title,
      state: evidenceState(e.review_due, asOf),
      effectiveDate: e.effective_date,
    })),
  };
}

/** The objective's id for an id or ref (for the history route). */
export async function objectiveIdOf(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<string> {
  requirePermission(principal, 'records.read');
  return (await requireObjective(db.kysely, principal, idOrRef)).id;
}

/** The organization's objectives by ref, filtered by status, overdue and measuring plan (an unknown plan matches nothing). */
export async function listObjectives(db: Db, principal: OrgPrincipal, builtIn: Catalog, query: ObjectiveListQuery): Promise<Objective[]> {
  requirePermission(principal, 'records.read');
  const asOf = today();
  const planId = query.planId === undefined ? undefined : ((await findPlan(db.kysely, principal.orgId, query.planId))?.id ?? '');
  const rows = await listObjectiveRows(db.kysely, principal.orgId, {
    status: query.status,
    overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
    planId,
    asOf,
  });
  const catalog = await catalogForOrg(db, builtIn, principal);
  return rows.map((row) => present(row, catalog, asOf));
}

/**
 * Changes an objective; `version` must be the one read. `measure: null` stops measuring it by a
 * plan (its runs already linked stay its evidence).
 * @throws AppError `version_conflict`, `validation_failed`, `not_found`, `forbidden`.
 */
export async function updateObjective(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  idOrRef: string,
  patch: ObjectivePatch,
): Promise<Objective> {
  requirePermission(principal, 'records.write');
  const changes = parseFields(ObjectivePatchSchema, patch);
  const catalog = await catalogForOrg(db, builtIn, principal);
  const topics = changes.topics === undefined ? undefined : checkedTopics(catalog, changes.topics);
  return inTransaction(db, async (trx) => {
    const row = await requireObjective(trx, principal, idOrRef);
    if (row.version !== changes.version) throw staleVersion(row);
    const measure = changes.measure === undefined ? null : await checkedMeasure(trx, principal, changes.measure);
    const fields: Partial<ObjectiveFields> = changes;
    const columns = {
      title: fields.title ?? row.title,
      description: fields.description ?? row.description,
      topics: topics === undefined ? row.topics : JSON.stringify(topics),
      policy_link: fields.policyLink ?? row.policy_link,
      owner: fields.owner ?? row.owner,
      target_date: fields.targetDate === undefined ? row.target_date : fields.targetDate,
      actions: fields.actions ?? row.actions,
      resources: fields.resources ?? row.resources,
      evaluation: fields.evaluation ?? row.evaluation,
      measure_plan_id: measure ? measure.measure_plan_id : row.measure_plan_id,
      measure_key: measure ? measure.measure_key : row.measure_key,
      measure_op: measure ? measure.measure_op : row.measure_op,
      measure_value: measure ? measure.measure_value : row.measure_value,
      status: fields.status ?? row.status,
    };
    const same = (Object.keys(columns) as (keyof typeof columns)[]).every((k) => columns[k] === row[k]);
    if (same) return present(row, catalog);
    const updatedAt = nowIso();
    const version = row.version + 1;
    if (!(await updateObjectiveRow(trx, row, { ...columns, updated_at: updatedAt, version }))) throw staleVersion(row);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'objective.updated',
      entityType: OBJECTIVE_ENTITY,
      entityId: row.id,
      before: snapshot(row),
      after: snapshot({ ...row, ...columns, updated_at: updatedAt, version }),
    });
    if (columns.measure_plan_id !== row.measure_plan_id || columns.status !== row.status) {
      await linkEarlierRuns(trx, db, principal, { id: row.id, status: columns.status, measure_plan_id: columns.measure_plan_id });
    }
    return present(await requireObjective(trx, principal, row.id), catalog);
  });
}

/**
 * Deletes an objective. Evidence linked to it stays (its link then names a record that is gone);
 * an objective no longer pursued is better marked withdrawn, which keeps it on record.
 * @throws AppError `not_found`, `forbidden` (needs records.delete).
 */
export async function deleteObjective(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<void> {
  requirePermission(principal, 'records.delete');
  await inTransaction(db, async (trx) => {
    const row = await requireObjective(trx, principal, idOrRef);
    await deleteObjectiveRow(trx, principal.orgId, row.id);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'objective.deleted',
      entityType: OBJECTIVE_ENTITY,
      entityId: row.id,
      before: snapshot(row),
    });
  });
}
