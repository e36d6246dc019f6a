import { Box, Group, Paper, SimpleGrid, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { useInventorySummary } from './api.ts';
import { riskColors, riskFilters, riskLabels, type RiskFilter } from './labels.ts';
import type { SystemListState } from './list-params.ts';

interface TileProps {
  label: string;
  count: number | undefined;
  active: boolean;
  onClick: () => void;
  /** What clicking does, for the accessible name. */
  action: string;
  accent?: string;
  outline?: boolean;
  footer?: ReactNode;
  testId: string;
}

function Tile({ label, count, active, onClick, action, accent, outline, footer, testId }: TileProps) {
  return (
    <UnstyledButton
      onClick={onClick}
      aria-pressed={active}
      aria-label={`${label}: ${count ?? '…'}`}
      title={action}
      data-testid={testId}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    >
      <Paper
        withBorder
        radius="md"
        p="sm"
        h="100%"
        style={{
          ...(active ? { borderColor: 'var(--mantine-color-teal-6)', background: 'var(--mantine-color-teal-0)' } : {}),
          // Longhands: a shorthand with var() loses its colour next to Mantine's own border.
          ...(accent
            ? { borderLeftWidth: 4, borderLeftStyle: outline ? 'dashed' : 'solid', borderLeftColor: `var(--mantine-color-${accent}-6)` }
            : {}),
        }}
      >
        <Stack gap={2}>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" lineClamp={1}>
            {label}
          </Text>
          {count === undefined ? (
            <Skeleton h={28} w={48} />
          ) : (
            <Text fz={26} fw={700} lh={1.1}>
              {count}
            </Text>
          )}
          {footer ? (
            <Text size="xs" c="dimmed">
              {footer}
            </Text>
          ) : null}
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}

export interface SummaryCardsProps {
  org: string;
  state: SystemListState;
  onFilter: (patch: Partial<SystemListState>) => void;
  onClear: () => void;
}

/** Counts across the whole inventory; each count is a button that filters the table to it. */
export function SummaryCards({ org, state, onFilter, onClear }: SummaryCardsProps) {
  const summary = useInventorySummary(org);
  if (summary.isError) return <ErrorAlert error={summary.error} title="Could not load the inventory summary" />;
  const data = summary.data;
  const onlyRisk = (risk: RiskFilter) => state.riskClass.length === 1 && state.riskClass[0] === risk;

  return (
    <Stack gap="sm" mb="lg" component="section" aria-label="Inventory summary">
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Tile
          label="AI systems"
          count={data?.total}
          active={false}
          onClick={onClear}
          action="Show all AI systems."
          testId="summary-total"
          footer={data && data.gpai > 0 ? `${data.gpai} general-purpose AI` : 'Registered in the inventory'}
        />
        <Tile
          label="In AIMS scope"
          count={data?.inScope}
          active={state.inScope === 'true'}
          onClick={() => onFilter({ inScope: state.inScope === 'true' ? null : 'true' })}
          action="Filter to AI systems in the AIMS scope."
          testId="summary-in-scope"
          footer={data ? `${data.total - data.inScope} outside the scope` : undefined}
        />
        <Tile
          label="Reviews overdue"
          count={data?.reviewOverdue}
          active={state.reviewOverdue}
          onClick={() => onFilter({ reviewOverdue: !state.reviewOverdue })}
          action="Filter to AI systems whose review is overdue."
          accent={data && data.reviewOverdue > 0 ? 'red' : undefined}
          testId="summary-overdue"
          footer="Review date has passed"
        />
      </SimpleGrid>
      <Box>
        <Group gap="xs" mb={6} align="baseline">
          <Text size="sm" fw={600}>
            EU AI Act risk class
          </Text>
          <Text size="xs" c="dimmed">
            Click a class to show only its AI systems.
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
          {riskFilters.map((risk) => (
            <Tile
              key={risk}
              label={riskLabels[risk]}
              count={data ? (data.byRiskClass[risk] ?? 0) : undefined}
              active={onlyRisk(risk)}
              onClick={() => onFilter({ riskClass: onlyRisk(risk) ? [] : [risk] })}
              action={`Filter by risk class: ${riskLabels[risk]}.`}
              accent={riskColors[risk]}
              outline={risk === 'unclassified'}
              testId={`summary-risk-${risk}`}
            />
          ))}
        </SimpleGrid>
      </Box>
    </Stack>
  );
}
