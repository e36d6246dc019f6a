import { Badge, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import type { AnswerValue, TemplateSection } from './api.ts';
import { AnswerField, AnswerView } from './AnswerField.tsx';
import { isAnswered } from './labels.ts';

/** The DOM id of a template section's card. */
export function sectionDomId(sectionId: string): string {
  return `impact-section-${sectionId}`;
}

/** How far a section is answered: all questions, and the required ones still open. */
export function sectionProgress(section: TemplateSection, answers: Record<string, unknown>) {
  const answered = section.fields.filter((f) => isAnswered(answers[f.id])).length;
  const missingRequired = section.fields.filter((f) => f.required && !isAnswered(answers[f.id])).length;
  return { answered, total: section.fields.length, missingRequired };
}

export interface QuestionSectionProps {
  org: string;
  section: TemplateSection;
  index: number;
  answers: Record<string, AnswerValue | undefined>;
  editable: boolean;
  onAnswer: (fieldId: string, value: AnswerValue | undefined) => void;
  errorFor: (fieldId: string) => string | undefined;
  /** Mark unanswered required questions (read-only views of an assessment not yet approved). */
  showMissing: boolean;
}

/** One section of the template: its questions, editable or read-only. */
export function QuestionSection({ org, section, index, answers, editable, onAnswer, errorFor, showMissing }: QuestionSectionProps) {
  const progress = sectionProgress(section, answers);
  const headingId = `${sectionDomId(section.id)}-title`;
  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      component="section"
      aria-labelledby={headingId}
      id={sectionDomId(section.id)}
      style={{ scrollMarginTop: 72 }}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
          <Stack gap={2}>
            <Title order={2} size="h4" id={headingId}>
              {index + 1}. {section.title}
            </Title>
            {section.help ? (
              <Text size="sm" c="dimmed" maw={760} style={{ whiteSpace: 'pre-line' }}>
                {section.help}
              </Text>
            ) : null}
          </Stack>
          <Badge
            size="sm"
            radius="sm"
            variant="light"
            color={progress.answered === progress.total ? 'teal' : progress.missingRequired ? 'orange' : 'gray'}
            tt="none"
            style={{ flexShrink: 0 }}
          >
            {progress.answered} of {progress.total} answered
          </Badge>
        </Group>
        {section.fields.map((field, i) => (
          <Fragment key={field.id}>
            {i > 0 && !editable ? <Divider color="gray.2" /> : null}
            {editable ? (
              <AnswerField
                org={org}
                field={field}
                value={answers[field.id]}
                onChange={(value) => onAnswer(field.id, value)}
                error={errorFor(field.id)}
              />
            ) : (
              <AnswerView org={org} field={field} value={answers[field.id]} missingHint={showMissing} />
            )}
          </Fragment>
        ))}
      </Stack>
    </Paper>
  );
}
