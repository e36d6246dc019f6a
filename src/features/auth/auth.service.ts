import { randomUUID } from 'node:crypto';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import { randomSecret, sha256Hex } from '../../domain/crypto.ts';
import { AppError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/principal.ts';
import type { Login, PasswordChange, UserView } from '../../domain/schemas/auth.schemas.ts';
import { addMs, DAY, HOUR, nowIso } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import { listOrganizationsForUser } from '../organizations/organization.repository.ts';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from './password.ts';
import {
  countFailedLogins,
  deleteExpiredSessions,
  deleteLoginAttemptsBefore,
  deleteSession,
  deleteUserSessions,
  findSessionWithUser,
  insertLoginAttempt,
  insertSession,
  touchSession,
} from './session.repository.ts';
import { findUserByEmail, updateUser, type UserRow } from './user.repository.ts';

export const SESSION_COOKIE = 'trellis_session';
/** A session ends 7 days after sign-in, or after 12 hours without use. */
export const SESSION_MAX_AGE_MS = 7 * DAY;
export const SESSION_IDLE_MS = 12 * HOUR;
/** After this many failed sign-ins for one email within the window, sign-in is refused. */
export const MAX_FAILED_LOGINS = 10;
export const FAILED_LOGIN_WINDOW_MS = 15 * 60_000;

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}

export interface SessionUser {
  user: UserRow;
  idHash: string;
  csrfToken: string;
}

export function presentUser(user: UserRow): UserView {
  return { id: user.id, email: user.email, name: user.name };
}

export function userActor(user: UserRow, ip: string | null): Actor {
  return { type: 'user', id: user.id, label: user.email, ip };
}

/** Appends the same event to the chain of every organization the user is an active member of. */
async function auditForUserOrgs(trx: Executor, db: Db, user: UserRow, actor: Actor, action: string, after?: unknown): Promise<void> {
  const orgs = await listOrganizationsForUser(trx, user.id);
  for (const org of orgs) {
    await appendAuditEvent(trx, db.dialect, { orgId: org.id, actor, action, entityType: 'user', entityId: user.id, after });
  }
  if (orgs.length === 0) {
    await appendAuditEvent(trx, db.dialect, { orgId: null, actor, action, entityType: 'user', entityId: user.id, after });
  }
}

/**
 * Checks the credentials and opens a session.
 * @throws AppError `rate_limited` after too many recent failures for the email,
 *   `unauthenticated` when the email or password is wrong (never saying which).
 */
export async function signIn(db: Db, input: Login, ctx: RequestContext): Promise<{ sessionToken: string; session: SessionUser }> {
  const email = input.email.toLowerCase();
  const now = nowIso();
  const failures = await countFailedLogins(db.kysely, email, addMs(now, -FAILED_LOGIN_WINDOW_MS));
  if (failures >= MAX_FAILED_LOGINS) {
    throw new AppError('rate_limited', 'too many failed sign-ins for this account; try again in 15 minutes');
  }
  const user = await findUserByEmail(db.kysely, email);
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  let opened: { sessionToken: string; session: SessionUser } | null = null;
  await inTransaction(db, async (trx) => {
    await insertLoginAttempt(trx, { id: randomUUID(), email, ip: ctx.ip, succeeded: ok ? 1 : 0, at: now });
    if (!user) {
      await appendAuditEvent(trx, db.dialect, {
        orgId: null,
        actor: { type: 'user', id: null, label: email, ip: ctx.ip },
        action: 'auth.sign-in-failed',
        entityType: 'user',
        entityId: null,
        after: { reason: 'unknown email' },
      });
      return;
    }
    const actor = userActor(user, ctx.ip);
    if (!ok) {
      await auditForUserOrgs(trx, db, user, actor, 'auth.sign-in-failed', { reason: 'wrong password' });
      return;
    }
    opened = await openSession(trx, user, ctx);
    await auditForUserOrgs(trx, db, user, actor, 'auth.signed-in', { userAgent: ctx.userAgent?.slice(0, 200) ?? null });
  });
  if (!opened) throw new AppError('unauthenticated', 'the email or password is wrong');
  return opened;
}

/** Returns the signed-in user for a session cookie value, or null when it is unknown or expired. */
export async function resolveSession(db: Db, sessionToken: string): Promise<SessionUser | null> {
  const idHash = sha256Hex(sessionToken);
  const session = await findSessionWithUser(db.kysely, idHash);
  if (!session) return null;
  const now = nowIso();
  if (session.expires_at <= now || addMs(session.last_seen_at, SESSION_IDLE_MS) <= now) {
    await deleteSession(db.kysely, idHash);
    return null;
  }
  const { id_hash: _idHash, csrf_token: _csrf, expires_at: _expires, last_seen_at: _seen, ...user } = session;
  // Write the last-seen time at most once a minute: reads must not turn into writes.
  if (Date.parse(now) - Date.parse(session.last_seen_at) > 60_000) await touchSession(db.kysely, idHash, now);
  return { user, idHash, csrfToken: session.csrf_token };
}

export async function signOut(db: Db, session: SessionUser, ip: string | null): Promise<void> {
  await inTransaction(db, async (trx) => {
    await deleteSession(trx, session.idHash);
    await auditForUserOrgs(trx, db, session.user, userActor(session.user, ip), 'auth.signed-out');
  });
}

/**
 * Changes the caller's password and ends their other sessions.
 * @throws AppError `unauthenticated` when the current password is wrong.
 */
export async function changePassword(db: Db, session: SessionUser, input: PasswordChange, ip: string | null): Promise<void> {
  assertPasswordAcceptable(input.newPassword, 'body.newPassword');
  if (!(await verifyPassword(session.user.password_hash, input.currentPassword))) {
    throw new AppError('wrong_password', 'the current password is wrong', {
      issues: [{ path: 'body.currentPassword', message: 'is wrong' }],
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (trx) => {
    await updateUser(trx, session.user.id, { password_hash: passwordHash, updated_at: nowIso() });
    await deleteUserSessions(trx, session.user.id, session.idHash);
    await auditForUserOrgs(trx, db, session.user, userActor(session.user, ip), 'user.password-changed');
  });
}

/** Opens a session for a user whose identity was just proven another way (e.g. accepting an invitation). */
export async function openSession(
  db: Executor,
  user: UserRow,
  ctx: RequestContext,
): Promise<{ sessionToken: string; session: SessionUser }> {
  const sessionToken = randomSecret(32);
  const csrfToken = randomSecret(24);
  const idHash = sha256Hex(sessionToken);
  const now = nowIso();
  await insertSession(db, {
    id_hash: idHash,
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
    expires_at: addMs(now, SESSION_MAX_AGE_MS),
    ip: ctx.ip,
    user_agent: ctx.userAgent?.slice(0, 512) ?? null,
  });
  return { sessionToken, session: { user, idHash, csrfToken } };
}

/** Removes ended sessions and sign-in attempts older than a day (run at start and hourly). */
export async function pruneExpiredAuthData(db: Db): Promise<{ sessions: number; loginAttempts: number }> {
  const now = nowIso();
  const sessions = await deleteExpiredSessions(db.kysely, now, addMs(now, -SESSION_IDLE_MS));
  const loginAttempts = await deleteLoginAttemptsBefore(db.kysely, addMs(now, -DAY));
  return { sessions, loginAttempts };
}
