import { Group, Paper, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import type { SoaDocument } from './api.ts';
import { ImplementationStatusBadge } from './ControlBadges.tsx';
import { implementationStatuses, statusLabels } from './labels.ts';
import type { SoaFilterState } from './soa-filters.ts';

interface TileProps {
  label: string;
  count: number;
  description: string;
  active: boolean;
  onClick: () => void;
  /** Mantine colour of the count and the left accent when the count is not zero; none for neutral counts. */
  accent?: string;
  testId: string;
}

function Tile({ label, count, description, active, onClick, accent, testId }: TileProps) {
  const alert = accent !== undefined && count > 0;
  return (
    <UnstyledButton
      onClick={onClick}
      aria-pressed={active}
      aria-label={`${label}: ${count}`}
      title={active ? 'Show every control again' : 'Show only these controls'}
      data-testid={testId}
      style={{ borderRadius: 'var(--mantine-radius-md)', display: 'block', width: '100%', height: '100%' }}
    >
      <Paper
        withBorder
        radius="md"
        p="sm"
        h="100%"
        style={{
          ...(active ? { borderColor: 'var(--mantine-color-teal-6)', background: 'var(--mantine-color-teal-0)' } : {}),
          // Longhands: a shorthand with var() loses its colour next to Mantine's own border.
          ...(alert ? { borderLeftWidth: 4, borderLeftStyle: 'solid', borderLeftColor: `var(--mantine-color-${accent}-6)` } : {}),
        }}
      >
        <Stack gap={2}>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" lineClamp={1}>
            {label}
          </Text>
          <Text fz={26} fw={700} lh={1.1} c={alert ? `${accent}.8` : undefined}>
            {count}
          </Text>
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}

export interface SoaSummaryCardsProps {
  summary: SoaDocument['summary'];
  state: SoaFilterState;
  onFilter: (patch: Partial<SoaFilterState>) => void;
}

/** The SoA in numbers; each count is a button that filters the table to those controls. */
export function SoaSummaryCards({ summary, state, onFilter }: SoaSummaryCardsProps) {
  const toggle = (applicability: SoaFilterState['applicability']) =>
    onFilter({ applicability: state.applicability === applicability ? null : applicability });
  return (
    <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} spacing="sm" mb="lg" component="section" aria-label="Summary">
      <Tile
        label="Applicable"
        count={summary.applicable}
        description={`of ${summary.controls} controls are included`}
        active={state.applicability === 'included'}
        onClick={() => toggle('included')}
        testId="summary-applicable"
      />
      <Tile
        label="Excluded"
        count={summary.excluded}
        description="each needs a justification"
        active={state.applicability === 'excluded'}
        onClick={() => toggle('excluded')}
        testId="summary-excluded"
      />
      <Tile
        label="Not decided"
        count={summary.undecided}
        description="include or exclude each one"
        active={state.applicability === 'undecided'}
        onClick={() => toggle('undecided')}
        accent="orange"
        testId="summary-undecided"
      />
      <Tile
        label="Flagged"
        count={summary.flagged}
        description="an auditor would ask about these"
        active={state.flagged}
        onClick={() => onFilter({ flagged: !state.flagged })}
        accent="red"
        testId="summary-flagged"
      />
      <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="soa-by-status" style={{ gridColumn: 'span 2' }}>
        <Text id="soa-by-status" size="xs" fw={600} c="dimmed" tt="uppercase" mb={6}>
          By status
        </Text>
        <SimpleGrid cols={2} spacing="md" verticalSpacing={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {implementationStatuses.map((status) => {
            const count = summary.byStatus[status] ?? 0;
            const active = state.status === status;
            return (
              <li key={status}>
                <UnstyledButton
                  onClick={() => onFilter({ status: active ? null : status })}
                  aria-pressed={active}
                  aria-label={`${statusLabels[status]}: ${count}`}
                  w="100%"
                  px={4}
                  style={{ borderRadius: 4, background: active ? 'var(--mantine-color-teal-0)' : undefined }}
                >
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <ImplementationStatusBadge status={status} size="xs" />
                    <Text size="sm" fw={600}>
                      {count}
                    </Text>
                  </Group>
                </UnstyledButton>
              </li>
            );
          })}
        </SimpleGrid>
      </Paper>
    </SimpleGrid>
  );
}
