import { randomUUID } from 'node:crypto';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import { sequenceRef } from '../../db/refs.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import type { EvaluationSpecParsed, Threshold } from '../../domain/schemas/metrics.schemas.ts';
import {
  MonitoringPlanInputSchema,
  MonitoringPlanPatchSchema,
  type MonitoringPlan,
  type MonitoringPlanFields,
  type MonitoringPlanInput,
  type MonitoringPlanListQuery,
  type MonitoringPlanPatch,
} from '../../domain/schemas/monitoring.schemas.ts';
import { nowIso, today } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { catalogForOrg } from '../catalog/catalog.service.ts';
import { resolveLinkTargets } from '../evidence/evidence-links.ts';
import { lockOrganizationWrites } from '../inventory/ai-system.service.ts';
import { PLAN_ENTITY, planSnapshot, presentPlan, type ControlLink, type RequirementLink } from './monitoring-present.ts';
import { nextDueDate } from './monitoring-schedule.ts';
import {
  deletePlan as deletePlanRow,
  findPlan,
  insertPlan,
  listPlans as listPlanRows,
  maxPlanSequence,
  resolveSystemId,
  updatePlan as updatePlanRow,
  type PlanRow,
  type PlanWithSystem,
} from './monitoring.repository.ts';

/* Monitoring plans (9.1 a–d): what is measured about an AI system, against what, and how often. */

const PREFIX = 'MON';

type Issue = { path: string; message: string };

function invalid(issues: Issue[]): AppError {
  return new AppError('validation_failed', `${issues[0]?.path}: ${issues[0]?.message}`, { issues });
}

/** Reads a plan of the caller's organization (another organization's plan is not found). */
export async function requirePlan(db: Executor, principal: OrgPrincipal, idOrRef: string): Promise<PlanWithSystem> {
  const row = await findPlan(db, principal.orgId, idOrRef);
  if (!row) throw new AppError('not_found', `monitoring plan ${idOrRef} not found`);
  return row;
}

/**
 * A threshold must name a metric a run of the spec can have: a sensitive feature (or their
 * intersection) or `performance` for fairness, `performance` for performance, `drift` for drift.
 * A misspelt key would otherwise breach on every run.
 */
export function thresholdIssues(spec: EvaluationSpecParsed, thresholds: Threshold[], path: string): Issue[] {
  const prefixes =
    spec.metric === 'fairness'
      ? [...spec.sensitive, ...(spec.intersect && spec.sensitive.length > 1 ? [spec.sensitive.join(' x ')] : []), 'performance']
      : [spec.metric];
  return thresholds.flatMap((t, i) =>
    prefixes.some((p) => t.key.startsWith(`${p}:`))
      ? []
      : [
          {
            path: `${path}.${i}.key`,
            message: `a ${spec.metric} run has no such metric; its keys start with ${prefixes.map((p) => `"${p}:"`).join(', ')}`,
          },
        ],
  );
}

async function checkedLinks(
  db: Executor,
  principal: OrgPrincipal,
  catalog: Catalog,
  fields: Pick<MonitoringPlanFields, 'controls' | 'requirements'>,
) {
  const targets = await resolveLinkTargets(db, principal.orgId, catalog, { ...fields, risks: [], systems: [], objectives: [] }, 'body');
  return {
    controls: targets.filter((t) => t.target_type === 'control').map((t) => ({ framework: t.framework, control: t.target }) as ControlLink),
    requirements: targets
      .filter((t) => t.target_type === 'requirement')
      .map((t): RequirementLink => ({ framework: t.framework, item: t.target })),
  };
}

function staleVersion(row: PlanRow): AppError {
  return new AppError('version_conflict', `${row.ref} was changed by someone else (now version ${row.version}); reload and try again`);
}

/**
 * Adds a monitoring plan for one of the organization's AI systems; assigns the next MON- ref.
 * Its first run is due the day it is created.
 * @throws AppError `validation_failed` (a field, an unknown AI system, a threshold the spec cannot produce, an unknown control), `forbidden`.
 */
export async function createPlan(db: Db, principal: OrgPrincipal, builtIn: Catalog, input: MonitoringPlanInput): Promise<MonitoringPlan> {
  requirePermission(principal, 'records.write');
  const fields = parseFields(MonitoringPlanInputSchema, input);
  const issues = thresholdIssues(fields.spec, fields.thresholds, 'body.thresholds');
  if (issues.length) throw invalid(issues);
  const catalog = await catalogForOrg(db, builtIn, principal);
  return inTransaction(db, async (trx) => {
    const links = await checkedLinks(trx, principal, catalog, fields);
    await lockOrganizationWrites(trx, db, principal.orgId);
    const systemId = await resolveSystemId(trx, principal.orgId, fields.systemId);
    if (!systemId) throw invalid([{ path: 'body.systemId', message: `no AI system "${fields.systemId}" in this organization` }]);
    const seq = (await maxPlanSequence(trx, principal.orgId)) + 1;
    const now = nowIso();
    const row: PlanRow = {
      id: randomUUID(),
      org_id: principal.orgId,
      ref: sequenceRef(PREFIX, seq),
      ref_seq: seq,
      system_id: systemId,
      title: fields.title,
      description: fields.description,
      metric: fields.spec.metric,
      spec: JSON.stringify(fields.spec),
      thresholds: JSON.stringify(fields.thresholds),
      frequency: fields.frequency,
      owner: fields.owner,
      controls: JSON.stringify(links.controls),
      requirements: JSON.stringify(links.requirements),
      status: fields.status,
      last_run_id: null,
      last_run_at: null,
      next_due: nextDueDate(fields.frequency, now, null),
      created_at: now,
      created_by: principal.userId,
      updated_at: now,
      version: 1,
    };
    await insertPlan(trx, row);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'monitoring-plan.created',
      entityType: PLAN_ENTITY,
      entityId: row.id,
      after: planSnapshot(row),
    });
    return presentPlan(await requirePlan(trx, principal, row.id), catalog);
  });
}

