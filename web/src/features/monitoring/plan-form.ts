import type {
  EvaluationSpec,
  MetricKind,
  MonitoringFrequency,
  MonitoringPlan,
  MonitoringPlanInput,
  MonitoringPlanPatch,
  Threshold,
} from './api.ts';
import { emptySelection, toLinkTargets, type ControlTarget, type RequirementTarget } from '../evidence/targets.ts';
import type { DriftTestName } from './types.ts';
import { changedEntries } from '../../lib/changes.ts';

/** What the plan form holds while it is filled in: every metric's fields, so switching metric loses nothing. */
export interface PlanFormState {
  title: string;
  description: string;
  metric: MetricKind;
  label: string;
  prediction: string;
  sensitive: string[];
  intersect: boolean;
  positive: string;
  score: string;
  minGroupSize: number | string;
  task: 'classification' | 'regression';
  columns: string[];
  categorical: string[];
  tests: DriftTestName[];
  driftShare: number | string;
  thresholds: ThresholdRow[];
  frequency: MonitoringFrequency;
  owner: string;
  /** Controls each run is also evidence for, besides A.6.2.6 and the metric's own. */
  controls: ControlTarget[];
  /** Requirements each run is also evidence for, besides clause 9.1. */
  requirements: RequirementTarget[];
}

export interface ThresholdRow {
  /** A stable React key for the row. */
  id: number;
  key: string;
  op: Threshold['op'];
  value: number | string;
}

let nextRowId = 1;
export function newThresholdRow(partial: Partial<Omit<ThresholdRow, 'id'>> = {}): ThresholdRow {
  return { id: nextRowId++, key: '', op: '>=', value: '', ...partial };
}

export function emptyPlanForm(): PlanFormState {
  return {
    title: '',
    description: '',
    metric: 'fairness',
    label: '',
    prediction: '',
    sensitive: [],
    intersect: false,
    positive: '',
    score: '',
    minGroupSize: 30,
    task: 'classification',
    columns: [],
    categorical: [],
    tests: [],
    driftShare: 0.5,
    thresholds: [],
    frequency: 'monthly',
    owner: '',
    controls: [],
    requirements: [],
  };
}

