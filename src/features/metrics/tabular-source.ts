import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBResult } from '@duckdb/node-api';
import pg from 'pg';
import { AppError } from '../../domain/errors.ts';

/**
 * Where a metric's rows come from. The engine never loads rows into Node: every
 * metric is an aggregation query that runs where the data is — DuckDB streaming a
 * CSV or Parquet file, or PostgreSQL running the team's own query.
 */
export type SourceSpec = { kind: 'file'; path: string; name?: string | undefined } | { kind: 'postgres'; url: string; query: string };

export type ColumnClass = 'number' | 'boolean' | 'text' | 'other';

export interface SourceColumn {
  name: string;
  type: string;
  class: ColumnClass;
}

export interface QueryProgress {
  /** 0–100, or −1 when the engine cannot tell. */
  percentage: number;
}

/** A relation the metric queries read with `FROM ${source.relation}`. */
export interface TabularSource {
  readonly dialect: 'duckdb' | 'postgres';
  readonly relation: string;
  readonly description: string;
  readonly format: 'csv' | 'parquet' | 'postgres';
  columns(): Promise<SourceColumn[]>;
  /** Runs one aggregation; rows come back as arrays in select order, counts as numbers or bigints. */
  query(sql: string, onProgress?: (p: QueryProgress) => void): Promise<unknown[][]>;
  /**
   * Runs a query and hands its result over chunk by chunk, column-major (`columns[c][r]`),
   * so millions of result rows never become millions of JavaScript arrays.
   */
  queryChunks(
    sql: string,
    onProgress: ((p: QueryProgress) => void) | undefined,
    onChunk: (columns: unknown[][], rows: number) => void,
  ): Promise<void>;
  close(): Promise<void>;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function classOf(type: string): ColumnClass {
  const t = type.toUpperCase();
  if (
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*|NUMERIC.*|INT\d|FLOAT\d|SMALLINT|DOUBLE PRECISION)$/.test(
      t,
    )
  )
    return 'number';
  if (t === 'BOOLEAN' || t === 'BOOL') return 'boolean';
  if (/^(VARCHAR.*|TEXT|CHAR.*|CHARACTER.*|ENUM.*|BPCHAR)$/.test(t)) return 'text';
  return 'other';
}

/**
 * The engine's message for a person: its first line, plus the CSV error details that
 * locate the problem (the line, the expected and found field counts); never SQL
 * text, internal paths or the engine's option dump.
 */
function engineMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const lines = raw.split('\n');
  const kept = [
    lines[0] ?? raw,
    ...lines.slice(1).filter((l) => /^(Expected Number of Columns|Could not convert|Error when converting)/.test(l)),
  ];
  return kept
    .join('; ')
    .replace(/^Failure running pending result task: /, '')
    .replace(/\s*LINE \d+:.*$/s, '')
    .replace(/\/tmp\/trellis-metrics-[^/]+\/input\.[a-z.]+/g, 'the file')
    .slice(0, 400);
}

const PARQUET_MAGIC = Buffer.from('PAR1');
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/**
 * The delimiter of a CSV's header line (the most frequent of , ; tab | outside quotes).
 * Fixing it, with the first line as the header, keeps DuckDB's sniffer from choosing
 * another line as the header when a later row is malformed.
 */
function headerDelimiter(head: Buffer): string {
  const line = head.toString('utf8').split(/\r?\n/)[0] ?? '';
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
  return best;
}

/** The first line's fields (simple CSV quoting), or null when it cannot be read. */
function parseHeader(file: string, delimiter: string): string[] | null {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const text = head
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i += 1) {
      const ch = text[i] as string;
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === delimiter) {
        fields.push(field);
        field = '';
      } else if (ch === '\n' || ch === '\r') {
        fields.push(field);
        return fields;
      } else field += ch;
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

function sniffFormat(file: string): { format: 'csv' | 'parquet'; gzip: boolean; size: number; delimiter: string } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    fs.readSync(fd, head, 0, head.length, 0);
    if (head.subarray(0, 4).equals(PARQUET_MAGIC)) return { format: 'parquet', gzip: false, size, delimiter: ',' };
    const gzip = head.subarray(0, 2).equals(GZIP_MAGIC);
    return { format: 'csv', gzip, size, delimiter: gzip ? '' : headerDelimiter(head) };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Opens a CSV or Parquet file (told apart by content, not by name) in an in-memory
 * DuckDB bounded to `memoryLimit`. The file is reached through a link in a private
 * directory, so its name can hold glob characters or quotes without changing what
 * DuckDB reads.
 */
