import type { Executor } from '../../db/database.ts';
import type { MonitoringPlanTable, MonitoringRunTable } from '../../db/schema.ts';
import { isUuid } from '../../domain/ids.ts';

/*
 * SQL for monitoring plans and runs. Every query is scoped to one organization. Runs join the AI
 * system, the plan and the raised risk only to show their current ref and name: a run is evidence
 * and outlives all three.
 */

export type PlanRow = MonitoringPlanTable;
export type RunRow = MonitoringRunTable;

// ---------- plans ----------

export interface PlanWithSystem extends PlanRow {
  system_ref: string | null;
  system_name: string | null;
  last_run_ref: string | null;
  last_run_status: string | null;
  last_run_alert: string | null;
}

function selectPlans(db: Executor, orgId: string) {
  return db
    .selectFrom('monitoring_plans as p')
    .leftJoin('ai_systems as s', 's.id', 'p.system_id')
    .leftJoin('monitoring_runs as lr', (join) => join.onRef('lr.id', '=', 'p.last_run_id').onRef('lr.org_id', '=', 'p.org_id'))
    .selectAll('p')
    .select([
      's.ref as system_ref',
      's.name as system_name',
      'lr.ref as last_run_ref',
      'lr.status as last_run_status',
      'lr.alert_state as last_run_alert',
    ])
    .where('p.org_id', '=', orgId);
}

/** A plan by id or ref (MON-0001). */
export function findPlan(db: Executor, orgId: string, idOrRef: string): Promise<PlanWithSystem | undefined> {
  const byId = isUuid(idOrRef);
  return selectPlans(db, orgId)
    .where(byId ? 'p.id' : 'p.ref', '=', byId ? idOrRef.toLowerCase() : idOrRef)
    .executeTakeFirst();
}

export interface PlanFilters {
  systemId?: string | undefined;
  status?: string | undefined;
  overdue?: boolean | undefined;
  asOf: string;
}

/** The organization's plans, by ref. Overdue: active and due before `asOf`. */
export function listPlans(db: Executor, orgId: string, filters: PlanFilters): Promise<PlanWithSystem[]> {
  let query = selectPlans(db, orgId);
  if (filters.systemId !== undefined) query = query.where('p.system_id', '=', filters.systemId);
  if (filters.status !== undefined) query = query.where('p.status', '=', filters.status);
  if (filters.overdue === true) query = query.where('p.status', '=', 'active').where('p.next_due', '<', filters.asOf);
  if (filters.overdue === false) query = query.where((eb) => eb.or([eb('p.status', '!=', 'active'), eb('p.next_due', '>=', filters.asOf)]));
  return query.orderBy('p.ref_seq').execute();
}

