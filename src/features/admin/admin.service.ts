import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { inTransaction, type Db } from '../../db/database.ts';
import { AppError } from '../../domain/errors.ts';
import type { Role } from '../../domain/policy.ts';
import type { Actor } from '../../domain/principal.ts';
import type { ApiTokenView } from '../../domain/schemas/token.schemas.ts';
import { nowIso } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import { assertPasswordAcceptable, hashPassword } from '../auth/password.ts';
import { findUserByEmail, insertUser } from '../auth/user.repository.ts';
import { findMembershipForUser, insertMembership } from '../members/membership.repository.ts';
import { findOrganization } from '../organizations/organization.repository.ts';
import { createOrganization } from '../organizations/organization.service.ts';
import { issueApiToken } from '../tokens/api-token.service.ts';

/** The actor for administrative commands run on the database directly. */
export function cliActor(): Actor {
  let who = 'unknown';
  try {
    who = os.userInfo().username;
  } catch {
    // Some containers run as a uid without a passwd entry.
  }
  return { type: 'cli', id: null, label: `trellis CLI (${who}@${os.hostname()})`, ip: null };
}

/**
 * Creates a user with a password and, optionally, an active membership.
 * @throws AppError `conflict` when the email is taken.
 */
export async function createUserWithPassword(
  db: Db,
  input: { email: string; name?: string | undefined; password: string },
  actor: Actor,
  membership?: { orgId: string; role: Role },
) {
  assertPasswordAcceptable(input.password);
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    if (await findUserByEmail(trx, email)) throw new AppError('conflict', `a user with the email ${email} exists already`);
    const now = nowIso();
    const user = {
      id: randomUUID(),
      email,
      name: input.name ?? email.split('@')[0] ?? email,
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await insertUser(trx, user);
    if (membership) {
      const id = randomUUID();
      await insertMembership(trx, {
        id,
        org_id: membership.orgId,
        user_id: user.id,
        role: membership.role,
        status: 'active',
        invited_by: null,
        invite_token_hash: null,
        invite_expires_at: null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      await appendAuditEvent(trx, db.dialect, {
        orgId: membership.orgId,
        actor,
        action: 'member.added',
        entityType: 'membership',
        entityId: id,
        after: { userId: user.id, email, role: membership.role, status: 'active' },
      });
    }
    return user;
  });
}

/** Creates an organization and its first owner (for scripted installs). */
export async function initOrganization(
  db: Db,
  input: { orgName: string; slug?: string | undefined; email: string; name?: string | undefined; password: string },
  actor: Actor,
) {
  const user = await createUserWithPassword(db, input, actor);
  const org = await createOrganization(db, { name: input.orgName, slug: input.slug }, user.id, actor);
  return { user, org };
}

export async function requireOrganization(db: Db, idOrSlug: string) {
  const org = await findOrganization(db.kysely, idOrSlug);
  if (!org) throw new AppError('not_found', `no organization with the id or slug "${idOrSlug}"`);
  return org;
}

/** Adds an existing or new user to an organization with a role (CLI `user create`). */
export async function createMemberUser(
  db: Db,
  input: { email: string; name?: string | undefined; password: string; org: string; role: Role },
  actor: Actor,
) {
  const org = await requireOrganization(db, input.org);
  const user = await createUserWithPassword(db, input, actor, { orgId: org.id, role: input.role });
  return { user, org };
}

/** Issues an API token for an active member, identified by email and organization (CLI `token create`). */
export async function createTokenForMember(
  db: Db,
  input: { email: string; org: string; name: string; expiresInDays?: number | undefined },
  actor: Actor,
): Promise<{ token: string; apiToken: ApiTokenView }> {
  const org = await requireOrganization(db, input.org);
  const user = await findUserByEmail(db.kysely, input.email);
  const membership = user ? await findMembershipForUser(db.kysely, org.id, user.id) : undefined;
  if (!user || !membership || membership.status !== 'active') {
    throw new AppError('not_found', `${input.email} is not an active member of ${org.slug}`);
  }
  return issueApiToken(
    db,
    { orgId: org.id, membershipId: membership.id, ownerEmail: user.email },
    { name: input.name, expiresInDays: input.expiresInDays },
    actor,
  );
}
