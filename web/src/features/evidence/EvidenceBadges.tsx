import { Badge, Text, Tooltip, type BadgeProps } from '@mantine/core';
import { formatDay } from '../risks/labels.ts';
import type { EvidenceKind, EvidenceState } from './api.ts';
import { kindLabels, stateColors, stateDescriptions, stateLabels } from './labels.ts';

export interface EvidenceStateBadgeProps {
  state: EvidenceState;
  reviewDue: string | null;
  size?: BadgeProps['size'];
}

/** Current, expiring or expired — or "No review date" for evidence that does not expire. */
export function EvidenceStateBadge({ state, reviewDue, size = 'sm' }: EvidenceStateBadgeProps) {
  if (reviewDue === null) {
    return (
      <Tooltip label="No review date: the evidence does not expire. It counts as current." multiline w={240} withArrow openDelay={200}>
        <Badge
          size={size}
          radius="sm"
          variant="outline"
          color="gray"
          tt="none"
          data-state="no-review-date"
          style={{ whiteSpace: 'nowrap' }}
        >
          No review date
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Tooltip label={stateDescriptions[state]} multiline w={240} withArrow openDelay={200}>
      <Badge
        size={size}
        radius="sm"
        variant={state === 'expired' ? 'filled' : 'light'}
        color={stateColors[state]}
        tt="none"
        data-state={state}
        style={{ whiteSpace: 'nowrap' }}
      >
        {stateLabels[state]}
      </Badge>
    </Tooltip>
  );
}

export function KindBadge({ kind, size = 'sm' }: { kind: EvidenceKind; size?: BadgeProps['size'] }) {
  return (
    <Badge size={size} radius="sm" variant="default" tt="none" data-kind={kind} fw={500}>
      {kindLabels[kind]}
    </Badge>
  );
}

/** The review date, red once it has passed. */
export function ReviewDate({ day, state }: { day: string | null; state: EvidenceState }) {
  if (!day) {
    return (
      <Text size="sm" c="dimmed" span>
        —
      </Text>
    );
  }
  return (
    <Text
      size="sm"
      span
      c={state === 'expired' ? 'red.7' : state === 'expiring' ? 'yellow.9' : undefined}
      fw={state === 'current' ? undefined : 600}
      style={{ whiteSpace: 'nowrap' }}
    >
      {formatDay(day)}
    </Text>
  );
}
