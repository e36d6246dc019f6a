import { Badge, Group, Text, Tooltip, type BadgeProps } from '@mantine/core';
import type { LevelRef, Risk, RiskStatus, TreatmentOption } from './api.ts';
import {
  statusColors,
  statusDescriptions,
  statusLabels,
  textOn,
  treatmentDescriptions,
  treatmentLabels,
  treatmentShort,
} from './labels.ts';

export interface LevelBadgeProps {
  level: LevelRef | null;
  size?: BadgeProps['size'];
  /** Read before the level, e.g. "Inherent" or "Residual"; also part of the accessible name. */
  prefix?: string;
  /** What an unscored risk shows. */
  emptyLabel?: string;
  /** Show a missing level as quiet text rather than a badge (dense tables). */
  quietEmpty?: boolean;
}

/** A risk level in the colour the criteria give it; "Not scored" while likelihood or impact is missing. */
export function LevelBadge({ level, size = 'sm', prefix, emptyLabel = 'Not scored', quietEmpty = false }: LevelBadgeProps) {
  if (!level && quietEmpty) {
    return (
      <Text size="xs" c="dimmed" data-level="none">
        {emptyLabel}
      </Text>
    );
  }
  if (!level) {
    return (
      <Badge size={size} radius="sm" variant="outline" color="gray" data-level="none">
        {prefix ? `${prefix}: ` : ''}
        {emptyLabel}
      </Badge>
    );
  }
  return (
    <Badge size={size} radius="sm" color={level.colour} c={textOn(level.colour)} data-level={level.id}>
      {prefix ? `${prefix}: ` : ''}
      {level.label}
    </Badge>
  );
}

export function StatusBadge({ status, size = 'sm' }: { status: RiskStatus; size?: BadgeProps['size'] }) {
  return (
    <Tooltip label={statusDescriptions[status]} multiline w={260} withArrow openDelay={200}>
      <Badge size={size} radius="sm" variant="light" color={statusColors[status]} tt="none" data-status={status}>
        {statusLabels[status]}
      </Badge>
    </Tooltip>
  );
}

export function TreatmentBadge({ option, short = false }: { option: TreatmentOption | null; short?: boolean }) {
  if (!option) {
    return (
      <Text size="sm" c="dimmed" span>
        Not decided
      </Text>
    );
  }
  return (
    <Tooltip label={treatmentDescriptions[option]} multiline w={260} withArrow openDelay={200}>
      <Badge size="sm" radius="sm" variant="default" tt="none" fw={500} data-treatment={option}>
        {short ? treatmentShort[option] : treatmentLabels[option]}
      </Badge>
    </Tooltip>
  );
}

/** The warnings of a risk as small badges: needs attention, review or treatment overdue, residual risk accepted. */
export function RiskFlags({ risk, size = 'xs' }: { risk: Risk; size?: BadgeProps['size'] }) {
  const flags = [];
  if (risk.needsAttention) {
    flags.push(
      <Tooltip key="attention" label="Above the acceptance threshold, and its residual risk is not accepted" multiline w={260} withArrow>
        <Badge size={size} radius="sm" color="red" variant="filled" tt="none">
          Needs attention
        </Badge>
      </Tooltip>,
    );
  }
  if (risk.reviewOverdue) {
    flags.push(
      <Badge key="review" size={size} radius="sm" color="red" variant="light" tt="none">
        Review overdue
      </Badge>,
    );
  }
  if (risk.treatmentOverdue) {
    flags.push(
      <Badge key="treatment" size={size} radius="sm" color="orange" variant="light" tt="none">
        Treatment overdue
      </Badge>,
    );
  }
  if (risk.acceptance) {
    flags.push(
      <Badge key="accepted" size={size} radius="sm" color="teal" variant="light" tt="none">
        Accepted
      </Badge>,
    );
  }
  if (flags.length === 0) {
    return (
      <Text size="sm" c="dimmed" span>
        —
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="wrap">
      {flags}
    </Group>
  );
}
