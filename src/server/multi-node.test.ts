import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { verifyAuditChains } from '../features/audit-log/audit-log.service.ts';
import { isPostgresReachable, createTestDatabase, type TestDatabase } from '../test/databases.ts';
import { newOrganization, testConfig, type TestContext } from '../test/harness.ts';
import { buildApp } from './app.ts';

// Two server nodes, each with its own connection pool, on one PostgreSQL: the scale-out shape.
describe('two server nodes on one PostgreSQL', { skip: !(await isPostgresReachable()) && 'PostgreSQL not reachable' }, () => {
  let database: TestDatabase;
  let nodeA: FastifyInstance;
  let nodeB: FastifyInstance;
  before(async () => {
    database = await createTestDatabase('postgres');
    nodeA = await buildApp({ db: database.db, config: testConfig() });
    nodeB = await buildApp({ db: database.openAnother(), config: testConfig() });
  });
  after(async () => {
    await nodeA.close();
    await nodeB.close();
    await database.cleanup();
  });

  test('a session opened on one node works on the other', async () => {
    const ctx: TestContext = { dialect: 'postgres', database, db: database.db, config: testConfig(), app: nodeA };
    const owner = await newOrganization(ctx);
    const res = await nodeB.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: owner.cookie } });
    assert.equal(res.statusCode, 200);
  });

  test('concurrent writes through both nodes keep one intact audit chain', async () => {
    const ctx: TestContext = { dialect: 'postgres', database, db: database.db, config: testConfig(), app: nodeA };
    const owner = await newOrganization(ctx);
    const writes = [];
    for (let i = 0; i < 40; i += 1) {
      const node = i % 2 === 0 ? nodeA : nodeB;
      writes.push(
        node.inject({
          method: 'POST',
          url: `/api/orgs/${owner.orgSlug}/tokens`,
          headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
          payload: { name: `parallel-${i}` },
        }),
      );
    }
    const results = await Promise.all(writes);
    assert.ok(results.every((r) => r.statusCode === 201));
    const verify = await verifyAuditChains(database.db, { chain: owner.orgId });
    assert.equal(verify.ok, true, verify.firstBad?.message);
    const count = await database.db.kysely
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('chain', '=', owner.orgId)
      .where('action', '=', 'token.created')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 40);
  });
});
