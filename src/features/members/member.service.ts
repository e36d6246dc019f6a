import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '../../db/database.ts';
import { randomSecret, sha256Hex } from '../../domain/crypto.ts';
import { AppError } from '../../domain/errors.ts';
import type { Role } from '../../domain/policy.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import type { InvitationAccept, MemberInvite, MemberRoleChange, MemberView } from '../../domain/schemas/member.schemas.ts';
import { addMs, DAY, nowIso } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import { userActor, type RequestContext } from '../auth/auth.service.ts';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from '../auth/password.ts';
import { findUserByEmail, findUserById, insertUser, updateUser, type UserRow } from '../auth/user.repository.ts';
import { findOrganization } from '../organizations/organization.repository.ts';
import {
  countActiveOwners,
  deleteMembership,
  findMembershipByInviteHash,
  findMembershipForUser,
  getMember,
  insertMembership,
  listMembers as listMemberRows,
  updateMembership,
  type MemberListRow,
} from './membership.repository.ts';

export const INVITATION_TTL_MS = 7 * DAY;

export function presentMember(row: MemberListRow): MemberView {
  return {
    id: row.id,
    userId: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    status: row.status as MemberView['status'],
    inviteExpiresAt: row.invite_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function listMembers(db: Db, principal: OrgPrincipal): Promise<MemberView[]> {
  requirePermission(principal, 'members.read');
  return (await listMemberRows(db.kysely, principal.orgId)).map(presentMember);
}

export async function getMemberView(db: Db, principal: OrgPrincipal, memberId: string): Promise<MemberView> {
  requirePermission(principal, 'members.read');
  const row = await getMember(db.kysely, principal.orgId, memberId);
  if (!row) throw new AppError('not_found', 'member not found');
  return presentMember(row);
}

function invitationUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/invite/${token}`;
}

/**
 * Invites someone by email with a role. A user account is created when the email
 * is new; the membership stays `invited` until the link is accepted.
 * @throws AppError `conflict` when the email is already a member or invited.
 */
export async function inviteMember(
  db: Db,
  principal: OrgPrincipal,
  input: MemberInvite,
  publicUrl: string,
): Promise<{ member: MemberView; inviteUrl: string }> {
  requirePermission(principal, 'members.manage');
  const token = randomSecret(32);
  const now = nowIso();
  const member = await inTransaction(db, async (trx) => {
    let user = await findUserByEmail(trx, input.email);
    if (!user) {
      user = {
        id: randomUUID(),
        email: input.email,
        name: input.name ?? input.email.split('@')[0] ?? input.email,
        password_hash: null,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      await insertUser(trx, user);
    } else if (await findMembershipForUser(trx, principal.orgId, user.id)) {
      throw new AppError('conflict', `${input.email} is already a member or invited`, {
        issues: [{ path: 'body.email', message: 'already a member or invited' }],
      });
    }
    const id = randomUUID();
    await insertMembership(trx, {
      id,
      org_id: principal.orgId,
      user_id: user.id,
      role: input.role,
      status: 'invited',
      invited_by: principal.userId,
      invite_token_hash: sha256Hex(token),
      invite_expires_at: addMs(now, INVITATION_TTL_MS),
      created_at: now,
      updated_at: now,
      version: 1,
    });
    const row = await getMember(trx, principal.orgId, id);
    if (!row) throw new AppError('internal', 'membership vanished');
    const view = presentMember(row);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'member.invited',
      entityType: 'membership',
      entityId: id,
      after: view,
    });
    return view;
  });
  return { member, inviteUrl: invitationUrl(publicUrl, token) };
}

/** Issues a fresh invitation link for a member who has not accepted yet (the old link stops working). */
export async function reissueInvitation(
  db: Db,
  principal: OrgPrincipal,
  memberId: string,
  publicUrl: string,
): Promise<{ member: MemberView; inviteUrl: string }> {
  requirePermission(principal, 'members.manage');
  const token = randomSecret(32);
  const member = await inTransaction(db, async (trx) => {
    const row = await getMember(trx, principal.orgId, memberId);
    if (!row) throw new AppError('not_found', 'member not found');
    if (row.status !== 'invited') throw new AppError('rule_violated', 'this member has already joined');
    const now = nowIso();
    await updateMembership(trx, principal.orgId, memberId, row.version, {
      invite_token_hash: sha256Hex(token),
      invite_expires_at: addMs(now, INVITATION_TTL_MS),
      updated_at: now,
    });
    const after = await getMember(trx, principal.orgId, memberId);
    if (!after) throw new AppError('not_found', 'member not found');
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'member.invitation-reissued',
      entityType: 'membership',
      entityId: memberId,
      before: presentMember(row),
      after: presentMember(after),
    });
    return presentMember(after);
  });
  return { member, inviteUrl: invitationUrl(publicUrl, token) };
}

async function findOpenInvitation(db: Db, token: string) {
  const membership = await findMembershipByInviteHash(db.kysely, sha256Hex(token));
  if (!membership || membership.status !== 'invited' || !membership.invite_expires_at || membership.invite_expires_at <= nowIso()) {
    throw new AppError('not_found', 'this invitation link is unknown, used or expired; ask for a new one');
  }
  const [org, user] = await Promise.all([findOrganization(db.kysely, membership.org_id), findUserById(db.kysely, membership.user_id)]);
  if (!org || !user) throw new AppError('not_found', 'this invitation link is unknown, used or expired; ask for a new one');
  return { membership, org, user };
}

export async function getInvitation(db: Db, token: string) {
  const { membership, org, user } = await findOpenInvitation(db, token);
  return {
    organizationName: org.name,
    organizationSlug: org.slug,
    email: user.email,
    role: membership.role as Role,
    accountExists: user.password_hash !== null,
    expiresAt: membership.invite_expires_at ?? '',
  };
}

/**
 * Accepts an invitation: a new user sets a name and password; an existing user
 * proves it is them with their password. Returns the user, to open a session.
 */
export async function acceptInvitation(db: Db, token: string, input: InvitationAccept, ctx: RequestContext): Promise<UserRow> {
  const { membership, org, user } = await findOpenInvitation(db, token);
  let passwordHash: string | null = null;
  if (user.password_hash) {
    if (!(await verifyPassword(user.password_hash, input.password))) {
      throw new AppError('wrong_password', 'the password is wrong for this account', {
        issues: [{ path: 'body.password', message: 'is wrong' }],
      });
    }
  } else {
    assertPasswordAcceptable(input.password, 'body.password');
    passwordHash = await hashPassword(input.password);
  }
  return inTransaction(db, async (trx) => {
    const now = nowIso();
    if (passwordHash) await updateUser(trx, user.id, { password_hash: passwordHash, name: input.name ?? user.name, updated_at: now });
    const changed = await updateMembership(trx, org.id, membership.id, membership.version, {
      status: 'active',
      invite_token_hash: null,
      invite_expires_at: null,
      updated_at: now,
    });
    if (changed === 0) throw new AppError('version_conflict', 'the invitation changed meanwhile; ask for a new link');
    const after = await getMember(trx, org.id, membership.id);
    await appendAuditEvent(trx, db.dialect, {
      orgId: org.id,
      actor: userActor(user, ctx.ip),
      action: 'member.joined',
      entityType: 'membership',
      entityId: membership.id,
      before: { status: 'invited' },
      after: after ? presentMember(after) : null,
    });
    // Accepting signs the user in (the route opens the session): record it like any sign-in.
    await appendAuditEvent(trx, db.dialect, {
      orgId: org.id,
      actor: userActor(user, ctx.ip),
      action: 'auth.signed-in',
      entityType: 'user',
      entityId: user.id,
      after: { via: 'invitation', userAgent: ctx.userAgent?.slice(0, 200) ?? null },
    });
    const fresh = await findUserById(trx, user.id);
    if (!fresh) throw new AppError('internal', 'user vanished');
    return fresh;
  });
}

/**
 * Changes a member's role.
 * @throws AppError `rule_violated` when it would leave the organization without an active owner,
 *   `version_conflict` on a stale version.
 */
export async function changeMemberRole(db: Db, principal: OrgPrincipal, memberId: string, input: MemberRoleChange): Promise<MemberView> {
  requirePermission(principal, 'members.manage');
  return inTransaction(db, async (trx) => {
    const before = await getMember(trx, principal.orgId, memberId);
    if (!before) throw new AppError('not_found', 'member not found');
    if (before.version !== input.version) {
      throw new AppError('version_conflict', 'this member was changed by someone else; reload and try again', {
        currentVersion: before.version,
      });
    }
    if (before.role === 'owner' && input.role !== 'owner' && before.status === 'active') {
      if ((await countActiveOwners(trx, principal.orgId)) <= 1) {
        throw new AppError('rule_violated', 'an organization needs at least one owner; make someone else owner first');
      }
    }
    const changed = await updateMembership(trx, principal.orgId, memberId, input.version, { role: input.role, updated_at: nowIso() });
    if (changed === 0) throw new AppError('version_conflict', 'this member was changed by someone else; reload and try again');
    const after = await getMember(trx, principal.orgId, memberId);
    if (!after) throw new AppError('not_found', 'member not found');
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'member.role-changed',
      entityType: 'membership',
      entityId: memberId,
      before: presentMember(before),
      after: presentMember(after),
    });
    return presentMember(after);
  });
}

/**
 * Removes a member (or withdraws an invitation). Their API tokens for this organization go with them.
 * @throws AppError `rule_violated` when removing the last active owner.
 */
export async function removeMember(db: Db, principal: OrgPrincipal, memberId: string): Promise<void> {
  requirePermission(principal, 'members.manage');
  await inTransaction(db, async (trx) => {
    const before = await getMember(trx, principal.orgId, memberId);
    if (!before) throw new AppError('not_found', 'member not found');
    if (before.role === 'owner' && before.status === 'active' && (await countActiveOwners(trx, principal.orgId)) <= 1) {
      throw new AppError('rule_violated', 'an organization needs at least one owner; make someone else owner first');
    }
    await deleteMembership(trx, principal.orgId, memberId);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'member.removed',
      entityType: 'membership',
      entityId: memberId,
      before: presentMember(before),
    });
  });
}
