import { Anchor, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { catalogPaths, ISO_42001 } from '../catalog/api.ts';
import { formatDay } from '../risks/labels.ts';
import { Section } from '../risks/Section.tsx';
import type { ObjectiveDetail } from './api.ts';
import { Fact } from '../../lib/components/RecordParts.tsx';
import { ObjectiveStatusBadge, OverdueBadge } from './ObjectiveBadges.tsx';

function Prose({ text, empty = 'Not recorded' }: { text: string; empty?: string }) {
  return text ? (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  ) : (
    <Text size="sm" c="dimmed" fs="italic">
      {empty}
    </Text>
  );
}

/** The objective as 6.2 asks for it: what, why, from which policy commitment, who, by when, how. */
export function ObjectiveFacts({ org, objective }: { org: string; objective: ObjectiveDetail }) {
  return (
    <Section id="objective" title="The objective" description="What is to be achieved, and how it is planned (ISO/IEC 42001 6.2).">
      <Stack gap="lg">
        <Fact label="Description">
          <Prose text={objective.description} />
        </Fact>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Fact label="Owner">
            <Text size="sm">{objective.owner}</Text>
          </Fact>
          <Fact label="Target date">
            <Group gap={6}>
              <Text size="sm" c={objective.overdue ? 'red.8' : undefined} fw={objective.overdue ? 600 : undefined}>
                {formatDay(objective.targetDate, 'None set')}
              </Text>
              {objective.overdue ? <OverdueBadge size="xs" /> : null}
            </Group>
          </Fact>
          <Fact label="Status">
            <ObjectiveStatusBadge status={objective.status} />
          </Fact>
        </SimpleGrid>
        <Fact label="Topics (Annex C)">
          {objective.topics.length === 0 ? (
            <Text size="sm" c="dimmed" fs="italic">
              None chosen
            </Text>
          ) : (
            <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Topics">
              {objective.topics.map((t) => (
                <li key={t.id} data-topic={t.id}>
                  <Anchor component={Link} to={catalogPaths.item(org, ISO_42001, t.id)} size="sm">
                    <Text span ff="monospace" fw={600} size="sm">
                      {t.id}
                    </Text>{' '}
                    {t.title ?? ''}
                  </Anchor>
                </li>
              ))}
            </Stack>
          )}
        </Fact>
        <Fact label="How it follows from the AI policy">
          <Prose text={objective.policyLink} />
        </Fact>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <Fact label="What will be done">
            <Prose text={objective.actions} />
          </Fact>
          <Fact label="Resources">
            <Prose text={objective.resources} />
          </Fact>
          <Fact label="How results are evaluated">
            <Prose text={objective.evaluation} empty={objective.measure ? 'By the measure below' : 'Not recorded'} />
          </Fact>
        </SimpleGrid>
      </Stack>
    </Section>
  );
}
