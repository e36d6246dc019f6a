import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { inventoryPaths, useInventorySummary } from './api.ts';

/** The organization overview's "AI systems" card: how many, how many high-risk, how many still unclassified. */
export function InventoryOverviewCard({ org }: { org: string }) {
  const summary = useInventorySummary(org);
  const highRisk = summary.data?.byRiskClass['high-risk'] ?? 0;
  const unclassified = summary.data?.byRiskClass.unclassified ?? 0;
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap={6}>
        <Text size="xs" tt="uppercase" fw={600} c="dimmed">
          AI systems
        </Text>
        {summary.isPending ? (
          <Text c="dimmed">…</Text>
        ) : summary.isError ? (
          <Text c="red" size="sm">
            Unavailable
          </Text>
        ) : (
          <Group gap="xs" align="baseline">
            <Text fz={28} fw={700} lh={1} data-testid="ai-system-count">
              {summary.data.total}
            </Text>
            <Text size="sm" c="dimmed">
              {highRisk} high-risk, {unclassified} unclassified
            </Text>
          </Group>
        )}
        <Anchor component={Link} to={inventoryPaths.home(org)} size="xs">
          AI system inventory
        </Anchor>
      </Stack>
    </Paper>
  );
}
