import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmModal } from '../../lib/components/ConfirmModal.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { RecordUnavailable } from '../../lib/components/RecordUnavailable.tsx';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { flashState, useFlashFromNavigation } from '../inventory/flash-state.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { formatDay } from '../risks/labels.ts';
import { objectivePaths, useDeleteObjective, useObjective } from './api.ts';
import { canDeleteObjectives, canWriteObjectives } from './labels.ts';
import { MeasureSection } from './MeasureSection.tsx';
import { ObjectiveEvidence } from './ObjectiveEvidence.tsx';
import { ObjectiveFacts } from './ObjectiveFacts.tsx';
import { ObjectiveHistory } from './ObjectiveHistory.tsx';
import { ObjectiveStatusBadge, OverdueBadge, ProgressBadge } from './ObjectiveBadges.tsx';

/** `/orgs/:org/objectives/:id`: one AI objective — what, who, by when, how it is measured, its evidence and history. */
export function ObjectiveDetailPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const objective = useObjective(org.slug, id);
  const remove = useDeleteObjective(org.slug);
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const mayWrite = canWriteObjectives(org.role);
  const mayDelete = canDeleteObjectives(org.role);
  useDocumentTitle(`${objective.data ? `${objective.data.ref} ${objective.data.title}` : 'AI objective'} · AI objectives · Trellis`);
  const crumbs = [{ label: 'AI objectives', to: objectivePaths.list(org.slug) }, { label: objective.data?.ref ?? id }];

  if (objective.isPending || objective.isError) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <RecordUnavailable
          pending={objective.isPending}
          error={objective.error}
          noun="AI objective"
          back={{ to: objectivePaths.list(org.slug), label: 'Back to AI objectives' }}
        />
      </>
    );
  }

  const data = objective.data;
  const onDelete = () =>
    remove.mutate(id, {
      onSuccess: () => {
        setConfirmDelete(false);
        void navigate(objectivePaths.list(org.slug), {
          state: flashState('success', `${data.ref} “${data.title}” was deleted. Its evidence stays.`, 'Objective deleted'),
        });
      },
    });

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <Group justify="space-between" align="flex-start" gap="md" mb="lg">
        <Stack gap={6}>
          <Group gap="sm">
            <Text ff="monospace" fw={700} size="lg" c="teal.8" data-testid="objective-ref">
              {data.ref}
            </Text>
            <ObjectiveStatusBadge status={data.status} size="md" />
            <ProgressBadge progress={data.progress} size="md" />
            {data.overdue ? <OverdueBadge size="md" /> : null}
          </Group>
          <Title order={1} size="h2">
            {data.title}
          </Title>
          <Text size="sm" c="dimmed">
            AI objective owned by {data.owner}
            {data.targetDate ? `, to be achieved by ${formatDay(data.targetDate)}` : ''}
          </Text>
        </Stack>
        <Group gap="sm" wrap="nowrap">
          {mayWrite ? (
            <Button variant="default" component={Link} to={objectivePaths.edit(org.slug, data.ref)}>
              Change objective
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
      <Stack gap="xl">
        {data.overdue ? (
          <Alert color="red" variant="light" title="This objective is overdue">
            Its target date was {formatDay(data.targetDate)} and it is still {data.status === 'planned' ? 'planned' : 'in progress'}.
            {mayWrite ? ' Record whether it was achieved, or set a new target date.' : ''}
          </Alert>
        ) : null}
        <ObjectiveFacts org={org.slug} objective={data} />
        <MeasureSection org={org.slug} objective={data} />
        <ObjectiveEvidence org={org.slug} objective={data} mayWrite={mayWrite} />
        <ObjectiveHistory org={org.slug} id={data.id} />
      </Stack>
      <ConfirmModal
        opened={confirmDelete}
        title="Delete AI objective"
        confirmLabel="Delete objective"
        onConfirm={onDelete}
        onCancel={() => setConfirmDelete(false)}
        loading={remove.isPending}
        error={remove.error}
      >
        <Stack gap="xs">
          <Text size="sm">
            Delete {data.ref} “{data.title}”? Its evidence and the monitoring plan stay. To keep it on record instead, set its status to
            withdrawn.
          </Text>
          <Text size="xs" c="dimmed">
            The deletion is recorded in the audit log.
          </Text>
        </Stack>
      </ConfirmModal>
    </>
  );
}
