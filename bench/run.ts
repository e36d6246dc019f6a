/**
 * The Trellis benchmark (`npm run bench`). Measures on SQLite and on PostgreSQL:
 *
 *   a. start time: spawn `node bin/trellis.mjs serve` until the first 200 from
 *      GET /api/health, median of 5, on an empty database and on a warm restart;
 *   b. an authenticated read (GET /api/orgs/<slug>/members with a bearer token)
 *      under 50 concurrent connections for 10 s (autocannon): requests/s, p50, p99;
 *   c. audit-log verification time per million entries (1,000,000 generated entries);
 *   d. the AI system inventory (bench/inventory.ts): importing 10,000 systems from CSV and from
 *      XLSX through the API, and the list's latency (filtered, sorted, paginated) and the summary
 *      at 10,000 and 100,000 systems;
 *   e. the Statement of Applicability, the readiness view, the SoA exports (XLSX, PDF, DOCX, OSCAL)
 *      and the evidence list of an organization with 5,000 AI systems, 50,000 risks and 200,000
 *      evidence items (bench/controls.ts, data from bench/generate-controls.ts);
 *
 * and writes docs/benchmarks.md. BENCH_QUICK=1 runs small sizes for a sanity check
 * and prints the report instead of writing docs/benchmarks.md.
 *
 * Arguments:
 *   --only <phases>          run only these phases, e.g. `npm run bench -- --only e` or `--only a,b`.
 *                            Phase e's section is then spliced into docs/benchmarks.md (the rest of the
 *                            file is kept); a report of other phases is printed instead of written.
 *
 * Environment:
 *   BENCH_QUICK=1            small sizes, short durations (report on stdout only)
 *   BENCH_OUTPUT=<file>      write the report there (also in quick mode)
 *   BENCH_PG_URL=<url>       PostgreSQL to create scratch databases on
 *                            (default postgres://postgres@127.0.0.1:5432/test; loopback only)
 *   BENCH_SKIP_POSTGRES=1    SQLite only
 *
 * Every child process, temp directory and scratch database is removed at the end,
 * on error and on SIGINT/SIGTERM; a watchdog stops a run that hangs.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { loadConfig, type DatabaseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { cliActor, createTokenForMember } from '../src/features/admin/admin.service.ts';
import { verifyAuditChains } from '../src/features/audit-log/audit-log.service.ts';
import { trellisVersion } from '../src/version.ts';
import { measureControls, renderControlsSection, spliceControlsSection, type ControlsBenchResult, type ControlsPlan } from './controls.ts';
import { fullControlsSize } from './generate-controls.ts';
import { generateDataset, silentProgress, stderrProgress } from './generate.ts';
import { measureInventory, renderInventorySection, type InventoryBenchResult, type InventoryPlan } from './inventory.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliPath = path.join(repoRoot, 'bin', 'trellis.mjs');

const allPhases = ['a', 'b', 'c', 'd', 'e'] as const;
type Phase = (typeof allPhases)[number];
const cliArgs = parseArgs({ options: { only: { type: 'string' } }, strict: true }).values;
/** The phases to run (`--only a,e`); all of them by default. */
const phases: readonly Phase[] = (() => {
  if (cliArgs.only === undefined) return allPhases;
  const wanted = cliArgs.only
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  const unknown = wanted.filter((p) => !(allPhases as readonly string[]).includes(p));
  if (unknown.length || wanted.length === 0) {
    throw new Error(`--only takes phases among ${allPhases.join(', ')} (e.g. --only e or --only a,b), not "${cliArgs.only}"`);
  }
  return allPhases.filter((p) => wanted.includes(p));
})();
const onlySome = phases.length < allPhases.length;

const quick = process.env.BENCH_QUICK === '1';
const plan = quick
  ? { startRuns: 3, connections: 50, loadSeconds: 3, warmupSeconds: 1, members: 50, auditEntries: 50_000, watchdogMinutes: 15 }
  : { startRuns: 5, connections: 50, loadSeconds: 10, warmupSeconds: 3, members: 50, auditEntries: 1_000_000, watchdogMinutes: 100 };
const SEED = 42;
const inventoryPlan: InventoryPlan = {
  importRows: quick ? 1_000 : 10_000,
  importRuns: 3,
  listSizes: quick ? [1_000, 10_000] : [10_000, 100_000],
  warmupRequests: 5,
  measuredRequests: 50,
  seed: SEED,
};
const controlsPlan: ControlsPlan = {
  size: quick ? { systems: 500, risks: 5_000, implementationsPerSystem: 5, evidence: 20_000 } : fullControlsSize,
  warmupRequests: 3,
  measuredRequests: quick ? 10 : 30,
  exportRequests: quick ? 3 : 10,
  seed: SEED,
};
const skipPostgres = process.env.BENCH_SKIP_POSTGRES === '1';
const pgAdminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const outputPath = process.env.BENCH_OUTPUT
  ? path.resolve(process.env.BENCH_OUTPUT)
  : quick
    ? null
    : path.join(repoRoot, 'docs', 'benchmarks.md');

type Kind = 'sqlite' | 'postgres';
const kindLabel: Record<Kind, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

// ---------------------------------------------------------------------------
// Everything the run creates, so that it can all be removed, whatever happens.
// ---------------------------------------------------------------------------

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
const scratchDatabases = new Set<string>();
const scratchSchemas = new Set<string>();
let cleaningUp: Promise<void> | null = null;

