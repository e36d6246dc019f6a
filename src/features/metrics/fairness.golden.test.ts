import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { evaluateFairness, evaluatePerformance, type FairnessResult } from './evaluate.ts';
import { computeFairness, rateNames } from './fairness.ts';
import { confusionCells } from './labels.ts';
import { openFileSource } from './tabular-source.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = path.resolve(here, '../../../../shared');
const golden = path.join(shared, 'reference/metrics-golden');
const readJson = (name: string) => JSON.parse(fs.readFileSync(path.join(golden, name), 'utf8')) as GoldenFile;

interface GoldenGroup extends Record<string, unknown> {
  group?: Record<string, string>;
  count: number;
  confusion?: { tp: number; fp: number; tn: number; fn: number };
  tp?: number;
}
interface GoldenFeature {
  columns: string[];
  overall: GoldenGroup;
  by_group: GoldenGroup[];
  aggregates: Record<string, unknown>;
  rows_excluded_missing_sensitive: number | Record<string, number>;
}
interface GoldenFile {
  features: Record<string, GoldenFeature>;
  edge_cases?: {
    case: string;
    inputs: { y_true: unknown[]; y_pred: unknown[]; sensitive: unknown[] | Record<string, unknown[]> };
    result?: unknown;
    error?: string;
  }[];
}

/** Every rate and aggregate must be the identical double (the README's tolerance: exact). */
function assertFeatureMatches(result: FairnessResult, name: string, expected: GoldenFeature) {
  const feature = result.features[name];
  assert.ok(feature, `feature ${name}`);
  for (const rate of rateNames) assert.equal(result.overall[rate], expected.overall[rate], `overall ${rate}`);
  assert.equal(result.overall.count, expected.overall.count);
  const groups = feature.by_group.filter((g) => !g.empty);
  assert.deepEqual(
    groups.map((g) => g.group),
    expected.by_group.map((g) => g.group),
    `${name}: groups and their order`,
  );
  expected.by_group.forEach((g, i) => {
    const ours = groups[i];
    assert.ok(ours);
    assert.equal(ours.count, g.count, `${name} ${JSON.stringify(g.group)} count`);
    for (const rate of rateNames) assert.equal(ours[rate], g[rate], `${name} ${JSON.stringify(g.group)} ${rate}`);
  });
  assert.deepEqual(JSON.parse(JSON.stringify(feature.aggregates)), expected.aggregates, `${name} aggregates`);
  const excluded = expected.rows_excluded_missing_sensitive;
  if (typeof excluded === 'number') assert.equal(feature.rows_excluded_missing_sensitive, excluded, `${name} excluded`);
}

test('synthetic-small: every group rate and aggregate equals Fairlearn, for group, sex and group x sex', async () => {
  const expected = readJson('golden-synthetic-small.json');
  const source = await openFileSource(path.join(golden, 'synthetic-small.csv'));
  try {
    const result = await evaluateFairness(source, { label: 'y_true', prediction: 'y_pred', sensitive: ['group', 'sex'], intersect: true });
    for (const name of ['group', 'sex', 'group x sex']) assertFeatureMatches(result, name, expected.features[name] as GoldenFeature);
    assert.equal(result.features.group?.rows_excluded_missing_sensitive, 7);
    assert.equal(result.features.sex?.rows_excluded_missing_sensitive, 6);
    assert.equal(result.features['group x sex']?.rows_excluded_missing_sensitive, 12);
    // What Fairlearn hides, Trellis reports: D has no positives, E is tiny.
    const d = result.features.group?.by_group.find((g) => g.group.group === 'D');
    assert.deepEqual(d?.undefined_rates, ['true_positive_rate', 'false_negative_rate']);
    assert.equal(result.features.group?.by_group.find((g) => g.group.group === 'E')?.small_group, true);
    assert.ok(result.warnings.some((w) => w.includes('D has no actual positives')));
    assert.ok(result.warnings.some((w) => w.includes('E: 3')));
  } finally {
    await source.close();
  }
});

let adultDir = '';
before(async () => {
  adultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-adult-'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // The golden file's prediction: education-num ≥ 13 or capital-gain > 5,000; label: class '>50K'.
  await connection.run(
    `COPY (SELECT race, sex, class, ("education-num" >= 13 OR "capital-gain" > 5000) AS y_pred, "education-num" / 16.0 AS score FROM read_parquet('${path.join(shared, 'data/adult.parquet')}')) TO '${path.join(adultDir, 'adult-pred.parquet')}' (FORMAT parquet)`,
  );
  connection.closeSync();
  instance.closeSync();
});
after(() => fs.rmSync(adultDir, { recursive: true, force: true }));

test('UCI Adult (Parquet): race, sex and race x sex equal Fairlearn; labels named by --positive', async () => {
  const expected = readJson('golden-adult.json');
  const source = await openFileSource(path.join(adultDir, 'adult-pred.parquet'));
  try {
    const result = await evaluateFairness(source, {
      label: 'class',
      prediction: 'y_pred',
      sensitive: ['race', 'sex'],
      intersect: true,
      positive: '>50K',
    });
    assert.equal(result.rows, 48842);
    for (const name of ['race', 'sex', 'race x sex']) assertFeatureMatches(result, name, expected.features[name] as GoldenFeature);
  } finally {
    await source.close();
  }
});

