import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '../../lib/format.ts';
import { monitoringPaths } from '../monitoring/api.ts';
import { formatValue } from '../monitoring/labels.ts';
import { TrendChart } from '../monitoring/TrendChart.tsx';
import { Section } from '../risks/Section.tsx';
import type { ObjectiveDetail, ObjectiveMeasure } from './api.ts';
import { targetText, targetWords } from './labels.ts';
import { Fact } from '../../lib/components/RecordParts.tsx';
import { ProgressBadge } from './ObjectiveBadges.tsx';

function MeasureFacts({ org, measure, progress }: { org: string; measure: ObjectiveMeasure; progress: ObjectiveDetail['progress'] }) {
  const latest = measure.latest;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
      <Fact label="Monitoring plan">
        {measure.plan ? (
          <Anchor component={Link} to={monitoringPaths.plan(org, measure.plan.ref)} size="sm" data-testid="measure-plan">
            {measure.plan.ref} · {measure.plan.title}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed" fs="italic">
            Deleted plan
          </Text>
        )}
        {measure.plan?.status === 'paused' ? (
          <Badge size="xs" radius="sm" variant="outline" color="gray" ml={6}>
            Paused
          </Badge>
        ) : null}
      </Fact>
      <Fact label="AI system">
        {measure.system ? (
          <Anchor component={Link} to={monitoringPaths.system(org, measure.system.id, 'monitoring')} size="sm">
            {measure.system.ref} · {measure.system.name}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Fact>
      <Fact label="Target">
        <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }} data-testid="measure-target" title={targetWords(measure)}>
          {targetText(measure)}
        </Text>
      </Fact>
      <Fact label="Latest measurement">
        {latest ? (
          <Group gap={6} wrap="wrap" data-testid="measure-latest">
            <Text size="sm" fw={650}>
              {formatValue(latest.value)}
            </Text>
            <ProgressBadge progress={progress} size="xs" />
            <Text size="xs" c="dimmed">
              <Anchor component={Link} to={monitoringPaths.run(org, latest.runRef)} size="xs">
                {latest.runRef}
              </Anchor>{' '}
              · {formatDate(latest.at)}
            </Text>
          </Group>
        ) : (
          <Text size="sm" c="dimmed" data-testid="measure-latest">
            The plan has not been run yet
          </Text>
        )}
      </Fact>
    </SimpleGrid>
  );
}

/** How the objective is measured: the plan, the target, the latest measurement and its trend. */
export function MeasureSection({ org, objective }: { org: string; objective: ObjectiveDetail }) {
  const navigate = useNavigate();
  const measure = objective.measure;
  return (
    <Section
      id="measure"
      title="Measure"
      description={
        measure
          ? 'A monitoring plan measures this objective: each of its runs is compared with the target, and the latest run says whether it is met.'
          : 'No monitoring plan measures this objective.'
      }
    >
      {measure ? (
        <Stack gap="md">
          <MeasureFacts org={org} measure={measure} progress={objective.progress} />
          {measure.latest && measure.latest.value === null ? (
            <Text size="sm" c="dimmed">
              The latest run has no value for {measure.key}: the objective counts as not measured until a run has one.
            </Text>
          ) : null}
          {objective.measurements.length > 0 ? (
            <Paper withBorder radius="md" p="md" data-testid="objective-trend">
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  {measure.key} in each run of the plan, oldest first. The dashed red line is the target; red points missed it. Click a
                  point to open its run.
                </Text>
                <TrendChart
                  title={`${measure.key} across the plan’s runs, against the target ${targetText(measure)}`}
                  points={objective.measurements.map((m) => ({ runId: m.runId, ref: m.runRef, at: m.at, value: m.value }))}
                  thresholds={[{ key: measure.key, op: measure.op, value: measure.value }]}
                  lineLabel="Target"
                  missText="misses the target"
                  onOpenRun={(ref) => void navigate(monitoringPaths.run(org, ref))}
                />
              </Stack>
            </Paper>
          ) : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" fs="italic">
          {objective.evaluation
            ? 'Its results are evaluated as described above.'
            : 'Say how its results are evaluated, or choose a monitoring plan to measure it.'}
        </Text>
      )}
    </Section>
  );
}
