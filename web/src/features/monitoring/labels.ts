import type { Role } from '../../lib/roles.ts';
import type { AlertState, MetricKind, MonitoringFrequency, RunSource, RunStatus, Threshold } from './api.ts';
import type { DriftTestName } from './types.ts';

export const metricLabels: Record<MetricKind, string> = { fairness: 'Fairness', performance: 'Performance', drift: 'Data drift' };
export const metricColors: Record<MetricKind, string> = { fairness: 'grape', performance: 'blue', drift: 'orange' };
export const metricDescriptions: Record<MetricKind, string> = {
  fairness: 'Whether the AI system treats groups of people alike: selection rates and error rates per group, compared.',
  performance: 'How well the AI system’s predictions match what really happened: accuracy, precision, recall, errors.',
  drift: 'Whether the data the AI system sees now still looks like the data it was built and tested on.',
};

/** Annex A controls each run is evidence for besides A.6.2.6, by metric (as the server links them). */
export const metricControls: Record<MetricKind, { control: string; title: string }[]> = {
  fairness: [
    { control: 'A.5.4', title: 'Assessing AI system impact on individuals or groups of individuals' },
    { control: 'A.6.2.4', title: 'AI system verification and validation' },
  ],
  performance: [{ control: 'A.6.2.4', title: 'AI system verification and validation' }],
  drift: [{ control: 'A.7.4', title: 'Quality of data for AI systems' }],
};

/** The clause every run is evidence for, whatever else its plan adds. */
export const alwaysClause = { item: '9.1', title: 'Monitoring, measurement, analysis and evaluation' };

/** The controls every run of a metric is evidence for, whatever else its plan adds: A.6.2.6 and the metric's own. */
export function alwaysControls(metric: MetricKind): { control: string; title: string }[] {
  return [{ control: 'A.6.2.6', title: 'AI system operation and monitoring' }, ...metricControls[metric]];
}

export const frequencyLabels: Record<MonitoringFrequency, string> = {
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
};

export const runStatusLabels: Record<RunStatus, string> = { passed: 'Passed', breached: 'Breached' };
export const runStatusColors: Record<RunStatus, string> = { passed: 'teal', breached: 'red' };

export const alertStateLabels: Record<AlertState, string> = {
  none: 'No alert',
  open: 'Open',
  acknowledged: 'Acknowledged',
  'risk-raised': 'Risk raised',
};
export const alertStateColors: Record<AlertState, string> = { none: 'gray', open: 'red', acknowledged: 'gray', 'risk-raised': 'violet' };

export const sourceLabels: Record<RunSource, string> = {
  upload: 'Uploaded files',
  postgres: 'PostgreSQL query',
  counts: 'Posted confusion counts',
  cli: 'trellis evaluate (CLI)',
};

export const inputRoleLabels = { data: 'Data', reference: 'Reference', current: 'Current', counts: 'Counts' } as const;

/** Whether the role may add plans, run them and answer alerts (mirrors `records.write`). */
export function canWriteMonitoring(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager' || role === 'contributor';
}

/** Whether the role may delete a plan (mirrors `records.delete`). */
export function canDeleteMonitoring(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager';
}

// ---------- numbers ----------

