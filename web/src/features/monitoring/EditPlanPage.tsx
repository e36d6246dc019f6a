import { Alert, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useNavigate, useParams } from 'react-router';
import { RecordUnavailable } from '../../lib/components/RecordUnavailable.tsx';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { flashState } from '../inventory/flash-state.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { monitoringPaths, usePlan, useUpdatePlan } from './api.ts';
import { canWriteMonitoring } from './labels.ts';
import { formFromPlan, planPatchOf, type PlanFormState } from './plan-form.ts';
import { PlanForm } from './PlanForm.tsx';

/** `/orgs/:org/monitoring/plans/:id/edit`: change what a plan measures, its thresholds or its schedule. */
export function EditPlanPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const plan = usePlan(org.slug, id);
  const update = useUpdatePlan(org.slug, plan.data?.id ?? id);
  useDocumentTitle(`Change ${plan.data?.ref ?? 'plan'} · Monitoring · Trellis`);
  const crumbs = [
    { label: 'Monitoring', to: monitoringPaths.home(org.slug) },
    { label: plan.data?.ref ?? id, to: monitoringPaths.plan(org.slug, id) },
    { label: 'Change' },
  ];

  if (!canWriteMonitoring(org.role)) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <Alert color="gray" variant="light" title="You cannot change monitoring plans">
          Contributors, AIMS managers and owners change monitoring plans. Your role lets you read them.
        </Alert>
      </>
    );
  }
  if (plan.isPending || plan.isError) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <RecordUnavailable
          pending={plan.isPending}
          error={plan.error}
          noun="monitoring plan"
          back={{ to: monitoringPaths.home(org.slug), label: 'Back to monitoring' }}
        />
      </>
    );
  }

  const data = plan.data;
  const submit = (form: PlanFormState) =>
    update.mutate(planPatchOf(form, data), {
      onSuccess: (saved) =>
        void navigate(monitoringPaths.plan(org.slug, saved.ref), {
          state: flashState(
            'success',
            `${saved.ref} was saved. Runs already made keep the thresholds they were judged by.`,
            'Changes saved',
          ),
        }),
    });

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Change {data.ref} {data.title}
        </Title>
        <Text c="dimmed" size="sm" maw={760}>
          New thresholds judge the next runs; runs already made keep the thresholds they were judged by. A new frequency moves the next due
          date.
        </Text>
      </Stack>
      <PlanForm
        // A fresh form when the plan is read again (after someone else saved it).
        key={data.version}
        org={org.slug}
        label="Change monitoring plan"
        initial={formFromPlan(data)}
        system={data.system}
        fixedMetric
        error={update.error}
        errorTitle="Could not save the plan"
        pending={update.isPending}
        submitLabel="Save changes"
        cancelTo={monitoringPaths.plan(org.slug, data.ref)}
        onSubmit={submit}
      />
    </>
  );
}
