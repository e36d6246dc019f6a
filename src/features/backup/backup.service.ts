import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type Transaction } from 'kysely';
import { pipeToFile } from '../../domain/files.ts';
import { inTransaction, listTableColumns, type Db } from '../../db/database.ts';
import { currentMigration, latestMigration, migrateTo, migrateToLatest } from '../../db/migrate.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { nowIso } from '../../domain/time.ts';
import { trellisVersion } from '../../version.ts';

export const BACKUP_FORMAT = 'trellis-backup';
export const BACKUP_FORMAT_VERSION = 1;

/**
 * The tables a backup carries, parents before children, each with the key it is
 * read in order of. Sessions and sign-in attempts are short-lived secrets and
 * are left out: after a restore everyone signs in again.
 */
export const backupTables: { name: keyof Database; orderBy: string[] }[] = [
  { name: 'instance_settings', orderBy: ['key'] },
  { name: 'organizations', orderBy: ['id'] },
  { name: 'users', orderBy: ['id'] },
  { name: 'memberships', orderBy: ['id'] },
  { name: 'api_tokens', orderBy: ['id'] },
  { name: 'audit_chains', orderBy: ['chain'] },
  { name: 'audit_log', orderBy: ['chain', 'seq'] },
  { name: 'catalog_documents', orderBy: ['id'] },
  { name: 'ai_systems', orderBy: ['id'] },
  { name: 'suppliers', orderBy: ['id'] },
  { name: 'datasets', orderBy: ['id'] },
  { name: 'models', orderBy: ['id'] },
  { name: 'inventory_relations', orderBy: ['id'] },
  { name: 'ai_system_classifications', orderBy: ['id'] },
  { name: 'risk_criteria', orderBy: ['id'] },
  { name: 'risks', orderBy: ['id'] },
  { name: 'risk_systems', orderBy: ['risk_id', 'system_id'] },
  { name: 'risk_controls', orderBy: ['risk_id', 'framework', 'control'] },
  { name: 'risk_actions', orderBy: ['id'] },
  { name: 'risk_assessments', orderBy: ['id'] },
  { name: 'impact_templates', orderBy: ['id'] },
  { name: 'impact_assessments', orderBy: ['id'] },
  { name: 'control_implementations', orderBy: ['id'] },
  { name: 'soa_versions', orderBy: ['id'] },
  { name: 'evidence', orderBy: ['id'] },
  { name: 'evidence_versions', orderBy: ['id'] },
  { name: 'evidence_links', orderBy: ['evidence_id', 'target_type', 'framework', 'target'] },
  { name: 'monitoring_plans', orderBy: ['id'] },
  { name: 'monitoring_runs', orderBy: ['id'] },
  { name: 'ai_objectives', orderBy: ['id'] },
];

interface BackupHeader {
  format: string;
  formatVersion: number;
  trellisVersion: string;
  createdAt: string;
  sourceDatabase: string;
  migration: string | null;
}

export interface BackupSummary {
  file: string;
  migration: string | null;
  tables: Record<string, number>;
  bytes: number;
  sha256: string;
}

const PAGE = 2000;

type Row = Record<string, unknown>;

async function* readTable(trx: Transaction<Database>, table: (typeof backupTables)[number]): AsyncGenerator<Row> {
  const keys = table.orderBy;
  let last: unknown[] | null = null;
  for (;;) {
    // Keyset paging in the order of the primary key: constant cost per page, however large the table.
    let q = trx.selectFrom(table.name as 'users').selectAll() as unknown as {
      where: (expr: unknown) => typeof q;
      orderBy: (col: string) => typeof q;
      limit: (n: number) => typeof q;
      execute: () => Promise<Row[]>;
    };
    if (last) {
      const lhs = sql.join(keys.map((k) => sql.ref(k)));
      const rhs = sql.join(last.map((v) => sql`${v}`));
      q = q.where(sql`(${lhs}) > (${rhs})`);
    }
    for (const k of keys) q = q.orderBy(k);
    const rows = await q.limit(PAGE).execute();
    for (const row of rows) yield row;
    const tail = rows.at(-1);
    if (!tail || rows.length < PAGE) return;
    last = keys.map((k) => tail[k]);
  }
}

