import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { evidenceState } from '../src/domain/evidence-state.ts';
import { EvidenceListQuerySchema } from '../src/domain/schemas/evidence.schemas.ts';
import { buildSoa } from '../src/features/controls/soa.service.ts';
import { listEvidence } from '../src/features/evidence/evidence.repository.ts';
import { loadBuiltInCatalog } from '../src/server/app.ts';
import { describeEachDatabase, newOrganization } from '../src/test/harness.ts';
import { generateControlsDataset, soaMismatches } from './generate-controls.ts';

const catalog = loadBuiltInCatalog();
const size = { systems: 12, risks: 150, implementationsPerSystem: 5, evidence: 400 };
const today = new Date().toISOString().slice(0, 10);

describeEachDatabase('bench/generate-controls.ts at a tiny size', (ctx) => {
  test('writes the rows it reports, and the SoA shows what it expects', async () => {
    const owner = await newOrganization(ctx());
    const db = ctx().db;
    const expected = await generateControlsDataset(db, { ...size, orgId: owner.orgId, userId: owner.userId, seed: 7, today }, catalog);

    const count = async (
      table:
        | 'ai_systems'
        | 'risks'
        | 'risk_systems'
        | 'risk_controls'
        | 'control_implementations'
        | 'evidence'
        | 'evidence_versions'
        | 'evidence_links',
    ) =>
      Number(
        (
          await db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('org_id', '=', owner.orgId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    assert.equal(await count('ai_systems'), size.systems);
    assert.equal(expected.counts.systems, size.systems);
    assert.equal(await count('risks'), size.risks);
    assert.equal(await count('evidence'), size.evidence);
    assert.equal(await count('risk_systems'), expected.counts.riskSystems);
    assert.equal(await count('risk_controls'), expected.counts.riskControls);
    assert.equal(await count('control_implementations'), expected.counts.implementations);
    assert.equal(await count('evidence_versions'), expected.counts.evidenceVersions);
    assert.equal(await count('evidence_links'), expected.counts.evidenceLinks);
    // 5 per AI system, plus organization-level decisions for most of the 38 Annex A controls.
    assert.ok(expected.counts.implementations >= size.systems * 5 + 20, `${expected.counts.implementations} implementations`);
    assert.ok(expected.counts.evidenceLinks > size.evidence && expected.counts.evidenceLinks < size.evidence * 2);
    assert.ok(expected.counts.evidenceVersions > size.evidence);
    assert.ok(expected.evidenceExpired > 0 && expected.evidenceExpired < size.evidence / 2, `${expected.evidenceExpired} expired`);

    // valid_until comes from the database's triggers, not from the generator.
    const stale = await sql<{ n: number }>`select count(*) as n from evidence_links l join evidence e on e.id = l.evidence_id
      where l.org_id = ${owner.orgId} and l.valid_until <> coalesce(e.review_due, '9999-12-31')`.execute(db.kysely);
    assert.equal(Number(stale.rows[0]?.n), 0);

    const org = { id: owner.orgId, slug: owner.orgSlug, name: 'Bench' };
    const soa = await buildSoa(db, catalog, org, today);
    assert.deepEqual(soaMismatches(soa, expected), []);
    assert.ok(soa.rows.some((r) => r.basis.riskCount > 0 && r.evidenceCount > 0));

    // The evidence list's state filter gives the same items whatever the sort (sort=reviewDue writes it
    // on the sort's expression), and as many as the generator wrote.
    for (const state of ['expired', 'expiring', 'current'] as const) {
      const refsOf = async (sort: 'ref' | 'reviewDue') => {
        const query = EvidenceListQuerySchema.parse({ state, sort, pageSize: 500 });
        const { items, total } = await listEvidence(db.kysely, owner.orgId, query, { linkedTo: [] }, today, size.evidence);
        for (const item of items) assert.equal(evidenceState(item.review_due, today), state, `${item.ref} (${item.review_due})`);
        return { refs: items.map((i) => i.ref).sort(), total };
      };
      const byRef = await refsOf('ref');
      const byDue = await refsOf('reviewDue');
      assert.deepEqual(byDue, byRef, state);
      if (state === 'expired') assert.equal(byRef.total, expected.evidenceExpired);
      if (state === 'expiring') assert.equal(byRef.total, expected.evidenceExpiring);
    }

    // The same seed gives the same counts.
    const again = await newOrganization(ctx());
    const second = await generateControlsDataset(db, { ...size, orgId: again.orgId, userId: again.userId, seed: 7, today }, catalog);
    assert.deepEqual(second.counts, expected.counts);
    assert.deepEqual([...second.controls.values()], [...expected.controls.values()]);
  });
});
