import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { evidencePaths } from '../evidence/api.ts';
import { stateColors, stateLabels } from '../evidence/labels.ts';
import { formatDay } from '../risks/labels.ts';
import { Section } from '../risks/Section.tsx';
import { objectivePaths, type ObjectiveDetail } from './api.ts';

function isKnownState(state: string): state is keyof typeof stateLabels {
  return state in stateLabels;
}

/** The evidence linked to the objective: the runs of its plan, and what people linked to it. */
export function ObjectiveEvidence({ org, objective, mayWrite }: { org: string; objective: ObjectiveDetail; mayWrite: boolean }) {
  const items = objective.evidence;
  return (
    <Section
      id="evidence"
      title="Evidence"
      description={
        objective.measure
          ? 'Documented information that shows progress: the runs of the plan that measures it, and anything else linked to it. Newest first.'
          : 'Documented information that shows progress: anything linked to this objective. Newest first.'
      }
      actions={
        mayWrite ? (
          <Button variant="default" component={Link} to={objectivePaths.addEvidence(org, objective.ref)}>
            Add evidence
          </Button>
        ) : null
      }
    >
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" fs="italic">
          No evidence is linked yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Evidence of this objective" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>Ref</Table.Th>
                <Table.Th>Title</Table.Th>
                <Table.Th w={120}>State</Table.Th>
                <Table.Th w={140}>Effective</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id} data-evidence={e.ref}>
                  <Table.Td>
                    <Anchor component={Link} to={evidencePaths.item(org, e.ref)} size="sm" ff="monospace" fw={600}>
                      {e.ref}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {e.title}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      size="sm"
                      radius="sm"
                      variant="light"
                      tt="none"
                      color={isKnownState(e.state) ? stateColors[e.state] : 'gray'}
                      data-state={e.state}
                    >
                      {isKnownState(e.state) ? stateLabels[e.state] : e.state}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDay(e.effectiveDate)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
