import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/trellis.mjs');
const golden = path.resolve(root, '../shared/reference/metrics-golden');

/** Runs `trellis …` as a user does, without a server (evaluate works on this machine). */
function trellis(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.TRELLIS_TOKEN;
    const child = spawn(process.execPath, [bin, ...args], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('evaluate fairness --json: Fairlearn names, by_group and overall, exact values, the input fingerprint', async () => {
  const r = await trellis([
    'evaluate',
    'fairness',
    '--data',
    path.join(golden, 'synthetic-small.csv'),
    '--label',
    'y_true',
    '--prediction',
    'y_pred',
    '--sensitive',
    'group,sex',
    '--intersect',
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    overall: { selection_rate: number };
    features: Record<
      string,
      { by_group: { group: Record<string, string>; selection_rate: number }[]; aggregates: Record<string, { between_groups: number }> }
    >;
    inputs: { sha256: string; rows: number }[];
  };
  assert.deepEqual(Object.keys(out.features), ['group', 'sex', 'group x sex']);
  assert.equal(out.overall.selection_rate, 0.3556);
  assert.equal(out.features.group?.aggregates.demographic_parity_difference?.between_groups, 0.5290123456790123);
  assert.equal(out.features.group?.aggregates.demographic_parity_ratio?.between_groups, 0.2064814814814815);
  assert.deepEqual(
    out.features.group?.by_group.map((g) => g.group.group),
    ['A', 'B', 'C', 'D', 'E'],
  );
  assert.equal(out.inputs[0]?.sha256, '4578ce76098c951b8f92acd50d65e47bf14770c6591c4fe479845eb519c8c760');
  assert.equal(out.inputs[0]?.rows, 20000);
});

test('evaluate fairness for people: tables with the four-fifths rule and the warnings', async () => {
  const r = await trellis([
    'evaluate',
    'fairness',
    '--data',
    path.join(golden, 'synthetic-small.csv'),
    '--label',
    'y_true',
    '--prediction',
    'y_pred',
    '--sensitive',
    'group',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /demographic_parity_ratio\s+0\.2065\s+0\.3871/);
  assert.match(r.stdout, /D\s+1620\s+0\.1377.*0\.206 FAIL\s+true_positive=0\/0/);
  assert.match(r.stdout, /E\s+3\s.*small/);
  assert.match(r.stdout, /Warnings:\n- group: 1 group\(s\) have fewer than 30 rows/);
});

test('evaluate drift and performance print readable tables', async () => {
  const drift = await trellis([
    'evaluate',
    'drift',
    '--reference',
    path.join(golden, 'drift-ref.csv'),
    '--current',
    path.join(golden, 'drift-cur.csv'),
  ]);
  assert.equal(drift.code, 0, drift.stderr);
  assert.match(drift.stdout, /channel\s+cat\s+jensenshannon\s+0\.1310\s+0\.1\s+DRIFT/);
  assert.match(drift.stdout, /Data set drift: no \(1 of 3 columns drifted/);
  const perf = await trellis([
    'evaluate',
    'performance',
    '--data',
    path.join(golden, 'synthetic-small.csv'),
    '--label',
    'y_true',
    '--prediction',
    'y_pred',
    '--score',
    'score',
    '--json',
  ]);
  assert.equal(perf.code, 0, perf.stderr);
  const out = JSON.parse(perf.stdout) as { overall: { accuracy: number; recall: number; roc_auc: number; confusion_matrix: number[][] } };
  assert.equal(out.overall.accuracy, 0.8316);
  assert.deepEqual(out.overall.confusion_matrix, [
    [11709, 2189],
    [1179, 4923],
  ]);
  assert.ok(out.overall.roc_auc > 0.9 && out.overall.roc_auc < 1);
});

test('bad input: one line on stderr naming the problem, exit code 2, nothing on stdout', async () => {
  const missing = await trellis([
    'evaluate',
    'fairness',
    '--data',
    path.join(golden, 'synthetic-small.csv'),
    '--label',
    'y_true',
    '--prediction',
    'y_pred',
    '--sensitive',
    'race',
    '--json',
  ]);
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /no column "race"; the columns are "group", "sex", "y_true", "y_pred", "score"/);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-cli-eval-'));
  try {
    const corrupt = path.join(dir, 'x.parquet');
    fs.writeFileSync(corrupt, Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(100, 1)]));
    const bad = await trellis(['evaluate', 'drift', '--reference', corrupt, '--current', path.join(golden, 'drift-cur.csv')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /x\.parquet: not a readable Parquet file/);
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
    const noSource = await trellis(['evaluate', 'fairness', '--label', 'y', '--prediction', 'p', '--sensitive', 'g']);
    assert.equal(noSource.code, 2);
    assert.match(noSource.stderr, /--data FILE is required/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
