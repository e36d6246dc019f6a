import { AppError } from '../../domain/errors.ts';
import { ks2SampPValue, type KsPValueMethod } from './ks-distribution.ts';
import { chi2Sf, CompensatedSum, normalCdf, pairwiseSum, relEntr } from './special-functions.ts';

/**
 * Data drift statistics between a reference and a current distribution of one
 * column, with Evidently 0.7.21's formulas (`legacy/calculations/stattests`) and
 * scipy 1.16's numbers: PSI, Jensen–Shannon distance, two-sample K–S, normed
 * Wasserstein distance, chi-square and the z-test for proportions, plus Evidently's
 * default test per column and its data set verdict.
 *
 * Inputs are distributions (distinct value → count), never rows, so a column of ten
 * million distinct values costs a few passes over typed arrays. Every sum whose
 * order numpy fixes is taken in numpy's order (see special-functions.ts), which is
 * what lets the golden file be matched bit for bit.
 */

export type DriftColumnKind = 'num' | 'cat';

/**
 * A numeric column's empirical distribution: distinct finite values sorted
 * ascending with their counts (NaN and ±∞ already dropped by the caller). Set
 * `integer` when both data sets hold an integer column: numpy then widens Sturges
 * bins narrower than 1 to 1, as Evidently sees it through pandas' int64.
 */
export interface NumericDistribution {
  kind: 'num';
  values: Float64Array;
  counts: Float64Array;
  integer?: boolean;
}

/** A categorical column's distribution: distinct strings (any order) with their counts. */
export interface CategoricalDistribution {
  kind: 'cat';
  values: string[];
  counts: Float64Array;
}

export type Distribution = NumericDistribution | CategoricalDistribution;

export const driftTestNames = ['psi', 'jensenshannon', 'ks', 'wasserstein', 'chisquare', 'z'] as const;
export type DriftTestName = (typeof driftTestNames)[number];

/** Evidently's default threshold per test. */
export const defaultDriftThresholds: Readonly<Record<DriftTestName, number>> = {
  psi: 0.1,
  jensenshannon: 0.1,
  ks: 0.05,
  wasserstein: 0.1,
  chisquare: 0.05,
  z: 0.05,
};

export interface DriftColumnInput {
  column: string;
  reference: Distribution;
  current: Distribution;
}

export interface DriftOptions {
  /** Tests to report in `tests`, besides the default test every column gets. */
  tests?: DriftTestName[];
  /** Thresholds by test; they also apply to the default test when it is that test. */
  thresholds?: Partial<Record<DriftTestName, number>>;
}

export interface ZeroFill {
  zeros_replaced: number;
  min_nonzero: number;
  fill_value: number;
}

export interface DriftBinning {
  /** `histogram`: Sturges bins over ref ∪ cur (numeric, > 20 distinct reference values); `categories`: one bin per distinct value. */
  mode: 'histogram' | 'categories';
  n_bins: number;
  edges?: number[];
  keys?: number[] | string[];
  ref_counts: number[];
  cur_counts: number[];
  ref_percents: number[];
  cur_percents: number[];
  zero_fill_for_psi: { ref: ZeroFill; cur: ZeroFill };
}

export interface KsResult {
  statistic: number;
  p_value: number;
  mode: 'exact' | 'asymp';
  /** The formula scipy's branch logic picked for the p-value. */
  method: KsPValueMethod;
  n_eff?: number;
  statistic_location: number;
  statistic_sign: 1 | -1;
}

export interface WassersteinResult {
  value: number;
  wasserstein_distance: number;
  /** max(std(reference, ddof=0), 0.001) */
  norm: number;
  std_ref: number;
}

export interface ChiSquareResult {
  /** null stands for +∞: a value occurs in the current data only (expected count 0). */
  statistic: number | null;
  p_value: number;
  dof: number;
  k_norm: number;
}

export interface ZTestResult {
  /** null when both data sets hold one and the same value (Evidently then reports p = 1). */
  statistic: number | null;
  p_value: number;
}

export interface DriftVerdict {
  stattest: DriftTestName;
  threshold: number;
  drift_score: number;
  drift_detected: boolean;
}

export interface DriftTestResult {
  stattest: DriftTestName;
  threshold: number;
  score: number | null;
  drift_detected: boolean | null;
  /** Why the test does not apply to this column; score and verdict are then null. */
  not_applicable?: string;
}

