/**
 * The metrics engine benchmark (`npm run bench:metrics`), issue 7's speed goals:
 *
 *   1. fairness: the full report (group, sex and their intersection; every rate, every
 *      aggregate, the input's SHA-256) on a 10M-row CSV, against a bare scan of the same
 *      columns (the physical floor); rows/s and peak memory;
 *   2. the same report on a 100M-row Parquet file: time and peak memory (goal < 1 GB);
 *   3. drift between two 10M-row CSV files (3 columns: continuous, integer, category);
 *   4. the fairness report on the 10M rows loaded into PostgreSQL, aggregated inside it
 *      (BENCH_PG_URL, default the local test database; BENCH_SKIP_POSTGRES=1 leaves it out).
 *
 * Data are generated once, seeded, by DuckDB (`range()` + `hash()`), into
 * BENCH_METRICS_DIR (default: the OS temp dir) and reused. Each measurement runs in its
 * own process (bench/metrics-child.ts) so its maxRSS is its own; times are medians of 3.
 * Writes the section between the `metrics` markers of
 * docs/benchmarks.md. BENCH_QUICK=1 uses 1M / 10M rows and prints instead.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.env.BENCH_QUICK === '1';
const dir = process.env.BENCH_METRICS_DIR ?? path.join(os.tmpdir(), 'trellis-bench-metrics');
const csvRows = quick ? 1_000_000 : 10_000_000;
const parquetRows = quick ? 10_000_000 : 100_000_000;
const SEED = 20261129;

/** Columns of the fairness data (documented in docs/benchmarks.md). */
const fairnessSelect = (n: number) => `
  WITH b AS (
    SELECT (hash(i, ${SEED}, 1) % 1000000)::DOUBLE / 1e6 AS u1, (hash(i, ${SEED}, 2) % 1000000)::DOUBLE / 1e6 AS u2,
           hash(i, ${SEED}, 3) % 5 AS g, hash(i, ${SEED}, 4) % 2 AS s
    FROM range(${n}) t(i))
  SELECT chr(65 + g::INT) AS "group", CASE s WHEN 0 THEN 'F' ELSE 'M' END AS sex,
         CASE WHEN u2 < 0.15 + 0.05 * g + 0.5 * u1 THEN 1 ELSE 0 END AS y_true,
         CASE WHEN u1 >= 0.5 THEN 1 ELSE 0 END AS y_pred,
         round(u1, 6) AS score
  FROM b`;

/** Columns of the drift data: amount (lognormal, 2 decimals), rating (1–5), channel (4 values). */
const driftSelect = (n: number, shift: number, salt: number) => `
  WITH b AS (
    SELECT (hash(i, ${SEED}, ${salt}, 1) % 1000000 + 1)::DOUBLE / 1000001 AS u1, (hash(i, ${SEED}, ${salt}, 2) % 1000000)::DOUBLE / 1e6 AS u2,
           (hash(i, ${SEED}, ${salt}, 3) % 1000)::DOUBLE / 1000 AS u3
    FROM range(${n}) t(i))
  SELECT round(exp(3 + ${shift} + 0.8 * sqrt(-2 * ln(u1)) * cos(2 * pi() * u2)), 2) AS amount,
         1 + floor(u3 * 5)::INT AS rating,
         CASE WHEN u3 < 0.45 - ${shift} THEN 'web' WHEN u3 < 0.75 THEN 'store' WHEN u3 < 0.9 THEN 'phone' ELSE 'partner' END AS channel
  FROM b`;

