import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, describeEachDatabase, newMember, newOrganization, withToken } from '../../test/harness.ts';

describeEachDatabase('organization isolation', (ctx) => {
  test('a member of org A gets 404 for every route of org B, by slug and by id', async () => {
    const a = await newOrganization(ctx());
    const b = await newOrganization(ctx());
    const bMember = await newMember(ctx(), b, 'viewer');
    const bToken = (await as(ctx(), b).post(`/api/orgs/${b.orgSlug}/tokens`, { name: 'b' })).json();
    const bMembers = (await as(ctx(), b).get(`/api/orgs/${b.orgSlug}/members`)).json() as { id: string; version: number }[];
    const target = bMembers.find((m) => m.id !== undefined && m.version > 0);
    assert.ok(target);
    const client = as(ctx(), a);
    for (const org of [b.orgSlug, b.orgId]) {
      const responses: Awaited<ReturnType<typeof client.get>>[] = [
        await client.get(`/api/orgs/${org}`),
        await client.patch(`/api/orgs/${org}`, { name: 'Hijacked', version: 1 }),
        await client.get(`/api/orgs/${org}/members`),
        await client.post(`/api/orgs/${org}/members`, { email: 'x@example.test', role: 'owner' }),
        await client.get(`/api/orgs/${org}/members/${target.id}`),
        await client.patch(`/api/orgs/${org}/members/${target.id}`, { role: 'viewer', version: target.version }),
        await client.delete(`/api/orgs/${org}/members/${target.id}`),
        await client.get(`/api/orgs/${org}/tokens`),
        await client.post(`/api/orgs/${org}/tokens`, { name: 'x' }),
        await client.delete(`/api/orgs/${org}/tokens/${bToken.apiToken.id}`),
        await client.get(`/api/orgs/${org}/audit-log`),
        await client.get(`/api/orgs/${org}/audit-log/verify`),
      ];
      for (const r of responses) {
        assert.equal(r.statusCode, 404, `${r.statusCode} ${r.body}`);
        assert.equal(r.json().error.code, 'not_found');
      }
    }
    // B's records reached through A's own organization path are not found either.
    assert.equal((await client.get(`/api/orgs/${a.orgSlug}/members/${target.id}`)).statusCode, 404);
    assert.equal((await client.patch(`/api/orgs/${a.orgSlug}/members/${bMember.userId}`, { role: 'owner', version: 1 })).statusCode, 404);
    assert.equal((await client.delete(`/api/orgs/${a.orgSlug}/tokens/${bToken.apiToken.id}`)).statusCode, 404);
    // Nothing in B changed.
    const after = (await as(ctx(), b).get(`/api/orgs/${b.orgSlug}`)).json();
    assert.equal(after.version, 1);
    assert.equal((await withToken(ctx(), bToken.token).get(`/api/orgs/${b.orgSlug}`)).statusCode, 200);
  });

  test('a token of org A gets 404 for org B even when its user is also a member of B', async () => {
    const a = await newOrganization(ctx());
    const b = await newOrganization(ctx());
    // The owner of A is invited to and joins B.
    const invite = (await as(ctx(), b).post(`/api/orgs/${b.orgSlug}/members`, { email: a.email, role: 'owner' })).json();
    const token = invite.inviteUrl.split('/invite/')[1];
    assert.equal(
      (await ctx().app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { password: a.password } })).statusCode,
      200,
    );
    const aToken = (await as(ctx(), a).post(`/api/orgs/${a.orgSlug}/tokens`, { name: 'a only' })).json().token as string;
    assert.equal((await withToken(ctx(), aToken).get(`/api/orgs/${a.orgSlug}/members`)).statusCode, 200);
    assert.equal((await withToken(ctx(), aToken).get(`/api/orgs/${b.orgSlug}/members`)).statusCode, 404);
    const session = (await withToken(ctx(), aToken).get('/api/auth/session')).json();
    assert.deepEqual(
      session.organizations.map((o: { slug: string }) => o.slug),
      [a.orgSlug],
    );
  });

  test("the audit log of one organization holds none of another organization's events", async () => {
    const a = await newOrganization(ctx());
    const b = await newOrganization(ctx());
    await as(ctx(), b).post(`/api/orgs/${b.orgSlug}/tokens`, { name: 'secret-b-token' });
    const log = (await as(ctx(), a).get(`/api/orgs/${a.orgSlug}/audit-log?limit=500`)).json();
    assert.ok(log.items.length > 0);
    assert.ok(!JSON.stringify(log).includes('secret-b-token'));
  });
});
