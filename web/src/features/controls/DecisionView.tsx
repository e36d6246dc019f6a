import { Badge, DataList, Group, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../../lib/format.ts';
import { DueDate } from '../inventory/InventoryBadges.tsx';
import { Field } from '../inventory/Fields.tsx';
import type { ControlImplementationDetail } from './api.ts';
import { ApplicabilityBadge, ImplementationStatusBadge } from './ControlBadges.tsx';
import { reasonLabels } from './labels.ts';

export interface DecisionViewProps {
  impl: ControlImplementationDetail;
  /** True when the control is included only because open risks name it. */
  derived?: boolean;
}

/** A recorded decision, read only: applicability and why, status, owner, how it is implemented, review date. */
export function DecisionView({ impl, derived = false }: DecisionViewProps) {
  const applicable = derived ? true : impl.applicable;
  return (
    <Stack gap="md">
      {impl.id === null ? (
        <Text size="sm" c="dimmed" fs="italic">
          No decision is recorded for this control yet.
          {derived ? ' It is included in the SoA because the treatment of open risks names it.' : ''}
        </Text>
      ) : null}
      <DataList labelWidth={190} gap="xs" withDivider>
        <Field label="Applicability">
          <ApplicabilityBadge applicable={applicable} derived={derived} size="md" />
        </Field>
        {impl.applicable === false ? (
          <Field label="Exclusion justification">
            {impl.exclusionJustification ?? (
              <Text size="sm" c="red.7" fs="italic">
                No justification recorded
              </Text>
            )}
          </Field>
        ) : (
          <Field label="Reasons for including it">
            {impl.inclusionReasons.length ? (
              <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Reasons for including it">
                {impl.inclusionReasons.map((reason, i) => (
                  <li key={i}>
                    <Group gap="xs" wrap="nowrap" align="baseline">
                      <Badge size="sm" radius="sm" variant="default" tt="none" fw={500} style={{ flexShrink: 0 }}>
                        {reasonLabels[reason.kind]}
                      </Badge>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {reason.text}
                      </Text>
                    </Group>
                  </li>
                ))}
              </Stack>
            ) : (
              ''
            )}
          </Field>
        )}
        <Field label="Implementation status">
          <ImplementationStatusBadge status={impl.status} size="md" />
        </Field>
        <Field label="Owner">{impl.owner}</Field>
        <Field label="How it is implemented">{impl.description}</Field>
        <Field label="Review date">{impl.reviewDue ? <DueDate day={impl.reviewDue} overdue={impl.reviewOverdue} /> : ''}</Field>
        {impl.updatedAt ? <Field label="Last changed">{formatDateTime(impl.updatedAt)}</Field> : null}
      </DataList>
    </Stack>
  );
}
