import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import {
  computeColumnDrift,
  computeDatasetDrift,
  defaultDriftTest,
  type CategoricalDistribution,
  type ColumnDrift,
  type NumericDistribution,
} from './drift-stats.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const golden = path.resolve(here, '../../../../shared/reference/metrics-golden');

type Row = Record<'amount' | 'rating' | 'channel', string>;
const readCsv = (name: string) => parse(fs.readFileSync(path.join(golden, name), 'utf8'), { columns: true }) as Row[];
const refRows = readCsv('drift-ref.csv');
const curRows = readCsv('drift-cur.csv');

interface GoldenZeroFill {
  zeros_replaced: number;
  min_nonzero: number;
  fill_value: number;
}
interface GoldenColumn {
  type: 'num' | 'cat';
  ref_rows: number;
  cur_rows: number;
  ref_nunique: number;
  ref_cur_nunique: number;
  binning: {
    n_bins: number;
    edges?: number[];
    keys?: (number | string)[];
    ref_counts: number[];
    cur_counts: number[];
    ref_percents: number[];
    cur_percents: number[];
    zero_fill_for_psi: { ref: GoldenZeroFill; cur: GoldenZeroFill };
  };
  psi: number;
  jensenshannon: number;
  ks?: { statistic: number; p_value: number; scipy_mode: string; statistic_location: number; statistic_sign: number; n_eff: number };
  wasserstein_norm?: { value: number; wasserstein_distance: number; std_ref_ddof0: number; norm: number };
  chisquare?: { statistic: number; p_value: number; dof: number; k_norm: number };
  evidently_default_test: { stattest: string; threshold: number; drift_score: number; drift_detected: boolean };
  'psi_verdict_default_threshold_0.1': boolean;
}
interface GoldenDrift {
  columns: Record<'amount' | 'rating' | 'channel', GoldenColumn>;
  ks_exact_mode_example: { statistic: number; p_value: number; scipy_mode: string };
  dataset_drift: { n_columns: number; n_drifted: number; share: number; drift_share: number; dataset_drift: boolean };
}
const expected = JSON.parse(fs.readFileSync(path.join(golden, 'golden-drift.json'), 'utf8')) as GoldenDrift;

/** Value → count, the shape the DuckDB layer aggregates (GROUP BY value ORDER BY value). */
function numeric(values: number[]): NumericDistribution {
  const tally = new Map<number, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  const keys = [...tally.keys()].sort((a, b) => a - b);
  return { kind: 'num', values: Float64Array.from(keys), counts: Float64Array.from(keys, (k) => tally.get(k) as number) };
}

function categorical(values: string[]): CategoricalDistribution {
  const tally = new Map<string, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  return { kind: 'cat', values: [...tally.keys()], counts: Float64Array.from(tally.values()) };
}

const column = (rows: Row[], name: keyof Row) => rows.map((r) => r[name]);
const numbers = (rows: Row[], name: keyof Row) => column(rows, name).map(Number);

function assertClose(actual: number | undefined, want: number, rtol: number, label: string) {
  assert.equal(typeof actual, 'number', label);
  const a = actual as number;
  const rel = a === want ? 0 : Math.abs(a - want) / Math.abs(want);
  assert.ok(rel <= rtol, `${label}: ${a} vs ${want} (relative difference ${rel} > ${rtol})`);
}

const driftOf = {
  amount: () =>
    computeColumnDrift({ column: 'amount', reference: numeric(numbers(refRows, 'amount')), current: numeric(numbers(curRows, 'amount')) }),
  rating: () =>
    computeColumnDrift({ column: 'rating', reference: numeric(numbers(refRows, 'rating')), current: numeric(numbers(curRows, 'rating')) }),
  channel: () =>
    computeColumnDrift(
      { column: 'channel', reference: categorical(column(refRows, 'channel')), current: categorical(column(curRows, 'channel')) },
      { tests: ['psi', 'ks', 'chisquare'] },
    ),
};
const results = { amount: driftOf.amount(), rating: driftOf.rating(), channel: driftOf.channel() };

