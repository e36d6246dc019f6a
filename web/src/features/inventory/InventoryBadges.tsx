import { Badge, Group, Text, Tooltip, type BadgeProps } from '@mantine/core';
import type { LifecycleStage, RiskClass } from '../../../../src/domain/schemas/inventory.schemas.ts';
import type { DataCategory, DueDiligenceStatus } from './api.ts';
import {
  dataCategoryDescriptions,
  dataCategoryLabels,
  dataCategoryStyle,
  dueDiligenceColors,
  dueDiligenceLabels,
  formatDay,
  isDayPast,
  riskColors,
  riskDescriptions,
  riskLabels,
  stageDescriptions,
  stageLabels,
} from './labels.ts';

/** The EU AI Act risk class of an AI system, coloured by severity; null reads "Unclassified". */
export function RiskClassBadge({ riskClass, size = 'sm' }: { riskClass: RiskClass | null; size?: BadgeProps['size'] }) {
  const key = riskClass ?? 'unclassified';
  return (
    <Tooltip label={riskDescriptions[key]} multiline w={280} withArrow openDelay={200}>
      <Badge
        size={size}
        radius="sm"
        color={riskColors[key]}
        variant={key === 'unclassified' ? 'outline' : key === 'out-of-scope' ? 'light' : 'filled'}
        // Yellow needs dark text to be readable.
        c={key === 'limited-risk' ? 'dark.8' : undefined}
        data-risk-class={key}
      >
        {riskLabels[key]}
      </Badge>
    </Tooltip>
  );
}

export function StageBadge({ stage, size = 'sm' }: { stage: LifecycleStage; size?: BadgeProps['size'] }) {
  return (
    <Tooltip label={stageDescriptions[stage]} withArrow openDelay={200}>
      <Badge size={size} radius="sm" variant="default" tt="none" fw={500}>
        {stageLabels[stage]}
      </Badge>
    </Tooltip>
  );
}

export function DueDiligenceBadge({ status, size = 'sm' }: { status: DueDiligenceStatus; size?: BadgeProps['size'] }) {
  return (
    <Badge size={size} radius="sm" variant="light" color={dueDiligenceColors[status]}>
      {dueDiligenceLabels[status]}
    </Badge>
  );
}

/** The kinds of data in a data set; personal and sensitive data stand out. */
export function DataCategoryBadges({ categories, size = 'sm' }: { categories: readonly DataCategory[]; size?: BadgeProps['size'] }) {
  if (categories.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Not stated
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="wrap">
      {categories.map((category) => (
        <Tooltip key={category} label={dataCategoryDescriptions[category]} multiline w={260} withArrow openDelay={200}>
          <Badge size={size} radius="sm" tt="none" {...dataCategoryStyle[category]} data-category={category}>
            {dataCategoryLabels[category]}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

export interface DueDateProps {
  /** YYYY-MM-DD, or null when none is set. */
  day: string | null;
  /** The server's verdict where it gives one; otherwise the date is compared with today. */
  overdue?: boolean;
  /** The word shown after a passed date. */
  lateLabel?: string;
  fallback?: string;
}

/** A due date, in red with "overdue" when it has passed. */
export function DueDate({ day, overdue, lateLabel = 'overdue', fallback = '—' }: DueDateProps) {
  if (!day) {
    return (
      <Text size="sm" c="dimmed" span>
        {fallback}
      </Text>
    );
  }
  const late = overdue ?? isDayPast(day);
  return (
    <Text size="sm" span c={late ? 'red.7' : undefined} fw={late ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
      {formatDay(day)}
      {late ? (
        <Text span size="xs" fw={600} ml={6}>
          {lateLabel}
        </Text>
      ) : null}
    </Text>
  );
}
