/** The audit actions Trellis records so far, for filter suggestions and colouring. */
export const knownActions = [
  'organization.created',
  'organization.updated',
  'member.added',
  'member.invited',
  'member.invitation-reissued',
  'member.joined',
  'member.role-changed',
  'member.removed',
  'token.created',
  'token.revoked',
  'auth.signed-in',
  'auth.signed-out',
  'auth.sign-in-failed',
  'user.password-changed',
] as const;

export const actionGroups = [
  { value: 'organization.', label: 'Organization' },
  { value: 'member.', label: 'Members' },
  { value: 'token.', label: 'API tokens' },
  { value: 'auth.', label: 'Sign-in and sign-out' },
  { value: 'user.', label: 'User accounts' },
] as const;

export const knownEntityTypes = ['organization', 'membership', 'api-token', 'user'] as const;

const groupColors: Record<string, string> = {
  organization: 'violet',
  member: 'blue',
  token: 'cyan',
  auth: 'gray',
  user: 'orange',
};

export function actionColor(action: string): string {
  const group = action.split('.')[0] ?? '';
  if (action.endsWith('failed') || action.endsWith('removed') || action.endsWith('revoked')) return 'red';
  return groupColors[group] ?? 'gray';
}
