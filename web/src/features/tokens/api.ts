import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ApiTokenCreate, ApiTokenIssuedSchema, ApiTokenView } from '../../../../src/domain/schemas/token.schemas.ts';
import { api, seg } from '../../lib/api.ts';

export type { ApiTokenView };
export type ApiTokenIssued = z.infer<typeof ApiTokenIssuedSchema>;

export const tokensKey = (org: string) => ['org', org, 'tokens'] as const;

export function useTokens(org: string) {
  return useQuery({ queryKey: tokensKey(org), queryFn: () => api.get<ApiTokenView[]>(`/api/orgs/${seg(org)}/tokens`) });
}

export function useCreateToken(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiTokenCreate) => api.post<ApiTokenIssued>(`/api/orgs/${seg(org)}/tokens`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['org', org] }),
  });
}

export function useRevokeToken(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api.delete(`/api/orgs/${seg(org)}/tokens/${seg(tokenId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['org', org] }),
  });
}
