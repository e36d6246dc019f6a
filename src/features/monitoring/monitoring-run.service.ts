import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '../../db/database.ts';
import { sequenceRef } from '../../db/refs.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import type { EvaluationSpecParsed, FairnessCounts, InputFingerprint } from '../../domain/schemas/metrics.schemas.ts';
import {
  CliRunInputSchema,
  type CliRunInput,
  type MonitoringFrequency,
  type MonitoringRun,
  type RunSource,
} from '../../domain/schemas/monitoring.schemas.ts';
import { nowIso } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { catalogForOrg } from '../catalog/catalog.service.ts';
import { insertRecordEvidence } from '../evidence/evidence.service.ts';
import { lockOrganizationWrites, requireSystem } from '../inventory/ai-system.service.ts';
import type { EvaluationResult } from '../metrics/evaluation.ts';
import { assertPostedResult, assess, metricEngine } from './monitoring-engine.ts';
import { runEvidence } from './monitoring-evidence.ts';
import { requirePlan } from './monitoring-plan.service.ts';
import { objectivesMeasuredBy } from '../objectives/objectives.repository.ts';
import type { MetricSlots } from './metric-slots.ts';
import { planSpec, planThresholds, presentRun, RUN_ENTITY, runSnapshot } from './monitoring-present.ts';
import { addPeriod } from './monitoring-schedule.ts';
import {
  findPlan,
  findRun,
  insertRun,
  maxRunSequence,
  resolveSystemId,
  setPlanLastRun,
  type PlanRow,
  type RunRow,
} from './monitoring.repository.ts';

/*
 * Recording monitoring runs: from files uploaded for a plan, from confusion counts, or from a
 * report the CLI computed on the team's machine. Each run is judged against its plan's thresholds
 * and kept as evidence in the same transaction.
 */

const PREFIX = 'RUN';

/** The multipart file fields an upload for the plan takes: `data`, or `reference` and `current` for drift. */
export async function uploadFieldsOf(db: Db, principal: OrgPrincipal, planIdOrRef: string): Promise<('data' | 'reference' | 'current')[]> {
  requirePermission(principal, 'records.write');
  const plan = await requirePlan(db.kysely, principal, planIdOrRef);
  return plan.metric === 'drift' ? ['reference', 'current'] : ['data'];
}

interface NewRun {
  plan: PlanRow | null;
  systemId: string;
  spec: EvaluationSpecParsed;
  source: RunSource;
  result: EvaluationResult;
  inputs: InputFingerprint[];
}

/** Judges the run by its plan's thresholds and stores it with its evidence item and audit entry; assigns the next RUN- ref. */
async function storeRun(db: Db, principal: OrgPrincipal, builtIn: Catalog, run: NewRun): Promise<MonitoringRun> {
  const engine = await metricEngine();
  const catalog = await catalogForOrg(db, builtIn, principal);
  const id = await inTransaction(db, async (trx) => {
    await lockOrganizationWrites(trx, db, principal.orgId);
    // The metric took a while: the plan may have changed or gone meanwhile; judge by what it says now.
    const plan = run.plan ? ((await findPlan(trx, principal.orgId, run.plan.id)) ?? null) : null;
    if (run.plan && !plan) throw new AppError('not_found', `monitoring plan ${run.plan.ref} was deleted while the run was computed`);
    const system = await requireSystem(trx, principal, run.systemId);
    const assessment = assess(engine, run.result, plan ? planThresholds(plan) : []);
    const seq = (await maxRunSequence(trx, principal.orgId)) + 1;
    const now = nowIso();
    const row: RunRow = {
      id: randomUUID(),
      org_id: principal.orgId,
      ref: sequenceRef(PREFIX, seq),
      ref_seq: seq,
      plan_id: plan?.id ?? null,
      plan_ref: plan?.ref ?? null,
      system_id: system.id,
      metric: run.spec.metric,
      spec: JSON.stringify(run.spec),
      result: JSON.stringify(run.result),
      inputs: JSON.stringify(run.inputs),
      metric_values: JSON.stringify(assessment.values),
      thresholds: JSON.stringify(assessment.outcomes),
      status: assessment.breached ? 'breached' : 'passed',
      source: run.source,
      evidence_id: null,
      alert_state: assessment.breached ? 'open' : 'none',
      alert_note: null,
      alert_by: null,
      alert_by_label: null,
      alert_at: null,
      risk_id: null,
      created_at: now,
      created_by: principal.userId,
      created_by_label: principal.actor.label ?? '',
    };
    const evidence = await insertRecordEvidence(
      trx,
      db,
      principal,
      catalog,
      runEvidence(
        {
          id: row.id,
          ref: row.ref,
          plan,
          system: { id: system.id, ref: system.ref, name: system.name },
          spec: run.spec,
          source: run.source,
          createdAt: now,
          result: run.result,
          inputs: run.inputs,
          assessment,
          objectives: plan ? await objectivesMeasuredBy(trx, principal.orgId, plan.id) : [],
        },
        catalog,
      ),
    );
    row.evidence_id = evidence.id;
    await insertRun(trx, row);
    if (plan) await setPlanLastRun(trx, plan.id, { id: row.id, at: now, nextDue: addPeriod(now, plan.frequency as MonitoringFrequency) });
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'monitoring-run.created',
      entityType: RUN_ENTITY,
      entityId: row.id,
      after: runSnapshot(row),
    });
    return row.id;
  });
  const stored = await findRun(db.kysely, principal.orgId, id);
  if (!stored) throw new AppError('internal', `run ${id} vanished after it was stored`);
  return presentRun(stored);
}