export interface ColumnDrift {
  column: string;
  type: DriftColumnKind;
  ref_rows: number;
  cur_rows: number;
  ref_nunique: number;
  ref_cur_nunique: number;
  binning: DriftBinning;
  psi: number;
  jensenshannon: number;
  ks?: KsResult;
  wasserstein_norm?: WassersteinResult;
  /** Over the distinct values, when the column is binned by category and has at least two. */
  chisquare?: ChiSquareResult;
  /** When ref ∪ cur has at most two distinct values. */
  z?: ZTestResult;
  default_test: DriftVerdict;
  tests: DriftTestResult[];
}

export interface DatasetDrift {
  n_columns: number;
  n_drifted: number;
  share: number;
  drift_share: number;
  dataset_drift: boolean;
}

function invalid(message: string, column: string): never {
  throw new AppError('validation_failed', message, { issues: [{ path: 'columns', message: `"${column}"` }] });
}

/** Checks the distribution's invariants in one pass and returns its row count. */
function checkDistribution(column: string, side: 'reference' | 'current', d: Distribution): number {
  if (d.values.length !== d.counts.length)
    invalid(`column "${column}": the ${side} distribution has ${d.values.length} values but ${d.counts.length} counts`, column);
  let rows = 0;
  for (let i = 0; i < d.counts.length; i++) {
    const c = d.counts[i] as number;
    if (!(Number.isInteger(c) && c > 0))
      invalid(`column "${column}": the ${side} distribution has a count of ${c}; counts must be positive integers`, column);
    rows += c;
  }
  if (rows === 0) invalid(`column "${column}" has no values in the ${side} data once empty and non-finite values are left out`, column);
  if (d.kind === 'num') {
    let previous = -Infinity;
    for (let i = 0; i < d.values.length; i++) {
      const v = d.values[i] as number;
      if (!Number.isFinite(v)) invalid(`column "${column}": the ${side} distribution holds ${v}; drop NaN and ±infinity first`, column);
      if (i > 0 && !(v > previous)) invalid(`column "${column}": the ${side} values must be distinct and sorted ascending`, column);
      previous = v;
    }
  }
  return rows;
}

/** Unicode code point order, as Python sorts str (UTF-16 order differs only around surrogates). */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

interface DistinctCounts {
  keys: Float64Array | string[];
  ref: Float64Array;
  cur: Float64Array;
}