/** The form filled in with an existing plan. */
export function formFromPlan(plan: MonitoringPlan): PlanFormState {
  const form: PlanFormState = {
    ...emptyPlanForm(),
    title: plan.title,
    description: plan.description,
    metric: plan.metric,
    thresholds: plan.thresholds.map((t) => newThresholdRow(t)),
    frequency: plan.frequency,
    owner: plan.owner,
    controls: plan.controls.map(({ framework, control }) => ({ framework, control })),
    requirements: plan.requirements.map(({ framework, item }) => ({ framework, item })),
  };
  const spec = plan.spec;
  switch (spec.metric) {
    case 'fairness':
      return {
        ...form,
        label: spec.label,
        prediction: spec.prediction,
        sensitive: spec.sensitive,
        intersect: spec.intersect,
        positive: spec.positive ?? '',
        score: spec.score ?? '',
        minGroupSize: spec.minGroupSize,
      };
    case 'performance':
      return {
        ...form,
        task: spec.task,
        label: spec.label,
        prediction: spec.prediction,
        sensitive: spec.sensitive,
        positive: spec.positive ?? '',
        score: spec.score ?? '',
      };
    case 'drift':
      return { ...form, columns: spec.columns ?? [], categorical: spec.categorical, tests: spec.tests, driftShare: spec.driftShare };
  }
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);
const numberOr = (value: number | string, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/** The spec the API takes for the chosen metric (empty optional fields left out, so the server's defaults apply). */
export function specOf(form: PlanFormState): EvaluationSpec {
  switch (form.metric) {
    case 'fairness':
      return {
        metric: 'fairness',
        label: form.label.trim(),
        prediction: form.prediction.trim(),
        sensitive: form.sensitive,
        intersect: form.intersect,
        ...(optional(form.positive) ? { positive: optional(form.positive) } : {}),
        ...(optional(form.score) ? { score: optional(form.score) } : {}),
        minGroupSize: numberOr(form.minGroupSize, 30),
      };
    case 'performance':
      return {
        metric: 'performance',
        task: form.task,
        label: form.label.trim(),
        prediction: form.prediction.trim(),
        ...(optional(form.score) ? { score: optional(form.score) } : {}),
        ...(optional(form.positive) ? { positive: optional(form.positive) } : {}),
        sensitive: form.sensitive,
      };
    case 'drift':
      return {
        metric: 'drift',
        ...(form.columns.length > 0 ? { columns: form.columns } : {}),
        categorical: form.categorical,
        tests: form.tests,
        driftShare: numberOr(form.driftShare, 0.5),
      };
  }
}

/** The request body. A threshold value left empty is sent as it is, so the server names the field. */
export function planInputOf(form: PlanFormState, systemId: string): MonitoringPlanInput {
  return {
    systemId,
    title: form.title.trim(),
    description: form.description.trim(),
    spec: specOf(form),
    thresholds: form.thresholds.map((t) => ({
      key: t.key.trim(),
      op: t.op,
      value: (typeof t.value === 'number' ? t.value : Number.NaN) as number,
    })),
    frequency: form.frequency,
    owner: form.owner.trim(),
    ...linkTargetsOf(form),
  };
}

/** The extra controls and requirements as the API takes them. */
function linkTargetsOf(form: PlanFormState): Pick<MonitoringPlanInput, 'controls' | 'requirements'> {
  const { controls, requirements } = toLinkTargets({ ...emptySelection, controls: form.controls, requirements: form.requirements });
  return { controls, requirements };
}

const fairnessAggregates = [
  'demographic_parity_difference',
  'demographic_parity_ratio',
  'equal_opportunity_difference',
  'equal_opportunity_ratio',
] as const;
const oddsAggregates = ['equalized_odds_difference', 'equalized_odds_ratio'] as const;
const methods = ['between_groups', 'to_overall'] as const;

/**
 * The metric keys a run of this spec will have, for the threshold key field's suggestions (the
 * server's `metricValues` names them the same way).
 */
export function keySuggestions(form: PlanFormState): string[] {
  const classification = ['accuracy', 'precision', 'recall', 'f1', 'roc_auc'].map((m) => `performance:${m}`);
  switch (form.metric) {
    case 'fairness': {
      const features = [...form.sensitive, ...(form.intersect && form.sensitive.length > 1 ? [form.sensitive.join(' x ')] : [])];
      return [
        ...features.flatMap((f) => [
          `${f}:four_fifths.min_ratio`,
          ...fairnessAggregates.flatMap((a) => methods.map((m) => `${f}:${a}.${m}`)),
          ...oddsAggregates.flatMap((a) => ['worst_case', 'mean'].flatMap((agg) => methods.map((m) => `${f}:${a}.${agg}.${m}`))),
        ]),
        ...classification,
      ];
    }
    case 'performance':
      return form.task === 'regression' ? ['mae', 'rmse', 'r2'].map((m) => `performance:${m}`) : classification;
    case 'drift':
      return [
        'drift:share',
        'drift:drifted_columns',
        ...form.columns.flatMap((c) =>
          ['drifted', 'score', 'psi', 'jensenshannon', 'ks_p_value', 'wasserstein', 'chisquare_p_value'].map((s) => `drift:${c}:${s}`),
        ),
      ];
  }
}

/** A sensible first threshold for the metric, offered as a one-click start. */
export function starterThreshold(form: PlanFormState): Omit<ThresholdRow, 'id'> | null {
  switch (form.metric) {
    case 'fairness': {
      const first = form.sensitive[0];
      return first ? { key: `${first}:demographic_parity_ratio.between_groups`, op: '>=', value: 0.8 } : null;
    }
    case 'performance':
      return form.task === 'regression' ? { key: 'performance:r2', op: '>=', value: 0.7 } : { key: 'performance:f1', op: '>=', value: 0.7 };
    case 'drift':
      return { key: 'drift:share', op: '<', value: 0.5 };
  }
}

/**
 * A change to an existing plan: only the fields the form changed (the AI system is fixed), with the
 * version read. Both sides go through the same conversion, so a field left alone is never sent.
 */
export function planPatchOf(form: PlanFormState, plan: MonitoringPlan): MonitoringPlanPatch {
  const { systemId: _after, ...after } = planInputOf(form, '');
  const { systemId: _before, ...before } = planInputOf(formFromPlan(plan), '');
  return { ...changedEntries(before, after), version: plan.version };
}
