import { createBrowserRouter } from 'react-router';
import { AccountPage } from '../features/auth/AccountPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { AuditLogPage } from '../features/audit-log/AuditLogPage.tsx';
import { CatalogHomePage } from '../features/catalog/CatalogHomePage.tsx';
import { CoveragePage } from '../features/catalog/CoveragePage.tsx';
import { FrameworkPage } from '../features/catalog/FrameworkPage.tsx';
import { ItemPage } from '../features/catalog/ItemPage.tsx';
import { AcceptInvitationPage } from '../features/invitations/AcceptInvitationPage.tsx';
import { MembersPage } from '../features/members/MembersPage.tsx';
import { GetStartedPage } from '../features/organizations/GetStartedPage.tsx';
import { OrganizationSettingsPage } from '../features/organizations/OrganizationSettingsPage.tsx';
import { OverviewPage } from '../features/organizations/OverviewPage.tsx';
import { TokensPage } from '../features/tokens/TokensPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { OrgScope } from './OrgScope.tsx';
import { RequireSession } from './RequireSession.tsx';
import { RootRedirect } from './RootRedirect.tsx';

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    { path: '/invite/:token', element: <AcceptInvitationPage /> },
    {
      element: <RequireSession />,
      children: [
        { path: '/', element: <RootRedirect /> },
        { path: '/get-started', element: <GetStartedPage /> },
        {
          element: <AppLayout />,
          children: [
            { path: '/account', element: <AccountPage /> },
            {
              path: '/orgs/:org',
              element: <OrgScope />,
              children: [
                { index: true, element: <OverviewPage /> },
                { path: 'catalog', element: <CatalogHomePage /> },
                // A static segment outranks :framework, so "coverage" is never read as a framework id.
                { path: 'catalog/coverage', element: <CoveragePage /> },
                { path: 'catalog/:framework', element: <FrameworkPage /> },
                { path: 'catalog/:framework/items/:item', element: <ItemPage /> },
                { path: 'members', element: <MembersPage /> },
                { path: 'tokens', element: <TokensPage /> },
                { path: 'audit-log', element: <AuditLogPage /> },
                { path: 'settings', element: <OrganizationSettingsPage /> },
                { path: '*', element: <NotFoundPage /> },
              ],
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
