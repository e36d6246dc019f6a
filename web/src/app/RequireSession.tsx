import { Button, Center, Stack } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorAlert } from '../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../lib/components/LoadingState.tsx';
import { loginPath } from '../lib/navigation.ts';
import { useSession } from '../features/auth/api.ts';

/** Renders its routes only for a signed-in user; everyone else goes to the login page. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <LoadingState label="Loading Trellis…" minHeight={400} />;
  if (session.isError) {
    return (
      <Center mih="60vh" p="md">
        <Stack maw={480}>
          <ErrorAlert error={session.error} title="Trellis is not reachable" />
          <Button variant="default" onClick={() => void session.refetch()}>
            Try again
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!session.data) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  return <Outlet />;
}
