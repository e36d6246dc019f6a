import { z } from 'zod';

/** The roles a member can hold in an organization, most powerful first. */
export const roles = ['owner', 'aims-manager', 'contributor', 'auditor', 'viewer'] as const;
export const RoleSchema = z.enum(roles);
export type Role = z.infer<typeof RoleSchema>;

/**
 * What a caller may do inside an organization. Each AIMS area maps its routes to
 * one of these; the table below is the single place that decides who may do what.
 */
export const actions = [
  'organization.read',
  'organization.update',
  'members.read',
  'members.manage',
  'tokens.create',
  'tokens.manage-any',
  'audit-log.read',
  'records.read',
  'records.write',
  'records.delete',
  'records.approve',
  'findings.write',
  'catalog.manage',
] as const;
export type Action = (typeof actions)[number];

const grants: Record<Role, readonly Action[]> = {
  owner: actions,
  'aims-manager': [
    'organization.read',
    'members.read',
    'tokens.create',
    'audit-log.read',
    'records.read',
    'records.write',
    'records.delete',
    'records.approve',
    'findings.write',
    'catalog.manage',
  ],
  contributor: ['organization.read', 'members.read', 'tokens.create', 'records.read', 'records.write'],
  // An auditor reads everything, the audit trail included, and writes findings only.
  auditor: ['organization.read', 'members.read', 'tokens.create', 'audit-log.read', 'records.read', 'findings.write'],
  viewer: ['organization.read', 'members.read', 'tokens.create', 'records.read'],
};

export const roleDescriptions: Record<Role, string> = {
  owner: 'Full control, including members, roles and organization settings.',
  'aims-manager': 'Runs the AIMS: creates, edits, approves and deletes governance records; reads the audit log.',
  contributor: 'Creates and edits governance records and supplies evidence.',
  auditor: 'Reads everything, including the audit log; records audit findings only.',
  viewer: 'Reads governance records.',
};

/** True when `role` is allowed to perform `action`. */
export function can(role: Role, action: Action): boolean {
  return grants[role].includes(action);
}