function cleanup(): Promise<void> {
  cleaningUp ??= (async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const exited = await waitForExit(child, 5000);
        if (!exited) child.kill('SIGKILL');
      }
    }
    children.clear();
    for (const name of scratchSchemas) {
      try {
        await dropSchema(name);
      } catch (error) {
        log(`could not drop schema ${name}: ${messageOf(error)} (drop it by hand)`);
      }
    }
    for (const name of scratchDatabases) {
      try {
        await dropDatabase(name);
      } catch (error) {
        log(`could not drop database ${name}: ${messageOf(error)} (drop it by hand)`);
      }
    }
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
    tempDirs.clear();
  })();
  return cleaningUp;
}

// Last resort when the process exits without the async cleanup (cannot drop databases here).
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    interrupted = true;
    log(`received ${signal}, cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function makeTempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `trellis-bench-${label}-`));
  tempDirs.add(dir);
  return dir;
}

function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

// ---------------------------------------------------------------------------
// PostgreSQL scratch databases (one per measurement; the server takes no schema from its environment).
// ---------------------------------------------------------------------------

function checkLoopback(url: string): void {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    throw new Error(`BENCH_PG_URL must point at this machine (127.0.0.1), not ${host}`);
  }
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const runId = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
let databaseCounter = 0;

function databaseUrl(name: string): string {
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function createDatabase(label: string): Promise<string> {
  databaseCounter += 1;
  const name = `trellis_bench_${runId}_${label}${databaseCounter}`.toLowerCase();
  scratchDatabases.add(name);
  await withAdmin((c) => c.query(`create database "${name}"`));
  return name;
}

async function dropDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
  scratchDatabases.delete(name);
}

async function createSchema(label: string): Promise<string> {
  databaseCounter += 1;
  const name = `bench_${runId}_${label}${databaseCounter}`.toLowerCase();
  scratchSchemas.add(name);
  await withAdmin((c) => c.query(`create schema "${name}"`));
  return name;
}

async function dropSchema(name: string): Promise<void> {
  await withAdmin((c) => c.query(`drop schema if exists "${name}" cascade`));
  scratchSchemas.delete(name);
}

/**
 * Whether this Trellis reads a PostgreSQL schema from its environment (TRELLIS_DB_SCHEMA).
 * Then each measurement gets a fresh schema in the BENCH_PG_URL database; otherwise a
 * fresh database of its own.
 */
function serverTakesSchema(): boolean {
  try {
    const db = loadConfig({ DATABASE_URL: pgAdminUrl, TRELLIS_DB_SCHEMA: 'bench_probe' }).database;
    return db.kind === 'postgres' && db.schema === 'bench_probe';
  } catch {
    return false;
  }
}
const pgIsolation: 'schema' | 'database' = serverTakesSchema() ? 'schema' : 'database';

// ---------------------------------------------------------------------------
// A database to run against: a temp data dir, plus a scratch database on PostgreSQL.
// ---------------------------------------------------------------------------

interface Target {
  kind: Kind;
  dataDir: string;
  database: DatabaseConfig;
  /** Environment for a Trellis process using this database. */
  env: Record<string, string>;
  /** The scratch schema or database (PostgreSQL). */
  pg?: { schema: string } | { database: string };
  dispose(): Promise<void>;
}

async function createTarget(kind: Kind, label: string): Promise<Target> {
  const dataDir = makeTempDir(label);
  if (kind === 'sqlite') {
    return {
      kind,
      dataDir,
      database: { kind: 'sqlite', file: path.join(dataDir, 'trellis.sqlite') },
      env: { TRELLIS_DATA_DIR: dataDir },
      dispose: async () => removeTempDir(dataDir),
    };
  }
  if (pgIsolation === 'schema') {
    const schema = await createSchema(label);
    return {
      kind,
      dataDir,
      database: { kind: 'postgres', url: pgAdminUrl, schema },
      pg: { schema },
      env: { TRELLIS_DATA_DIR: dataDir, DATABASE_URL: pgAdminUrl, TRELLIS_DB_SCHEMA: schema },
      dispose: async () => {
        await dropSchema(schema);
        removeTempDir(dataDir);
      },
    };
  }
  const name = await createDatabase(label);
  const url = databaseUrl(name);
  return {
    kind,
    dataDir,
    database: { kind: 'postgres', url },
    pg: { database: name },
    env: { TRELLIS_DATA_DIR: dataDir, DATABASE_URL: url },
    dispose: async () => {
      await dropDatabase(name);
      removeTempDir(dataDir);
    },
  };
}

// ---------------------------------------------------------------------------
// Trellis processes.
// ---------------------------------------------------------------------------

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('TRELLIS_') || key.startsWith('BENCH_') || ['DATABASE_URL', 'PORT', 'HOST', 'LOG_LEVEL'].includes(key)) continue;
    env[key] = value;
  }
  return { ...env, HOST: '127.0.0.1', ...extra };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** GET on 127.0.0.1; resolves with the status and body, rejects on connection errors. */
function httpGet(
  port: number,
  urlPath: string,
  headers: Record<string, string> = {},
  timeoutMs = 2000,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

interface RunningServer {
  port: number;
  /** Milliseconds from spawn to the first 200 from /api/health. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * Spawns `trellis serve` (what `npm start` would run) and waits for the first healthy answer.
 * `onOutput` receives everything the server writes to stdout (its JSON log lines).
 */
async function startServer(
  target: Target,
  extraEnv: Record<string, string> = {},
  options: { onOutput?: (text: string) => void } = {},
): Promise<RunningServer> {
  const port = await freePort();
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  const started = performance.now();
  const child = spawn(process.execPath, [cliPath, 'serve'], {
    cwd: repoRoot,
    env: childEnv({ ...target.env, PORT: String(port), ...extraEnv }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const { onOutput } = options;
  if (onOutput) {
    // A decoder, so that a character split between two chunks arrives whole.
    const decoder = new StringDecoder('utf8');
    child.stdout?.on('data', (chunk: Buffer) => onOutput(decoder.write(chunk)));
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 10_000))) {
        log(`server on port ${port} did not stop within 10 s; killing it`);
        child.kill('SIGKILL');
        await waitForExit(child, 5000);
      }
    }
    children.delete(child);
  };
  const deadline = started + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      children.delete(child);
      throw new Error(`trellis serve exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`);
    }
    try {
      const res = await httpGet(port, '/api/health', {}, 1000);
      if (res.status === 200) return { port, startMs: performance.now() - started, stop };
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`trellis serve did not answer /api/health within 120 s:\n${output}`);
    }
    await sleep(5);
  }
}

/** Runs a Trellis CLI command to completion; resolves with its wall time and output. */
async function runCli(
  target: Target,
  args: string[],
  timeoutMs: number,
): Promise<{ ms: number; code: number | null; stdout: string; stderr: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    env: childEnv(target.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-4000)));
  const exited = await waitForExit(child, timeoutMs);
  if (!exited) {
    child.kill('SIGKILL');
    await waitForExit(child, 5000);
  }
  children.delete(child);
  if (!exited) throw new Error(`trellis ${args.join(' ')} did not finish within ${timeoutMs / 1000} s`);
  return { ms: performance.now() - started, code: child.exitCode, stdout, stderr };
}

// ---------------------------------------------------------------------------
// The measurements.
// ---------------------------------------------------------------------------

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

interface StartupResult {
  firstMs: number[];
  warmMs: number[];
}

async function measureStartup(kind: Kind): Promise<StartupResult> {
  const firstMs: number[] = [];
  const warmMs: number[] = [];
  let last: Target | null = null;
  try {
    for (let i = 0; i < plan.startRuns; i += 1) {
      if (last) await last.dispose();
      last = await createTarget(kind, 'start');
      const server = await startServer(last);
      await server.stop();
      firstMs.push(server.startMs);
      log(`${kindLabel[kind]} first start ${i + 1}/${plan.startRuns}: ${server.startMs.toFixed(0)} ms`);
    }
    if (!last) throw new Error('no start runs');
    for (let i = 0; i < plan.startRuns; i += 1) {
      const server = await startServer(last);
      await server.stop();
      warmMs.push(server.startMs);
      log(`${kindLabel[kind]} warm restart ${i + 1}/${plan.startRuns}: ${server.startMs.toFixed(0)} ms`);
    }
  } finally {
    await last?.dispose();
  }
  return { firstMs, warmMs };
}

interface LoadResult {
  url: string;
  members: number;
  requestsPerSecond: number;
  requestsTotal: number;
  latencyP50: number;
  latencyP99: number;
  latencyAverage: number;
  latencyMax: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function measureLoad(kind: Kind): Promise<LoadResult> {
  const target = await createTarget(kind, 'load');
  let server: RunningServer | null = null;
  try {
    const db = openDatabase(target.database);
    let token: string;
    let slug: string;
    try {
      await migrateToLatest(db);
      const data = await generateDataset(db, { orgs: 1, members: plan.members, auditEntries: 0, seed: SEED, progress: silentProgress });
      const org = data.organizations[0];
      if (!org) throw new Error('the generator made no organization');
      slug = org.slug;
      token = (await createTokenForMember(db, { email: org.ownerEmail, org: org.slug, name: 'benchmark' }, cliActor())).token;
    } finally {
      await db.close();
    }
    server = await startServer(target, { TRELLIS_DEMO: '0' });
    const urlPath = `/api/orgs/${slug}/members`;
    const headers = { authorization: `Bearer ${token}` };
    const check = await httpGet(server.port, urlPath, headers);
    const listed = check.status === 200 ? (JSON.parse(check.body) as unknown[]).length : -1;
    if (check.status !== 200 || listed !== plan.members) {
      throw new Error(
        `GET ${urlPath} answered ${check.status} with ${listed} members (expected 200 with ${plan.members}): ${check.body.slice(0, 300)}`,
      );
    }
    const url = `http://127.0.0.1:${server.port}${urlPath}`;
    log(`${kindLabel[kind]} load: warm-up ${plan.warmupSeconds} s`);
    await autocannon({ url, headers, connections: plan.connections, duration: plan.warmupSeconds });
    log(`${kindLabel[kind]} load: ${plan.connections} connections for ${plan.loadSeconds} s`);
    const r = await autocannon({ url, headers, connections: plan.connections, duration: plan.loadSeconds });
    const result: LoadResult = {
      url: `GET /api/orgs/${slug}/members`,
      members: listed,
      requestsPerSecond: r.requests.average,
      requestsTotal: r.requests.total,
      latencyP50: r.latency.p50,
      latencyP99: r.latency.p99,
      latencyAverage: r.latency.average,
      latencyMax: r.latency.max,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
    };
    log(
      `${kindLabel[kind]} load: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latencyP50} ms, p99 ${result.latencyP99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
    );
    return result;
  } finally {
    await server?.stop();
    await target.dispose();
  }
}

interface VerifyBenchResult {
  entries: number;
  chains: number;
  generateSeconds: number;
  verifySeconds: number;
  verifySecondsPerMillion: number;
  /** The same before ANALYZE (no planner statistics on the generated rows). */
  staleVerifySeconds: number;
  staleVerifySecondsPerMillion: number;
  cliSeconds: number;
  cliOk: boolean;
  databaseBytes: number | null;
}

/** Times one in-process `verifyAuditChains` on a fresh connection and checks it passed on every entry. */
async function timeVerify(kind: Kind, target: Target, label: string): Promise<{ seconds: number; entries: number; chains: number }> {
  log(`${kindLabel[kind]} verify (in process, ${label})`);
  const db = openDatabase(target.database);
  let verified;
  const t0 = performance.now();
  try {
    verified = await verifyAuditChains(db);
  } finally {
    await db.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  if (!verified.ok) throw new Error(`verifyAuditChains failed on generated data: ${verified.firstBad?.message ?? 'unknown'}`);
  if (verified.entries !== plan.auditEntries)
    throw new Error(`verifyAuditChains checked ${verified.entries} entries, expected ${plan.auditEntries}`);
  log(`${kindLabel[kind]} verify (in process, ${label}): ${verified.entries.toLocaleString('en-US')} entries in ${seconds.toFixed(2)} s`);
  return { seconds, entries: verified.entries, chains: verified.chains };
}

/** Gathers planner statistics, as autovacuum would on PostgreSQL. */
async function analyze(target: Target): Promise<void> {
  if (target.database.kind === 'sqlite') {
    const sqlite = new SQLite(target.database.file);
    try {
      sqlite.exec('analyze');
    } finally {
      sqlite.close();
    }
    return;
  }
  const { url, schema } = target.database;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (schema) {
      // Only this run's tables, not every schema of the shared database.
      const tables = await client.query<{ name: string }>('select tablename as name from pg_tables where schemaname = $1', [schema]);
      const list = tables.rows.map((t) => `"${schema}"."${t.name}"`).join(', ');
      if (list) await client.query(`analyze ${list}`);
    } else {
      await client.query('analyze');
    }
  } finally {
    await client.end().catch(() => {});
  }
}

async function measureVerify(kind: Kind): Promise<VerifyBenchResult> {
  const target = await createTarget(kind, 'audit');
  try {
    let generateSeconds: number;
    {
      const db = openDatabase(target.database);
      try {
        await migrateToLatest(db);
        const data = await generateDataset(db, {
          orgs: 1,
          members: plan.members,
          auditEntries: plan.auditEntries,
          seed: SEED,
          progress: (label, total, unit) => stderrProgress(`${kindLabel[kind]} ${label}`, total, unit),
        });
        generateSeconds = data.seconds;
      } finally {
        // Closing also checkpoints SQLite's WAL, as a long-running install would have.
        await db.close();
      }
    }
    let databaseBytes: number | null = null;
    if (target.database.kind === 'sqlite') databaseBytes = fs.statSync(target.database.file).size;
    else if (target.pg) {
      const where = target.pg;
      databaseBytes = await withAdmin(async (c) => {
        const result =
          'schema' in where
            ? await c.query(
                `select sum(pg_total_relation_size(c.oid)) as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
                 where s.nspname = $1 and c.relkind in ('r', 'm')`,
                [where.schema],
              )
            : await c.query('select pg_database_size($1) as n', [where.database]);
        return Number(result.rows[0]?.n ?? 0);
      });
    }

    // First as loaded: the planner has no statistics on the new rows yet (as right after a
    // bulk load or a restore, before autovacuum's ANALYZE, or forever with autovacuum off).
    const stale = await timeVerify(kind, target, 'before ANALYZE');
    // Then in steady state, with statistics as autovacuum (PostgreSQL) or ANALYZE (SQLite) leaves them.
    await analyze(target);
    const analyzed = await timeVerify(kind, target, 'after ANALYZE');

    log(`${kindLabel[kind]} verify: trellis audit-log verify (CLI)`);
    const cli = await runCli(target, ['audit-log', 'verify', '--json'], 20 * 60_000);
    let cliOk = false;
    try {
      const parsed = JSON.parse(cli.stdout) as { ok?: boolean; entries?: number };
      cliOk = cli.code === 0 && parsed.ok === true && parsed.entries === plan.auditEntries;
    } catch {
      cliOk = false;
    }
    if (!cliOk) throw new Error(`trellis audit-log verify did not pass (exit ${cli.code}): ${cli.stdout.slice(0, 500)} ${cli.stderr}`);
    log(`${kindLabel[kind]} verify: CLI passed in ${(cli.ms / 1000).toFixed(2)} s`);
    return {
      entries: analyzed.entries,
      chains: analyzed.chains,
      generateSeconds,
      verifySeconds: analyzed.seconds,
      verifySecondsPerMillion: (analyzed.seconds / analyzed.entries) * 1_000_000,
      staleVerifySeconds: stale.seconds,
      staleVerifySecondsPerMillion: (stale.seconds / stale.entries) * 1_000_000,
      cliSeconds: cli.ms / 1000,
      cliOk,
      databaseBytes,
    };
  } finally {
    await target.dispose();
  }
}

// ---------------------------------------------------------------------------
// Machine description and the report.
// ---------------------------------------------------------------------------

interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  os: string;
  node: string;
  sqlite: string;
  postgres: string | null;
  trellis: string;
  loadAverage: string;
}

function readOsName(): string {
  try {
    const text = fs.readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text)?.[1];
    if (pretty) return `${pretty} (${os.type()} ${os.release()}, ${os.arch()})`;
  } catch {
    // Not Linux.
  }
  return `${os.type()} ${os.release()} (${os.arch()})`;
}

function readCpuModel(): string {
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'm').exec(info)?.[1]?.trim();
    const model = field('model name');
    if (model) {
      const details = [
        field('cpu family') && field('model') ? `family ${field('cpu family')} model ${field('model')}` : null,
        field('cpu MHz') ? `${Math.round(Number(field('cpu MHz')))} MHz` : null,
        / hypervisor( |$)/m.test(field('flags') ?? '') ? 'virtual machine' : null,
      ].filter((d): d is string => d !== null);
      return details.length ? `${model} (${details.join(', ')})` : model;
    }
  } catch {
    // Not Linux.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function describeCode(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    // Only the code that is measured counts (not this harness, its report, or the web UI sources).
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'src', 'bin', 'package.json', 'package-lock.json'], {
        cwd: repoRoot,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() !== '';
    return `Trellis ${trellisVersion}, commit ${commit}${dirty ? ' with uncommitted changes in src/, bin/ or package.json' : ''}`;
  } catch {
    return `Trellis ${trellisVersion}`;
  }
}

async function describeMachine(withPostgres: boolean): Promise<Machine> {
  const sqlite = new SQLite(':memory:');
  const sqliteVersion = (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v;
  sqlite.close();
  const postgres = withPostgres
    ? await withAdmin(async (c) => {
        const version = String((await c.query('select version() as v')).rows[0]?.v ?? 'unknown').replace(/ on .*$/, '');
        const autovacuum = String((await c.query('show autovacuum')).rows[0]?.autovacuum ?? '?');
        const buffers = String((await c.query('show shared_buffers')).rows[0]?.shared_buffers ?? '?');
        return `${version} (same machine, 127.0.0.1; autovacuum ${autovacuum}, shared_buffers ${buffers})`;
      })
    : null;
  return {
    cpu: readCpuModel(),
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: readOsName(),
    node: process.version,
    sqlite: `${sqliteVersion} (better-sqlite3, WAL, synchronous=NORMAL)`,
    postgres,
    trellis: describeCode(),
    loadAverage: os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' / '),
  };
}

interface Results {
  /** 1-minute load average when each phase began: other work on the machine skews the figures. */
  loadBefore: Record<string, number>;
  startup: Partial<Record<Kind, StartupResult>>;
  load: Partial<Record<Kind, LoadResult>>;
  verify: Partial<Record<Kind, VerifyBenchResult>>;
  inventory: Partial<Record<Kind, InventoryBenchResult>>;
  controls: Partial<Record<Kind, ControlsBenchResult>>;
}

function fmtMs(ms: number | undefined): string {
  return ms === undefined || Number.isNaN(ms) ? 'n/a' : `${Math.round(ms).toLocaleString('en-US')} ms`;
}

function fmtS(s: number | undefined, digits = 1): string {
  return s === undefined ? 'n/a' : `${s.toFixed(digits)} s`;
}

function fmtInt(n: number | undefined): string {
  return n === undefined ? 'n/a' : Math.round(n).toLocaleString('en-US');
}

function fmtBytes(n: number | null | undefined): string {
  return n === null || n === undefined ? 'n/a' : `${(n / 1024 ** 2).toFixed(0)} MiB`;
}

function commandLine(): string {
  const base = process.env.npm_lifecycle_event === 'bench' ? 'npm run bench' : 'node --import tsx bench/run.ts';
  const vars = ['BENCH_QUICK', 'BENCH_SKIP_POSTGRES', 'BENCH_PG_URL', 'BENCH_OUTPUT']
    .filter((k) => process.env[k] !== undefined)
    .map((k) => `${k}=${process.env[k]}`);
  const args = onlySome ? `${base === 'npm run bench' ? ' --' : ''} --only ${phases.join(',')}` : '';
  return [...vars, base].join(' ') + args;
}

function machineLine(machine: Machine): string {
  return [
    `${machine.cpu}, ${machine.cores} cores, ${machine.memory}`,
    machine.os,
    `Node.js ${machine.node}`,
    `SQLite ${machine.sqlite}`,
    machine.postgres ?? 'PostgreSQL not measured',
  ].join('; ');
}

function controlsSection(machine: Machine, results: Results, meta: { date: string; command: string }): string[] {
  const kinds: Kind[] = skipPostgres ? ['sqlite'] : ['sqlite', 'postgres'];
  const loadBefore: Partial<Record<Kind, number>> = {};
  for (const k of kinds) loadBefore[k] = results.loadBefore[`(e) ${kindLabel[k]}`];
  return renderControlsSection(results.controls, kinds, kindLabel, controlsPlan, {
    date: meta.date,
    command: meta.command,
    code: machine.trellis,
    machine: machineLine(machine),
    loadBefore,
  });
}

function renderReport(machine: Machine, results: Results, meta: { date: string; command: string; totalSeconds: number }): string {
  const kinds: Kind[] = skipPostgres ? ['sqlite'] : ['sqlite', 'postgres'];
  const million = plan.auditEntries === 1_000_000 ? '1,000,000' : plan.auditEntries.toLocaleString('en-US');
  const cell = (fn: (k: Kind) => string) => kinds.map((k) => fn(k)).join(' | ');
  const row = (label: string, fn: (k: Kind) => string) => `| ${label} | ${cell(fn)} |`;
  const lines: string[] = [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (bench/run.ts). Re-run it rather than editing the figures by hand. -->',
    '',
    'No reference peer is named for these measurements, so there is nothing to compare them with yet:',
    '**the figures below are the baseline that later work is compared against.** A change that makes',
    'one of them clearly worse on comparable hardware is a regression to explain.',
    '',
    ...(quick
      ? ['> **Quick mode (`BENCH_QUICK=1`)**: small sizes and short runs, for a sanity check only. Do not compare these figures.', '']
      : []),
    `- Date: ${meta.date}`,
    `- Command: \`${meta.command}\` (from the repository root; took ${Math.round(meta.totalSeconds / 60)} min)`,
    `- Code: ${machine.trellis}`,
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${machine.cpu} |`,
    `| Cores | ${machine.cores} |`,
    `| Memory | ${machine.memory} |`,
    `| OS | ${machine.os} |`,
    `| Node.js | ${machine.node} |`,
    `| SQLite | ${machine.sqlite} |`,
    `| PostgreSQL | ${machine.postgres ?? 'not measured (BENCH_SKIP_POSTGRES=1)'} |`,
    `| Load average (1 / 5 / 15 min) when the run began | ${machine.loadAverage} |`,
    '',
    'The load generator, the Trellis server and PostgreSQL all share this machine, so the',
    'figures are lower than on a server where they run apart. Other work on the machine skews them too;',
    `the 1-minute load average when each phase began was: ${Object.entries(results.loadBefore)
      .map(([name, v]) => `${name} ${v.toFixed(2)}`)
      .join(', ')} (on ${machine.cores} cores).`,
    '',
    '## Results',
    '',
    `| Figure | ${kinds.map((k) => kindLabel[k]).join(' | ')} |`,
    `|---|${kinds.map(() => '---:').join('|')}|`,
    row(`(a) Start, empty database, to first healthy response (median of ${plan.startRuns})`, (k) =>
      fmtMs(median(results.startup[k]?.firstMs ?? [])),
    ),
    row(`(a) Start, warm restart, to first healthy response (median of ${plan.startRuns})`, (k) =>
      fmtMs(median(results.startup[k]?.warmMs ?? [])),
    ),
    row(`(b) Authenticated read, requests per second (${plan.connections} connections, ${plan.loadSeconds} s)`, (k) =>
      fmtInt(results.load[k]?.requestsPerSecond),
    ),
    row('(b) Authenticated read, latency p50', (k) => (results.load[k] ? `${results.load[k].latencyP50} ms` : 'n/a')),
    row('(b) Authenticated read, latency p99', (k) => (results.load[k] ? `${results.load[k].latencyP99} ms` : 'n/a')),
    row('(b) Non-2xx responses / connection errors', (k) =>
      results.load[k] ? `${results.load[k].non2xx} / ${results.load[k].errors}` : 'n/a',
    ),
    row('(c) Audit-log verify, seconds per million entries', (k) => fmtS(results.verify[k]?.verifySecondsPerMillion)),
    row(`(c) \`trellis audit-log verify\`, ${million} entries, wall time`, (k) => fmtS(results.verify[k]?.cliSeconds)),
    row('(c) Audit-log verify right after bulk insert (no planner statistics), seconds per million entries', (k) =>
      fmtS(results.verify[k]?.staleVerifySecondsPerMillion),
    ),
    '',
    'Supporting figures (not product figures, but useful when reading the ones above):',
    '',
    `| | ${kinds.map((k) => kindLabel[k]).join(' | ')} |`,
    `|---|${kinds.map(() => '---:').join('|')}|`,
    row('Start, empty database, each run', (k) => (results.startup[k]?.firstMs ?? []).map((v) => Math.round(v)).join(', ') + ' ms'),
    row('Start, warm restart, each run', (k) => (results.startup[k]?.warmMs ?? []).map((v) => Math.round(v)).join(', ') + ' ms'),
    row('(b) Requests completed in the measured window', (k) => fmtInt(results.load[k]?.requestsTotal)),
    row('(b) Latency mean / max', (k) =>
      results.load[k] ? `${results.load[k].latencyAverage.toFixed(1)} / ${results.load[k].latencyMax} ms` : 'n/a',
    ),
    row(`(c) Verify of ${million} entries, in process, after ANALYZE`, (k) => fmtS(results.verify[k]?.verifySeconds, 2)),
    row(`(c) Verify of ${million} entries, in process, before ANALYZE`, (k) => fmtS(results.verify[k]?.staleVerifySeconds, 2)),
    row(`(c) Generating ${million} entries (bench/generate.ts)`, (k) =>
      results.verify[k]
        ? `${fmtS(results.verify[k].generateSeconds)} (${fmtInt(results.verify[k].entries / results.verify[k].generateSeconds)}/s)`
        : 'n/a',
    ),
    row('(c) Database size after generating', (k) => fmtBytes(results.verify[k]?.databaseBytes)),
    '',
    '## What the figures mean',
    '',
    `- **(a) Start.** Wall time from spawning \`node bin/trellis.mjs serve\` (what starting Trellis runs; the TypeScript is`,
    '  compiled on the fly by tsx) to the first `200` from `GET /api/health`, polled every 5 ms on 127.0.0.1.',
    '  *Empty database* is a first start: a fresh data directory (SQLite) or a freshly created database',
    '  (PostgreSQL), so it includes running every migration and seeding the demo organization (one argon2 password',
    `  hash). *Warm restart* starts again on that already migrated and seeded database. Median of ${plan.startRuns} runs each;`,
    '  one unmeasured start beforehand warms the tsx compile cache and the OS file cache.',
    `- **(b) Authenticated read.** \`GET /api/orgs/<slug>/members\` with \`Authorization: Bearer <API token>\` on an`,
    `  organization of ${plan.members} members (the response lists all ${plan.members}). Each request resolves the token (hash lookup,`,
    '  membership, user, organization), checks the permission and reads the member list. autocannon keeps',
    `  ${plan.connections} connections busy for ${plan.loadSeconds} s after a ${plan.warmupSeconds} s warm-up; *requests per second* is the mean per second,`,
    '  *p50/p99* are the latencies half and 99 % of requests stayed under (autocannon measures in whole milliseconds).',
    '  Non-2xx responses or errors mean the figure is not valid.',
    `- **(c) Audit-log verify.** ${million} entries in one organization's hash chain are generated with`,
    '  `bench/generate.ts` (seed 42), then `verifyAuditChains` recomputes every SHA-256 hash and link, the same',
    '  work as `trellis audit-log verify`. *Seconds per million entries* is the in-process time scaled to one',
    '  million, measured in steady state: after `ANALYZE`, i.e. with the planner statistics autovacuum keeps on a',
    '  normally configured PostgreSQL. The CLI wall time (also after `ANALYZE`) adds starting the CLI and opening the',
    '  database, and confirms the generated chain passes the real command. The *right after bulk insert* row is the',
    '  same in-process verify run first, before any `ANALYZE`: the situation right after a restore or a bulk',
    '  import, before autovacuum has analyzed the table (or at any time when autovacuum is off). On PostgreSQL',
    '  the planner then reads each 5,000-entry page with a bitmap scan of *every* later entry of the chain plus a',
    '  sort, so the time grows roughly with the square of the chain length; with statistics it walks the primary',
    '  key. Where autovacuum is on it may have analyzed the table during generation already, and the two rows agree.',
    '',
    ...renderInventorySection(results.inventory, kinds, kindLabel, inventoryPlan),
    ...(Object.keys(results.controls).length ? controlsSection(machine, results, meta) : []),
    '## Running it',
    '',
    '```sh',
    'npm run bench                      # full run; rewrites this file (about 10 minutes on 2 cores)',
    'BENCH_QUICK=1 npm run bench        # small sanity run; prints the report, leaves this file alone',
    'BENCH_SKIP_POSTGRES=1 npm run bench  # SQLite only',
    'npm run bench -- --only e          # one phase (a–e); phase e rewrites only its own section here',
    '```',
    '',
    'PostgreSQL is reached at `BENCH_PG_URL` (default `postgres://postgres@127.0.0.1:5432/test`, loopback only).',
    pgIsolation === 'schema'
      ? 'Each measurement gets a fresh schema `bench_<timestamp>_<pid>_*` in that database, handed to the server as'
      : 'This Trellis reads no schema from its environment, so each measurement gets a fresh database',
    pgIsolation === 'schema'
      ? '`TRELLIS_DB_SCHEMA`; the bench drops them at the end, also on error or Ctrl-C (a Trellis without'
      : '`trellis_bench_<timestamp>_<pid>_*` on that server; the bench drops them at the end, also on error or',
    pgIsolation === 'schema'
      ? '`TRELLIS_DB_SCHEMA` gets scratch databases `trellis_bench_<timestamp>_<pid>_*` instead).'
      : 'Ctrl-C (a Trellis with `TRELLIS_DB_SCHEMA` gets scratch schemas `bench_<timestamp>_<pid>_*` instead).',
    'Raw results are kept as JSON under `bench/.out/` (ignored by git).',
    '',
    'To generate a large dataset by hand (into `DATABASE_URL` and `TRELLIS_DB_SCHEMA`, or the SQLite file under `TRELLIS_DATA_DIR`):',
    '',
    '```sh',
    'node --import tsx bench/generate.ts --orgs 1 --members 50 --audit-entries 1000000 --seed 42',
    '```',
    '',
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------------------

/** Aligns the tables with the repository's Prettier settings when Prettier is installed (it is a devDependency). */
async function formatMarkdown(text: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(path.join(repoRoot, 'docs', 'benchmarks.md'))) ?? {};
    return await prettier.format(text, { ...options, parser: 'markdown' });
  } catch {
    return text;
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const date = new Date().toISOString();
  if (!fs.existsSync(cliPath)) throw new Error(`${cliPath} is missing`);
  if (!skipPostgres) {
    checkLoopback(pgAdminUrl);
    try {
      await withAdmin((c) => c.query('select 1'));
    } catch (error) {
      throw new Error(`PostgreSQL at ${pgAdminUrl} is not reachable (${messageOf(error)}); start it or set BENCH_SKIP_POSTGRES=1`);
    }
  }
  const kinds: Kind[] = skipPostgres ? ['sqlite'] : ['sqlite', 'postgres'];
  log(
    `${quick ? 'quick' : 'full'} run on ${kinds.map((k) => kindLabel[k]).join(' and ')}${onlySome ? `, phase${phases.length > 1 ? 's' : ''} ${phases.join(', ')} only` : ''}`,
  );
  const machine = await describeMachine(!skipPostgres);

  // Unmeasured: warms tsx's compile cache and the file cache so run 1 is not an outlier.
  {
    const warm = await createTarget('sqlite', 'warmup');
    try {
      const server = await startServer(warm);
      await server.stop();
    } finally {
      await warm.dispose();
    }
  }

  const results: Results = { loadBefore: {}, startup: {}, load: {}, verify: {}, inventory: {}, controls: {} };
  const phase = (name: string) => (results.loadBefore[name] = Number((os.loadavg()[0] ?? 0).toFixed(2)));
  const runs = (p: Phase) => phases.includes(p);
  for (const kind of runs('a') ? kinds : []) {
    phase(`(a) ${kindLabel[kind]}`);
    results.startup[kind] = await measureStartup(kind);
  }
  for (const kind of runs('b') ? kinds : []) {
    phase(`(b) ${kindLabel[kind]}`);
    results.load[kind] = await measureLoad(kind);
  }
  for (const kind of runs('c') ? kinds : []) {
    phase(`(c) ${kindLabel[kind]}`);
    results.verify[kind] = await measureVerify(kind);
  }
  for (const kind of runs('d') ? kinds : []) {
    phase(`(d) ${kindLabel[kind]}`);
    results.inventory[kind] = await measureInventory(kind, { createTarget, startServer, analyze, log }, inventoryPlan, kindLabel[kind]);
  }
  for (const kind of runs('e') ? kinds : []) {
    phase(`(e) ${kindLabel[kind]}`);
    results.controls[kind] = await measureControls(
      kind,
      { createTarget, startServer, analyze, log },
      controlsPlan,
      kindLabel[kind],
      (label, total, unit) => stderrProgress(label, total, unit),
    );
  }

  const totalSeconds = (performance.now() - started) / 1000;
  const report = renderReport(machine, results, { date, command: commandLine(), totalSeconds });
  const rawDir = path.join(repoRoot, 'bench', '.out');
  fs.mkdirSync(rawDir, { recursive: true });
  const rawFile = path.join(rawDir, `results-${date.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  fs.writeFileSync(
    rawFile,
    `${JSON.stringify({ date, command: commandLine(), phases, quick, plan, inventoryPlan, controlsPlan, machine, results }, null, 2)}\n`,
  );
  if (onlySome) {
    // Only phase e's section can replace its part of the existing report; the rest is printed.
    const others = phases.filter((p) => p !== 'e');
    if (others.length) process.stdout.write(report);
    if (runs('e') && outputPath && fs.existsSync(outputPath)) {
      const section = controlsSection(machine, results, { date, command: commandLine() }).join('\n');
      fs.writeFileSync(outputPath, await formatMarkdown(spliceControlsSection(fs.readFileSync(outputPath, 'utf8'), section)));
      log(`wrote phase e's section of ${path.relative(repoRoot, outputPath)}; raw results in ${path.relative(repoRoot, rawFile)}`);
    } else if (runs('e') && !others.length) {
      process.stdout.write(`${controlsSection(machine, results, { date, command: commandLine() }).join('\n')}\n`);
      log(`report printed above; raw results in ${path.relative(repoRoot, rawFile)}`);
    } else {
      log(`report printed above, docs/benchmarks.md left alone; raw results in ${path.relative(repoRoot, rawFile)}`);
    }
  } else if (outputPath) {
    fs.writeFileSync(outputPath, await formatMarkdown(report));
    log(`wrote ${path.relative(repoRoot, outputPath)} and ${path.relative(repoRoot, rawFile)}`);
  } else {
    process.stdout.write(report);
    log(`quick mode: report printed above, docs/benchmarks.md left alone; raw results in ${path.relative(repoRoot, rawFile)}`);
  }
}

const watchdog = setTimeout(() => {
  log(`the run exceeded ${plan.watchdogMinutes} minutes; stopping`);
  setTimeout(() => process.exit(1), 60_000).unref();
  void cleanup().finally(() => process.exit(1));
}, plan.watchdogMinutes * 60_000);

try {
  await main();
} catch (error) {
  // After a signal, work in flight fails as its database disappears: not worth reporting.
  if (!interrupted) log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
