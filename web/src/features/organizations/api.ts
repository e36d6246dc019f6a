import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganizationCreate, OrganizationUpdate, OrganizationView } from '../../../../src/domain/schemas/organization.schemas.ts';
import { api, seg } from '../../lib/api.ts';
import { sessionKey } from '../auth/api.ts';

export type { OrganizationView };

export const organizationKey = (org: string) => ['org', org, 'organization'] as const;

export function useOrganization(org: string) {
  return useQuery({ queryKey: organizationKey(org), queryFn: () => api.get<OrganizationView>(`/api/orgs/${seg(org)}`) });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganizationCreate) => api.post<OrganizationView>('/api/orgs', input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
}

export function useRenameOrganization(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganizationUpdate) => api.patch<OrganizationView>(`/api/orgs/${seg(org)}`, input),
    onSuccess: async (updated) => {
      queryClient.setQueryData(organizationKey(org), updated);
      // The organization switcher shows names from the session.
      await queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
}
