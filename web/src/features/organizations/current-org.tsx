import { createContext, useContext } from 'react';
import type { OrganizationMembership } from '../auth/api.ts';

/** The organization the current page is about, with the signed-in user's role in it. */
export const CurrentOrgContext = createContext<OrganizationMembership | null>(null);

export function useCurrentOrg(): OrganizationMembership {
  const org = useContext(CurrentOrgContext);
  if (!org) throw new Error('useCurrentOrg() used outside an organization route');
  return org;
}
