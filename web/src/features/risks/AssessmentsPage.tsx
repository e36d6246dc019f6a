import { Alert, Anchor, Badge, Button, Paper, Stack, Table, Text } from '@mantine/core';
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
import { riskPaths, useAssessments, type RiskAssessment } from './api.ts';
import { StartAssessmentModal } from './AssessmentForm.tsx';
import { canWriteRisks, formatDay, plural } from './labels.ts';
import { ReassessmentBanner } from './ReassessmentBanner.tsx';
import { RisksNav } from './RisksNav.tsx';

export function AssessmentStatusBadge({ status, size = 'sm' }: { status: RiskAssessment['status']; size?: 'sm' | 'md' }) {
  return (
    <Badge size={size} radius="sm" variant="light" color={status === 'approved' ? 'teal' : 'gray'} tt="none" data-status={status}>
      {status === 'approved' ? 'Approved' : 'Draft'}
    </Badge>
  );
}

export function scopeText(a: RiskAssessment): string {
  if (a.scope === 'aims') return 'Whole AIMS';
  return a.systems.length === 1 ? `${a.systems[0]?.ref ?? ''} ${a.systems[0]?.name ?? ''}`.trim() : plural(a.systems.length, 'AI system');
}

/** `/orgs/:org/risks/assessments`: the risk assessment runs (8.2), newest first, and a way to start one. */
export function AssessmentsPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const assessments = useAssessments(org.slug);
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const mayWrite = canWriteRisks(org.role);
  // `?start=1` (the reassessment banner's link) opens the form.
  const [starting, setStarting] = useState(() => mayWrite && params.get('start') === '1');
  const close = () => {
    setStarting(false);
    if (params.has('start')) setParams({}, { replace: true });
  };
  const start = () => setStarting(true);
  // Only the latest approved assessment's next date is still running.
  const latestApproved = assessments.data?.find((a) => a.status === 'approved')?.id;

  return (
    <>
      <PageHeader
        title="Risk assessments"
        description="Dated assessments of the AI risks (ISO/IEC 42001 8.2), at planned intervals and when significant changes occur. Approving an assessment freezes its results, so you can show what was assessed and decided at the time."
        actions={mayWrite ? <Button onClick={start}>Start assessment</Button> : null}
      />
      <RisksNav org={org.slug} current="assessments" />
      <FlashMessage flash={flash} onClose={clear} />
      <ReassessmentBanner org={org.slug} mayWrite={false} />
      <Paper withBorder radius="md">
        {assessments.isPending ? (
          <LoadingState label="Loading the assessments…" />
        ) : assessments.isError ? (
          <Stack p="md">
            <ErrorAlert error={assessments.error} title="Could not load the assessments" />
          </Stack>
        ) : assessments.data.length === 0 ? (
          <EmptyMessage
            title="No risk assessments yet"
            description={
              mayWrite
                ? 'Start one when the register holds the risks of your AI systems: record its scope, the participants and the method, write up the results, and have an owner or AIMS manager approve it.'
                : 'Nobody has started a risk assessment yet. Contributors, AIMS managers and owners can start them.'
            }
          >
            {mayWrite ? <Button onClick={start}>Start assessment</Button> : null}
          </EmptyMessage>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover aria-label="Risk assessments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={90}>Ref</Table.Th>
                  <Table.Th>Title</Table.Th>
                  <Table.Th w={160}>Scope</Table.Th>
                  <Table.Th w={130}>Performed on</Table.Th>
                  <Table.Th w={100}>Status</Table.Th>
                  <Table.Th w={200}>Approved</Table.Th>
                  <Table.Th w={150}>Next due</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {assessments.data.map((a) => (
                  <Table.Tr key={a.id} data-assessment-ref={a.ref}>
                    <Table.Td>
                      <Text size="sm" ff="monospace" fw={600}>
                        {a.ref}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        <Anchor component={Link} to={riskPaths.assessment(org.slug, a.id)} size="sm" fw={500}>
                          {a.title}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {plural(a.results.length, 'risk')}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{scopeText(a)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatDay(a.performedOn)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <AssessmentStatusBadge status={a.status} />
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
                    <Table.Td>
                      <DueDate day={a.nextDue} overdue={a.id === latestApproved ? undefined : false} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {!mayWrite ? (
        <Alert variant="light" color="gray" mt="md">
          Contributors, AIMS managers and owners start assessments; owners and AIMS managers approve them.
        </Alert>
      ) : null}

      <StartAssessmentModal
        org={org.slug}
        opened={starting}
        onClose={close}
        onCreated={(a) => {
          setStarting(false);
          void navigate(riskPaths.assessment(org.slug, a.id), {
            state: flashState(
              'success',
              `${a.ref} was started as a draft with ${plural(a.results.length, 'risk')} in scope. Review the results, write the summary, then have it approved.`,
              'Assessment started',
            ),
          });
        }}
      />
    </>
  );
}