async function generate(file: string, select: string, format: 'csv' | 'parquet') {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(dir, { recursive: true });
  process.stderr.write(`generating ${path.basename(file)} …\n`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const tmp = `${file}.tmp`;
  await connection.run(
    `COPY (${select}) TO '${tmp}' (${format === 'csv' ? "HEADER, DELIMITER ','" : 'FORMAT parquet, ROW_GROUP_SIZE 1000000'})`,
  );
  connection.closeSync();
  instance.closeSync();
  fs.renameSync(tmp, file);
}

interface Measure {
  ms: number;
  rows: number;
  maxRssMb: number;
}

function child(args: string[]): Measure {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench/metrics-child.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as Measure;
}

function median(args: string[], times: number): Measure {
  const runs = Array.from({ length: times }, () => child(args)).sort((x, y) => x.ms - y.ms);
  const mid = runs[Math.floor(runs.length / 2)] as Measure;
  return { ...mid, maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)) };
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtRate = (rows: number, ms: number) => `${(((rows / ms) * 1000) / 1e6).toFixed(1)} M rows/s`;
const size = (file: string) => `${(fs.statSync(file).size / 1e6).toFixed(0)} MB`;

const fairCsv = path.join(dir, `fairness-${csvRows}.csv`);
const fairParquet = path.join(dir, `fairness-${parquetRows}.parquet`);
const driftRef = path.join(dir, `drift-ref-${csvRows}.csv`);
const driftCur = path.join(dir, `drift-cur-${csvRows}.csv`);
await generate(fairCsv, fairnessSelect(csvRows), 'csv');
await generate(fairParquet, fairnessSelect(parquetRows), 'parquet');
await generate(driftRef, driftSelect(csvRows, 0, 1), 'csv');
await generate(driftCur, driftSelect(csvRows, 0.05, 2), 'csv');

const reportColumns = 'group,sex,y_true,y_pred';
process.stderr.write('measuring the bare scan and the fairness report on CSV …\n');
const scanCsv = median(['scan', fairCsv, reportColumns], 3);
const fairnessCsv = median(['fairness', fairCsv], 3);
process.stderr.write('measuring the bare scan and the fairness report on Parquet …\n');
const scanParquet = median(['scan', fairParquet, reportColumns], 3);
const fairnessParquet = median(['fairness', fairParquet], 3);
process.stderr.write('measuring drift …\n');
const driftCsv = median(['drift', driftRef, driftCur], 3);

/**
 * 4. The same report with the rows in PostgreSQL: the aggregation runs inside the database
 *    (`--postgres URL --query SQL`), against a bare scan there. The table is loaded with a
 *    server-side COPY of the generated CSV (PostgreSQL on this machine), then dropped.
 */
