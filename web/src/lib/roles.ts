import type { Role } from '../../../src/domain/policy.ts';

export type { Role };

/** The roles, most powerful first (mirrors src/domain/policy.ts). */
export const roleOrder = ['owner', 'aims-manager', 'contributor', 'auditor', 'viewer'] as const satisfies readonly Role[];

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  'aims-manager': 'AIMS manager',
  contributor: 'Contributor',
  auditor: 'Auditor',
  viewer: 'Viewer',
};

export const roleDescriptions: Record<Role, string> = {
  owner: 'Full control, including members, roles and organization settings.',
  'aims-manager': 'Runs the AIMS: creates, edits, approves and deletes governance records; reads the audit log.',
  contributor: 'Creates and edits governance records and supplies evidence.',
  auditor: 'Reads everything, including the audit log; records audit findings only.',
  viewer: 'Reads governance records.',
};

export const roleColors: Record<Role, string> = {
  owner: 'grape',
  'aims-manager': 'blue',
  contributor: 'teal',
  auditor: 'orange',
  viewer: 'gray',
};

/** Select options for a role picker. */
export const roleOptions = roleOrder.map((role) => ({ value: role, label: roleLabels[role] }));

export function isRole(value: string | null | undefined): value is Role {
  return typeof value === 'string' && (roleOrder as readonly string[]).includes(value);
}

/** Whether the role may manage members, roles and organization settings. */
export function canManageOrganization(role: Role): boolean {
  return role === 'owner';
}

/** Whether the role may read the audit log (owners, AIMS managers, auditors). */
export function canReadAuditLog(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager' || role === 'auditor';
}
