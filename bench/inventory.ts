/**
 * Phase d of `npm run bench` (bench/run.ts): the AI system inventory, on each database.
 *
 * Import: the same generated systems (bench/generate-systems.ts, seeded) as a CSV file and as an
 * XLSX workbook are POSTed as the raw body to /api/orgs/<slug>/systems/import of a running Trellis
 * (bearer token of the organization's owner), each time into a fresh, empty organization. The
 * figure is the wall time of the request, measured client-side over loopback: reading the file,
 * validating every row, inserting the systems and appending one audit entry per system (plus one for
 * the import) in one transaction. CSV and XLSX runs alternate; an unmeasured 200-row import of each
 * format warms the server up first. The dry run (`?dryRun=true`) is timed once, on CSV.
 *
 * List: one organization is filled to each size in turn (10,000, then 100,000 systems) by a direct
 * bulk insert through Kysely, one transaction per step, of rows built with `newSystemRow` (refs
 * AIS-0001… from `formatRef`, a risk class for 55 % of them). No audit entries are written for these
 * rows (nor classification records): the list and summary do not read them. PostgreSQL then gets
 * ANALYZE (as autovacuum would); SQLite does not, as Trellis never runs ANALYZE on it. A fresh server
 * (request log on) then answers each request 5 times unmeasured and 50 times measured, one at a time
 * over one keep-alive connection. Client-side latency is the time from sending the request to the
 * last byte of the answer; server-side time is fastify's `responseTime` from the request log
 * (TRELLIS_REQUEST_LOG=1), an existing switch — the product has no timing header. Every answer is
 * checked against counts the bench keeps while generating the rows. Afterwards each request's SQL
 * statements are run once more in process to record their time and query plan (EXPLAIN QUERY PLAN on
 * SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL) in the raw results (bench/.out/).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config.ts';
import { openDatabase, type Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { AiSystemTable, Database } from '../src/db/schema.ts';
import { generatePassword } from '../src/domain/crypto.ts';
import {
  SystemListQuerySchema,
  type InventorySummary,
  type SystemImportResult,
  type SystemList,
} from '../src/domain/schemas/inventory.schemas.ts';
import { cliActor, createTokenForMember, initOrganization } from '../src/features/admin/admin.service.ts';
import { formatRef, listSystems, summarizeSystems } from '../src/features/inventory/ai-system.repository.ts';
import { newSystemRow } from '../src/features/inventory/ai-system.service.ts';
import { createRng } from './generate.ts';
import {
  generateSystems,
  MARKER_WORD,
  riskClassFor,
  systemsCsv,
  systemsXlsx,
  takeSystems,
  type GeneratedSystem,
} from './generate-systems.ts';

export type Kind = 'sqlite' | 'postgres';

const CSV_MIME = 'text/csv';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface InventoryPlan {
  /** Systems per imported file. */
  importRows: number;
  /** Measured imports per format (the median is reported). */
  importRuns: number;
  /** Sizes the list organization is filled to, in increasing order. */
  listSizes: readonly number[];
  warmupRequests: number;
  measuredRequests: number;
  seed: number;
}

/** What phase d needs from bench/run.ts (structural, so this file does not import run.ts). */
export interface InventoryHarness<T extends { kind: Kind; database: DatabaseConfig; dispose(): Promise<void> }> {
  createTarget(kind: Kind, label: string): Promise<T>;
  startServer(
    target: T,
    env: Record<string, string>,
    options?: { onOutput?: (text: string) => void },
  ): Promise<{ port: number; stop(): Promise<void> }>;
  analyze(target: T): Promise<void>;
  log(message: string): void;
}

export interface ImportBenchResult {
  rows: number;
  csvBytes: number;
  xlsxBytes: number;
  csvMs: number[];
  xlsxMs: number[];
  dryRunCsvMs: number;
}

export interface StatementPlan {
  sql: string;
  parameters: unknown[];
  /** In-process execution time of the statement (second run, after one warm-up run). */
  ms: number;
  plan: string;
}

export type ListQueryKey = 'default' | 'deep' | 'filtered' | 'search' | 'summary';

export interface ListQueryResult {
  key: ListQueryKey;
  path: string;
  /** Systems matching (the list's `total`; the summary's `total`). */
  matched: number;
  /** Systems on the page (0 for the summary). */
  items: number;
  responseBytes: number;
  clientMs: number[];
  clientP50: number;
  clientP95: number;
  /** fastify's responseTime from the request log; null when the log could not be read. */
  serverP50: number | null;
  serverP95: number | null;
  statements: StatementPlan[];
}

