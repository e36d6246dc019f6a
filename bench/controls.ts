/**
 * Phase e of `npm run bench` (bench/run.ts): the Statement of Applicability, the readiness view,
 * the SoA exports and the evidence list of a large organization (issue 6, "Speed"), on each database.
 *
 * One organization is filled by bench/generate-controls.ts (seeded; 5,000 AI systems, 50,000 risks
 * whose treatments name Annex A controls, ~25,000 AI-system-level control implementations, 200,000
 * evidence items with ~280,000 versions and ~260,000 links), straight into the database. PostgreSQL
 * then gets ANALYZE (as autovacuum would); SQLite does not, as Trellis never runs ANALYZE on it.
 * A fresh server (request log on) answers each request a few times unmeasured, then N times
 * measured, one at a time on one keep-alive connection, with the owner's API token:
 *
 *   GET /api/orgs/<slug>/soa                              the live SoA (38 Annex A rows)
 *   GET /api/orgs/<slug>/readiness                        the readiness view (clauses 4–10, Annex A)
 *   GET /api/orgs/<slug>/soa/export?format=xlsx|pdf|docx|oscal
 *   GET /api/orgs/<slug>/evidence                         first page (50) of 200,000, with the summary
 *   GET /api/orgs/<slug>/evidence?control=<busiest>       evidence of the control most evidence is linked to
 *   GET /api/orgs/<slug>/evidence?state=expired&sort=reviewDue
 *   GET /api/orgs/<slug>/evidence?state=expired            (default sort: by ref)
 *
 * The figure is the server time: fastify's `responseTime` from the request log
 * (TRELLIS_REQUEST_LOG=1); the client-side time over loopback is kept too. Every answer is checked
 * against what the generator wrote (every SoA row's decision, open risks, evidence and expired
 * evidence, AI-system counts; the evidence totals; each export's file signature). Afterwards the SoA,
 * the readiness view and the evidence list are run once more in process through a logging Kysely
 * (one connection), to record each SQL statement, its time and its plan (EXPLAIN QUERY PLAN on
 * SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL) in the raw results (bench/.out/).
 */
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config.ts';
import { openDatabase, type Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import { generatePassword } from '../src/domain/crypto.ts';
import type { OrgPrincipal } from '../src/domain/principal.ts';
import type { SoaDocument } from '../src/domain/schemas/controls.schemas.ts';
import { EvidenceListQuerySchema, type EvidenceList } from '../src/domain/schemas/evidence.schemas.ts';
import type { Readiness } from '../src/domain/schemas/readiness.schemas.ts';
import { cliActor, createTokenForMember, initOrganization } from '../src/features/admin/admin.service.ts';
import { buildSoa } from '../src/features/controls/soa.service.ts';
import { listEvidence } from '../src/features/evidence/evidence.service.ts';
import { getReadiness } from '../src/features/readiness/readiness.service.ts';
import { catalogForOrg } from '../src/features/catalog/catalog.service.ts';
import { loadBuiltInCatalog } from '../src/server/app.ts';
import { generateControlsDataset, soaMismatches, type ControlsExpected, type ControlsSize } from './generate-controls.ts';
import { percentile, type Kind, type StatementPlan } from './inventory.ts';

export interface ControlsPlan {
  size: ControlsSize;
  warmupRequests: number;
  measuredRequests: number;
  /** Measured requests per export format (PDF and DOCX take longer). */
  exportRequests: number;
  seed: number;
}

/** What phase e needs from bench/run.ts (structural, so this file does not import run.ts). */
export interface ControlsHarness<T extends { kind: Kind; database: DatabaseConfig; dispose(): Promise<void> }> {
  createTarget(kind: Kind, label: string): Promise<T>;
  startServer(
    target: T,
    env: Record<string, string>,
    options?: { onOutput?: (text: string) => void },
  ): Promise<{ port: number; stop(): Promise<void> }>;
  /** Unused by phase e (it runs VACUUM (ANALYZE) itself); kept so run.ts passes one harness to phases d and e. */
  analyze(target: T): Promise<void>;
  log(message: string): void;
}

export type ControlsRequestKey =
  | 'soa'
  | 'readiness'
  | 'export-xlsx'
  | 'export-pdf'
  | 'export-docx'
  | 'export-oscal'
  | 'evidence'
  | 'evidence-control'
  | 'evidence-expired'
  | 'evidence-expired-ref';

export interface ControlsRequestResult {
  key: ControlsRequestKey;
  path: string;
  responseBytes: number;
  clientMs: number[];
  serverMs: number[] | null;
  clientP50: number;
  clientP95: number;
  serverP50: number | null;
  serverP95: number | null;
}

export type InProcessKey = 'soa' | 'readiness' | 'evidence' | 'evidenceExpired';

export interface InProcessRun {
  /** Wall time of the whole call in process (second run). */
  ms: number;
  statements: StatementPlan[];
}

export interface ControlsBenchResult {
  counts: ControlsExpected['counts'];
  evidenceExpired: number;
  evidenceExpiring: number;
  busiestControl: { control: string; links: number };
  generateSeconds: number;
  analyzeSeconds: number | null;
  /** false when the server has no readiness route (then it is not measured). */
  readinessAvailable: boolean;
  requests: ControlsRequestResult[];
  inProcess: Partial<Record<InProcessKey, InProcessRun>>;
  /** 1-minute load average when the measured requests began and ended (other work on the machine). */
  loadDuring: { start: number; end: number };
}

// ---------------------------------------------------------------------------
// HTTP and the request log.
// ---------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  ms: number;
}