/**
 * Writes a consistent, portable archive of all data: gzip'd JSON lines, read in
 * one snapshot transaction, written to a temporary file and renamed into place so
 * a failed backup never leaves a half-written file under the target name.
 */
export async function writeBackup(db: Db, file: string, onProgress?: (rows: number, table: string) => void): Promise<BackupSummary> {
  const target = path.resolve(file);
  const tmp = `${target}.partial-${process.pid}`;
  const migration = await currentMigration(db);
  const tables: Record<string, number> = {};
  const digest = createHash('sha256');
  let total = 0;
  const run = async (trx: Transaction<Database>) => {
    async function* lines(): AsyncGenerator<string> {
      const emit = (value: unknown) => {
        const line = `${JSON.stringify(value)}\n`;
        digest.update(line);
        return line;
      };
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        trellisVersion,
        createdAt: nowIso(),
        sourceDatabase: db.dialect,
        migration,
      };
      yield emit(header);
      for (const table of backupTables) {
        yield emit({ table: table.name });
        let n = 0;
        for await (const row of readTable(trx, table)) {
          yield emit({ r: row });
          n += 1;
          total += 1;
          if (total % 5000 === 0) onProgress?.(total, table.name);
        }
        tables[table.name] = n;
        yield emit({ end: table.name, rows: n });
      }
      const sha = digest.copy().digest('hex');
      yield `${JSON.stringify({ complete: true, tables, sha256: sha })}\n`;
    }
    await pipeToFile(fs.createWriteStream(tmp, { flags: 'wx' }), Readable.from(lines()), createGzip());
  };
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    if (db.dialect === 'postgres') await db.kysely.transaction().setIsolationLevel('repeatable read').execute(run);
    else await inTransaction(db, run);
    fs.renameSync(tmp, target);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  onProgress?.(total, 'done');
  const bytes = fs.statSync(target).size;
  const sha256 = createHash('sha256').update(fs.readFileSync(target)).digest('hex');
  return { file: target, migration, tables, bytes, sha256 };
}

