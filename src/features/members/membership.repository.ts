import type { Executor } from '../../db/database.ts';
import type { MembershipTable } from '../../db/schema.ts';

export type MembershipRow = MembershipTable;

export interface MemberListRow {
  id: string;
  user_id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  created_at: string;
  updated_at: string;
  version: number;
  invite_expires_at: string | null;
}

export async function insertMembership(db: Executor, row: MembershipRow): Promise<void> {
  await db.insertInto('memberships').values(row).execute();
}

export function findMembership(db: Executor, orgId: string, id: string): Promise<MembershipRow | undefined> {
  return db.selectFrom('memberships').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findMembershipForUser(db: Executor, orgId: string, userId: string): Promise<MembershipRow | undefined> {
  return db.selectFrom('memberships').selectAll().where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
}

export function findMembershipByInviteHash(db: Executor, tokenHash: string): Promise<MembershipRow | undefined> {
  return db.selectFrom('memberships').selectAll().where('invite_token_hash', '=', tokenHash).executeTakeFirst();
}

const memberColumns = [
  'memberships.id',
  'memberships.user_id',
  'users.email',
  'users.name',
  'memberships.role',
  'memberships.status',
  'memberships.created_at',
  'memberships.updated_at',
  'memberships.version',
  'memberships.invite_expires_at',
] as const;

export function listMembers(db: Executor, orgId: string): Promise<MemberListRow[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(memberColumns)
    .where('memberships.org_id', '=', orgId)
    .orderBy('users.email')
    .execute();
}

export function getMember(db: Executor, orgId: string, id: string): Promise<MemberListRow | undefined> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(memberColumns)
    .where('memberships.org_id', '=', orgId)
    .where('memberships.id', '=', id)
    .executeTakeFirst();
}

/** Updates when `version` still matches; returns rows changed (0 = stale). */
export async function updateMembership(
  db: Executor,
  orgId: string,
  id: string,
  version: number,
  patch: Partial<Pick<MembershipRow, 'role' | 'status' | 'invite_token_hash' | 'invite_expires_at'>> & { updated_at: string },
): Promise<number> {
  const result = await db
    .updateTable('memberships')
    .set({ ...patch, version: version + 1 })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteMembership(db: Executor, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('memberships').where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function countActiveOwners(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'owner')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The organization named by id or slug together with the user's membership in it, in one query. */
export function findOrgMembership(db: Executor, orgIdOrSlug: string, userId: string) {
  return db
    .selectFrom('organizations')
    .innerJoin('memberships', 'memberships.org_id', 'organizations.id')
    .select([
      'organizations.id as org_id',
      'organizations.slug as org_slug',
      'memberships.id as membership_id',
      'memberships.role',
      'memberships.status',
    ])
    .where((eb) => eb.or([eb('organizations.id', '=', orgIdOrSlug), eb('organizations.slug', '=', orgIdOrSlug)]))
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
}