for (const name of ['amount', 'rating', 'channel'] as const) {
  test(`golden drift, ${name}: bins, counts, percents and zero fill are exact`, () => {
    const got = results[name];
    const want = expected.columns[name];
    assert.equal(got.type, want.type);
    assert.equal(got.ref_rows, want.ref_rows);
    assert.equal(got.cur_rows, want.cur_rows);
    assert.equal(got.ref_nunique, want.ref_nunique);
    assert.equal(got.ref_cur_nunique, want.ref_cur_nunique);
    assert.equal(got.binning.n_bins, want.binning.n_bins);
    assert.equal(got.binning.mode, want.binning.edges ? 'histogram' : 'categories');
    if (want.binning.edges) assert.deepEqual(got.binning.edges, want.binning.edges);
    else assert.deepEqual(got.binning.keys, want.binning.keys);
    assert.deepEqual(got.binning.ref_counts, want.binning.ref_counts);
    assert.deepEqual(got.binning.cur_counts, want.binning.cur_counts);
    assert.deepEqual(got.binning.ref_percents, want.binning.ref_percents);
    assert.deepEqual(got.binning.cur_percents, want.binning.cur_percents);
    for (const side of ['ref', 'cur'] as const) {
      const { zeros_replaced, min_nonzero, fill_value } = want.binning.zero_fill_for_psi[side];
      assert.deepEqual(got.binning.zero_fill_for_psi[side], { zeros_replaced, min_nonzero, fill_value }, side);
    }
  });

  test(`golden drift, ${name}: PSI, Jensen–Shannon and chi-square statistic are bit-identical`, () => {
    const got = results[name];
    const want = expected.columns[name];
    // numpy's pairwise summation and scipy 1.16's rel_entr are mirrored, so these match with ===.
    assert.equal(got.psi, want.psi);
    assert.equal(got.jensenshannon, want.jensenshannon);
    if (want.chisquare) {
      assert.equal(got.chisquare?.statistic, want.chisquare.statistic);
      assert.equal(got.chisquare?.dof, want.chisquare.dof);
      assert.equal(got.chisquare?.k_norm, want.chisquare.k_norm);
      assertClose(got.chisquare?.p_value, want.chisquare.p_value, 1e-9, 'chi-square p');
      if (want.chisquare.p_value === 0) assert.equal(got.chisquare?.p_value, 0);
    } else {
      assert.equal(got.chisquare, undefined);
    }
  });

  test(`golden drift, ${name}: default test and verdict`, () => {
    const got = results[name].default_test;
    const want = expected.columns[name].evidently_default_test;
    assert.equal(got.stattest, want.stattest);
    assert.equal(got.threshold, want.threshold);
    assert.equal(got.drift_detected, want.drift_detected);
    assertClose(got.drift_score, want.drift_score, 1e-13, 'drift score');
  });
}

for (const name of ['amount', 'rating'] as const) {
  test(`golden drift, ${name}: K–S statistic exact, p-value through scipy's branch, Wasserstein`, () => {
    const got = results[name];
    const want = expected.columns[name];
    const ks = want.ks as NonNullable<GoldenColumn['ks']>;
    assert.equal(got.ks?.statistic, ks.statistic);
    assert.equal(got.ks?.mode, ks.scipy_mode);
    assert.equal(got.ks?.n_eff, ks.n_eff);
    assert.equal(got.ks?.statistic_location, ks.statistic_location);
    assert.equal(got.ks?.statistic_sign, ks.statistic_sign);
    // amount: n·D² < 2.2 → 1 − Pelz–Good CDF; rating: n·D² ≥ 2.2 → 2·smirnov(n, D).
    assert.equal(got.ks?.method, name === 'amount' ? 'pelz-good' : 'smirnov');
    assertClose(got.ks?.p_value, ks.p_value, 1e-9, 'K–S p');
    const w = want.wasserstein_norm as NonNullable<GoldenColumn['wasserstein_norm']>;
    // scipy 1.16 + numpy 2 take the final sum as a BLAS dot product: not reproducible bit for bit.
    assertClose(got.wasserstein_norm?.value, w.value, 1e-13, 'normed Wasserstein');
    assertClose(got.wasserstein_norm?.wasserstein_distance, w.wasserstein_distance, 1e-13, 'Wasserstein distance');
    assertClose(got.wasserstein_norm?.norm, w.norm, 1e-13, 'std of reference');
  });
}

test('golden drift: K–S exact mode (first 3000 reference vs first 2000 current amounts)', () => {
  const got = computeColumnDrift({
    column: 'amount',
    reference: numeric(numbers(refRows.slice(0, 3000), 'amount')),
    current: numeric(numbers(curRows.slice(0, 2000), 'amount')),
  });
  const want = expected.ks_exact_mode_example;
  assert.equal(got.ks?.mode, want.scipy_mode);
  assert.equal(got.ks?.statistic, want.statistic);
  assertClose(got.ks?.p_value, want.p_value, 1e-9, 'exact K–S p');
});

