import { Box, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { useCoverage } from './api.ts';
import { ItemLinkRow } from './ItemLinkRow.tsx';
import { percent } from './labels.ts';

function barColor(pct: number): string {
  if (pct >= 80) return 'teal';
  if (pct >= 50) return 'yellow';
  return 'red';
}

export interface CoverageSummaryProps {
  org: string;
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
}

/** How much of the target the source covers: overall, per target group, and the requirements left uncovered. */
export function CoverageSummary({ org, source, target, sourceName, targetName }: CoverageSummaryProps) {
  const coverage = useCoverage(org, source, target);
  if (coverage.isPending) return <LoadingState label="Working out the coverage…" />;
  if (coverage.isError) return <ErrorAlert error={coverage.error} title="Could not work out the coverage" />;
  const { total, covered, groups, uncovered } = coverage.data;
  const overall = percent(covered, total);

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg" aria-labelledby="coverage-overall">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="sm">
          <Stack gap={2}>
            <Text size="xs" tt="uppercase" fw={600} c="dimmed" id="coverage-overall">
              {targetName} covered by {sourceName}
            </Text>
            <Group gap="xs" align="baseline">
              <Text fz={36} fw={700} lh={1.1} data-testid="coverage-total">
                {covered}/{total}
              </Text>
              <Text size="lg" c="dimmed">
                {overall}%
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              requirements of {targetName} are linked to at least one requirement of {sourceName}
            </Text>
          </Stack>
          <Stack gap="xs" justify="center">
            <Progress value={overall} color={barColor(overall)} size="xl" radius="xl" aria-label={`Overall coverage: ${overall}%`} />
            <Text size="xs" c="dimmed">
              Counted over requirements without sub-items. A link of any kind counts; “intersects” means only part is covered, so check
              those requirements against the rationale.
            </Text>
          </Stack>
        </SimpleGrid>
      </Paper>

      <Paper withBorder radius="md">
        <Title order={2} size="h5" p="md" pb="xs">
          By area of {targetName}
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Coverage by area">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Area</Table.Th>
                <Table.Th w={110} ta="right">
                  Covered
                </Table.Th>
                <Table.Th w={280}>Share</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((group) => {
                const pct = percent(group.covered, group.total);
                return (
                  <Table.Tr key={group.id} data-group-id={group.id}>
                    <Table.Td>{group.title}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {group.covered}/{group.total}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        <Progress
                          value={pct}
                          color={barColor(pct)}
                          size="md"
                          radius="xl"
                          style={{ flex: 1 }}
                          aria-label={`${group.title}: ${pct}%`}
                        />
                        <Text size="xs" c="dimmed" w={36} ta="right">
                          {pct}%
                        </Text>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <Paper withBorder radius="md" component="section" aria-labelledby="coverage-uncovered">
        <Title order={2} size="h5" p="md" pb="xs" id="coverage-uncovered">
          Not covered ({uncovered.length})
        </Title>
        {uncovered.length === 0 ? (
          <EmptyMessage title="Nothing left uncovered" description={`Every requirement of ${targetName} has a link to ${sourceName}.`} />
        ) : (
          <>
            <Text size="sm" c="dimmed" px="md" pb="xs">
              No crosswalk links these requirements of {targetName} to {sourceName}: plan for them separately.
            </Text>
            <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {uncovered.map((row) => (
                <ItemLinkRow
                  key={row.id}
                  org={org}
                  frameworkId={target}
                  row={row}
                  px="md"
                  py={8}
                  style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                />
              ))}
            </Box>
          </>
        )}
      </Paper>
    </Stack>
  );
}