function get(agent: http.Agent, port: number, urlPath: string, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request({ host: '127.0.0.1', port, method: 'GET', path: urlPath, agent, timeout: timeoutMs, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${urlPath}: no answer within ${timeoutMs / 1000} s`)));
    req.on('error', reject);
    req.end();
  });
}

/** Server-side times from fastify's request log: "request completed" lines paired with their URL. */
class RequestLog {
  private pending = '';
  private readonly urls = new Map<string, string>();
  readonly completed: { url: string; ms: number }[] = [];

  feed(text: string): void {
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      let entry: { msg?: unknown; reqId?: unknown; req?: { url?: unknown }; responseTime?: unknown };
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
        if (url !== undefined) this.completed.push({ url, ms: entry.responseTime });
      }
    }
  }

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
// The requests and their checks.
// ---------------------------------------------------------------------------

interface RequestSpec {
  key: ControlsRequestKey;
  path: string;
  export: boolean;
  check(answer: Answer): void;
}

const EXPORT_TYPES: Record<string, { mime: string; signature: (b: Buffer) => boolean }> = {
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    signature: (b) => b.subarray(0, 2).toString('latin1') === 'PK',
  },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    signature: (b) => b.subarray(0, 2).toString('latin1') === 'PK',
  },
  pdf: { mime: 'application/pdf', signature: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  oscal: {
    mime: 'application/json',
    signature: (b) => {
      try {
        return typeof (JSON.parse(b.toString('utf8')) as Record<string, unknown>)['component-definition'] === 'object';
      } catch {
        return false;
      }
    },
  },
};

function requestSpecs(slug: string, expected: ControlsExpected, total: number, withReadiness: boolean): RequestSpec[] {
  const base = `/api/orgs/${slug}`;
  const json = <T>(a: Answer) => JSON.parse(a.body.toString('utf8')) as T;
  const evidenceCheck = (what: string, matched: number) => (a: Answer) => {
    const list = json<EvidenceList>(a);
    const problems: string[] = [];
    if (list.total !== matched) problems.push(`total ${list.total}, expected ${matched}`);
    if (list.items.length !== Math.min(50, matched)) problems.push(`${list.items.length} items on the page`);
    if (list.summary.total !== total) problems.push(`summary total ${list.summary.total}, expected ${total}`);
    if (list.summary.expired !== expected.evidenceExpired)
      problems.push(`summary expired ${list.summary.expired}, expected ${expected.evidenceExpired}`);
    if (list.summary.expiring !== expected.evidenceExpiring)
      problems.push(`summary expiring ${list.summary.expiring}, expected ${expected.evidenceExpiring}`);
    if (problems.length) throw new Error(`${what}: ${problems.join('; ')}`);
  };
  const specs: RequestSpec[] = [
    {
      key: 'soa',
      path: `${base}/soa`,
      export: false,
      check: (a) => {
        const problems = soaMismatches(json<SoaDocument>(a), expected);
        if (problems.length) throw new Error(`the SoA does not show the generated data: ${problems.slice(0, 10).join('; ')}`);
      },
    },
  ];
  if (withReadiness) {
    specs.push({
      key: 'readiness',
      path: `${base}/readiness`,
      export: false,
      check: (a) => {
        const r = json<Readiness>(a);
        if (!(r.total > 0 && r.checks.length === r.total && r.annexA.length > 0 && r.clauses.length > 0)) {
          throw new Error(`the readiness view is incomplete: ${r.checks.length} checks of ${r.total}`);
        }
        // The A.6–A.9 controls named by thousands of open risks are applicable, so their checks ran on the data.
        if (r.passed === r.total) throw new Error('the readiness view found no gap in an organization with expired evidence');
      },
    });
  }
  for (const format of ['xlsx', 'pdf', 'docx', 'oscal'] as const) {
    const type = EXPORT_TYPES[format];
    if (!type) continue;
    specs.push({
      key: `export-${format}`,
      path: `${base}/soa/export?format=${format}`,
      export: true,
      check: (a) => {
        const mime = String(a.headers['content-type'] ?? '').split(';')[0];
        if (mime !== type.mime || !type.signature(a.body)) throw new Error(`the ${format} export is not a ${type.mime} file (got ${mime})`);
      },
    });
  }
  specs.push(
    { key: 'evidence', path: `${base}/evidence`, export: false, check: evidenceCheck('evidence list', total) },
    {
      key: 'evidence-control',
      path: `${base}/evidence?control=${expected.busiestControl.control}`,
      export: false,
      check: evidenceCheck('evidence of one control', expected.busiestControl.links),
    },
    {
      key: 'evidence-expired',
      path: `${base}/evidence?state=expired&sort=reviewDue`,
      export: false,
      check: evidenceCheck('expired evidence', expected.evidenceExpired),
    },
    {
      key: 'evidence-expired-ref',
      path: `${base}/evidence?state=expired`,
      export: false,
      check: evidenceCheck('expired evidence by ref', expected.evidenceExpired),
    },
  );
  return specs;
}

// ---------------------------------------------------------------------------
// In process: each SQL statement, its time and its plan.
// ---------------------------------------------------------------------------

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

async function explainInProcess(
  config: DatabaseConfig,
  principal: OrgPrincipal,
  org: { id: string; slug: string; name: string },
  withReadiness: boolean,
  busiestControl: string,
): Promise<ControlsBenchResult['inProcess']> {
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
  const db: Db = {
    kysely,
    dialect: config.kind,
    schema: config.kind === 'postgres' ? config.schema : undefined,
    close: () => kysely.destroy(),
  };
  const builtIn = loadBuiltInCatalog();
  const out: ControlsBenchResult['inProcess'] = {};
  try {
    const today = new Date().toISOString().slice(0, 10);
    const catalog = await catalogForOrg(db, builtIn, principal);
    const runs: [InProcessKey, () => Promise<unknown>][] = [['soa', () => buildSoa(db, catalog, org, today)]];
    if (withReadiness) runs.push(['readiness', () => getReadiness(db, principal, builtIn, {})]);
    runs.push(['evidence', () => listEvidence(db, principal, builtIn, EvidenceListQuerySchema.parse({ control: busiestControl }))]);
    runs.push([
      'evidenceExpired',
      () => listEvidence(db, principal, builtIn, EvidenceListQuerySchema.parse({ state: 'expired', sort: 'reviewDue' })),
    ]);
    for (const [name, run] of runs) {
      await run();
      captured.length = 0;
      const t0 = performance.now();
      await run();
      const ms = performance.now() - t0;
      const statements = captured.splice(0);
      for (const statement of statements) {
        // Statements issued together wait for the one connection, so the logged time can include
        // the wait: each is timed again alone (median of 3).
        const alone: number[] = [];
        for (let i = 0; i < 3; i += 1) {
          const t = performance.now();
          await kysely.executeQuery(CompiledQuery.raw(statement.sql, statement.parameters));
          alone.push(performance.now() - t);
        }
        statement.ms = percentile(alone, 50);
        const text = config.kind === 'sqlite' ? `explain query plan ${statement.sql}` : `explain (analyze, buffers) ${statement.sql}`;
        const result = await kysely.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, statement.parameters));
        statement.plan =
          config.kind === 'sqlite' ? sqlitePlanText(result.rows) : result.rows.map((r) => String(r['QUERY PLAN'] ?? '')).join('\n');
      }
      captured.length = 0;
      out[name] = { ms, statements };
    }
  } finally {
    await kysely.destroy();
  }
  return out;
}

async function vacuumAnalyze(config: Extract<DatabaseConfig, { kind: 'postgres' }>): Promise<void> {
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    const schema = config.schema ?? 'public';
    const tables = await client.query<{ name: string }>('select tablename as name from pg_tables where schemaname = $1', [schema]);
    for (const t of tables.rows) await client.query(`vacuum (analyze) "${schema}"."${t.name}"`);
  } finally {
    await client.end().catch(() => {});
  }
}

// ---------------------------------------------------------------------------
// The measurement.
// ---------------------------------------------------------------------------

export async function measureControls<T extends { kind: Kind; database: DatabaseConfig; dispose(): Promise<void> }>(
  kind: Kind,
  h: ControlsHarness<T>,
  plan: ControlsPlan,
  label: string,
  progress?: (label: string, total: number, unit: string) => { update(done: number): void; done(): void },
): Promise<ControlsBenchResult> {
  const target = await h.createTarget(kind, 'controls');
  try {
    const today = new Date().toISOString().slice(0, 10);
    let expected: ControlsExpected;
    let token: string;
    let principal: OrgPrincipal;
    let org: { id: string; slug: string; name: string };
    {
      const db = openDatabase(target.database);
      try {
        await migrateToLatest(db);
        const slug = 'controls-bench';
        const email = `owner@${slug}.bench.example`;
        const created = await initOrganization(db, { orgName: 'Bench controls', slug, email, password: generatePassword() }, cliActor());
        org = { id: created.org.id, slug: created.org.slug, name: created.org.name };
        token = (await createTokenForMember(db, { email, org: slug, name: 'benchmark' }, cliActor())).token;
        const membership = await db.kysely
          .selectFrom('memberships')
          .select('id')
          .where('org_id', '=', org.id)
          .where('user_id', '=', created.user.id)
          .executeTakeFirstOrThrow();
        principal = {
          orgId: org.id,
          orgSlug: slug,
          userId: created.user.id,
          membershipId: membership.id,
          role: 'owner',
          via: 'token',
          tokenId: null,
          actor: cliActor(),
        };
        h.log(`${label} controls: generating the organization`);
        expected = await generateControlsDataset(db, {
          ...plan.size,
          orgId: org.id,
          userId: created.user.id,
          seed: plan.seed,
          today,
          ...(progress ? { progress: (l: string, total: number, unit: string) => progress(`${label} ${l}`, total, unit) } : {}),
        });
      } finally {
        await db.close();
      }
    }
    h.log(
      `${label} controls: generated in ${expected.seconds.toFixed(1)} s: ${Object.entries(expected.counts)
        .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
        .join(', ')}`,
    );
    let analyzeSeconds: number | null = null;
    if (target.database.kind === 'postgres') {
      // VACUUM as well as ANALYZE: what autovacuum leaves after a bulk insert (PostgreSQL 13+ vacuums
      // after inserts too). Without it the visibility map is empty and no index-only scan pays off.
      const t0 = performance.now();
      await vacuumAnalyze(target.database);
      analyzeSeconds = (performance.now() - t0) / 1000;
    }

    const requestLog = new RequestLog();
    const server = await h.startServer(target, { TRELLIS_DEMO: '0', TRELLIS_REQUEST_LOG: '1' }, { onOutput: (t) => requestLog.feed(t) });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const headers = { authorization: `Bearer ${token}` };
    const requests: ControlsRequestResult[] = [];
    let readinessAvailable = false;
    let loadDuring = { start: 0, end: 0 };
    try {
      const probe = await get(agent, server.port, `/api/orgs/${org.slug}/readiness`, headers, 120_000);
      readinessAvailable = probe.status === 200;
      if (!readinessAvailable) h.log(`${label} controls: GET …/readiness answered ${probe.status}; the readiness view is not measured`);
      const specs = requestSpecs(org.slug, expected, expected.counts.evidence, readinessAvailable);
      loadDuring.start = os.loadavg()[0] ?? 0;
      for (const spec of specs) {
        let responseBytes = 0;
        for (let i = 0; i < plan.warmupRequests; i += 1) {
          const answer = await get(agent, server.port, spec.path, headers, 120_000);
          if (answer.status !== 200)
            throw new Error(`GET ${spec.path} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 500)}`);
          spec.check(answer);
          responseBytes = answer.body.length;
        }
        const runs = spec.export ? plan.exportRequests : plan.measuredRequests;
        const mark = requestLog.completed.length;
        const clientMs: number[] = [];
        for (let i = 0; i < runs; i += 1) {
          const answer = await get(agent, server.port, spec.path, headers, 120_000);
          if (answer.status !== 200) throw new Error(`GET ${spec.path} answered ${answer.status}`);
          clientMs.push(answer.ms);
          responseBytes = answer.body.length;
        }
        const serverMs = await requestLog.timesSince(mark, spec.path, runs);
        const result: ControlsRequestResult = {
          key: spec.key,
          path: spec.path.replace(org.slug, '<slug>'),
          responseBytes,
          clientMs: clientMs.map((v) => Number(v.toFixed(3))),
          serverMs: serverMs?.map((v) => Number(v.toFixed(3))) ?? null,
          clientP50: percentile(clientMs, 50),
          clientP95: percentile(clientMs, 95),
          serverP50: serverMs ? percentile(serverMs, 50) : null,
          serverP95: serverMs ? percentile(serverMs, 95) : null,
        };
        requests.push(result);
        h.log(
          `${label} controls: ${spec.key} server p50 ${result.serverP50?.toFixed(1) ?? 'n/a'} ms, p95 ${result.serverP95?.toFixed(1) ?? 'n/a'} ms` +
            ` (client ${result.clientP50.toFixed(1)} / ${result.clientP95.toFixed(1)} ms), ${(responseBytes / 1024).toFixed(0)} KiB`,
        );
      }
      loadDuring = { start: Number(loadDuring.start.toFixed(2)), end: Number((os.loadavg()[0] ?? 0).toFixed(2)) };
    } finally {
      agent.destroy();
      await server.stop();
    }

    const inProcess = await explainInProcess(target.database, principal, org, readinessAvailable, expected.busiestControl.control);
    for (const [name, run] of Object.entries(inProcess)) {
      const slowest = [...run.statements].sort((a, b) => b.ms - a.ms)[0];
      h.log(
        `${label} controls: ${name} in process ${run.ms.toFixed(1)} ms, ${run.statements.length} statements` +
          (slowest ? `, slowest ${slowest.ms.toFixed(1)} ms` : ''),
      );
      for (const s of run.statements)
        if (s.ms > 50) h.log(`${label} controls: ${name} statement took ${s.ms.toFixed(0)} ms:\n${s.sql}\n${s.plan}`);
    }
    return {
      counts: expected.counts,
      evidenceExpired: expected.evidenceExpired,
      evidenceExpiring: expected.evidenceExpiring,
      busiestControl: expected.busiestControl,
      generateSeconds: expected.seconds,
      analyzeSeconds,
      readinessAvailable,
      requests,
      inProcess,
      loadDuring,
    };
  } finally {
    await target.dispose();
  }
}

// ---------------------------------------------------------------------------
// The report section.
// ---------------------------------------------------------------------------

export const CONTROLS_SECTION_BEGIN = '<!-- phase e: begin (bench/controls.ts) -->';
export const CONTROLS_SECTION_END = '<!-- phase e: end -->';

const requestLabels: Record<ControlsRequestKey, string> = {
  soa: 'SoA: `GET …/soa`',
  readiness: 'Readiness: `GET …/readiness`',
  'export-xlsx': 'SoA export, XLSX',
  'export-pdf': 'SoA export, PDF',
  'export-docx': 'SoA export, DOCX',
  'export-oscal': 'SoA export, OSCAL JSON',
  evidence: 'Evidence list, first page of 50, unfiltered (with the summary)',
  'evidence-control': 'Evidence list, `control=<the control with most evidence>`',
  'evidence-expired': 'Evidence list, `state=expired&sort=reviewDue`',
  'evidence-expired-ref': 'Evidence list, `state=expired` (default sort, by ref)',
};
const keys = Object.keys(requestLabels) as ControlsRequestKey[];

function pair(a: number | null | undefined, b: number | null | undefined): string {
  if (a === null || a === undefined || b === null || b === undefined || Number.isNaN(a)) return 'n/a';
  const f = (v: number) => (v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US'));
  return `${f(a)} / ${f(b)} ms`;
}

const n = (v: number) => v.toLocaleString('en-US');

export interface ControlsReportMeta {
  date: string;
  command: string;
  code: string;
  machine: string;
  /** 1-minute load average when the phase began on each database. */
  loadBefore: Partial<Record<Kind, number>>;
}

export function renderControlsSection(
  results: Partial<Record<Kind, ControlsBenchResult>>,
  kinds: readonly Kind[],
  kindLabel: Record<Kind, string>,
  plan: ControlsPlan,
  meta: ControlsReportMeta,
): string[] {
  const header = (first: string) => [
    `| ${first} | ${kinds.map((k) => kindLabel[k]).join(' | ')} |`,
    `|---|${kinds.map(() => '---:').join('|')}|`,
  ];
  const req = (k: Kind, key: ControlsRequestKey) => results[k]?.requests.find((r) => r.key === key);
  const shown = keys.filter((key) => kinds.some((k) => req(k, key)));
  const anyResult = kinds.map((k) => results[k]).find((r) => r !== undefined);
  const readinessMissing = kinds.some((k) => results[k] && !results[k].readinessAvailable);
  const goal = (key: 'soa' | 'readiness') =>
    kinds
      .map((k) => {
        const r = req(k, key);
        if (!r || r.serverP95 === null) return `${kindLabel[k]} not measured`;
        return `${kindLabel[k]} p95 ${pair(r.serverP50, r.serverP95).split(' / ')[1]} (${r.serverP95 < 200 ? 'under' : '**over**'} 200 ms)`;
      })
      .join(', ');
  const statementsRow = (name: InProcessKey, label: string) =>
    `| ${label} | ${kinds
      .map((k) => {
        const run = results[k]?.inProcess[name];
        if (!run) return 'n/a';
        const slowest = Math.max(0, ...run.statements.map((s) => s.ms));
        const sum = run.statements.reduce((a, s) => a + s.ms, 0);
        return `${run.statements.length} · ${sum.toFixed(0)} ms · ${slowest.toFixed(0)} ms · ${run.ms.toFixed(0)} ms`;
      })
      .join(' | ')} |`;
  return [
    CONTROLS_SECTION_BEGIN,
    '',
    '## e. Statement of Applicability, readiness, SoA exports and evidence at scale',
    '',
    `- Date: ${meta.date}`,
    `- Command: \`${meta.command}\` (from the repository root)`,
    `- Code: ${meta.code}`,
    `- Machine: ${meta.machine}`,
    `- 1-minute load average when the phase began: ${kinds.map((k) => `${kindLabel[k]} ${meta.loadBefore[k]?.toFixed(2) ?? 'n/a'}`).join(', ')};` +
      ` during the measured requests (start → end): ${kinds
        .map((k) =>
          results[k]
            ? `${kindLabel[k]} ${results[k].loadDuring.start.toFixed(2)} → ${results[k].loadDuring.end.toFixed(2)}`
            : `${kindLabel[k]} n/a`,
        )
        .join(', ')}.`,
    '',
    anyResult
      ? `One organization with ${n(anyResult.counts.systems)} AI systems, ${n(anyResult.counts.risks)} risks (${n(anyResult.counts.riskControls)} treatment links to Annex A controls, ` +
        `${n(anyResult.counts.riskSystems)} links to AI systems), ${n(anyResult.counts.implementations)} control implementations, ` +
        `${n(anyResult.counts.evidence)} evidence items with ${n(anyResult.counts.evidenceVersions)} versions and ${n(anyResult.counts.evidenceLinks)} links ` +
        `(${n(anyResult.evidenceExpired)} expired, ${n(anyResult.evidenceExpiring)} expiring within 30 days).`
      : '',
    '',
    `**Server time** (fastify's \`responseTime\` from the request log), p50 / p95 of ${plan.measuredRequests} sequential requests (${plan.exportRequests} per export format):`,
    '',
    ...header('Request'),
    ...shown.map(
      (key) => `| ${requestLabels[key]} | ${kinds.map((k) => pair(req(k, key)?.serverP50, req(k, key)?.serverP95)).join(' | ')} |`,
    ),
    '',
    `Goal (issue 6): the SoA and the readiness view well under 200 ms, with no query per row. SoA: ${goal('soa')}. Readiness: ${
      readinessMissing ? 'not measured on every database (the route was not there when the bench ran)' : goal('readiness')
    }.`,
    '',
    'Client-side latency of the same requests (loopback, to the last byte), p50 / p95:',
    '',
    ...header('Request'),
    ...shown.map(
      (key) => `| ${requestLabels[key]} | ${kinds.map((k) => pair(req(k, key)?.clientP50, req(k, key)?.clientP95)).join(' | ')} |`,
    ),
    '',
    'Supporting figures:',
    '',
    ...header(''),
    ...shown.map(
      (key) =>
        `| ${requestLabels[key]}: response size | ${kinds
          .map((k) => {
            const r = req(k, key);
            return r ? `${(r.responseBytes / 1024).toFixed(r.responseBytes < 10 * 1024 ? 1 : 0)} KiB` : 'n/a';
          })
          .join(' | ')} |`,
    ),
    statementsRow('soa', 'SoA in process: SQL statements · their total · the slowest · whole call'),
    statementsRow('readiness', 'Readiness in process: SQL statements · their total · the slowest · whole call'),
    statementsRow('evidence', 'Evidence list of one control in process: SQL statements · their total · the slowest · whole call'),
    statementsRow('evidenceExpired', 'Expired evidence list in process: SQL statements · their total · the slowest · whole call'),
    `| Generating the organization (bench/generate-controls.ts) | ${kinds
      .map((k) => {
        const r = results[k];
        return r
          ? `${r.generateSeconds.toFixed(0)} s${r.analyzeSeconds === null ? '' : ` + ANALYZE ${r.analyzeSeconds.toFixed(1)} s`}`
          : 'n/a';
      })
      .join(' | ')} |`,
    '',
    ...slowestStatements(results, kinds, kindLabel),
    '### What the figures mean',
    '',
    `- **Data.** \`bench/generate-controls.ts\` (seed ${plan.seed}) writes the organization straight into the database (no audit-log`,
    '  entries; none of these views reads them). Risk treatments name Annex A controls with a skewed choice, so a few controls are',
    '  named by thousands of open risks and carry tens of thousands of evidence links; review dates are spread from 400 days before',
    '  to 800 days after the day of the run. The AI-system-level implementations are 5 per AI system. PostgreSQL gets',
    '  `VACUUM (ANALYZE)` after loading, the state autovacuum leaves after a bulk insert (the server measured here runs with',
    '  autovacuum off, so this is done by hand; without the VACUUM the visibility map is empty and the grouped counts read the',
    '  table instead of an index only). SQLite gets no `ANALYZE`, because Trellis never runs it there.',
    `- **Requests.** A freshly started server answers each request ${plan.warmupRequests} times unmeasured, then the measured runs, one after`,
    '  the other on one keep-alive connection with an API token. Every answer is checked against what the generator wrote: each',
    "  SoA row's decision, open-risk count and first risks, evidence and expired-evidence counts and AI-system counts; the evidence",
    "  list's totals and summary; each export's media type and file signature (ZIP for XLSX/DOCX, `%PDF-`, OSCAL JSON).",
    '  *Server time* is what the goal is about: it leaves out the loopback transfer of large answers and the client.',
    '- **In process.** Afterwards the SoA, the readiness view and the evidence lists (busiest control; expired) are run once more',
    "  in process through a logging Kysely on one connection: the statements' count shows there is no query per row. Each statement",
    "  is then timed again alone (median of 3; the server runs the SoA's independent queries at once, so their total is more than",
    "  the server waits on PostgreSQL). Each statement's plan (EXPLAIN QUERY PLAN; EXPLAIN (ANALYZE, BUFFERS)) is in the raw results",
    '  (`bench/.out/`).',
    '',
    'Run only this phase: `npm run bench -- --only e` (rewrites only this section of the file; `BENCH_QUICK=1` for a small run).',
    '',
    CONTROLS_SECTION_END,
    '',
  ];
}