/** A metric value for reading: up to 3 decimals (4 below 0.01), "—" when undefined. */
export function formatValue(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  if (abs !== 0 && abs < 0.001) return value.toExponential(2);
  return value
    .toFixed(abs < 0.01 ? digits + 1 : digits)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** A p-value: scientific below 0.0001, so tiny values do not read as 0. */
export function formatPValue(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (value === 0) return '< 1e-300';
  if (value < 0.0001) return value.toExponential(2);
  return value.toFixed(4);
}

/** A share as a percentage: "38.6 %". */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits)} %`;
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('en-US');
}

export const operatorWords: Record<Threshold['op'], string> = {
  '>=': 'at least',
  '>': 'more than',
  '<=': 'at most',
  '<': 'less than',
};

export const opSymbols: Record<Threshold['op'], string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };

/** "group:demographic_parity_ratio.between_groups ≥ 0.8" */
export function thresholdText(t: Pick<Threshold, 'key' | 'op' | 'value'>): string {
  return `${t.key} ${opSymbols[t.op]} ${t.value}`;
}

// ---------- fairness ----------

export type AggregateName =
  | 'demographic_parity_difference'
  | 'demographic_parity_ratio'
  | 'equalized_odds_difference'
  | 'equalized_odds_ratio'
  | 'equal_opportunity_difference'
  | 'equal_opportunity_ratio';

export const aggregateOrder: readonly AggregateName[] = [
  'demographic_parity_difference',
  'demographic_parity_ratio',
  'equalized_odds_difference',
  'equalized_odds_ratio',
  'equal_opportunity_difference',
  'equal_opportunity_ratio',
];

/** What each Fairlearn aggregate asks, in plain words for readers who do not build models. */
export const aggregateExplanations: Record<AggregateName, { title: string; ideal: 0 | 1; text: string }> = {
  demographic_parity_difference: {
    title: 'Demographic parity difference',
    ideal: 0,
    text: 'How far apart the groups’ selection rates are — the share of each group that gets the positive outcome. 0 means every group is selected equally often.',
  },
  demographic_parity_ratio: {
    title: 'Demographic parity ratio',
    ideal: 1,
    text: 'The lowest selection rate divided by the highest. 1 means equal rates; below 0.8 fails the four-fifths rule of thumb used in employment testing.',
  },
  equalized_odds_difference: {
    title: 'Equalized odds difference',
    ideal: 0,
    text: 'The gap in true positive rate and in false positive rate between groups: does the model find the real positives, and wrongly flag the real negatives, equally often in every group? 0 means no gap.',
  },
  equalized_odds_ratio: {
    title: 'Equalized odds ratio',
    ideal: 1,
    text: 'The same comparison of true and false positive rates, as a ratio of the lower to the higher. 1 means the groups are treated alike.',
  },
  equal_opportunity_difference: {
    title: 'Equal opportunity difference',
    ideal: 0,
    text: 'The gap in true positive rate only: of the people who truly qualify, how much more often one group is recognised than another. 0 means no gap.',
  },
  equal_opportunity_ratio: {
    title: 'Equal opportunity ratio',
    ideal: 1,
    text: 'The lowest true positive rate divided by the highest. 1 means qualified people are recognised equally often in every group.',
  },
};

export const methodExplanations = {
  between_groups: 'between groups: the best-off group against the worst-off',
  to_overall: 'to overall: each group against everyone, the largest gap',
  worst_case: 'worst case: the larger of the two gaps (or the lower ratio)',
  mean: 'mean: the average of the two gaps (or ratios)',
} as const;

export const rateLabels: Record<string, string> = {
  selection_rate: 'Selection rate',
  true_positive_rate: 'True positive rate',
  false_positive_rate: 'False positive rate',
  true_negative_rate: 'True negative rate',
  false_negative_rate: 'False negative rate',
  accuracy: 'Accuracy',
  precision: 'Precision',
};

export const rateShortLabels: Record<string, string> = {
  selection_rate: 'Selection',
  true_positive_rate: 'TPR',
  false_positive_rate: 'FPR',
  true_negative_rate: 'TNR',
  false_negative_rate: 'FNR',
  accuracy: 'Accuracy',
  precision: 'Precision',
};

/** A group's name from its sensitive values: "A", or "A · F" for an intersection. */
export function groupName(group: Record<string, string>): string {
  const values = Object.values(group);
  return values.length === 0 ? '(all)' : values.join(' · ');
}

// ---------- performance ----------

export const performanceLabels: Record<string, { title: string; text: string }> = {
  accuracy: { title: 'Accuracy', text: 'Share of all predictions that were right.' },
  precision: { title: 'Precision', text: 'Of the cases predicted positive, the share that truly were.' },
  recall: { title: 'Recall', text: 'Of the truly positive cases, the share the model found (true positive rate).' },
  f1: { title: 'F1 score', text: 'One number balancing precision and recall (their harmonic mean).' },
  roc_auc: {
    title: 'ROC AUC',
    text: 'How well the scores rank positives above negatives: 0.5 is chance, 1 is perfect. Needs a score column.',
  },
  mae: { title: 'Mean absolute error (MAE)', text: 'The average size of an error, in the unit of the label.' },
  rmse: { title: 'Root mean squared error (RMSE)', text: 'Like MAE, but large errors weigh more.' },
  r2: { title: 'R²', text: 'Share of the label’s variation the predictions explain: 1 is perfect, 0 no better than the mean.' },
};

// ---------- drift ----------

export const driftTestLabels: Record<DriftTestName, string> = {
  psi: 'Population stability index (PSI)',
  jensenshannon: 'Jensen–Shannon distance',
  ks: 'Kolmogorov–Smirnov test',
  wasserstein: 'Wasserstein distance (normed)',
  chisquare: 'Chi-square test',
  z: 'Z-test for proportions',
};

/** Tests whose score is a p-value: drift when it falls below the threshold (the others: when a distance reaches it). */
export const pValueTests: ReadonlySet<DriftTestName> = new Set(['ks', 'chisquare', 'z']);

export const driftTestOptions = (Object.keys(driftTestLabels) as DriftTestName[]).map((t) => ({ value: t, label: driftTestLabels[t] }));

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/** Today as YYYY-MM-DD in UTC, as the server computes due dates. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
