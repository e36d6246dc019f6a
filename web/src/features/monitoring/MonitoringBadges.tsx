import { Badge, type BadgeProps } from '@mantine/core';
import type { AlertState, MetricKind, MonitoringPlan, RunStatus } from './api.ts';
import { alertStateColors, alertStateLabels, metricColors, metricLabels, runStatusColors, runStatusLabels } from './labels.ts';

type Size = BadgeProps['size'];

export function MetricBadge({ metric, size = 'sm' }: { metric: MetricKind; size?: Size }) {
  return (
    <Badge size={size} radius="sm" variant="light" color={metricColors[metric]}>
      {metricLabels[metric]}
    </Badge>
  );
}

export function RunStatusBadge({ status, size = 'sm' }: { status: RunStatus; size?: Size }) {
  return (
    <Badge
      size={size}
      radius="sm"
      variant={status === 'breached' ? 'filled' : 'light'}
      color={runStatusColors[status]}
      data-status={status}
    >
      {runStatusLabels[status]}
    </Badge>
  );
}

export function AlertStateBadge({ state, size = 'sm' }: { state: AlertState; size?: Size }) {
  if (state === 'none') return null;
  return (
    <Badge size={size} radius="sm" variant="light" color={alertStateColors[state]} data-alert={state}>
      {state === 'open' ? 'Alert open' : alertStateLabels[state]}
    </Badge>
  );
}

/** Paused, or overdue, or nothing for an active plan on schedule. */
export function PlanStateBadge({ plan, size = 'sm' }: { plan: Pick<MonitoringPlan, 'status' | 'overdue'>; size?: Size }) {
  if (plan.status === 'paused')
    return (
      <Badge size={size} radius="sm" variant="outline" color="gray">
        Paused
      </Badge>
    );
  if (plan.overdue)
    return (
      <Badge size={size} radius="sm" variant="light" color="red" data-overdue="true">
        Overdue
      </Badge>
    );
  return null;
}
