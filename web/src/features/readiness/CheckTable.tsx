import { Anchor, Badge, Box, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ReadinessCheck, ReadinessRule } from './api.ts';
import { asPriority, priorityColors, priorityLabels, priorityShortLabels } from './labels.ts';

export interface CheckTableProps {
  checks: ReadinessCheck[];
  /** The rules by id, for how each check is decided; absent while they load. */
  rules?: Map<string, ReadinessRule>;
  /** Whether passes are listed too (a status column then tells them apart). */
  showStatus: boolean;
  label: string;
  /** Auditors and viewers: a gap links to the records behind it, not to an action they cannot take. */
  readOnly?: boolean;
}

/** Where a reader who may not change records goes from a check: the records, not a form for a new one. */
function readerPath(path: string): string {
  return path.replace(/\/evidence\/new\?.*$/, '/evidence');
}

function StatusBadge({ status }: { status: ReadinessCheck['status'] }) {
  return status === 'pass' ? (
    <Badge size="sm" radius="sm" variant="light" color="teal" tt="none" data-status="pass">
      Pass
    </Badge>
  ) : (
    <Badge size="sm" radius="sm" variant="light" color="red" tt="none" data-status="gap">
      Gap
    </Badge>
  );
}

function HowChecked({ check, rule }: { check: ReadinessCheck; rule: ReadinessRule | undefined }) {
  if (!rule && !check.fix.cli) return null;
  return (
    <Box component="details" mt={4}>
      <Text component="summary" size="xs" c="dimmed" style={{ cursor: 'pointer' }}>
        How it is checked
      </Text>
      <Stack gap={4} mt={4}>
        {rule ? (
          <Text size="xs" c="dimmed">
            Passes when: {rule.passesWhen}
          </Text>
        ) : null}
        {check.fix.cli ? (
          <Text size="xs" c="dimmed">
            From the command line: <Code fz="xs">{check.fix.cli}</Code>
          </Text>
        ) : null}
      </Stack>
    </Box>
  );
}

/** Checks as a table: requirement, what an auditor asks for, what was found, and where it is fixed. */
export function CheckTable({ checks, rules, showStatus, label, readOnly = false }: CheckTableProps) {
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="sm" aria-label={label} highlightOnHover layout="fixed">
        <Table.Thead>
          <Table.Tr>
            {showStatus ? <Table.Th w={84}>Status</Table.Th> : null}
            <Table.Th w={120}>Requirement</Table.Th>
            <Table.Th>What an auditor asks for</Table.Th>
            <Table.Th w="32%">What was found</Table.Th>
            <Table.Th w={230}>Where it is fixed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {checks.map((check) => {
            const priority = asPriority(check.priority);
            const isGap = check.status === 'gap';
            return (
              <Table.Tr
                key={check.ruleId}
                data-rule={check.ruleId}
                data-status={check.status}
                data-priority={check.priority}
                data-group={check.group}
                style={{ verticalAlign: 'top' }}
              >
                {showStatus ? (
                  <Table.Td>
                    <StatusBadge status={check.status} />
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Text fw={700} ff="monospace" size="sm">
                      {check.requirement}
                    </Text>
                    {isGap ? (
                      <Badge
                        size="xs"
                        radius="sm"
                        variant="light"
                        color={priorityColors[priority]}
                        tt="none"
                        title={priorityLabels[priority]}
                      >
                        {priorityShortLabels[priority]}
                      </Badge>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {check.title}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {check.asks}
                  </Text>
                  <HowChecked check={check} rule={rules?.get(check.ruleId)} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={isGap ? 'red.9' : undefined} data-testid="check-detail">
                    {check.detail}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {isGap && !readOnly ? (
                    <Button
                      component={Link}
                      to={check.fix.path}
                      variant="light"
                      size="xs"
                      h="auto"
                      py={6}
                      styles={{ label: { whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.35 } }}
                    >
                      {check.fix.label}
                    </Button>
                  ) : (
                    <Anchor component={Link} to={readOnly ? readerPath(check.fix.path) : check.fix.path} size="sm">
                      See the records
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A one-line legend of the gap priorities, shown above the gap list. */
export function PriorityLegend() {
  return (
    <Group gap="md">
      {([1, 2, 3] as const).map((p) => (
        <Group key={p} gap={6} wrap="nowrap">
          <Badge size="xs" radius="sm" variant="light" color={priorityColors[p]} tt="none">
            {priorityShortLabels[p]}
          </Badge>
          <Text size="xs" c="dimmed">
            {priorityLabels[p]}
          </Text>
        </Group>
      ))}
    </Group>
  );
}
