import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { addDays } from '../../domain/evidence-state.ts';
import { availableDialects, createTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { loadBuiltInCatalog } from '../../server/app.ts';
import { buildSoa } from '../controls/soa.service.ts';
import { seedDemoIfEmpty } from './demo.service.ts';

const catalog = loadBuiltInCatalog();

for (const dialect of await availableDialects()) {
  describe(`demo organization (${dialect})`, () => {
    let tdb: TestDatabase | undefined;
    after(async () => tdb?.cleanup());

    test('an empty database gets the demo once: inventory, risks, controls and evidence that the SoA shows with its flags', async () => {
      tdb = await createTestDatabase(dialect);
      const { db } = tdb;
      const created = await seedDemoIfEmpty(db, catalog);
      assert.ok(created);
      assert.equal(await seedDemoIfEmpty(db, catalog), null, 'a second start adds nothing');

      const org = await db.kysely
        .selectFrom('organizations')
        .select(['id', 'slug', 'name'])
        .where('slug', '=', created.orgSlug)
        .executeTakeFirstOrThrow();
      const today = new Date().toISOString().slice(0, 10);
      const soa = await buildSoa(db, catalog, org, today);
      assert.equal(soa.rows.filter((r) => r.framework === 'iso42001-2023').length, 38);
      const row = (control: string) => soa.rows.find((r) => r.control === control);
      // Evidence linked to controls appears on their rows, current or expired as its review date says.
      assert.equal(row('A.6.2.4')?.evidenceCurrent, 1);
      assert.equal(row('A.6.2.6')?.evidenceExpired, 1);
      assert.ok(row('A.6.2.6')?.flags.some((f) => f.code === 'evidence-expired'));
      assert.equal(row('A.5.4')?.evidence[0]?.state, 'expiring');
      assert.ok(!row('A.2.2')?.flags.some((f) => f.code === 'applicable-without-evidence'));

      // Clause evidence (scope statement, AI policy, internal audit programme) is linked to the requirements.
      const requirements = await db.kysely
        .selectFrom('evidence_links')
        .select('target')
        .where('org_id', '=', org.id)
        .where('target_type', '=', 'requirement')
        .execute();
      assert.deepEqual(requirements.map((r) => r.target).sort(), ['4.3', '5.2', '9.1', '9.2']);
      const dates = await db.kysely.selectFrom('evidence').select('review_due').where('org_id', '=', org.id).execute();
      assert.equal(dates.length, 7);
      assert.ok(
        dates.some((d) => d.review_due !== null && d.review_due < today),
        'one item is overdue',
      );
      assert.ok(dates.every((d) => d.review_due === null || d.review_due < addDays(today, 400)));
    });
  });
}