test('golden drift: data set verdict over the default tests', () => {
  assert.deepEqual(computeDatasetDrift([results.amount, results.rating, results.channel]), expected.dataset_drift);
  assert.deepEqual(computeDatasetDrift([]), { n_columns: 0, n_drifted: 0, share: 0, drift_share: 0.5, dataset_drift: false });
  assert.equal(computeDatasetDrift([results.channel], 1).dataset_drift, true);
});

test('requested tests: one entry each, inapplicable ones say why', () => {
  const channel = results.channel;
  assert.deepEqual(channel.tests, [
    {
      stattest: 'psi',
      threshold: 0.1,
      score: expected.columns.channel.psi,
      drift_detected: expected.columns.channel['psi_verdict_default_threshold_0.1'],
    },
    { stattest: 'ks', threshold: 0.05, score: null, drift_detected: null, not_applicable: 'the K–S test compares numeric columns only' },
    { stattest: 'chisquare', threshold: 0.05, score: 0, drift_detected: true },
  ]);
  assert.deepEqual(results.amount.tests, []);
  const amount = computeColumnDrift(
    { column: 'amount', reference: numeric(numbers(refRows, 'amount')), current: numeric(numbers(curRows, 'amount')) },
    { tests: ['ks', 'wasserstein'], thresholds: { ks: 0.01, wasserstein: 0.03 } },
  );
  assert.deepEqual(
    amount.tests.map((t) => [t.stattest, t.threshold, t.drift_detected]),
    [
      ['ks', 0.01, false],
      ['wasserstein', 0.03, true],
    ],
  );
  // A threshold for the default test's own name applies to it too.
  assert.equal(amount.default_test.threshold, 0.03);
  assert.equal(amount.default_test.drift_detected, true);
  // Chi-square on a histogram-binned numeric column runs over its distinct values, as Evidently's formula does.
  const chi = computeColumnDrift(
    { column: 'amount', reference: numeric(numbers(refRows, 'amount')), current: numeric(numbers(curRows, 'amount')) },
    { tests: ['chisquare'] },
  );
  assert.equal(chi.chisquare, undefined);
  assert.deepEqual(chi.tests[0], { stattest: 'chisquare', threshold: 0.05, score: 0, drift_detected: true });
});

test('identical distributions: PSI 0, Jensen–Shannon 0, K–S D 0 with p 1, no drift', () => {
  const values = Array.from({ length: 40 }, (_, i) => i * 1.5);
  const counts = values.map((_, i) => 1 + (i % 7));
  const dist: NumericDistribution = { kind: 'num', values: Float64Array.from(values), counts: Float64Array.from(counts) };
  for (const scale of [1, 1000]) {
    const scaled: NumericDistribution = { ...dist, counts: dist.counts.map((c) => c * scale) };
    const got = computeColumnDrift({ column: 'x', reference: scaled, current: scaled });
    assert.equal(got.psi, 0);
    assert.equal(got.jensenshannon, 0);
    assert.equal(got.ks?.statistic, 0);
    assert.equal(got.ks?.p_value, 1);
    assert.equal(got.ks?.mode, scale === 1 ? 'exact' : 'asymp');
    assert.equal(got.wasserstein_norm?.value, 0);
    assert.equal(got.default_test.drift_detected, false);
  }
  const cat = categorical(['a', 'b', 'b', 'c', 'c', 'c']);
  const got = computeColumnDrift({ column: 'c', reference: cat, current: cat });
  assert.equal(got.psi, 0);
  assert.equal(got.jensenshannon, 0);
  assert.equal(got.chisquare?.statistic, 0);
  assert.equal(got.chisquare?.p_value, 1);
  assert.equal(got.default_test.stattest, 'chisquare');
  assert.equal(got.default_test.drift_detected, false);
});

test('a single distinct value: z-test p = 1 when both sides hold it, no chi-square, Wasserstein normed by 0.001', () => {
  const same = numeric([5, 5, 5, 5]);
  const got = computeColumnDrift({ column: 'k', reference: same, current: same });
  assert.equal(got.ref_cur_nunique, 1);
  assert.equal(got.binning.mode, 'categories');
  assert.equal(got.chisquare, undefined);
  assert.deepEqual(got.z, { statistic: null, p_value: 1 });
  assert.deepEqual(got.default_test, { stattest: 'z', threshold: 0.05, drift_score: 1, drift_detected: false });
  assert.equal(got.ks?.p_value, 1);
  assert.deepEqual(got.wasserstein_norm, { value: 0, wasserstein_distance: 0, norm: 0.001, std_ref: 0 });

  const moved = computeColumnDrift({ column: 'k', reference: numeric(Array(50).fill(1)), current: numeric(Array(50).fill(2)) });
  assert.equal(moved.ref_cur_nunique, 2);
  assert.equal(moved.z?.statistic, -10);
  assert.ok((moved.z?.p_value as number) < 1e-20);
  assert.equal(moved.psi > 0.1, true);
  assert.equal(moved.default_test.stattest, 'z');
  assert.equal(moved.default_test.drift_detected, true);
});

