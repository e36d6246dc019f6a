import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  DataList,
  Grid,
  Group,
  Modal,
  NavLink,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useBlocker, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, isApiError } from '../../lib/api.ts';
import { ConfirmModal } from '../../lib/components/ConfirmModal.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LockIcon } from '../../lib/components/icons.tsx';
import { RecordUnavailable } from '../../lib/components/RecordUnavailable.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { roleLabels, type Role } from '../../lib/roles.ts';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { withArticle } from '../risks/labels.ts';
import { Field } from '../inventory/Fields.tsx';
import { flashState, useFlashFromNavigation } from '../inventory/flash-state.ts';
import { DueDate } from '../inventory/InventoryBadges.tsx';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import {
  impactPaths,
  useAssessmentTemplate,
  useDeleteImpactAssessment,
  useImpactAssessment,
  useImpactAssessments,
  useImpactStep,
  useRaiseRisk,
  useReviseImpactAssessment,
  useUpdateImpactAssessment,
  type AnswerValue,
  type ImpactAssessment,
  type ImpactTemplate,
} from './api.ts';
import { formOf, patchOf, saveProblems, type AssessmentForm } from './assessment-form.ts';
import { ImpactHistory } from './ImpactHistory.tsx';
import { ImpactMatrix } from './ImpactMatrix.tsx';
import { ImpactStatusBadge, RequirementRef } from './ImpactBadges.tsx';
import { ImpactsEditor, type ImpactDraft } from './ImpactsEditor.tsx';
import {
  canApproveImpact,
  canDeleteImpact,
  canWriteImpact,
  impactTriggers,
  isAnswered,
  jumpToQuestion,
  missingFromError,
  missingRequired,
  plural,
  triggerDescriptions,
  triggerLabels,
} from './labels.ts';
import { QuestionSection, sectionDomId, sectionProgress } from './QuestionSections.tsx';

const tabs = ['assessment', 'history'] as const;
type Tab = (typeof tabs)[number];

const IMPACTS_ID = 'impact-section-impacts';
const DETAILS_ID = 'impact-section-details';

