import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SoaDocument } from '../domain/schemas/controls.schemas.ts';
import type { Readiness } from '../domain/schemas/readiness.schemas.ts';
import { startCliServer, type CliServer } from '../test/cli-server.ts';
import { runCli } from '../test/cli.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const golden = path.resolve(root, '../shared/reference/metrics-golden');

/** `trellis evaluate fairness` on the golden synthetic file, with these sensitive features and options. */
const fairnessArgs = (sensitive: string, ...more: string[]) => [
  'evaluate',
  'fairness',
  '--data',
  path.join(golden, 'synthetic-small.csv'),
  '--label',
  'y_true',
  '--prediction',
  'y_pred',
  '--sensitive',
  sensitive,
  ...more,
];

/** Runs `trellis …` as a user does, without a token unless one is given (evaluate works on this machine). */
function trellis(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const env = { ...process.env };
  delete env.TRELLIS_TOKEN;
  return runCli({ ...env, ...extraEnv }, args);
}

test('evaluate fairness --json: Fairlearn names, by_group and overall, exact values, the input fingerprint', async () => {
  const r = await trellis(fairnessArgs('group,sex', '--intersect', '--json'));
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
  const r = await trellis(fairnessArgs('group'));
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
  const missing = await trellis(fairnessArgs('race', '--json'));
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
    const noReference = await trellis(['evaluate', 'drift', '--current', path.join(golden, 'drift-cur.csv')]);
    assert.equal(noReference.code, 2);
    assert.match(
      noReference.stderr,
      /--reference FILE is required \(a CSV or Parquet file\), or --postgres URL with --reference-query SQL/,
    );
    const noQuery = await trellis(['evaluate', 'drift', '--postgres', 'postgres://127.0.0.1/none', '--reference-query', 'SELECT 1']);
    assert.equal(noQuery.code, 2);
    assert.match(noQuery.stderr, /--postgres needs --current-query SQL/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('evaluate --system / --plan keeps the run in Trellis (the rows stay on this machine)', () => {
  let server: CliServer;
  let token = '';
  let url = '';
  const org = 'cli-eval';
  const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, payload?: object) => server.api(method, path, payload);

  before(async () => {
    server = await startCliServer({ slug: org, name: 'CLI Eval', email: 'eval@example.com' });
    ({ token, url } = server);
  });
  after(() => server.close());

  test('the run is kept as evidence for A.6.2.6, shows on the SoA and makes the readiness check pass', async () => {
    const system = await api('POST', '/systems', { name: 'Scoring model' });
    assert.equal(system.statusCode, 201, system.body);
    const systemRef = (system.json() as { ref: string }).ref;
    const control = await api('PUT', '/controls/iso42001-2023/A.6.2.6', {
      applicable: true,
      status: 'implemented',
      inclusionReasons: [{ kind: 'contractual', text: 'Clause 9.1 monitoring' }],
    });
    assert.equal(control.statusCode, 200, control.body);
    const readinessCheck = async () =>
      ((await api('GET', '/readiness')).json() as Readiness).checks.find((c) => c.ruleId === 'A.6.2.6-operating')?.status;
    assert.equal(await readinessCheck(), 'gap', 'implemented but no evidence yet');

    const args = fairnessArgs('group', '--system', systemRef);
    const r = await trellis(args, { TRELLIS_URL: url, TRELLIS_TOKEN: token });
    assert.equal(r.code, 0, r.stderr);
    const kept = /Kept as monitoring run (RUN-\d+) \(passed\), evidence (EV-\d+)/.exec(r.stdout);
    assert.ok(kept, r.stdout);

    const soa = (await api('GET', '/soa')).json() as SoaDocument;
    const row = soa.rows.find((x) => x.framework === 'iso42001-2023' && x.control === 'A.6.2.6');
    assert.ok(
      row?.evidence.some((e) => e.ref === kept[2]),
      'the run is evidence on the A.6.2.6 row',
    );
    assert.equal(await readinessCheck(), 'pass');

    const runs = (await api('GET', '/monitoring/runs')).json() as { items: { ref: string; source: string; status: string }[] };
    assert.deepEqual(
      runs.items.map((x) => [x.ref, x.source, x.status]),
      [[kept[1], 'cli', 'passed']],
    );
  });

  test('--plan: the plan’s thresholds judge the run; a breach opens an alert', async () => {
    const system = (await api('POST', '/systems', { name: 'Second model' })).json() as { ref: string };
    const plan = await api('POST', '/monitoring/plans', {
      systemId: system.ref,
      title: 'Group parity',
      spec: { metric: 'fairness', label: 'y_true', prediction: 'y_pred', sensitive: ['group'] },
      thresholds: [{ key: 'group:demographic_parity_ratio.between_groups', op: '>=', value: 0.8 }],
      frequency: 'monthly',
    });
    assert.equal(plan.statusCode, 201, plan.body);
    const planRef = (plan.json() as { ref: string }).ref;
    const r = await trellis(fairnessArgs('group', '--plan', planRef, '--json'), { TRELLIS_URL: url, TRELLIS_TOKEN: token });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { run: { ref: string; status: string } };
    assert.equal(out.run.status, 'breached');
    const alerts = (await api('GET', '/monitoring/alerts')).json() as { items?: { ref: string }[] } | { ref: string }[];
    const list = Array.isArray(alerts) ? alerts : (alerts.items ?? []);
    assert.ok(list.some((a) => a.ref === out.run.ref));

    // 9.1 in the readiness view: deployed systems need an active plan and every breach acted on.
    const check = async () =>
      ((await api('GET', '/readiness')).json() as Readiness).checks.find((c) => c.ruleId === '9.1-monitoring-in-operation');
    const sys = (await api('GET', `/systems/${system.ref}`)).json() as { version: number };
    const deployed = await api('PATCH', `/systems/${system.ref}`, { stage: 'deployed', version: sys.version });
    assert.equal(deployed.statusCode, 200, deployed.body);
    const before = await check();
    assert.equal(before?.status, 'gap');
    assert.match(before?.detail ?? '', /1 threshold breach not yet acknowledged or raised as a risk/);
    const ack = await api('POST', `/monitoring/runs/${out.run.ref}/acknowledge`, { note: 'Known issue; retraining planned' });
    assert.equal(ack.statusCode, 200, ack.body);
    assert.equal((await check())?.status, 'pass');
  });
});
