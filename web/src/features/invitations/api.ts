import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SessionView } from '../../../../src/domain/schemas/auth.schemas.ts';
import type { InvitationAccept, InvitationViewSchema } from '../../../../src/domain/schemas/member.schemas.ts';
import { api, seg } from '../../lib/api.ts';
import { storeSession } from '../auth/api.ts';

export type InvitationView = z.infer<typeof InvitationViewSchema>;

export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<InvitationView>(`/api/invitations/${seg(token)}`, { redirectOn401: false }),
    retry: false,
  });
}

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // An existing account with a wrong password answers 401: show it, do not redirect.
    mutationFn: (input: InvitationAccept) =>
      api.post<SessionView>(`/api/invitations/${seg(token)}/accept`, input, { redirectOn401: false }),
    onSuccess: (session) => storeSession(queryClient, session),
  });
}
