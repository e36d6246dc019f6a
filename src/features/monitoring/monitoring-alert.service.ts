import { inTransaction, type Db } from '../../db/database.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import type { MetricKind } from '../../domain/schemas/metrics.schemas.ts';
import {
  AcknowledgeInputSchema,
  type AlertListQuery,
  type MonitoringRunSummary,
  type RaisedMonitoringRisk,
  type ThresholdOutcomeView,
} from '../../domain/schemas/monitoring.schemas.ts';
import { RiskTreatmentInputSchema, type RiskInput } from '../../domain/schemas/risk.schemas.ts';
import { nowIso } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { catalogForOrg } from '../catalog/catalog.service.ts';
import { insertEvidenceLinks } from '../evidence/evidence-change.service.ts';
import { lockOrganizationWrites } from '../inventory/ai-system.service.ts';
import { applyTreatment, getRisk, insertRisk } from '../risk/risk.service.ts';
import { failureLines, runControls } from './monitoring-evidence.ts';
import { presentRunSummary, RUN_ENTITY } from './monitoring-present.ts';
import { requireRun } from './monitoring-run-query.service.ts';
import { findPlan, listRuns, resolveSystemId, updateAlert, type PlanRow, type RunDetailRow } from './monitoring.repository.ts';

/*
 * Alerts: a breached run is an open alert until someone acknowledges it or raises it as a risk
 * (9.1 evaluation feeding 6.1.2 risk assessment and 10.2 action).
 */

/** The most alerts one list returns. */
export const ALERT_LIMIT = 500;

/** Breached runs in one alert state (open by default), newest first. */
export async function listAlerts(db: Db, principal: OrgPrincipal, query: AlertListQuery): Promise<MonitoringRunSummary[]> {
  requirePermission(principal, 'records.read');
  const systemId = query.systemId === undefined ? undefined : ((await resolveSystemId(db.kysely, principal.orgId, query.systemId)) ?? '');
  const rows = await listRuns(db.kysely, principal.orgId, { alertState: query.state, systemId, limit: ALERT_LIMIT });
  return rows.map(presentRunSummary);
}

function assertBreached(run: RunDetailRow): void {
  if (run.status !== 'breached') throw new AppError('rule_violated', `${run.ref} passed every threshold: it raised no alert`);
}

/**
 * Closes an open alert with a note (what was checked, why no risk is raised). The alert can
 * still be raised as a risk later.
 * @throws AppError `conflict` (already acknowledged or raised), `rule_violated` (a passed run), `not_found`, `forbidden`.
 */
export async function acknowledgeAlert(
  db: Db,
  principal: OrgPrincipal,
  idOrRef: string,
  input: { note: string },
): Promise<MonitoringRunSummary> {
  requirePermission(principal, 'records.write');
  const { note } = parseFields(AcknowledgeInputSchema, input);
  return inTransaction(db, async (trx) => {
    const run = await requireRun(trx, principal, idOrRef);
    assertBreached(run);
    const at = nowIso();
    const moved = await updateAlert(trx, principal.orgId, run.id, ['open'], {
      alert_state: 'acknowledged',
      alert_note: note,
      alert_by: principal.userId,
      alert_by_label: principal.actor.label ?? '',
      alert_at: at,
    });
    if (!moved) throw new AppError('conflict', `the alert of ${run.ref} is already ${run.alert_state}`);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'monitoring-run.acknowledged',
      entityType: RUN_ENTITY,
      entityId: run.id,
      before: { ref: run.ref, alert: run.alert_state },
      after: { ref: run.ref, alert: 'acknowledged', note },
    });
    return presentRunSummary(await requireRun(trx, principal, run.id));
  });
}

const METRIC_WORDS: Record<MetricKind, string> = { fairness: 'fairness', performance: 'performance', drift: 'data drift' };

