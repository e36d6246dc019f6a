import { AppError } from './errors.ts';
import { can, type Action, type Role } from './policy.ts';

/** Who did something, as the audit log records it. */
export interface Actor {
  type: 'user' | 'token' | 'system' | 'cli';
  /** The user id behind the action (also for tokens), null for the system. */
  id: string | null;
  label: string | null;
  ip: string | null;
}

/** An authenticated caller acting inside one organization. */
export interface OrgPrincipal {
  orgId: string;
  orgSlug: string;
  userId: string;
  membershipId: string;
  role: Role;
  via: 'session' | 'token';
  tokenId: string | null;
  actor: Actor;
}

export const systemActor: Actor = { type: 'system', id: null, label: 'Trellis', ip: null };

/**
 * @throws AppError `forbidden` when the principal's role does not grant `action`.
 */
export function requirePermission(principal: OrgPrincipal, action: Action): void {
  if (!can(principal.role, action)) {
    throw new AppError('forbidden', `the ${principal.role} role may not do this (${action})`);
  }
}
