import { Alert, Box, Button, Grid, Group, Paper, Stack, Text, Textarea, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { visibleQuestions } from '../../../../src/domain/questionnaire.ts';
import { ApiError, isApiError } from '../../lib/api.ts';
import { ErrorAlert, messageOf } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { roleLabels } from '../../lib/roles.ts';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import {
  inventoryPaths,
  useClassificationPreview,
  useClassifications,
  useClassify,
  useQuestionnaire,
  useSystem,
  type AiSystem,
  type AnswerValue,
  type Classification,
  type ClassificationAnswers,
  type Question,
  type Questionnaire,
} from './api.ts';
import { ClassificationResultView } from './ClassificationResultView.tsx';
import { flashState } from './flash-state.ts';
import { RiskClassBadge } from './InventoryBadges.tsx';
import { canWriteInventory, riskLabels, withArticle } from './labels.ts';
import { isAnswered, QuestionField } from './QuestionField.tsx';

const REVIEW = '__review__';

/** Earlier answers that still fit this questionnaire (it may have changed since). */
function usableAnswers(questionnaire: Questionnaire, answers: ClassificationAnswers | undefined): ClassificationAnswers {
  const kept: ClassificationAnswers = {};
  for (const question of questionnaire.questions) {
    const value = answers?.[question.id];
    if (value !== undefined && isAnswered(question, value)) kept[question.id] = value;
  }
  return kept;
}

/** Only the answers to the questions still asked: the server rejects answers to hidden questions. */
function answersToSend(visible: Question[], answers: ClassificationAnswers): ClassificationAnswers {
  const sent: ClassificationAnswers = {};
  for (const question of visible) {
    const value = answers[question.id];
    if (value !== undefined) sent[question.id] = value;
  }
  return sent;
}

/** The API's complaint about one answer (`answers.<questionId>`). */
function answerError(error: unknown, questionId: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(`answers.${questionId}`) : undefined;
}

function CheckIcon() {
  return (
    <svg width={12} height={12} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={3} aria-hidden="true">
      <path d="M5 12l5 5 9-10" />
    </svg>
  );
}

interface StepInfo {
  id: string;
  title: string;
  description: string;
  questions: Question[];
  answered: number;
  /** The server found a problem with an answer in this step. */
  problem: boolean;
}

function StepList({
  steps,
  active,
  reachable,
  onSelect,
  complete,
}: {
  steps: StepInfo[];
  active: string;
  reachable: (index: number) => boolean;
  onSelect: (id: string) => void;
  complete: boolean;
}) {
  const items = [
    ...steps.map((s, i) => ({
      id: s.id,
      title: s.title,
      status: s.problem ? 'Check the answers' : `${s.answered} of ${s.questions.length} answered`,
      done: s.answered === s.questions.length && !s.problem,
      problem: s.problem,
      index: i,
    })),
    {
      id: REVIEW,
      title: 'Outcome & save',
      status: complete ? 'Ready' : 'Answer every question first',
      done: false,
      problem: false,
      index: steps.length,
    },
  ];
  return (
    <Box component="nav" aria-label="Questionnaire steps">
      <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
        {items.map((item) => {
          const current = item.id === active;
          const enabled = reachable(item.index);
          return (
            <li key={item.id}>
              <UnstyledButton
                onClick={() => onSelect(item.id)}
                disabled={!enabled}
                aria-current={current ? 'step' : undefined}
                w="100%"
                px="sm"
                py={8}
                style={{
                  borderRadius: 'var(--mantine-radius-md)',
                  background: current ? 'var(--mantine-color-teal-0)' : undefined,
                  opacity: enabled ? 1 : 0.55,
                  cursor: enabled ? 'pointer' : 'not-allowed',
                }}
              >
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <ThemeIcon
                    size={24}
                    radius="xl"
                    variant={item.done ? 'filled' : current ? 'light' : 'default'}
                    color={item.problem ? 'red' : item.done ? 'teal' : 'gray'}
                    style={{ flexShrink: 0 }}
                  >
                    {item.done ? (
                      <CheckIcon />
                    ) : (
                      <Text size="xs" fw={700}>
                        {item.index + 1}
                      </Text>
                    )}
                  </ThemeIcon>
                  <Stack gap={0} miw={0}>
                    <Text size="sm" fw={current ? 700 : 500}>
                      {item.title}
                    </Text>
                    <Text size="xs" c={item.problem ? 'red.7' : 'dimmed'} fw={item.problem ? 600 : undefined}>
                      {item.status}
                    </Text>
                  </Stack>
                </Group>
              </UnstyledButton>
            </li>
          );
        })}
      </Box>
    </Box>
  );
}

interface WizardProps {
  org: string;
  system: AiSystem;
  questionnaire: Questionnaire;
  previous: Classification | undefined;
}

function Wizard({ org, system, questionnaire, previous }: WizardProps) {
  const navigate = useNavigate();
  const classify = useClassify(org, system.id);
  const [answers, setAnswers] = useState<ClassificationAnswers>(() => usableAnswers(questionnaire, previous?.answers));
  const [note, setNote] = useState('');
  const [active, setActive] = useState<string>(questionnaire.steps[0]?.id ?? REVIEW);
  const [showMissing, setShowMissing] = useState<ReadonlySet<string>>(new Set());

  const visible = useMemo(() => visibleQuestions(questionnaire.questions, answers), [questionnaire, answers]);
  const toSend = useMemo(() => answersToSend(visible, answers), [visible, answers]);
  const missing = visible.filter((q) => !isAnswered(q, answers[q.id]));
  const complete = missing.length === 0;

  const [debounced] = useDebouncedValue(JSON.stringify(toSend), 250);
  const preview = useClassificationPreview(org, complete && debounced === JSON.stringify(toSend) ? toSend : null);

  const steps: StepInfo[] = questionnaire.steps
    .map((step) => {
      const questions = visible.filter((q) => q.step === step.id);
      return {
        ...step,
        questions,
        answered: questions.filter((q) => isAnswered(q, answers[q.id])).length,
        problem: questions.some((q) => answerError(classify.error, q.id) ?? answerError(preview.error, q.id)),
      };
    })
    .filter((s) => s.questions.length > 0);

  // A step can disappear when an answer hides its questions: fall back to the first step still open.
  const activeIndex = active === REVIEW ? steps.length : steps.findIndex((s) => s.id === active);
  const index =
    activeIndex >= 0
      ? activeIndex
      : Math.max(
          0,
          steps.findIndex((s) => s.answered < s.questions.length),
        );
  const step = steps[index];
  const onReview = index >= steps.length;
  const reachable = (i: number) => steps.slice(0, i).every((s) => s.answered === s.questions.length);

  const go = (id: string) => {
    setActive(id);
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  const setAnswer = (id: string, value: AnswerValue | undefined) => {
    classify.reset();
    setAnswers((prev) => {
      const next = { ...prev };
      if (value === undefined) delete next[id];
      else next[id] = value;
      return next;
    });
  };

  const next = () => {
    if (!step) return;
    const open = step.questions.filter((q) => !isAnswered(q, answers[q.id]));
    if (open.length > 0) {
      setShowMissing(new Set(open.map((q) => q.id)));
      document.getElementById(`question-${open[0]?.id ?? ''}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    setShowMissing(new Set());
    go(steps[index + 1]?.id ?? REVIEW);
  };

  const save = () => {
    const trimmed = note.trim();
    classify.mutate(
      { answers: toSend, ...(trimmed ? { note: trimmed } : {}) },
      {
        onSuccess: (saved) =>
          void navigate(inventoryPaths.system(org, system.id, 'classification'), {
            state: flashState(
              'success',
              `${system.ref} is classified as ${riskLabels[saved.outcome]} (classification ${saved.number}).`,
              'Classification saved',
            ),
          }),
        onError: (error) => {
          // An answer the server rejected: go to its step.
          const bad = visible.find((q) => answerError(error, q.id));
          if (bad) go(bad.step);
        },
      },
    );
  };

  const previewError = preview.error;
  const errorFor = (question: Question) =>
    answerError(classify.error, question.id) ??
    answerError(previewError, question.id) ??
    (showMissing.has(question.id) && !isAnswered(question, answers[question.id]) ? 'Answer this question to continue' : undefined);

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
        <Stack gap="md" style={{ position: 'sticky', top: 72 }}>
          <Paper withBorder radius="md" p="xs">
            <StepList
              steps={steps}
              active={onReview ? REVIEW : (step?.id ?? REVIEW)}
              reachable={reachable}
              onSelect={go}
              complete={complete}
            />
          </Paper>
          <Paper withBorder radius="md" p="md" aria-live="polite" data-testid="outcome-preview">
            <Stack gap={6}>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                Outcome
              </Text>
              {!complete ? (
                <Text size="sm" c="dimmed">
                  {missing.length} {missing.length === 1 ? 'question' : 'questions'} left. The outcome appears when every question is
                  answered.
                </Text>
              ) : preview.isError ? (
                <Text size="sm" c="red.7">
                  {steps.some((s) => s.problem) ? 'An answer needs correcting: see the step marked in red.' : messageOf(previewError)}
                </Text>
              ) : preview.data ? (
                <Stack gap={4} style={{ opacity: preview.isFetching ? 0.6 : 1 }}>
                  <RiskClassBadge riskClass={preview.data.outcome} size="lg" />
                  {preview.data.basis.length ? (
                    <Text size="xs" c="dimmed">
                      Basis: {preview.data.basis.join(', ')}
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {preview.data.obligations.length} {preview.data.obligations.length === 1 ? 'obligation' : 'obligations'}
                    {preview.data.gpai ? ' · general-purpose AI model' : ''}
                  </Text>
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  Working it out…
                </Text>
              )}
            </Stack>
          </Paper>
        </Stack>
      </Grid.Col>

      <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
        {onReview ? (
          <Stack gap="md">
            <Stack gap={2}>
              <Title order={2} size="h3">
                Outcome & save
              </Title>
              <Text size="sm" c="dimmed">
                Check the outcome, add a note if it helps the next reader, and save. Saving records who classified the AI system and when,
                and updates its risk class.
              </Text>
            </Stack>
            {!complete ? (
              <Alert color="yellow" variant="light" title="Some questions are not answered">
                <Stack gap="xs">
                  <Text size="sm">Answer every question before saving.</Text>
                  <Group gap="xs">
                    {steps
                      .filter((s) => s.answered < s.questions.length)
                      .map((s) => (
                        <Button key={s.id} size="compact-sm" variant="light" color="yellow" onClick={() => go(s.id)}>
                          {s.title}
                        </Button>
                      ))}
                  </Group>
                </Stack>
              </Alert>
            ) : preview.isPending ? (
              <LoadingState label="Working out the outcome…" />
            ) : preview.isError ? (
              <Stack gap="xs">
                <ErrorAlert error={preview.error} title="The outcome could not be worked out" />
                {steps.some((s) => s.problem) ? (
                  <Group gap="xs">
                    {steps
                      .filter((s) => s.problem)
                      .map((s) => (
                        <Button key={s.id} size="compact-sm" variant="light" color="red" onClick={() => go(s.id)}>
                          Check “{s.title}”
                        </Button>
                      ))}
                  </Group>
                ) : null}
              </Stack>
            ) : (
              <ClassificationResultView
                org={org}
                result={preview.data}
                recordedRoles={system.euRoles}
                heading={
                  previous && previous.outcome !== preview.data.outcome ? (
                    <Text size="sm" c="dimmed">
                      was {riskLabels[previous.outcome]} (classification {previous.number})
                    </Text>
                  ) : null
                }
              />
            )}
            <Textarea
              label="Note (optional)"
              description="Why it was classified or re-classified, e.g. “intended purpose extended to hiring”, or a reference to a legal review"
              maxLength={2000}
              autosize
              minRows={2}
              maxRows={6}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={classify.error instanceof ApiError ? classify.error.fieldError('note') : undefined}
            />
            {classify.error && !visible.some((q) => answerError(classify.error, q.id)) ? (
              <ErrorAlert error={classify.error} title="The classification was not saved" />
            ) : null}
            <Group justify="space-between">
              <Button variant="default" onClick={() => go(steps[steps.length - 1]?.id ?? REVIEW)} disabled={steps.length === 0}>
                Back
              </Button>
              <Group gap="sm">
                <Button variant="subtle" component={Link} to={inventoryPaths.system(org, system.id, 'classification')}>
                  Cancel
                </Button>
                <Button onClick={save} loading={classify.isPending} disabled={!complete || !preview.data || preview.isError}>
                  Save classification
                </Button>
              </Group>
            </Group>
          </Stack>
        ) : step ? (
          <Stack gap="md" component="section" aria-labelledby="step-title">
            <Stack gap={2}>
              <Text size="xs" c="dimmed" fw={600}>
                Step {index + 1} of {steps.length}
              </Text>
              <Title order={2} size="h3" id="step-title">
                {step.title}
              </Title>
              {step.description ? (
                <Text size="sm" c="dimmed" maw={760} style={{ whiteSpace: 'pre-line' }}>
                  {step.description}
                </Text>
              ) : null}
            </Stack>
            {step.questions.map((question, i) => (
              <QuestionField
                key={question.id}
                org={org}
                question={question}
                number={i + 1}
                value={answers[question.id]}
                onChange={(value) => setAnswer(question.id, value)}
                error={errorFor(question)}
              />
            ))}
            <Group justify="space-between">
              <Button variant="default" onClick={() => go(steps[index - 1]?.id ?? step.id)} disabled={index === 0}>
                Back
              </Button>
              <Group gap="sm">
                <Button variant="subtle" component={Link} to={inventoryPaths.system(org, system.id, 'classification')}>
                  Cancel
                </Button>
                <Button onClick={next}>{index + 1 < steps.length ? 'Next' : 'See the outcome'}</Button>
              </Group>
            </Group>
          </Stack>
        ) : null}
      </Grid.Col>
    </Grid>
  );
}

/** `/orgs/:org/inventory/systems/:id/classify`: the EU AI Act questionnaire, step by step, with a live outcome. */
export function ClassifyPage() {
  const org = useCurrentOrg();
  const { id = '' } = useParams();
  const system = useSystem(org.slug, id);
  const questionnaire = useQuestionnaire(org.slug);
  const classifications = useClassifications(org.slug, id);
  const mayWrite = canWriteInventory(org.role);
  const previous = classifications.data?.[0];
  useDocumentTitle(`Classify ${system.data?.ref ?? ''} · Inventory · Trellis`);

  const crumbs = [
    { label: 'AI system inventory', to: inventoryPaths.home(org.slug) },
    { label: system.data?.ref ?? id, to: inventoryPaths.system(org.slug, id, 'classification') },
    { label: previous ? 'Re-classify' : 'Classify' },
  ];
  const pending = system.isPending || questionnaire.isPending || classifications.isPending;
  const error = system.error ?? questionnaire.error ?? classifications.error;

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <PageHeader
        title={system.data ? `${previous ? 'Re-classify' : 'Classify'} ${system.data.name}` : 'Classify AI system'}
        description="Answer the questions about what the AI system does and how your organization is involved. The questionnaire follows the EU AI Act (Regulation (EU) 2024/1689): prohibited practices, high-risk uses, transparency duties and general-purpose AI. Only the questions that matter for your earlier answers are asked."
      />
      {!mayWrite ? (
        <Alert color="gray" variant="light" title="Your role cannot classify AI systems">
          As {withArticle(roleLabels[org.role])} you can read classifications. Contributors, AIMS managers and owners classify AI systems.
        </Alert>
      ) : pending ? (
        <LoadingState label="Loading the questionnaire…" />
      ) : error ? (
        <ErrorAlert error={error} title={isApiError(error, 'not_found') ? 'AI system not found' : 'Could not load the questionnaire'} />
      ) : system.data && questionnaire.data ? (
        <Stack gap="md">
          {previous ? (
            <Alert color="blue" variant="light">
              <Text size="sm">
                The answers of classification {previous.number} (outcome: {riskLabels[previous.outcome]}) are filled in. Change what is
                different now.
                {previous.questionnaireVersion !== questionnaire.data.version
                  ? ` The questionnaire has changed since (version ${previous.questionnaireVersion}, now ${questionnaire.data.version}): check every step.`
                  : ''}
              </Text>
            </Alert>
          ) : null}
          <Wizard org={org.slug} system={system.data} questionnaire={questionnaire.data} previous={previous} />
        </Stack>
      ) : null}
    </>
  );
}
