import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Catalog } from '../features/catalog/catalog.ts';
import type { EvidenceStore } from '../features/evidence/evidence-store.ts';

/** What every route plugin receives: the database and the configuration. */
export interface RouteContext {
  db: Db;
  config: Config;
  /** The built-in frameworks and crosswalks, loaded and validated at start-up. */
  catalog: Catalog;
  /** Where evidence files are stored (local directory or S3-compatible bucket). */
  evidenceStore: EvidenceStore;
}
