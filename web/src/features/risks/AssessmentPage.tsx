import { Alert, Anchor, Badge, Button, DataList, Group, Modal, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { ConfirmModal } from '../../lib/components/ConfirmModal.tsx';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LockIcon } from '../../lib/components/icons.tsx';
import { RecordUnavailable } from '../../lib/components/RecordUnavailable.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { DueDate } from '../inventory/InventoryBadges.tsx';
import { Field } from '../inventory/Fields.tsx';
import { changedOnly } from '../inventory/form-helpers.tsx';
import { flashState, useFlashFromNavigation } from '../inventory/flash-state.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import {
  riskPaths,
  useApproveAssessment,
  useAssessment,
  useDeleteAssessment,
  useRiskCriteria,
  useUpdateAssessment,
  type AssessedRisk,
  type LevelRef,
  type RiskAssessment,
} from './api.ts';
import { AssessmentForm, assessmentFormFrom, assessmentInputFrom } from './AssessmentForm.tsx';
import { AssessmentStatusBadge } from './AssessmentsPage.tsx';
import { canApproveRisks, canDeleteRisks, canWriteRisks, criteriaName, criteriaVersionText, formatDay, plural } from './labels.ts';
import { RecordHistory } from './RecordHistory.tsx';
import { LevelBadge, StatusBadge, TreatmentBadge } from './RiskBadges.tsx';
import { Section } from './Section.tsx';

