import type { Db } from '../../db/database.ts';
import { generatePassword } from '../../domain/crypto.ts';
import { systemActor } from '../../domain/principal.ts';
import { initOrganization } from '../admin/admin.service.ts';
import { countUsers } from '../auth/user.repository.ts';

export const DEMO_EMAIL = 'owner@example.com';

/**
 * On the first start of an empty database, creates the demo organization and its
 * owner with a generated password. Returns the credentials to show once, or null
 * when the database already had users.
 */
export async function seedDemoIfEmpty(db: Db): Promise<{ email: string; password: string; orgSlug: string } | null> {
  if ((await countUsers(db.kysely)) > 0) return null;
  const password = generatePassword();
  const { org } = await initOrganization(
    db,
    { orgName: 'Demo Organization', slug: 'demo', email: DEMO_EMAIL, name: 'Demo Owner', password },
    systemActor,
  );
  return { email: DEMO_EMAIL, password, orgSlug: org.slug };
}
