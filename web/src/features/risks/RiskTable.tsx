import { Anchor, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ChevronDownIcon } from '../../lib/components/icons.tsx';
import { riskPaths, type Risk, type RiskSortField } from './api.ts';
import { LevelBadge, RiskFlags, StatusBadge, TreatmentBadge } from './RiskBadges.tsx';

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
  field: RiskSortField;
  sort: RiskSortField;
  order: 'asc' | 'desc';
  onSort: (field: RiskSortField, order: 'asc' | 'desc') => void;
  children: ReactNode;
  w?: number | string;
  miw?: number;
}

/** A column header that sorts the table: a button, with aria-sort on the header cell. */
function SortableTh({ field, sort, order, onSort, children, w, miw }: SortableThProps) {
  const active = field === sort;
  const direction = active ? order : null;
  return (
    <Table.Th w={w} miw={miw} aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}>
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

function Systems({ org, systems }: { org: string; systems: Risk['systems'] }) {
  if (systems.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const shown = systems.slice(0, 2);
  return (
    <Stack gap={2}>
      {shown.map((s) => (
        <Anchor key={s.id} component={Link} to={riskPaths.system(org, s.id)} size="sm" lineClamp={2} title={`${s.ref} ${s.name}`}>
          {s.name}
        </Anchor>
      ))}
      {systems.length > shown.length ? (
        <Tooltip
          label={systems
            .slice(shown.length)
            .map((s) => s.name)
            .join(', ')}
          multiline
          w={260}
          withArrow
        >
          <Text size="xs" c="dimmed" tabIndex={0} style={{ cursor: 'help' }}>
            and {systems.length - shown.length} more
          </Text>
        </Tooltip>
      ) : null}
    </Stack>
  );
}

export interface RiskTableProps {
  org: string;
  risks: Risk[];
  sort: RiskSortField;
  order: 'asc' | 'desc';
  onSort: (field: RiskSortField, order: 'asc' | 'desc') => void;
}

export function RiskTable({ org, risks, sort, order, onSort }: RiskTableProps) {
  const th = { sort, order, onSort };
  return (
    <Table.ScrollContainer minWidth={1040}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover aria-label="Risks">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="ref" w={96} {...th}>
              Ref
            </SortableTh>
            <SortableTh field="title" miw={200} {...th}>
              Title
            </SortableTh>
            <Table.Th w={120} style={{ whiteSpace: 'nowrap' }}>
              AI systems
            </Table.Th>
            <SortableTh field="inherent" w={100} {...th}>
              Inherent
            </SortableTh>
            <SortableTh field="residual" w={104} {...th}>
              Residual
            </SortableTh>
            <Table.Th w={96}>Treatment</Table.Th>
            <SortableTh field="owner" w={120} {...th}>
              Owner
            </SortableTh>
            <SortableTh field="status" w={136} {...th}>
              Status
            </SortableTh>
            <Table.Th w={128}>Flags</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {risks.map((risk) => (
            <Table.Tr key={risk.id} data-risk-ref={risk.ref}>
              <Table.Td>
                <Text size="sm" ff="monospace" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {risk.ref}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={riskPaths.risk(org, risk.id)} size="sm" fw={500}>
                  {risk.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Systems org={org} systems={risk.systems} />
              </Table.Td>
              <Table.Td>
                <LevelBadge level={risk.inherentLevel} quietEmpty />
              </Table.Td>
              <Table.Td>
                <LevelBadge level={risk.treatment.residualLevel} emptyLabel="Not estimated" quietEmpty />
              </Table.Td>
              <Table.Td>
                <TreatmentBadge option={risk.treatment.option} short />
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {risk.owner || '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={risk.status} />
              </Table.Td>
              <Table.Td>
                <RiskFlags risk={risk} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
