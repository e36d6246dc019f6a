import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { buildApp } from './app.ts';

export const openApiPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/openapi.json');

/** The OpenAPI document as committed: built from the route schemas, independent of the environment. */
export async function generateOpenApiDocument(): Promise<string> {
  const db = openDatabase({ kind: 'sqlite', file: ':memory:' });
  const app = await buildApp({ db, config: loadConfig({ PORT: '4242', TRELLIS_DATA_DIR: '/nonexistent' }) });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
    await db.close();
  }
}
