import { Badge, Divider, Flex, Group, Paper, RingProgress, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../lib/format.ts';
import type { Readiness } from './api.ts';
import { asPriority, priorityColors, priorityLabels } from './labels.ts';
import { formatDay, plural, scoreColor } from './readiness-view.ts';

export interface ReadinessSummaryProps {
  readiness: Readiness;
  /** The day chosen in the picker (null: today). */
  asOf: string | null;
  today: string;
  onAsOfChange: (asOf: string | null) => void;
  /** True while another day's answer loads (the figures shown are the previous ones). */
  updating: boolean;
}

/** The overall figure, what it is made of, and the day it is evaluated for. */
export function ReadinessSummary({ readiness, asOf, today, onAsOfChange, updating }: ReadinessSummaryProps) {
  const gaps = readiness.total - readiness.passed;
  const color = scoreColor(readiness.overall);
  const byPriority = ([1, 2, 3] as const).map((p) => ({ p, count: readiness.gaps.filter((g) => asPriority(g.priority) === p).length }));
  const future = readiness.asOf > today;
  const [draft, setDraft] = useState(asOf ?? today);
  useEffect(() => setDraft(asOf ?? today), [asOf, today]);
  const draftError = draft !== '' && draft < today ? 'Choose today or a later day.' : undefined;
  return (
    <Paper withBorder radius="md" p="lg" mb="lg" component="section" aria-labelledby="readiness-overall-label">
      <Flex direction={{ base: 'column', md: 'row' }} gap="xl" align={{ base: 'stretch', md: 'center' }}>
        <Group gap="xl" wrap="nowrap" align="center" style={{ flex: 1 }}>
          <RingProgress
            size={148}
            thickness={14}
            sections={[{ value: readiness.overall, color, tooltip: `${readiness.overall}% of checks pass` }]}
            rootColor="var(--mantine-color-gray-2)"
            aria-hidden
            label={
              <Text ta="center" fz={32} fw={800} lh={1} c={`${color}.8`} data-testid="readiness-overall">
                {readiness.overall}%
              </Text>
            }
          />
          <Stack gap={6}>
            <Text id="readiness-overall-label" size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
              Overall readiness
            </Text>
            <Text
              fz={22}
              fw={700}
              lh={1.2}
              role="status"
              aria-live="polite"
              data-testid="readiness-passed"
              data-passed={readiness.passed}
              data-total={readiness.total}
              data-overall={readiness.overall}
            >
              {readiness.passed} of {readiness.total} checks pass
            </Text>
            <Text size="sm" c="dimmed">
              {gaps === 0
                ? 'Nothing an auditor will ask for is missing.'
                : `${plural(gaps, 'gap')} to close before the audit${future ? ` on ${formatDay(readiness.asOf)}` : ''}.`}
            </Text>
            {gaps > 0 ? (
              <Group gap={6} aria-label="Gaps by importance">
                {byPriority
                  .filter(({ count }) => count > 0)
                  .map(({ p, count }) => (
                    <Badge key={p} size="sm" radius="sm" variant="light" color={priorityColors[p]} tt="none">
                      {count} · {priorityLabels[p]}
                    </Badge>
                  ))}
              </Group>
            ) : null}
          </Stack>
        </Group>
        <Divider orientation="vertical" visibleFrom="md" />
        <Stack gap={4} w={{ base: '100%', md: 300 }}>
          <TextInput
            label="As of"
            description="Today, or the planned audit date"
            type="date"
            min={today}
            value={draft}
            error={draftError}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setDraft(value);
              // Half-typed years pass through as valid past days; only a usable day is evaluated.
              if (value === '' || value === today) onAsOfChange(null);
              else if (value > today) onAsOfChange(value);
            }}
          />
          <Text size="xs" c="dimmed" data-testid="readiness-evaluated">
            {updating ? 'Updating…' : `Evaluated for ${formatDay(readiness.asOf)} · generated ${formatDateTime(readiness.generatedAt)}`}
          </Text>
          <Text size="xs" c="dimmed">
            What will have expired or fallen due by that day counts as a gap.
          </Text>
        </Stack>
      </Flex>
    </Paper>
  );
}
