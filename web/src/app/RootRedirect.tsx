import { Navigate } from 'react-router';
import { useSession } from '../features/auth/api.ts';
import { lastOrg } from './last-org.ts';

/** `/`: the organization used last, else the first one, else the page that creates one. */
export function RootRedirect() {
  const session = useSession();
  const orgs = session.data?.organizations ?? [];
  const remembered = lastOrg();
  const target = orgs.find((o) => o.slug === remembered) ?? orgs[0];
  return <Navigate to={target ? `/orgs/${target.slug}` : '/get-started'} replace />;
}