/** Size of the union of two ascending arrays of distinct numbers. */
function unionSize(a: Float64Array, b: Float64Array): number {
  let size = 0;
  for (let i = 0, j = 0; i < a.length || j < b.length; size++) {
    const x = i < a.length ? (a[i] as number) : Infinity;
    const y = j < b.length ? (b[j] as number) : Infinity;
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return size;
}

/** Distinct values of ref ∪ cur (sorted) with each side's counts, 0 where absent: Evidently's `keys`. */
function distinctCounts(column: string, ref: Distribution, cur: Distribution): DistinctCounts {
  if (ref.kind === 'num' && cur.kind === 'num') {
    const a = ref.values;
    const b = cur.values;
    const size = unionSize(a, b);
    const keys = new Float64Array(size);
    const rc = new Float64Array(size);
    const cc = new Float64Array(size);
    for (let i = 0, j = 0, k = 0; k < size; k++) {
      const x = i < a.length ? (a[i] as number) : Infinity;
      const y = j < b.length ? (b[j] as number) : Infinity;
      keys[k] = Math.min(x, y);
      if (x <= y) rc[k] = ref.counts[i++] as number;
      if (y <= x) cc[k] = cur.counts[j++] as number;
    }
    return { keys, ref: rc, cur: cc };
  }
  if (ref.kind === 'cat' && cur.kind === 'cat') {
    const tally = (side: string, d: CategoricalDistribution) => {
      const m = new Map<string, number>();
      d.values.forEach((v, i) => {
        if (m.has(v)) invalid(`column "${column}": the ${side} distribution lists "${v}" twice`, column);
        m.set(v, d.counts[i] as number);
      });
      return m;
    };
    const rm = tally('reference', ref);
    const cm = tally('current', cur);
    const keys = [...new Set([...ref.values, ...cur.values])].sort(compareCodePoints);
    return { keys, ref: Float64Array.from(keys, (k) => rm.get(k) ?? 0), cur: Float64Array.from(keys, (k) => cm.get(k) ?? 0) };
  }
  return invalid(`column "${column}" is numeric in one data set and categorical in the other`, column);
}

/**
 * numpy.histogram_bin_edges(ref ∪ cur, 'sturges'): k = ceil(ptp / (ptp / (log2 N + 1)))
 * equal bins, edges min + i·((max − min)/k) as numpy.linspace forms them, last edge = max.
 */
function sturgesEdges(ref: NumericDistribution, cur: NumericDistribution, rows: number): Float64Array {
  const first = Math.min(ref.values[0] as number, cur.values[0] as number);
  const last = Math.max(ref.values[ref.values.length - 1] as number, cur.values[cur.values.length - 1] as number);
  const ptp = last - first;
  let width = ptp / (Math.log2(rows) + 1);
  if (ref.integer === true && cur.integer === true && width < 1) width = 1;
  const k = Math.ceil(ptp / width);
  const step = ptp / k;
  const edges = new Float64Array(k + 1);
  for (let i = 0; i < k; i++) edges[i] = i * step + first;
  edges[k] = last;
  return edges;
}

/** numpy.histogram with explicit edges: bin i holds e_i ≤ x < e_(i+1), the last bin also x = max. */
function histogramCounts(d: NumericDistribution, edges: Float64Array): Float64Array {
  const k = edges.length - 1;
  const counts = new Float64Array(k);
  let b = 0;
  for (let i = 0; i < d.values.length; i++) {
    const v = d.values[i] as number;
    while (b < k - 1 && v >= (edges[b + 1] as number)) b++;
    counts[b] = (counts[b] as number) + (d.counts[i] as number);
  }
  return counts;
}

/** Evidently `get_binned_data(feel_zeroes=True)`: each 0 becomes min(non-zero)/10^6 if that is ≤ 1e-4, else 1e-4. */
function zeroFill(percents: Float64Array): { filled: Float64Array; info: ZeroFill } {
  let min = Infinity;
  let zeros = 0;
  for (const p of percents) {
    if (p === 0) zeros++;
    else if (p < min) min = p;
  }
  const fill = min <= 0.0001 ? min / 10 ** 6 : 0.0001;
  return { filled: percents.map((p) => (p === 0 ? fill : p)), info: { zeros_replaced: zeros, min_nonzero: min, fill_value: fill } };
}

/** Evidently `_psi`: Σ (ref − cur)·ln(ref/cur) over zero-filled percents, summed as np.sum. */
function psiOf(ref: Float64Array, cur: Float64Array): number {
  const terms = ref.map((r, i) => (r - (cur[i] as number)) * Math.log(r / (cur[i] as number)));
  return pairwiseSum(terms);
}

/** scipy.spatial.distance.jensenshannon(ref, cur) with the natural log. */
function jensenShannonOf(ref: Float64Array, cur: Float64Array): number {
  const rs = pairwiseSum(ref);
  const cs = pairwiseSum(cur);
  const p = ref.map((x) => x / rs);
  const q = cur.map((x) => x / cs);
  const m = p.map((x, i) => (x + (q[i] as number)) / 2);
  const left = pairwiseSum(p.map((x, i) => relEntr(x, m[i] as number)));
  const right = pairwiseSum(q.map((x, i) => relEntr(x, m[i] as number)));
  return Math.sqrt((left + right) / 2);
}

interface EcdfComparison {
  dPlus: number;
  dPlusAt: number;
  dMinus: number;
  dMinusAt: number;
  wasserstein: number;
}

/**
 * One merge pass over both sorted distributions: the K–S extremes of F_ref − F_cur as
 * scipy.stats.ks_2samp finds them (with its argmax tie rule: the smallest reference
 * value first, then the smallest current one) and scipy.stats.wasserstein_distance,
 * Σ |F_ref(v_i) − F_cur(v_i)|·(v_(i+1) − v_i) over the pooled distinct values.
 */
function compareEcdfs(ref: NumericDistribution, cur: NumericDistribution, nRef: number, nCur: number): EcdfComparison {
  const a = ref.values;
  const b = cur.values;
  let i = 0;
  let j = 0;
  let cumRef = 0;
  let cumCur = 0;
  let max = -Infinity;
  let maxAtRef = NaN;
  let maxAtCur = NaN;
  let min = Infinity;
  let minAtRef = NaN;
  let minAtCur = NaN;
  const wasserstein = new CompensatedSum();
  let previousValue = NaN;
  let previousGap = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Infinity;
    const y = j < b.length ? (b[j] as number) : Infinity;
    const v = Math.min(x, y);
    const inRef = x <= y;
    const inCur = y <= x;
    if (inRef) cumRef += ref.counts[i++] as number;
    if (inCur) cumCur += cur.counts[j++] as number;
    const diff = cumRef / nRef - cumCur / nCur;
    if (diff > max) {
      max = diff;
      maxAtRef = inRef ? v : NaN;
      maxAtCur = inCur ? v : NaN;
    } else if (diff === max) {
      if (inRef && Number.isNaN(maxAtRef)) maxAtRef = v;
      if (inCur && Number.isNaN(maxAtCur)) maxAtCur = v;
    }
    if (diff < min) {
      min = diff;
      minAtRef = inRef ? v : NaN;
      minAtCur = inCur ? v : NaN;
    } else if (diff === min) {
      if (inRef && Number.isNaN(minAtRef)) minAtRef = v;
      if (inCur && Number.isNaN(minAtCur)) minAtCur = v;
    }
    if (!Number.isNaN(previousValue)) wasserstein.add(previousGap * (v - previousValue));
    previousValue = v;
    previousGap = Math.abs(diff);
  }
  return {
    dPlus: max,
    dPlusAt: Number.isNaN(maxAtRef) ? maxAtCur : maxAtRef,
    dMinus: Math.min(Math.max(-min, 0), 1),
    dMinusAt: Number.isNaN(minAtRef) ? minAtCur : minAtRef,
    wasserstein: wasserstein.value(),
  };
}