/** One plan by id or ref, with its next due date and the titles of its controls and requirements. */
export async function getPlan(db: Db, principal: OrgPrincipal, builtIn: Catalog, idOrRef: string): Promise<MonitoringPlan> {
  requirePermission(principal, 'records.read');
  const catalog = await catalogForOrg(db, builtIn, principal);
  return presentPlan(await requirePlan(db.kysely, principal, idOrRef), catalog);
}

/** The plan's id for an id or ref (for the history route). */
export async function planIdOf(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<string> {
  requirePermission(principal, 'records.read');
  return (await requirePlan(db.kysely, principal, idOrRef)).id;
}

/** The organization's plans by ref, filtered by AI system (an unknown one matches nothing), status and overdue. */
export async function listPlans(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  query: MonitoringPlanListQuery,
): Promise<MonitoringPlan[]> {
  requirePermission(principal, 'records.read');
  const asOf = today();
  const systemId = query.systemId === undefined ? undefined : ((await resolveSystemId(db.kysely, principal.orgId, query.systemId)) ?? '');
  const rows = await listPlanRows(db.kysely, principal.orgId, {
    systemId,
    status: query.status,
    overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
    asOf,
  });
  const catalog = await catalogForOrg(db, builtIn, principal);
  return rows.map((row) => presentPlan(row, catalog, asOf));
}

/**
 * Changes a plan; `version` must be the one read. A new frequency moves the next due date; the AI
 * system is fixed (a plan for another system is a new plan). Runs already made keep the
 * thresholds they were judged by.
 * @throws AppError `version_conflict` (stale version), `validation_failed`, `not_found`, `forbidden`.
 */
export async function updatePlan(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  idOrRef: string,
  patch: MonitoringPlanPatch,
): Promise<MonitoringPlan> {
  requirePermission(principal, 'records.write');
  const changes = parseFields(MonitoringPlanPatchSchema, patch);
  const catalog = await catalogForOrg(db, builtIn, principal);
  return inTransaction(db, async (trx) => {
    const row = await requirePlan(trx, principal, idOrRef);
    if (row.version !== changes.version) throw staleVersion(row);
    const spec = changes.spec ?? (JSON.parse(row.spec) as EvaluationSpecParsed);
    const thresholds = changes.thresholds ?? (JSON.parse(row.thresholds) as Threshold[]);
    const issues = thresholdIssues(spec, thresholds, 'body.thresholds');
    if (issues.length) throw invalid(issues);
    const links =
      changes.controls === undefined && changes.requirements === undefined
        ? null
        : await checkedLinks(trx, principal, catalog, {
            controls: changes.controls ?? (JSON.parse(row.controls) as ControlLink[]),
            requirements: changes.requirements ?? (JSON.parse(row.requirements) as RequirementLink[]),
          });
    const frequency = changes.frequency ?? (row.frequency as MonitoringPlanFields['frequency']);
    const columns = {
      title: changes.title ?? row.title,
      description: changes.description ?? row.description,
      metric: spec.metric,
      spec: JSON.stringify(spec),
      thresholds: JSON.stringify(thresholds),
      frequency,
      owner: changes.owner ?? row.owner,
      controls: links ? JSON.stringify(links.controls) : row.controls,
      requirements: links ? JSON.stringify(links.requirements) : row.requirements,
      status: changes.status ?? row.status,
      next_due: nextDueDate(frequency, row.created_at, row.last_run_at),
    };
    if ((Object.keys(columns) as (keyof typeof columns)[]).every((k) => columns[k] === row[k])) return presentPlan(row, catalog);
    const next: PlanWithSystem = { ...row, ...columns, updated_at: nowIso(), version: row.version + 1 };
    if (!(await updatePlanRow(trx, row, { ...columns, updated_at: next.updated_at, version: next.version }))) throw staleVersion(row);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'monitoring-plan.updated',
      entityType: PLAN_ENTITY,
      entityId: row.id,
      before: planSnapshot(row),
      after: planSnapshot(next),
    });
    return presentPlan(next, catalog);
  });
}

/**
 * Deletes a plan. Its runs stay, with their evidence: they are the record of what was measured
 * (history is never rewritten), and they keep the plan's ref.
 * @throws AppError `not_found`, `forbidden` (needs records.delete, like every deletion).
 */
export async function deletePlan(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<void> {
  requirePermission(principal, 'records.delete');
  await inTransaction(db, async (trx) => {
    const row = await requirePlan(trx, principal, idOrRef);
    await deletePlanRow(trx, principal.orgId, row.id);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'monitoring-plan.deleted',
      entityType: PLAN_ENTITY,
      entityId: row.id,
      before: planSnapshot(row),
    });
  });
}
