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
      // The monitoring runs (fairness, performance, drift) are current evidence too.
      assert.equal(row('A.6.2.4')?.evidenceCurrent, 3);
      assert.equal(row('A.6.2.6')?.evidenceCurrent, 3);
      assert.equal(row('A.7.4')?.evidenceCurrent, 1);
      assert.equal(row('A.6.2.6')?.evidenceExpired, 1);
      assert.ok(row('A.6.2.6')?.flags.some((f) => f.code === 'evidence-expired'));
      assert.ok(row('A.5.4')?.evidence.some((e) => e.state === 'expiring'));
      assert.ok(!row('A.2.2')?.flags.some((f) => f.code === 'applicable-without-evidence'));

      // Clause evidence (scope statement, AI policy, internal audit programme) is linked to the requirements.
      const requirements = await db.kysely
        .selectFrom('evidence_links')
        .innerJoin('evidence', 'evidence.id', 'evidence_links.evidence_id')
        .select('target')
        .where('evidence_links.org_id', '=', org.id)
        .where('target_type', '=', 'requirement')
        .where('evidence.kind', '!=', 'record')
        .execute();
      assert.deepEqual(requirements.map((r) => r.target).sort(), ['4.3', '5.2', '9.1', '9.2']);
      const dates = await db.kysely
        .selectFrom('evidence')
        .select('review_due')
        .where('org_id', '=', org.id)
        .where('kind', '!=', 'record')
        .execute();
      assert.equal(dates.length, 7);

      // Monitoring computed from the bundled UCI Adult samples: the sex parity threshold breaches.
      const runs = await db.kysely
        .selectFrom('monitoring_runs')
        .select(['metric', 'status', 'alert_state'])
        .where('org_id', '=', org.id)
        .orderBy('ref')
        .execute();
      assert.deepEqual(
        runs.map((r) => [r.metric, r.status, r.alert_state]),
        [
          ['fairness', 'breached', 'open'],
          ['performance', 'passed', 'none'],
          ['drift', 'passed', 'none'],
        ],
      );
      // AI objectives: the runs of the plans that measure them are their evidence.
      const objectiveLinks = await db.kysely
        .selectFrom('ai_objectives as o')
        .leftJoin('evidence_links as l', (join) => join.onRef('l.target', '=', 'o.id').on('l.target_type', '=', 'objective'))
        .select(['o.ref', 'o.status', 'o.measure_key'])
        .select((eb) => eb.fn.count('l.evidence_id').as('evidence'))
        .where('o.org_id', '=', org.id)
        .groupBy(['o.ref', 'o.status', 'o.measure_key'])
        .orderBy('o.ref')
        .execute();
      assert.deepEqual(
        objectiveLinks.map((o) => [o.ref, o.status, o.measure_key, Number(o.evidence)]),
        [
          ['OBJ-0001', 'in-progress', 'sex:demographic_parity_ratio.between_groups', 1],
          ['OBJ-0002', 'in-progress', 'performance:accuracy', 1],
          ['OBJ-0003', 'planned', null, 0],
        ],
      );
      assert.ok(
        dates.some((d) => d.review_due !== null && d.review_due < today),
        'one item is overdue',
      );
      assert.ok(dates.every((d) => d.review_due === null || d.review_due < addDays(today, 400)));
    });
  });
}