/** numpy.std(reference) with ddof = 0, from value counts. */
function stdOf(d: NumericDistribution, n: number): number {
  const sum = new CompensatedSum();
  for (let i = 0; i < d.values.length; i++) sum.add((d.values[i] as number) * (d.counts[i] as number));
  const mean = sum.value() / n;
  const squares = new CompensatedSum();
  for (let i = 0; i < d.values.length; i++) {
    const dev = (d.values[i] as number) - mean;
    squares.add((d.counts[i] as number) * (dev * dev));
  }
  return Math.sqrt(squares.value() / n);
}

function ksOf(ecdf: EcdfComparison, nRef: number, nCur: number): KsResult {
  const minus = ecdf.dMinus > ecdf.dPlus;
  const p = ks2SampPValue(minus ? ecdf.dMinus : ecdf.dPlus, nRef, nCur);
  return {
    statistic: p.statistic,
    p_value: p.p_value,
    mode: p.mode,
    method: p.method,
    ...(p.n_eff === undefined ? {} : { n_eff: p.n_eff }),
    statistic_location: minus ? ecdf.dMinusAt : ecdf.dPlusAt,
    statistic_sign: minus ? -1 : 1,
  };
}

/**
 * Evidently `_chi_stat_test` through scipy.stats.chisquare: f_exp = ref count · (n_cur/n_ref),
 * f_obs = cur count, statistic Σ (f_obs − f_exp)²/f_exp (np.sum), p = chi2.sf(stat, k − 1).
 * Undefined (undefined returned) with fewer than two distinct values.
 */
function chiSquareOf(counts: DistinctCounts, nRef: number, nCur: number): ChiSquareResult | undefined {
  const k = counts.ref.length;
  if (k < 2) return undefined;
  const kNorm = nCur / nRef;
  const terms = counts.cur.map((obs, i) => {
    const exp = (counts.ref[i] as number) * kNorm;
    return ((obs - exp) * (obs - exp)) / exp;
  });
  const statistic = pairwiseSum(terms);
  return { statistic: Number.isFinite(statistic) ? statistic : null, p_value: chi2Sf(statistic, k - 1), dof: k - 1, k_norm: kNorm };
}

/**
 * Evidently `_z_stat_test`: the first sorted value against all others, a two-sided
 * z-test for two proportions, p = 2·(1 − Φ(|z|)).
 */
