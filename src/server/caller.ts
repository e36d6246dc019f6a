import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { secretsEqual } from '../domain/crypto.ts';
import { AppError } from '../domain/errors.ts';
import type { Role } from '../domain/policy.ts';
import type { OrgPrincipal } from '../domain/principal.ts';
import { resolveSession, SESSION_COOKIE, userActor, type SessionUser } from '../features/auth/auth.service.ts';
import type { UserRow } from '../features/auth/user.repository.ts';
import { findOrgMembership } from '../features/members/membership.repository.ts';
import { resolveApiToken } from '../features/tokens/api-token.service.ts';

/** The authenticated party behind a request: a browser session or an API token. */
export type Caller =
  { kind: 'session'; session: SessionUser } | { kind: 'token'; principal: OrgPrincipal; tokenName: string; user: UserRow };

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller once per request. Writes made with the session cookie must
 * carry the session's CSRF token in `X-CSRF-Token`; bearer-token calls carry no
 * ambient credentials and need none.
 */
export async function identifyCaller(db: Db, request: FastifyRequest): Promise<void> {
  request.caller = null;
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const resolved = match?.[1] ? await resolveApiToken(db, match[1], request.ip) : null;
    if (!resolved) throw new AppError('unauthenticated', 'the API token is unknown, revoked or expired');
    request.caller = { kind: 'token', ...resolved };
    return;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return;
  const session = await resolveSession(db, cookie);
  if (!session) return;
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !secretsEqual(sent, session.csrfToken)) {
      throw new AppError('csrf_failed', 'the X-CSRF-Token header is missing or wrong; reload the page and try again');
    }
  }
  request.caller = { kind: 'session', session };
}

/** @throws AppError `unauthenticated` when nobody is signed in. */
export function requireCaller(request: FastifyRequest): Caller {
  if (!request.caller) throw new AppError('unauthenticated', 'sign in or send an API token');
  return request.caller;
}

export function requireSession(request: FastifyRequest): SessionUser {
  const caller = requireCaller(request);
  if (caller.kind !== 'session') throw new AppError('forbidden', 'this needs a signed-in user, not an API token');
  return caller.session;
}

export function callerUser(caller: Caller): UserRow {
  return caller.kind === 'session' ? caller.session.user : caller.user;
}

/**
 * The caller acting inside the organization named by `orgParam` (id or slug).
 * Another organization's data is indistinguishable from data that does not exist:
 * @throws AppError `not_found` when the caller is not an active member of it.
 */
export async function requireOrgPrincipal(db: Db, request: FastifyRequest, orgParam: string): Promise<OrgPrincipal> {
  const caller = requireCaller(request);
  if (caller.kind === 'token') {
    const p = caller.principal;
    if (orgParam !== p.orgId && orgParam !== p.orgSlug) throw new AppError('not_found', 'organization not found');
    return p;
  }
  const found = await findOrgMembership(db.kysely, orgParam, caller.session.user.id);
  if (!found || found.status !== 'active') throw new AppError('not_found', 'organization not found');
  return {
    orgId: found.org_id,
    orgSlug: found.org_slug,
    userId: caller.session.user.id,
    membershipId: found.membership_id,
    role: found.role as Role,
    via: 'session',
    tokenId: null,
    actor: userActor(caller.session.user, request.ip),
  };
}

export function requestContext(request: FastifyRequest): { ip: string | null; userAgent: string | null } {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, maxAgeSeconds: number): void {
  void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}
