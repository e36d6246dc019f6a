import { Badge, Group, Text, Tooltip, type BadgeProps } from '@mantine/core';
import type { ImplementationStatus, SoaFlag, SoaRow } from './api.ts';
import {
  applicabilityColors,
  applicabilityDescriptions,
  applicabilityLabels,
  applicabilityOf,
  flagColors,
  flagLabels,
  statusColors,
  statusDescriptions,
  statusLabels,
} from './labels.ts';

export interface ApplicabilityBadgeProps {
  applicable: boolean | null;
  /** True when the control is included only because open risks name it (no decision recorded). */
  derived?: boolean;
  size?: BadgeProps['size'];
}

/** Included / Excluded / Not decided; an inclusion that comes from the risks says so. */
export function ApplicabilityBadge({ applicable, derived = false, size = 'sm' }: ApplicabilityBadgeProps) {
  const value = applicabilityOf(applicable);
  const tip = derived
    ? 'Included because the treatment of open risks names this control. No decision is recorded yet.'
    : applicabilityDescriptions[value];
  return (
    <Group gap={4} wrap="wrap" data-applicability={value} data-derived={derived || undefined}>
      <Tooltip label={tip} multiline w={260} withArrow openDelay={200}>
        <Badge size={size} radius="sm" variant={value === 'undecided' ? 'outline' : 'light'} color={applicabilityColors[value]} tt="none">
          {applicabilityLabels[value]}
        </Badge>
      </Tooltip>
      {derived ? (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          from risks
        </Text>
      ) : null}
    </Group>
  );
}

export function ImplementationStatusBadge({ status, size = 'sm' }: { status: ImplementationStatus; size?: BadgeProps['size'] }) {
  return (
    <Tooltip label={statusDescriptions[status]} multiline w={260} withArrow openDelay={200}>
      <Badge size={size} radius="sm" variant="light" color={statusColors[status]} tt="none" data-status={status}>
        {statusLabels[status]}
      </Badge>
    </Tooltip>
  );
}

/** The flags of an SoA row as small badges, each explained by the server's message in a tooltip. */
export function FlagBadges({ flags, size = 'xs', empty = '—' }: { flags: SoaFlag[]; size?: BadgeProps['size']; empty?: string }) {
  if (flags.length === 0) {
    return (
      <Text size="sm" c="dimmed" span>
        {empty}
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="wrap" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Flags">
      {flags.map((flag) => (
        <li key={flag.code}>
          <Tooltip label={flag.message} multiline w={280} withArrow openDelay={150}>
            <Badge size={size} radius="sm" variant="light" color={flagColors[flag.code]} tt="none" data-flag={flag.code} tabIndex={0}>
              {flagLabels[flag.code]}
            </Badge>
          </Tooltip>
        </li>
      ))}
    </Group>
  );
}

/** "3 current · 1 expired", or a dash when nothing is linked. */
export function EvidenceCount({ row }: { row: Pick<SoaRow, 'evidenceCount' | 'evidenceCurrent' | 'evidenceExpired'> }) {
  if (row.evidenceCount === 0) {
    return (
      <Text size="sm" c="dimmed" span>
        None
      </Text>
    );
  }
  return (
    <Text size="sm" span style={{ whiteSpace: 'nowrap' }}>
      {row.evidenceCurrent} current
      {row.evidenceExpired > 0 ? (
        <Text span size="sm" c="red.7" fw={600}>
          {' '}
          · {row.evidenceExpired} expired
        </Text>
      ) : null}
    </Text>
  );
}

const evidenceStateColors = { current: 'teal', expiring: 'yellow', expired: 'red' } as const;
const evidenceStateLabels = { current: 'Current', expiring: 'Expiring', expired: 'Expired' } as const;

export function EvidenceStateBadge({ state }: { state: keyof typeof evidenceStateLabels }) {
  return (
    <Badge size="sm" radius="sm" variant="light" color={evidenceStateColors[state]} tt="none" data-state={state}>
      {evidenceStateLabels[state]}
    </Badge>
  );
}
