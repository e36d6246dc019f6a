import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import { openDatabase, type Db } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

export const postgresUrl = process.env.TRELLIS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<boolean> | null = null;

/** Whether the test PostgreSQL answers (checked once per process; the runner may decide for us). */
export function isPostgresReachable(): Promise<boolean> {
  if (process.env.TRELLIS_TEST_POSTGRES === '1') return Promise.resolve(true);
  if (process.env.TRELLIS_TEST_POSTGRES === '0') return Promise.resolve(false);
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

export interface TestDatabase {
  db: Db;
  config: DatabaseConfig;
  /** A second, independent connection to the same database (a second server node). */
  openAnother(): Db;
  cleanup(): Promise<void>;
}

export type DialectName = 'sqlite' | 'postgres';

/** A fresh, empty database: a temp SQLite file, or a private PostgreSQL schema. */
export async function createTestDatabase(kind: DialectName, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let config: DatabaseConfig;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-test-'));
    config = { kind: 'sqlite', file: path.join(dir, 'trellis.sqlite') };
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    config = { kind: 'postgres', url: postgresUrl, schema };
    drop = async () => {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    };
  }
  const db = openDatabase(config);
  if (options.migrate !== false) await migrateToLatest(db);
  const others: Db[] = [];
  return {
    db,
    config,
    openAnother: () => {
      const other = openDatabase(config);
      others.push(other);
      return other;
    },
    cleanup: async () => {
      for (const o of others) await o.close().catch(() => {});
      await db.close().catch(() => {});
      await drop();
    },
  };
}

/** The dialects this run covers: SQLite always, PostgreSQL when reachable. */
export async function availableDialects(): Promise<DialectName[]> {
  return (await isPostgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}