export interface ListSizeResult {
  systems: number;
  /** Seconds to insert the rows added for this size (one transaction), and for PostgreSQL to ANALYZE. */
  loadSeconds: number;
  analyzeSeconds: number | null;
  queries: ListQueryResult[];
}

export interface InventoryBenchResult {
  import: ImportBenchResult;
  list: ListSizeResult[];
}

// ---------------------------------------------------------------------------
// HTTP over one keep-alive connection.
// ---------------------------------------------------------------------------

interface Answer {
  status: number;
  body: Buffer;
  ms: number;
}

function send(
  agent: http.Agent,
  port: number,
  method: 'GET' | 'POST',
  urlPath: string,
  headers: Record<string, string>,
  body: Buffer | null,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        timeout: timeoutMs,
        headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - started }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath}: no answer within ${timeoutMs / 1000} s`)));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

function expectOk(answer: Answer, what: string): void {
  if (answer.status !== 200) throw new Error(`${what} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 500)}`);
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * fastify's request log (TRELLIS_REQUEST_LOG=1): pairs each "request completed" line with the
 * URL of its "incoming request" line, keeping the server-side response time.
 */
class RequestLog {
  private pending = '';
  private readonly urls = new Map<string, string>();
  readonly completed: { url: string; status: number; ms: number }[] = [];

  feed(text: string): void {
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      let entry: { msg?: unknown; reqId?: unknown; req?: { url?: unknown }; res?: { statusCode?: unknown }; responseTime?: unknown };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue;
      }
      const id = typeof entry.reqId === 'string' || typeof entry.reqId === 'number' ? String(entry.reqId) : null;
      if (id === null) continue;
      if (entry.msg === 'incoming request' && typeof entry.req?.url === 'string') this.urls.set(id, entry.req.url);
      else if (entry.msg === 'request completed' && typeof entry.responseTime === 'number') {
        const url = this.urls.get(id);
        this.urls.delete(id);
        if (url !== undefined) this.completed.push({ url, status: Number(entry.res?.statusCode ?? 0), ms: entry.responseTime });
      }
    }
  }

  /** The server times of `count` requests to `url` completed after entry `from`; null if they do not show up within 3 s. */
  async timesSince(from: number, url: string, count: number): Promise<number[] | null> {
    const deadline = performance.now() + 3000;
    for (;;) {
      const times = this.completed
        .slice(from)
        .filter((e) => e.url === url)
        .map((e) => e.ms);
      if (times.length >= count) return times.slice(0, count);
      if (performance.now() > deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

// ---------------------------------------------------------------------------
// Organizations.
// ---------------------------------------------------------------------------

interface BenchOrg {
  id: string;
  slug: string;
  userId: string;
  token: string;
}

async function createOrg(db: Db, slug: string): Promise<BenchOrg> {
  const email = `owner@${slug}.bench.example`;
  const { user, org } = await initOrganization(db, { orgName: `Bench ${slug}`, slug, email, password: generatePassword() }, cliActor());
  const { token } = await createTokenForMember(db, { email, org: org.slug, name: 'benchmark' }, cliActor());
  return { id: org.id, slug: org.slug, userId: user.id, token };
}

// ---------------------------------------------------------------------------
// Import.
// ---------------------------------------------------------------------------

interface ImportFiles {
  rows: number;
  csv: Buffer;
  xlsx: Buffer;
  warmCsv: Buffer;
  warmXlsx: Buffer;
}

let importFiles: Promise<ImportFiles> | null = null;

/** The import files, generated once per bench run (both databases import the same bytes). */
function filesFor(plan: InventoryPlan): Promise<ImportFiles> {
  importFiles ??= (async () => {
    const systems = takeSystems(plan.seed, plan.importRows);
    const warm = takeSystems(`${plan.seed}/warm-up`, 200);
    return {
      rows: systems.length,
      csv: systemsCsv(systems),
      xlsx: await systemsXlsx(systems),
      warmCsv: systemsCsv(warm),
      warmXlsx: await systemsXlsx(warm),
    };
  })();
  return importFiles;
}

async function postImport(
  agent: http.Agent,
  port: number,
  org: BenchOrg,
  format: 'csv' | 'xlsx',
  body: Buffer,
  dryRun: boolean,
  expectedRows: number,
): Promise<number> {
  const answer = await send(
    agent,
    port,
    'POST',
    `/api/orgs/${org.slug}/systems/import${dryRun ? '?dryRun=true' : ''}`,
    { authorization: `Bearer ${org.token}`, 'content-type': format === 'csv' ? CSV_MIME : XLSX_MIME },
    body,
    10 * 60_000,
  );
  expectOk(answer, `${format.toUpperCase()} import into ${org.slug}${dryRun ? ' (dry run)' : ''}`);
  const result = JSON.parse(answer.body.toString('utf8')) as SystemImportResult;
  if (result.created !== expectedRows || result.committed === dryRun || result.errors.length > 0) {
    throw new Error(
      `${format.toUpperCase()} import into ${org.slug}: created ${result.created} of ${expectedRows}, committed ${result.committed}, ${result.errors.length} errors`,
    );
  }
  return answer.ms;
}

async function measureImport<T extends { kind: Kind; database: DatabaseConfig; dispose(): Promise<void> }>(
  kind: Kind,
  h: InventoryHarness<T>,
  plan: InventoryPlan,
  label: string,
): Promise<ImportBenchResult> {
  const files = await filesFor(plan);
  const target = await h.createTarget(kind, 'invimport');
  let server: { port: number; stop(): Promise<void> } | null = null;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const orgs: Record<string, BenchOrg> = {};
    const slugs = ['import-warm-up', 'import-dry-run'];
    for (let i = 1; i <= plan.importRuns; i += 1) slugs.push(`import-csv-${i}`, `import-xlsx-${i}`);
    const db = openDatabase(target.database);
    try {
      await migrateToLatest(db);
      for (const slug of slugs) orgs[slug] = await createOrg(db, slug);
    } finally {
      await db.close();
    }
    const org = (slug: string): BenchOrg => {
      const found = orgs[slug];
      if (!found) throw new Error(`no organization ${slug}`);
      return found;
    };
    server = await h.startServer(target, { TRELLIS_DEMO: '0' });
    const port = server.port;
    h.log(`${label} import: warm-up (200 rows, CSV and XLSX)`);
    await postImport(agent, port, org('import-warm-up'), 'csv', files.warmCsv, false, 200);
    await postImport(agent, port, org('import-warm-up'), 'xlsx', files.warmXlsx, false, 200);

    const dryRunCsvMs = await postImport(agent, port, org('import-dry-run'), 'csv', files.csv, true, files.rows);
    h.log(`${label} import: CSV dry run of ${files.rows.toLocaleString('en-US')} rows in ${dryRunCsvMs.toFixed(0)} ms`);
    const csvMs: number[] = [];
    const xlsxMs: number[] = [];
    for (let i = 1; i <= plan.importRuns; i += 1) {
      for (const format of ['csv', 'xlsx'] as const) {
        const ms = await postImport(
          agent,
          port,
          org(`import-${format}-${i}`),
          format,
          format === 'csv' ? files.csv : files.xlsx,
          false,
          files.rows,
        );
        (format === 'csv' ? csvMs : xlsxMs).push(ms);
        h.log(
          `${label} import: ${format.toUpperCase()} run ${i}/${plan.importRuns}, ${files.rows.toLocaleString('en-US')} rows in ${ms.toFixed(0)} ms`,
        );
      }
    }
    // Each imported organization now lists exactly the file's systems; the dry-run one none.
    for (const slug of slugs.slice(1)) {
      const answer = await send(
        agent,
        port,
        'GET',
        `/api/orgs/${slug}/systems?pageSize=1`,
        { authorization: `Bearer ${org(slug).token}` },
        null,
        30_000,
      );
      expectOk(answer, `GET /api/orgs/${slug}/systems`);
      const total = (JSON.parse(answer.body.toString('utf8')) as SystemList).total;
      const expected = slug === 'import-dry-run' ? 0 : files.rows;
      if (total !== expected) throw new Error(`${slug} lists ${total} systems after the import, expected ${expected}`);
    }
    return { rows: files.rows, csvBytes: files.csv.length, xlsxBytes: files.xlsx.length, csvMs, xlsxMs, dryRunCsvMs };
  } finally {
    agent.destroy();
    await server?.stop();
    await target.dispose();
  }
}

// ---------------------------------------------------------------------------
// List.
// ---------------------------------------------------------------------------

/** What the bench knows about the loaded rows, to check every answer. */
interface Expected {
  total: number;
  /** stage deployed, unclassified, EU role provider */
  filtered: number;
  /** rows whose name, ref, owner or purpose contains MARKER_WORD */
  search: number;
}

interface ListQuery {
  key: ListQueryKey;
  path: string;
  params: Record<string, string>;
  expectedMatched: number;
  expectedItems: number;
  /** The ref of the first item, when known. */
  firstRef?: string;
}

const PAGE_SIZE = 50;

function listQueries(slug: string, expected: Expected): ListQuery[] {
  const base = `/api/orgs/${slug}/systems`;
  const lastPage = Math.max(1, Math.ceil(expected.total / PAGE_SIZE));
  const deepPage = Math.min(150, lastPage);
  const onPage = (matched: number, page: number) => Math.max(0, Math.min(PAGE_SIZE, matched - (page - 1) * PAGE_SIZE));
  const queries: Omit<ListQuery, 'path'>[] = [
    { key: 'default', params: {}, expectedMatched: expected.total, expectedItems: onPage(expected.total, 1) },
    {
      key: 'deep',
      params: { sort: 'ref', page: String(deepPage), pageSize: String(PAGE_SIZE) },
      expectedMatched: expected.total,
      expectedItems: onPage(expected.total, deepPage),
      firstRef: formatRef((deepPage - 1) * PAGE_SIZE + 1),
    },
    {
      key: 'filtered',
      params: { stage: 'deployed', riskClass: 'unclassified', euRole: 'provider', sort: 'reviewDue', order: 'desc' },
      expectedMatched: expected.filtered,
      expectedItems: onPage(expected.filtered, 1),
    },
    { key: 'search', params: { q: MARKER_WORD }, expectedMatched: expected.search, expectedItems: onPage(expected.search, 1) },
    { key: 'summary', params: {}, expectedMatched: expected.total, expectedItems: 0 },
  ];
  return queries.map((q) => {
    const search = new URLSearchParams(q.params).toString();
    return { ...q, path: `${q.key === 'summary' ? `${base}/summary` : base}${search ? `?${search}` : ''}` };
  });
}

function checkAnswer(query: ListQuery, body: Buffer): { matched: number; items: number } {
  if (query.key === 'summary') {
    const summary = JSON.parse(body.toString('utf8')) as InventorySummary;
    if (summary.total !== query.expectedMatched)
      throw new Error(`${query.path}: total ${summary.total}, expected ${query.expectedMatched}`);
    return { matched: summary.total, items: 0 };
  }
  const list = JSON.parse(body.toString('utf8')) as SystemList;
  if (list.total !== query.expectedMatched || list.items.length !== query.expectedItems) {
    throw new Error(
      `${query.path}: ${list.total} matched and ${list.items.length} on the page, expected ${query.expectedMatched} and ${query.expectedItems}`,
    );
  }
  if (query.firstRef !== undefined && list.items[0]?.ref !== query.firstRef) {
    throw new Error(`${query.path}: the page starts with ${list.items[0]?.ref}, expected ${query.firstRef}`);
  }
  if (
    query.key === 'filtered' &&
    list.items.some((s) => s.stage !== 'deployed' || s.riskClass !== null || !s.euRoles.includes('provider'))
  ) {
    throw new Error(`${query.path}: an item does not match the filter`);
  }
  return { matched: list.total, items: list.items.length };
}

const YEAR_MS = 365 * 24 * 3_600_000;
const LOAD_START = Date.parse('2025-01-01T00:00:00.000Z');
const ROWS_PER_INSERT = 400;

/** Inserts systems `from + 1` … `to` in one transaction; returns seconds. */
async function loadSystems(
  db: Db,
  org: BenchOrg,
  source: Iterator<GeneratedSystem, never>,
  classes: ReturnType<typeof createRng>,
  from: number,
  to: number,
  expected: Expected,
): Promise<number> {
  const started = performance.now();
  await db.kysely.transaction().execute(async (trx) => {
    let batch: AiSystemTable[] = [];
    for (let n = from + 1; n <= to; n += 1) {
      const fields = source.next().value;
      const riskClass = riskClassFor(classes);
      // Created over a year, in ref order.
      const at = new Date(LOAD_START + Math.floor((n / to) * YEAR_MS)).toISOString();
      const row: AiSystemTable = {
        ...newSystemRow(org.id, { ...fields, ref: formatRef(n) }, org.userId, at),
        risk_class: riskClass,
        classified_at: riskClass === null ? null : at,
      };
      expected.total += 1;
      if (fields.stage === 'deployed' && riskClass === null && fields.euRoles.includes('provider')) expected.filtered += 1;
      if ([fields.name, fields.owner, fields.purpose, row.ref].some((t) => t.toLowerCase().includes(MARKER_WORD))) expected.search += 1;
      batch.push(row);
      if (batch.length === ROWS_PER_INSERT) {
        await trx.insertInto('ai_systems').values(batch).execute();
        batch = [];
      }
    }
    if (batch.length) await trx.insertInto('ai_systems').values(batch).execute();
  });
  return (performance.now() - started) / 1000;
}

function sqlitePlanText(rows: readonly Record<string, unknown>[]): string {
  const depth = new Map<number, number>();
  return rows
    .map((r) => {
      const d = (depth.get(Number(r.parent)) ?? -1) + 1;
      depth.set(Number(r.id), d);
      return `${'  '.repeat(d)}${String(r.detail)}`;
    })
    .join('\n');
}

/** Runs each request's repository call in process, capturing its statements, their time and their plans. */
async function explainQueries(
  config: DatabaseConfig,
  orgId: string,
  queries: readonly ListQuery[],
): Promise<Map<ListQueryKey, StatementPlan[]>> {
  const captured: StatementPlan[] = [];
  const log = (event: LogEvent) => {
    if (event.level === 'query') {
      captured.push({ sql: event.query.sql, parameters: [...event.query.parameters], ms: event.queryDurationMillis, plan: '' });
    }
  };
  const kysely =
    config.kind === 'sqlite'
      ? new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(config.file) }), log })
      : new Kysely<Database>({
          dialect: new PostgresDialect({
            pool: new pg.Pool({
              connectionString: config.url,
              max: 1,
              ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
            }),
          }),
          log,
        });
  const out = new Map<ListQueryKey, StatementPlan[]>();
  try {
    for (const query of queries) {
      const run = async () => {
        if (query.key === 'summary') await summarizeSystems(kysely, orgId);
        else await listSystems(kysely, orgId, SystemListQuerySchema.parse(query.params));
      };
      await run();
      captured.length = 0;
      await run();
      const statements = captured.splice(0);
      for (const statement of statements) {
        const text = config.kind === 'sqlite' ? `explain query plan ${statement.sql}` : `explain (analyze, buffers) ${statement.sql}`;
        const result = await kysely.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, statement.parameters));
        statement.plan =
          config.kind === 'sqlite' ? sqlitePlanText(result.rows) : result.rows.map((r) => String(r['QUERY PLAN'] ?? '')).join('\n');
      }
      captured.length = 0;
      out.set(query.key, statements);
    }
  } finally {
    await kysely.destroy();
  }
  return out;
}

async function measureList<T extends { kind: Kind; database: DatabaseConfig; dispose(): Promise<void> }>(
  kind: Kind,
  h: InventoryHarness<T>,
  plan: InventoryPlan,
  label: string,
): Promise<ListSizeResult[]> {
  const target = await h.createTarget(kind, 'invlist');
  const results: ListSizeResult[] = [];
  try {
    let org: BenchOrg;
    {
      const db = openDatabase(target.database);
      try {
        await migrateToLatest(db);
        org = await createOrg(db, 'inventory-list');
      } finally {
        await db.close();
      }
    }
    const source = generateSystems(plan.seed);
    const classes = createRng(`${plan.seed}/risk-classes`);
    const expected: Expected = { total: 0, filtered: 0, search: 0 };
    for (const size of plan.listSizes) {
      const from = expected.total;
      if (size <= from) throw new Error('list sizes must increase');
      const db = openDatabase(target.database);
      let loadSeconds: number;
      try {
        loadSeconds = await loadSystems(db, org, source, classes, from, size, expected);
      } finally {
        await db.close();
      }
      h.log(
        `${label} list: inserted systems ${(from + 1).toLocaleString('en-US')}–${size.toLocaleString('en-US')} in ${loadSeconds.toFixed(1)} s`,
      );
      let analyzeSeconds: number | null = null;
      if (kind === 'postgres') {
        const t0 = performance.now();
        await h.analyze(target);
        analyzeSeconds = (performance.now() - t0) / 1000;
      }

      const queries = listQueries(org.slug, expected);
      const requestLog = new RequestLog();
      const server = await h.startServer(target, { TRELLIS_DEMO: '0', TRELLIS_REQUEST_LOG: '1' }, { onOutput: (t) => requestLog.feed(t) });
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const measured: Omit<ListQueryResult, 'statements'>[] = [];
      try {
        const headers = { authorization: `Bearer ${org.token}` };
        for (const query of queries) {
          let checked: { matched: number; items: number } | null = null;
          let responseBytes = 0;
          for (let i = 0; i < plan.warmupRequests; i += 1) {
            const answer = await send(agent, server.port, 'GET', query.path, headers, null, 60_000);
            expectOk(answer, `GET ${query.path}`);
            checked = checkAnswer(query, answer.body);
            responseBytes = answer.body.length;
          }
          const mark = requestLog.completed.length;
          const clientMs: number[] = [];
          for (let i = 0; i < plan.measuredRequests; i += 1) {
            const answer = await send(agent, server.port, 'GET', query.path, headers, null, 60_000);
            if (answer.status !== 200) expectOk(answer, `GET ${query.path}`);
            clientMs.push(answer.ms);
            responseBytes = answer.body.length;
          }
          const serverMs = await requestLog.timesSince(mark, query.path, plan.measuredRequests);
          const result = {
            key: query.key,
            path: query.path.replace(org.slug, '<slug>'),
            matched: checked?.matched ?? query.expectedMatched,
            items: checked?.items ?? query.expectedItems,
            responseBytes,
            clientMs: clientMs.map((v) => Number(v.toFixed(3))),
            clientP50: percentile(clientMs, 50),
            clientP95: percentile(clientMs, 95),
            serverP50: serverMs ? percentile(serverMs, 50) : null,
            serverP95: serverMs ? percentile(serverMs, 95) : null,
          };
          measured.push(result);
          h.log(
            `${label} list at ${size.toLocaleString('en-US')}: ${query.key} p50 ${result.clientP50.toFixed(1)} ms, p95 ${result.clientP95.toFixed(1)} ms` +
              (result.serverP50 === null ? '' : ` (server ${result.serverP50.toFixed(1)} / ${result.serverP95?.toFixed(1)} ms)`) +
              `, ${result.matched.toLocaleString('en-US')} matched`,
          );
        }
      } finally {
        agent.destroy();
        await server.stop();
      }
      const plans = await explainQueries(target.database, org.id, queries);
      const queryResults = measured.map((m) => ({ ...m, statements: plans.get(m.key) ?? [] }));
      for (const q of queryResults) {
        for (const s of q.statements) {
          if (s.ms > 100)
            h.log(
              `${label} list at ${size.toLocaleString('en-US')}: ${q.key} statement took ${s.ms.toFixed(0)} ms in process:\n${s.sql}\n${s.plan}`,
            );
        }
      }
      results.push({ systems: size, loadSeconds, analyzeSeconds, queries: queryResults });
    }
  } finally {
    await target.dispose();
  }
  return results;
}

export async function measureInventory<T extends { kind: Kind; database: DatabaseConfig; dispose(): Promise<void> }>(
  kind: Kind,
  h: InventoryHarness<T>,
  plan: InventoryPlan,
  label: string,
): Promise<InventoryBenchResult> {
  const imported = await measureImport(kind, h, plan, label);
  const list = await measureList(kind, h, plan, label);
  return { import: imported, list };
}

// ---------------------------------------------------------------------------
// The report section.
// ---------------------------------------------------------------------------

function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return 'n/a';
  return ms < 100 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString('en-US')} ms`;
}

