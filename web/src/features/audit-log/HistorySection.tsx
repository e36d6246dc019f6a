import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { formatTimestamp } from '../../lib/format.ts';
import type { AuditEntry } from './api.ts';

export interface HistorySectionProps {
  /** A record's `/history` query: its audit entries, newest first. */
  history: UseQueryResult<AuditEntry[]>;
  /** The section's heading (level 2); null when the surrounding tab already names it. */
  title?: string | null;
  /** Distinguishes the heading's id when a page shows more than one history. */
  headingId?: string;
  description: string;
  emptyDescription?: string;
  /** How an entry's action is shown. */
  badge: (entry: AuditEntry) => { label: string; color: string };
  /** What the entry changed, in the record's own words. */
  change: (entry: AuditEntry) => ReactNode;
}

/**
 * The audit trail of one record as a table — when, who, action, what changed — with its loading,
 * error and empty states. Each feature says only how its actions and changes read.
 */
export function HistorySection({
  history,
  title = 'History',
  headingId = 'history',
  description,
  emptyDescription = 'Changes appear here as soon as someone makes them.',
  badge,
  change,
}: HistorySectionProps) {
  return (
    <Stack
      gap="sm"
      component="section"
      aria-labelledby={title === null ? undefined : headingId}
      aria-label={title === null ? 'History' : undefined}
    >
      <Stack gap={2}>
        {title === null ? null : (
          <Title order={2} size="h4" id={headingId}>
            {title}
          </Title>
        )}
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      </Stack>
      <Paper withBorder radius="md">
        {history.isPending ? (
          <LoadingState label="Loading the history…" />
        ) : history.isError ? (
          <Stack p="md">
            <ErrorAlert error={history.error} title="Could not load the history" />
          </Stack>
        ) : history.data.length === 0 ? (
          <EmptyMessage title="No history yet" description={emptyDescription} />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="History">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={190}>When</Table.Th>
                  <Table.Th w={190}>Who</Table.Th>
                  <Table.Th w={170}>Action</Table.Th>
                  <Table.Th>What changed</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data.map((entry) => {
                  const word = badge(entry);
                  return (
                    <Table.Tr key={entry.id} style={{ verticalAlign: 'top' }} data-action={entry.action}>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {formatTimestamp(entry.occurredAt)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {entry.actor.label ?? entry.actor.id ?? entry.actor.type}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={word.color} radius="sm" tt="none" title={entry.action}>
                          {word.label}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{change(entry)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
