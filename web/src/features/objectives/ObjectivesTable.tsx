import { Anchor, Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { formatValue } from '../monitoring/labels.ts';
import { formatDay } from '../risks/labels.ts';
import { objectivePaths, type Objective } from './api.ts';
import { targetText } from './labels.ts';
import { ObjectiveStatusBadge, OverdueBadge, ProgressBadge } from './ObjectiveBadges.tsx';

export interface ObjectivesTableProps {
  org: string;
  objectives: Objective[];
  label?: string;
}

export function TopicBadges({ topics }: { topics: Objective['topics'] }) {
  if (topics.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {topics.map((t) => (
        <Tooltip key={t.id} label={t.title ?? t.id} withArrow openDelay={200}>
          <Badge variant="outline" color="gray" radius="sm" tt="none" data-topic={t.id}>
            {t.id}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

/** AI objectives by reference: what, which Annex C topics, who, by when, where they stand. */
export function ObjectivesTable({ org, objectives, label = 'AI objectives' }: ObjectivesTableProps) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table aria-label={label} highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Objective</Table.Th>
            <Table.Th w={130}>Topics</Table.Th>
            <Table.Th w={200}>Owner</Table.Th>
            <Table.Th w={130}>Target date</Table.Th>
            <Table.Th w={110}>Status</Table.Th>
            <Table.Th w={110}>Progress</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {objectives.map((o) => (
            <Table.Tr key={o.id} data-objective={o.ref}>
              <Table.Td>
                <Stack gap={2}>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Text ff="monospace" size="sm" fw={700} c="teal.8" style={{ whiteSpace: 'nowrap' }}>
                      {o.ref}
                    </Text>
                    <Anchor
                      component={Link}
                      to={objectivePaths.objective(org, o.ref)}
                      size="sm"
                      fw={600}
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {o.title}
                    </Anchor>
                  </Group>
                  {o.measure ? (
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {o.measure.plan?.ref ?? 'Deleted plan'} · {targetText(o.measure)}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>
                <TopicBadges topics={o.topics} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {o.owner}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" c={o.overdue ? 'red.8' : undefined} fw={o.overdue ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
                    {formatDay(o.targetDate)}
                  </Text>
                  {o.overdue ? <OverdueBadge size="xs" /> : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <ObjectiveStatusBadge status={o.status} />
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <ProgressBadge progress={o.progress} />
                  {o.measure?.latest ? (
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      latest {formatValue(o.measure.latest.value)}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