export async function maxPlanSequence(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('monitoring_plans')
    .select((eb) => eb.fn.max('ref_seq').as('max'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

export async function insertPlan(db: Executor, row: PlanRow): Promise<void> {
  await db.insertInto('monitoring_plans').values(row).execute();
}

/** Writes the changed columns if the plan is still at `version`; false when someone else changed it first. */
export async function updatePlan(
  db: Executor,
  row: PlanRow,
  columns: Partial<Omit<PlanRow, 'id' | 'org_id' | 'ref' | 'ref_seq' | 'created_at' | 'created_by'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('monitoring_plans')
    .set(columns)
    .where('id', '=', row.id)
    .where('org_id', '=', row.org_id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Notes a plan's newest run; not a change of the plan, so its version stays. */
export async function setPlanLastRun(db: Executor, planId: string, lastRun: { id: string; at: string; nextDue: string }): Promise<void> {
  await db
    .updateTable('monitoring_plans')
    .set({ last_run_id: lastRun.id, last_run_at: lastRun.at, next_due: lastRun.nextDue })
    .where('id', '=', planId)
    .execute();
}

export async function deletePlan(db: Executor, orgId: string, planId: string): Promise<void> {
  await db.deleteFrom('monitoring_plans').where('org_id', '=', orgId).where('id', '=', planId).execute();
}

/** The id of an AI system of the organization, by id or ref. */
export async function resolveSystemId(db: Executor, orgId: string, idOrRef: string): Promise<string | undefined> {
  const byId = isUuid(idOrRef);
  const row = await db
    .selectFrom('ai_systems')
    .select('id')
    .where('org_id', '=', orgId)
    .where(byId ? 'id' : 'ref', '=', byId ? idOrRef.toLowerCase() : idOrRef)
    .executeTakeFirst();
  return row?.id;
}

// ---------- runs ----------

type Heavy = 'spec' | 'result' | 'metric_values';
const summaryColumns = [
  'r.id',
  'r.org_id',
  'r.ref',
  'r.ref_seq',
  'r.plan_id',
  'r.plan_ref',
  'r.system_id',
  'r.metric',
  'r.inputs',
  'r.thresholds',
  'r.status',
  'r.source',
  'r.evidence_id',
  'r.alert_state',
  'r.alert_note',
  'r.alert_by',
  'r.alert_by_label',
  'r.alert_at',
  'r.risk_id',
  'r.created_at',
  'r.created_by',
  'r.created_by_label',
] as const;

export interface RunJoined {
  system_ref: string | null;
  system_name: string | null;
  plan_title: string | null;
  risk_ref: string | null;
  /** null when the evidence item has since been deleted */
  evidence_ref: string | null;
}
export type RunSummaryRow = Omit<RunRow, Heavy> & RunJoined;
export type RunDetailRow = RunRow & RunJoined;

function selectRuns(db: Executor, orgId: string) {
  return db
    .selectFrom('monitoring_runs as r')
    .leftJoin('ai_systems as s', 's.id', 'r.system_id')
    .leftJoin('monitoring_plans as p', 'p.id', 'r.plan_id')
    .leftJoin('risks as k', 'k.id', 'r.risk_id')
    .leftJoin('evidence as e', 'e.id', 'r.evidence_id')
    .select(['s.ref as system_ref', 's.name as system_name', 'p.title as plan_title', 'k.ref as risk_ref', 'e.ref as evidence_ref'])
    .where('r.org_id', '=', orgId);
}

/** A run with its result, by id or ref (RUN-0001). */
export function findRun(db: Executor, orgId: string, idOrRef: string): Promise<RunDetailRow | undefined> {
  const byId = isUuid(idOrRef);
  return selectRuns(db, orgId)
    .selectAll('r')
    .where(byId ? 'r.id' : 'r.ref', '=', byId ? idOrRef.toLowerCase() : idOrRef)
    .executeTakeFirst();
}

export interface RunFilters {
  planId?: string | undefined;
  systemId?: string | undefined;
  status?: string | undefined;
  alertState?: string | undefined;
  /** only runs older than this sequence number (the cursor) */
  beforeSeq?: number | undefined;
  limit: number;
}

/** Runs without their results, newest first. */
export function listRuns(db: Executor, orgId: string, filters: RunFilters): Promise<RunSummaryRow[]> {
  let query = selectRuns(db, orgId).select(summaryColumns);
  if (filters.planId !== undefined) query = query.where('r.plan_id', '=', filters.planId);
  if (filters.systemId !== undefined) query = query.where('r.system_id', '=', filters.systemId);
  if (filters.status !== undefined) query = query.where('r.status', '=', filters.status);
  if (filters.alertState !== undefined) query = query.where('r.alert_state', '=', filters.alertState);
  if (filters.beforeSeq !== undefined) query = query.where('r.ref_seq', '<', filters.beforeSeq);
  return query.orderBy('r.ref_seq', 'desc').limit(filters.limit).execute();
}

export async function maxRunSequence(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('monitoring_runs')
    .select((eb) => eb.fn.max('ref_seq').as('max'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

export async function insertRun(db: Executor, row: RunRow): Promise<void> {
  await db.insertInto('monitoring_runs').values(row).execute();
}

/** The newest `limit` runs of a plan with their metric values, oldest first. */
export async function planValues(
  db: Executor,
  orgId: string,
  planId: string,
  limit: number,
): Promise<{ id: string; ref: string; created_at: string; metric_values: string }[]> {
  const rows = await db
    .selectFrom('monitoring_runs')
    .select(['id', 'ref', 'created_at', 'metric_values'])
    .where('org_id', '=', orgId)
    .where('plan_id', '=', planId)
    .orderBy('ref_seq', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

/** Moves a run's alert on if it is still in one of the `from` states; false when it was not. */
export async function updateAlert(
  db: Executor,
  orgId: string,
  runId: string,
  from: string[],
  set: Pick<RunRow, 'alert_state' | 'alert_by' | 'alert_by_label' | 'alert_at'> & Partial<Pick<RunRow, 'alert_note' | 'risk_id'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('monitoring_runs')
    .set(set)
    .where('org_id', '=', orgId)
    .where('id', '=', runId)
    .where('alert_state', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The evidence items of a plan's runs, oldest first. */
export async function planRunEvidenceIds(db: Executor, orgId: string, planId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('monitoring_runs')
    .select('evidence_id')
    .where('org_id', '=', orgId)
    .where('plan_id', '=', planId)
    .where('evidence_id', 'is not', null)
    .orderBy('ref_seq')
    .execute();
  return rows.flatMap((r) => (r.evidence_id ? [r.evidence_id] : []));
}
