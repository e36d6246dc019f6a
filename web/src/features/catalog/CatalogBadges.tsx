import { Badge, Tooltip, type BadgeProps } from '@mantine/core';
import type { FrameworkSummary, ItemKind, Relationship } from './api.ts';
import { kindColors, kindLabels, originHelp, originLabels, relationshipColors, relationshipHelp, relationshipLabels } from './labels.ts';

export function KindBadge({ kind, size = 'sm' }: { kind: ItemKind; size?: BadgeProps['size'] }) {
  return (
    <Badge size={size} variant="light" color={kindColors[kind]} radius="sm">
      {kindLabels[kind].one}
    </Badge>
  );
}

/** The relationship of a link, with a tooltip (also on keyboard focus) explaining what it means. */
export function RelationshipBadge({ relationship }: { relationship: Relationship }) {
  return (
    <Tooltip
      label={relationshipHelp[relationship]}
      multiline
      w={300}
      withArrow
      openDelay={150}
      events={{ hover: true, focus: true, touch: true }}
    >
      <Badge
        size="sm"
        variant="light"
        color={relationshipColors[relationship]}
        radius="sm"
        tabIndex={0}
        aria-label={relationshipHelp[relationship]}
        style={{ cursor: 'help' }}
        data-relationship={relationship}
      >
        {relationshipLabels[relationship]}
      </Badge>
    </Tooltip>
  );
}

export function OriginBadge({ origin }: { origin: FrameworkSummary['origin'] }) {
  return (
    <Tooltip label={originHelp[origin]} multiline w={260} withArrow openDelay={150}>
      <Badge size="sm" variant={origin === 'built-in' ? 'outline' : 'light'} color={origin === 'built-in' ? 'gray' : 'violet'} radius="sm">
        {originLabels[origin]}
      </Badge>
    </Tooltip>
  );
}