function zTestOf(
  ref: Distribution,
  cur: Distribution,
  counts: { firstRef: number; firstCur: number },
  nRef: number,
  nCur: number,
): ZTestResult {
  if (ref.values.length === 1 && cur.values.length === 1 && ref.values[0] === cur.values[0]) return { statistic: null, p_value: 1 };
  const p1 = (nRef - counts.firstRef) / nRef;
  const p2 = (nCur - counts.firstCur) / nCur;
  const pooled = (p1 * nRef + p2 * nCur) / (nRef + nCur);
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / nRef + 1.0 / nCur));
  return { statistic: z, p_value: 2 * (1 - normalCdf(Math.abs(z))) };
}

/** Counts of the smallest value of ref ∪ cur on each side (the z-test's "first key"). */
function firstKeyCounts(ref: Distribution, cur: Distribution, union: DistinctCounts | undefined): { firstRef: number; firstCur: number } {
  if (union) return { firstRef: union.ref[0] as number, firstCur: union.cur[0] as number };
  const r = ref as NumericDistribution;
  const c = cur as NumericDistribution;
  const first = Math.min(r.values[0] as number, c.values[0] as number);
  return { firstRef: r.values[0] === first ? (r.counts[0] as number) : 0, firstCur: c.values[0] === first ? (c.counts[0] as number) : 0 };
}

/**
 * Evidently's default test for a column (`registry._get_default_stattest`): with more than
 * 1000 reference rows, Wasserstein for a numeric column with more than 5 distinct values
 * (ref ∪ cur), Jensen–Shannon otherwise; with at most 1000, K–S for such a numeric column,
 * else chi-square when there are more than 2 distinct values and the z-test when at most 2.
 */
export function defaultDriftTest(
  kind: DriftColumnKind,
  refRows: number,
  nUniqueRefCur: number,
  thresholds: Partial<Record<DriftTestName, number>> = {},
): { test: DriftTestName; threshold: number } {
  let test: DriftTestName;
  if (refRows > 1000) test = kind === 'num' && nUniqueRefCur > 5 ? 'wasserstein' : 'jensenshannon';
  else if (kind === 'num' && nUniqueRefCur > 5) test = 'ks';
  else test = nUniqueRefCur > 2 ? 'chisquare' : 'z';
  return { test, threshold: thresholds[test] ?? defaultDriftThresholds[test] };
}

/** Evidently's verdict rule per test: distances drift at ≥ threshold, p-values below it (K–S at ≤). */
function isDrift(test: DriftTestName, score: number, threshold: number): boolean {
  switch (test) {
    case 'psi':
    case 'jensenshannon':
    case 'wasserstein':
      return score >= threshold;
    case 'ks':
      return score <= threshold;
    case 'chisquare':
    case 'z':
      return score < threshold;
  }
}

/**
 * Every drift statistic of one column, Evidently's default test and verdict, and one
 * entry per requested test. Throws AppError `validation_failed` naming the column when
 * either side has no values, when the two sides differ in kind, or when a distribution
 * breaks its invariants (numeric values finite, distinct and ascending; counts positive
 * integers; categories distinct).
 */
