import { Alert, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { roleLabels } from '../../lib/roles.ts';
import { useFlashFromNavigation } from '../inventory/flash-state.ts';
import { withArticle } from '../inventory/labels.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { AlertsSection } from './AlertsSection.tsx';
import { monitoringPaths, useAlerts, usePlans, type MonitoringPlan } from './api.ts';
import { canWriteMonitoring, plural } from './labels.ts';
import { PlansTable } from './PlansTable.tsx';
import { Stat } from './Stat.tsx';

type PlanFilter = 'all' | 'overdue' | 'breached' | 'paused';

function filterPlans(plans: MonitoringPlan[], filter: PlanFilter, breachedPlanIds: Set<string>): MonitoringPlan[] {
  switch (filter) {
    case 'all':
      return plans;
    case 'overdue':
      return plans.filter((p) => p.overdue);
    case 'breached':
      return plans.filter((p) => breachedPlanIds.has(p.id));
    case 'paused':
      return plans.filter((p) => p.status === 'paused');
  }
}

/** `/orgs/:org/monitoring`: every monitoring plan of the organization, what is due, and the open alerts. */
export function MonitoringPage() {
  const org = useCurrentOrg();
  const plans = usePlans(org.slug);
  const openAlerts = useAlerts(org.slug, { state: 'open' });
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const [filter, setFilter] = useState<PlanFilter>('all');
  const mayWrite = canWriteMonitoring(org.role);
  const all = plans.data ?? [];
  const breachedPlanIds = new Set((openAlerts.data ?? []).flatMap((r) => (r.plan ? [r.plan.id] : [])));
  const shown = filterPlans(all, filter, breachedPlanIds);
  const overdue = all.filter((p) => p.overdue).length;
  const newPlan = mayWrite ? (
    <Button component={Link} to={monitoringPaths.newPlan(org.slug)}>
      New monitoring plan
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Monitoring"
        description="Monitoring, measurement and evaluation of your AI systems in operation (ISO/IEC 42001 9.1, Annex A.6.2.6): what is measured about each AI system, against which thresholds and how often. Every run is kept as evidence; a run that breaches a threshold opens an alert."
        actions={newPlan}
      />
      <FlashMessage flash={flash} onClose={clear} />
      {!mayWrite ? (
        <Alert variant="light" color="gray" mb="md">
          As {withArticle(roleLabels[org.role])} you can read every plan, run and alert. Contributors, AIMS managers and owners add plans,
          run them and answer alerts.
        </Alert>
      ) : null}
      <Stack gap="xl">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Stat
            label="Monitoring plans"
            value={plans.data ? String(all.length) : '…'}
            hint={plans.data ? `${all.filter((p) => p.status === 'active').length} active` : undefined}
          />
          <Stat label="Overdue" value={plans.data ? String(overdue) : '…'} hint="Active plans whose next run is past due" />
          <Stat label="Open alerts" value={openAlerts.data ? String(openAlerts.data.length) : '…'} hint="Breached runs not yet answered" />
        </SimpleGrid>

        <AlertsSection org={org.slug} mayWrite={mayWrite} />

        <Stack gap="sm" component="section" aria-labelledby="monitoring-plans">
          <Group justify="space-between" align="flex-end" gap="sm">
            <Stack gap={2}>
              <Title order={2} size="h4" id="monitoring-plans">
                Monitoring plans
              </Title>
              <Text size="sm" c="dimmed" maw={760}>
                Each plan says what is measured about one AI system, the thresholds it must hold and how often it is run.
              </Text>
            </Stack>
            <SegmentedControl
              aria-label="Plans to show"
              value={filter}
              onChange={(v) => setFilter(v as PlanFilter)}
              data={[
                { value: 'all', label: `All (${all.length})` },
                { value: 'overdue', label: `Overdue (${overdue})` },
                { value: 'breached', label: `With open alerts (${all.filter((p) => breachedPlanIds.has(p.id)).length})` },
                { value: 'paused', label: `Paused (${all.filter((p) => p.status === 'paused').length})` },
              ]}
            />
          </Group>
          <Paper withBorder radius="md" aria-busy={plans.isFetching}>
            {plans.isPending ? (
              <LoadingState label="Loading the monitoring plans…" />
            ) : plans.isError ? (
              <Stack p="md">
                <ErrorAlert error={plans.error} title="Could not load the monitoring plans" />
              </Stack>
            ) : all.length === 0 ? (
              <EmptyMessage
                title="No monitoring plans yet"
                description={
                  mayWrite
                    ? 'Plan what to measure about each AI system in operation — fairness across groups, model performance, data drift — and the thresholds it must hold.'
                    : 'Nobody has planned any monitoring yet. Contributors, AIMS managers and owners can.'
                }
              >
                {newPlan}
              </EmptyMessage>
            ) : shown.length === 0 ? (
              <EmptyMessage title="No plan matches" description={`None of the ${plural(all.length, 'plan')} is in this view.`}>
                <Button variant="light" onClick={() => setFilter('all')}>
                  Show all plans
                </Button>
              </EmptyMessage>
            ) : (
              <PlansTable org={org.slug} plans={shown} />
            )}
          </Paper>
        </Stack>
      </Stack>
    </>
  );
}
