/**
 * Group fairness for binary classification, from confusion counts per cell.
 *
 * Names, definitions and edge cases follow Fairlearn's `MetricFrame` and its
 * fairness metrics (see shared/reference/metrics-golden/README.md): 0/0 is 0 as
 * scikit-learn does, rows missing a sensitive value belong to no group but to
 * `overall`, empty intersection cells have undefined (null) metrics that every
 * aggregate skips. The input is already aggregated, so the same code serves a
 * file scanned by DuckDB, a query aggregated inside PostgreSQL and counts a team
 * posts from its own pipeline.
 */

/** Confusion counts of the rows sharing one combination of sensitive values. */
export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** One cell: a value (or null when missing) per sensitive column, and its counts. */
export interface FairnessCell extends ConfusionCounts {
  key: (string | null)[];
}

export interface GroupRates {
  count: number;
  selection_rate: number;
  true_positive_rate: number;
  false_positive_rate: number;
  true_negative_rate: number;
  false_negative_rate: number;
  accuracy: number;
  precision: number;
}

export const rateNames = [
  'selection_rate',
  'true_positive_rate',
  'false_positive_rate',
  'true_negative_rate',
  'false_negative_rate',
  'accuracy',
  'precision',
] as const;
export type RateName = (typeof rateNames)[number];

/** Rates whose denominator was zero (reported as 0, as scikit-learn does, and flagged here). */
export interface GroupEntry extends Partial<GroupRates> {
  group: Record<string, string>;
  count: number;
  confusion: ConfusionCounts;
  /** Every metric is null for an empty intersection cell (Fairlearn lists it as NaN). */
  empty: boolean;
  undefined_rates: RateName[];
  /** Four-fifths rule: selection rate over the highest group's; passes at ≥ 0.8. */
  four_fifths: { ratio: number | null; passes: boolean | null };
  small_group: boolean;
}

export interface PairAggregate {
  between_groups: number | null;
  to_overall: number | null;
}

export interface FairnessAggregates {
  demographic_parity_difference: PairAggregate;
  demographic_parity_ratio: PairAggregate;
  equalized_odds_difference: { worst_case: PairAggregate; mean: PairAggregate };
  equalized_odds_ratio: { worst_case: PairAggregate; mean: PairAggregate };
  equal_opportunity_difference: PairAggregate;
  equal_opportunity_ratio: PairAggregate;
}

export interface FeatureReport {
  columns: string[];
  rows_excluded_missing_sensitive: number;
  n_groups: number;
  by_group: GroupEntry[];
  aggregates: FairnessAggregates;
  warnings: string[];
}

export interface OverallEntry extends GroupRates {
  confusion: ConfusionCounts;
  undefined_rates: RateName[];
}

export interface FairnessReport {
  overall: OverallEntry;
  features: Record<string, FeatureReport>;
  warnings: string[];
}

export interface FairnessOptions {
  /** Sensitive column names, in the order of each cell's key. */
  sensitive: string[];
  /** Also report the intersection of all sensitive columns (when there are two or more). */
  intersect?: boolean;
  /** Groups with fewer rows than this are flagged (default 30). */
  minGroupSize?: number;
}

