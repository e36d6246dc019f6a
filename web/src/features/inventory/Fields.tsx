import { DataList, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled value; empty text reads "Not recorded". */
export function Field({ label, children, help }: { label: string; children: ReactNode; help?: string }) {
  const empty = children === '' || children === null || children === undefined;
  return (
    <DataList.Item>
      <DataList.ItemLabel>
        <Text size="sm" c="dimmed" title={help}>
          {label}
        </Text>
      </DataList.ItemLabel>
      <DataList.ItemValue>
        {empty ? (
          <Text size="sm" c="dimmed" fs="italic">
            Not recorded
          </Text>
        ) : typeof children === 'string' ? (
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {children}
          </Text>
        ) : (
          children
        )}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

/** A titled card of fields. */
export function FieldGroup({ id, title, description, children }: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`fields-${id}`}>
      <Stack gap="sm">
        <Stack gap={0}>
          <Title order={2} size="h5" id={`fields-${id}`}>
            {title}
          </Title>
          {description ? (
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
        <DataList labelWidth={170} gap="xs" withDivider>
          {children}
        </DataList>
      </Stack>
    </Paper>
  );
}