function riskInputFor(run: RunDetailRow, plan: PlanRow | null): RiskInput {
  const outcomes = JSON.parse(run.thresholds) as ThresholdOutcomeView[];
  const failed = failureLines({ outcomes });
  const subject = plan?.title ?? run.plan_title ?? `${METRIC_WORDS[run.metric as MetricKind]} of ${run.system_ref ?? 'an AI system'}`;
  const origin = run.plan_ref ? `plan ${run.plan_ref}${run.plan_title ? ` (${run.plan_title})` : ''}` : 'an ad hoc run';
  const system = run.system_ref ? `${run.system_ref} ${run.system_name ?? ''}`.trim() : 'a deleted AI system';
  return {
    title: `Monitoring breach: ${subject} (${run.ref})`.slice(0, 300),
    description: [
      `Monitoring run ${run.ref} of ${system}, ${origin}, on ${run.created_at.slice(0, 10)} breached ${failed.length === 1 ? 'a threshold' : `${failed.length} thresholds`}:`,
      failed.map((line) => `- ${line}`).join('\n'),
      run.evidence_ref ? `The run is kept as evidence ${run.evidence_ref}.` : '',
    ]
      .filter(Boolean)
      .join('\n\n')
      .slice(0, 8000),
    systemIds: run.system_ref === null ? [] : [run.system_id],
    owner: (plan?.owner ?? '').slice(0, 200),
  };
}

/**
 * Raises a risk in the register from a breached run (origin "monitoring", the run's id): its title
 * and description name the failed thresholds and the values measured, it concerns the run's AI
 * system, its treatment names the controls the run is evidence for, the run's evidence is linked
 * to it and the alert keeps its id — all in one transaction, so nothing is left half done.
 * @throws AppError `conflict` (a risk was already raised and still exists), `rule_violated` (a passed run), `not_found`, `forbidden`.
 */
export async function raiseRiskFromRun(db: Db, principal: OrgPrincipal, builtIn: Catalog, idOrRef: string): Promise<RaisedMonitoringRisk> {
  requirePermission(principal, 'records.write');
  const catalog = await catalogForOrg(db, builtIn, principal);
  const { run, risk } = await inTransaction(db, async (trx) => {
    await lockOrganizationWrites(trx, db, principal.orgId);
    const run = await requireRun(trx, principal, idOrRef);
    assertBreached(run);
    if (run.alert_state === 'risk-raised' && run.risk_ref !== null) {
      throw new AppError('conflict', `a risk was already raised from ${run.ref}: ${run.risk_ref}`);
    }
    const plan = run.plan_id === null ? null : ((await findPlan(trx, principal.orgId, run.plan_id)) ?? null);
    const risk = await insertRisk(trx, db, principal, riskInputFor(run, plan), { type: 'monitoring', id: run.id });
    // A risk raised before and deleted since may be raised again.
    const moved = await updateAlert(trx, principal.orgId, run.id, ['open', 'acknowledged', 'risk-raised'], {
      alert_state: 'risk-raised',
      risk_id: risk.id,
      alert_by: principal.userId,
      alert_by_label: principal.actor.label ?? '',
      alert_at: nowIso(),
    });
    if (!moved) throw new AppError('conflict', `the alert of ${run.ref} changed meanwhile; reload and try again`);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'monitoring-run.risk-raised',
      entityType: RUN_ENTITY,
      entityId: run.id,
      before: { ref: run.ref, alert: run.alert_state, riskId: run.risk_id },
      after: { ref: run.ref, alert: 'risk-raised', riskId: risk.id, riskRef: risk.ref },
    });
    let controls: { framework: string; control: string }[] = runControls(run.metric as MetricKind, plan, catalog);
    if (run.evidence_id !== null && run.evidence_ref !== null) {
      const evidence = await insertEvidenceLinks(trx, db, principal, catalog, run.evidence_id, { risks: [risk.id] });
      controls = evidence.links.filter((l) => l.type === 'control').map((l) => ({ framework: l.framework, control: l.target }));
    }
    const note = `Monitored by ${run.plan_ref ?? 'an ad hoc run'}; breached in ${run.ref}`;
    const treatment = parseFields(RiskTreatmentInputSchema, {
      option: null,
      controls: controls.map((c) => ({ ...c, note })),
      version: risk.version,
    });
    await applyTreatment(trx, db, principal, risk.id, treatment);
    return { run, risk };
  });
  return {
    run: presentRunSummary(await requireRun(db.kysely, principal, run.id)),
    risk: await getRisk(db, principal, builtIn, risk.id),
  };
}