test('a category only in the current data: zero fill for PSI, infinite chi-square, finite Jensen–Shannon', () => {
  const got = computeColumnDrift({
    column: 'c',
    reference: categorical([...Array(60).fill('a'), ...Array(40).fill('b')]),
    current: categorical([...Array(30).fill('a'), ...Array(20).fill('b'), ...Array(50).fill('new')]),
  });
  assert.deepEqual(got.binning.keys, ['a', 'b', 'new']);
  assert.deepEqual(got.binning.ref_counts, [60, 40, 0]);
  assert.deepEqual(got.binning.zero_fill_for_psi.ref, { zeros_replaced: 1, min_nonzero: 0.4, fill_value: 0.0001 });
  const psi = (0.6 - 0.3) * Math.log(0.6 / 0.3) + (0.4 - 0.2) * Math.log(0.4 / 0.2) + (0.0001 - 0.5) * Math.log(0.0001 / 0.5);
  assertClose(got.psi, psi, 1e-15, 'PSI');
  assert.ok(Number.isFinite(got.jensenshannon) && got.jensenshannon > 0.1);
  assert.deepEqual(got.chisquare, { statistic: null, p_value: 0, dof: 2, k_norm: 1 });
  // JSON keeps the infinite statistic as null rather than losing it silently.
  assert.equal(JSON.parse(JSON.stringify(got)).chisquare.statistic, null);
});

test('Unicode categories sort by code point, as Python sorts str', () => {
  const got = computeColumnDrift({ column: 'u', reference: categorical(['\u{1F600}', '\uFF21', 'b']), current: categorical(['b']) });
  assert.deepEqual(got.binning.keys, ['b', '\uFF21', '\u{1F600}']);
});

test('at most 1000 reference rows: K–S, chi-square or z-test by distinct values (Evidently registry)', () => {
  assert.deepEqual(defaultDriftTest('num', 1000, 6), { test: 'ks', threshold: 0.05 });
  assert.deepEqual(defaultDriftTest('num', 1000, 5), { test: 'chisquare', threshold: 0.05 });
  assert.deepEqual(defaultDriftTest('num', 1000, 2), { test: 'z', threshold: 0.05 });
  assert.deepEqual(defaultDriftTest('cat', 1000, 3), { test: 'chisquare', threshold: 0.05 });
  assert.deepEqual(defaultDriftTest('cat', 1000, 2), { test: 'z', threshold: 0.05 });
  assert.deepEqual(defaultDriftTest('num', 1001, 6), { test: 'wasserstein', threshold: 0.1 });
  assert.deepEqual(defaultDriftTest('num', 1001, 5), { test: 'jensenshannon', threshold: 0.1 });
  assert.deepEqual(defaultDriftTest('cat', 1001, 200), { test: 'jensenshannon', threshold: 0.1 });
  assert.deepEqual(defaultDriftTest('cat', 1001, 200, { jensenshannon: 0.2 }), { test: 'jensenshannon', threshold: 0.2 });

  // Expected values: scipy 1.17.1 ks_2samp / chisquare and Evidently's z-test formula on the same slices.
  const ref = refRows.slice(0, 800);
  const cur = curRows.slice(0, 600);
  const check = (got: ColumnDrift, stattest: string, score: number, drift: boolean) => {
    assert.equal(got.default_test.stattest, stattest);
    assertClose(got.default_test.drift_score, score, 1e-12, stattest);
    assert.equal(got.default_test.drift_detected, drift);
  };
  const amount = computeColumnDrift({
    column: 'amount',
    reference: numeric(numbers(ref, 'amount')),
    current: numeric(numbers(cur, 'amount')),
  });
  assert.equal(amount.ks?.statistic, 0.03625);
  assert.equal(amount.ks?.mode, 'exact');
  check(amount, 'ks', 0.7460754998791899, false);
  const rating = computeColumnDrift({
    column: 'rating',
    reference: numeric(numbers(ref, 'rating')),
    current: numeric(numbers(cur, 'rating')),
  });
  assertClose(rating.chisquare?.statistic ?? NaN, 4.906414190669069, 1e-14, 'chi-square statistic');
  check(rating, 'chisquare', 0.2970354748881313, false);
  const channel = computeColumnDrift({
    column: 'channel',
    reference: categorical(column(ref, 'channel')),
    current: categorical(column(cur, 'channel')),
  });
  check(channel, 'chisquare', 3.0386204356580882e-21, true);
  const web = (rows: Row[]) => categorical(rows.map((r) => (r.channel === 'web' ? 'web' : 'other')));
  const binary = computeColumnDrift({ column: 'web', reference: web(ref), current: web(cur) });
  assertClose(binary.z?.statistic ?? NaN, 1.37371083455505, 1e-13, 'z');
  check(binary, 'z', 0.16953147194415807, false);
});

