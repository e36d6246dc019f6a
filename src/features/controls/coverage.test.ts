import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import type { Db } from '../../db/database.ts';
import { systemActor, type OrgPrincipal } from '../../domain/principal.ts';
import { addDays } from '../../domain/evidence-state.ts';
import type { ControlImplementationDetail } from '../../domain/schemas/controls.schemas.ts';
import type { CoverageItem, CoverageState, FrameworkCoverage } from '../../domain/schemas/coverage.schemas.ts';
import type { EvidenceDetail } from '../../domain/schemas/evidence.schemas.ts';
import { loadCatalogDir } from '../catalog/catalog.loader.ts';
import { frameworkCoverage } from './coverage.service.ts';
import { as, describeEachDatabase, newMember, newOrganization, type SignedIn, type TestContext } from '../../test/harness.ts';

const A = 'iso42001-2023';
const ISO27001 = 'iso27001-2022';
const RMF = 'nist-ai-rmf-1.0';
const AI_ACT = 'eu-ai-act-2024';
const builtIn = loadCatalogDir();
const today = new Date().toISOString().slice(0, 10);

async function coverage(ctx: TestContext, who: SignedIn, framework: string): Promise<FrameworkCoverage> {
  const res = await as(ctx, who).get(`/api/orgs/${who.orgSlug}/controls/coverage?framework=${encodeURIComponent(framework)}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

function item(doc: FrameworkCoverage, id: string): CoverageItem {
  for (const g of doc.groups) {
    const found = g.items.find((i) => i.id === id);
    if (found) return found;
  }
  assert.fail(`no item ${id} in the ${doc.framework.id} coverage`);
}

async function states(ctx: TestContext, who: SignedIn): Promise<CoverageState[]> {
  return [
    item(await coverage(ctx, who, ISO27001), 'A.5.1').state,
    item(await coverage(ctx, who, RMF), 'GOVERN 1.1').state,
    item(await coverage(ctx, who, AI_ACT), 'Art. 5').state,
  ];
}

async function setControl(ctx: TestContext, who: SignedIn, control: string, body: object): Promise<ControlImplementationDetail> {
  const url = `/api/orgs/${who.orgSlug}/controls/${A}/${control}`;
  const current = (await as(ctx, who).get(url)).json<ControlImplementationDetail>();
  const res = await as(ctx, who).put(url, { ...body, ...(current.version === null ? {} : { version: current.version }) });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

async function evidenceFor(ctx: TestContext, who: SignedIn, controls: string[], reviewDue: string | null): Promise<EvidenceDetail> {
  const res = await as(ctx, who).post(`/api/orgs/${who.orgSlug}/evidence`, {
    kind: 'note',
    title: `Evidence for ${controls.join(', ')}`,
    note: 'Reviewed and signed off by the AI governance board.',
    effectiveDate: '2019-06-01',
    reviewDue,
    links: { controls },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** The database with every query counted. */
function counting(db: Db): { db: Db; count: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      n += 1;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  return { db: { kysely: db.kysely.withPlugin(plugin), dialect: db.dialect, schema: db.schema, close: () => db.close() }, count: () => n };
}

function sum(totals: Record<string, number>): number {
  return Object.values(totals).reduce((a, b) => a + b, 0);
}

describeEachDatabase('framework coverage through controls and evidence', (ctx) => {
  test('every target item is counted once, by group, with honest no-mapping and clauses-only states', async () => {
    const owner = await newOrganization(ctx());
    const iso = await coverage(ctx(), owner, ISO27001);
    assert.deepEqual([iso.itemKind, iso.groupLabel, iso.summary.items], ['control', 'theme', 93]);
    assert.deepEqual(
      iso.groups.map((g) => [g.id, g.items.length]),
      [
        ['A.5', 37],
        ['A.6', 8],
        ['A.7', 14],
        ['A.8', 34],
      ],
    );
    // Physical security has no AI-management counterpart: no crosswalk reaches it.
    assert.equal(item(iso, 'A.7.1').state, 'no-mapping');
    assert.deepEqual(item(iso, 'A.7.1').controls, []);
    assert.deepEqual(
      item(iso, 'A.5.1').controls.map((c) => [c.control, c.state, c.relationship]),
      [
        ['A.2.2', 'not-covered', 'intersects'],
        ['A.2.3', 'not-covered', 'intersects'],
        ['A.2.4', 'not-covered', 'intersects'],
      ],
    );
    assert.equal(item(iso, 'A.5.1').state, 'not-covered');
    assert.equal(iso.summary.totals['no-mapping'] + iso.summary.totals['not-covered'], 93);
    assert.equal(iso.summary.totals['no-mapping'], 54);
    assert.ok(iso.crosswalks.some((c) => c.id === 'iso42001-2023--iso27001-2022'));

    const rmf = await coverage(ctx(), owner, RMF);
    assert.deepEqual(
      rmf.groups.map((g) => [g.id, g.items.length]),
      [
        ['GOVERN', 19],
        ['MAP', 18],
        ['MEASURE', 22],
        ['MANAGE', 13],
      ],
    );
    for (const g of rmf.groups) assert.equal(sum(g.totals), g.items.length, g.id);
    assert.equal(sum(rmf.summary.totals), 72);
    // GOVERN 1.3 is mapped to ISO/IEC 42001 clauses only: not a gap and not "no mapping".
    const g13 = item(rmf, 'GOVERN 1.3');
    assert.deepEqual([g13.state, g13.controls.length > 0, g13.clauses.length > 0], ['clauses-only', false, true]);
    assert.equal(rmf.summary.totals['clauses-only'], 12);
    assert.equal(rmf.summary.totals['no-mapping'], 0);
    assert.deepEqual(
      item(rmf, 'GOVERN 1.1').clauses.map((c) => c.item),
      ['4.1', '6.2'],
    );

    const act = await coverage(ctx(), owner, AI_ACT);
    assert.deepEqual([act.itemKind, act.summary.items], ['article', 53]);
    assert.equal(item(act, 'Art. 43').state, 'no-mapping', 'conformity assessment has no 42001 equivalent');
    assert.equal(sum(act.summary.totals), 53);
  });

  test('implementing with current evidence covers; expiry, planning and exclusion move the state back', async () => {
    const owner = await newOrganization(ctx());
    const other = await newOrganization(ctx());
    assert.deepEqual(await states(ctx(), owner), ['not-covered', 'not-covered', 'not-covered']);

    await setControl(ctx(), owner, 'A.2.2', { applicable: true, status: 'implemented', owner: 'ciso@example.test' });
    assert.deepEqual(await states(ctx(), owner), ['in-progress', 'in-progress', 'in-progress'], 'implemented, no evidence yet');

    const ev = await evidenceFor(ctx(), owner, ['A.2.2'], addDays(today, 365));
    assert.deepEqual(await states(ctx(), owner), ['covered', 'covered', 'covered']);
    const iso = await coverage(ctx(), owner, ISO27001);
    assert.deepEqual(
      item(iso, 'A.5.1').controls.map((c) => [c.control, c.state, c.evidenceCurrent]),
      [
        ['A.2.2', 'covered', 1],
        ['A.2.3', 'not-covered', 0],
        ['A.2.4', 'not-covered', 0],
      ],
    );
    assert.equal(iso.summary.totals.covered, 1, 'A.2.2 maps to A.5.1 only in ISO/IEC 27001');
    assert.equal(iso.groups.find((g) => g.id === 'A.5')?.totals.covered, 1);

    // The other organization's coverage is its own.
    assert.deepEqual(await states(ctx(), other), ['not-covered', 'not-covered', 'not-covered']);
    const foreign = await as(ctx(), other).get(`/api/orgs/${owner.orgSlug}/controls/coverage?framework=${ISO27001}`);
    assert.equal(foreign.statusCode, 404);

    // The evidence expires: the control is still implemented, but nothing current shows it.
    const expired = await as(ctx(), owner).patch(`/api/orgs/${owner.orgSlug}/evidence/${ev.ref}`, {
      reviewDue: '2020-01-31',
      version: ev.version,
    });
    assert.equal(expired.statusCode, 200, expired.body);
    const afterExpiry = await coverage(ctx(), owner, ISO27001);
    assert.deepEqual(
      item(afterExpiry, 'A.5.1')
        .controls.slice(0, 1)
        .map((c) => [c.control, c.state, c.evidenceCurrent, c.evidenceExpired]),
      [['A.2.2', 'in-progress', 0, 1]],
    );
    assert.deepEqual(await states(ctx(), owner), ['in-progress', 'in-progress', 'in-progress']);

    // Excluding the only control that was under way leaves the items not covered.
    await setControl(ctx(), owner, 'A.2.2', { applicable: false, exclusionJustification: 'Policy is set by the parent company.' });
    assert.deepEqual(await states(ctx(), owner), ['not-covered', 'not-covered', 'not-covered']);

    // Another mapped control, planned, carries A.5.1 and GOVERN 1.1 (A.2.4 does not map to Art. 5).
    await setControl(ctx(), owner, 'A.2.4', { applicable: true, status: 'planned' });
    assert.deepEqual(await states(ctx(), owner), ['in-progress', 'in-progress', 'not-covered']);
    // Not started, even when applicable, is not progress.
    await setControl(ctx(), owner, 'A.2.4', { status: 'not-started' });
    assert.deepEqual(await states(ctx(), owner), ['not-covered', 'not-covered', 'not-covered']);
  });

  test('a fixed number of queries whatever the number of implementations and evidence items', async () => {
    const owner = await newOrganization(ctx());
    const principal: OrgPrincipal = {
      orgId: owner.orgId,
      orgSlug: owner.orgSlug,
      userId: owner.userId,
      membershipId: 'test',
      role: 'viewer',
      via: 'session',
      tokenId: null,
      actor: systemActor,
    };
    const queriesFor = async () => {
      const counted = counting(ctx().db);
      const doc = await frameworkCoverage(counted.db, principal, builtIn, RMF);
      return { queries: counted.count(), covered: doc.summary.totals.covered };
    };
    await setControl(ctx(), owner, 'A.2.2', { applicable: true, status: 'implemented' });
    await evidenceFor(ctx(), owner, ['A.2.2'], null);
    const small = await queriesFor();
    const controls = ['A.3.2', 'A.4.2', 'A.4.3', 'A.5.2', 'A.6.1.2', 'A.6.2.4', 'A.6.2.6', 'A.7.2', 'A.8.2', 'A.9.2'];
    for (const control of controls) {
      await setControl(ctx(), owner, control, { applicable: true, status: 'implemented' });
      await evidenceFor(ctx(), owner, [control], null);
    }
    const large = await queriesFor();
    assert.ok(large.covered > small.covered, `${large.covered} > ${small.covered}`);
    assert.ok(small.queries > 0 && small.queries < 20, `${small.queries} queries`);
    assert.equal(large.queries, small.queries);
  });

  test('any member may read; unknown frameworks get 404 or 422 naming the field', async () => {
    const owner = await newOrganization(ctx());
    const viewer = await newMember(ctx(), owner, 'viewer');
    const doc = await coverage(ctx(), viewer, RMF);
    assert.equal(doc.organization.slug, owner.orgSlug);

    const base = `/api/orgs/${owner.orgSlug}/controls/coverage`;
    const unknown = await as(ctx(), owner).get(`${base}?framework=iso9001-2015`);
    assert.equal(unknown.statusCode, 404, unknown.body);
    assert.equal(unknown.json().error.details.issues[0].path, 'querystring.framework');
    const notTarget = await as(ctx(), owner).get(`${base}?framework=${A}`);
    assert.equal(notTarget.statusCode, 422, notTarget.body);
    assert.equal(notTarget.json().error.details.issues[0].path, 'querystring.framework');
    const missing = await as(ctx(), owner).get(base);
    assert.equal(missing.statusCode, 400, missing.body);
    assert.match(missing.body, /querystring\.framework|framework/);
    const anonymous = await ctx().app.inject({ method: 'GET', url: `${base}?framework=${RMF}` });
    assert.equal(anonymous.statusCode, 401);
  });
});
