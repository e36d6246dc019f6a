import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useNavigate, useSearchParams } from 'react-router';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { flashState } from '../inventory/flash-state.ts';
import { monitoringPaths, usePlan, type MonitoringPlan } from '../monitoring/api.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { objectivePaths, useCreateObjective } from './api.ts';
import { canWriteObjectives } from './labels.ts';
import { emptyObjectiveForm, objectiveInputOf } from './objective-form.ts';
import { ObjectiveForm } from './ObjectiveForm.tsx';

function NewObjectiveForm({ org, preset }: { org: string; preset: MonitoringPlan | null }) {
  const navigate = useNavigate();
  const create = useCreateObjective(org);
  const initial = emptyObjectiveForm(preset?.id ?? null);
  // From a plan's page: its first threshold is the likely target.
  const first = preset?.thresholds[0];
  return (
    <ObjectiveForm
      org={org}
      label="New AI objective"
      initial={first ? { ...initial, key: first.key, op: first.op, value: first.value } : initial}
      error={create.error}
      errorTitle="Could not add the objective"
      pending={create.isPending}
      submitLabel="Add objective"
      cancelTo={preset ? monitoringPaths.plan(org, preset.ref) : objectivePaths.list(org)}
      onSubmit={(form) =>
        create.mutate(objectiveInputOf(form), {
          onSuccess: (saved) =>
            void navigate(objectivePaths.objective(org, saved.ref), {
              state: flashState('success', `${saved.ref} “${saved.title}” was added.`, 'Objective added'),
            }),
        })
      }
    />
  );
}

/** The form measured by the plan the address names (`?plan=MON-0001`, from a plan's page), once it is read. */
function PresetPlanForm({ org, planRef }: { org: string; planRef: string }) {
  const plan = usePlan(org, planRef);
  if (plan.isPending) {
    return (
      <Paper withBorder radius="md">
        <LoadingState label="Loading the monitoring plan…" />
      </Paper>
    );
  }
  return <NewObjectiveForm org={org} preset={plan.data ?? null} />;
}

/** `/orgs/:org/objectives/new`: set an AI objective, optionally measured by a monitoring plan. */
export function NewObjectivePage() {
  const org = useCurrentOrg();
  const [params] = useSearchParams();
  const planRef = params.get('plan');
  useDocumentTitle('New AI objective · AI objectives · Trellis');
  const crumbs = [{ label: 'AI objectives', to: objectivePaths.list(org.slug) }, { label: 'New objective' }];

  if (!canWriteObjectives(org.role)) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <Alert color="gray" variant="light" title="You cannot add AI objectives">
          Contributors, AIMS managers and owners add AI objectives. Your role lets you read them.
        </Alert>
      </>
    );
  }

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          New AI objective
        </Title>
        <Text c="dimmed" size="sm" maw={760}>
          Say what the organization means to achieve with its AI, who is responsible, by when, and how you will know it was reached (ISO/IEC
          42001 6.2). A monitoring plan can measure it against a target.
        </Text>
      </Stack>
      {planRef ? <PresetPlanForm org={org.slug} planRef={planRef} /> : <NewObjectiveForm org={org.slug} preset={null} />}
    </>
  );
}
