import { Anchor, Badge, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { AlertActions, FailedThresholds } from './AlertActions.tsx';
import { monitoringPaths, useAlerts, type AlertListState, type MonitoringRunSummary } from './api.ts';
import { MetricBadge } from './MonitoringBadges.tsx';

const stateOptions: { value: AlertListState; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'risk-raised', label: 'Risk raised' },
];

const emptyText: Record<AlertListState, { title: string; description: string }> = {
  open: { title: 'No open alerts', description: 'Every breached run has been acknowledged or raised as a risk.' },
  acknowledged: { title: 'No acknowledged alerts', description: 'Alerts closed with a note appear here.' },
  'risk-raised': { title: 'No risks raised from monitoring', description: 'Alerts raised as a risk appear here, with a link to the risk.' },
};

function Outcome({ org, run }: { org: string; run: MonitoringRunSummary }) {
  const { alert } = run;
  if (alert.state === 'risk-raised' && alert.risk) {
    return (
      <Stack gap={2}>
        <Anchor component={Link} to={monitoringPaths.risk(org, alert.risk.ref ?? alert.risk.id)} size="sm" fw={600}>
          {alert.risk.ref ?? 'The raised risk'}
        </Anchor>
        <Text size="xs" c="dimmed">
          {alert.by ? `by ${alert.by}, ` : ''}
          {formatDateTime(alert.at)}
        </Text>
      </Stack>
    );
  }
  if (alert.state === 'acknowledged') {
    return (
      <Stack gap={2}>
        <Text size="sm" lineClamp={3}>
          {alert.note}
        </Text>
        <Text size="xs" c="dimmed">
          {alert.by ? `by ${alert.by}, ` : ''}
          {formatDateTime(alert.at)}
        </Text>
      </Stack>
    );
  }
  return null;
}

export interface AlertsSectionProps {
  org: string;
  mayWrite: boolean;
  systemId?: string;
  /** Leave out the AI system column (on the AI system's own page). */
  showSystem?: boolean;
}

/** Breached runs by alert state, with what failed and the way to answer each (acknowledge, raise a risk). */
export function AlertsSection({ org, mayWrite, systemId, showSystem = true }: AlertsSectionProps) {
  const [state, setState] = useState<AlertListState>('open');
  const alerts = useAlerts(org, { state, ...(systemId ? { systemId } : {}) });
  const answered = state !== 'open';
  return (
    <Stack gap="sm" component="section" aria-labelledby="monitoring-alerts">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={2} size="h4" id="monitoring-alerts">
              Alerts
            </Title>
            {state === 'open' && alerts.data && alerts.data.length > 0 ? (
              <Badge color="red" radius="sm" data-testid="open-alert-count">
                {alerts.data.length} open
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed" maw={760}>
            A run that breaches a threshold of its plan opens an alert. Answer it: acknowledge it with a note, or raise a risk so it is
            assessed and treated (ISO/IEC 42001 6.1.2, 10.2).
          </Text>
        </Stack>
        <SegmentedControl aria-label="Alerts to show" value={state} onChange={(v) => setState(v as AlertListState)} data={stateOptions} />
      </Group>
      <Paper withBorder radius="md" aria-busy={alerts.isFetching}>
        {alerts.isPending ? (
          <LoadingState label="Loading the alerts…" />
        ) : alerts.isError ? (
          <Stack p="md">
            <ErrorAlert error={alerts.error} title="Could not load the alerts" />
          </Stack>
        ) : alerts.data.length === 0 ? (
          <EmptyMessage title={emptyText[state].title} description={emptyText[state].description} />
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table aria-label={`${stateOptions.find((o) => o.value === state)?.label} alerts`} verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Run</Table.Th>
                  <Table.Th>Plan{showSystem ? ' · AI system' : ''}</Table.Th>
                  <Table.Th>Failed thresholds</Table.Th>
                  {answered ? <Table.Th>Answer</Table.Th> : null}
                  {mayWrite && state !== 'risk-raised' ? <Table.Th /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {alerts.data.map((run) => (
                  <Table.Tr key={run.id} data-alert-run={run.ref}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Stack gap={2}>
                        <Group gap={6}>
                          <Anchor component={Link} to={monitoringPaths.run(org, run.ref)} ff="monospace" fw={700} size="sm">
                            {run.ref}
                          </Anchor>
                          <MetricBadge metric={run.metric} size="xs" />
                        </Group>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(run.createdAt)}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {run.plan ? (
                          <Anchor component={Link} to={monitoringPaths.plan(org, run.plan.ref)} size="sm">
                            {run.plan.ref} {run.plan.title ?? ''}
                          </Anchor>
                        ) : (
                          <Text size="sm" c="dimmed">
                            Ad hoc run
                          </Text>
                        )}
                        {showSystem && run.system ? (
                          <Anchor component={Link} to={monitoringPaths.system(org, run.system.id)} size="xs" c="dimmed">
                            {run.system.ref} · {run.system.name}
                          </Anchor>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <FailedThresholds run={run} />
                    </Table.Td>
                    {answered ? (
                      <Table.Td>
                        <Outcome org={org} run={run} />
                      </Table.Td>
                    ) : null}
                    {mayWrite && state !== 'risk-raised' ? (
                      <Table.Td>
                        <AlertActions org={org} run={run} />
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
