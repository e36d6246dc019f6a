import type { Db, Executor } from '../../db/database.ts';
import { AppError } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import type { MonitoringRun, MonitoringRunListQuery, MonitoringRunSummary, Trend } from '../../domain/schemas/monitoring.schemas.ts';
import { requirePlan } from './monitoring-plan.service.ts';
import { presentRun, presentRunSummary } from './monitoring-present.ts';
import { findPlan, findRun, listRuns as listRunRows, planValues, resolveSystemId, type RunDetailRow } from './monitoring.repository.ts';

/* Reading monitoring runs: the list, one run with its report, and a plan's trend. */

/** The most runs a trend reads (the newest ones). */
export const TREND_LIMIT = 1000;

/** Reads a run of the caller's organization, with its report (another organization's run is not found). */
export async function requireRun(db: Executor, principal: OrgPrincipal, idOrRef: string): Promise<RunDetailRow> {
  const row = await findRun(db, principal.orgId, idOrRef);
  if (!row) throw new AppError('not_found', `monitoring run ${idOrRef} not found`);
  return row;
}

/**
 * A plan's id for a filter: by ref while the plan exists, by id also after it was deleted (its
 * runs stay). An unknown plan matches nothing.
 */
async function planFilter(db: Executor, orgId: string, idOrRef: string): Promise<string> {
  const plan = await findPlan(db, orgId, idOrRef);
  if (plan) return plan.id;
  return isUuid(idOrRef) ? idOrRef.toLowerCase() : '';
}

/** Runs newest first, a page at a time (`nextCursor` continues with older runs). */
export async function listRuns(
  db: Db,
  principal: OrgPrincipal,
  query: MonitoringRunListQuery,
): Promise<{ items: MonitoringRunSummary[]; nextCursor: string | null }> {
  requirePermission(principal, 'records.read');
  const rows = await listRunRows(db.kysely, principal.orgId, {
    planId: query.planId === undefined ? undefined : await planFilter(db.kysely, principal.orgId, query.planId),
    systemId: query.systemId === undefined ? undefined : ((await resolveSystemId(db.kysely, principal.orgId, query.systemId)) ?? ''),
    status: query.status,
    beforeSeq: query.cursor === undefined ? undefined : Number(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(presentRunSummary), nextCursor: rows.length > query.limit && last ? String(last.ref_seq) : null };
}

/** One run with its spec, every metric value and the engine's full report. */
export async function getRun(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<MonitoringRun> {
  requirePermission(principal, 'records.read');
  return presentRun(await requireRun(db.kysely, principal, idOrRef));
}

/** The run's id for an id or ref (for the history route). */
export async function runIdOf(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<string> {
  requirePermission(principal, 'records.read');
  return (await requireRun(db.kysely, principal, idOrRef)).id;
}

/**
 * One metric across a plan's runs, oldest first (the newest TREND_LIMIT runs), and every metric
 * key the runs have. A run without the key is left out; one where it was undefined shows null.
 */
export async function planTrend(db: Db, principal: OrgPrincipal, planIdOrRef: string, key: string | undefined): Promise<Trend> {
  requirePermission(principal, 'records.read');
  const plan = await requirePlan(db.kysely, principal, planIdOrRef);
  const runs = await planValues(db.kysely, principal.orgId, plan.id, TREND_LIMIT);
  const keys = new Set<string>();
  const points: Trend['points'] = [];
  for (const run of runs) {
    const values = JSON.parse(run.metric_values) as Record<string, number | null>;
    for (const k of Object.keys(values)) keys.add(k);
    if (key !== undefined && key in values) points.push({ runId: run.id, ref: run.ref, at: run.created_at, value: values[key] ?? null });
  }
  return { keys: [...keys].sort(), key: key ?? null, points };
}
