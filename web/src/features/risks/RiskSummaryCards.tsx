import { Paper, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import type { HeatMap } from './api.ts';
import type { RiskListState } from './list-params.ts';

interface TileProps {
  label: string;
  count: number | undefined;
  description: string;
  active: boolean;
  onClick: () => void;
  /** What clicking does, for the tooltip. */
  action: string;
  /** Mantine colour of the left accent when the count is not zero. */
  accent: string;
  testId: string;
}

function Tile({ label, count, description, active, onClick, action, accent, testId }: TileProps) {
  const alert = count !== undefined && count > 0;
  return (
    <UnstyledButton
      onClick={onClick}
      aria-pressed={active}
      aria-label={`${label}: ${count ?? '…'}`}
      title={action}
      data-testid={testId}
      style={{ borderRadius: 'var(--mantine-radius-md)', display: 'block', width: '100%' }}
    >
      <Paper
        withBorder
        radius="md"
        p="sm"
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
          {count === undefined ? (
            <Skeleton h={28} w={48} />
          ) : (
            <Text fz={26} fw={700} lh={1.1} c={alert ? `${accent}.8` : undefined}>
              {count}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}

export interface RiskSummaryCardsProps {
  data: HeatMap | undefined;
  state: RiskListState;
  onFilter: (patch: Partial<RiskListState>) => void;
}

/** The counts that call for action; each is a button that filters the register to those risks. */
export function RiskSummaryCards({ data, state, onFilter }: RiskSummaryCardsProps) {
  return (
    <Stack gap="sm" component="section" aria-label="Risks needing action">
      <Tile
        label="Needs attention"
        count={data?.needsAttention}
        description="Above the acceptance threshold, residual risk not accepted"
        active={state.needsAttention}
        onClick={() => onFilter({ needsAttention: !state.needsAttention })}
        action="Filter to risks that need attention."
        accent="red"
        testId="summary-needs-attention"
      />
      <Tile
        label="Reviews overdue"
        count={data?.reviewOverdue}
        description="The review date of the risk has passed"
        active={state.reviewOverdue}
        onClick={() => onFilter({ reviewOverdue: !state.reviewOverdue })}
        action="Filter to risks whose review is overdue."
        accent="red"
        testId="summary-review-overdue"
      />
      <Tile
        label="Treatments overdue"
        count={data?.treatmentOverdue}
        description="An open treatment action is past its due date"
        active={state.treatmentOverdue}
        onClick={() => onFilter({ treatmentOverdue: !state.treatmentOverdue })}
        action="Filter to risks with an overdue treatment action."
        accent="orange"
        testId="summary-treatment-overdue"
      />
    </Stack>
  );
}
