import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { RecordUnavailable } from '../../lib/components/RecordUnavailable.tsx';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { flashState } from '../inventory/flash-state.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { objectivePaths, useObjective, useUpdateObjective, type ObjectiveDetail } from './api.ts';
import { canWriteObjectives } from './labels.ts';
import { formFromObjective, isEmptyPatch, objectivePatchOf } from './objective-form.ts';
import { ObjectiveForm } from './ObjectiveForm.tsx';

function ConflictAlert({ onReload, loading }: { onReload: () => void; loading: boolean }) {
  return (
    <Alert color="yellow" variant="light" title="Someone else changed this objective" role="alert">
      <Stack gap="sm">
        <Text size="sm">
          It was saved by someone else after you opened it, so your changes were not saved (they would have overwritten theirs). Reload the
          current version and make your changes again.
        </Text>
        <Group>
          <Button size="xs" variant="light" color="yellow" onClick={onReload} loading={loading}>
            Discard my changes and reload
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** `/orgs/:org/objectives/:id/edit`: change an AI objective; only the changed fields are sent. */
export function EditObjectivePage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const objective = useObjective(org.slug, id);
  const update = useUpdateObjective(org.slug, objective.data?.id ?? id);
  // The form edits the objective as read when it opened; a background refetch does not reset it (a
  // save against an older version answers 409), only "reload" after a conflict does.
  const [base, setBase] = useState<ObjectiveDetail | null>(null);
  useEffect(() => {
    if (objective.data) setBase((current) => current ?? objective.data);
  }, [objective.data]);
  useDocumentTitle(`Change ${objective.data?.ref ?? 'objective'} · AI objectives · Trellis`);
  const crumbs = [
    { label: 'AI objectives', to: objectivePaths.list(org.slug) },
    { label: objective.data?.ref ?? id, to: objectivePaths.objective(org.slug, id) },
    { label: 'Change' },
  ];

  if (!canWriteObjectives(org.role)) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <Alert color="gray" variant="light" title="You cannot change AI objectives">
          Contributors, AIMS managers and owners change AI objectives. Your role lets you read them.
        </Alert>
      </>
    );
  }
  // Still loading until the form has its base, too (set by the effect just after the first data).
  const loading = objective.isPending || (objective.data !== undefined && !base);
  if (loading || objective.isError) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <RecordUnavailable
          pending={loading}
          error={objective.error}
          noun="AI objective"
          back={{ to: objectivePaths.list(org.slug), label: 'Back to AI objectives' }}
        />
      </>
    );
  }

  const data = base ?? objective.data;
  const initial = formFromObjective(data);
  const done = (ref: string, changed: boolean) =>
    void navigate(objectivePaths.objective(org.slug, ref), {
      state: changed ? flashState('success', `${ref} was saved.`, 'Changes saved') : flashState('info', 'Nothing was changed.'),
    });

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Change {data.ref} {data.title}
        </Title>
        <Text c="dimmed" size="sm" maw={760}>
          Only what you change is saved. A new measure is judged against the plan’s runs so far and every run to come.
        </Text>
      </Stack>
      <ObjectiveForm
        key={data.version}
        org={org.slug}
        label="Change AI objective"
        initial={initial}
        error={update.error}
        errorTitle="Could not save the objective"
        conflict={
          <ConflictAlert
            loading={objective.isFetching}
            onReload={() =>
              void objective.refetch().then((fresh) => {
                if (!fresh.data) return;
                update.reset();
                setBase(fresh.data);
              })
            }
          />
        }
        pending={update.isPending}
        submitLabel="Save changes"
        cancelTo={objectivePaths.objective(org.slug, data.ref)}
        onSubmit={(form) => {
          const patch = objectivePatchOf(form, initial, data.version);
          if (isEmptyPatch(patch)) {
            done(data.ref, false);
            return;
          }
          update.mutate(patch, { onSuccess: (saved) => done(saved.ref, true) });
        }}
      />
    </>
  );
}
