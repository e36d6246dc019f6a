import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, describeEachDatabase, newOrganization } from '../test/harness.ts';

describeEachDatabase('HTTP boundary', (ctx) => {
  test('GET /api/health needs no sign-in and names the database', async () => {
    const res = await ctx().app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.database, ctx().dialect);
    assert.match(body.version, /^\d+\.\d+\.\d+/);
  });

  test('the OpenAPI document lists the routes; the docs page is served', async () => {
    const doc = (await ctx().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.match(doc.openapi, /^3\./);
    for (const p of ['/api/health', '/api/auth/login', '/api/orgs/{org}/members', '/api/orgs/{org}/audit-log', '/api/orgs/{org}/tokens']) {
      assert.ok(doc.paths[p], `missing ${p}`);
    }
    const docs = await ctx().app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(docs.statusCode, 200);
  });

  test('responses carry security headers', async () => {
    const res = await ctx().app.inject({ method: 'GET', url: '/api/health' });
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['x-frame-options']);
    assert.ok(res.headers['referrer-policy']);
  });

  test('protected routes answer 401 without credentials', async () => {
    for (const url of ['/api/auth/session', '/api/orgs/demo', '/api/orgs/demo/members', '/api/orgs/demo/audit-log']) {
      const res = await ctx().app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 401, url);
      assert.equal(res.json().error.code, 'unauthenticated');
    }
  });

  test('validation errors are 400 and name the field path', async () => {
    const owner = await newOrganization(ctx());
    const res = await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/members`, { email: 'not-an-email', role: 'emperor' });
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.error.code, 'validation_failed');
    const paths = body.error.details.issues.map((i: { path: string }) => i.path);
    assert.ok(paths.includes('body.email'), paths.join());
    assert.ok(paths.includes('body.role'), paths.join());
  });

  test('malformed JSON is a 400, an oversized body a 413, and neither leaks internals', async () => {
    const owner = await newOrganization(ctx());
    const headers = { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' };
    const broken = await ctx().app.inject({ method: 'POST', url: `/api/orgs/${owner.orgSlug}/tokens`, headers, payload: '{"name": ' });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.code, 'validation_failed');
    const huge = await ctx().app.inject({
      method: 'POST',
      url: `/api/orgs/${owner.orgSlug}/tokens`,
      headers,
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().error.code, 'payload_too_large');
    for (const r of [broken, huge]) assert.doesNotMatch(r.body, /at .*\.ts:\d+|node_modules|SELECT|INSERT/i);
  });

  test('an unknown API route is a JSON 404', async () => {
    const res = await ctx().app.inject({ method: 'GET', url: '/api/nope' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });

  test('a stale organization update gets 409 and changes nothing', async () => {
    const owner = await newOrganization(ctx());
    const url = `/api/orgs/${owner.orgSlug}`;
    const v1 = (await as(ctx(), owner).get(url)).json();
    assert.equal((await as(ctx(), owner).patch(url, { name: 'First', version: v1.version })).statusCode, 200);
    const stale = await as(ctx(), owner).patch(url, { name: 'Second', version: v1.version });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'version_conflict');
    assert.equal((await as(ctx(), owner).get(url)).json().name, 'First');
  });

  test('any signed-in user can create an organization and becomes its owner', async () => {
    const owner = await newOrganization(ctx());
    const res = await as(ctx(), owner).post('/api/orgs', { name: 'Second Company' });
    assert.equal(res.statusCode, 201);
    const org = res.json();
    assert.match(org.slug, /^second-company/);
    const session = (await as(ctx(), owner).get('/api/auth/session')).json();
    assert.equal(session.organizations.find((o: { id: string }) => o.id === org.id).role, 'owner');
    const dup = await as(ctx(), owner).post('/api/orgs', { name: 'Dup', slug: org.slug });
    assert.equal(dup.statusCode, 409);
  });
});

describeEachDatabase('web UI serving', (ctx) => {
  test('the SPA page is served for app routes, never for a missing asset', async () => {
    const root = await ctx().app.inject({ method: 'GET', url: '/' });
    assert.ok([200, 503].includes(root.statusCode), String(root.statusCode));
    const page = await ctx().app.inject({ method: 'GET', url: '/orgs/demo/members' });
    // Without a built UI the server explains how to build it; with one it serves index.html.
    assert.ok([200, 503].includes(page.statusCode));
    assert.match(String(page.headers['content-type']), /text\/(html|plain)/);
    const asset = await ctx().app.inject({ method: 'GET', url: '/assets/index-doesnotexist.js' });
    assert.equal(asset.statusCode, 404);
    assert.doesNotMatch(asset.body, /<html/i);
  });
});
