import { Alert, Anchor, Paper, SimpleGrid, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import type { EvidenceState, EvidenceSummary } from './api.ts';
import { EXPIRING_WITHIN_DAYS, plural } from './labels.ts';

interface TileProps {
  label: string;
  count: number | undefined;
  active: boolean;
  onClick: () => void;
  action: string;
  accent?: string | undefined;
  footer: string;
  testId: string;
}

function Tile({ label, count, active, onClick, action, accent, footer, testId }: TileProps) {
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
          ...(accent ? { borderLeftWidth: 4, borderLeftStyle: 'solid', borderLeftColor: `var(--mantine-color-${accent}-6)` } : {}),
        }}
      >
        <Stack gap={2}>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" lineClamp={1}>
            {label}
          </Text>
          {count === undefined ? (
            <Skeleton h={28} w={48} />
          ) : (
            <Text fz={26} fw={700} lh={1.1} c={accent && count > 0 ? `${accent}.8` : undefined}>
              {count}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {footer}
          </Text>
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}

export interface EvidenceSummaryCardsProps {
  summary: EvidenceSummary | undefined;
  states: EvidenceState[];
  onFilter: (states: EvidenceState[]) => void;
}

/** The organization's evidence by state; each count filters the table to it. Expired evidence is called out. */
export function EvidenceSummaryCards({ summary, states, onFilter }: EvidenceSummaryCardsProps) {
  const only = (s: EvidenceState) => states.length === 1 && states[0] === s;
  const toggle = (s: EvidenceState) => onFilter(only(s) ? [] : [s]);
  return (
    <Stack gap="sm" mb="lg" component="section" aria-label="Evidence summary">
      {summary && summary.expired > 0 ? (
        <Alert color="red" variant="light" title="Expired evidence" data-testid="expired-alert">
          {plural(summary.expired, 'evidence item has', 'evidence items have')} passed the review date. An auditor will not accept them
          until they are renewed: upload a new version or set a later review date.{' '}
          {!only('expired') ? (
            <Anchor component="button" type="button" size="sm" onClick={() => onFilter(['expired'])}>
              Show the expired evidence
            </Anchor>
          ) : null}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Tile
          label="All evidence"
          count={summary?.total}
          active={false}
          onClick={() => onFilter([])}
          action="Show all evidence."
          footer="In the organization"
          testId="summary-total"
        />
        <Tile
          label="Current"
          count={summary?.current}
          active={only('current')}
          onClick={() => toggle('current')}
          action="Filter to current evidence."
          footer="No review due soon"
          testId="summary-current"
        />
        <Tile
          label="Expiring"
          count={summary?.expiring}
          active={only('expiring')}
          onClick={() => toggle('expiring')}
          action="Filter to evidence whose review date is near."
          accent={summary && summary.expiring > 0 ? 'yellow' : undefined}
          footer={`Review within ${EXPIRING_WITHIN_DAYS} days`}
          testId="summary-expiring"
        />
        <Tile
          label="Expired"
          count={summary?.expired}
          active={only('expired')}
          onClick={() => toggle('expired')}
          action="Filter to expired evidence."
          accent={summary && summary.expired > 0 ? 'red' : undefined}
          footer="Review date has passed"
          testId="summary-expired"
        />
      </SimpleGrid>
    </Stack>
  );
}