test('integer columns: Sturges bins narrower than 1 widen to 1, as numpy does for int64', () => {
  const values = Array.from({ length: 25 }, (_, i) => i);
  const dist = (integer: boolean): NumericDistribution => ({
    kind: 'num',
    values: Float64Array.from(values),
    counts: new Float64Array(25).fill(40000),
    integer,
  });
  // 2 × 25 × 40,000 rows: log2(N) + 1 ≈ 21.9, so ptp 24 gives width 1.1 either way …
  assert.equal(computeColumnDrift({ column: 'i', reference: dist(true), current: dist(true) }).binning.n_bins, 22);
  const many = (integer: boolean): NumericDistribution => ({ ...dist(integer), counts: new Float64Array(25).fill(4_000_000) });
  // … while with 200M rows (log2 N + 1 ≈ 28.6) a float column gets 29 bins and an integer one 24.
  assert.equal(computeColumnDrift({ column: 'f', reference: many(false), current: many(false) }).binning.n_bins, 29);
  assert.equal(computeColumnDrift({ column: 'i', reference: many(true), current: many(true) }).binning.n_bins, 24);
});

test('empty or malformed input is refused with an error naming the column', () => {
  const ok = numeric([1, 2, 3]);
  const empty: NumericDistribution = { kind: 'num', values: new Float64Array(0), counts: new Float64Array(0) };
  assert.throws(
    () => computeColumnDrift({ column: 'price', reference: empty, current: ok }),
    /column "price" has no values in the reference data/,
  );
  assert.throws(
    () => computeColumnDrift({ column: 'price', reference: ok, current: empty }),
    /column "price" has no values in the current data/,
  );
  assert.throws(
    () => computeColumnDrift({ column: 'seg', reference: categorical([]), current: categorical(['a']) }),
    (e: Error & { code?: string }) => e.code === 'validation_failed' && /"seg"/.test(e.message),
  );
  const unsorted: NumericDistribution = { kind: 'num', values: Float64Array.from([2, 1]), counts: Float64Array.from([1, 1]) };
  assert.throws(() => computeColumnDrift({ column: 'p', reference: unsorted, current: ok }), /distinct and sorted ascending/);
  const nan: NumericDistribution = { kind: 'num', values: Float64Array.from([1, NaN]), counts: Float64Array.from([1, 1]) };
  assert.throws(() => computeColumnDrift({ column: 'p', reference: ok, current: nan }), /NaN/);
  assert.throws(
    () => computeColumnDrift({ column: 'p', reference: ok, current: categorical(['1']) }),
    /numeric in one data set and categorical/,
  );
  assert.throws(
    () =>
      computeColumnDrift({
        column: 'p',
        reference: { kind: 'cat', values: ['a', 'a'], counts: Float64Array.from([1, 2]) },
        current: categorical(['a']),
      }),
    /twice/,
  );
});

test('ten million distinct values stay linear', () => {
  const n = 10_000_000;
  const values = new Float64Array(n);
  const counts = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) values[i] = i * 0.25;
  const shifted = values.map((v) => v + 0.125);
  const start = performance.now();
  const got = computeColumnDrift({
    column: 'big',
    reference: { kind: 'num', values, counts },
    current: { kind: 'num', values: shifted, counts },
  });
  const elapsed = performance.now() - start;
  assert.equal(got.binning.mode, 'histogram');
  assert.equal(got.ref_cur_nunique, 2 * n);
  assert.ok(got.ks && got.ks.statistic < 1e-6 && got.ks.p_value === 1);
  assert.ok(elapsed < 20_000, `took ${elapsed} ms`);
});
