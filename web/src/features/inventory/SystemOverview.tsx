import { Badge, Button, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { formatDateTime } from '../../lib/format.ts';
import type { AiSystem } from './api.ts';
import { Field, FieldGroup } from './Fields.tsx';
import { DueDate, StageBadge } from './InventoryBadges.tsx';
import {
  automationDescriptions,
  automationLabels,
  euRoleDescriptions,
  euRoleLabels,
  isoRoleDescriptions,
  isoRoleLabels,
} from './labels.ts';

function RoleBadges({ roles }: { roles: { key: string; label: string; help: string }[] }) {
  return (
    <Group gap={4}>
      {roles.map((r) => (
        <Tooltip key={r.key} label={r.help} multiline w={280} withArrow openDelay={200}>
          <Badge size="sm" radius="sm" variant="light" color="blue" tt="none">
            {r.label}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

export interface SystemOverviewProps {
  system: AiSystem;
  mayWrite: boolean;
  onEdit: () => void;
}

/** Every field of an AI system, grouped: purpose and use, roles, people, automation, deployment, AIMS scope. */
export function SystemOverview({ system, mayWrite, onEdit }: SystemOverviewProps) {
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Text size="sm" c="dimmed">
          Last changed {formatDateTime(system.updatedAt)} · registered {formatDateTime(system.createdAt)}
        </Text>
        {mayWrite ? (
          <Button variant="default" onClick={onEdit}>
            Edit AI system
          </Button>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="md">
        <Stack gap="md">
          <FieldGroup id="purpose" title="Purpose & use">
            <Field label="Purpose">{system.purpose}</Field>
            <Field label="Intended use">{system.intendedUse}</Field>
            <Field label="Foreseeable misuse" help="Reasonably foreseeable misuse">
              {system.foreseeableMisuse}
            </Field>
          </FieldGroup>
          <FieldGroup id="people" title="People">
            <Field label="Owner">{system.owner}</Field>
            <Field label="Business unit">{system.businessUnit}</Field>
            <Field label="Users">{system.users}</Field>
            <Field label="Affected persons">{system.affectedPersons}</Field>
          </FieldGroup>
          <FieldGroup id="deployment" title="Deployment">
            <Field label="Deployment context">{system.deploymentContext}</Field>
            <Field label="Jurisdictions">
              {system.jurisdictions.length ? (
                <Group gap={4}>
                  {system.jurisdictions.map((j) => (
                    <Badge key={j} size="sm" radius="sm" variant="default" ff="monospace">
                      {j}
                    </Badge>
                  ))}
                </Group>
              ) : (
                ''
              )}
            </Field>
          </FieldGroup>
        </Stack>
        <Stack gap="md">
          <FieldGroup id="roles" title="Roles" description="Your organization's roles for this AI system">
            <Field label="AI roles (ISO/IEC 22989)">
              {system.isoRoles.length ? (
                <RoleBadges roles={system.isoRoles.map((r) => ({ key: r, label: isoRoleLabels[r], help: isoRoleDescriptions[r] }))} />
              ) : (
                ''
              )}
            </Field>
            <Field label="Operator roles (EU AI Act)">
              {system.euRoles.length ? (
                <RoleBadges roles={system.euRoles.map((r) => ({ key: r, label: euRoleLabels[r], help: euRoleDescriptions[r] }))} />
              ) : (
                ''
              )}
            </Field>
          </FieldGroup>
          <FieldGroup id="scope" title="AIMS scope" description="ISO/IEC 42001, clause 4.3">
            <Field label="In AIMS scope">
              <Badge size="sm" radius="sm" variant="light" color={system.inScope ? 'teal' : 'gray'}>
                {system.inScope ? 'In scope' : 'Outside the scope'}
              </Badge>
            </Field>
            <Field label="Scope reason">{system.scopeReason}</Field>
            <Field label="Life-cycle stage">
              <StageBadge stage={system.stage} />
            </Field>
            <Field label="Review due">{system.reviewDue ? <DueDate day={system.reviewDue} overdue={system.reviewOverdue} /> : ''}</Field>
          </FieldGroup>
          <FieldGroup id="automation" title="Automation & oversight">
            <Field label="Degree of automation">
              <Stack gap={0}>
                <Text size="sm">{automationLabels[system.automation]}</Text>
                <Text size="xs" c="dimmed">
                  {automationDescriptions[system.automation]}
                </Text>
              </Stack>
            </Field>
            <Field label="Human oversight">{system.humanOversight}</Field>
          </FieldGroup>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
