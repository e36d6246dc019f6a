import { Badge, Button, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { inventoryPaths, useClassifications, useQuestionnaire, type AiSystem, type Classification } from './api.ts';
import { ClassificationResultView } from './ClassificationResultView.tsx';
import { RiskClassBadge } from './InventoryBadges.tsx';

function ChangedQuestions({ ids, questionText }: { ids: string[]; questionText: (id: string) => string | undefined }) {
  if (ids.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {ids.map((id) => {
        const text = questionText(id);
        return (
          <Tooltip key={id} label={text ?? id} multiline w={320} withArrow disabled={!text}>
            <Badge size="sm" radius="sm" variant="light" color="gray" tt="none" ff="monospace" tabIndex={0} aria-label={text ?? id}>
              {id}
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}

function HistoryTable({
  classifications,
  questionText,
}: {
  classifications: Classification[];
  questionText: (id: string) => string | undefined;
}) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Classification history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={50}>#</Table.Th>
            <Table.Th w={170}>Date</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th w={160}>Outcome</Table.Th>
            <Table.Th>Note</Table.Th>
            <Table.Th>Changed answers</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {classifications.map((c) => (
            <Table.Tr key={c.id} style={{ verticalAlign: 'top' }} data-classification={c.number}>
              <Table.Td>{c.number}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(c.classifiedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.classifiedBy}</Text>
              </Table.Td>
              <Table.Td>
                <RiskClassBadge riskClass={c.outcome} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={c.note ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-line' }}>
                  {c.note || '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                {c.number === 1 ? (
                  <Text size="sm" c="dimmed">
                    First classification
                  </Text>
                ) : (
                  <ChangedQuestions ids={c.changedFromPrevious} questionText={questionText} />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export interface ClassificationPanelProps {
  org: string;
  system: AiSystem;
  mayWrite: boolean;
}

/** The latest EU AI Act classification of an AI system, what it means, and every earlier one. */
export function ClassificationPanel({ org, system, mayWrite }: ClassificationPanelProps) {
  const classifications = useClassifications(org, system.id);
  const questionnaire = useQuestionnaire(org);
  const questionText = (id: string) => questionnaire.data?.questions.find((q) => q.id === id)?.text;

  if (classifications.isPending) return <LoadingState label="Loading the classification…" />;
  if (classifications.isError) return <ErrorAlert error={classifications.error} title="Could not load the classification" />;

  const [latest] = classifications.data;
  // With a classification, "Re-classify" sits in the page header.
  const classifyButton = mayWrite ? (
    <Button component={Link} to={inventoryPaths.classify(org, system.id)}>
      Start the questionnaire
    </Button>
  ) : null;

  if (!latest) {
    return (
      <Paper withBorder radius="md">
        <EmptyMessage
          title="Not classified yet"
          description={
            mayWrite
              ? 'Answer the EU AI Act questionnaire to find the risk class of this AI system, the articles it rests on and the obligations that follow for your roles. It takes a few minutes and needs no legal background.'
              : 'Nobody has answered the EU AI Act questionnaire for this AI system yet. Contributors, AIMS managers and owners can classify it.'
          }
        >
          {classifyButton}
        </EmptyMessage>
      </Paper>
    );
  }

  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h4">
              EU AI Act classification
            </Title>
            <Text size="sm" c="dimmed">
              Classification {latest.number} · {formatDateTime(latest.classifiedAt)} · by {latest.classifiedBy} · questionnaire version{' '}
              {latest.questionnaireVersion}
            </Text>
            {latest.note ? (
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                <Text span c="dimmed">
                  Note:{' '}
                </Text>
                {latest.note}
              </Text>
            ) : null}
          </Stack>
        </Group>
        <ClassificationResultView org={org} result={latest} recordedRoles={system.euRoles} />
        <Text size="xs" c="dimmed">
          The classification is guidance from your answers, not legal advice. Record any legal review in the note when you re-classify.
        </Text>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="classification-history">
        <Title order={2} size="h4" id="classification-history">
          Classification history
        </Title>
        <Paper withBorder radius="md">
          <HistoryTable classifications={classifications.data} questionText={questionText} />
        </Paper>
      </Stack>
    </Stack>
  );
}
