import type { EvidenceLinkTargets } from '../../domain/schemas/evidence.schemas.ts';
import type { EvaluationSpecParsed, InputFingerprint, MetricKind } from '../../domain/schemas/metrics.schemas.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { RecordEvidenceInput } from '../evidence/evidence.service.ts';
import type { EvaluationResult } from '../metrics/evaluation.ts';
import type { Assessment } from './monitoring-engine.ts';
import { planControls, planRequirements, type ControlLink } from './monitoring-present.ts';
import type { PlanRow } from './monitoring.repository.ts';

/*
 * A run kept as evidence (7.5, 9.1: "retain documented information as evidence of the results"):
 * what it is linked to and what the evidence item holds.
 */

const ISO = 'iso42001-2023';

/** Annex A controls a run of each metric is evidence for, besides A.6.2.6 (operation and monitoring). */
const METRIC_CONTROLS: Record<MetricKind, string[]> = {
  // A.5.4 impacts on individuals and groups; A.6.2.4 verification and validation
  fairness: ['A.5.4', 'A.6.2.4'],
  performance: ['A.6.2.4'],
  // A.7.4 quality of data
  drift: ['A.7.4'],
};

/**
 * The controls a run supports: A.6.2.6 always, those its metric implies, and the plan's own that
 * the organization's catalog still has (an own control removed since must not stop monitoring).
 */
export function runControls(metric: MetricKind, plan: PlanRow | null, catalog: Catalog): ControlLink[] {
  const seen = new Set<string>();
  const out: ControlLink[] = [];
  for (const c of [
    ...['A.6.2.6', ...METRIC_CONTROLS[metric]].map((control): ControlLink => ({ framework: ISO, control })),
    ...(plan ? planControls(plan) : []),
  ]) {
    const key = `${c.framework}:${c.control}`;
    if (!seen.has(key) && catalog.frameworks.get(c.framework)?.items.get(c.control)?.kind === 'control') out.push(c);
    seen.add(key);
  }
  return out;
}

function runLinks(metric: MetricKind, plan: PlanRow | null, systemId: string, objectives: string[], catalog: Catalog): EvidenceLinkTargets {
  const requirements = (plan ? planRequirements(plan) : []).filter((r) => catalog.frameworks.get(r.framework)?.items.has(r.item));
  return {
    controls: runControls(metric, plan, catalog),
    requirements: [{ framework: ISO, item: '9.1' }, ...requirements],
    systems: [systemId],
    objectives,
  };
}

const METRIC_TITLES: Record<MetricKind, string> = { fairness: 'Fairness', performance: 'Performance', drift: 'Data drift' };

/** A metric value for people to read: six significant digits, without float noise (0.6000000000000001 → 0.6). The record keeps it exact. */
export function readableValue(n: number): string {
  return String(Number(n.toPrecision(6)));
}

/** One line per failed threshold: the key, what was required and what was measured. */
export function failureLines(assessment: Pick<Assessment, 'outcomes'>): string[] {
  return assessment.outcomes
    .filter((o) => !o.passed)
    .map(
      (o) => `${o.key} ${o.op} ${o.value} failed: ${o.actual === null ? (o.reason ?? 'no value') : `measured ${readableValue(o.actual)}`}`,
    );
}

export interface RunForEvidence {
  id: string;
  ref: string;
  plan: PlanRow | null;
  system: { id: string; ref: string; name: string };
  spec: EvaluationSpecParsed;
  source: string;
  createdAt: string;
  result: EvaluationResult;
  inputs: InputFingerprint[];
  assessment: Assessment;
  /** the AI objectives the plan measures (6.2): the run is evidence for each */
  objectives: string[];
}

/** The evidence item of a run: its title, the judged thresholds, links, and the whole run as its record. */
export function runEvidence(run: RunForEvidence, catalog: Catalog): RecordEvidenceInput {
  const status = run.assessment.breached ? 'breached' : 'passed';
  const subject = run.plan ? `${run.plan.ref} ${run.plan.title}` : `${run.system.ref} ${run.system.name} (ad hoc)`;
  const judged = run.assessment.outcomes.map(
    (o) =>
      `- ${o.key} ${o.op} ${o.value}: ${o.passed ? 'passed' : 'FAILED'} (${o.actual === null ? (o.reason ?? 'no value') : readableValue(o.actual)})`,
  );
  const inputs = run.inputs.map((i) => `- ${i.role}: ${i.name}, ${i.rows} rows${i.sha256 ? `, SHA-256 ${i.sha256}` : ''}`);
  return {
    title: `${run.ref} ${METRIC_TITLES[run.spec.metric]} monitoring: ${subject} — ${status}`.slice(0, 300),
    description: [
      `Monitoring run ${run.ref} of ${run.system.ref} ${run.system.name}, ${run.createdAt.slice(0, 10)} (source: ${run.source}).`,
      judged.length ? `Thresholds:\n${judged.join('\n')}` : 'No thresholds were set.',
      inputs.length ? `Inputs:\n${inputs.join('\n')}` : '',
    ]
      .filter(Boolean)
      .join('\n\n')
      .slice(0, 8000),
    owner: (run.plan?.owner ?? '').slice(0, 200),
    recordType: 'metric-run',
    recordId: run.id,
    data: {
      run: { id: run.id, ref: run.ref, source: run.source, status, createdAt: run.createdAt },
      plan: run.plan ? { id: run.plan.id, ref: run.plan.ref, title: run.plan.title } : null,
      system: run.system,
      spec: run.spec,
      thresholds: run.assessment.outcomes,
      values: run.assessment.values,
      inputs: run.inputs,
      result: run.result,
    },
    links: runLinks(run.spec.metric, run.plan, run.system.id, run.objectives, catalog),
    comment: `recorded by monitoring run ${run.ref}`,
  };
}
