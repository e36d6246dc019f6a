import type { Executor } from '../../db/database.ts';
import type { AiObjectiveTable } from '../../db/schema.ts';
import { isUuid } from '../../domain/ids.ts';
import { openObjectiveStatuses } from '../../domain/schemas/objectives.schemas.ts';

/*
 * SQL for AI objectives. Every query is scoped to one organization. An objective joins its
 * measuring plan, the plan's AI system and the plan's latest run only to show them: the plan may
 * have been deleted since.
 */

export type ObjectiveRow = AiObjectiveTable;

export interface ObjectiveJoined extends ObjectiveRow {
  plan_ref: string | null;
  plan_title: string | null;
  plan_status: string | null;
  system_id: string | null;
  system_ref: string | null;
  system_name: string | null;
  last_run_id: string | null;
  last_run_ref: string | null;
  last_run_at: string | null;
  last_run_values: string | null;
}

function selectObjectives(db: Executor, orgId: string) {
  return db
    .selectFrom('ai_objectives as o')
    .leftJoin('monitoring_plans as p', (join) => join.onRef('p.id', '=', 'o.measure_plan_id').onRef('p.org_id', '=', 'o.org_id'))
    .leftJoin('ai_systems as s', (join) => join.onRef('s.id', '=', 'p.system_id').onRef('s.org_id', '=', 'p.org_id'))
    .leftJoin('monitoring_runs as r', (join) => join.onRef('r.id', '=', 'p.last_run_id').onRef('r.org_id', '=', 'p.org_id'))
    .selectAll('o')
    .select([
      'p.ref as plan_ref',
      'p.title as plan_title',
      'p.status as plan_status',
      's.id as system_id',
      's.ref as system_ref',
      's.name as system_name',
      'r.id as last_run_id',
      'r.ref as last_run_ref',
      'r.created_at as last_run_at',
      'r.metric_values as last_run_values',
    ])
    .where('o.org_id', '=', orgId);
}

/** An objective by id or ref (OBJ-0001). */
export function findObjective(db: Executor, orgId: string, idOrRef: string): Promise<ObjectiveJoined | undefined> {
  const byId = isUuid(idOrRef);
  return selectObjectives(db, orgId)
    .where(byId ? 'o.id' : 'o.ref', '=', byId ? idOrRef.toLowerCase() : idOrRef)
    .executeTakeFirst();
}

export interface ObjectiveFilters {
  status?: string | undefined;
  /** open (planned or in progress) with the target date before `asOf` (or, when false, not) */
  overdue?: boolean | undefined;
  planId?: string | undefined;
  asOf: string;
}

/** The organization's objectives, by ref number. */
export async function listObjectiveRows(db: Executor, orgId: string, filters: ObjectiveFilters): Promise<ObjectiveJoined[]> {
  let query = selectObjectives(db, orgId);
  if (filters.status) query = query.where('o.status', '=', filters.status);
  if (filters.planId !== undefined) query = query.where('o.measure_plan_id', '=', filters.planId);
  if (filters.overdue === true) {
    query = query
      .where('o.status', 'in', openObjectiveStatuses)
      .where('o.target_date', 'is not', null)
      .where('o.target_date', '<', filters.asOf);
  } else if (filters.overdue === false) {
    query = query.where((eb) =>
      eb.or([eb('o.status', 'not in', openObjectiveStatuses), eb('o.target_date', 'is', null), eb('o.target_date', '>=', filters.asOf)]),
    );
  }
  return query.orderBy('o.ref_seq').orderBy('o.ref').execute();
}

export async function maxObjectiveSequence(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('ai_objectives')
    .select((eb) => eb.fn.max('ref_seq').as('max'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

export async function insertObjective(db: Executor, row: ObjectiveRow): Promise<void> {
  await db.insertInto('ai_objectives').values(row).execute();
}

/** Writes the changed columns if the row is still at `row.version`; false when someone else changed it first. */
export async function updateObjectiveRow(
  db: Executor,
  row: ObjectiveRow,
  columns: Partial<Omit<ObjectiveRow, 'id' | 'org_id' | 'ref' | 'ref_seq'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('ai_objectives')
    .set(columns)
    .where('org_id', '=', row.org_id)
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteObjectiveRow(db: Executor, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('ai_objectives').where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** The ids of the objectives a plan measures that are still pursued or judged (not withdrawn). */
export async function objectivesMeasuredBy(db: Executor, orgId: string, planId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('ai_objectives')
    .select('id')
    .where('org_id', '=', orgId)
    .where('measure_plan_id', '=', planId)
    .where('status', '!=', 'withdrawn')
    .orderBy('ref_seq')
    .execute();
  return rows.map((r) => r.id);
}

/** Evidence linked to an objective, newest first (at most `limit`). */
export function objectiveEvidence(db: Executor, orgId: string, objectiveId: string, limit: number) {
  return db
    .selectFrom('evidence_links as l')
    .innerJoin('evidence as e', (join) => join.onRef('e.id', '=', 'l.evidence_id').onRef('e.org_id', '=', 'l.org_id'))
    .select(['e.id', 'e.ref', 'e.title', 'e.effective_date', 'e.review_due'])
    .where('l.org_id', '=', orgId)
    .where('l.target_type', '=', 'objective')
    .where('l.framework', '=', '')
    .where('l.target', '=', objectiveId)
    .orderBy('e.ref_seq', 'desc')
    .limit(limit)
    .execute();
}
