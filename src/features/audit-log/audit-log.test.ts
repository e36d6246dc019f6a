import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, describeEachDatabase, newOrganization } from '../../test/harness.ts';
import { verifyAuditChains } from './audit-log.service.ts';

describeEachDatabase('tamper-evident audit log', (ctx) => {
  test('changes are recorded with who, what, before and after', async () => {
    const owner = await newOrganization(ctx());
    const org = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}`)).json();
    await as(ctx(), owner).patch(`/api/orgs/${owner.orgSlug}`, { name: 'Renamed Org', version: org.version });
    const page = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/audit-log?action=organization.updated`)).json();
    assert.equal(page.items.length, 1);
    const entry = page.items[0];
    assert.equal(entry.actor.label, owner.email);
    assert.equal(entry.actor.id, owner.userId);
    assert.equal(entry.before.name, org.name);
    assert.equal(entry.after.name, 'Renamed Org');
    assert.match(entry.hash, /^[0-9a-f]{64}$/);
  });

  test('filters and paging', async () => {
    const owner = await newOrganization(ctx());
    for (let i = 0; i < 5; i += 1) await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: `t${i}` });
    const base = `/api/orgs/${owner.orgSlug}/audit-log`;
    const first = (await as(ctx(), owner).get(`${base}?action=token.&limit=2`)).json();
    assert.equal(first.items.length, 2);
    assert.ok(first.nextBeforeSeq);
    const second = (await as(ctx(), owner).get(`${base}?action=token.&limit=2&beforeSeq=${first.nextBeforeSeq}`)).json();
    assert.equal(second.items.length, 2);
    assert.ok(second.items[0].seq < first.items[1].seq);
    const byEntity = (await as(ctx(), owner).get(`${base}?entityType=api-token&limit=500`)).json();
    assert.equal(byEntity.items.length, 5);
    const byActor = (await as(ctx(), owner).get(`${base}?actorId=${owner.userId}&limit=500`)).json();
    assert.ok(byActor.items.every((i: { actor: { id: string } }) => i.actor.id === owner.userId));
    const future = (await as(ctx(), owner).get(`${base}?from=2999-01-01T00:00:00Z`)).json();
    assert.equal(future.items.length, 0);
    const bad = await as(ctx(), owner).get(`${base}?from=yesterday`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.details.issues[0].path, /from/);
  });

  test('verify passes on an intact chain and names the first altered entry', async () => {
    const owner = await newOrganization(ctx());
    for (let i = 0; i < 3; i += 1) await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: `t${i}` });
    const ok = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/audit-log/verify`)).json();
    assert.equal(ok.ok, true);
    assert.ok(ok.entries >= 5);

    const kysely = ctx().db.kysely;
    const victim = await kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', owner.orgId)
      .where('action', '=', 'token.created')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await kysely.updateTable('audit_log').set({ after_json: '{"name":"innocent"}' }).where('id', '=', victim.id).execute();
    const bad = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/audit-log/verify`)).json();
    assert.equal(bad.ok, false);
    assert.equal(bad.firstBad.id, victim.id);
    assert.equal(bad.firstBad.problem, 'hash-mismatch');
    await kysely.updateTable('audit_log').set({ after_json: victim.after_json }).where('id', '=', victim.id).execute();
    assert.equal((await verifyAuditChains(ctx().db, { chain: owner.orgId })).ok, true);
  });

  test('verify detects a removed entry in the middle and at the end', async () => {
    const owner = await newOrganization(ctx());
    for (let i = 0; i < 4; i += 1) await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: `t${i}` });
    const kysely = ctx().db.kysely;
    const rows = await kysely.selectFrom('audit_log').select(['seq', 'id']).where('chain', '=', owner.orgId).orderBy('seq').execute();
    const middle = rows[2];
    const last = rows.at(-1);
    assert.ok(middle && last);
    await kysely.deleteFrom('audit_log').where('chain', '=', owner.orgId).where('seq', '=', last.seq).execute();
    const tail = await verifyAuditChains(ctx().db, { chain: owner.orgId });
    assert.equal(tail.ok, false);
    assert.equal(tail.firstBad?.problem, 'head-mismatch');
    await kysely.deleteFrom('audit_log').where('chain', '=', owner.orgId).where('seq', '=', middle.seq).execute();
    const mid = await verifyAuditChains(ctx().db, { chain: owner.orgId });
    assert.equal(mid.ok, false);
    assert.equal(mid.firstBad?.problem, 'missing-entry');
    assert.equal(mid.firstBad?.seq, Number(middle.seq) + 1);
  });

  test('entries cannot be forged by recomputing one hash: the next link breaks', async () => {
    const owner = await newOrganization(ctx());
    await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: 'a' });
    await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: 'b' });
    const kysely = ctx().db.kysely;
    const rows = await kysely.selectFrom('audit_log').selectAll().where('chain', '=', owner.orgId).orderBy('seq').execute();
    const target = rows.at(-2);
    assert.ok(target);
    await kysely
      .updateTable('audit_log')
      .set({ hash: 'f'.repeat(64) })
      .where('id', '=', target.id)
      .execute();
    const result = await verifyAuditChains(ctx().db, { chain: owner.orgId });
    assert.equal(result.ok, false);
    assert.equal(result.firstBad?.id, target.id);
  });
});
