import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, UnknownRow } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { OrgPrincipal } from '../../domain/principal.ts';
import { loadBuiltInCatalog } from '../../server/app.ts';
import { as, describeEachDatabase, newOrganization, type SignedIn, type TestContext } from '../../test/harness.ts';
import { getReadiness } from './readiness.service.ts';

const A = 'iso42001-2023';
const catalog = loadBuiltInCatalog();
const controls = ['A.2.2', 'A.5.2', 'A.6.2.4', 'A.6.2.6', 'A.7.4', 'A.8.2', 'A.9.4', 'A.10.3'];
const clauses = ['4.3', '5.2', '6.2', '7.2', '9.2.2', '9.3.3', '10.2'];

/** Counts every statement sent to the database (query builders and raw SQL alike pass through the plugins). */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count += 1;
    return Promise.resolve(args.result);
  }
}

async function principalOf(ctx: TestContext, who: SignedIn): Promise<OrgPrincipal> {
  const membership = await ctx.db.kysely
    .selectFrom('memberships')
    .select('id')
    .where('org_id', '=', who.orgId)
    .where('user_id', '=', who.userId)
    .executeTakeFirstOrThrow();
  return {
    orgId: who.orgId,
    orgSlug: who.orgSlug,
    userId: who.userId,
    membershipId: membership.id,
    role: 'owner',
    via: 'session',
    tokenId: null,
    actor: { type: 'user', id: who.userId, label: who.email, ip: null },
  };
}

/** `n` AI systems, `n` treated risks and `n` evidence items spread over clauses and controls. */
async function populate(ctx: TestContext, who: SignedIn, n: number): Promise<void> {
  const api = as(ctx, who);
  const base = `/api/orgs/${who.orgSlug}`;
  for (let i = 0; i < n; i += 1) {
    const system = await api.post(`${base}/systems`, { name: `System ${i}`, purpose: 'Scoring', owner: 'owner@example.com' });
    assert.equal(system.statusCode, 201, system.body);
    const risk = await api.post(`${base}/risks`, { title: `Risk ${i}`, likelihood: 3, impact: 3, systemIds: [system.json().id] });
    assert.equal(risk.statusCode, 201, risk.body);
    const treated = await api.put(`${base}/risks/${risk.json().id}/treatment`, {
      option: 'modify',
      controls: [{ framework: A, control: controls[i % controls.length] }],
      version: risk.json().version,
    });
    assert.equal(treated.statusCode, 200, treated.body);
    const evidence = await api.post(`${base}/evidence`, {
      kind: 'note',
      title: `Evidence ${i}`,
      note: 'Filed',
      reviewDue: i % 2 ? '2099-01-01' : null,
      links: { requirements: [`${A}:${clauses[i % clauses.length]}`], controls: [controls[i % controls.length]] },
    });
    assert.equal(evidence.statusCode, 201, evidence.body);
  }
}

describeEachDatabase('Readiness: a fixed number of queries', (ctx) => {
  test('the number of SQL statements does not grow with the number of systems, risks and evidence items', async (t) => {
    const small = await newOrganization(ctx());
    const large = await newOrganization(ctx());
    await populate(ctx(), small, 1);
    await populate(ctx(), large, 20);

    const statements = async (who: SignedIn) => {
      const counter = new QueryCounter();
      const db: Db = { kysely: ctx().db.kysely.withPlugin(counter), dialect: ctx().db.dialect, close: () => Promise.resolve() };
      const readiness = await getReadiness(db, await principalOf(ctx(), who), catalog, {});
      return { count: counter.count, readiness };
    };
    const one = await statements(small);
    const twenty = await statements(large);
    t.diagnostic(`SQL statements per readiness view: ${one.count} (1 of each record), ${twenty.count} (20 of each)`);
    // The counter sees the readiness queries: the data was read (the figures differ), in as many statements.
    assert.ok(one.count > 5, `counted ${one.count}`);
    assert.equal(twenty.count, one.count, `1 system: ${one.count} statements; 20 systems: ${twenty.count}`);
    assert.ok(one.count <= 25, `a small fixed number, counted ${one.count}`);
    const passed = (r: typeof one.readiness, id: string) => r.checks.find((c) => c.ruleId === id)?.status;
    assert.equal(passed(twenty.readiness, '9.2-internal-audit'), 'pass');
    assert.equal(passed(one.readiness, '9.2-internal-audit'), 'gap');
    assert.ok(twenty.readiness.passed > one.readiness.passed);
  });
});
