import { ActionIcon, Badge, Code, Stack, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import { ChevronDownIcon, ChevronRightIcon } from '../../lib/components/icons.tsx';
import { formatTimestamp } from '../../lib/format.ts';
import { actionColor } from './actions.ts';
import type { AuditEntry } from './api.ts';
import { AuditEntryDetails } from './AuditEntryDetails.tsx';

function actorText(entry: AuditEntry): string {
  return entry.actor.label ?? entry.actor.id ?? entry.actor.type;
}

const actorTypeLabels: Record<string, string> = { user: 'User', token: 'API token', cli: 'Command line', system: 'System' };

/** Audit entries, newest first; a row opens to show what changed. */
export function AuditLogTable({ entries, expandable = true }: { entries: AuditEntry[]; expandable?: boolean }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columns = expandable ? 5 : 4;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Audit log entries" layout="auto">
        <Table.Thead>
          <Table.Tr>
            {expandable ? <Table.Th w={44} aria-label="Details" /> : null}
            <Table.Th w={190}>Time</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Entity</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const isOpen = open.has(entry.id);
            const detailsId = `audit-entry-${entry.id}`;
            return (
              <Fragment key={entry.id}>
                <Table.Tr
                  data-action={entry.action}
                  onClick={expandable ? () => toggle(entry.id) : undefined}
                  style={expandable ? { cursor: 'pointer' } : undefined}
                  bg={isOpen ? 'var(--mantine-color-gray-0)' : undefined}
                >
                  {expandable ? (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        aria-expanded={isOpen}
                        aria-controls={detailsId}
                        aria-label={`${isOpen ? 'Hide' : 'Show'} details of ${entry.action} #${entry.seq}`}
                        onClick={(event) => {
                          event.stopPropagation();
                          toggle(entry.id);
                        }}
                      >
                        {isOpen ? <ChevronDownIcon /> : <ChevronRightIcon />}
                      </ActionIcon>
                    </Table.Td>
                  ) : null}
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatTimestamp(entry.occurredAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text size="sm">{actorText(entry)}</Text>
                      <Text size="xs" c="dimmed">
                        {actorTypeLabels[entry.actor.type] ?? entry.actor.type}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={actionColor(entry.action)} tt="none" radius="sm" ff="monospace" fw={500}>
                      {entry.action}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {entry.entityType}
                      {entry.entityId ? (
                        <Code ml={6} fz="xs" c="dimmed" title={entry.entityId}>
                          {entry.entityId.slice(0, 8)}
                        </Code>
                      ) : null}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                {expandable && isOpen ? (
                  <Table.Tr id={detailsId} bg="var(--mantine-color-gray-0)">
                    <Table.Td colSpan={columns} px="lg">
                      <AuditEntryDetails entry={entry} />
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