const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let pgFigures: { scan: Measure; fairness: Measure } | null = null;
if (process.env.BENCH_SKIP_POSTGRES !== '1') {
  const table = `bench_fairness_${process.pid}`;
  const client = new pg.Client({ connectionString: pgUrl });
  try {
    await client.connect();
    process.stderr.write('loading the CSV into PostgreSQL …\n');
    await client.query(`CREATE UNLOGGED TABLE ${table} ("group" text, sex text, y_true int, y_pred int, score float8)`);
    await client.query(`COPY ${table} FROM '${fairCsv}' WITH (FORMAT csv, HEADER true)`);
    await client.query(`ANALYZE ${table}`);
    process.stderr.write('measuring the bare scan and the fairness report in PostgreSQL …\n');
    pgFigures = { scan: median(['pg-scan', pgUrl, table], 3), fairness: median(['pg-fairness', pgUrl, table], 3) };
  } catch (error) {
    process.stderr.write(`PostgreSQL part skipped: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
const pgRows = pgFigures
  ? `| bare scan, PostgreSQL table | ${pgFigures.scan.rows.toLocaleString('en')} | (table) | ${fmtMs(pgFigures.scan.ms)} | ${fmtRate(pgFigures.scan.rows, pgFigures.scan.ms)} | ${pgFigures.scan.maxRssMb.toFixed(0)} MB (client) | 1.00× |
| full fairness report, aggregated inside PostgreSQL | ${pgFigures.fairness.rows.toLocaleString('en')} | (table) | ${fmtMs(pgFigures.fairness.ms)} | ${fmtRate(pgFigures.fairness.rows, pgFigures.fairness.ms)} | ${pgFigures.fairness.maxRssMb.toFixed(0)} MB (client) | ${(pgFigures.fairness.ms / pgFigures.scan.ms).toFixed(2)}× |
`
  : '';

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const section = `<!-- metrics:start -->
## Metrics engine (issue 7)

Command: \`npm run bench:metrics\` (bench/metrics.ts), ${new Date().toISOString().slice(0, 10)}, on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, DuckDB (@duckdb/node-api) with a 1 GB memory limit. Load average at the end: ${os.loadavg()[0]?.toFixed(2)}.

Data (seeded, generated by DuckDB from \`range()\` and \`hash()\`): fairness files have \`group\` (A–E), \`sex\` (F/M), \`y_true\`, \`y_pred\` (0/1) and \`score\` (6 decimals); drift files have \`amount\` (lognormal, 2 decimals), \`rating\` (1–5) and \`channel\` (4 values), the current file shifted.
Each figure is a separate process (time from start of work to report, peak RSS of that process); medians of 3 runs.
The full report is \`runEvaluation\` as the CLI and the API call it: group, sex and group × sex with every rate and aggregate, and the SHA-256 of the input file (hashed while DuckDB scans). The bare scan reads the same four columns and touches every value once (\`MIN\` of each), nothing else: the floor for any report.

| work | rows | file | time | rows/s | peak memory | vs. bare scan |
|---|---:|---:|---:|---:|---:|---:|
| bare scan, CSV | ${scanCsv.rows.toLocaleString('en')} | ${size(fairCsv)} | ${fmtMs(scanCsv.ms)} | ${fmtRate(scanCsv.rows, scanCsv.ms)} | ${scanCsv.maxRssMb.toFixed(0)} MB | 1.00× |
| full fairness report, CSV | ${fairnessCsv.rows.toLocaleString('en')} | ${size(fairCsv)} | ${fmtMs(fairnessCsv.ms)} | ${fmtRate(fairnessCsv.rows, fairnessCsv.ms)} | ${fairnessCsv.maxRssMb.toFixed(0)} MB | ${(fairnessCsv.ms / scanCsv.ms).toFixed(2)}× |
| bare scan, Parquet | ${scanParquet.rows.toLocaleString('en')} | ${size(fairParquet)} | ${fmtMs(scanParquet.ms)} | ${fmtRate(scanParquet.rows, scanParquet.ms)} | ${scanParquet.maxRssMb.toFixed(0)} MB | 1.00× |
| full fairness report, Parquet | ${fairnessParquet.rows.toLocaleString('en')} | ${size(fairParquet)} | ${fmtMs(fairnessParquet.ms)} | ${fmtRate(fairnessParquet.rows, fairnessParquet.ms)} | ${fairnessParquet.maxRssMb.toFixed(0)} MB | ${(fairnessParquet.ms / scanParquet.ms).toFixed(2)}× |
${pgRows}| drift, two CSV files (all 3 columns, every statistic) | ${driftCsv.rows.toLocaleString('en')} | ${size(driftRef)} + ${size(driftCur)} | ${fmtMs(driftCsv.ms)} | ${fmtRate(driftCsv.rows, driftCsv.ms)} | ${driftCsv.maxRssMb.toFixed(0)} MB | |

Goals (issue 7): full report within 1.5× of a bare scan — CSV ${(fairnessCsv.ms / scanCsv.ms).toFixed(2)}×, Parquet ${(fairnessParquet.ms / scanParquet.ms).toFixed(2)}×; 100M Parquet rows under 1 GB peak — ${fairnessParquet.maxRssMb.toFixed(0)} MB; drift on two 10M-row files in seconds — ${fmtMs(driftCsv.ms)}.
<!-- metrics:end -->`;

if (quick) process.stdout.write(`${section}\n`);
else {
  const docPath = path.join(repoRoot, 'docs/benchmarks.md');
  const doc = fs.readFileSync(docPath, 'utf8');
  const start = doc.indexOf('<!-- metrics:start -->');
  const end = doc.indexOf('<!-- metrics:end -->');
  const next =
    start >= 0 && end > start
      ? `${doc.slice(0, start)}${section}${doc.slice(end + '<!-- metrics:end -->'.length)}`
      : `${doc.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(docPath, next);
  process.stdout.write(`${section}\n\nwritten to docs/benchmarks.md\n`);
}