/** Counts rows in the tables a restore would fill; zero everywhere means the database is empty. */
async function existingRows(db: Db): Promise<Record<string, number>> {
  const present = new Set((await listTableColumns(db)).keys());
  const counts: Record<string, number> = {};
  for (const t of [...backupTables.map((b) => b.name), 'sessions' as const]) {
    if (!present.has(t)) continue;
    const row = await db.kysely
      .selectFrom(t as 'users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(row.n) > 0) counts[t] = Number(row.n);
  }
  return counts;
}

function badArchive(message: string): AppError {
  return new AppError('validation_failed', `not a valid Trellis backup: ${message}`);
}

/**
 * Loads a backup into an empty database of either kind. The whole load is one
 * transaction: a damaged or truncated archive changes nothing.
 * @throws AppError `precondition_failed` when the target holds data,
 *   `validation_failed` when the archive is damaged or not a backup.
 */
export async function restoreBackup(
  db: Db,
  file: string,
  onProgress?: (rows: number, table: string) => void,
): Promise<{ tables: Record<string, number>; migration: string }> {
  if (!fs.existsSync(file)) throw new AppError('not_found', `no such file: ${file}`);
  const existing = await existingRows(db);
  if (Object.keys(existing).length > 0) {
    const what = Object.entries(existing)
      .map(([t, n]) => `${n} ${t}`)
      .join(', ');
    throw new AppError('precondition_failed', `the target database is not empty (${what}); restore only into an empty database`);
  }

  const gunzip = createGunzip();
  const source = fs.createReadStream(file);
  source.pipe(gunzip);
  const iterator = readLines(gunzip);
  const next = async (): Promise<string | null> => {
    try {
      const r = await iterator.next();
      return r.done ? null : r.value;
    } catch (e) {
      throw badArchive(`cannot decompress (${e instanceof Error ? e.message : String(e)})`);
    }
  };
  const parseLine = (line: string | null, what: string): Record<string, unknown> => {
    if (line === null) throw badArchive(`the archive ends early (expected ${what})`);
    try {
      const value: unknown = JSON.parse(line);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
      return value as Record<string, unknown>;
    } catch {
      throw badArchive(`a line is not valid JSON (expected ${what})`);
    }
  };

  try {
    const digest = createHash('sha256');
    const headerLine = await next();
    const header = parseLine(headerLine, 'the header') as unknown as BackupHeader;
    if (header.format !== BACKUP_FORMAT || header.formatVersion !== BACKUP_FORMAT_VERSION) {
      throw badArchive(`unknown format ${String(header.format)} v${String(header.formatVersion)}`);
    }
    if (typeof header.migration !== 'string') throw badArchive('the header names no schema migration');
    if (header.migration > latestMigration) {
      throw new AppError(
        'precondition_failed',
        `the backup was made by a newer Trellis (schema ${header.migration}); upgrade Trellis first`,
      );
    }
    digest.update(`${headerLine}\n`);
    // Bring the empty target to the backup's schema, load, then migrate to the latest.
    await migrateTo(db, header.migration);
    const columns = await listTableColumns(db);

    const tables: Record<string, number> = {};
    let total = 0;
    await inTransaction(db, async (trx) => {
      const known = new Set<string>(backupTables.map((t) => t.name));
      let line = await next();
      for (;;) {
        const start = parseLine(line, 'a table or the closing line');
        if (start.complete === true) break;
        const tableName = start.table;
        if (typeof tableName !== 'string' || !known.has(tableName) || tableName in tables) {
          throw badArchive(`unexpected table ${String(tableName ?? 'entry')}`);
        }
        digest.update(`${line}\n`);
        const tableColumns = columns.get(tableName);
        if (!tableColumns) throw badArchive(`table ${tableName} does not exist at schema ${header.migration}`);
        let batch: Row[] = [];
        let count = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          await trx
            .insertInto(tableName as 'users')
            .values(batch as never)
            .execute();
          batch = [];
        };
        for (;;) {
          const rowLine = await next();
          const value = parseLine(rowLine, `rows of ${tableName}`);
          digest.update(`${rowLine}\n`);
          if ('end' in value) {
            if (value.end !== tableName || value.rows !== count)
              throw badArchive(`table ${tableName} should have ${String(value.rows)} rows, found ${count}`);
            break;
          }
          const row = value.r as Row | undefined;
          if (!row || typeof row !== 'object') throw badArchive(`a row of ${tableName} is malformed`);
          for (const key of Object.keys(row)) {
            if (!tableColumns.has(key)) throw badArchive(`table ${tableName} has no column ${key}`);
          }
          batch.push(row);
          count += 1;
          total += 1;
          if (batch.length >= 200) await flush();
          if (total % 5000 === 0) onProgress?.(total, tableName);
        }
        await flush();
        tables[tableName] = count;
        line = await next();
      }
      const trailer = parseLine(line, 'the closing line');
      if (trailer.complete !== true) throw badArchive('the closing line is missing');
      if (trailer.sha256 !== digest.digest('hex')) throw badArchive('the checksum does not match: the file was altered or damaged');
    });
    await migrateToLatest(db);
    // Fresh tables have no planner statistics until autovacuum runs (if it runs at all).
    if (db.dialect === 'postgres') await sql`analyze`.execute(db.kysely);
    onProgress?.(total, 'done');
    return { tables, migration: header.migration };
  } finally {
    await iterator.return(undefined);
    source.destroy();
    gunzip.destroy();
  }
}

/** Splits a text stream into lines without holding more than one line in memory. */
async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  for await (const chunk of stream) {
    pending += decoder.decode(chunk as Buffer, { stream: true });
    let at = pending.indexOf('\n');
    while (at >= 0) {
      yield pending.slice(0, at);
      pending = pending.slice(at + 1);
      at = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  if (pending !== '') yield pending;
}