function scrollToId(id: string) {
  document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function ConflictAlert({ onReload, loading }: { onReload: () => void; loading: boolean }) {
  return (
    <Alert color="yellow" variant="light" title="Someone else changed this assessment" role="alert" data-testid="version-conflict">
      <Stack gap="sm">
        <Text size="sm">
          It was changed by someone else after you loaded it, so your last action was not carried out (it would have overwritten their
          changes). Load the current version, then make your changes again.
        </Text>
        <Group>
          <Button size="xs" variant="light" color="yellow" onClick={onReload} loading={loading}>
            Discard my changes and load the current version
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function Header({ a, template, actions }: { a: ImpactAssessment; template: ImpactTemplate | undefined; actions: ReactNode }) {
  const org = useCurrentOrg();
  return (
    <Group justify="space-between" align="flex-start" gap="md" mb="lg">
      <Stack gap={6} style={{ minWidth: 0, flex: '1 1 420px' }}>
        <Group gap="sm" align="center">
          <Text ff="monospace" fw={700} size="lg" c="teal.8" data-testid="impact-ref">
            {a.ref}
          </Text>
          <ImpactStatusBadge status={a.status} size="md" />
          {a.reviewOverdue ? (
            <Badge size="md" radius="sm" color="red" variant="light" tt="none">
              Review overdue
            </Badge>
          ) : null}
        </Group>
        <Title order={1} size="h2">
          {a.title}
        </Title>
        <Text size="sm" c="dimmed">
          AI system{' '}
          <Anchor component={Link} to={impactPaths.system(org.slug, a.system.id)} size="sm" data-testid="impact-system">
            <Text span ff="monospace" size="sm">
              {a.system.ref}
            </Text>{' '}
            {a.system.name}
          </Anchor>{' '}
          · Template{' '}
          <Text span size="sm" c="dark" data-testid="impact-template">
            {a.templateName}, version {a.templateVersion}
          </Text>
        </Text>
        {template?.basis.length ? (
          <Group gap={4} aria-label="Requirements the template serves">
            {template.basis.map((b) => (
              <RequirementRef key={b} org={org.slug} refId={b} />
            ))}
          </Group>
        ) : null}
      </Stack>
      <Group gap="sm" wrap="nowrap">
        {actions}
      </Group>
    </Group>
  );
}

/** The status note under the header: frozen, superseded, in review, a revision. */
function StatusNote({ org, a, related, role }: { org: string; a: ImpactAssessment; related: ImpactAssessment[]; role: Role }) {
  const mayApprove = canApproveImpact(role);
  const revision = related.find((x) => x.supersedes === a.id);
  const revises = a.supersedes ? related.find((x) => x.id === a.supersedes) : undefined;
  const link = (x: ImpactAssessment) => (
    <Anchor component={Link} to={impactPaths.assessment(org, x.id)} size="sm" fw={600} ff="monospace">
      {x.ref}
    </Anchor>
  );
  if (a.status === 'approved' || a.status === 'superseded') {
    return (
      <Alert
        color={a.status === 'approved' ? 'teal' : 'gray'}
        variant="light"
        icon={<LockIcon size={18} />}
        title={`Frozen: approved on ${formatDateTime(a.approvedAt)} by ${a.approvedBy ?? 'unknown'}`}
        data-testid="frozen-note"
      >
        <Stack gap={4}>
          <Text size="sm">
            {a.status === 'approved'
              ? 'The answers and impacts are kept as they were approved and can no longer be changed. To assess again (at the planned interval, or after a significant change), start a revision: it replaces this assessment once it is approved.'
              : 'A later revision was approved and replaces this assessment; it is kept as it was for the record.'}
          </Text>
          {revision ? (
            <Text size="sm">
              {revision.status === 'approved' ? 'Superseded by ' : 'Revision in progress: '}
              {link(revision)} <ImpactStatusBadge status={revision.status} size="xs" />
            </Text>
          ) : null}
          {revises ? <Text size="sm">It revised {link(revises)}.</Text> : null}
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color={a.status === 'in-review' ? 'blue' : 'gray'} variant="light" title={a.status === 'in-review' ? 'In review' : 'Draft'}>
      <Stack gap={4}>
        <Text size="sm">
          {a.status === 'in-review'
            ? `Submitted for review. It can still be changed; ${mayApprove ? 'approve it' : 'an owner or AIMS manager approves it'} once every required question is answered.`
            : canWriteImpact(role)
              ? `Answer the questions and record the impacts, then submit the assessment for review.${canDeleteImpact(role) ? ' Drafts can be deleted.' : ''}`
              : 'Being written; it has not been submitted for review yet.'}
        </Text>
        {revises ? (
          <Text size="sm">
            This is a revision of {link(revises)} (approved {formatDateTime(revises.approvedAt)}); approving it supersedes that one.
          </Text>
        ) : null}
      </Stack>
    </Alert>
  );
}

function DetailsSection({
  a,
  form,
  editable,
  onChange,
  errorFor,
}: {
  a: ImpactAssessment;
  form: AssessmentForm;
  editable: boolean;
  onChange: (patch: Partial<AssessmentForm>) => void;
  errorFor: (field: string) => string | undefined;
}) {
  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      component="section"
      aria-labelledby={`${DETAILS_ID}-title`}
      id={DETAILS_ID}
      style={{ scrollMarginTop: 72 }}
    >
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} size="h4" id={`${DETAILS_ID}-title`}>
            About this assessment
          </Title>
          <Text size="sm" c="dimmed">
            Its title, why it was carried out (ISO/IEC 42001 A.5.2) and when it is looked at again (8.4).
          </Text>
        </Stack>
        {editable ? (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label="Title"
                required
                maxLength={300}
                value={form.title}
                onChange={(e) => onChange({ title: e.currentTarget.value })}
                error={!form.title.trim() ? 'Give the assessment a title' : errorFor('title')}
                style={{ gridColumn: 'span 2' }}
              />
              <TextInput
                label="Review due"
                type="date"
                value={form.reviewDue}
                onChange={(e) => onChange({ reviewDue: e.currentTarget.value })}
                error={errorFor('reviewDue')}
              />
            </SimpleGrid>
            <Checkbox.Group
              label="Why it is carried out"
              description="Tick every trigger that applies."
              value={form.triggers}
              onChange={(v) => onChange({ triggers: impactTriggers.filter((t) => v.includes(t)) })}
              error={errorFor('triggers')}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs" mt="xs">
                {impactTriggers.map((t) => (
                  <Checkbox key={t} value={t} label={triggerLabels[t]} description={triggerDescriptions[t]} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          </>
        ) : (
          <DataList labelWidth={170} gap="xs" withDivider>
            <Field label="Why it is carried out">
              {a.triggers.length ? (
                <Group gap={4}>
                  {a.triggers.map((t) => (
                    <Tooltip key={t} label={triggerDescriptions[t]} multiline w={260} withArrow openDelay={200}>
                      <Badge size="sm" radius="sm" variant="light" color="blue" tt="none">
                        {triggerLabels[t]}
                      </Badge>
                    </Tooltip>
                  ))}
                </Group>
              ) : (
                ''
              )}
            </Field>
            <Field label="Review due">{a.reviewDue ? <DueDate day={a.reviewDue} overdue={a.reviewOverdue} /> : ''}</Field>
            <Field label="Started">{formatDateTime(a.createdAt)}</Field>
            <Field label="Last changed">{formatDateTime(a.updatedAt)}</Field>
          </DataList>
        )}
      </Stack>
    </Paper>
  );
}

/** The left column: where each part is, how complete it is, and the impact matrix. */
function Contents({ template, form, showMatrix }: { template: ImpactTemplate; form: AssessmentForm; showMatrix: boolean }) {
  const missing = missingRequired(template, form.answers).length;
  const required = template.sections.flatMap((s) => s.fields).filter((f) => f.required).length;
  return (
    <Stack gap="md" style={{ position: 'sticky', top: 72 }}>
      <Paper withBorder radius="md" p="xs" component="nav" aria-label="Parts of the assessment">
        <NavLink
          component="button"
          label="About this assessment"
          onClick={() => scrollToId(DETAILS_ID)}
          py={4}
          styles={{ label: { fontSize: 'var(--mantine-font-size-sm)' } }}
        />
        {template.sections.map((s, i) => {
          const p = sectionProgress(s, form.answers);
          return (
            <NavLink
              key={s.id}
              component="button"
              label={`${i + 1}. ${s.title}`}
              onClick={() => scrollToId(sectionDomId(s.id))}
              py={4}
              styles={{ label: { fontSize: 'var(--mantine-font-size-sm)' } }}
              rightSection={
                <Text size="xs" c={p.missingRequired ? 'orange.8' : p.answered === p.total ? 'teal.8' : 'dimmed'} fw={600}>
                  {p.answered}/{p.total}
                </Text>
              }
            />
          );
        })}
        <NavLink
          component="button"
          label="Impacts"
          onClick={() => scrollToId(IMPACTS_ID)}
          py={4}
          styles={{ label: { fontSize: 'var(--mantine-font-size-sm)' } }}
          rightSection={
            <Text size="xs" c="dimmed" fw={600}>
              {form.impacts.length}
            </Text>
          }
        />
      </Paper>
      <Paper withBorder radius="md" p="md" aria-live="polite">
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
          Required questions
        </Text>
        <Text size="sm" c={missing ? 'orange.8' : 'teal.8'} fw={600} data-testid="required-progress">
          {required - missing} of {required} answered
        </Text>
        {missing ? (
          <Text size="xs" c="dimmed">
            Every required question (*) must be answered before approval.
          </Text>
        ) : null}
      </Paper>
      {showMatrix ? (
        <Paper withBorder radius="md" p="md">
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={6}>
            Impact matrix
          </Text>
          <ImpactMatrix entries={form.impacts} />
        </Paper>
      ) : null}
    </Stack>
  );
}

/** A workflow step: while there are unsaved changes it explains why it waits instead of acting. */
function StepButton({ blocked, onClick, children }: { blocked: boolean; onClick: () => void; children: string }) {
  return (
    <Tooltip label="Save or discard your changes first" disabled={!blocked} withArrow>
      <Button onClick={blocked ? undefined : onClick} data-disabled={blocked || undefined} aria-disabled={blocked || undefined}>
        {children}
      </Button>
    </Tooltip>
  );
}

interface EditorProps {
  /** The id or ref in the address (the query key of the assessment). */
  queryId: string;
  assessment: ImpactAssessment;
  template: ImpactTemplate;
  related: ImpactAssessment[];
}

/** The assessment itself: header, status, details, the questions, the impacts, the workflow and the history. */
function AssessmentView({ queryId, assessment, template, related }: EditorProps) {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const latest = useImpactAssessment(org.slug, queryId);
  const save = useUpdateImpactAssessment(org.slug);
  const submit = useImpactStep(org.slug, 'submit');
  const approve = useImpactStep(org.slug, 'approve');
  const revise = useReviseImpactAssessment(org.slug);
  const remove = useDeleteImpactAssessment(org.slug);
  const raise = useRaiseRisk(org.slug);

  // The version the form was filled from, and the form; a newer version replaces an unchanged form.
  const [base, setBase] = useState(assessment);
  const [form, setForm] = useState(() => formOf(assessment));
  const patch = patchOf(form, base, template);
  const dirty = Object.keys(patch).length > 0;
  if (assessment.version > base.version && !dirty) {
    setBase(assessment);
    setForm(formOf(assessment));
  }
  const [conflict, setConflict] = useState(false);
  const [missing, setMissing] = useState<{ id: string; label: string }[]>([]);
  const [confirm, setConfirm] = useState<'submit' | 'approve' | 'revise' | 'delete' | null>(null);
  const [raising, setRaising] = useState<string | null>(null);

  const a = base;
  const mayWrite = canWriteImpact(org.role);
  const mayApprove = canApproveImpact(org.role);
  const open = a.status === 'draft' || a.status === 'in-review';
  const editable = mayWrite && open;
  const revision = related.find((x) => x.supersedes === a.id && (x.status === 'draft' || x.status === 'in-review'));

  const requested = params.get('tab');
  const tab: Tab = (tabs as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'assessment';
  const setTab = (value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (!value || value === 'assessment') next.delete('tab');
        else next.set('tab', value);
        return next;
      },
      { replace: true },
    );

  // Unsaved changes are not lost by accident: leaving the page asks first.
  // (Not after a delete or a revision, which leave the page on purpose.)
  const leaving = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const rebase = (next: ImpactAssessment, keepEdits = false) => {
    setBase(next);
    if (!keepEdits) setForm(formOf(next));
  };
  const onStepError = (error: unknown) => {
    if (isApiError(error, 'version_conflict')) {
      setConfirm(null);
      setConflict(true);
    }
  };
  const reload = () => {
    void latest.refetch().then((fresh) => {
      if (!fresh.data) return;
      save.reset();
      setConflict(false);
      rebase(fresh.data);
    });
  };

  const setAnswer = (fieldId: string, value: AnswerValue | undefined) =>
    setForm((prev) => ({ ...prev, answers: { ...prev.answers, [fieldId]: value } }));

  const onSave = () =>
    save.mutate(
      { id: a.id, version: a.version, ...patch },
      {
        onSuccess: (next) => {
          rebase(next);
          show('success', `${next.ref} was saved.`, 'Changes saved');
        },
        onError: (error) => {
          if (isApiError(error, 'version_conflict')) setConflict(true);
        },
      },
    );

  const onRaise = (entry: ImpactDraft) => {
    if (!entry.id) return;
    setRaising(entry.id);
    raise.mutate(
      { id: a.id, impactId: entry.id },
      {
        onSuccess: ({ assessment: next, risk }) => {
          // Keep unsaved edits elsewhere; the entry gets its risk.
          setBase(next);
          setForm((prev) => ({
            ...prev,
            impacts: prev.impacts.map((d) => {
              const saved = next.impacts.find((e) => e.id === d.id);
              return saved ? { ...d, riskId: saved.riskId, riskRef: saved.riskRef } : d;
            }),
          }));
          show(
            'success',
            `${risk.ref} “${risk.title}” was added to the risk register, linked to ${a.system.ref}. Follow its reference in the impacts table to analyse and treat it.`,
            'Risk raised',
          );
        },
        onError: (error) => {
          if (isApiError(error, 'version_conflict')) setConflict(true);
          else show('error', error instanceof ApiError ? error.message : 'The risk could not be raised.', 'Risk not raised');
        },
        onSettled: () => setRaising(null),
      },
    );
  };

  const missingIds = new Set(missing.map((m) => m.id));
  const errorFor = (fieldId: string) => {
    const fromSave = save.error instanceof ApiError ? save.error.fieldError(`answers.${fieldId}`) : undefined;
    if (fromSave) return fromSave;
    if (missingIds.has(fieldId) && !isAnswered(form.answers[fieldId])) return 'Required for approval: answer this question';
    return undefined;
  };
  const problems = saveProblems(save.error, template);

  const workflow = (
    <>
      {mayWrite && a.status === 'draft' ? (
        <StepButton
          blocked={dirty}
          onClick={() => {
            submit.reset();
            setConfirm('submit');
          }}
        >
          Submit for review
        </StepButton>
      ) : null}
      {mayApprove && a.status === 'in-review' ? (
        <StepButton
          blocked={dirty}
          onClick={() => {
            approve.reset();
            setConfirm('approve');
          }}
        >
          Approve
        </StepButton>
      ) : null}
      {mayWrite && a.status === 'approved' ? (
        revision ? (
          <Button component={Link} to={impactPaths.assessment(org.slug, revision.id)} variant="default">
            Open revision {revision.ref}
          </Button>
        ) : (
          <Button
            onClick={() => {
              revise.reset();
              setConfirm('revise');
            }}
          >
            Revise
          </Button>
        )
      ) : null}
      {canDeleteImpact(org.role) && a.status === 'draft' ? (
        <Button
          variant="subtle"
          color="red"
          onClick={() => {
            remove.reset();
            setConfirm('delete');
          }}
        >
          Delete
        </Button>
      ) : null}
    </>
  );

  return (
    <>
      <Header a={a} template={template} actions={workflow} />
      <FlashMessage flash={flash} onClose={clear} />
      <Stack gap="md" mb="md">
        <StatusNote org={org.slug} a={a} related={related} role={org.role} />
        {conflict ? <ConflictAlert onReload={reload} loading={latest.isFetching} /> : null}
        {missing.length ? (
          <Alert
            color="orange"
            variant="light"
            title="Not approved: required questions are unanswered"
            role="alert"
            data-testid="missing-required"
          >
            <Stack gap="xs">
              <Text size="sm">
                Answer {missing.length === 1 ? 'this question' : `these ${missing.length} questions`}, save, and approve again:
              </Text>
              <Group gap="xs">
                {missing.map((m) => (
                  <Button
                    key={m.id}
                    size="compact-sm"
                    variant="light"
                    color="orange"
                    onClick={() => {
                      setTab('assessment');
                      window.setTimeout(() => jumpToQuestion(m.id), 50);
                    }}
                  >
                    {m.label}
                  </Button>
                ))}
              </Group>
            </Stack>
          </Alert>
        ) : null}
      </Stack>

      <Tabs value={tab} onChange={setTab}>
        <Tabs.List mb="md">
          <Tabs.Tab value="assessment">Assessment</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="assessment">
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 4, lg: 3 }} visibleFrom="md">
              <Contents template={template} form={form} showMatrix={form.impacts.length > 0} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
              <Stack gap="lg">
                <DetailsSection
                  a={a}
                  form={form}
                  editable={editable}
                  onChange={(change) => setForm((prev) => ({ ...prev, ...change }))}
                  errorFor={(field) => (save.error instanceof ApiError ? save.error.fieldError(field) : undefined)}
                />
                {template.sections.map((section, i) => (
                  <QuestionSection
                    key={section.id}
                    org={org.slug}
                    section={section}
                    index={i}
                    answers={form.answers}
                    editable={editable}
                    onAnswer={setAnswer}
                    errorFor={errorFor}
                    showMissing={open}
                  />
                ))}
                <Paper
                  withBorder
                  radius="md"
                  p="lg"
                  component="section"
                  aria-labelledby={`${IMPACTS_ID}-title`}
                  id={IMPACTS_ID}
                  style={{ scrollMarginTop: 72 }}
                >
                  <Stack gap="md">
                    <Stack gap={2}>
                      <Title order={2} size="h4" id={`${IMPACTS_ID}-title`}>
                        Impacts ({form.impacts.length})
                      </Title>
                      <Text size="sm" c="dimmed" maw={760}>
                        The foreseeable consequences for individuals, groups and society, harmful and beneficial, each in one of the
                        template’s impact areas with its severity, likelihood and mitigation. Raise a risk from a harmful impact so the
                        results feed the AI risk assessment (ISO/IEC 42001 6.1.2).
                      </Text>
                    </Stack>
                    <ImpactsEditor
                      org={org.slug}
                      areas={template.impactAreas}
                      entries={form.impacts}
                      saved={a.impacts}
                      editable={editable}
                      onChange={(impacts) => setForm((prev) => ({ ...prev, impacts }))}
                      onRaise={mayWrite && a.status !== 'superseded' ? onRaise : null}
                      raisingId={raising}
                    />
                    <Box hiddenFrom="md">{form.impacts.length ? <ImpactMatrix entries={form.impacts} /> : null}</Box>
                  </Stack>
                </Paper>
              </Stack>
              {editable ? (
                <Paper
                  withBorder
                  radius="md"
                  p="sm"
                  mt="lg"
                  shadow={dirty ? 'md' : undefined}
                  style={{ position: 'sticky', bottom: 12, zIndex: 5 }}
                  component="section"
                  aria-label="Save"
                >
                  <Stack gap="xs">
                    {save.error && !isApiError(save.error, 'version_conflict') ? (
                      problems.length ? (
                        <Alert color="red" variant="light" title="Not saved" role="alert">
                          <Box component="ul" m={0} pl="md">
                            {problems.map((p) => (
                              <Text component="li" size="sm" key={p}>
                                {p}
                              </Text>
                            ))}
                          </Box>
                        </Alert>
                      ) : (
                        <ErrorAlert error={save.error} title="Not saved" />
                      )
                    ) : null}
                    <Group justify="space-between" gap="sm">
                      <Text size="sm" c={dirty ? 'orange.8' : 'dimmed'} fw={dirty ? 600 : undefined} role="status">
                        {dirty ? 'Unsaved changes' : `All changes saved · last changed ${formatDateTime(a.updatedAt)}`}
                      </Text>
                      <Group gap="sm">
                        <Button
                          variant="default"
                          disabled={!dirty || save.isPending}
                          onClick={() => {
                            save.reset();
                            setForm(formOf(a));
                          }}
                        >
                          Discard changes
                        </Button>
                        <Button onClick={onSave} disabled={!dirty || !form.title.trim()} loading={save.isPending}>
                          Save changes
                        </Button>
                      </Group>
                    </Group>
                  </Stack>
                </Paper>
              ) : open && !mayWrite ? (
                <Alert color="gray" variant="light" mt="lg">
                  As {withArticle(roleLabels[org.role])} you can read this assessment. Contributors, AIMS managers and owners edit it;
                  owners and AIMS managers approve it.
                </Alert>
              ) : null}
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <ImpactHistory org={org.slug} id={a.id} template={template} />
        </Tabs.Panel>
      </Tabs>

      <ConfirmModal
        opened={confirm === 'submit'}
        title={`Submit ${a.ref} for review`}
        confirmLabel="Submit for review"
        danger={false}
        onCancel={() => setConfirm(null)}
        loading={submit.isPending}
        error={isApiError(submit.error, 'version_conflict') ? null : submit.error}
        onConfirm={() =>
          submit.mutate(
            { id: a.id, version: a.version },
            {
              onSuccess: (next) => {
                setConfirm(null);
                rebase(next);
                show('success', `${next.ref} is now in review: an owner or AIMS manager approves it.`, 'Submitted for review');
              },
              onError: onStepError,
            },
          )
        }
      >
        <Stack gap="xs">
          <Text size="sm">
            Hand “{a.title}” over for review and approval? It can still be changed while in review, but no longer deleted.
          </Text>
          {missingRequired(template, form.answers).length ? (
            <Text size="sm" c="orange.8">
              {plural(missingRequired(template, form.answers).length, 'required question is', 'required questions are')} still unanswered:
              they must be answered before it can be approved.
            </Text>
          ) : null}
        </Stack>
      </ConfirmModal>
      <ConfirmModal
        opened={confirm === 'approve'}
        title={`Approve ${a.ref}`}
        confirmLabel="Approve and freeze"
        danger={false}
        onCancel={() => setConfirm(null)}
        loading={approve.isPending}
        error={
          isApiError(approve.error, 'version_conflict') ||
          missingFromError(approve.error instanceof ApiError ? approve.error.details : null).length
            ? null
            : approve.error
        }
        onConfirm={() =>
          approve.mutate(
            { id: a.id, version: a.version },
            {
              onSuccess: (next) => {
                setConfirm(null);
                setMissing([]);
                rebase(next);
                show(
                  'success',
                  `${next.ref} was approved and is now frozen.${next.supersedes ? ' The assessment it revises is superseded.' : ''}`,
                  'Assessment approved',
                );
              },
              onError: (error) => {
                onStepError(error);
                const refused = missingFromError(error instanceof ApiError ? error.details : null);
                if (refused.length) {
                  setConfirm(null);
                  setMissing(refused);
                  window.scrollTo({ top: 0, behavior: 'smooth' });
                }
              },
            },
          )
        }
      >
        <Stack gap="xs">
          <Text size="sm">
            Approve “{a.title}”? Its answers and impacts are frozen as they are now and kept as the record of this assessment; it can no
            longer be changed or deleted. Risks can still be raised from its impacts.
          </Text>
          {a.supersedes ? <Text size="sm">It replaces the assessment it revises, which becomes superseded.</Text> : null}
        </Stack>
      </ConfirmModal>
      <ConfirmModal
        opened={confirm === 'revise'}
        title={`Revise ${a.ref}`}
        confirmLabel="Start revision"
        danger={false}
        onCancel={() => setConfirm(null)}
        loading={revise.isPending}
        error={revise.error}
        onConfirm={() =>
          revise.mutate(a.id, {
            onSuccess: (next) => {
              setConfirm(null);
              leaving.current = true;
              void navigate(impactPaths.assessment(org.slug, next.id), {
                state: flashState(
                  'success',
                  `${next.ref} was started as a revision of ${a.ref}, with its answers and impacts. ${a.ref} stays approved until ${next.ref} is approved.`,
                  'Revision started',
                ),
              });
            },
          })
        }
      >
        <Text size="sm">
          Start a revision of “{a.title}”? It is a new draft with the same questions, answers and impacts. {a.ref} stays approved until the
          revision is approved; then it becomes superseded.
        </Text>
      </ConfirmModal>
      <ConfirmModal
        opened={confirm === 'delete'}
        title={`Delete ${a.ref}`}
        confirmLabel="Delete draft"
        onCancel={() => setConfirm(null)}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(a.id, {
            onSuccess: () => {
              setConfirm(null);
              leaving.current = true;
              void navigate(impactPaths.list(org.slug), {
                state: flashState('success', `${a.ref} “${a.title}” was deleted.`, 'Impact assessment deleted'),
              });
            },
          })
        }
      >
        <Stack gap="xs">
          <Text size="sm">
            Delete the draft {a.ref} “{a.title}”? Its answers and impacts are deleted with it.
            {a.impacts.some((e) => e.riskRef) ? ' The risks raised from its impacts stay in the register.' : ''}
          </Text>
          <Text size="xs" c="dimmed">
            The deletion is recorded in the audit log.
          </Text>
        </Stack>
      </ConfirmModal>
      <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title="Leave without saving?" centered>
        <Stack gap="md">
          <Text size="sm">Your changes to {a.ref} are not saved. If you leave this page, they are lost.</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              Stay on this page
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              Leave and discard
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** `/orgs/:org/impact-assessments/:id`: one impact assessment (by id or ref) with its questions, impacts, workflow and history. */
export function ImpactAssessmentPage() {
  const org = useCurrentOrg();
  const { id = '' } = useParams();
  const assessment = useImpactAssessment(org.slug, id);
  const template = useAssessmentTemplate(org.slug, id);
  const related = useImpactAssessments(org.slug, { systemId: assessment.data?.system.id }, assessment.data !== undefined);
  useDocumentTitle(`${assessment.data ? `${assessment.data.ref} ${assessment.data.title}` : 'Impact assessment'} · Trellis`);

  const crumbs = [{ label: 'Impact assessments', to: impactPaths.list(org.slug) }, { label: assessment.data?.ref ?? id }];
  if (assessment.isPending || template.isPending || assessment.isError || template.isError) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <RecordUnavailable
          pending={assessment.isPending || template.isPending}
          error={assessment.error ?? template.error}
          noun="impact assessment"
          back={{ to: impactPaths.list(org.slug), label: 'Back to the impact assessments' }}
        />
      </>
    );
  }

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <AssessmentView
        key={assessment.data.id}
        queryId={id}
        assessment={assessment.data}
        template={template.data}
        related={related.data ?? []}
      />
    </>
  );
}
