import { after, before, describe } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Role } from '../domain/policy.ts';
import { cliActor, createMemberUser, initOrganization } from '../features/admin/admin.service.ts';
import { buildApp } from '../server/app.ts';
import { availableDialects, createTestDatabase, type DialectName, type TestDatabase } from './databases.ts';

export interface TestContext {
  dialect: DialectName;
  database: TestDatabase;
  db: Db;
  config: Config;
  app: FastifyInstance;
}

/** A signed-in user: their cookie, CSRF token, and the organization they act in. */
export interface SignedIn {
  email: string;
  password: string;
  userId: string;
  orgSlug: string;
  orgId: string;
  cookie: string;
  csrf: string;
}

const dialects = await availableDialects();

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    TRELLIS_DATA_DIR: '/nonexistent',
    PORT: '0',
    TRELLIS_PUBLIC_URL: 'http://trellis.test',
    TRELLIS_LOGIN_RATE_LIMIT: '100000',
    ...overrides,
  });
}

/**
 * Runs the same suite once per available database. Each suite gets its own fresh
 * database and app; each test should make its own organization so nothing leaks.
 */
export function describeEachDatabase(title: string, fn: (ctx: () => TestContext) => void, env: Record<string, string> = {}): void {
  for (const dialect of dialects) {
    describe(`${title} [${dialect}]`, () => {
      let ctx: TestContext | undefined;
      before(async () => {
        const database = await createTestDatabase(dialect);
        const config = testConfig(env);
        const app = await buildApp({ db: database.db, config });
        ctx = { dialect, database, db: database.db, config, app };
      });
      after(async () => {
        await ctx?.app.close();
        await ctx?.database.cleanup();
      });
      fn(() => {
        if (!ctx) throw new Error('test context used before setup');
        return ctx;
      });
    });
  }
}

let counter = 0;
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

export const PASSWORD = 'correct horse battery staple';

export function cookieFrom(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('no Set-Cookie header');
  return first.split(';')[0] ?? '';
}

export async function signIn(ctx: TestContext, email: string, password: string, orgSlug: string, orgId: string): Promise<SignedIn> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{ csrfToken: string; user: { id: string } }>();
  return { email, password, userId: body.user.id, orgSlug, orgId, cookie: cookieFrom(res.headers['set-cookie']), csrf: body.csrfToken };
}

/** A new organization with a signed-in owner. */
export async function newOrganization(ctx: TestContext): Promise<SignedIn> {
  const slug = uniqueName('org').toLowerCase();
  const email = `${slug}-owner@example.test`;
  const { org } = await initOrganization(ctx.db, { orgName: `Org ${slug}`, slug, email, password: PASSWORD }, cliActor());
  return signIn(ctx, email, PASSWORD, org.slug, org.id);
}

/** Adds a signed-in member with `role` to the owner's organization. */
export async function newMember(ctx: TestContext, owner: SignedIn, role: Role): Promise<SignedIn> {
  const email = `${uniqueName(role)}@example.test`;
  await createMemberUser(ctx.db, { email, password: PASSWORD, org: owner.orgId, role }, cliActor());
  return signIn(ctx, email, PASSWORD, owner.orgSlug, owner.orgId);
}

/** An inject request as a signed-in user (cookie + CSRF header on writes). */
export function as(ctx: TestContext, who: SignedIn) {
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    ctx.app.inject({
      method,
      url,
      headers: { cookie: who.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': who.csrf }) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: unknown) => call('POST', url, payload ?? {}),
    put: (url: string, payload: unknown) => call('PUT', url, payload),
    patch: (url: string, payload: unknown) => call('PATCH', url, payload),
    delete: (url: string) => call('DELETE', url),
  };
}

/** An inject request with a bearer token. */
export function withToken(ctx: TestContext, token: string) {
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    ctx.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: unknown) => call('POST', url, payload ?? {}),
    put: (url: string, payload: unknown) => call('PUT', url, payload),
    patch: (url: string, payload: unknown) => call('PATCH', url, payload),
    delete: (url: string) => call('DELETE', url),
  };
}

/** Uploads a raw file body (a CSV or XLSX import) as a signed-in user. */
export function upload(ctx: TestContext, who: SignedIn, url: string, content: Buffer | string, contentType: string) {
  return ctx.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': contentType },
    payload: content,
  });
}
