import type { Db } from '../../db/database.ts';
import { generatePassword } from '../../domain/crypto.ts';
import { AppError } from '../../domain/errors.ts';
import type { OrgPrincipal } from '../../domain/principal.ts';
import { systemActor } from '../../domain/principal.ts';
import { initOrganization } from '../admin/admin.service.ts';
import { countUsers } from '../auth/user.repository.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { findMembershipForUser } from '../members/membership.repository.ts';
import { seedDemoControls } from './demo-controls.ts';
import { seedDemoEvidence } from './demo-evidence.ts';
import { seedDemoInventory } from './demo-inventory.ts';
import { seedDemoMonitoring } from './demo-monitoring.ts';
import { seedDemoRisks } from './demo-risks.ts';

export const DEMO_EMAIL = 'owner@example.com';

/**
 * On the first start of an empty database, creates the demo organization and its
 * owner with a generated password. Returns the credentials to show once, or null
 * when the database already had users.
 */
export async function seedDemoIfEmpty(db: Db, catalog: Catalog): Promise<{ email: string; password: string; orgSlug: string } | null> {
  if ((await countUsers(db.kysely)) > 0) return null;
  const password = generatePassword();
  const { org, user } = await initOrganization(
    db,
    { orgName: 'Demo Organization', slug: 'demo', email: DEMO_EMAIL, name: 'Demo Owner', password },
    systemActor,
  );
  const membership = await findMembershipForUser(db.kysely, org.id, user.id);
  if (!membership) throw new AppError('internal', 'the demo owner has no membership');
  const principal: OrgPrincipal = {
    orgId: org.id,
    orgSlug: org.slug,
    userId: user.id,
    membershipId: membership.id,
    role: 'owner',
    via: 'session',
    tokenId: null,
    actor: { ...systemActor, label: 'Trellis demo data' },
  };
  await seedDemoInventory(db, principal, catalog);
  await seedDemoRisks(db, principal, catalog);
  await seedDemoEvidence(db, principal, catalog);
  await seedDemoControls(db, principal, catalog);
  await seedDemoMonitoring(db, principal, catalog);
  return { email: DEMO_EMAIL, password, orgSlug: org.slug };
}
