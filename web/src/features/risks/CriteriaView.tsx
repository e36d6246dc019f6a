import { Badge, Box, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { RiskCriteriaContent } from './api.ts';
import { acceptingRoles, roleList } from './labels.ts';
import { MatrixGrid } from './MatrixGrid.tsx';

function Card({ id, title, description, children }: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`criteria-${id}`} h="100%">
      <Stack gap="sm">
        <Stack gap={0}>
          <Title order={3} size="h5" id={`criteria-${id}`}>
            {title}
          </Title>
          {description ? (
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}

function ScaleTable({ name, scale }: { name: string; scale: RiskCriteriaContent['likelihood'] }) {
  return (
    <Table verticalSpacing={6} aria-label={`${name} scale`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={48}>Step</Table.Th>
          <Table.Th w={140}>Label</Table.Th>
          <Table.Th>Definition</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...scale].reverse().map((step) => (
          <Table.Tr key={step.value}>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {step.value}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={600}>
                {step.label}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={step.definition ? undefined : 'dimmed'}>
                {step.definition || '—'}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One version of the risk criteria, read-only: matrix, levels with who may accept them, threshold, interval, scales. */
export function CriteriaView({ content }: { content: RiskCriteriaContent }) {
  const thresholdRank = content.levels.findIndex((l) => l.id === content.acceptanceThreshold);
  const threshold = content.levels[thresholdRank];
  return (
    <Stack gap="md">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card id="matrix" title="Risk matrix" description="The level of each combination of likelihood and impact.">
            <MatrixGrid criteria={content} caption="Risk matrix: rows are likelihood, highest first; columns are impact, lowest first." />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card id="levels" title="Levels and acceptance" description="From the most severe down, with the roles that may accept each.">
            <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {[...content.levels].reverse().map((level) => {
                const rank = content.levels.indexOf(level);
                return (
                  <Group component="li" key={level.id} gap="sm" wrap="nowrap" align="flex-start" data-level={level.id}>
                    <Box w={14} h={14} mt={4} style={{ borderRadius: 3, background: level.colour, flexShrink: 0 }} aria-hidden="true" />
                    <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                      <Group gap={6}>
                        <Text size="sm" fw={600}>
                          {level.label}
                        </Text>
                        {rank > thresholdRank ? (
                          <Badge size="xs" radius="sm" variant="light" color="red" tt="none">
                            Must be treated
                          </Badge>
                        ) : null}
                      </Group>
                      {level.description ? (
                        <Text size="xs" c="dimmed">
                          {level.description}
                        </Text>
                      ) : null}
                      <Text size="xs">Accepted by: {roleList(acceptingRoles(content, level.id))}</Text>
                    </Stack>
                  </Group>
                );
              })}
            </Stack>
            <Paper bg="gray.0" p="sm" radius="sm">
              <Stack gap={4}>
                <Text size="sm">
                  <b>Acceptance threshold:</b> {threshold?.label ?? content.acceptanceThreshold}. Risks above it must be treated before
                  their residual risk is accepted.
                </Text>
                <Text size="sm">
                  <b>Risk assessments:</b> every {content.reviewIntervalMonths} {content.reviewIntervalMonths === 1 ? 'month' : 'months'},
                  and when an AI system changes significantly (8.2).
                </Text>
              </Stack>
            </Paper>
          </Card>
        </Grid.Col>
      </Grid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Card id="likelihood" title="Likelihood scale" description="How likely the risk is to occur.">
          <ScaleTable name="Likelihood" scale={content.likelihood} />
        </Card>
        <Card id="impact" title="Impact scale" description="How severe the consequences would be.">
          <ScaleTable name="Impact" scale={content.impact} />
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