function pair(a: number | null | undefined, b: number | null | undefined): string {
  if (a === null || a === undefined || b === null || b === undefined) return 'n/a';
  const f = (v: number) => (v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US'));
  return `${f(a)} / ${f(b)} ms`;
}

const n = (v: number) => v.toLocaleString('en-US');

const keys = ['default', 'deep', 'filtered', 'search', 'summary'] as const satisfies readonly ListQueryKey[];

const shortLabels: Record<ListQueryKey, string> = {
  default: '(a) default',
  deep: '(b) deep page',
  filtered: '(c) filtered',
  search: '(d) text search',
  summary: 'summary',
};

const fmtKiB = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`;

const queryLabels: Record<ListQueryKey, string> = {
  default: '(a) default: `sort=name`, page 1, 50 per page',
  deep: '(b) deep page: `sort=ref&page=150&pageSize=50`',
  filtered: '(c) filtered: `stage=deployed&riskClass=unclassified&euRole=provider`, `sort=reviewDue&order=desc`',
  search: `(d) text search: \`q=${MARKER_WORD}\` (about 1 % of systems)`,
  summary: 'summary: `GET …/systems/summary`',
};

export function renderInventorySection(
  results: Partial<Record<Kind, InventoryBenchResult>>,
  kinds: readonly Kind[],
  kindLabel: Record<Kind, string>,
  plan: InventoryPlan,
): string[] {
  const rows = n(plan.importRows);
  const cell = (fn: (k: Kind) => string) => kinds.map((k) => fn(k)).join(' | ');
  const row = (label: string, fn: (k: Kind) => string) => `| ${label} | ${cell(fn)} |`;
  const imp = (k: Kind) => results[k]?.import;
  const perSecond = (ms: number) => (Number.isNaN(ms) ? 'n/a' : n(Math.round(plan.importRows / (ms / 1000))));
  const sizes = plan.listSizes;
  const columns = kinds.flatMap((k) => sizes.map((size) => ({ k, size })));
  const listCell = (k: Kind, size: number, key: ListQueryKey) =>
    results[k]?.list.find((l) => l.systems === size)?.queries.find((q) => q.key === key);
  const listRow = (key: ListQueryKey, fn: (q: ListQueryResult | undefined, k: Kind, size: number) => string, label = queryLabels[key]) =>
    `| ${label} | ${columns.map(({ k, size }) => fn(listCell(k, size, key), k, size)).join(' | ')} |`;
  const listHeader = (first: string) => [
    `| ${first} | ${columns.map(({ k, size }) => `${kindLabel[k]}, ${n(size)}`).join(' | ')} |`,
    `|---|${columns.map(() => '---:').join('|')}|`,
  ];
  const largest = sizes[sizes.length - 1] ?? 0;
  const atLargest = kinds.flatMap((k) => (results[k]?.list.find((l) => l.systems === largest)?.queries ?? []).map((q) => ({ k, q })));
  const over100 = atLargest.filter(({ q }) => q.clientP95 >= 100);
  const slowest = atLargest.reduce<{ k: Kind; q: ListQueryResult } | null>(
    (a, b) => (a === null || b.q.clientP95 > a.q.clientP95 ? b : a),
    null,
  );
  const deepPages = [
    ...new Set(kinds.flatMap((k) => (results[k]?.list ?? []).map((l) => Math.min(150, Math.max(1, Math.ceil(l.systems / PAGE_SIZE)))))),
  ];
  const fileSizes = kinds.map((k) => imp(k)).find((r) => r !== undefined);
  const where = ({ k, q }: { k: Kind; q: ListQueryResult }) => `${shortLabels[q.key]} on ${kindLabel[k]} (p95 ${fmtMs(q.clientP95)})`;
  const verdict = !slowest
    ? ''
    : over100.length === 0
      ? ` At ${n(largest)} systems every request measured here stays under 100 ms (slowest: ${where(slowest)}).`
      : ` At ${n(largest)} systems these do not: ${over100.map(where).join('; ')}.`;

  return [
    '## d. AI system inventory',
    '',
    `### Import of ${rows} AI systems`,
    '',
    `| Figure | ${kinds.map((k) => kindLabel[k]).join(' | ')} |`,
    `|---|${kinds.map(() => '---:').join('|')}|`,
    row(`CSV import, ${rows} systems, wall time (median of ${plan.importRuns})`, (k) => fmtMs(median(imp(k)?.csvMs ?? []))),
    row('CSV import, systems per second', (k) => perSecond(median(imp(k)?.csvMs ?? []))),
    row(`XLSX import, ${rows} systems, wall time (median of ${plan.importRuns})`, (k) => fmtMs(median(imp(k)?.xlsxMs ?? []))),
    row('XLSX import, systems per second', (k) => perSecond(median(imp(k)?.xlsxMs ?? []))),
    row(`CSV dry run (\`?dryRun=true\`), ${rows} systems, wall time (once)`, (k) => fmtMs(imp(k)?.dryRunCsvMs)),
    row('CSV import, each run', (k) => (imp(k)?.csvMs ?? []).map((v) => n(Math.round(v))).join(', ') + ' ms'),
    row('XLSX import, each run', (k) => (imp(k)?.xlsxMs ?? []).map((v) => n(Math.round(v))).join(', ') + ' ms'),
    '',
    `### The inventory list at ${sizes.map(n).join(' and ')} AI systems`,
    '',
    `Latency p50 / p95 of ${plan.measuredRequests} sequential requests, **measured client-side** over one keep-alive loopback HTTP connection:`,
    '',
    ...listHeader('`GET /api/orgs/<slug>/systems?…`'),
    ...keys.map((key) => listRow(key, (q) => pair(q?.clientP50, q?.clientP95))),
    '',
    `Server-side time of the same requests (fastify's \`responseTime\` from the request log), p50 / p95:`,
    '',
    ...listHeader('Request'),
    ...keys.map((key) => listRow(key, (q) => pair(q?.serverP50, q?.serverP95), shortLabels[key])),
    '',
    'Supporting figures:',
    '',
    ...listHeader(''),
    ...keys.map((key) =>
      listRow(
        key,
        (q) => (q ? `${n(q.matched)} · ${fmtKiB(q.responseBytes)}` : 'n/a'),
        `${shortLabels[key]}: systems matched · response size`,
      ),
    ),
    `| Loading the systems added for this size (one transaction) | ${columns
      .map(({ k, size }) => {
        const l = results[k]?.list.find((x) => x.systems === size);
        return l ? `${l.loadSeconds.toFixed(1)} s${l.analyzeSeconds === null ? '' : ` + ANALYZE ${l.analyzeSeconds.toFixed(1)} s`}` : 'n/a';
      })
      .join(' | ')} |`,
    '',
    '### What the figures mean',
    '',
    `- **Import.** The same ${rows} generated AI systems (\`bench/generate-systems.ts\`, seed ${plan.seed}: 18 columns — name,`,
    '  purpose, intended_use, foreseeable_misuse, iso_roles, eu_roles, stage, owner, business_unit, users, affected_persons,',
    '  automation, human_oversight, deployment_context, jurisdictions, in_scope, scope_reason, review_due — with texts from a',
    '  few words to about 2,000 characters; no ref column, so refs are assigned) as a CSV file',
    `  (${fileSizes ? (fileSizes.csvBytes / 1024 ** 2).toFixed(1) : '?'} MiB) and as an XLSX workbook (${fileSizes ? (fileSizes.xlsxBytes / 1024 ** 2).toFixed(1) : '?'} MiB, review dates as date cells).`,
    '  Each is POSTed as the raw request body to `/api/orgs/<slug>/systems/import` with an API token, into a fresh, empty',
    '  organization each time. The wall time is the whole request seen from the client: parsing the file, validating every',
    `  row, inserting the ${rows} systems and appending ${rows} + 1 audit-log entries (one per system, one for the import),`,
    `  all in one transaction. Median of ${plan.importRuns} runs per format, CSV and XLSX alternating, after an unmeasured 200-row`,
    '  import of each format. *Systems per second* is the row count over the median. The dry run parses and validates the',
    '  same CSV file and reports what would happen, writing nothing.',
    `- **List.** One organization holds ${sizes.map(n).join(', then ')} AI systems, loaded straight into the database (one`,
    "  transaction of multi-row inserts; rows built with the service's `newSystemRow`, refs AIS-0001…, 55 % of them with a",
    '  risk class). **No audit-log entries (and no classification records) are written for these rows**: the list and the',
    '  summary do not read them. PostgreSQL gets `ANALYZE` after loading (autovacuum would do the same; it is off on some',
    '  installations); SQLite does not, because Trellis never runs `ANALYZE` on it. Then a freshly started server answers each',
    `  request ${plan.warmupRequests} times unmeasured and ${plan.measuredRequests} times measured, one after the other on one keep-alive connection, with`,
    '  an API token (so each request also resolves the token, as in (b)). *Client-side* latency runs from sending the',
    "  request to the last byte of the answer on 127.0.0.1; *server-side* is fastify's own `responseTime` for the same",
    '  requests, read from the request log (`TRELLIS_REQUEST_LOG=1`; the product sends no timing header), so the difference',
    '  is the loopback transfer and the client. Every answer is checked: the `total`, the page length, the first ref of the',
    '  deep page and the filter. Each list request runs two statements (the count of matches and the page), the summary three',
    '  (counts by risk class, by stage, and one pass for the other totals and the role counts). Their in-process times and',
    '  query plans (EXPLAIN QUERY PLAN; EXPLAIN (ANALYZE, BUFFERS)) at each size are in the raw results (`bench/.out/`).',
    `  The deep page is page ${deepPages.join(' or ')} (page 150, or the last page when there are fewer).`,
    '- **What they should be.** The inventory list and its summary cards must stay interactive: well under 100 ms per',
    `  request (p95) at 100,000 systems, so that paging, sorting and filtering feel immediate.${verdict}`,
    '',
    'The files can be generated by hand to try the import:',
    '`node --import tsx bench/generate-systems.ts --rows 10000 --seed 42 --csv systems.csv --xlsx systems.xlsx`.',
    '',
  ];
}
