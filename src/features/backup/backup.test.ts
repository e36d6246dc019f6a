import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../../db/database.ts';
import { currentMigration, latestMigration } from '../../db/migrate.ts';
import { buildApp } from '../../server/app.ts';
import { availableDialects, createTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { as, newMember, newOrganization, testConfig, type TestContext } from '../../test/harness.ts';
import { verifyAuditChains } from '../audit-log/audit-log.service.ts';
import { backupTables, restoreBackup, writeBackup } from './backup.service.ts';

async function dump(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of backupTables) {
    let q = db.kysely.selectFrom(t.name as 'users').selectAll();
    for (const k of t.orderBy) q = q.orderBy(k as 'id');
    out[t.name] = await q.execute();
  }
  return out;
}

const dialects = await availableDialects();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-backup-'));
const pairs = dialects.flatMap((from) => dialects.map((to) => [from, to] as const));

describe('backup and restore', () => {
  let source: TestDatabase;
  let archive: string;
  before(async () => {
    // The source holds real data made through the API: orgs, members, invitations, tokens, audit entries.
    source = await createTestDatabase(dialects.includes('postgres') ? 'sqlite' : 'sqlite');
    const app = await buildApp({ db: source.db, config: testConfig() });
    const ctx: TestContext = { dialect: 'sqlite', database: source, db: source.db, config: testConfig(), app };
    const owner = await newOrganization(ctx);
    await newMember(ctx, owner, 'auditor');
    await as(ctx, owner).post(`/api/orgs/${owner.orgSlug}/members`, { email: 'invited@example.test', role: 'viewer' });
    await as(ctx, owner).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: 'ci', expiresInDays: 10 });
    await as(ctx, owner).patch(`/api/orgs/${owner.orgSlug}`, { name: 'Ünïcode “quoted” name', version: 1 });
    await as(ctx, owner).post(`/api/orgs/${owner.orgSlug}/catalog/controls`, { id: 'ORG-1', title: 'Own control' });
    await newOrganization(ctx);
    await app.close();
    archive = path.join(tmp, 'source.jsonl.gz');
    await writeBackup(source.db, archive);
  });
  after(async () => {
    await source.cleanup();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const [from, to] of pairs) {
    test(`${from} → ${to}: every row arrives identical and the audit chain verifies`, async () => {
      let origin = source;
      let file = archive;
      let intermediate: TestDatabase | null = null;
      if (from !== 'sqlite') {
        // Hop through the other dialect first so each direction is exercised.
        intermediate = await createTestDatabase(from, { migrate: false });
        await restoreBackup(intermediate.db, archive);
        file = path.join(tmp, `${from}-${to}.jsonl.gz`);
        await writeBackup(intermediate.db, file);
        origin = intermediate;
      }
      const target = await createTestDatabase(to, { migrate: false });
      try {
        const result = await restoreBackup(target.db, file);
        assert.ok((result.tables.audit_log ?? 0) > 5);
        assert.equal(result.tables.catalog_documents, 1);
        assert.deepEqual(await dump(target.db), await dump(origin.db));
        assert.deepEqual(await dump(target.db), await dump(source.db));
        assert.equal((await verifyAuditChains(target.db)).ok, true);
        assert.equal(await currentMigration(target.db), latestMigration);
      } finally {
        await target.cleanup();
        await intermediate?.cleanup();
      }
    });
  }

  for (const to of dialects) {
    test(`restore into a non-empty ${to} database refuses and changes nothing`, async () => {
      const target = await createTestDatabase(to);
      try {
        await restoreBackup(target.db, archive);
        const before = await dump(target.db);
        await assert.rejects(restoreBackup(target.db, archive), (e: Error & { code?: string }) => {
          assert.equal(e.code, 'precondition_failed');
          assert.match(e.message, /not empty/);
          return true;
        });
        assert.deepEqual(await dump(target.db), before);
      } finally {
        await target.cleanup();
      }
    });

    test(`a damaged archive is rejected and leaves the ${to} database empty`, async () => {
      const lines = gunzipSync(fs.readFileSync(archive)).toString('utf8').split('\n');
      const tampered = lines.map((l) => l.replace('"Ünïcode', '"Tampered')).join('\n');
      const truncated = lines.slice(0, Math.floor(lines.length / 2)).join('\n');
      const cases = {
        tampered: gzipSync(tampered),
        truncated: gzipSync(truncated),
        garbage: Buffer.from('this is not gzip'),
      };
      for (const [name, bytes] of Object.entries(cases)) {
        const file = path.join(tmp, `${to}-${name}.gz`);
        fs.writeFileSync(file, bytes);
        const target = await createTestDatabase(to, { migrate: false });
        try {
          await assert.rejects(restoreBackup(target.db, file), /not a valid Trellis backup/, name);
          const rows = await dump(target.db).catch(() => null);
          if (rows) for (const [t, r] of Object.entries(rows)) assert.equal(r.length, 0, `${name}: ${t} not empty`);
        } finally {
          await target.cleanup();
        }
      }
    });
  }
});
