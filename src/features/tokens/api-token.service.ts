import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '../../db/database.ts';
import { randomSecret, sha256Hex } from '../../domain/crypto.ts';
import { AppError } from '../../domain/errors.ts';
import { can, type Role } from '../../domain/policy.ts';
import { requirePermission, type Actor, type OrgPrincipal } from '../../domain/principal.ts';
import type { ApiTokenCreate, ApiTokenView } from '../../domain/schemas/token.schemas.ts';
import { addMs, DAY, nowIso } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import { findUserById, type UserRow } from '../auth/user.repository.ts';
import {
  findApiToken,
  findTokenContext,
  insertApiToken,
  listApiTokens,
  markApiTokenUsed,
  revokeApiToken,
  type ApiTokenRow,
} from './api-token.repository.ts';

export const TOKEN_PREFIX = 'trellis_';

function presentToken(row: ApiTokenRow & { owner_email: string }): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    ownerEmail: row.owner_email,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * Issues a token bound to one membership: it acts with that member's current role
 * in that organization only. The secret is returned once and stored as a SHA-256 hash.
 */
export async function issueApiToken(
  db: Db,
  target: { orgId: string; membershipId: string; ownerEmail: string },
  input: ApiTokenCreate,
  actor: Actor,
): Promise<{ token: string; apiToken: ApiTokenView }> {
  const token = `${TOKEN_PREFIX}${randomSecret(30)}`;
  const now = nowIso();
  const row: ApiTokenRow = {
    id: randomUUID(),
    org_id: target.orgId,
    membership_id: target.membershipId,
    name: input.name,
    token_hash: sha256Hex(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 4),
    created_by: actor.id ?? 'system',
    created_at: now,
    expires_at: input.expiresInDays ? addMs(now, input.expiresInDays * DAY) : null,
    last_used_at: null,
    revoked_at: null,
    revoked_by: null,
  };
  const view = presentToken({ ...row, owner_email: target.ownerEmail });
  await inTransaction(db, async (trx) => {
    await insertApiToken(trx, row);
    await appendAuditEvent(trx, db.dialect, {
      orgId: target.orgId,
      actor,
      action: 'token.created',
      entityType: 'api-token',
      entityId: row.id,
      after: view,
    });
  });
  return { token, apiToken: view };
}

/** @throws AppError `forbidden` when called with an API token: tokens cannot mint tokens. */
export async function createApiToken(
  db: Db,
  principal: OrgPrincipal,
  input: ApiTokenCreate,
): Promise<{ token: string; apiToken: ApiTokenView }> {
  requirePermission(principal, 'tokens.create');
  if (principal.via === 'token') throw new AppError('forbidden', 'API tokens cannot create other tokens; sign in to create one');
  const user = await findUserById(db.kysely, principal.userId);
  if (!user) throw new AppError('not_found', 'user not found');
  return issueApiToken(
    db,
    { orgId: principal.orgId, membershipId: principal.membershipId, ownerEmail: user.email },
    input,
    principal.actor,
  );
}

/** Owners see every token of the organization; everyone else sees their own. */
export async function listTokens(db: Db, principal: OrgPrincipal): Promise<ApiTokenView[]> {
  requirePermission(principal, 'tokens.create');
  const all = can(principal.role, 'tokens.manage-any');
  const rows = await listApiTokens(db.kysely, principal.orgId, all ? undefined : principal.membershipId);
  return rows.map(presentToken);
}

export async function revokeToken(db: Db, principal: OrgPrincipal, tokenId: string): Promise<void> {
  requirePermission(principal, 'tokens.create');
  await inTransaction(db, async (trx) => {
    const row = await findApiToken(trx, principal.orgId, tokenId);
    if (!row || (row.membership_id !== principal.membershipId && !can(principal.role, 'tokens.manage-any'))) {
      throw new AppError('not_found', 'token not found');
    }
    if (row.revoked_at) return;
    const at = nowIso();
    await revokeApiToken(trx, principal.orgId, tokenId, principal.userId, at);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'token.revoked',
      entityType: 'api-token',
      entityId: tokenId,
      before: { revokedAt: null },
      after: { revokedAt: at },
    });
  });
}

/**
 * Resolves a bearer token to the principal it acts as, or null when the token is
 * unknown, revoked, expired, or its member has left or is still only invited.
 */
export async function resolveApiToken(
  db: Db,
  token: string,
  ip: string | null,
): Promise<{ principal: OrgPrincipal; tokenName: string; user: UserRow } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await findTokenContext(db.kysely, sha256Hex(token));
  const now = nowIso();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now) || row.status !== 'active') return null;
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) await markApiTokenUsed(db.kysely, row.token_id, now);
  const user: UserRow = {
    id: row.user_id,
    email: row.email,
    name: row.user_name,
    password_hash: row.password_hash,
    created_at: row.user_created_at,
    updated_at: row.user_updated_at,
    version: row.user_version,
  };
  return {
    tokenName: row.token_name,
    user,
    principal: {
      orgId: row.org_id,
      orgSlug: row.org_slug,
      userId: user.id,
      membershipId: row.membership_id,
      role: row.role as Role,
      via: 'token',
      tokenId: row.token_id,
      actor: { type: 'token', id: user.id, label: `${user.email} (token "${row.token_name}")`, ip },
    },
  };
}