test('the same Adult file in CSV gives the same report as in Parquet', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const csv = path.join(adultDir, 'adult-pred.csv');
  await connection.run(
    `COPY (SELECT * FROM read_parquet('${path.join(adultDir, 'adult-pred.parquet')}')) TO '${csv}' (HEADER, DELIMITER ',')`,
  );
  connection.closeSync();
  instance.closeSync();
  const [fromCsv, fromParquet] = await Promise.all(
    [csv, path.join(adultDir, 'adult-pred.parquet')].map(async (file) => {
      const source = await openFileSource(file);
      try {
        return await evaluateFairness(source, {
          label: 'class',
          prediction: 'y_pred',
          sensitive: ['race'],
          positive: '>50K',
          score: 'score',
        });
      } finally {
        await source.close();
      }
    }),
  );
  assert.deepEqual(fromCsv?.features, fromParquet?.features);
  assert.equal(fromCsv?.performance.overall.roc_auc, fromParquet?.performance.overall.roc_auc);
});

test('ROC AUC equals a brute-force Mann–Whitney count over every (positive, negative) pair', async () => {
  const rows = fs
    .readFileSync(path.join(golden, 'synthetic-small.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  const scoresFor = (filter: (r: string[]) => boolean) => {
    const pos = rows.filter((r) => filter(r) && r[2] === '1').map((r) => Number(r[4]));
    const neg = rows.filter((r) => filter(r) && r[2] === '0').map((r) => Number(r[4]));
    neg.sort((a, b) => a - b);
    let wins = 0;
    for (const s of pos) {
      let lo = 0;
      let hi = neg.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((neg[mid] as number) < s) lo = mid + 1;
        else hi = mid;
      }
      let tieEnd = lo;
      while (tieEnd < neg.length && neg[tieEnd] === s) tieEnd += 1;
      wins += lo + (tieEnd - lo) / 2;
    }
    return wins / (pos.length * neg.length);
  };
  const source = await openFileSource(path.join(golden, 'synthetic-small.csv'));
  try {
    const result = await evaluatePerformance(source, { label: 'y_true', prediction: 'y_pred', score: 'score', sensitive: ['sex'] });
    assert.equal(result.task, 'classification');
    if (result.task !== 'classification') return;
    assert.ok(Math.abs((result.overall.roc_auc as number) - scoresFor(() => true)) < 1e-12);
    const female = result.by_feature.sex?.find((g) => g.group.sex === 'F');
    assert.ok(Math.abs((female?.roc_auc as number) - scoresFor((r) => r[1] === 'F')) < 1e-12);
    assert.deepEqual(result.overall.confusion_matrix, [
      [11709, 2189],
      [1179, 4923],
    ]);
    assert.equal(result.overall.recall, 0.8067846607669616);
  } finally {
    await source.close();
  }
});

test('Fairlearn edge cases: each documented result or error', () => {
  const expected = readJson('golden-synthetic-small.json');
  const cases = expected.edge_cases ?? [];
  assert.ok(cases.length >= 10);
  for (const edge of cases) {
    const sensitive = Array.isArray(edge.inputs.sensitive) ? { s: edge.inputs.sensitive } : edge.inputs.sensitive;
    const names = Object.keys(sensitive);
    const raw = edge.inputs.y_true.map((y, i) => ({
      key: names.map((n) => (sensitive[n]?.[i] ?? null) as string | null),
      label: y,
      prediction: edge.inputs.y_pred[i],
      count: 1,
    }));
    const name = edge.case;
    if (edge.error) {
      // Trellis refuses what Fairlearn refuses, with its own clear message.
      assert.throws(() => confusionCells(raw, { label: 'y_true', prediction: 'y_pred' }), /0\/1 or −1\/1|is empty/, name);
      continue;
    }
    if (name.startsWith('NaN in y_pred')) {
      // selection_rate alone counts NaN as "not selected"; every full report needs the
      // rates that refuse NaN, so Trellis refuses the file and says so.
      assert.throws(() => confusionCells(raw, { label: 'y_true', prediction: 'y_pred' }), /empty in 1 row/, name);
      continue;
    }
    const { cells } = confusionCells(raw, { label: 'y_true', prediction: 'y_pred' });
    const report = computeFairness(cells, { sensitive: names, intersect: names.length > 1 });
    const feature = report.features[names.length > 1 ? names.join(' x ') : 's'];
    assert.ok(feature, name);
    const metric = /TPR/.test(name) ? 'true_positive_rate' : /FNR/.test(name) ? 'false_negative_rate' : 'selection_rate';
    if (edge.result !== null && typeof edge.result === 'object') {
      const got = Object.fromEntries(feature.by_group.map((g) => [Object.values(g.group).join('|'), g.empty ? null : (g[metric] ?? null)]));
      assert.deepEqual(got, edge.result, name);
    } else if (/overall selection_rate/.test(name)) assert.equal(report.overall.selection_rate, edge.result, name);
    else if (/dpd to_overall/.test(name)) assert.equal(feature.aggregates.demographic_parity_difference.to_overall, edge.result, name);
    else if (/equalized_odds_difference/.test(name))
      assert.equal(feature.aggregates.equalized_odds_difference.worst_case.between_groups, edge.result, name);
    else if (/dpr/.test(name)) assert.equal(feature.aggregates.demographic_parity_ratio.between_groups, edge.result, name);
    else if (/dpd/.test(name)) assert.equal(feature.aggregates.demographic_parity_difference.between_groups, edge.result, name);
    else assert.fail(`unhandled edge case ${name}`);
  }
});
