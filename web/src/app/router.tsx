import { createBrowserRouter } from 'react-router';
import { AccountPage } from '../features/auth/AccountPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { AuditLogPage } from '../features/audit-log/AuditLogPage.tsx';
import { CatalogHomePage } from '../features/catalog/CatalogHomePage.tsx';
import { CoveragePage } from '../features/catalog/CoveragePage.tsx';
import { FrameworkPage } from '../features/catalog/FrameworkPage.tsx';
import { ItemPage } from '../features/catalog/ItemPage.tsx';
import { AcceptInvitationPage } from '../features/invitations/AcceptInvitationPage.tsx';
import { ClassifyPage } from '../features/inventory/ClassifyPage.tsx';
import { DatasetPage, DatasetsPage } from '../features/inventory/DatasetPages.tsx';
import { InventoryPage } from '../features/inventory/InventoryPage.tsx';
import { ModelPage, ModelsPage } from '../features/inventory/ModelPages.tsx';
import { SupplierPage, SuppliersPage } from '../features/inventory/SupplierPages.tsx';
import { SystemPage } from '../features/inventory/SystemPage.tsx';
import { MembersPage } from '../features/members/MembersPage.tsx';
import { GetStartedPage } from '../features/organizations/GetStartedPage.tsx';
import { OrganizationSettingsPage } from '../features/organizations/OrganizationSettingsPage.tsx';
import { OverviewPage } from '../features/organizations/OverviewPage.tsx';
import { AssessmentPage } from '../features/risks/AssessmentPage.tsx';
import { AssessmentsPage } from '../features/risks/AssessmentsPage.tsx';
import { CriteriaPage } from '../features/risks/CriteriaPage.tsx';
import { RiskPage } from '../features/risks/RiskPage.tsx';
import { RisksPage } from '../features/risks/RisksPage.tsx';
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
                { path: 'inventory', element: <InventoryPage /> },
                { path: 'inventory/systems/:id', element: <SystemPage /> },
                { path: 'inventory/systems/:id/classify', element: <ClassifyPage /> },
                { path: 'inventory/suppliers', element: <SuppliersPage /> },
                { path: 'inventory/suppliers/:id', element: <SupplierPage /> },
                { path: 'inventory/datasets', element: <DatasetsPage /> },
                { path: 'inventory/datasets/:id', element: <DatasetPage /> },
                { path: 'inventory/models', element: <ModelsPage /> },
                { path: 'inventory/models/:id', element: <ModelPage /> },
                { path: 'risks', element: <RisksPage /> },
                // Static segments outrank :id, so "criteria" and "assessments" are never read as risk refs.
                { path: 'risks/criteria', element: <CriteriaPage /> },
                { path: 'risks/assessments', element: <AssessmentsPage /> },
                { path: 'risks/assessments/:id', element: <AssessmentPage /> },
                { path: 'risks/:id', element: <RiskPage /> },
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
