import type { Executor } from '../../db/database.ts';
import type { OrganizationTable } from '../../db/schema.ts';

export type OrganizationRow = OrganizationTable;

export async function insertOrganization(db: Executor, row: OrganizationRow): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

/** Finds an organization by id or by slug. */
export function findOrganization(db: Executor, idOrSlug: string): Promise<OrganizationRow | undefined> {
  return db
    .selectFrom('organizations')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
}

export function findOrganizationBySlug(db: Executor, slug: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Updates when `version` still matches; returns the number of rows changed (0 = stale or gone). */
export async function updateOrganization(
  db: Executor,
  id: string,
  version: number,
  patch: { name: string; updated_at: string },
): Promise<number> {
  const result = await db
    .updateTable('organizations')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function listOrganizationsForUser(
  db: Executor,
  userId: string,
): Promise<{ id: string; slug: string; name: string; role: string }[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.org_id')
    .select(['organizations.id', 'organizations.slug', 'organizations.name', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .where('memberships.status', '=', 'active')
    .orderBy('organizations.name')
    .execute();
}
