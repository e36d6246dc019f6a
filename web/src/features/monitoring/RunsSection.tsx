import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { monitoringPaths, useRuns, type RunListParams } from './api.ts';
import { formatCount, formatValue, sourceLabels, thresholdText } from './labels.ts';
import { AlertStateBadge, MetricBadge, RunStatusBadge } from './MonitoringBadges.tsx';

export interface RunsSectionProps {
  org: string;
  params: RunListParams;
  title?: string;
  description: string;
  showPlan?: boolean;
  emptyDescription?: string;
}

/** Runs newest first with their verdict, what failed, the alert and the rows read; older pages on demand. */
export function RunsSection({ org, params, title = 'Runs', description, showPlan = false, emptyDescription }: RunsSectionProps) {
  const runs = useRuns(org, { limit: 25, ...params });
  const items = runs.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="runs-heading">
      <Stack gap={2}>
        <Title order={2} size="h4" id="runs-heading">
          {title}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          {description}
        </Text>
      </Stack>
      <Paper withBorder radius="md" aria-busy={runs.isFetching}>
        {runs.isPending ? (
          <LoadingState label="Loading the runs…" />
        ) : runs.isError ? (
          <Stack p="md">
            <ErrorAlert error={runs.error} title="Could not load the runs" />
          </Stack>
        ) : items.length === 0 ? (
          <EmptyMessage title="No runs yet" description={emptyDescription ?? 'Runs appear here once the plan has been run.'} />
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table aria-label="Runs" highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Run</Table.Th>
                  {showPlan ? <Table.Th>Plan</Table.Th> : null}
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>Failed thresholds</Table.Th>
                  <Table.Th ta="right">Rows</Table.Th>
                  <Table.Th>Recorded</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((run) => {
                  const failed = run.thresholds.filter((t) => !t.passed);
                  return (
                    <Table.Tr key={run.id} data-run={run.ref}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Anchor component={Link} to={monitoringPaths.run(org, run.ref)} ff="monospace" fw={700} size="sm">
                            {run.ref}
                          </Anchor>
                          {showPlan ? <MetricBadge metric={run.metric} size="xs" /> : null}
                        </Group>
                      </Table.Td>
                      {showPlan ? (
                        <Table.Td>
                          {run.plan ? (
                            <Anchor component={Link} to={monitoringPaths.plan(org, run.plan.ref)} size="sm">
                              {run.plan.ref} {run.plan.title ?? ''}
                            </Anchor>
                          ) : (
                            <Text size="sm" c="dimmed">
                              Ad hoc
                            </Text>
                          )}
                        </Table.Td>
                      ) : null}
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <RunStatusBadge status={run.status} />
                          <AlertStateBadge state={run.alert.state} size="xs" />
                        </Group>
                      </Table.Td>
                      <Table.Td maw={420}>
                        {failed.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            {run.thresholds.length === 0 ? 'No thresholds' : 'None'}
                          </Text>
                        ) : (
                          <Stack gap={0}>
                            {failed.slice(0, 3).map((t) => (
                              <Text key={`${t.key}${t.op}${t.value}`} size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                                {thresholdText(t)} → {formatValue(t.actual)}
                              </Text>
                            ))}
                            {failed.length > 3 ? (
                              <Text size="xs" c="dimmed">
                                and {failed.length - 3} more
                              </Text>
                            ) : null}
                          </Stack>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{formatCount(run.inputs.reduce((n, i) => n + i.rows, 0))}</Table.Td>
                      <Table.Td>
                        <Stack gap={0}>
                          <Text size="sm">{formatDateTime(run.createdAt)}</Text>
                          <Text size="xs" c="dimmed">
                            {run.createdByLabel} · {sourceLabels[run.source]}
                          </Text>
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {runs.hasNextPage ? (
        <Group justify="center">
          <Button variant="light" onClick={() => void runs.fetchNextPage()} loading={runs.isFetchingNextPage}>
            Load older runs
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
