import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { InvitationIssuedSchema, MemberInvite, MemberRoleChange, MemberView } from '../../../../src/domain/schemas/member.schemas.ts';
import { api, seg } from '../../lib/api.ts';
import { sessionKey } from '../auth/api.ts';

export type { MemberView };
export type InvitationIssued = z.infer<typeof InvitationIssuedSchema>;

export const membersKey = (org: string) => ['org', org, 'members'] as const;

export function useMembers(org: string) {
  return useQuery({ queryKey: membersKey(org), queryFn: () => api.get<MemberView[]>(`/api/orgs/${seg(org)}/members`) });
}

function useInvalidateMembers(org: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: membersKey(org) }),
      queryClient.invalidateQueries({ queryKey: ['org', org, 'audit-log'] }),
    ]);
}

export function useInviteMember(org: string) {
  const invalidate = useInvalidateMembers(org);
  return useMutation({
    mutationFn: (input: MemberInvite) => api.post<InvitationIssued>(`/api/orgs/${seg(org)}/members`, input),
    onSuccess: invalidate,
  });
}

export function useChangeMemberRole(org: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateMembers(org);
  return useMutation({
    mutationFn: ({ memberId, ...input }: MemberRoleChange & { memberId: string }) =>
      api.patch<MemberView>(`/api/orgs/${seg(org)}/members/${seg(memberId)}`, input),
    onSuccess: (updated) => {
      queryClient.setQueryData<MemberView[]>(membersKey(org), (list) => list?.map((m) => (m.id === updated.id ? updated : m)));
      // Your own role may have changed: the session carries it.
      return Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: sessionKey })]);
    },
  });
}

export function useRemoveMember(org: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateMembers(org);
  return useMutation({
    mutationFn: (memberId: string) => api.delete(`/api/orgs/${seg(org)}/members/${seg(memberId)}`),
    onSuccess: () => Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: sessionKey })]),
  });
}

export function useReissueInvitation(org: string) {
  const invalidate = useInvalidateMembers(org);
  return useMutation({
    mutationFn: (memberId: string) => api.post<InvitationIssued>(`/api/orgs/${seg(org)}/members/${seg(memberId)}/invitation`, {}),
    onSuccess: invalidate,
  });
}
