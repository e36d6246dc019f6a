import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, describeEachDatabase, newMember, newOrganization, withToken } from '../../test/harness.ts';

describeEachDatabase('API tokens', (ctx) => {
  test("a token is shown once, works as Bearer with the member's role, and stops working when revoked", async () => {
    const owner = await newOrganization(ctx());
    const created = await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: 'CI pipeline', expiresInDays: 30 });
    assert.equal(created.statusCode, 201);
    const { token, apiToken } = created.json();
    assert.match(token, /^trellis_/);
    assert.equal(apiToken.prefix, token.slice(0, apiToken.prefix.length));

    const list = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/tokens`)).json();
    assert.equal(list.length, 1);
    assert.ok(!JSON.stringify(list).includes(token), 'the secret is never listed');

    const me = await withToken(ctx(), token).get('/api/auth/session');
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().via, 'token');
    assert.equal(me.json().csrfToken, null);
    // Bearer writes need no CSRF token: there is no ambient credential to forge.
    assert.equal((await withToken(ctx(), token).patch(`/api/orgs/${owner.orgSlug}`, { name: 'Via token', version: 1 })).statusCode, 200);

    assert.equal((await as(ctx(), owner).delete(`/api/orgs/${owner.orgSlug}/tokens/${apiToken.id}`)).statusCode, 204);
    const after = await withToken(ctx(), token).get(`/api/orgs/${owner.orgSlug}`);
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().error.code, 'unauthenticated');
    const revoked = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/tokens`)).json()[0];
    assert.ok(revoked.revokedAt);
  });

  test("a token follows its member's current role", async () => {
    const owner = await newOrganization(ctx());
    const member = await newMember(ctx(), owner, 'aims-manager');
    const token = (await as(ctx(), member).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: 'x' })).json().token;
    assert.equal((await withToken(ctx(), token).get(`/api/orgs/${owner.orgSlug}/audit-log`)).statusCode, 200);
    const row = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/members`))
      .json()
      .find((m: { email: string }) => m.email === member.email);
    await as(ctx(), owner).patch(`/api/orgs/${owner.orgSlug}/members/${row.id}`, { role: 'viewer', version: row.version });
    assert.equal((await withToken(ctx(), token).get(`/api/orgs/${owner.orgSlug}/audit-log`)).statusCode, 403);
  });

  test('tokens cannot mint tokens; unknown and malformed tokens get 401', async () => {
    const owner = await newOrganization(ctx());
    const token = (await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: 'x' })).json().token;
    assert.equal((await withToken(ctx(), token).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: 'y' })).statusCode, 403);
    assert.equal((await withToken(ctx(), 'trellis_doesnotexist').get('/api/auth/session')).statusCode, 401);
    const malformed = await ctx().app.inject({ method: 'GET', url: '/api/auth/session', headers: { authorization: 'Basic abc' } });
    assert.equal(malformed.statusCode, 401);
  });

  test('members see their own tokens; owners see and revoke all', async () => {
    const owner = await newOrganization(ctx());
    const a = await newMember(ctx(), owner, 'contributor');
    const b = await newMember(ctx(), owner, 'contributor');
    const aToken = (await as(ctx(), a).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: 'a' })).json();
    await as(ctx(), b).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: 'b' });
    assert.deepEqual(
      (await as(ctx(), a).get(`/api/orgs/${owner.orgSlug}/tokens`)).json().map((t: { name: string }) => t.name),
      ['a'],
    );
    assert.equal((await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/tokens`)).json().length, 2);
    assert.equal((await as(ctx(), b).delete(`/api/orgs/${owner.orgSlug}/tokens/${aToken.apiToken.id}`)).statusCode, 404);
    assert.equal((await as(ctx(), owner).delete(`/api/orgs/${owner.orgSlug}/tokens/${aToken.apiToken.id}`)).statusCode, 204);
  });

  test('an expired token is refused', async () => {
    const owner = await newOrganization(ctx());
    const { token, apiToken } = (
      await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: 'short-lived', expiresInDays: 1 })
    ).json();
    await ctx().db.kysely.updateTable('api_tokens').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', apiToken.id).execute();
    assert.equal((await withToken(ctx(), token).get('/api/auth/session')).statusCode, 401);
  });
});