function conflictAlert(onReload: () => void, loading: boolean) {
  return (
    <Alert color="yellow" variant="light" title="Someone else changed this assessment" role="alert">
      <Stack gap="sm">
        <Text size="sm">
          It was saved by someone else after you started editing, so your changes were not saved (they would have overwritten theirs). Load
          the current version and make your changes again.
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

/** How many results have each level: "High 3 · Medium 2 · Not scored 1". */
function LevelCounts({
  results,
  pick,
  label,
  emptyLabel,
}: {
  results: AssessedRisk[];
  pick: (r: AssessedRisk) => LevelRef | null;
  label: string;
  emptyLabel: string;
}) {
  const counts = new Map<string, { level: LevelRef | null; n: number }>();
  for (const r of results) {
    const level = pick(r);
    const key = level?.id ?? '';
    counts.set(key, { level, n: (counts.get(key)?.n ?? 0) + 1 });
  }
  const rows = [...counts.values()].sort((a, b) => (b.level?.rank ?? -1) - (a.level?.rank ?? -1));
  return (
    <Group gap="xs" wrap="wrap" aria-label={label}>
      <Text size="sm" fw={500} w={80}>
        {label}
      </Text>
      {rows.map(({ level, n }) => (
        <Group key={level?.id ?? 'none'} gap={4} wrap="nowrap">
          <LevelBadge level={level} emptyLabel={emptyLabel} size="sm" />
          <Text size="sm" fw={600}>
            {n}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

function ResultsTable({ org, results }: { org: string; results: AssessedRisk[] }) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" aria-label="Assessment results" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={100}>Ref</Table.Th>
            <Table.Th>Risk</Table.Th>
            <Table.Th w={110}>Inherent</Table.Th>
            <Table.Th w={110}>Residual</Table.Th>
            <Table.Th w={110}>Treatment</Table.Th>
            <Table.Th w={170}>Controls</Table.Th>
            <Table.Th w={90}>Accepted</Table.Th>
            <Table.Th w={150}>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.map((r) => (
            <Table.Tr key={r.id} data-risk-ref={r.ref}>
              <Table.Td>
                <Text size="sm" ff="monospace" fw={600}>
                  {r.ref}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={riskPaths.risk(org, r.id)} size="sm">
                  {r.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <LevelBadge level={r.inherentLevel} quietEmpty />
              </Table.Td>
              <Table.Td>
                <LevelBadge level={r.residualLevel} emptyLabel="Not estimated" quietEmpty />
              </Table.Td>
              <Table.Td>
                <TreatmentBadge option={r.option} short />
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {r.controls.length ? r.controls.map((c) => c.replace(/^org-controls:(.*)$/, '$1 (own)')).join(', ') : '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                {r.accepted ? (
                  <Badge size="sm" radius="sm" color="teal" variant="light" tt="none">
                    Yes
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    No
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={r.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SummaryEditor({ org, assessment, mayEdit }: { org: string; assessment: RiskAssessment; mayEdit: boolean }) {
  const update = useUpdateAssessment(org);
  const latest = useAssessment(org, assessment.id);
  const [text, setText] = useState(assessment.summary);
  const [base, setBase] = useState(assessment);
  const [saved, setSaved] = useState(false);
  // A newer version from elsewhere (the details edited, a refetch) replaces an unchanged text; an edited one keeps its base,
  // so saving it meets the conflict instead of overwriting.
  if (assessment.version > base.version && text.trim() === base.summary) {
    setBase(assessment);
    setText(assessment.summary);
  }
  if (!mayEdit) {
    return assessment.summary ? (
      <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
        {assessment.summary}
      </Text>
    ) : (
      <Text size="sm" c="dimmed" fs="italic">
        No summary written{assessment.status === 'draft' ? ' yet' : ''}.
      </Text>
    );
  }
  const dirty = text.trim() !== base.summary;
  return (
    <Stack gap="sm">
      {update.error ? (
        isApiError(update.error, 'version_conflict') ? (
          conflictAlert(() => {
            void latest.refetch().then((fresh) => {
              if (!fresh.data) return;
              update.reset();
              setBase(fresh.data);
              setText(fresh.data.summary);
            });
          }, latest.isFetching)
        ) : (
          <ErrorAlert error={update.error} title="Could not save the summary" />
        )
      ) : null}
      <Textarea
        aria-label="Summary"
        placeholder="The main risks, the decisions taken, what changed since the last assessment"
        maxLength={8000}
        autosize
        minRows={4}
        maxRows={14}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setSaved(false);
        }}
      />
      <Group gap="sm">
        <Button
          variant="default"
          disabled={!dirty}
          loading={update.isPending}
          onClick={() =>
            update.mutate(
              { id: base.id, version: base.version, summary: text.trim() },
              {
                onSuccess: (next) => {
                  setBase(next);
                  setText(next.summary);
                  setSaved(true);
                },
              },
            )
          }
        >
          Save summary
        </Button>
        {saved && !dirty ? (
          <Text size="sm" c="teal.8" role="status">
            Saved
          </Text>
        ) : dirty ? (
          <Text size="sm" c="dimmed">
            Unsaved changes
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}

function EditDetailsModal({
  org,
  assessment,
  opened,
  onClose,
}: {
  org: string;
  assessment: RiskAssessment;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Edit ${assessment.ref}`} size="lg" centered>
      {opened ? <EditDetailsContent org={org} assessment={assessment} onClose={onClose} /> : null}
    </Modal>
  );
}

function EditDetailsContent({ org, assessment, onClose }: { org: string; assessment: RiskAssessment; onClose: () => void }) {
  const update = useUpdateAssessment(org);
  const latest = useAssessment(org, assessment.id);
  // The version the form was filled from; replaced when the user reloads after a conflict.
  const [base, setBase] = useState(assessment);
  return (
    <AssessmentForm
      key={`${base.id}@${base.version}`}
      org={org}
      initial={assessmentFormFrom(base)}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      conflict={conflictAlert(() => {
        void latest.refetch().then((fresh) => {
          if (!fresh.data) return;
          update.reset();
          setBase(fresh.data);
        });
      }, latest.isFetching)}
      onCancel={onClose}
      onSubmit={(values) => {
        const patch = changedOnly({ ...assessmentInputFrom(values) }, { ...assessmentInputFrom(assessmentFormFrom(base)) });
        if (Object.keys(patch).length === 0) {
          onClose();
          return;
        }
        update.mutate({ id: base.id, version: base.version, ...patch }, { onSuccess: onClose });
      }}
    />
  );
}

/** `/orgs/:org/risks/assessments/:id`: one assessment run with its frame, summary, results (live or frozen) and history. */
export function AssessmentPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const assessment = useAssessment(org.slug, id);
  const criteria = useRiskCriteria(org.slug);
  const approve = useApproveAssessment(org.slug);
  const remove = useDeleteAssessment(org.slug);
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const [editing, setEditing] = useState(false);
  const [confirmApprove, setConfirmApprove] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  useDocumentTitle(`${assessment.data ? `${assessment.data.ref} ${assessment.data.title}` : 'Risk assessment'} · Risks · Trellis`);

  const crumbs = [{ label: 'Risk assessments', to: riskPaths.assessments(org.slug) }, { label: assessment.data?.ref ?? id }];
  if (assessment.isPending || assessment.isError) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <RecordUnavailable
          pending={assessment.isPending}
          error={assessment.error}
          noun="assessment"
          notFoundTitle="Risk assessment not found"
          back={{ to: riskPaths.assessments(org.slug), label: 'Back to the assessments' }}
        />
      </>
    );
  }

  const a = assessment.data;
  const draft = a.status === 'draft';
  const mayWrite = canWriteRisks(org.role) && draft;
  const mayApprove = canApproveRisks(org.role) && draft;
  const mayDelete = canDeleteRisks(org.role) && draft;
  const interval = criteria.data?.content.reviewIntervalMonths;

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <Group justify="space-between" align="flex-start" gap="md" mb="lg">
        <Stack gap={6}>
          <Group gap="sm">
            <Text ff="monospace" fw={700} size="lg" c="teal.8" data-testid="assessment-ref">
              {a.ref}
            </Text>
            <AssessmentStatusBadge status={a.status} size="md" />
          </Group>
          <Title order={1} size="h2">
            {a.title}
          </Title>
        </Stack>
        <Group gap="sm" wrap="nowrap">
          {mayWrite ? (
            <Button variant="default" onClick={() => setEditing(true)}>
              Edit details
            </Button>
          ) : null}
          {mayApprove ? (
            <Button
              onClick={() => {
                approve.reset();
                setConfirmApprove(true);
              }}
            >
              Approve
            </Button>
          ) : null}
          {mayDelete ? (
            <Button
              variant="subtle"
              color="red"
              onClick={() => {
                remove.reset();
                setConfirmDelete(true);
              }}
            >
              Delete
            </Button>
          ) : null}
        </Group>
      </Group>
      <FlashMessage flash={flash} onClose={clear} />

      <Stack gap="lg">
        {draft ? (
          <Alert color="gray" variant="light" title="Draft: the results follow the register">
            The results below are the open risks in scope as they are now, and change as the register changes. Approving the assessment
            freezes them as its record.
            {canWriteRisks(org.role) && !canApproveRisks(org.role) ? ' Owners and AIMS managers approve assessments.' : ''}
          </Alert>
        ) : (
          <Alert
            color="teal"
            variant="light"
            title={`Frozen on ${formatDateTime(a.approvedAt)} by ${a.approvedBy ?? 'unknown'}`}
            icon={<LockIcon size={18} />}
            data-testid="frozen-note"
          >
            The results below are the register as it stood when the assessment was approved, with {criteriaName(a.criteriaNumber)}; later
            changes to the risks do not alter them. The assessment can no longer be changed: start a new one to assess again.
          </Alert>
        )}

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Section id="details" title="Scope and method">
            <DataList labelWidth={130} gap="xs" withDivider>
              <Field label="Scope">
                {a.scope === 'aims' ? (
                  'The whole AIMS'
                ) : (
                  <Stack gap={2}>
                    {a.systems.map((s) => (
                      <Anchor key={s.id} component={Link} to={riskPaths.system(org.slug, s.id)} size="sm">
                        <Text span ff="monospace" size="sm">
                          {s.ref}
                        </Text>{' '}
                        {s.name}
                      </Anchor>
                    ))}
                  </Stack>
                )}
              </Field>
              <Field label="Performed on">{formatDay(a.performedOn)}</Field>
              <Field label="Participants">
                {a.participants.length ? (
                  <Group gap={4}>
                    {a.participants.map((p) => (
                      <Badge key={p} size="sm" radius="sm" variant="default" tt="none" fw={500}>
                        {p}
                      </Badge>
                    ))}
                  </Group>
                ) : (
                  ''
                )}
              </Field>
              <Field label="Method">{a.method}</Field>
              <Field label="Risk criteria">
                {draft
                  ? `Current: ${criteria.data ? criteriaVersionText(criteria.data.number) : '…'}`
                  : criteriaVersionText(a.criteriaNumber)}
              </Field>
              <Field label="Next due">
                {a.nextDue ? (
                  <DueDate day={a.nextDue} />
                ) : draft && interval ? (
                  <Text size="sm" c="dimmed">
                    {interval} months after it was performed, once approved
                  </Text>
                ) : (
                  ''
                )}
              </Field>
            </DataList>
          </Section>
          <Section
            id="summary"
            title="Summary"
            description="The results and conclusions: the main risks, the decisions taken, what changed since the last assessment."
          >
            <SummaryEditor key={`${a.id}@${a.status}`} org={org.slug} assessment={a} mayEdit={mayWrite} />
          </Section>
        </SimpleGrid>

        <Section
          id="results"
          title={`Results (${plural(a.results.length, 'risk')})`}
          description={
            draft
              ? 'The open risks in scope, live from the register.'
              : `The open risks in scope as they were on ${formatDateTime(a.approvedAt)}.`
          }
        >
          {a.results.length === 0 ? (
            <EmptyMessage
              title="No open risks in scope"
              description={
                draft
                  ? 'Add the risks of the AI systems in scope to the register: they appear here as you add them.'
                  : 'The register held no open risks in scope when the assessment was approved.'
              }
            >
              {draft && canWriteRisks(org.role) ? (
                <Button component={Link} to={riskPaths.register(org.slug)} variant="light">
                  Go to the risk register
                </Button>
              ) : null}
            </EmptyMessage>
          ) : (
            <Stack gap="sm">
              <Stack gap={6}>
                <LevelCounts results={a.results} pick={(r) => r.inherentLevel} label="Inherent" emptyLabel="Not scored" />
                <LevelCounts results={a.results} pick={(r) => r.residualLevel} label="Residual" emptyLabel="Not estimated" />
              </Stack>
              <ResultsTable org={org.slug} results={a.results} />
            </Stack>
          )}
        </Section>

        <RecordHistory org={org.slug} kind="risk-assessments" id={a.id} />
      </Stack>

      <EditDetailsModal org={org.slug} assessment={a} opened={editing} onClose={() => setEditing(false)} />
      <ConfirmModal
        opened={confirmApprove}
        title={`Approve ${a.ref}`}
        confirmLabel="Approve and freeze the results"
        danger={false}
        onConfirm={() =>
          approve.mutate(
            { id: a.id, version: a.version },
            {
              onSuccess: (approved) => {
                setConfirmApprove(false);
                show(
                  'success',
                  `${approved.ref} was approved; its results (${plural(approved.results.length, 'risk')}) are frozen.${approved.nextDue ? ` The next assessment is due by ${formatDay(approved.nextDue)}.` : ''}`,
                  'Assessment approved',
                );
              },
            },
          )
        }
        onCancel={() => setConfirmApprove(false)}
        loading={approve.isPending}
        error={approve.error}
      >
        <Stack gap="xs">
          <Text size="sm">
            Approve “{a.title}”? Its results ({plural(a.results.length, 'risk')}) are frozen as they are now and kept as the record of this
            assessment; it can no longer be changed or deleted.
          </Text>
          {interval ? <Text size="sm">The next assessment falls due {interval} months after the date it was performed.</Text> : null}
          {!a.summary ? (
            <Text size="sm" c="orange.8">
              The summary is still empty: consider writing the results and conclusions first.
            </Text>
          ) : null}
        </Stack>
      </ConfirmModal>
      <ConfirmModal
        opened={confirmDelete}
        title={`Delete ${a.ref}`}
        confirmLabel="Delete draft"
        onConfirm={() =>
          remove.mutate(a.id, {
            onSuccess: () => {
              setConfirmDelete(false);
              void navigate(riskPaths.assessments(org.slug), {
                state: flashState('success', `${a.ref} “${a.title}” was deleted.`, 'Assessment deleted'),
              });
            },
          })
        }
        onCancel={() => setConfirmDelete(false)}
        loading={remove.isPending}
        error={remove.error}
      >
        <Text size="sm">
          Delete the draft assessment {a.ref} “{a.title}”? The risks in the register are not affected.
        </Text>
      </ConfirmModal>
    </>
  );
}
