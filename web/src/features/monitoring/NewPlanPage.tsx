import { Alert, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { useSystemById } from '../impact/api.ts';
import type { SystemChoice } from '../impact/SystemSelect.tsx';
import { flashState } from '../inventory/flash-state.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { monitoringPaths, useCreatePlan } from './api.ts';
import { canWriteMonitoring } from './labels.ts';
import { emptyPlanForm, planInputOf, type PlanFormState } from './plan-form.ts';
import { PlanForm } from './PlanForm.tsx';

/** `/orgs/:org/monitoring/plans/new`: plan what to measure about an AI system, against which thresholds and how often. */
export function NewPlanPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  useDocumentTitle('New monitoring plan · Monitoring · Trellis');
  const create = useCreatePlan(org.slug);
  const [system, setSystem] = useState<SystemChoice | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const preset = useSystemById(org.slug, params.get('system'));
  useEffect(() => {
    if (preset.data) setSystem((current) => current ?? { id: preset.data.id, ref: preset.data.ref, name: preset.data.name });
  }, [preset.data]);
  const back = system && params.get('system') ? monitoringPaths.system(org.slug, system.id, 'monitoring') : monitoringPaths.home(org.slug);
  const crumbs = [{ label: 'Monitoring', to: monitoringPaths.home(org.slug) }, { label: 'New monitoring plan' }];

  if (!canWriteMonitoring(org.role)) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <Alert color="gray" variant="light" title="You cannot add monitoring plans">
          Contributors, AIMS managers and owners add monitoring plans. Your role lets you read them.
        </Alert>
      </>
    );
  }

  const submit = (form: PlanFormState) => {
    if (!system) {
      setLocalError('Choose the AI system to monitor.');
      return;
    }
    setLocalError(null);
    create.mutate(planInputOf(form, system.id), {
      onSuccess: (plan) =>
        void navigate(monitoringPaths.plan(org.slug, plan.ref), {
          state: flashState(
            'success',
            `${plan.ref} “${plan.title}” was added. Its first run is due today: upload data below.`,
            'Plan added',
          ),
        }),
    });
  };

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          New monitoring plan
        </Title>
        <Text c="dimmed" size="sm" maw={760}>
          Decide what is measured about an AI system in operation, the thresholds it must hold and how often it is checked (ISO/IEC 42001
          9.1 a–d). Each run is kept as evidence for A.6.2.6.
        </Text>
      </Stack>
      <PlanForm
        org={org.slug}
        label="New monitoring plan"
        initial={emptyPlanForm()}
        system={system}
        onSystem={(s) => {
          setSystem(s);
          setLocalError(null);
        }}
        systemError={localError}
        error={create.error}
        errorTitle="Could not add the plan"
        pending={create.isPending}
        submitLabel="Add plan"
        cancelTo={back}
        onSubmit={submit}
      />
    </>
  );
}
