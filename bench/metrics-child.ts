/**
 * One measurement of bench/metrics.ts, in its own process so peak memory (maxRSS) is
 * this work's alone. Prints one JSON line: { ms, maxRssMb, rows }.
 *
 *   node --import tsx bench/metrics-child.ts scan <file> <col,col,…>
 *   node --import tsx bench/metrics-child.ts fairness <file>
 *   node --import tsx bench/metrics-child.ts drift <reference> <current>
 *   node --import tsx bench/metrics-child.ts pg-scan|pg-fairness <postgres-url> <table>
 */
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { runEvaluation } from '../src/features/metrics/evaluation.ts';

const [mode, a, b] = process.argv.slice(2);
const started = performance.now();
let rows = 0;

if (mode === 'scan') {
  // The floor: read each value the report needs and touch it once, nothing else.
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '1GB' });
  const connection = await instance.connect();
  const columns = (b ?? '').split(',');
  const reader = (a ?? '').endsWith('.parquet') ? `read_parquet('${a}')` : `read_csv('${a}', header = true)`;
  const touch = columns.map((c) => `MIN("${c}")`).join(', ');
  const result = await connection.runAndReadAll(`SELECT COUNT(*), ${touch} FROM ${reader}`);
  rows = Number(result.getRows()[0]?.[0]);
  connection.closeSync();
  instance.closeSync();
} else if (mode === 'fairness') {
  const run = await runEvaluation(
    { metric: 'fairness', label: 'y_true', prediction: 'y_pred', sensitive: ['group', 'sex'], intersect: true },
    { data: { kind: 'file', path: a as string } },
  );
  rows = run.result.rows;
} else if (mode === 'pg-scan') {
  // The floor inside PostgreSQL: read each needed value once.
  const client = new pg.Client({ connectionString: a });
  await client.connect();
  const result = await client.query<{ n: string }>(`SELECT COUNT(*) AS n, MIN("group"), MIN(sex), MIN(y_true), MIN(y_pred) FROM ${b}`);
  rows = Number(result.rows[0]?.n);
  await client.end();
} else if (mode === 'pg-fairness') {
  const run = await runEvaluation(
    { metric: 'fairness', label: 'y_true', prediction: 'y_pred', sensitive: ['group', 'sex'], intersect: true },
    { data: { kind: 'postgres', url: a as string, query: `SELECT * FROM ${b}` } },
  );
  rows = run.result.rows;
} else if (mode === 'drift') {
  const run = await runEvaluation(
    { metric: 'drift' },
    { reference: { kind: 'file', path: a as string }, current: { kind: 'file', path: b as string } },
  );
  rows = run.result.rows;
} else {
  throw new Error(`unknown mode ${mode}`);
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ms, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
