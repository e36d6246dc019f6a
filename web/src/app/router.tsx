import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { AcceptInvitationPage } from '../features/invitations/AcceptInvitationPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { OrgScope } from './OrgScope.tsx';
import { RequireSession } from './RequireSession.tsx';
import { RootRedirect } from './RootRedirect.tsx';

/**
 * A page loaded on first visit: each area of the app is its own chunk, so the first load stays small.
 * The module must export the page component under `name`.
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return async () => ({ Component: (await load())[name] as ComponentType });
}

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    { path: '/invite/:token', element: <AcceptInvitationPage /> },
    {
      element: <RequireSession />,
      children: [
        { path: '/', element: <RootRedirect /> },
        { path: '/get-started', lazy: page(() => import('../features/organizations/GetStartedPage.tsx'), 'GetStartedPage') },
        {
          element: <AppLayout />,
          children: [
            { path: '/account', lazy: page(() => import('../features/auth/AccountPage.tsx'), 'AccountPage') },
            {
              path: '/orgs/:org',
              element: <OrgScope />,
              children: [
                { index: true, lazy: page(() => import('../features/organizations/OverviewPage.tsx'), 'OverviewPage') },
                { path: 'catalog', lazy: page(() => import('../features/catalog/CatalogHomePage.tsx'), 'CatalogHomePage') },
                // A static segment outranks :framework, so "coverage" is never read as a framework id.
                { path: 'catalog/coverage', lazy: page(() => import('../features/catalog/CoveragePage.tsx'), 'CoveragePage') },
                { path: 'catalog/:framework', lazy: page(() => import('../features/catalog/FrameworkPage.tsx'), 'FrameworkPage') },
                { path: 'catalog/:framework/items/:item', lazy: page(() => import('../features/catalog/ItemPage.tsx'), 'ItemPage') },
                { path: 'inventory', lazy: page(() => import('../features/inventory/InventoryPage.tsx'), 'InventoryPage') },
                { path: 'inventory/systems/:id', lazy: page(() => import('../features/inventory/SystemPage.tsx'), 'SystemPage') },
                {
                  path: 'inventory/systems/:id/classify',
                  lazy: page(() => import('../features/inventory/ClassifyPage.tsx'), 'ClassifyPage'),
                },
                { path: 'inventory/suppliers', lazy: page(() => import('../features/inventory/SupplierPages.tsx'), 'SuppliersPage') },
                { path: 'inventory/suppliers/:id', lazy: page(() => import('../features/inventory/SupplierPages.tsx'), 'SupplierPage') },
                { path: 'inventory/datasets', lazy: page(() => import('../features/inventory/DatasetPages.tsx'), 'DatasetsPage') },
                { path: 'inventory/datasets/:id', lazy: page(() => import('../features/inventory/DatasetPages.tsx'), 'DatasetPage') },
                { path: 'inventory/models', lazy: page(() => import('../features/inventory/ModelPages.tsx'), 'ModelsPage') },
                { path: 'inventory/models/:id', lazy: page(() => import('../features/inventory/ModelPages.tsx'), 'ModelPage') },
                { path: 'risks', lazy: page(() => import('../features/risks/RisksPage.tsx'), 'RisksPage') },
                // Static segments outrank :id, so "criteria" and "assessments" are never read as risk refs.
                { path: 'risks/criteria', lazy: page(() => import('../features/risks/CriteriaPage.tsx'), 'CriteriaPage') },
                { path: 'risks/assessments', lazy: page(() => import('../features/risks/AssessmentsPage.tsx'), 'AssessmentsPage') },
                { path: 'risks/assessments/:id', lazy: page(() => import('../features/risks/AssessmentPage.tsx'), 'AssessmentPage') },
                { path: 'risks/:id', lazy: page(() => import('../features/risks/RiskPage.tsx'), 'RiskPage') },
                {
                  path: 'impact-assessments',
                  lazy: page(() => import('../features/impact/ImpactAssessmentsPage.tsx'), 'ImpactAssessmentsPage'),
                },
                // A static segment outranks :id, so "templates" is never read as an assessment ref.
                {
                  path: 'impact-assessments/templates',
                  lazy: page(() => import('../features/impact/TemplatesPage.tsx'), 'ImpactTemplatesPage'),
                },
                {
                  path: 'impact-assessments/:id',
                  lazy: page(() => import('../features/impact/ImpactAssessmentPage.tsx'), 'ImpactAssessmentPage'),
                },
                { path: 'controls', lazy: page(() => import('../features/controls/ControlsPage.tsx'), 'ControlsPage') },
                // Static segments outrank :framework, so "versions" is never read as a framework id.
                { path: 'controls/versions', lazy: page(() => import('../features/controls/SoaVersionsPage.tsx'), 'SoaVersionsPage') },
                { path: 'controls/coverage', lazy: page(() => import('../features/controls/CoverageView.tsx'), 'CoverageView') },
                {
                  path: 'controls/versions/:number',
                  lazy: page(() => import('../features/controls/SoaVersionPage.tsx'), 'SoaVersionPage'),
                },
                {
                  path: 'controls/:framework/:control',
                  lazy: page(() => import('../features/controls/ControlPage.tsx'), 'ControlPage'),
                },
                { path: 'evidence', lazy: page(() => import('../features/evidence/EvidencePage.tsx'), 'EvidencePage') },
                // A static segment outranks :id, so "new" is never read as an evidence ref.
                { path: 'evidence/new', lazy: page(() => import('../features/evidence/NewEvidencePage.tsx'), 'NewEvidencePage') },
                { path: 'evidence/:id', lazy: page(() => import('../features/evidence/EvidenceDetailPage.tsx'), 'EvidenceDetailPage') },
                { path: 'monitoring', lazy: page(() => import('../features/monitoring/MonitoringPage.tsx'), 'MonitoringPage') },
                // A static segment outranks :id, so "new" is never read as a plan ref.
                {
                  path: 'monitoring/plans/new',
                  lazy: page(() => import('../features/monitoring/NewPlanPage.tsx'), 'NewPlanPage'),
                },
                {
                  path: 'monitoring/plans/:id',
                  lazy: page(() => import('../features/monitoring/PlanDetailPage.tsx'), 'PlanDetailPage'),
                },
                {
                  path: 'monitoring/plans/:id/edit',
                  lazy: page(() => import('../features/monitoring/EditPlanPage.tsx'), 'EditPlanPage'),
                },
                {
                  path: 'monitoring/runs/:id',
                  lazy: page(() => import('../features/monitoring/RunDetailPage.tsx'), 'RunDetailPage'),
                },
                { path: 'objectives', lazy: page(() => import('../features/objectives/ObjectivesPage.tsx'), 'ObjectivesPage') },
                // A static segment outranks :id, so "new" is never read as an objective ref.
                {
                  path: 'objectives/new',
                  lazy: page(() => import('../features/objectives/NewObjectivePage.tsx'), 'NewObjectivePage'),
                },
                {
                  path: 'objectives/:id',
                  lazy: page(() => import('../features/objectives/ObjectiveDetailPage.tsx'), 'ObjectiveDetailPage'),
                },
                {
                  path: 'objectives/:id/edit',
                  lazy: page(() => import('../features/objectives/EditObjectivePage.tsx'), 'EditObjectivePage'),
                },
                { path: 'readiness', lazy: page(() => import('../features/readiness/ReadinessPage.tsx'), 'ReadinessPage') },
                { path: 'members', lazy: page(() => import('../features/members/MembersPage.tsx'), 'MembersPage') },
                { path: 'tokens', lazy: page(() => import('../features/tokens/TokensPage.tsx'), 'TokensPage') },
                { path: 'audit-log', lazy: page(() => import('../features/audit-log/AuditLogPage.tsx'), 'AuditLogPage') },
                {
                  path: 'settings',
                  lazy: page(() => import('../features/organizations/OrganizationSettingsPage.tsx'), 'OrganizationSettingsPage'),
                },
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
