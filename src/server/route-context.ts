import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Catalog } from '../features/catalog/catalog.ts';

/** What every route plugin receives: the database and the configuration. */
export interface RouteContext {
  db: Db;
  config: Config;
  /** The built-in frameworks and crosswalks, loaded and validated at start-up. */
  catalog: Catalog;
}