/** a / b with scikit-learn's zero_division: 0/0 (or x/0) gives 0. */
function rate(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function ratesOf(c: ConfusionCounts): { rates: GroupRates; undefinedRates: RateName[] } {
  const n = c.tp + c.fp + c.tn + c.fn;
  const positives = c.tp + c.fn;
  const negatives = c.fp + c.tn;
  const predicted = c.tp + c.fp;
  const undefinedRates: RateName[] = [];
  if (n === 0) undefinedRates.push('selection_rate', 'accuracy');
  if (positives === 0) undefinedRates.push('true_positive_rate', 'false_negative_rate');
  if (negatives === 0) undefinedRates.push('false_positive_rate', 'true_negative_rate');
  if (predicted === 0) undefinedRates.push('precision');
  return {
    rates: {
      count: n,
      selection_rate: rate(predicted, n),
      true_positive_rate: rate(c.tp, positives),
      false_positive_rate: rate(c.fp, negatives),
      true_negative_rate: rate(c.tn, negatives),
      false_negative_rate: rate(c.fn, positives),
      accuracy: rate(c.tp + c.tn, n),
      precision: rate(c.tp, predicted),
    },
    undefinedRates,
  };
}

function addInto(target: ConfusionCounts, c: ConfusionCounts) {
  target.tp += c.tp;
  target.fp += c.fp;
  target.tn += c.tn;
  target.fn += c.fn;
}

const zero = (): ConfusionCounts => ({ tp: 0, fp: 0, tn: 0, fn: 0 });

/** pandas max/min with skipna: NaN (null) values are ignored; all-NaN gives null. */
function maxOf(values: (number | null)[]): number | null {
  let best: number | null = null;
  for (const v of values) if (v !== null && !Number.isNaN(v) && (best === null || v > best)) best = v;
  return best;
}
function minOf(values: (number | null)[]): number | null {
  let best: number | null = null;
  for (const v of values) if (v !== null && !Number.isNaN(v) && (best === null || v < best)) best = v;
  return best;
}

/** MetricFrame.difference / ratio for one metric, both methods. */
function differenceAndRatio(groupValues: (number | null)[], overall: number): { difference: PairAggregate; ratio: PairAggregate } {
  const max = maxOf(groupValues);
  const min = minOf(groupValues);
  const betweenDifference = max === null || min === null ? null : max - min;
  const betweenRatio = max === null || min === null ? null : nanToNull(min / max);
  const toOverallDifference = maxOf(groupValues.map((g) => (g === null ? null : Math.abs(g - overall))));
  // Fairlearn: r = g / o, replaced by 1 / r when r > 1 (computed as 1/(g/o), not o/g).
  const toOverallRatio = minOf(
    groupValues.map((g) => {
      if (g === null) return null;
      const r = g / overall;
      if (Number.isNaN(r)) return null;
      return r > 1 ? 1 / r : r;
    }),
  );
  return {
    difference: { between_groups: betweenDifference, to_overall: toOverallDifference },
    ratio: { between_groups: betweenRatio, to_overall: toOverallRatio },
  };
}

function nanToNull(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/** Python's built-in max over [a, b]: keeps the first unless a later one is greater (NaN never is). */
function pyMax(a: number | null, b: number | null): number | null {
  if (a === null) return b === null ? null : Number.isNaN(b) ? null : b;
  if (b === null) return a;
  return b > a ? b : a;
}
function pyMin(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return b < a ? b : a;
}
/** pandas Series.mean with skipna. */
function meanOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return (a + b) / 2;
}

function aggregatesOf(groups: GroupEntry[], overall: OverallEntry): FairnessAggregates {
  const values = (name: RateName) => groups.map((g) => (g.empty ? null : (g[name] ?? null)));
  const sr = differenceAndRatio(values('selection_rate'), overall.selection_rate);
  const tpr = differenceAndRatio(values('true_positive_rate'), overall.true_positive_rate);
  const fpr = differenceAndRatio(values('false_positive_rate'), overall.false_positive_rate);
  const both = (f: (a: number | null, b: number | null) => number | null, key: 'difference' | 'ratio'): PairAggregate => ({
    between_groups: f(tpr[key].between_groups, fpr[key].between_groups),
    to_overall: f(tpr[key].to_overall, fpr[key].to_overall),
  });
  return {
    demographic_parity_difference: sr.difference,
    demographic_parity_ratio: sr.ratio,
    equalized_odds_difference: { worst_case: both(pyMax, 'difference'), mean: both(meanOf, 'difference') },
    equalized_odds_ratio: { worst_case: both(pyMin, 'ratio'), mean: both(meanOf, 'ratio') },
    equal_opportunity_difference: tpr.difference,
    equal_opportunity_ratio: tpr.ratio,
  };
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The groups of one feature (one sensitive column, or the intersection of several):
 * cells whose value is missing in any of `indexes` belong to no group.
 * For an intersection, every combination of observed values is listed, so an empty
 * cell appears with null metrics, as Fairlearn lists it.
 */
function featureReport(
  cells: FairnessCell[],
  columns: string[],
  indexes: number[],
  overall: OverallEntry,
  minGroupSize: number,
): FeatureReport {
  const byKey = new Map<string, { values: string[]; counts: ConfusionCounts }>();
  let excluded = 0;
  for (const cell of cells) {
    const values = indexes.map((i) => cell.key[i] ?? null);
    const n = cell.tp + cell.fp + cell.tn + cell.fn;
    if (values.some((v) => v === null)) {
      excluded += n;
      continue;
    }
    const key = JSON.stringify(values);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { values: values as string[], counts: zero() };
      byKey.set(key, entry);
    }
    addInto(entry.counts, cell);
  }
  if (indexes.length > 1) {
    const seen = indexes.map((_, j) => [...new Set([...byKey.values()].map((e) => e.values[j] as string))]);
    const product = seen.reduce<string[][]>((acc, vals) => acc.flatMap((prefix) => vals.map((v) => [...prefix, v])), [[]]);
    for (const values of product) {
      const key = JSON.stringify(values);
      if (!byKey.has(key)) byKey.set(key, { values, counts: zero() });
    }
  }
  const entries = [...byKey.values()].sort((a, b) => compareKeys(a.values, b.values));
  const groups: GroupEntry[] = entries.map(({ values, counts }) => {
    const group = Object.fromEntries(indexes.map((i, j) => [columns[j] ?? String(i), values[j] as string]));
    const n = counts.tp + counts.fp + counts.tn + counts.fn;
    if (n === 0) {
      return {
        group,
        count: 0,
        confusion: counts,
        empty: true,
        undefined_rates: [...rateNames],
        four_fifths: { ratio: null, passes: null },
        small_group: true,
      };
    }
    const { rates, undefinedRates } = ratesOf(counts);
    return {
      group,
      ...rates,
      confusion: counts,
      empty: false,
      undefined_rates: undefinedRates,
      four_fifths: { ratio: null, passes: null },
      small_group: n < minGroupSize,
    };
  });
  const highest = maxOf(groups.map((g) => (g.empty ? null : (g.selection_rate ?? null))));
  for (const g of groups) {
    if (g.empty || highest === null || highest === 0) continue;
    const ratio = (g.selection_rate ?? 0) / highest;
    g.four_fifths = { ratio, passes: ratio >= 0.8 };
  }
  const warnings: string[] = [];
  const label = columns.join(' x ');
  const small = groups.filter((g) => !g.empty && g.small_group);
  if (small.length > 0)
    warnings.push(
      `${label}: ${small.length} group(s) have fewer than ${minGroupSize} rows (${small.map((g) => `${Object.values(g.group).join('|')}: ${g.count}`).join(', ')}); their rates are unstable and may set the aggregates.`,
    );
  const empty = groups.filter((g) => g.empty);
  if (empty.length > 0)
    warnings.push(
      `${label}: ${empty.length} combination(s) have no rows (${empty.map((g) => Object.values(g.group).join('|')).join(', ')}); aggregates skip them.`,
    );
  const noPositives = groups.filter((g) => !g.empty && g.undefined_rates.includes('true_positive_rate'));
  if (noPositives.length > 0)
    warnings.push(
      `${label}: ${noPositives.map((g) => Object.values(g.group).join('|')).join(', ')} ha${noPositives.length === 1 ? 's' : 've'} no actual positives, so the true positive rate is undefined and reported as 0 (as Fairlearn does); equal opportunity and equalized odds are driven by it.`,
    );
  if (excluded > 0) warnings.push(`${label}: ${excluded} row(s) miss a sensitive value; they belong to no group but count in "overall".`);
  if (groups.filter((g) => !g.empty).length === 1) warnings.push(`${label}: only one group, so every difference is 0 and every ratio 1.`);
  return {
    columns,
    rows_excluded_missing_sensitive: excluded,
    n_groups: groups.length,
    by_group: groups,
    aggregates: aggregatesOf(groups, overall),
    warnings,
  };
}

/** The overall entry (all rows, including those missing a sensitive value). */
export function overallOf(cells: { tp: number; fp: number; tn: number; fn: number }[]): OverallEntry {
  const total = zero();
  for (const cell of cells) addInto(total, cell);
  const { rates, undefinedRates } = ratesOf(total);
  return { ...rates, confusion: total, undefined_rates: undefinedRates };
}

/**
 * The full fairness report: per sensitive column and (with `intersect`) for their
 * intersection, every group's rates and the Fairlearn aggregates.
 */
export function computeFairness(cells: FairnessCell[], options: FairnessOptions): FairnessReport {
  const minGroupSize = options.minGroupSize ?? 30;
  const overall = overallOf(cells);
  const features: Record<string, FeatureReport> = {};
  options.sensitive.forEach((column, i) => {
    features[column] = featureReport(cells, [column], [i], overall, minGroupSize);
  });
  if (options.intersect && options.sensitive.length > 1) {
    features[options.sensitive.join(' x ')] = featureReport(
      cells,
      options.sensitive,
      options.sensitive.map((_, i) => i),
      overall,
      minGroupSize,
    );
  }
  const warnings = Object.values(features).flatMap((f) => f.warnings);
  if (overall.count === 0) warnings.unshift('The input has no rows.');
  return { overall, features, warnings };
}
