import { Alert, Anchor, Badge, Box, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { EuRole } from '../../../../src/domain/schemas/inventory.schemas.ts';
import { catalogPaths } from '../catalog/api.ts';
import { EU_AI_ACT, type ClassificationResult, type Obligation } from './api.ts';
import { RiskClassBadge } from './InventoryBadges.tsx';
import { euRoleLabels, formatDay, riskDescriptions, today } from './labels.ts';

function roleLabel(role: string): string {
  if (role === 'all') return 'Every operator';
  return euRoleLabels[role as EuRole] ?? role;
}

/** An article reference; a link to its catalog page when the catalog has it. */
export function RefLink({ org, refId, inCatalog = true }: { org: string; refId: string; inCatalog?: boolean }) {
  const text = (
    <Text span ff="monospace" size="sm" fw={600}>
      {refId}
    </Text>
  );
  if (!inCatalog) return text;
  return (
    <Anchor component={Link} to={catalogPaths.item(org, EU_AI_ACT, refId)} style={{ whiteSpace: 'nowrap' }}>
      {text}
    </Anchor>
  );
}

function RefBadges({ refs }: { refs: string[] }) {
  if (refs.length === 0) return null;
  return (
    <Group gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {refs.map((r) => (
        <Badge key={r} component="li" size="sm" radius="sm" variant="default" tt="none" ff="monospace">
          {r}
        </Badge>
      ))}
    </Group>
  );
}

function Reasons({ reasons, label }: { reasons: ClassificationResult['reasons']; label: string }) {
  if (reasons.length === 0) return null;
  return (
    <Box component="ol" m={0} pl="lg" aria-label={label}>
      {reasons.map((reason, index) => (
        <Text component="li" key={index} size="sm" mb={4}>
          {reason.ref ? (
            <Text span ff="monospace" size="xs" fw={600} c="dimmed" mr={6}>
              {reason.ref}
            </Text>
          ) : null}
          {reason.text}
        </Text>
      ))}
    </Box>
  );
}

/** Obligations grouped by the role they fall on, each with its date of application (Art. 113). */
export function ObligationsTable({ org, obligations, label }: { org: string; obligations: Obligation[]; label: string }) {
  if (obligations.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No specific obligations follow from this outcome.
      </Text>
    );
  }
  const now = today();
  const roles = [...new Set(obligations.map((o) => o.role))].sort((a, b) => (a === 'all' ? -1 : b === 'all' ? 1 : 0));
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" horizontalSpacing="sm" aria-label={label} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>Article</Table.Th>
            <Table.Th>Obligation</Table.Th>
            <Table.Th w={150}>Applies from</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roles.map((role) => (
            <Fragment key={role}>
              <Table.Tr bg="gray.0">
                <Table.Th colSpan={3} scope="colgroup">
                  <Text size="sm" fw={700}>
                    {roleLabel(role)}
                  </Text>
                </Table.Th>
              </Table.Tr>
              {obligations
                .filter((o) => o.role === role)
                .map((o, index) => {
                  const pending = o.appliesFrom > now;
                  return (
                    <Table.Tr key={`${o.ref}-${index}`} style={{ verticalAlign: 'top' }} data-obligation={o.ref}>
                      <Table.Td>
                        <RefLink org={org} refId={o.ref} inCatalog={o.inCatalog} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {o.title}
                        </Text>
                        <Text size="sm" c="dimmed">
                          {o.duty}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2} align="flex-start">
                          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                            {formatDay(o.appliesFrom)}
                          </Text>
                          <Badge size="xs" radius="sm" variant="light" color={pending ? 'gray' : 'teal'}>
                            {pending ? 'Not yet' : 'Applies now'}
                          </Badge>
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Title order={3} size="h6">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

export interface ClassificationResultViewProps {
  org: string;
  result: ClassificationResult;
  /** The roles recorded on the system, to point out an Art. 25 shift. */
  recordedRoles?: readonly EuRole[];
  /** Heading level context: "Outcome" in a preview, the date in a saved one. */
  heading?: ReactNode;
}

/** What the EU AI Act questionnaire concluded: outcome, basis, reasons, roles, obligations and the GPAI track. */
export function ClassificationResultView({ org, result, recordedRoles, heading }: ClassificationResultViewProps) {
  const shifted =
    recordedRoles !== undefined && result.effectiveRoles.some((r) => !recordedRoles.includes(r)) ? result.effectiveRoles : null;
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group gap="sm" align="center">
            <RiskClassBadge riskClass={result.outcome} size="xl" />
            {heading}
          </Group>
          <Text size="sm">{riskDescriptions[result.outcome]}</Text>
          {result.basis.length ? (
            <Group gap="xs" align="center">
              <Text size="sm" c="dimmed">
                Basis:
              </Text>
              <RefBadges refs={result.basis} />
            </Group>
          ) : null}
        </Stack>
      </Paper>

      <Section title="Why">
        <Reasons reasons={result.reasons} label="Reasons for the outcome" />
      </Section>

      <Section title="Your roles under the EU AI Act">
        {result.effectiveRoles.length ? (
          <Group gap={4}>
            {result.effectiveRoles.map((r) => (
              <Badge key={r} size="md" radius="sm" variant="light" color="blue" tt="none">
                {euRoleLabels[r]}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            No operator role applies.
          </Text>
        )}
        {shifted ? (
          <Alert color="yellow" variant="light" p="xs">
            <Text size="sm">
              These differ from the roles recorded on the AI system: under Art. 25 a distributor, importer or deployer who puts its name on
              the system, modifies it substantially or changes its intended purpose becomes its provider. Update the roles on the Overview
              tab if that is so.
            </Text>
          </Alert>
        ) : null}
      </Section>

      {result.transparency.length ? (
        <Section title="Transparency obligations (Art. 50)">
          <RefBadges refs={result.transparency} />
        </Section>
      ) : null}

      <Section title="Obligations">
        <ObligationsTable org={org} obligations={result.obligations} label="Obligations" />
      </Section>

      {result.gpai ? (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="gpai-title">
          <Stack gap="sm">
            <Group gap="sm">
              <Title order={3} size="h5" id="gpai-title">
                General-purpose AI model
              </Title>
              <Badge color={result.gpai.systemicRisk ? 'red' : 'blue'} variant="light" radius="sm">
                {result.gpai.systemicRisk ? 'With systemic risk' : 'Without systemic risk'}
              </Badge>
            </Group>
            {result.gpai.basis.length ? (
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  Basis:
                </Text>
                <RefBadges refs={result.gpai.basis} />
              </Group>
            ) : null}
            <Reasons reasons={result.gpai.reasons} label="Reasons for the general-purpose AI outcome" />
            <ObligationsTable org={org} obligations={result.gpai.obligations} label="General-purpose AI obligations" />
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
