import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { ReadinessScore } from './api.ts';
import { groupName, scoreColor } from './readiness-view.ts';

interface ScoreRowProps {
  score: ReadinessScore;
  active: boolean;
  onClick: () => void;
}

function ScoreRow({ score, active, onClick }: ScoreRowProps) {
  const color = scoreColor(score.score);
  const name = groupName(score.id);
  return (
    <UnstyledButton
      onClick={onClick}
      aria-pressed={active}
      aria-label={`${name} ${score.title}: ${score.score}%, ${score.passed} of ${score.total} checks pass`}
      title={active ? 'Show every requirement again' : `Show only ${name}`}
      data-group={score.id}
      data-score={score.score}
      data-passed={score.passed}
      data-total={score.total}
      px="sm"
      py={6}
      w="100%"
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        background: active ? 'var(--mantine-color-teal-0)' : undefined,
        outline: active ? '1px solid var(--mantine-color-teal-4)' : undefined,
      }}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" mb={4}>
        <Text size="sm" lineClamp={1}>
          <Text span fw={700} ff="monospace" size="sm" mr={6}>
            {score.id}
          </Text>
          {score.title}
        </Text>
        <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {score.score}%{' '}
          <Text span size="xs" c="dimmed" fw={400}>
            {score.passed}/{score.total}
          </Text>
        </Text>
      </Group>
      <Progress value={score.score} color={color} size="sm" radius="xl" aria-hidden />
    </UnstyledButton>
  );
}

interface ScorePanelProps {
  id: string;
  title: string;
  description: string;
  scores: ReadinessScore[];
  selected: string | null;
  onSelect: (group: string | null) => void;
}

function ScorePanel({ id, title, description, scores, selected, onSelect }: ScorePanelProps) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Stack gap={2} mb="sm">
        <Title order={2} size="h5" id={id}>
          {title}
        </Title>
        <Text size="xs" c="dimmed">
          {description}
        </Text>
      </Stack>
      <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {scores.map((score) => (
          <li key={score.id}>
            <ScoreRow score={score} active={selected === score.id} onClick={() => onSelect(selected === score.id ? null : score.id)} />
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

export interface GroupScoresProps {
  clauses: ReadinessScore[];
  annexA: ReadinessScore[];
  selected: string | null;
  onSelect: (group: string | null) => void;
}

/** The figure per clause 4–10 and per Annex A area; each one filters the list below to it. */
export function GroupScores({ clauses, annexA, selected, onSelect }: GroupScoresProps) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mb="lg">
      <ScorePanel
        id="readiness-clauses"
        title="Clauses 4–10"
        description="The management system requirements. Select one to list only its checks."
        scores={clauses}
        selected={selected}
        onSelect={onSelect}
      />
      <ScorePanel
        id="readiness-annex-a"
        title="Annex A controls"
        description="Per area: the SoA decision on each control, and whether an included control operates with current evidence."
        scores={annexA}
        selected={selected}
        onSelect={onSelect}
      />
    </SimpleGrid>
  );
}
