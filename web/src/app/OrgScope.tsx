import { useEffect } from 'react';
import { Outlet, useParams } from 'react-router';
import { useSession } from '../features/auth/api.ts';
import { CurrentOrgContext } from '../features/organizations/current-org.tsx';
import { rememberOrg } from './last-org.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** `/orgs/:org/*`: resolves the organization from the session and provides it to the pages below. */
export function OrgScope() {
  const { org: param = '' } = useParams();
  const session = useSession();
  const membership = session.data?.organizations.find((o) => o.slug === param || o.id === param) ?? null;
  useEffect(() => {
    if (membership) rememberOrg(membership.slug);
  }, [membership]);
  if (!membership) {
    return <NotFoundPage message="This organization does not exist, or you are not a member of it." />;
  }
  return (
    <CurrentOrgContext.Provider value={membership}>
      <Outlet />
    </CurrentOrgContext.Provider>
  );
}
