import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginSchema, PasswordChangeSchema, SessionViewSchema, type SessionView } from '../../domain/schemas/auth.schemas.ts';
import type { Role } from '../../domain/policy.ts';
import {
  callerUser,
  clearSessionCookie,
  requestContext,
  requireCaller,
  requireSession,
  setSessionCookie,
  type Caller,
} from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { listOrganizationsForUser } from '../organizations/organization.repository.ts';
import type { Db } from '../../db/database.ts';
import { changePassword, presentUser, SESSION_MAX_AGE_MS, signIn, signOut } from './auth.service.ts';

export async function describeCaller(db: Db, caller: Caller): Promise<SessionView> {
  const user = callerUser(caller);
  const orgs = await listOrganizationsForUser(db.kysely, user.id);
  const visible = caller.kind === 'token' ? orgs.filter((o) => o.id === caller.principal.orgId) : orgs;
  return {
    user: presentUser(user),
    organizations: visible.map((o) => ({ id: o.id, slug: o.slug, name: o.name, role: o.role as Role })),
    csrfToken: caller.kind === 'session' ? caller.session.csrfToken : null,
    via: caller.kind,
    token: caller.kind === 'token' ? { id: caller.principal.tokenId ?? '', name: caller.tokenName, orgId: caller.principal.orgId } : null,
  };
}

export const authRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, config }) => {
  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Sign in with email and password', body: LoginSchema, response: { 200: SessionViewSchema } },
      config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { sessionToken, session } = await signIn(db, request.body, requestContext(request));
      setSessionCookie(reply, sessionToken, config.secureCookies, SESSION_MAX_AGE_MS / 1000);
      return describeCaller(db, { kind: 'session', session });
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out (ends the session)', response: { 204: z.null() } } },
    async (request, reply) => {
      const caller = request.caller;
      if (caller?.kind === 'session') await signOut(db, caller.session, request.ip);
      clearSessionCookie(reply, config.secureCookies);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, their organizations and the CSRF token',
        response: { 200: SessionViewSchema },
      },
    },
    async (request) => describeCaller(db, requireCaller(request)),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your password (ends your other sessions)',
        body: PasswordChangeSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await changePassword(db, requireSession(request), request.body, request.ip);
      return reply.status(204).send(null);
    },
  );
};
