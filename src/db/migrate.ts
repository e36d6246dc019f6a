import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { AppError } from '../domain/errors.ts';
import type { Db } from './database.ts';
import * as foundation from './migrations/2026-11-28T00-00-foundation.ts';
import * as catalog from './migrations/2026-11-28T01-00-catalog.ts';
import * as inventory from './migrations/2026-11-28T02-00-inventory.ts';
import * as risk from './migrations/2026-11-28T03-00-risk.ts';
import * as controls from './migrations/2026-11-28T04-00-controls.ts';
import * as soaIndexes from './migrations/2026-11-28T05-00-soa-indexes.ts';
import * as evidenceList from './migrations/2026-11-28T06-00-evidence-list.ts';
import * as readinessIndex from './migrations/2026-11-29T01-00-readiness-index.ts';
import * as monitoring from './migrations/2026-11-29T02-00-monitoring.ts';
import * as objectives from './migrations/2026-11-29T03-00-objectives.ts';

/** Every migration, in order. Names start with an ISO date so they sort by time. */
const migrations: Record<string, Migration> = {
  '2026-11-28T00-00-foundation': foundation,
  '2026-11-28T01-00-catalog': catalog,
  '2026-11-28T02-00-inventory': inventory,
  '2026-11-28T03-00-risk': risk,
  '2026-11-28T04-00-controls': controls,
  '2026-11-28T05-00-soa-indexes': soaIndexes,
  '2026-11-28T06-00-evidence-list': evidenceList,
  '2026-11-29T01-00-readiness-index': readinessIndex,
  '2026-11-29T02-00-monitoring': monitoring,
  '2026-11-29T03-00-objectives': objectives,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export const latestMigration = Object.keys(migrations).sort().at(-1) ?? '';

function migrator(db: Db): Migrator {
  // Name the schema explicitly: Kysely otherwise looks for its bookkeeping tables in every schema.
  return new Migrator({ db: db.kysely, provider, ...(db.schema ? { migrationTableSchema: db.schema } : {}) });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new AppError('internal', `migration ${failed?.migrationName ?? ''} failed: ${reason}`.replace('  ', ' '));
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return unwrap(await migrator(db).migrateToLatest());
}

/** Migrates up (or down) to exactly the named migration. */
export async function migrateTo(db: Db, name: string): Promise<string[]> {
  if (!(name in migrations)) {
    throw new AppError('precondition_failed', `unknown migration "${name}": this Trellis is older than the data`);
  }
  return unwrap(await migrator(db).migrateTo(name));
}

/** The name of the newest applied migration, or null on an empty database. */
export async function currentMigration(db: Db): Promise<string | null> {
  const all = await migrator(db).getMigrations();
  const applied = all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
  return applied.sort().at(-1) ?? null;
}
