import assert from 'node:assert/strict';
import { test } from 'node:test';
import { roles } from '../../domain/policy.ts';
import { as, describeEachDatabase, newMember, newOrganization } from '../../test/harness.ts';

describeEachDatabase('members, roles and invitations', (ctx) => {
  test('an owner invites a new person, who accepts with a password and is signed in', async () => {
    const owner = await newOrganization(ctx());
    const res = await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/members`, {
      email: 'New.Person@Example.test',
      role: 'contributor',
      name: 'New Person',
    });
    assert.equal(res.statusCode, 201);
    const { member, inviteUrl } = res.json();
    assert.equal(member.email, 'new.person@example.test');
    assert.equal(member.status, 'invited');
    assert.match(inviteUrl, /^http:\/\/trellis\.test\/invite\/[\w-]{20,}$/);
    const token = inviteUrl.split('/invite/')[1];

    const info = await ctx().app.inject({ method: 'GET', url: `/api/invitations/${token}` });
    assert.equal(info.statusCode, 200);
    assert.equal(info.json().accountExists, false);
    assert.equal(info.json().role, 'contributor');
    assert.equal(info.json().organizationSlug, owner.orgSlug);

    const weak = await ctx().app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { password: 'short' } });
    assert.equal(weak.statusCode, 400);
    const accepted = await ctx().app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'a long enough password' },
    });
    assert.equal(accepted.statusCode, 200);
    assert.match(String(accepted.headers['set-cookie']), /trellis_session=/);
    assert.equal(accepted.json().organizations[0].role, 'contributor');
    const log = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/audit-log?action=auth.signed-in`)).json();
    assert.equal(log.items[0].actor.label, 'new.person@example.test');
    assert.equal(log.items[0].after.via, 'invitation');

    const again = await ctx().app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'a long enough password' },
    });
    assert.equal(again.statusCode, 404);
    const list = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/members`)).json();
    assert.equal(list.find((m: { email: string }) => m.email === 'new.person@example.test').status, 'active');
  });

  test('an invited member cannot act until they accept', async () => {
    const owner = await newOrganization(ctx());
    await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/members`, { email: 'pending@example.test', role: 'owner' });
    const login = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'pending@example.test', password: 'anything at all' },
    });
    assert.equal(login.statusCode, 401);
  });

  test('inviting an existing member is a 409 naming the field', async () => {
    const owner = await newOrganization(ctx());
    const res = await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/members`, { email: owner.email, role: 'viewer' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.details.issues[0].path, 'body.email');
  });

  test('a reissued invitation link replaces the old one', async () => {
    const owner = await newOrganization(ctx());
    const first = (await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/members`, { email: 're@example.test', role: 'viewer' })).json();
    const second = await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/members/${first.member.id}/invitation`);
    assert.equal(second.statusCode, 201);
    const oldToken = first.inviteUrl.split('/invite/')[1];
    const newToken = second.json().inviteUrl.split('/invite/')[1];
    assert.equal((await ctx().app.inject({ method: 'GET', url: `/api/invitations/${oldToken}` })).statusCode, 404);
    assert.equal((await ctx().app.inject({ method: 'GET', url: `/api/invitations/${newToken}` })).statusCode, 200);
  });

  test('role changes use the version: a stale update gets 409 and changes nothing', async () => {
    const owner = await newOrganization(ctx());
    const member = (await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/members`, { email: 'v@example.test', role: 'viewer' })).json()
      .member;
    const url = `/api/orgs/${owner.orgSlug}/members/${member.id}`;
    const first = await as(ctx(), owner).patch(url, { role: 'auditor', version: member.version });
    assert.equal(first.statusCode, 200);
    assert.equal(first.json().version, member.version + 1);
    const stale = await as(ctx(), owner).patch(url, { role: 'contributor', version: member.version });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'version_conflict');
    assert.equal((await as(ctx(), owner).get(url)).json().role, 'auditor');
  });

  test('the last owner can be neither demoted nor removed', async () => {
    const owner = await newOrganization(ctx());
    const me = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/members`)).json()[0];
    const demote = await as(ctx(), owner).patch(`/api/orgs/${owner.orgSlug}/members/${me.id}`, { role: 'viewer', version: me.version });
    assert.equal(demote.statusCode, 422);
    assert.equal(demote.json().error.code, 'rule_violated');
    const remove = await as(ctx(), owner).delete(`/api/orgs/${owner.orgSlug}/members/${me.id}`);
    assert.equal(remove.statusCode, 422);
  });

  test('a removed member loses access and their tokens stop working', async () => {
    const owner = await newOrganization(ctx());
    const member = await newMember(ctx(), owner, 'contributor');
    const token = (await as(ctx(), member).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: 'ci' })).json().token;
    const row = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/members`))
      .json()
      .find((m: { email: string }) => m.email === member.email);
    assert.equal((await as(ctx(), owner).delete(`/api/orgs/${owner.orgSlug}/members/${row.id}`)).statusCode, 204);
    assert.equal((await as(ctx(), member).get(`/api/orgs/${owner.orgSlug}/members`)).statusCode, 404);
    const viaToken = await ctx().app.inject({
      method: 'GET',
      url: `/api/orgs/${owner.orgSlug}/members`,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(viaToken.statusCode, 401);
  });

  for (const role of roles) {
    test(`permissions of the ${role} role on organization routes`, async () => {
      const owner = await newOrganization(ctx());
      const who = role === 'owner' ? owner : await newMember(ctx(), owner, role);
      const client = as(ctx(), who);
      const base = `/api/orgs/${owner.orgSlug}`;
      const isOwner = role === 'owner';
      const readsAudit = ['owner', 'aims-manager', 'auditor'].includes(role);
      assert.equal((await client.get(base)).statusCode, 200);
      assert.equal((await client.get(`${base}/members`)).statusCode, 200);
      assert.equal(
        (await client.post(`${base}/members`, { email: `${role}-invitee@example.test`, role: 'viewer' })).statusCode,
        isOwner ? 201 : 403,
      );
      assert.equal((await client.patch(base, { name: 'Renamed', version: 1 })).statusCode, isOwner ? 200 : 403);
      assert.equal((await client.get(`${base}/audit-log`)).statusCode, readsAudit ? 200 : 403);
      assert.equal((await client.get(`${base}/audit-log/verify`)).statusCode, readsAudit ? 200 : 403);
      assert.equal((await client.post(`${base}/tokens`, { name: 'mine' })).statusCode, 201);
      const forbidden = await client.post(`${base}/members`, { email: 'y@example.test', role: 'owner' });
      if (!isOwner) assert.equal(forbidden.json().error.code, 'forbidden');
    });
  }
});
