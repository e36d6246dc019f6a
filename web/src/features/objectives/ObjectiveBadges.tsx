import { Badge, Tooltip, type BadgeProps } from '@mantine/core';
import type { ObjectiveProgress, ObjectiveStatus } from './api.ts';
import { progressColors, progressDescriptions, progressLabels, statusColors, statusLabels } from './labels.ts';

type Size = BadgeProps['size'];

export function ObjectiveStatusBadge({ status, size = 'sm' }: { status: ObjectiveStatus; size?: Size }) {
  return (
    <Badge
      size={size}
      radius="sm"
      variant={status === 'withdrawn' ? 'outline' : 'light'}
      color={statusColors[status]}
      tt="none"
      data-status={status}
      style={{ whiteSpace: 'nowrap' }}
    >
      {statusLabels[status]}
    </Badge>
  );
}

/** Met, not met (filled, like a breached run) or not measured. */
export function ProgressBadge({ progress, size = 'sm' }: { progress: ObjectiveProgress; size?: Size }) {
  return (
    <Tooltip label={progressDescriptions[progress]} multiline w={240} withArrow openDelay={200}>
      <Badge
        size={size}
        radius="sm"
        variant={progress === 'not-met' ? 'filled' : progress === 'met' ? 'light' : 'outline'}
        color={progressColors[progress]}
        tt="none"
        data-progress={progress}
        style={{ whiteSpace: 'nowrap' }}
      >
        {progressLabels[progress]}
      </Badge>
    </Tooltip>
  );
}

export function OverdueBadge({ size = 'sm' }: { size?: Size }) {
  return (
    <Badge size={size} radius="sm" variant="light" color="red" tt="none" data-overdue="true">
      Overdue
    </Badge>
  );
}
