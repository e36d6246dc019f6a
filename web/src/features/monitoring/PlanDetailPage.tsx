import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmModal } from '../../lib/components/ConfirmModal.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { RecordUnavailable } from '../../lib/components/RecordUnavailable.tsx';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { flashState, useFlashFromNavigation } from '../inventory/flash-state.ts';
import { PlanObjectivesSection } from '../objectives/PlanObjectivesSection.tsx';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { formatDay } from '../risks/labels.ts';
import { monitoringPaths, useDeletePlan, usePlan, useUpdatePlan } from './api.ts';
import { canDeleteMonitoring, canWriteMonitoring } from './labels.ts';
import { MetricBadge, PlanStateBadge } from './MonitoringBadges.tsx';
import { MonitoringHistory } from './MonitoringHistory.tsx';
import { NewRunSection } from './NewRunSection.tsx';
import { PlanSummary } from './PlanSummary.tsx';
import { RunsSection } from './RunsSection.tsx';
import { TrendSection } from './TrendSection.tsx';

/** `/orgs/:org/monitoring/plans/:id`: one monitoring plan — what it measures, a new run, the trends and every run so far. */
export function PlanDetailPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const plan = usePlan(org.slug, id);
  const update = useUpdatePlan(org.slug, plan.data?.id ?? id);
  const remove = useDeletePlan(org.slug);
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const mayWrite = canWriteMonitoring(org.role);
  const mayDelete = canDeleteMonitoring(org.role);
  useDocumentTitle(`${plan.data ? `${plan.data.ref} ${plan.data.title}` : 'Monitoring plan'} · Monitoring · Trellis`);
  const crumbs = [{ label: 'Monitoring', to: monitoringPaths.home(org.slug) }, { label: plan.data?.ref ?? id }];

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
  const paused = data.status === 'paused';
  const togglePause = () =>
    update.mutate(
      { status: paused ? 'active' : 'paused', version: data.version },
      {
        onSuccess: (saved) =>
          show(
            'success',
            saved.status === 'paused' ? `${saved.ref} is paused: it is never overdue until resumed.` : `${saved.ref} is active again.`,
            saved.status === 'paused' ? 'Plan paused' : 'Plan resumed',
          ),
      },
    );
  const onDelete = () =>
    remove.mutate(data.id, {
      onSuccess: () => {
        setConfirmDelete(false);
        void navigate(monitoringPaths.home(org.slug), {
          state: flashState('success', `${data.ref} “${data.title}” was deleted. Its runs and their evidence stay.`, 'Plan deleted'),
        });
      },
    });

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <Group justify="space-between" align="flex-start" gap="md" mb="lg">
        <Stack gap={6}>
          <Group gap="sm">
            <Text ff="monospace" fw={700} size="lg" c="teal.8" data-testid="plan-ref">
              {data.ref}
            </Text>
            <MetricBadge metric={data.metric} size="md" />
            <PlanStateBadge plan={data} size="md" />
          </Group>
          <Title order={1} size="h2">
            {data.title}
          </Title>
          <Text size="sm" c="dimmed">
            Monitoring plan for{' '}
            {data.system ? (
              <Anchor component={Link} to={monitoringPaths.system(org.slug, data.system.id, 'monitoring')} size="sm">
                {data.system.ref} · {data.system.name}
              </Anchor>
            ) : (
              'a deleted AI system'
            )}
          </Text>
        </Stack>
        <Group gap="sm" wrap="nowrap">
          {mayWrite ? (
            <Button variant="default" component={Link} to={monitoringPaths.editPlan(org.slug, data.ref)}>
              Change plan
            </Button>
          ) : null}
          {mayWrite ? (
            <Button variant="default" onClick={togglePause} loading={update.isPending}>
              {paused ? 'Resume plan' : 'Pause plan'}
            </Button>
          ) : null}
          {mayDelete ? (
            <Button
              variant="subtle"
              color="red"
              onClick={() => {
                remove.reset();
                setConfirmDelete(true);
              }}
            >
              Delete
            </Button>
          ) : null}
        </Group>
      </Group>
      <FlashMessage flash={flash} onClose={clear} />
      {update.error ? <ErrorAlert error={update.error} title="Could not change the plan" onClose={() => update.reset()} /> : null}
      <Stack gap="xl">
        {data.overdue ? (
          <Alert color="red" variant="light" title="This plan is overdue">
            Its next run was due on {formatDay(data.nextDue)}. {mayWrite ? 'Run it below with current data.' : ''}
          </Alert>
        ) : null}
        <PlanSummary org={org.slug} plan={data} />
        {mayWrite ? <NewRunSection org={org.slug} plan={data} /> : null}
        <TrendSection org={org.slug} plan={data} />
        <PlanObjectivesSection org={org.slug} plan={data} mayWrite={mayWrite} />
        <RunsSection
          org={org.slug}
          params={{ planId: data.id }}
          description="Every run of this plan, newest first. Each is kept as an evidence item with the data’s SHA-256."
          emptyDescription={mayWrite ? 'Upload data above for the first run.' : 'The plan has not been run yet.'}
        />
        <MonitoringHistory org={org.slug} kind="plans" id={data.id} />
      </Stack>
      <ConfirmModal
        opened={confirmDelete}
        title="Delete monitoring plan"
        confirmLabel="Delete plan"
        onConfirm={onDelete}
        onCancel={() => setConfirmDelete(false)}
        loading={remove.isPending}
        error={remove.error}
      >
        <Stack gap="xs">
          <Text size="sm">
            Delete {data.ref} “{data.title}”? Its runs stay, with their evidence and alerts, as a record of what was measured.
          </Text>
          <Text size="xs" c="dimmed">
            The deletion is recorded in the audit log.
          </Text>
        </Stack>
      </ConfirmModal>
    </>
  );
}
