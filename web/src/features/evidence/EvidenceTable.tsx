import { Anchor, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ChevronDownIcon } from '../../lib/components/icons.tsx';
import { formatDate } from '../../lib/format.ts';
import { evidencePaths, type Evidence, type EvidenceSortField } from './api.ts';
import { EvidenceStateBadge, KindBadge, ReviewDate } from './EvidenceBadges.tsx';
import { targetTypeLabels } from './labels.ts';
import { linkName } from './targets.ts';

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
  field: EvidenceSortField;
  sort: EvidenceSortField;
  order: 'asc' | 'desc';
  onSort: (field: EvidenceSortField, order: 'asc' | 'desc') => void;
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

/** "3", with the links by type in a tooltip. */
function LinksCount({ item }: { item: Evidence }) {
  if (item.links.length === 0) {
    return (
      <Text size="sm" c="dimmed" span>
        None
      </Text>
    );
  }
  const byType = (['control', 'requirement', 'risk', 'ai-system', 'objective'] as const)
    .map((type) => {
      const names = item.links.filter((l) => l.type === type).map(linkName);
      return names.length ? `${targetTypeLabels[type]}: ${names.join(', ')}` : null;
    })
    .filter((line): line is string => line !== null);
  return (
    <Tooltip label={byType.join(' · ')} multiline w={300} withArrow openDelay={200}>
      <Text size="sm" span tabIndex={0} style={{ textDecoration: 'underline dotted', cursor: 'help' }}>
        {item.links.length}
      </Text>
    </Tooltip>
  );
}

export interface EvidenceTableProps {
  org: string;
  items: Evidence[];
  sort: EvidenceSortField;
  order: 'asc' | 'desc';
  onSort: (field: EvidenceSortField, order: 'asc' | 'desc') => void;
}

export function EvidenceTable({ org, items, sort, order, onSort }: EvidenceTableProps) {
  const th = { sort, order, onSort };
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover aria-label="Evidence">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="ref" w={100} {...th}>
              Ref
            </SortableTh>
            <SortableTh field="title" {...th}>
              Title
            </SortableTh>
            <Table.Th w={110}>Kind</Table.Th>
            <Table.Th w={140}>State</Table.Th>
            <SortableTh field="reviewDue" w={140} {...th}>
              Review date
            </SortableTh>
            <Table.Th>Owner</Table.Th>
            <Table.Th w={70}>Links</Table.Th>
            <SortableTh field="updatedAt" w={130} {...th}>
              Updated
            </SortableTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} data-evidence={item.ref}>
              <Table.Td>
                <Text size="sm" ff="monospace" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {item.ref}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={evidencePaths.item(org, item.ref)} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {item.title}
                </Anchor>
                {item.kind === 'file' && item.current.fileName && item.current.fileName !== item.title ? (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {item.current.fileName}
                    {item.currentVersion > 1 ? ` · version ${item.currentVersion}` : ''}
                  </Text>
                ) : item.currentVersion > 1 ? (
                  <Text size="xs" c="dimmed">
                    Version {item.currentVersion}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <KindBadge kind={item.kind} />
              </Table.Td>
              <Table.Td>
                <EvidenceStateBadge state={item.state} reviewDue={item.reviewDue} />
              </Table.Td>
              <Table.Td>
                <ReviewDate day={item.reviewDue} state={item.state} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {item.owner || '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <LinksCount item={item} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(item.updatedAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