export function computeColumnDrift(input: DriftColumnInput, options: DriftOptions = {}): ColumnDrift {
  const { column, reference: ref, current: cur } = input;
  const nRef = checkDistribution(column, 'reference', ref);
  const nCur = checkDistribution(column, 'current', cur);
  const thresholds = options.thresholds ?? {};
  for (const [test, value] of Object.entries(thresholds)) {
    if (!(driftTestNames as readonly string[]).includes(test) || typeof value !== 'number' || !Number.isFinite(value))
      invalid(`column "${column}": threshold ${test} = ${String(value)} is not a finite number for a known test`, column);
  }

  const histogram = ref.kind === 'num' && cur.kind === 'num' && ref.values.length > 20;
  const union = histogram ? undefined : distinctCounts(column, ref, cur);
  let refCounts: Float64Array;
  let curCounts: Float64Array;
  let nUnique: number;
  let edges: Float64Array | undefined;
  if (union) {
    refCounts = union.ref;
    curCounts = union.cur;
    nUnique = union.keys.length;
  } else {
    const r = ref as NumericDistribution;
    const c = cur as NumericDistribution;
    edges = sturgesEdges(r, c, nRef + nCur);
    refCounts = histogramCounts(r, edges);
    curCounts = histogramCounts(c, edges);
    nUnique = unionSize(r.values, c.values);
  }
  const refPercents = refCounts.map((x) => x / nRef);
  const curPercents = curCounts.map((x) => x / nCur);
  const refFill = zeroFill(refPercents);
  const curFill = zeroFill(curPercents);
  const binning: DriftBinning = {
    mode: union ? 'categories' : 'histogram',
    n_bins: refCounts.length,
    ...(edges ? { edges: Array.from(edges) } : {}),
    ...(union ? { keys: union.keys instanceof Float64Array ? Array.from(union.keys) : union.keys } : {}),
    ref_counts: Array.from(refCounts),
    cur_counts: Array.from(curCounts),
    ref_percents: Array.from(refPercents),
    cur_percents: Array.from(curPercents),
    zero_fill_for_psi: { ref: refFill.info, cur: curFill.info },
  };

  const result: ColumnDrift = {
    column,
    type: ref.kind,
    ref_rows: nRef,
    cur_rows: nCur,
    ref_nunique: ref.values.length,
    ref_cur_nunique: nUnique,
    binning,
    psi: psiOf(refFill.filled, curFill.filled),
    jensenshannon: jensenShannonOf(refPercents, curPercents),
    default_test: { stattest: 'jensenshannon', threshold: 0, drift_score: 0, drift_detected: false },
    tests: [],
  };
  if (ref.kind === 'num' && cur.kind === 'num') {
    const ecdf = compareEcdfs(ref, cur, nRef, nCur);
    result.ks = ksOf(ecdf, nRef, nCur);
    const std = stdOf(ref, nRef);
    const norm = Math.max(std, 0.001);
    result.wasserstein_norm = { value: ecdf.wasserstein / norm, wasserstein_distance: ecdf.wasserstein, norm, std_ref: std };
  }
  const chisquare = union ? chiSquareOf(union, nRef, nCur) : undefined;
  if (chisquare) result.chisquare = chisquare;
  if (nUnique <= 2) result.z = zTestOf(ref, cur, firstKeyCounts(ref, cur, union), nRef, nCur);

  const scoreOf = (test: DriftTestName): number | string => {
    switch (test) {
      case 'psi':
        return result.psi;
      case 'jensenshannon':
        return result.jensenshannon;
      case 'ks':
        return result.ks?.p_value ?? 'the K–S test compares numeric columns only';
      case 'wasserstein':
        return result.wasserstein_norm?.value ?? 'the Wasserstein distance compares numeric columns only';
      case 'chisquare':
        return (
          (result.chisquare ?? (union ? undefined : chiSquareOf(distinctCounts(column, ref, cur), nRef, nCur)))?.p_value ??
          'chi-square needs at least two distinct values'
        );
      case 'z':
        return (result.z ?? zTestOf(ref, cur, firstKeyCounts(ref, cur, union), nRef, nCur)).p_value;
    }
  };
  const chosen = defaultDriftTest(result.type, nRef, nUnique, thresholds);
  const defaultScore = scoreOf(chosen.test) as number;
  result.default_test = {
    stattest: chosen.test,
    threshold: chosen.threshold,
    drift_score: defaultScore,
    drift_detected: isDrift(chosen.test, defaultScore, chosen.threshold),
  };
  for (const test of new Set(options.tests ?? [])) {
    if (!(driftTestNames as readonly string[]).includes(test)) invalid(`unknown drift test "${String(test)}"`, column);
    const threshold = thresholds[test] ?? defaultDriftThresholds[test];
    const score = scoreOf(test);
    result.tests.push(
      typeof score === 'string'
        ? { stattest: test, threshold, score: null, drift_detected: null, not_applicable: score }
        : { stattest: test, threshold, score, drift_detected: isDrift(test, score, threshold) },
    );
  }
  return result;
}

/**
 * Evidently's data set verdict: the share of columns whose default test detects drift,
 * drifting when the share reaches `driftShare`. No columns: share 0, no drift.
 */
export function computeDatasetDrift(columns: Pick<ColumnDrift, 'default_test'>[], driftShare = 0.5): DatasetDrift {
  const nDrifted = columns.filter((c) => c.default_test.drift_detected).length;
  const share = columns.length === 0 ? 0 : nDrifted / columns.length;
  return {
    n_columns: columns.length,
    n_drifted: nDrifted,
    share,
    drift_share: driftShare,
    dataset_drift: columns.length > 0 && share >= driftShare,
  };
}
