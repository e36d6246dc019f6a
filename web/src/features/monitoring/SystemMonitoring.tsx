import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import type { Role } from '../../lib/roles.ts';
import { AlertsSection } from './AlertsSection.tsx';
import { monitoringPaths, usePlans } from './api.ts';
import { canWriteMonitoring } from './labels.ts';
import { PlansTable } from './PlansTable.tsx';

/** The monitoring of one AI system, for its page: its plans and the alerts its runs raised. */
export function SystemMonitoring({ org, role, systemId }: { org: string; role: Role; systemId: string }) {
  const plans = usePlans(org, { systemId });
  const mayWrite = canWriteMonitoring(role);
  const add = mayWrite ? (
    <Button component={Link} to={monitoringPaths.newPlan(org, systemId)}>
      New monitoring plan
    </Button>
  ) : null;
  return (
    <Stack gap="xl">
      <Stack gap="sm" component="section" aria-labelledby="system-monitoring">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2}>
            <Title order={2} size="h4" id="system-monitoring">
              Monitoring plans
            </Title>
            <Text size="sm" c="dimmed" maw={760}>
              What is measured about this AI system in operation — fairness, performance, data drift — against which thresholds and how
              often (ISO/IEC 42001 9.1, A.6.2.6).
            </Text>
          </Stack>
          {add}
        </Group>
        <Paper withBorder radius="md">
          {plans.isPending ? (
            <LoadingState label="Loading the monitoring plans…" />
          ) : plans.isError ? (
            <Stack p="md">
              <ErrorAlert error={plans.error} title="Could not load the monitoring plans" />
            </Stack>
          ) : plans.data.length === 0 ? (
            <EmptyMessage title="Not monitored yet" description="No monitoring plan has been added for this AI system.">
              {add}
            </EmptyMessage>
          ) : (
            <PlansTable org={org} plans={plans.data} showSystem={false} label="Monitoring plans of this AI system" />
          )}
        </Paper>
      </Stack>
      <AlertsSection org={org} mayWrite={mayWrite} systemId={systemId} showSystem={false} />
    </Stack>
  );
}
