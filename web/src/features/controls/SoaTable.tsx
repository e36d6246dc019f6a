import { Anchor, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { controlPaths, type SoaRow } from './api.ts';
import { ApplicabilityBadge, EvidenceCount, FlagBadges, ImplementationStatusBadge } from './ControlBadges.tsx';
import { areaHeading, reasonLabels } from './labels.ts';

/** An email address may wrap after its "@" rather than anywhere in the middle of a word. */
function breakableOwner(owner: string): ReactNode {
  const at = owner.indexOf('@');
  if (at < 0) return owner;
  return (
    <>
      {owner.slice(0, at + 1)}
      <wbr />
      {owner.slice(at + 1)}
    </>
  );
}

/** Risks shown by reference in a row before "and N more". */
const RISKS_SHOWN = 3;

function Justification({ org, row }: { org: string; row: SoaRow }) {
  const { basis } = row;
  if (row.applicable === false) {
    return basis.exclusion ? (
      <Text size="sm" lineClamp={3} title={basis.exclusion}>
        {basis.exclusion}
      </Text>
    ) : (
      <Text size="sm" c="red.7" fs="italic">
        No justification recorded
      </Text>
    );
  }
  if (basis.riskCount === 0 && basis.reasons.length === 0) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {row.applicable === null ? 'No risk needs it yet' : 'No risk, requirement or reason recorded'}
      </Text>
    );
  }
  const shown = basis.risks.slice(0, RISKS_SHOWN);
  const more = basis.riskCount - shown.length;
  return (
    <Stack gap={4}>
      {basis.riskCount > 0 ? (
        <div>
          <Text size="xs" c="dimmed">
            {basis.riskCount === 1 ? 'Needed to treat the risk' : `Needed to treat ${basis.riskCount} risks`}
          </Text>
          <Group gap={8} wrap="wrap" align="baseline">
            {shown.map((risk) => (
              <Tooltip key={risk.id} label={risk.title} multiline w={260} withArrow openDelay={200}>
                <Anchor
                  component={Link}
                  to={controlPaths.risk(org, risk.ref)}
                  size="sm"
                  ff="monospace"
                  aria-label={`${risk.ref} ${risk.title}`}
                >
                  {risk.ref}
                </Anchor>
              </Tooltip>
            ))}
            {more > 0 ? (
              <Text size="xs" c="dimmed">
                and {more} more
              </Text>
            ) : null}
          </Group>
        </div>
      ) : null}
      {basis.reasons.map((reason, i) => (
        <div key={i}>
          <Text size="xs" c="dimmed">
            {reasonLabels[reason.kind]}
          </Text>
          <Text size="sm" lineClamp={2} title={reason.text}>
            {reason.text}
          </Text>
        </div>
      ))}
    </Stack>
  );
}

export interface SoaTableProps {
  org: string;
  rows: SoaRow[];
  /** The accessible name of the table, e.g. "Statement of Applicability" or "… version 2". */
  label: string;
}

/** The SoA: one row per control, grouped by Annex A area, then the organization's own controls. */
export function SoaTable({ org, rows, label }: SoaTableProps) {
  const groups: { area: string; heading: string; rows: SoaRow[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.area === row.area) last.rows.push(row);
    else groups.push({ area: row.area, heading: areaHeading(row), rows: [row] });
  }
  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" aria-label={label} style={{ tableLayout: 'fixed' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="21%">Control</Table.Th>
            <Table.Th w={118}>Applicability</Table.Th>
            <Table.Th>Justification</Table.Th>
            <Table.Th w={164}>Status</Table.Th>
            <Table.Th w={132}>Owner</Table.Th>
            <Table.Th w={92}>Evidence</Table.Th>
            <Table.Th w={136}>Flags</Table.Th>
          </Table.Tr>
        </Table.Thead>
        {groups.map((group) => (
          <Table.Tbody key={group.area} data-area={group.area}>
            <Table.Tr bg="gray.0">
              <Table.Th colSpan={7} scope="colgroup" py={6}>
                <Group gap="xs">
                  <Text size="sm" fw={700}>
                    {group.heading}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {group.rows.length} {group.rows.length === 1 ? 'control' : 'controls'}
                  </Text>
                </Group>
              </Table.Th>
            </Table.Tr>
            {group.rows.map((row) => (
              <Table.Tr key={`${row.framework}|${row.control}`} data-control={row.control} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Anchor component={Link} to={controlPaths.control(org, row.framework, row.control)} size="sm" fw={500}>
                    <Text span ff="monospace" fw={700} size="sm" mr={6}>
                      {row.control}
                    </Text>
                    {row.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <ApplicabilityBadge applicable={row.applicable} derived={row.derived} />
                </Table.Td>
                <Table.Td>
                  <Justification org={org} row={row} />
                </Table.Td>
                <Table.Td>
                  <ImplementationStatusBadge status={row.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={row.owner ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
                    {row.owner ? breakableOwner(row.owner) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <EvidenceCount row={row} />
                </Table.Td>
                <Table.Td>
                  <FlagBadges flags={row.flags} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        ))}
      </Table>
    </Table.ScrollContainer>
  );
}
