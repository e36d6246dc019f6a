import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../../server/app.ts';
import { pruneExpiredAuthData } from './auth.service.ts';
import { as, cookieFrom, describeEachDatabase, newOrganization, PASSWORD, testConfig } from '../../test/harness.ts';

describeEachDatabase('sign-in, sessions and CSRF', (ctx) => {
  test('signing in sets an HttpOnly, SameSite session cookie and returns the CSRF token', async () => {
    const owner = await newOrganization(ctx());
    const res = await ctx().app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: owner.email, password: PASSWORD } });
    assert.equal(res.statusCode, 200);
    const setCookie = String(res.headers['set-cookie']);
    assert.match(setCookie, /trellis_session=/);
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Strict/i);
    const body = res.json();
    assert.equal(body.user.email, owner.email);
    assert.equal(body.organizations[0].role, 'owner');
    assert.equal(typeof body.csrfToken, 'string');
  });

  test('a wrong password and an unknown email get the same 401', async () => {
    const owner = await newOrganization(ctx());
    const wrong = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: owner.email, password: 'not the password' },
    });
    const unknown = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.test', password: 'whatever' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json().error.message, unknown.json().error.message);
  });

  test('sign-in is refused after 10 failures for an account, even with the right password', async () => {
    const owner = await newOrganization(ctx());
    for (let i = 0; i < 10; i += 1) {
      const r = await ctx().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: owner.email, password: `wrong-${i}` },
        remoteAddress: `10.1.${i}.1`,
      });
      assert.equal(r.statusCode, 401);
    }
    const res = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: owner.email, password: PASSWORD },
      remoteAddress: '10.9.9.9',
    });
    assert.equal(res.statusCode, 429);
    assert.equal(res.json().error.code, 'rate_limited');
  });

  test('the login route is rate-limited per client address', async () => {
    const app = await buildApp({ db: ctx().db, config: testConfig({ TRELLIS_LOGIN_RATE_LIMIT: '20' }) });
    let last = 0;
    for (let i = 0; i < 21; i += 1) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `flood-${i}@example.test`, password: 'x' },
        remoteAddress: '10.200.0.1',
      });
      last = r.statusCode;
    }
    await app.close();
    assert.equal(last, 429);
  });

  test('writes with the session cookie need the X-CSRF-Token header', async () => {
    const owner = await newOrganization(ctx());
    const url = `/api/orgs/${owner.orgSlug}/tokens`;
    const missing = await ctx().app.inject({ method: 'POST', url, headers: { cookie: owner.cookie }, payload: { name: 'x' } });
    assert.equal(missing.statusCode, 403);
    assert.equal(missing.json().error.code, 'csrf_failed');
    const wrong = await ctx().app.inject({
      method: 'POST',
      url,
      headers: { cookie: owner.cookie, 'x-csrf-token': 'forged' },
      payload: { name: 'x' },
    });
    assert.equal(wrong.statusCode, 403);
    const right = await as(ctx(), owner).post(url, { name: 'x' });
    assert.equal(right.statusCode, 201);
  });

  test('signing out ends the session', async () => {
    const owner = await newOrganization(ctx());
    assert.equal((await as(ctx(), owner).get('/api/auth/session')).statusCode, 200);
    const out = await as(ctx(), owner).post('/api/auth/logout');
    assert.equal(out.statusCode, 204);
    const after = await as(ctx(), owner).get('/api/auth/session');
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().error.code, 'unauthenticated');
  });

  test('an unknown session cookie is treated as signed out', async () => {
    const res = await ctx().app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: 'trellis_session=forged' } });
    assert.equal(res.statusCode, 401);
  });

  test('changing the password needs the current one and ends other sessions', async () => {
    const owner = await newOrganization(ctx());
    const second = await ctx().app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: owner.email, password: PASSWORD } });
    const secondCookie = cookieFrom(second.headers['set-cookie']);
    const bad = await as(ctx(), owner).post('/api/auth/password', { currentPassword: 'nope', newPassword: 'another long password' });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error.code, 'wrong_password');
    assert.equal((await as(ctx(), owner).get('/api/auth/session')).statusCode, 200, 'a wrong confirmation password keeps the session');
    const short = await as(ctx(), owner).post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    assert.equal(short.statusCode, 400);
    const ok = await as(ctx(), owner).post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long password' });
    assert.equal(ok.statusCode, 204);
    const other = await ctx().app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: secondCookie } });
    assert.equal(other.statusCode, 401);
    assert.equal((await as(ctx(), owner).get('/api/auth/session')).statusCode, 200);
    const relogin = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: owner.email, password: 'another long password' },
    });
    assert.equal(relogin.statusCode, 200);
  });

  test('sign-ins and failures are in the audit log', async () => {
    const owner = await newOrganization(ctx());
    await ctx().app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: owner.email, password: 'wrong password' } });
    const res = await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/audit-log?action=auth.`);
    const actions = res.json().items.map((i: { action: string }) => i.action);
    assert.ok(actions.includes('auth.signed-in'));
    assert.ok(actions.includes('auth.sign-in-failed'));
  });
});

describeEachDatabase('session expiry', (ctx) => {
  test('idle and ended sessions stop working and are pruned', async () => {
    const owner = await newOrganization(ctx());
    const idle = await newOrganization(ctx());
    const kysely = ctx().db.kysely;
    await kysely.updateTable('sessions').set({ last_seen_at: '2000-01-01T00:00:00.000Z' }).where('user_id', '=', idle.userId).execute();
    assert.equal((await as(ctx(), idle).get('/api/auth/session')).statusCode, 401);
    await kysely.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('user_id', '=', owner.userId).execute();
    const pruned = await pruneExpiredAuthData(ctx().db);
    assert.ok(pruned.sessions >= 1);
    assert.equal((await as(ctx(), owner).get('/api/auth/session')).statusCode, 401);
    const left = await kysely.selectFrom('sessions').select('id_hash').where('user_id', 'in', [owner.userId, idle.userId]).execute();
    assert.equal(left.length, 0);
  });
});
