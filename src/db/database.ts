import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

/** The one handle the repositories receive: a Kysely instance plus the dialect it speaks. */
export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  /** PostgreSQL schema when not the default (tests and shared servers use one per install). */
  readonly schema?: string | undefined;
  close(): Promise<void>;
}

/** A query executor: the database itself or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

// PostgreSQL sends bigint and numeric as strings; SQLite sends numbers. Parse once
// here so both dialects hand the application the same types.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function openDatabase(config: DatabaseConfig): Db {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
  }
  if (config.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(config.schema)) {
    throw new Error(`invalid PostgreSQL schema name "${config.schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', schema: config.schema, close: () => kysely.destroy() };
}

/** Runs `fn` in one transaction; everything it writes commits together or not at all. */
export function inTransaction<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(fn);
}

/** Checks the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}

/** The tables of the connected schema and their column names (PostgreSQL: the current schema only). */
export async function listTableColumns(db: Db): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>();
  if (db.dialect === 'postgres') {
    const rows = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(db.kysely);
    for (const r of rows.rows) {
      const set = result.get(r.table_name) ?? new Set<string>();
      set.add(r.column_name);
      result.set(r.table_name, set);
    }
    return result;
  }
  for (const t of await db.kysely.introspection.getTables()) result.set(t.name, new Set(t.columns.map((c) => c.name)));
  return result;
}

/**
 * better-sqlite3 statements are reusable, but Kysely prepares each query anew (about a third
 * of SQLite's time under load). Kysely runs one query at a time on the connection and never
 * streams here, so handing back a cached statement is safe. Bounded: least recently used out.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (cache.size >= size) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}