export async function openFileSource(
  file: string,
  options: { memoryLimit?: string; threads?: number; name?: string | undefined; field?: string } = {},
): Promise<TabularSource> {
  const label = options.name ?? path.basename(file);
  /** The input's name in error paths: `data`, or `reference` / `current` for drift. */
  const field = options.field ?? 'data';
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('validation_failed', `${label}: no such file`, { issues: [{ path: field, message: 'no such file' }] });
  }
  if (!stat.isFile()) throw new AppError('validation_failed', `${label}: not a file`, { issues: [{ path: field, message: 'not a file' }] });
  const { format, gzip, size, delimiter } = sniffFormat(file);
  if (size === 0)
    throw new AppError('validation_failed', `${label}: the file is empty`, { issues: [{ path: field, message: 'empty file' }] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-metrics-'));
  const link = path.join(dir, format === 'parquet' ? 'input.parquet' : gzip ? 'input.csv.gz' : 'input.csv');
  fs.symlinkSync(path.resolve(file), link);
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: options.memoryLimit ?? '1GB',
    threads: String(options.threads ?? Math.max(1, os.cpus().length)),
    temp_directory: path.join(dir, 'spill'),
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    preserve_insertion_order: 'false',
  });
  const connection = await instance.connect();
  const reader =
    format === 'parquet'
      ? `read_parquet(${quoteText(link)})`
      : `read_csv(${quoteText(link)}, header = true, auto_detect = true, strict_mode = true${delimiter ? `, delim = ${quoteText(delimiter)}, quote = '"', escape = '"'` : ''})`;
  const close = async () => {
    connection.closeSync();
    instance.closeSync();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  let columns: SourceColumn[];
  try {
    // Progress is tracked (for the CLI bar and the API) but never printed by DuckDB itself.
    await connection.run('PRAGMA enable_progress_bar');
    await connection.run('PRAGMA disable_print_progress_bar');
    await connection.run('SET progress_bar_time = 0');
    await connection.run(`CREATE VIEW src AS SELECT * FROM ${reader}`);
    const described = await connection.runAndReadAll('DESCRIBE SELECT * FROM src');
    columns = described.getRows().map((row) => ({ name: String(row[0]), type: String(row[1]), class: classOf(String(row[1])) }));
    if (format === 'csv' && delimiter) {
      const header = parseHeader(file, delimiter);
      if (header && (header.length !== columns.length || header.some((h, i) => h !== columns[i]?.name))) {
        // The sniffer took another line for the header: a row does not match the first line.
        // Read strictly by the header to find it and say where.
        const spec = header.map((h, i) => `${quoteText(h || `column${i}`)}: 'VARCHAR'`).join(', ');
        await connection.run(
          `SELECT COUNT(*) FROM read_csv(${quoteText(link)}, header = true, auto_detect = false, delim = ${quoteText(delimiter)}, quote = '"', escape = '"', strict_mode = true, columns = {${spec}})`,
        );
        throw new Error(`the header names ${header.length} columns but the rows do not match it`);
      }
    }
  } catch (error) {
    await close();
    throw new AppError(
      'validation_failed',
      `${label}: not a readable ${format === 'parquet' ? 'Parquet' : 'CSV'} file (${engineMessage(error)})`,
      {
        issues: [{ path: field, message: engineMessage(error) }],
      },
    );
  }
  // One connection runs one query at a time: queue them.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const source: TabularSource = {
    dialect: 'duckdb',
    relation: 'src',
    description: label,
    format,
    columns: () => Promise.resolve(columns),
    query: (sql, onProgress) =>
      serial(() =>
        runDuckDb(connection, sql, label, field, onProgress, async (result) => {
          const rows: unknown[][] = [];
          for await (const chunk of result.yieldRows()) for (const row of chunk) rows.push(row);
          return rows;
        }),
      ),
    queryChunks: (sql, onProgress, onChunk) =>
      serial(() =>
        runDuckDb(connection, sql, label, field, onProgress, async (result) => {
          for (;;) {
            const chunk = await result.fetchChunk();
            if (!chunk || chunk.rowCount === 0) break;
            onChunk(chunk.getColumns(), chunk.rowCount);
          }
        }),
      ),
    close,
  };
  return source;
}

/**
 * Runs one statement on DuckDB's own threads (the event loop stays free), polling its progress,
 * and hands the result to `consume`. Engine errors become one `validation_failed` naming `field`.
 */
async function runDuckDb<T>(
  connection: DuckDBConnection,
  sql: string,
  label: string,
  field: string,
  onProgress: ((p: QueryProgress) => void) | undefined,
  consume: (result: DuckDBResult) => Promise<T>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const pending = await connection.start(sql);
    if (onProgress) timer = setInterval(() => onProgress({ percentage: connection.progress.percentage }), 200);
    await pending.runAllTasks();
    onProgress?.({ percentage: 100 });
    return await consume(await pending.getResult());
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('validation_failed', `${label}: ${engineMessage(error)}`, {
      issues: [{ path: field, message: engineMessage(error) }],
    });
  } finally {
    if (timer) clearInterval(timer);
  }
}

