import { Alert, Anchor, Button, Group, MultiSelect, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { DueDate } from '../inventory/InventoryBadges.tsx';
import { flashState, useFlashFromNavigation } from '../inventory/flash-state.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { impactPaths, useImpactAssessments, useSystemById, type ImpactAssessment, type ImpactStatus } from './api.ts';
import { ImpactStatusBadge } from './ImpactBadges.tsx';
import { ImpactNav } from './ImpactNav.tsx';
import { canWriteImpact, impactStatuses, plural, statusLabels } from './labels.ts';
import { StartAssessmentModal } from './StartAssessmentModal.tsx';
import { SystemSelect } from './SystemSelect.tsx';

/** The assessments as a table: reference, title and template, AI system, status, review date, approval. */
export function ImpactAssessmentTable({
  org,
  assessments,
  showSystem = true,
  label = 'Impact assessments',
}: {
  org: string;
  assessments: readonly ImpactAssessment[];
  showSystem?: boolean;
  label?: string;
}) {
  const refs = new Map(assessments.map((a) => [a.id, a.ref]));
  return (
    <Table.ScrollContainer minWidth={showSystem ? 960 : 760}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={90}>Ref</Table.Th>
            <Table.Th>Title</Table.Th>
            {showSystem ? <Table.Th w={220}>AI system</Table.Th> : null}
            <Table.Th w={110}>Status</Table.Th>
            <Table.Th w={150}>Review due</Table.Th>
            <Table.Th w={200}>Approved</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {assessments.map((a) => (
            <Table.Tr key={a.id} data-assessment-ref={a.ref}>
              <Table.Td>
                <Text size="sm" ff="monospace" fw={600}>
                  {a.ref}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Anchor component={Link} to={impactPaths.assessment(org, a.id)} size="sm" fw={500}>
                    {a.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {a.templateName} {a.templateVersion} · {plural(a.impacts.length, 'impact')}
                    {a.supersedes ? ` · revision of ${refs.get(a.supersedes) ?? 'an earlier assessment'}` : ''}
                  </Text>
                </Stack>
              </Table.Td>
              {showSystem ? (
                <Table.Td>
                  <Anchor component={Link} to={impactPaths.system(org, a.system.id)} size="sm">
                    <Text span ff="monospace" size="sm">
                      {a.system.ref}
                    </Text>{' '}
                    {a.system.name}
                  </Anchor>
                </Table.Td>
              ) : null}
              <Table.Td>
                <ImpactStatusBadge status={a.status} />
              </Table.Td>
              <Table.Td>
                <DueDate day={a.reviewDue} overdue={a.reviewOverdue} />
              </Table.Td>
              <Table.Td>
                {a.approvedAt ? (
                  <Stack gap={0}>
                    <Text size="sm">{a.approvedBy}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(a.approvedAt)}
                    </Text>
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** `/orgs/:org/impact-assessments`: every impact assessment, newest first, filtered by status and AI system, and a way to start one. */
export function ImpactAssessmentsPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = params.getAll('status').filter((s): s is ImpactStatus => (impactStatuses as readonly string[]).includes(s));
  const systemId = params.get('system');
  const filtered = status.length > 0 || systemId !== null;
  const assessments = useImpactAssessments(org.slug, { status, systemId: systemId ?? undefined });
  const filterSystem = useSystemById(org.slug, systemId);
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const mayWrite = canWriteImpact(org.role);
  // `?start=1` opens the form; `?start=<AI system id>` (from a system page) opens it with that system chosen.
  const startParam = params.get('start');
  const [starting, setStarting] = useState(() => mayWrite && startParam !== null);
  const presetSystem = startParam && startParam !== '1' ? startParam : null;

  const update = (change: (next: URLSearchParams) => void) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        change(next);
        return next;
      },
      { replace: true },
    );
  const close = () => {
    setStarting(false);
    if (params.has('start')) update((next) => next.delete('start'));
  };

  return (
    <>
      <PageHeader
        title="Impact assessments"
        description="Assessments of the consequences AI systems can have for individuals, groups of individuals and society (ISO/IEC 42001 6.1.4, 8.4, A.5), and fundamental-rights impact assessments under the EU AI Act (Art. 27). Approving an assessment freezes it; a revision replaces it."
        actions={mayWrite ? <Button onClick={() => setStarting(true)}>Start impact assessment</Button> : null}
      />
      <ImpactNav org={org.slug} current="assessments" />
      <FlashMessage flash={flash} onClose={clear} />
      <Paper withBorder radius="md" p="md" mb="md" component="section" aria-label="Filter impact assessments">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <MultiSelect
            label="Status"
            placeholder={status.length === 0 ? 'Any status' : undefined}
            data={impactStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
            value={status}
            onChange={(v) =>
              update((next) => {
                next.delete('status');
                for (const s of v) next.append('status', s);
              })
            }
            clearable
          />
          <SystemSelect
            key={systemId ?? 'none'}
            org={org.slug}
            label="AI system"
            placeholder="Any AI system"
            value={filterSystem.data ? { id: filterSystem.data.id, ref: filterSystem.data.ref, name: filterSystem.data.name } : null}
            onChange={(s) =>
              update((next) => {
                if (s) next.set('system', s.id);
                else next.delete('system');
              })
            }
            clearable
          />
        </SimpleGrid>
        {filtered ? (
          <Group justify="flex-end" mt="sm">
            <Button variant="subtle" size="compact-sm" onClick={() => setParams({}, { replace: true })}>
              Clear filters
            </Button>
          </Group>
        ) : null}
      </Paper>
      <Paper withBorder radius="md">
        {assessments.isPending ? (
          <LoadingState label="Loading the impact assessments…" />
        ) : assessments.isError ? (
          <Stack p="md">
            <ErrorAlert error={assessments.error} title="Could not load the impact assessments" />
          </Stack>
        ) : assessments.data.length === 0 ? (
          filtered ? (
            <EmptyMessage title="No impact assessment matches" description="Change or clear the filters to see more.">
              <Button variant="light" onClick={() => setParams({}, { replace: true })}>
                Clear filters
              </Button>
            </EmptyMessage>
          ) : (
            <EmptyMessage
              title="No impact assessments yet"
              description={
                mayWrite
                  ? 'Start one for an AI system: choose the ISO/IEC 42001 impact assessment or the EU AI Act fundamental-rights impact assessment, answer its questions, record the impacts, and have an owner or AIMS manager approve it.'
                  : 'Nobody has started an impact assessment yet. Contributors, AIMS managers and owners can start them.'
              }
            >
              {mayWrite ? <Button onClick={() => setStarting(true)}>Start impact assessment</Button> : null}
            </EmptyMessage>
          )
        ) : (
          <ImpactAssessmentTable org={org.slug} assessments={assessments.data} />
        )}
      </Paper>
      {!mayWrite ? (
        <Alert variant="light" color="gray" mt="md">
          Contributors, AIMS managers and owners start and edit impact assessments; owners and AIMS managers approve them.
        </Alert>
      ) : null}

      <StartAssessmentModal
        org={org.slug}
        opened={starting}
        systemId={presetSystem}
        onClose={close}
        onCreated={(a) => {
          setStarting(false);
          void navigate(impactPaths.assessment(org.slug, a.id), {
            state: flashState(
              'success',
              `${a.ref} was started as a draft. Answer the questions, record the impacts, then submit it for review.`,
              'Impact assessment started',
            ),
          });
        }}
      />
    </>
  );
}
