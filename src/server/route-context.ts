import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';

/** What every route plugin receives: the database and the configuration. */
export interface RouteContext {
  db: Db;
  config: Config;
  version: string;
}
