import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format.ts';
import { formatDay } from '../risks/labels.ts';
import { monitoringPaths, type MonitoringPlan } from './api.ts';
import { frequencyLabels, plural } from './labels.ts';
import { AlertStateBadge, MetricBadge, PlanStateBadge, RunStatusBadge } from './MonitoringBadges.tsx';

export interface PlansTableProps {
  org: string;
  plans: MonitoringPlan[];
  showSystem?: boolean;
  label?: string;
}

/** Monitoring plans with their AI system, metric, thresholds, schedule and the outcome of the last run. */
export function PlansTable({ org, plans, showSystem = true, label = 'Monitoring plans' }: PlansTableProps) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table aria-label={label} highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Plan</Table.Th>
            {showSystem ? <Table.Th>AI system</Table.Th> : null}
            <Table.Th>Metric</Table.Th>
            <Table.Th>Frequency</Table.Th>
            <Table.Th>Last run</Table.Th>
            <Table.Th>Next due</Table.Th>
            <Table.Th>Owner</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plans.map((plan) => {
            const last = plan.lastRun;
            return (
              <Table.Tr key={plan.id} data-plan={plan.ref}>
                <Table.Td>
                  <Stack gap={2}>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Text ff="monospace" size="sm" fw={700} c="teal.8" style={{ whiteSpace: 'nowrap' }}>
                        {plan.ref}
                      </Text>
                      <Anchor component={Link} to={monitoringPaths.plan(org, plan.ref)} size="sm" fw={600}>
                        {plan.title}
                      </Anchor>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {plan.thresholds.length === 0 ? 'No thresholds' : plural(plan.thresholds.length, 'threshold')}
                    </Text>
                  </Stack>
                </Table.Td>
                {showSystem ? (
                  <Table.Td>
                    {plan.system ? (
                      <Anchor component={Link} to={monitoringPaths.system(org, plan.system.id, 'monitoring')} size="sm">
                        {plan.system.ref} · {plan.system.name}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        Deleted AI system
                      </Text>
                    )}
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <MetricBadge metric={plan.metric} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{frequencyLabels[plan.frequency]}</Text>
                </Table.Td>
                <Table.Td>
                  {plan.lastRun ? (
                    <Stack gap={2}>
                      <Group gap={6} wrap="nowrap">
                        {last ? <RunStatusBadge status={last.status} /> : null}
                        {last ? <AlertStateBadge state={last.alertState} size="xs" /> : null}
                      </Group>
                      <Anchor component={Link} to={monitoringPaths.run(org, plan.lastRun.ref || plan.lastRun.id)} size="xs">
                        {plan.lastRun.ref || 'Last run'} · {formatDate(plan.lastRun.at)}
                      </Anchor>
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Never run
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" c={plan.overdue ? 'red.8' : undefined} fw={plan.overdue ? 600 : undefined}>
                      {plan.status === 'paused' ? '—' : formatDay(plan.nextDue)}
                    </Text>
                    <PlanStateBadge plan={plan} size="xs" />
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{plan.owner || '—'}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