/**
 * Runs aggregations inside PostgreSQL over the team's own query, in a read-only
 * transaction with a statement timeout, so large tables are never copied out and the
 * query cannot change anything.
 */
export async function openPostgresSource(
  url: string,
  query: string,
  options: { statementTimeoutMs?: number } = {},
): Promise<TabularSource> {
  const text = query.trim().replace(/;\s*$/, '');
  if (text === '') throw new AppError('validation_failed', 'the query is empty', { issues: [{ path: 'query', message: 'empty' }] });
  if (text.includes(';'))
    throw new AppError('validation_failed', 'the query must be a single SELECT statement', {
      issues: [{ path: 'query', message: 'more than one statement' }],
    });
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  const description = `PostgreSQL query on ${new URL(url).host}`;
  try {
    await client.connect();
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.trunc(options.statementTimeoutMs ?? 600_000)}`);
  } catch (error) {
    await client.end().catch(() => {});
    throw new AppError('validation_failed', `cannot connect to PostgreSQL: ${engineMessage(error)}`, {
      issues: [{ path: 'postgres', message: engineMessage(error) }],
    });
  }
  const relation = `(${text}) AS src`;
  const run = async (sql: string) => {
    try {
      const result = await client.query({ text: sql, rowMode: 'array' });
      return result.rows as unknown[][];
    } catch (error) {
      throw new AppError('validation_failed', `the query failed in PostgreSQL: ${engineMessage(error)}`, {
        issues: [{ path: 'query', message: engineMessage(error) }],
      });
    }
  };
  let columns: SourceColumn[] | undefined;
  return {
    dialect: 'postgres',
    relation,
    description,
    format: 'postgres',
    async columns() {
      if (columns) return columns;
      const result = await client.query({ text: `SELECT * FROM ${relation} LIMIT 0`, rowMode: 'array' }).catch((error: unknown) => {
        throw new AppError('validation_failed', `the query failed in PostgreSQL: ${engineMessage(error)}`, {
          issues: [{ path: 'query', message: engineMessage(error) }],
        });
      });
      const types = await client.query<{ oid: number; typname: string }>(
        'SELECT oid::int AS oid, typname FROM pg_type WHERE oid = ANY($1::oid[])',
        [result.fields.map((f) => f.dataTypeID)],
      );
      const nameOf = new Map(types.rows.map((r) => [r.oid, r.typname]));
      columns = result.fields.map((f) => {
        const typname = nameOf.get(f.dataTypeID) ?? 'unknown';
        const cls: ColumnClass = /^(int2|int4|int8|float4|float8|numeric)$/.test(typname)
          ? 'number'
          : typname === 'bool'
            ? 'boolean'
            : /^(text|varchar|bpchar|name|char)$/.test(typname)
              ? 'text'
              : 'other';
        return { name: f.name, type: typname, class: cls };
      });
      return columns;
    },
    query: (sql) => run(sql),
    async queryChunks(sql, _onProgress, onChunk) {
      const rows = await run(sql);
      const width = rows[0]?.length ?? 0;
      onChunk(
        Array.from({ length: width }, (_, c) => rows.map((row) => row[c])),
        rows.length,
      );
    },
    async close() {
      await client.query('ROLLBACK').catch(() => {});
      await client.end().catch(() => {});
    },
  };
}

export async function openSource(
  spec: SourceSpec,
  options: { memoryLimit?: string; threads?: number; field?: string } = {},
): Promise<TabularSource> {
  return spec.kind === 'file' ? openFileSource(spec.path, { ...options, name: spec.name }) : openPostgresSource(spec.url, spec.query);
}

/** Finds the named columns or throws one error listing every missing one and what exists. */
export async function requireColumns(
  source: TabularSource,
  wanted: { field: string; column: string }[],
): Promise<Map<string, SourceColumn>> {
  const columns = await source.columns();
  const byName = new Map(columns.map((c) => [c.name, c]));
  const missing = wanted.filter((w) => !byName.has(w.column));
  if (missing.length > 0) {
    const available = columns.map((c) => c.name).slice(0, 30);
    throw new AppError(
      'validation_failed',
      `${source.description}: no column ${missing.map((m) => `"${m.column}"`).join(', ')}; the columns are ${available.map((a) => `"${a}"`).join(', ')}${columns.length > 30 ? ', …' : ''}`,
      { issues: missing.map((m) => ({ path: m.field, message: `no column "${m.column}"` })) },
    );
  }
  return byName;
}

export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number(value);
  if (value === null || value === undefined) return 0;
  // DuckDB HUGEINT / DECIMAL values expose toString().
  return Number(String(value));
}
