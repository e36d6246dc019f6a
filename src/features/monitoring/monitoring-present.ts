import type { EvaluationSpecParsed, InputFingerprint, MetricKind, Threshold } from '../../domain/schemas/metrics.schemas.ts';
import type {
  AlertState,
  MonitoringFrequency,
  MonitoringPlan,
  MonitoringRun,
  MonitoringRunSummary,
  RunSource,
  RunStatus,
  ThresholdOutcomeView,
} from '../../domain/schemas/monitoring.schemas.ts';
import { today } from '../../domain/time.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { isOverdue } from './monitoring-schedule.ts';
import type { PlanRow, PlanWithSystem, RunDetailRow, RunJoined, RunSummaryRow } from './monitoring.repository.ts';

/* How plans and runs read in the API and in the audit log. */

export const PLAN_ENTITY = 'monitoring-plan';
export const RUN_ENTITY = 'monitoring-run';

export interface ControlLink {
  framework: 'iso42001-2023' | 'org-controls';
  control: string;
}
export interface RequirementLink {
  framework: string;
  item: string;
}

export const planSpec = (row: PlanRow) => JSON.parse(row.spec) as EvaluationSpecParsed;
export const planThresholds = (row: PlanRow) => JSON.parse(row.thresholds) as Threshold[];
export const planControls = (row: PlanRow) => JSON.parse(row.controls) as ControlLink[];
export const planRequirements = (row: PlanRow) => JSON.parse(row.requirements) as RequirementLink[];

export function presentPlan(row: PlanWithSystem, catalog: Catalog, asOf = today()): MonitoringPlan {
  const titleOf = (framework: string, id: string) => catalog.frameworks.get(framework)?.items.get(id)?.title ?? null;
  return {
    id: row.id,
    ref: row.ref,
    systemId: row.system_id,
    system: row.system_ref === null ? null : { id: row.system_id, ref: row.system_ref, name: row.system_name ?? '' },
    title: row.title,
    description: row.description,
    metric: row.metric as MetricKind,
    spec: planSpec(row),
    thresholds: planThresholds(row),
    frequency: row.frequency as MonitoringFrequency,
    owner: row.owner,
    controls: planControls(row).map((c) => ({ ...c, title: titleOf(c.framework, c.control) })),
    requirements: planRequirements(row).map((r) => ({ ...r, title: titleOf(r.framework, r.item) })),
    status: row.status as MonitoringPlan['status'],
    lastRun:
      row.last_run_id === null || row.last_run_at === null
        ? null
        : {
            id: row.last_run_id,
            at: row.last_run_at,
            ref: row.last_run_ref ?? '',
            status: (row.last_run_status ?? 'passed') as RunStatus,
            alertState: (row.last_run_alert ?? 'none') as AlertState,
          },
    nextDue: row.next_due,
    overdue: isOverdue(row.status, row.next_due, asOf),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** A plan as the audit log keeps it: what was decided, nothing derived. */
export function planSnapshot(row: PlanRow) {
  return {
    ref: row.ref,
    systemId: row.system_id,
    title: row.title,
    description: row.description,
    spec: planSpec(row),
    thresholds: planThresholds(row),
    frequency: row.frequency,
    owner: row.owner,
    controls: planControls(row),
    requirements: planRequirements(row),
    status: row.status,
  };
}

export function presentRunSummary(row: RunSummaryRow): MonitoringRunSummary {
  return {
    id: row.id,
    ref: row.ref,
    plan: row.plan_id === null ? null : { id: row.plan_id, ref: row.plan_ref ?? '', title: row.plan_title },
    systemId: row.system_id,
    system: row.system_ref === null ? null : { id: row.system_id, ref: row.system_ref, name: row.system_name ?? '' },
    metric: row.metric as MetricKind,
    status: row.status as RunStatus,
    source: row.source as RunSource,
    thresholds: JSON.parse(row.thresholds) as ThresholdOutcomeView[],
    inputs: JSON.parse(row.inputs) as InputFingerprint[],
    evidence: row.evidence_id === null ? null : { id: row.evidence_id, ref: row.evidence_ref },
    alert: {
      state: row.alert_state as AlertState,
      note: row.alert_note,
      by: row.alert_by_label,
      at: row.alert_at,
      risk: row.risk_id === null ? null : { id: row.risk_id, ref: row.risk_ref },
    },
    createdAt: row.created_at,
    createdBy: row.created_by,
    createdByLabel: row.created_by_label,
  };
}

export function presentRun(row: RunDetailRow): MonitoringRun {
  return {
    ...presentRunSummary(row),
    spec: JSON.parse(row.spec) as Record<string, unknown>,
    values: JSON.parse(row.metric_values) as Record<string, number | null>,
    result: JSON.parse(row.result) as Record<string, unknown>,
  };
}

/** A run as the audit log keeps it: how it was judged, without the (large) report. */
export function runSnapshot(row: Omit<RunSummaryRow, keyof RunJoined>) {
  return {
    ref: row.ref,
    planId: row.plan_id,
    planRef: row.plan_ref,
    systemId: row.system_id,
    metric: row.metric,
    source: row.source,
    status: row.status,
    thresholds: JSON.parse(row.thresholds) as unknown,
    inputs: JSON.parse(row.inputs) as unknown,
    evidenceId: row.evidence_id,
    alert: row.alert_state,
  };
}
