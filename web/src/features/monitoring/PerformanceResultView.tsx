import { Alert, Badge, Box, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ThresholdOutcomeView } from './api.ts';
import { keyOutcomes, type KeyOutcomes } from './outcomes.ts';
import { formatCount, formatValue, groupName, performanceLabels } from './labels.ts';
import { Stat } from './Stat.tsx';
import type { ClassificationMetrics, GroupPerformance, PerformanceResult, RegressionMetrics } from './types.ts';

const classificationKeys = ['accuracy', 'precision', 'recall', 'f1', 'roc_auc'] as const;
const regressionKeys = ['mae', 'rmse', 'r2'] as const;

function MetricCard({ name, value, outcomes }: { name: string; value: number | null; outcomes: KeyOutcomes | undefined }) {
  const info = performanceLabels[name];
  const judged = outcomes?.get(`performance:${name}`);
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-metric={name}
      style={judged === false ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.03em' }}>
          {info?.title ?? name}
        </Text>
        {judged !== undefined ? (
          <Badge size="xs" radius="sm" variant="light" color={judged ? 'teal' : 'red'}>
            {judged ? 'within threshold' : 'breach'}
          </Badge>
        ) : null}
      </Group>
      <Text fw={650} size="xl" c={judged === false ? 'red.8' : undefined}>
        {value === null ? 'n/a' : formatValue(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {value === null && name === 'roc_auc' ? 'No score column, or only one class in the data.' : info?.text}
      </Text>
    </Paper>
  );
}

/** scikit-learn's confusion matrix [[tn, fp], [fn, tp]] as a labelled 2 × 2 table, shaded by share. */
export function ConfusionMatrix({ matrix }: { matrix: ClassificationMetrics['confusion_matrix'] }) {
  const [[tn, fp], [fn, tp]] = matrix;
  const total = tn + fp + fn + tp || 1;
  const cell = (value: number, right: boolean, label: string) => (
    <Table.Td
      ta="center"
      data-cell={label}
      style={{
        background: `color-mix(in srgb, var(--mantine-color-${right ? 'teal' : 'red'}-4) ${Math.round((value / total) * 70) + 6}%, transparent)`,
      }}
    >
      <Text fw={700}>{formatCount(value)}</Text>
      <Text size="xs" c="dimmed">
        {label} · {((value / total) * 100).toFixed(1)} %
      </Text>
    </Table.Td>
  );
  return (
    <Table withTableBorder withColumnBorders aria-label="Confusion matrix" maw={520} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th ta="center">Predicted negative</Table.Th>
          <Table.Th ta="center">Predicted positive</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th>Actually negative</Table.Th>
          {cell(tn, true, 'true negatives')}
          {cell(fp, false, 'false positives')}
        </Table.Tr>
        <Table.Tr>
          <Table.Th>Actually positive</Table.Th>
          {cell(fn, false, 'false negatives')}
          {cell(tp, true, 'true positives')}
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function ByFeature({ byFeature }: { byFeature: Record<string, GroupPerformance[]> }) {
  const features = Object.entries(byFeature).filter(([, groups]) => groups.length > 0);
  if (features.length === 0) return null;
  return (
    <Stack gap="md">
      {features.map(([feature, groups]) => (
        <Stack gap={4} key={feature}>
          <Title order={4} size="h5">
            By {feature}
          </Title>
          <Table.ScrollContainer minWidth={640}>
            <Table striped aria-label={`Performance by ${feature}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Group</Table.Th>
                  <Table.Th ta="right">Rows</Table.Th>
                  {classificationKeys.map((k) => (
                    <Table.Th key={k} ta="right">
                      {performanceLabels[k]?.title ?? k}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map((g) => (
                  <Table.Tr key={groupName(g.group)}>
                    <Table.Td fw={600}>{groupName(g.group)}</Table.Td>
                    <Table.Td ta="right">{formatCount(g.count)}</Table.Td>
                    {classificationKeys.map((k) => (
                      <Table.Td key={k} ta="right">
                        {formatValue(g[k])}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ))}
    </Stack>
  );
}

/** A classifier's headline metrics, its confusion matrix and (when asked for) the metrics per group. */
export function ClassificationView({
  metrics,
  byFeature,
  outcomes,
}: {
  metrics: ClassificationMetrics;
  byFeature?: Record<string, GroupPerformance[]>;
  outcomes?: KeyOutcomes;
}) {
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
        {classificationKeys.map((k) => (
          <MetricCard key={k} name={k} value={metrics[k]} outcomes={outcomes} />
        ))}
      </SimpleGrid>
      <Stack gap={4}>
        <Title order={4} size="h5">
          Confusion matrix
        </Title>
        <Text size="sm" c="dimmed">
          {formatCount(metrics.count)} predictions compared with what really happened. Green cells are right, red cells are errors.
        </Text>
        <Box>
          <ConfusionMatrix matrix={metrics.confusion_matrix} />
        </Box>
      </Stack>
      {byFeature ? <ByFeature byFeature={byFeature} /> : null}
    </Stack>
  );
}

function RegressionView({ metrics, outcomes }: { metrics: RegressionMetrics; outcomes?: KeyOutcomes }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      {regressionKeys.map((k) => (
        <MetricCard key={k} name={k} value={metrics[k]} outcomes={outcomes} />
      ))}
    </SimpleGrid>
  );
}

/** A performance run's report: classification (metrics, confusion matrix, groups) or regression (MAE, RMSE, R²). */
export function PerformanceResultView({ result, outcomes }: { result: PerformanceResult; outcomes?: readonly ThresholdOutcomeView[] }) {
  const judged = keyOutcomes(outcomes);
  return (
    <Stack gap="lg" data-testid="performance-result">
      {result.warnings.length > 0 ? (
        <Alert color="yellow" variant="light" title="Read these numbers with care">
          <List size="sm">
            {result.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label="Task" value={result.task === 'classification' ? 'Classification' : 'Regression'} />
        <Stat label="Rows" value={formatCount(result.rows)} />
        <Stat label="Label · prediction" value={`${result.columns.label} · ${result.columns.prediction}`} />
        {result.task === 'classification' ? (
          <Stat
            label="Positive class"
            value={result.positive_label}
            hint={result.columns.score ? `Score: ${result.columns.score}` : undefined}
          />
        ) : null}
      </SimpleGrid>
      {result.task === 'classification' ? (
        <ClassificationView metrics={result.overall} byFeature={result.by_feature} outcomes={judged} />
      ) : (
        <RegressionView metrics={result.overall} outcomes={judged} />
      )}
    </Stack>
  );
}
