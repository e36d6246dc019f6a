import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Login, PasswordChange, SessionView } from '../../../../src/domain/schemas/auth.schemas.ts';
import { api, isApiError, setCsrfToken } from '../../lib/api.ts';

export type { SessionView };
export type OrganizationMembership = SessionView['organizations'][number];

export const sessionKey = ['session'] as const;

/** The signed-in user, or null when nobody is signed in. */
export async function fetchSession(): Promise<SessionView | null> {
  try {
    const session = await api.get<SessionView>('/api/auth/session', { redirectOn401: false });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

/** Makes `session` the current one and drops everything cached for the previous user. */
export function storeSession(queryClient: QueryClient, session: SessionView | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  // Everything under ['org', …] belongs to the previous user.
  queryClient.removeQueries({ queryKey: ['org'] });
  queryClient.setQueryData(sessionKey, session);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Login) => api.post<SessionView>('/api/auth/login', input, { redirectOn401: false }),
    onSuccess: (session) => storeSession(queryClient, session),
  });
}

/** Signs out and goes to the login page (even when the server could not be reached: the UI forgets the session). */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout', {}, { redirectOn401: false }),
    // Callbacks given to useMutation run even when the calling component has unmounted meanwhile.
    onSettled: async () => {
      // Leave the signed-in pages first (they would send us to /login?next=…), then forget the session.
      await navigate('/login', { replace: true, state: { signedOut: true } });
      storeSession(queryClient, null);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    // A wrong current password answers 401; that is not an expired session.
    mutationFn: (input: PasswordChange) => api.post<void>('/api/auth/password', input, { redirectOn401: false }),
  });
}
