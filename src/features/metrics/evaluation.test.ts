import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { AppError } from '../../domain/errors.ts';
import { isPostgresReachable, postgresUrl } from '../../test/databases.ts';
import type { FairnessResult } from './evaluate.ts';
import { checkThresholds, fairnessFromCounts, metricValues, runEvaluation } from './evaluation.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const golden = path.resolve(here, '../../../../shared/reference/metrics-golden');
const synthetic = path.join(golden, 'synthetic-small.csv');
const fairness = { metric: 'fairness' as const, label: 'y_true', prediction: 'y_pred', sensitive: ['group'] };

let dir = '';
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-eval-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Asserts a 400-class AppError whose message matches and whose issues name `field`. */
async function rejects(work: Promise<unknown>, message: RegExp, field: string) {
  await assert.rejects(work, (error: unknown) => {
    assert.ok(error instanceof AppError, `not an AppError: ${String(error)}`);
    assert.equal(error.code, 'validation_failed');
    assert.match(error.message, message);
    const issues = (error.details as { issues: { path: string }[] }).issues;
    assert.ok(
      issues.some((i) => i.path === field || i.path.startsWith(`${field}.`)),
      `issues ${JSON.stringify(issues)} name ${field}`,
    );
    assert.doesNotMatch(error.message, /FROM src|COUNT\(|at .*\.ts:/);
    return true;
  });
}

describe('bad input: a clear error naming the problem, never a crash', () => {
  test('a missing column lists the columns there are', async () => {
    await rejects(
      runEvaluation({ ...fairness, sensitive: ['race'] }, { data: { kind: 'file', path: synthetic } }),
      /no column "race"; the columns are "group", "sex"/,
      'sensitive',
    );
  });
  test('no such file, an empty file, a directory', async () => {
    await rejects(runEvaluation(fairness, { data: { kind: 'file', path: path.join(dir, 'nope.csv') } }), /no such file/, 'data');
    await rejects(runEvaluation(fairness, { data: { kind: 'file', path: write('empty.csv', '') } }), /the file is empty/, 'data');
    await rejects(runEvaluation(fairness, { data: { kind: 'file', path: dir } }), /not a file/, 'data');
  });
  test('a malformed CSV (a row with too many fields)', async () => {
    const file = write('bad.csv', `group,y_true,y_pred\n${'A,1,0\n'.repeat(50)}B,1,0,7,8\n`);
    await rejects(runEvaluation(fairness, { data: { kind: 'file', path: file } }), /bad\.csv/, 'data');
  });
  test('a value of the wrong type far into the file (after the sniffed sample)', async () => {
    const file = write('types.csv', `g,y,p\n${'a,1,0\nb,0,1\n'.repeat(20_000)}c,yes,1\n`);
    await rejects(
      runEvaluation({ metric: 'fairness', label: 'y', prediction: 'p', sensitive: ['g'] }, { data: { kind: 'file', path: file } }),
      /types\.csv: .*(convert|Line)/i,
      'data',
    );
  });
  test('a corrupt Parquet file (magic bytes, garbage inside)', async () => {
    const file = write('corrupt.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(2000, 7), Buffer.from('PAR1')]));
    await rejects(runEvaluation(fairness, { data: { kind: 'file', path: file } }), /corrupt\.parquet: not a readable Parquet file/, 'data');
  });
  test('a file name with glob characters and quotes reads that file only', async () => {
    const file = write("it's [a] *.csv", fs.readFileSync(synthetic));
    write('decoy.csv', 'group,y_true,y_pred\nZ,1,1\n');
    const run = await runEvaluation(fairness, { data: { kind: 'file', path: file } });
    assert.equal(run.result.rows, 20000);
  });
  test('non-binary labels need --positive; with it they work', async () => {
    const file = write('labels.csv', 'g,y,p\na,0,2\na,2,2\nb,0,0\nb,2,0\n');
    const spec = { metric: 'fairness' as const, label: 'y', prediction: 'p', sensitive: ['g'] };
    await rejects(
      runEvaluation(spec, { data: { kind: 'file', path: file } }),
      /must be 0\/1 or −1\/1 unless the positive class is named/,
      'positive',
    );
    const run = await runEvaluation({ ...spec, positive: '2' }, { data: { kind: 'file', path: file } });
    const result = run.result as FairnessResult;
    assert.deepEqual(
      result.features.g?.by_group.map((g) => g.selection_rate),
      [1, 0],
    );
  });
  test('an empty prediction (NaN) is refused with the row count', async () => {
    const file = write('nan.csv', 'g,y,p\na,1,1\na,0,\nb,1,0\n');
    await rejects(
      runEvaluation({ metric: 'fairness', label: 'y', prediction: 'p', sensitive: ['g'] }, { data: { kind: 'file', path: file } }),
      /empty in 1 row/,
      'prediction',
    );
  });
  test('a column with a million distinct groups is refused, naming it', async () => {
    const file = path.join(dir, 'ids.csv');
    const out = fs.openSync(file, 'w');
    fs.writeSync(out, 'id,y,p\n');
    const chunk: string[] = [];
    for (let i = 0; i < 1_000_000; i += 1) {
      chunk.push(`${i},${i % 2},${(i >> 1) % 2}`);
      if (chunk.length === 100_000) {
        fs.writeSync(out, `${chunk.join('\n')}\n`);
        chunk.length = 0;
      }
    }
    fs.closeSync(out);
    await rejects(
      runEvaluation({ metric: 'fairness', label: 'y', prediction: 'p', sensitive: ['id'] }, { data: { kind: 'file', path: file } }),
      /"id" has 1000000 distinct values: a sensitive feature may have at most 1000 groups/,
      'sensitive',
    );
  });
  test('a score column that is not numeric; a bad spec names its field', async () => {
    await rejects(
      runEvaluation({ ...fairness, score: 'sex' }, { data: { kind: 'file', path: synthetic } }),
      /score column "sex" must be numeric/,
      'score',
    );
    await rejects(
      runEvaluation({ ...fairness, sensitive: [] }, { data: { kind: 'file', path: synthetic } }),
      /spec\.sensitive/,
      'spec.sensitive',
    );
    await rejects(runEvaluation(fairness, {}), /the data input is missing/, 'data');
  });
  test('regression needs numbers; a text column is refused', async () => {
    await rejects(
      runEvaluation(
        { metric: 'performance', task: 'regression', label: 'group', prediction: 'score' },
        { data: { kind: 'file', path: synthetic } },
      ),
      /regression needs numeric columns; "group" is VARCHAR/,
      'label',
    );
  });
});

test('regression: MAE, RMSE and R² equal a direct computation', async () => {
  const rows = Array.from({ length: 500 }, (_, i) => [Math.sin(i) * 10 + i / 7, Math.sin(i) * 10 + i / 7 + Math.cos(i * 3)]);
  const file = write('reg.csv', `y,p\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  const run = await runEvaluation(
    { metric: 'performance', task: 'regression', label: 'y', prediction: 'p' },
    { data: { kind: 'file', path: file } },
  );
  assert.equal(run.result.metric, 'performance');
  if (run.result.metric !== 'performance' || run.result.task !== 'regression') return;
  const n = rows.length;
  const mae = rows.reduce((s, [y, p]) => s + Math.abs((y as number) - (p as number)), 0) / n;
  const sse = rows.reduce((s, [y, p]) => s + ((y as number) - (p as number)) ** 2, 0);
  const mean = rows.reduce((s, [y]) => s + (y as number), 0) / n;
  const sst = rows.reduce((s, [y]) => s + ((y as number) - mean) ** 2, 0);
  assert.ok(Math.abs(run.result.overall.mae - mae) < 1e-12);
  assert.ok(Math.abs(run.result.overall.rmse - Math.sqrt(sse / n)) < 1e-12);
  assert.ok(Math.abs(run.result.overall.r2 - (1 - sse / sst)) < 1e-12);
});

test('drift through DuckDB on the golden files equals Evidently / scipy (golden-drift.json)', async () => {
  const expected = JSON.parse(fs.readFileSync(path.join(golden, 'golden-drift.json'), 'utf8')) as {
    columns: Record<
      string,
      {
        psi: number;
        jensenshannon: number;
        ks?: { statistic: number; p_value: number };
        wasserstein_norm?: { value: number };
        chisquare?: { statistic: number; p_value: number };
        binning: { ref_counts: number[]; cur_counts: number[] };
        evidently_default_test: { stattest: string; drift_detected: boolean };
      }
    >;
    dataset_drift: { share: number; dataset_drift: boolean };
  };
  const run = await runEvaluation(
    { metric: 'drift' },
    {
      reference: { kind: 'file', path: path.join(golden, 'drift-ref.csv') },
      current: { kind: 'file', path: path.join(golden, 'drift-cur.csv') },
    },
  );
  assert.equal(run.result.metric, 'drift');
  if (run.result.metric !== 'drift') return;
  const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
  assert.deepEqual(
    run.result.columns.map((c) => c.column),
    ['amount', 'rating', 'channel'],
  );
  for (const column of run.result.columns) {
    const want = expected.columns[column.column];
    assert.ok(want);
    assert.deepEqual(column.binning.ref_counts, want.binning.ref_counts, `${column.column} ref counts`);
    assert.deepEqual(column.binning.cur_counts, want.binning.cur_counts, `${column.column} cur counts`);
    assert.ok(rel(column.psi, want.psi) <= 1e-14, `${column.column} psi`);
    assert.ok(rel(column.jensenshannon, want.jensenshannon) <= 1e-14, `${column.column} js`);
    if (want.ks) {
      assert.equal(column.ks?.statistic, want.ks.statistic);
      assert.ok(rel(column.ks?.p_value as number, want.ks.p_value) <= 1e-9, `${column.column} ks p`);
    }
    if (want.wasserstein_norm)
      assert.ok(rel(column.wasserstein_norm?.value as number, want.wasserstein_norm.value) <= 1e-13, `${column.column} wasserstein`);
    if (want.chisquare) assert.ok(rel(column.chisquare?.statistic as number, want.chisquare.statistic) <= 1e-14, `${column.column} chi2`);
    assert.equal(column.default_test.stattest, want.evidently_default_test.stattest);
    assert.equal(column.default_test.drift_detected, want.evidently_default_test.drift_detected);
  }
  assert.equal(run.result.dataset.share, expected.dataset_drift.share);
  assert.equal(run.result.dataset.dataset_drift, expected.dataset_drift.dataset_drift);
  assert.deepEqual(
    run.inputs.map((i) => [i.role, i.rows]),
    [
      ['reference', 20000],
      ['current', 15000],
    ],
  );
});

test('drift: an unreadable file is named as the reference or the current input', async () => {
  const corrupt = write('corrupt-cur.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(500, 3), Buffer.from('PAR1')]));
  await rejects(
    runEvaluation(
      { metric: 'drift' },
      { reference: { kind: 'file', path: path.join(golden, 'drift-ref.csv') }, current: { kind: 'file', path: corrupt } },
    ),
    /corrupt-cur\.parquet: not a readable Parquet file/,
    'current',
  );
});

test('drift: a column only one side has, or of different types, is a clear error', async () => {
  const ref = write('ref.csv', 'a,b\n1,x\n2,y\n');
  const cur = write('cur.csv', 'a,c\nfoo,1\nbar,2\n');
  await rejects(
    runEvaluation(
      { metric: 'drift', columns: ['a', 'b'] },
      { reference: { kind: 'file', path: ref }, current: { kind: 'file', path: cur } },
    ),
    /"b" is not in the current data/,
    'columns',
  );
  await rejects(
    runEvaluation({ metric: 'drift', columns: ['a'] }, { reference: { kind: 'file', path: ref }, current: { kind: 'file', path: cur } }),
    /"a" is BIGINT in the reference but VARCHAR in the current data/,
    'columns',
  );
});

test('long work reports progress, ending at 100%', async () => {
  const seen: number[] = [];
  await runEvaluation(fairness, { data: { kind: 'file', path: synthetic } }, { onProgress: (p) => seen.push(p.percentage) });
  assert.ok(seen.length > 0);
  assert.equal(seen.at(-1), 100);
  assert.ok(seen.every((p) => p === -1 || (p >= 0 && p <= 100)));
});

test('rows without a score are counted and left out of ROC AUC; regression refuses an empty value', async () => {
  const file = write('scores.csv', 'g,y,p,s\na,1,1,0.9\na,0,0,0.2\nb,1,0,\nb,0,1,0.6\nb,1,1,0.7\n');
  const run = await runEvaluation(
    { metric: 'fairness', label: 'y', prediction: 'p', sensitive: ['g'], score: 's' },
    { data: { kind: 'file', path: file } },
  );
  const result = run.result as FairnessResult;
  assert.ok(result.warnings.includes('1 row(s) have no score; ROC AUC leaves them out.'), result.warnings.join('\n'));
  // Scored rows: positives 0.9, 0.7; negatives 0.2, 0.6 → every positive outranks every negative.
  assert.equal(result.performance.overall.roc_auc, 1);
  const reg = write('reg-missing.csv', 'y,p\n1.5,1.0\n2.5,\n3.0,2.0\n');
  await rejects(
    runEvaluation({ metric: 'performance', task: 'regression', label: 'y', prediction: 'p' }, { data: { kind: 'file', path: reg } }),
    /1 row\(s\) have an empty label or prediction/,
    'label',
  );
});

test('inputs are fingerprinted: SHA-256 of the file as read, size and rows', async () => {
  const run = await runEvaluation(fairness, { data: { kind: 'file', path: synthetic } });
  assert.deepEqual(run.inputs, [
    {
      role: 'data',
      name: 'synthetic-small.csv',
      format: 'csv',
      sha256: '4578ce76098c951b8f92acd50d65e47bf14770c6591c4fe479845eb519c8c760',
      bytes: fs.statSync(synthetic).size,
      rows: 20000,
    },
  ]);
});

test('posted counts give the same report as the rows they come from', async () => {
  const fromRows = (
    await runEvaluation({ ...fairness, sensitive: ['group', 'sex'], intersect: true }, { data: { kind: 'file', path: synthetic } })
  ).result as FairnessResult;
  // The counts a team would post: one cell per (group, sex), missing values as null.
  const cells = new Map<string, { group: Record<string, string | null>; tp: number; fp: number; tn: number; fn: number }>();
  for (const line of fs.readFileSync(synthetic, 'utf8').trim().split('\n').slice(1)) {
    const [g, s, y, p] = line.split(',');
    const key = `${g}|${s}`;
    const cell = cells.get(key) ?? { group: { group: g || null, sex: s || null }, tp: 0, fp: 0, tn: 0, fn: 0 };
    const field = y === '1' ? (p === '1' ? 'tp' : 'fn') : p === '1' ? 'fp' : 'tn';
    cell[field] += 1;
    cells.set(key, cell);
  }
  const fromCounts = fairnessFromCounts({ sensitive: ['group', 'sex'], intersect: true, cells: [...cells.values()] }).result;
  assert.deepEqual(fromCounts.features, fromRows.features);
  assert.throws(
    () => fairnessFromCounts({ sensitive: ['group'], cells: [{ group: { grp: 'A' }, tp: 1, fp: 0, tn: 0, fn: 0 }] }),
    /"grp" is not a sensitive feature/,
  );
  assert.throws(
    () => fairnessFromCounts({ sensitive: ['group'], cells: [{ group: { group: 'A' }, tp: -1, fp: 0, tn: 0, fn: 0 }] }),
    /body\.cells\.0\.tp/,
  );
});

test('thresholds: pass, breach, and a key the run lacks is a breach', async () => {
  const run = await runEvaluation({ ...fairness, sensitive: ['group', 'sex'] }, { data: { kind: 'file', path: synthetic } });
  const values = metricValues(run.result);
  assert.equal(values['group:demographic_parity_ratio.between_groups'], 0.2064814814814815);
  const outcomes = checkThresholds(run.result, [
    { key: 'group:demographic_parity_ratio.between_groups', op: '>=', value: 0.8 },
    { key: 'performance:accuracy', op: '>=', value: 0.8 },
    { key: 'race:demographic_parity_ratio.between_groups', op: '>=', value: 0.8 },
  ]);
  assert.deepEqual(
    outcomes.map((o) => [o.passed, o.actual]),
    [
      [false, 0.2064814814814815],
      [true, 0.8316],
      [false, null],
    ],
  );
  assert.equal(outcomes[2]?.reason, 'the run has no such metric');
});

describe('PostgreSQL: the aggregation runs inside the database', async () => {
  const reachable = await isPostgresReachable();
  const table = `metrics_src_${process.pid}`;
  before(async () => {
    if (!reachable) return;
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`DROP TABLE IF EXISTS ${table}_drift`);
    await client.query(`CREATE TABLE ${table}_drift (side text, amount float8, rating int, channel text)`);
    for (const side of ['ref', 'cur']) {
      const rows = fs
        .readFileSync(path.join(golden, `drift-${side}.csv`), 'utf8')
        .trim()
        .split('\n')
        .slice(1);
      for (let i = 0; i < rows.length; i += 1000) {
        const batch = rows.slice(i, i + 1000).map((l) => l.split(','));
        const params = batch.flatMap(([a, r, c]) => [side, Number(a), Number(r), c]);
        await client.query(
          `INSERT INTO ${table}_drift VALUES ${batch.map((_, j) => `($${j * 4 + 1}, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4})`).join(', ')}`,
          params,
        );
      }
    }
    await client.query(`CREATE TABLE ${table} ("group" text, sex text, y_true int, y_pred int, score float8)`);
    const lines = fs.readFileSync(synthetic, 'utf8').trim().split('\n').slice(1);
    for (let i = 0; i < lines.length; i += 1000) {
      const batch = lines.slice(i, i + 1000).map((l) => l.split(','));
      const params = batch.flatMap(([g, s, y, p, sc]) => [g || null, s || null, Number(y), Number(p), Number(sc)]);
      await client.query(
        `INSERT INTO ${table} VALUES ${batch.map((_, j) => `($${j * 5 + 1}, $${j * 5 + 2}, $${j * 5 + 3}, $${j * 5 + 4}, $${j * 5 + 5})`).join(', ')}`,
        params,
      );
    }
    await client.end();
  });
  after(async () => {
    if (!reachable) return;
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`DROP TABLE IF EXISTS ${table}_drift`);
    await client.end();
  });

  test('drift from two queries equals drift from the files', { skip: !reachable && 'PostgreSQL not reachable' }, async () => {
    const fromFiles = await runEvaluation(
      { metric: 'drift' },
      {
        reference: { kind: 'file', path: path.join(golden, 'drift-ref.csv') },
        current: { kind: 'file', path: path.join(golden, 'drift-cur.csv') },
      },
    );
    const query = (side: string) => `SELECT amount, rating, channel FROM ${table}_drift WHERE side = '${side}'`;
    const fromPg = await runEvaluation(
      { metric: 'drift' },
      {
        reference: { kind: 'postgres', url: postgresUrl, query: query('ref') },
        current: { kind: 'postgres', url: postgresUrl, query: query('cur') },
      },
    );
    assert.equal(fromPg.result.metric, 'drift');
    assert.equal(fromFiles.result.metric, 'drift');
    if (fromPg.result.metric !== 'drift' || fromFiles.result.metric !== 'drift') return;
    assert.deepEqual(fromPg.result.columns, fromFiles.result.columns);
    assert.deepEqual(fromPg.result.dataset, fromFiles.result.dataset);
  });

  test(
    'a query gives the same fairness and ROC AUC as the file, and cannot write',
    { skip: !reachable && 'PostgreSQL not reachable' },
    async () => {
      const spec = { ...fairness, sensitive: ['group', 'sex'], intersect: true, score: 'score' };
      const fromFile = (await runEvaluation(spec, { data: { kind: 'file', path: synthetic } })).result as FairnessResult;
      const fromPg = await runEvaluation(spec, { data: { kind: 'postgres', url: postgresUrl, query: `SELECT * FROM ${table}` } });
      const result = fromPg.result as FairnessResult;
      assert.deepEqual(result.features, fromFile.features);
      assert.ok(Math.abs((result.performance.overall.roc_auc as number) - (fromFile.performance.overall.roc_auc as number)) < 1e-12);
      assert.equal(fromPg.inputs[0]?.format, 'postgres');
      assert.equal(fromPg.inputs[0]?.sha256, null);
      await rejects(
        runEvaluation(spec, { data: { kind: 'postgres', url: postgresUrl, query: `SELECT * FROM ${table}; DELETE FROM ${table}` } }),
        /single SELECT statement/,
        'query',
      );
      await rejects(
        runEvaluation(spec, { data: { kind: 'postgres', url: postgresUrl, query: `SELECT * FROM no_such_table_${process.pid}` } }),
        /the query failed in PostgreSQL/,
        'query',
      );
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      const count = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`);
      await client.end();
      assert.equal(Number(count.rows[0]?.n), 20000);
    },
  );
});
