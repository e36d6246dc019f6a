import type { Executor } from '../../db/database.ts';
import type { ApiTokenTable } from '../../db/schema.ts';

export type ApiTokenRow = ApiTokenTable;

export async function insertApiToken(db: Executor, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export function findApiToken(db: Executor, orgId: string, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function listApiTokens(db: Executor, orgId: string, membershipId?: string): Promise<(ApiTokenRow & { owner_email: string })[]> {
  let q = db
    .selectFrom('api_tokens')
    .innerJoin('memberships', 'memberships.id', 'api_tokens.membership_id')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .selectAll('api_tokens')
    .select('users.email as owner_email')
    .where('api_tokens.org_id', '=', orgId);
  if (membershipId) q = q.where('api_tokens.membership_id', '=', membershipId);
  return q.orderBy('api_tokens.created_at', 'desc').execute();
}

export async function revokeApiToken(db: Executor, orgId: string, id: string, by: string, at: string): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at, revoked_by: by })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markApiTokenUsed(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** Everything needed to act on a bearer token, in one query: the token, its membership, user and organization. */
export function findTokenContext(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('memberships', 'memberships.id', 'api_tokens.membership_id')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .innerJoin('organizations', 'organizations.id', 'api_tokens.org_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.name as token_name',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'memberships.id as membership_id',
      'memberships.role',
      'memberships.status',
      'organizations.id as org_id',
      'organizations.slug as org_slug',
      'users.id as user_id',
      'users.email',
      'users.name as user_name',
      'users.password_hash',
      'users.created_at as user_created_at',
      'users.updated_at as user_updated_at',
      'users.version as user_version',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}