/** A statement in one line, shortened: enough to recognize which repository query it is. */
function shortSql(text: string, max = 140): string {
  const flat = text
    .replace(/\s+/g, ' ')
    .replace(/\(\s*(?:\?|\$\d+)(?:\s*,\s*(?:\?|\$\d+))+\s*\)/g, '(…)')
    .replace(/"/g, '')
    .replace(/sum\(case when .*? end\)/g, 'sum(…)')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The three slowest statements of the SoA and of the readiness view on each database (timed alone). */
function slowestStatements(
  results: Partial<Record<Kind, ControlsBenchResult>>,
  kinds: readonly Kind[],
  kindLabel: Record<Kind, string>,
): string[] {
  const rows: string[] = [];
  for (const name of ['soa', 'readiness'] as const) {
    for (const k of kinds) {
      const run = results[k]?.inProcess[name];
      if (!run) continue;
      for (const st of [...run.statements].sort((a, b) => b.ms - a.ms).slice(0, 3)) {
        rows.push(
          `| ${name === 'soa' ? 'SoA' : 'Readiness'} | ${kindLabel[k]} | ${st.ms.toFixed(1)} ms | \`${shortSql(st.sql).replace(/\|/g, '\\|')}\` |`,
        );
      }
    }
  }
  if (!rows.length) return [];
  return [
    'The slowest SQL statements of the SoA and the readiness view (each timed alone in process, median of 3):',
    '',
    '| View | Database | Time | Statement |',
    '|---|---|---:|---|',
    ...rows,
    '',
  ];
}

/** Puts the section into an existing report: replaces the previous one, or goes before "## Running it". */
export function spliceControlsSection(report: string, section: string): string {
  const begin = report.indexOf(CONTROLS_SECTION_BEGIN);
  const end = report.indexOf(CONTROLS_SECTION_END);
  if (begin >= 0 && end > begin) return report.slice(0, begin) + section.trimEnd() + report.slice(end + CONTROLS_SECTION_END.length);
  const running = report.indexOf('\n## Running it');
  if (running >= 0) return `${report.slice(0, running + 1)}${section.trimEnd()}\n\n${report.slice(running + 1)}`;
  return `${report.trimEnd()}\n\n${section}`;
}