/**
 * Computes the plan's metric from uploaded CSV or Parquet files (`data`, or `reference` and
 * `current` for drift) and records the run. The caller owns the files and removes them. With
 * `slots`, the computation waits for a free one (the server bounds concurrent computations).
 * @throws AppError `validation_failed` naming the field for unreadable data or a missing column
 *   (nothing is stored), `not_found`, `forbidden`.
 */
export async function recordUploadRun(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  planIdOrRef: string,
  files: Map<string, { path: string; name: string }>,
  slots?: MetricSlots,
): Promise<MonitoringRun> {
  requirePermission(principal, 'records.write');
  const plan = await requirePlan(db.kysely, principal, planIdOrRef);
  const spec = planSpec(plan);
  const source = (role: string) => {
    const file = files.get(role);
    return file ? { kind: 'file' as const, path: file.path, name: file.name } : undefined;
  };
  const engine = await metricEngine();
  const compute = () => engine.runEvaluation(spec, { data: source('data'), reference: source('reference'), current: source('current') });
  // Only the computation waits for a slot; storing the run does not hold one.
  const computed = await (slots ? slots.run(compute) : compute());
  return storeRun(db, principal, builtIn, { plan, systemId: plan.system_id, spec, source: 'upload', ...computed });
}

/**
 * Records a fairness run from confusion counts a team computed in its own pipeline, so that no
 * row of personal data reaches Trellis.
 * @throws AppError `rule_violated` (not a fairness plan), `validation_failed`, `not_found`, `forbidden`.
 */
export async function recordCountsRun(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  planIdOrRef: string,
  counts: FairnessCounts,
): Promise<MonitoringRun> {
  requirePermission(principal, 'records.write');
  const plan = await requirePlan(db.kysely, principal, planIdOrRef);
  if (plan.metric !== 'fairness') {
    throw new AppError(
      'rule_violated',
      `${plan.ref} measures ${plan.metric}; confusion counts give fairness only: upload the data instead`,
    );
  }
  const engine = await metricEngine();
  const computed = engine.fairnessFromCounts(counts);
  return storeRun(db, principal, builtIn, { plan, systemId: plan.system_id, spec: planSpec(plan), source: 'counts', ...computed });
}

function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, { issues: [{ path, message }] });
}

/**
 * Records a run the CLI computed (`trellis evaluate … --system/--plan`): the raw data never left
 * the team's machine. The report is checked for its metric and shape; the metric values and the
 * threshold outcomes are recomputed here, never taken from the client.
 * @throws AppError `validation_failed` (unknown plan or AI system, a plan of another system or
 *   metric, a malformed report), `forbidden`.
 */
export async function recordCliRun(db: Db, principal: OrgPrincipal, builtIn: Catalog, input: CliRunInput): Promise<MonitoringRun> {
  requirePermission(principal, 'records.write');
  const fields = parseFields(CliRunInputSchema, input);
  let plan: PlanRow | null = null;
  if (fields.planId !== undefined) {
    plan = (await findPlan(db.kysely, principal.orgId, fields.planId)) ?? null;
    if (!plan) throw invalid('body.planId', `no monitoring plan "${fields.planId}" in this organization`);
    if (plan.metric !== fields.spec.metric) throw invalid('body.spec.metric', `${plan.ref} measures ${plan.metric}`);
  }
  let systemId = plan?.system_id;
  if (fields.systemId !== undefined) {
    const named = await resolveSystemId(db.kysely, principal.orgId, fields.systemId);
    if (!named) throw invalid('body.systemId', `no AI system "${fields.systemId}" in this organization`);
    if (systemId !== undefined && named !== systemId) throw invalid('body.systemId', `${plan?.ref} monitors another AI system`);
    systemId = named;
  }
  if (systemId === undefined) throw invalid('body.systemId', 'name the AI system or the plan the run belongs to');
  const result = assertPostedResult(await metricEngine(), fields.spec, fields.result);
  return storeRun(db, principal, builtIn, { plan, systemId, spec: fields.spec, source: 'cli', result, inputs: fields.inputs });
}
