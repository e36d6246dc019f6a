import { randomUUID } from 'node:crypto';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import { AppError } from '../../domain/errors.ts';
import { requirePermission, type Actor, type OrgPrincipal } from '../../domain/principal.ts';
import type { OrganizationCreate, OrganizationUpdate, OrganizationView } from '../../domain/schemas/organization.schemas.ts';
import { nowIso } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import { insertMembership } from '../members/membership.repository.ts';
import {
  findOrganization,
  findOrganizationBySlug,
  insertOrganization,
  updateOrganization as updateOrganizationRow,
  type OrganizationRow,
} from './organization.repository.ts';

export function presentOrganization(row: OrganizationRow): OrganizationView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** Derives a URL slug from a name: lowercase ASCII letters, digits and hyphens. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return slug.length >= 2 ? slug : `org-${randomUUID().slice(0, 8)}`;
}

async function uniqueSlug(db: Executor, base: string): Promise<string> {
  let candidate = base;
  for (let i = 2; await findOrganizationBySlug(db, candidate); i += 1) candidate = `${base}-${i}`;
  return candidate;
}

/**
 * Creates an organization with `ownerUserId` as its first owner (in one transaction).
 * @throws AppError `conflict` when an explicit slug is taken.
 */
export async function createOrganization(db: Db, input: OrganizationCreate, ownerUserId: string, actor: Actor): Promise<OrganizationView> {
  return inTransaction(db, async (trx) => {
    let slug: string;
    if (input.slug) {
      if (await findOrganizationBySlug(trx, input.slug)) {
        throw new AppError('conflict', `the slug "${input.slug}" is taken`, { issues: [{ path: 'body.slug', message: 'taken' }] });
      }
      slug = input.slug;
    } else {
      slug = await uniqueSlug(trx, slugify(input.name));
    }
    const now = nowIso();
    const row: OrganizationRow = { id: randomUUID(), slug, name: input.name, created_at: now, updated_at: now, version: 1 };
    await insertOrganization(trx, row);
    const membershipId = randomUUID();
    await insertMembership(trx, {
      id: membershipId,
      org_id: row.id,
      user_id: ownerUserId,
      role: 'owner',
      status: 'active',
      invited_by: null,
      invite_token_hash: null,
      invite_expires_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    const view = presentOrganization(row);
    await appendAuditEvent(trx, db.dialect, {
      orgId: row.id,
      actor,
      action: 'organization.created',
      entityType: 'organization',
      entityId: row.id,
      after: view,
    });
    await appendAuditEvent(trx, db.dialect, {
      orgId: row.id,
      actor,
      action: 'member.added',
      entityType: 'membership',
      entityId: membershipId,
      after: { userId: ownerUserId, role: 'owner', status: 'active' },
    });
    return view;
  });
}

export async function getOrganization(db: Db, principal: OrgPrincipal): Promise<OrganizationView> {
  requirePermission(principal, 'organization.read');
  const row = await findOrganization(db.kysely, principal.orgId);
  if (!row) throw new AppError('not_found', 'organization not found');
  return presentOrganization(row);
}

/**
 * Renames the organization.
 * @throws AppError `version_conflict` when someone changed it since `input.version`.
 */
export async function updateOrganization(db: Db, principal: OrgPrincipal, input: OrganizationUpdate): Promise<OrganizationView> {
  requirePermission(principal, 'organization.update');
  return inTransaction(db, async (trx) => {
    const before = await findOrganization(trx, principal.orgId);
    if (!before) throw new AppError('not_found', 'organization not found');
    const changed = await updateOrganizationRow(trx, principal.orgId, input.version, { name: input.name, updated_at: nowIso() });
    if (changed === 0) {
      throw new AppError('version_conflict', 'the organization was changed by someone else; reload and try again', {
        currentVersion: before.version,
      });
    }
    const after = await findOrganization(trx, principal.orgId);
    if (!after) throw new AppError('not_found', 'organization not found');
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'organization.updated',
      entityType: 'organization',
      entityId: principal.orgId,
      before: presentOrganization(before),
      after: presentOrganization(after),
    });
    return presentOrganization(after);
  });
}
