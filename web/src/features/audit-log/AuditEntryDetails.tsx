import type { ReactNode } from 'react';
import { Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { AuditEntry } from './api.ts';
import { changedFields } from '../../lib/changes.ts';

function JsonPanel({ title, value }: { title: string; value: unknown }) {
  return (
    <Stack gap={4} miw={0}>
      <Text size="xs" fw={600} tt="uppercase" c="dimmed">
        {title}
      </Text>
      {value === null || value === undefined ? (
        <Text size="sm" c="dimmed" fs="italic">
          (nothing)
        </Text>
      ) : (
        <Code
          block
          fz="xs"
          bg="white"
          style={{
            maxHeight: 320,
            overflow: 'auto',
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
            border: '1px solid var(--mantine-color-gray-3)',
          }}
        >
          {JSON.stringify(value, null, 2)}
        </Code>
      )}
    </Stack>
  );
}

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="baseline">
      <Text size="xs" c="dimmed" w={70} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
        {children}
      </Text>
    </Group>
  );
}

/** Everything an audit entry recorded: before and after side by side, and its place in the hash chain. */
export function AuditEntryDetails({ entry }: { entry: AuditEntry }) {
  const changed = changedFields(entry.before, entry.after);
  return (
    <Stack gap="sm" py="xs">
      {changed.length > 0 ? (
        <Text size="xs">
          <Text span c="dimmed">
            Changed:{' '}
          </Text>
          {changed.join(', ')}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <JsonPanel title="Before" value={entry.before} />
        <JsonPanel title="After" value={entry.after} />
      </SimpleGrid>
      <Stack gap={2}>
        <Meta label="Entry">
          #{entry.seq} · {entry.id}
        </Meta>
        <Meta label="Entity">
          {entry.entityType}
          {entry.entityId ? ` ${entry.entityId}` : ''}
        </Meta>
        <Meta label="Actor">
          {entry.actor.type}
          {entry.actor.id ? ` ${entry.actor.id}` : ''}
          {entry.ip ? ` from ${entry.ip}` : ''}
        </Meta>
        <Meta label="Hash">{entry.hash}</Meta>
      </Stack>
    </Stack>
  );
}
