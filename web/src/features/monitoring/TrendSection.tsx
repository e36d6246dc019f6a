import { Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { monitoringPaths, useTrend, type MonitoringPlan } from './api.ts';
import { formatValue } from './labels.ts';
import { TrendChart } from './TrendChart.tsx';

function TrendCard({ org, plan, metricKey }: { org: string; plan: MonitoringPlan; metricKey: string }) {
  const navigate = useNavigate();
  const trend = useTrend(org, plan.id, metricKey);
  const thresholds = plan.thresholds.filter((t) => t.key === metricKey);
  const points = trend.data?.key === metricKey ? trend.data.points : [];
  const latest = [...points].reverse().find((p) => p.value !== null);
  return (
    <Paper withBorder radius="md" p="md" data-trend={metricKey}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" ff="monospace" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {metricKey}
          </Text>
          {latest ? (
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              latest {formatValue(latest.value)}
            </Text>
          ) : null}
        </Group>
        {trend.isPending ? (
          <LoadingState label="Loading the trend…" minHeight={120} />
        ) : trend.isError ? (
          <ErrorAlert error={trend.error} title="Could not load the trend" />
        ) : points.length === 0 ? (
          <Text size="sm" c="dimmed" py="md">
            No runs yet: the trend starts with the first run.
          </Text>
        ) : (
          <TrendChart
            title={`${metricKey} across the runs of ${plan.ref}`}
            points={points}
            thresholds={thresholds}
            onOpenRun={(ref) => void navigate(monitoringPaths.run(org, ref))}
          />
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The plan's metrics over time: a chart for each key a threshold names, with the threshold drawn,
 * and one more for any other metric the runs have.
 */
export function TrendSection({ org, plan }: { org: string; plan: MonitoringPlan }) {
  const keys = useTrend(org, plan.id, null);
  const thresholdKeys = [...new Set(plan.thresholds.map((t) => t.key))];
  const others = (keys.data?.keys ?? []).filter((k) => !thresholdKeys.includes(k));
  const [extra, setExtra] = useState<string | null>(null);
  const shown = [...thresholdKeys, ...(extra && !thresholdKeys.includes(extra) ? [extra] : [])];

  return (
    <Stack gap="sm" component="section" aria-labelledby="plan-trends">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="plan-trends">
            Trends
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            Each metric across the plan’s runs, oldest first. The dashed red line is the threshold; red points breached it. Click a point to
            open its run.
          </Text>
        </Stack>
        <Select
          label="Show another metric"
          placeholder={others.length ? 'Choose a metric key' : 'No other metric yet'}
          data={others}
          value={extra}
          onChange={setExtra}
          searchable
          clearable
          disabled={others.length === 0}
          w={360}
          comboboxProps={{ position: 'bottom-end' }}
        />
      </Group>
      {shown.length === 0 ? (
        <Paper withBorder radius="md" p="md">
          <Text size="sm" c="dimmed">
            The plan has no thresholds. Choose a metric to see how it has moved.
          </Text>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: shown.length > 1 ? 2 : 1 }} spacing="md">
          {shown.map((k) => (
            <TrendCard key={k} org={org} plan={plan} metricKey={k} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
