import { Anchor, Badge, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ChevronDownIcon } from '../../lib/components/icons.tsx';
import { inventoryPaths, type AiSystem, type SystemSortField } from './api.ts';
import { DueDate, RiskClassBadge, StageBadge } from './InventoryBadges.tsx';
import { euRoleLabels } from './labels.ts';

function SortIcon({ direction }: { direction: 'asc' | 'desc' | null }) {
  if (direction === null) {
    return (
      <svg width={12} height={12} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true" opacity={0.35}>
        <path d="M7 9l5-5 5 5M7 15l5 5 5-5" />
      </svg>
    );
  }
  return <ChevronDownIcon size={12} style={{ transform: direction === 'asc' ? 'rotate(180deg)' : undefined }} />;
}

interface SortableThProps {
  field: SystemSortField;
  sort: SystemSortField;
  order: 'asc' | 'desc';
  onSort: (field: SystemSortField, order: 'asc' | 'desc') => void;
  children: ReactNode;
  w?: number | string;
}

/** A column header that sorts the table: a button, with aria-sort on the header cell. */
function SortableTh({ field, sort, order, onSort, children, w }: SortableThProps) {
  const active = field === sort;
  const direction = active ? order : null;
  return (
    <Table.Th w={w} aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}>
      <UnstyledButton
        onClick={() => onSort(field, active && order === 'asc' ? 'desc' : 'asc')}
        fw={700}
        fz="sm"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap' }}
      >
        {children}
        <SortIcon direction={direction} />
      </UnstyledButton>
    </Table.Th>
  );
}

export interface SystemTableProps {
  org: string;
  systems: AiSystem[];
  sort: SystemSortField;
  order: 'asc' | 'desc';
  onSort: (field: SystemSortField, order: 'asc' | 'desc') => void;
}

export function SystemTable({ org, systems, sort, order, onSort }: SystemTableProps) {
  const th = { sort, order, onSort };
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover aria-label="AI systems">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="ref" w={100} {...th}>
              Ref
            </SortableTh>
            <SortableTh field="name" {...th}>
              Name
            </SortableTh>
            <SortableTh field="stage" w={140} {...th}>
              Stage
            </SortableTh>
            <SortableTh field="riskClass" w={140} {...th}>
              Risk class
            </SortableTh>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>EU roles</Table.Th>
            <SortableTh field="owner" {...th}>
              Owner
            </SortableTh>
            <SortableTh field="businessUnit" {...th}>
              Business unit
            </SortableTh>
            <SortableTh field="reviewDue" w={140} {...th}>
              Review due
            </SortableTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {systems.map((system) => (
            <Table.Tr key={system.id} data-system-ref={system.ref}>
              <Table.Td>
                <Text size="sm" ff="monospace" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {system.ref}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <Anchor component={Link} to={inventoryPaths.system(org, system.id)} size="sm" fw={500}>
                    {system.name}
                  </Anchor>
                  {!system.inScope ? (
                    <Badge size="xs" variant="outline" color="gray">
                      Outside AIMS scope
                    </Badge>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>
                <StageBadge stage={system.stage} />
              </Table.Td>
              <Table.Td>
                <RiskClassBadge riskClass={system.riskClass} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {system.euRoles.length ? (
                    system.euRoles.map((r) => euRoleLabels[r]).join(', ')
                  ) : (
                    <Text span c="dimmed" size="sm">
                      —
                    </Text>
                  )}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {system.owner || '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{system.businessUnit || '—'}</Text>
              </Table.Td>
              <Table.Td>
                <DueDate day={system.reviewDue} overdue={system.reviewOverdue} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
