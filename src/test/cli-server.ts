import assert from 'node:assert/strict';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Db } from '../db/database.ts';
import { cliActor, createTokenForMember, initOrganization } from '../features/admin/admin.service.ts';
import type { EvidenceStore } from '../features/evidence/evidence-store.ts';
import { buildApp } from '../server/app.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { PASSWORD, testConfig } from './harness.ts';

/** A listening server on a fresh SQLite database with one organization and an API token, for the CLI's API-client commands. */
export interface CliServer {
  database: TestDatabase;
  db: Db;
  app: FastifyInstance;
  /** the environment a CLI child process gets: TRELLIS_URL and TRELLIS_TOKEN set */
  env: NodeJS.ProcessEnv;
  url: string;
  token: string;
  /** Sets up data with an in-process request to `/api/orgs/<slug><path>` as the token's member. */
  api(method: InjectOptions['method'], path: string, payload?: object): Promise<LightMyRequestResponse>;
  /** Like `api`, for a request that must succeed (any 2xx): its JSON body. */
  ok<T = { id: string; ref: string; version: number }>(method: InjectOptions['method'], path: string, payload?: object): Promise<T>;
  close(): Promise<void>;
}

export async function startCliServer(
  org: { slug: string; name: string; email: string },
  options: { config?: Record<string, string>; evidenceStore?: EvidenceStore } = {},
): Promise<CliServer> {
  const database = await createTestDatabase('sqlite');
  const db = database.db;
  const app = await buildApp({
    db,
    config: testConfig(options.config),
    ...(options.evidenceStore ? { evidenceStore: options.evidenceStore } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await initOrganization(db, { orgName: org.name, slug: org.slug, email: org.email, password: PASSWORD }, cliActor());
  const { token } = await createTokenForMember(db, { email: org.email, org: org.slug, name: 'cli' }, cliActor());
  const api: CliServer['api'] = (method, path, payload) =>
    app.inject({
      method,
      url: `/api/orgs/${org.slug}${path}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  return {
    database,
    db,
    app,
    env: { ...process.env, TRELLIS_URL: url, TRELLIS_TOKEN: token },
    url,
    token,
    api,
    ok: async <T>(method: InjectOptions['method'], path: string, payload?: object) => {
      const res = await api(method, path, payload);
      assert.ok(res.statusCode >= 200 && res.statusCode < 300, `${method} ${path}: ${res.statusCode} ${res.body}`);
      return res.json<T>();
    },
    close: async () => {
      await app.close();
      await database.cleanup();
    },
  };
}
