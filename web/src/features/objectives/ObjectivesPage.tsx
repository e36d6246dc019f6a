import { Alert, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { roleLabels } from '../../lib/roles.ts';
import { useFlashFromNavigation } from '../inventory/flash-state.ts';
import { withArticle } from '../inventory/labels.ts';
import { plural } from '../monitoring/labels.ts';
import { Stat } from '../monitoring/Stat.tsx';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { objectivePaths, useObjectives, type ObjectiveListParams, type ObjectiveStatus } from './api.ts';
import { canWriteObjectives, objectiveStatusList, statusLabels } from './labels.ts';
import { ObjectivesTable } from './ObjectivesTable.tsx';

type OverdueFilter = 'all' | 'true' | 'false';

/** `/orgs/:org/objectives`: the organization's AI objectives (ISO/IEC 42001 6.2), where each stands. */
export function ObjectivesPage() {
  const org = useCurrentOrg();
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const [status, setStatus] = useState<ObjectiveStatus | null>(null);
  const [overdue, setOverdue] = useState<OverdueFilter>('all');
  const params: ObjectiveListParams = { ...(status ? { status } : {}), ...(overdue === 'all' ? {} : { overdue }) };
  const filtered = Object.keys(params).length > 0;
  const objectives = useObjectives(org.slug, params);
  // The headline numbers are of every objective, whatever the filter.
  const everything = useObjectives(org.slug);
  const all = everything.data ?? [];
  const shown = objectives.data ?? [];
  const mayWrite = canWriteObjectives(org.role);
  const newObjective = mayWrite ? (
    <Button component={Link} to={objectivePaths.add(org.slug)}>
      New objective
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="AI objectives"
        description="What the organization means to achieve with its AI management system (ISO/IEC 42001 6.2): each objective has an owner, a target date, the work and resources it needs, and how its result is evaluated. A monitoring plan can measure it."
        actions={newObjective}
      />
      <FlashMessage flash={flash} onClose={clear} />
      {!mayWrite ? (
        <Alert variant="light" color="gray" mb="md">
          As {withArticle(roleLabels[org.role])} you can read every AI objective. Contributors, AIMS managers and owners add and change
          them.
        </Alert>
      ) : null}
      <Stack gap="xl">
        <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
          <Stat
            label="AI objectives"
            value={everything.data ? String(all.length) : '…'}
            hint={
              everything.data
                ? `${all.filter((o) => o.status === 'planned' || o.status === 'in-progress').length} planned or in progress`
                : undefined
            }
          />
          <Stat
            label="Overdue"
            value={everything.data ? String(all.filter((o) => o.overdue).length) : '…'}
            hint="Target date passed, still open"
          />
          <Stat
            label="Target met"
            value={everything.data ? String(all.filter((o) => o.progress === 'met').length) : '…'}
            hint="By the latest run"
          />
          <Stat
            label="Target not met"
            value={everything.data ? String(all.filter((o) => o.progress === 'not-met').length) : '…'}
            hint="By the latest run"
          />
        </SimpleGrid>

        <Stack gap="sm" component="section" aria-labelledby="objectives-list">
          <Group justify="space-between" align="flex-end" gap="sm">
            <Stack gap={2}>
              <Title order={2} size="h4" id="objectives-list">
                Objectives
              </Title>
              <Text size="sm" c="dimmed" maw={760}>
                By reference. Progress comes from the latest run of the monitoring plan that measures an objective.
              </Text>
            </Stack>
            <Group gap="sm" align="flex-end">
              <Select
                label="Status"
                placeholder="Any status"
                data={objectiveStatusList.map((s) => ({ value: s, label: statusLabels[s] }))}
                value={status}
                onChange={(v) => setStatus(v as ObjectiveStatus | null)}
                clearable
                w={180}
              />
              <SegmentedControl
                aria-label="Overdue"
                value={overdue}
                onChange={(v) => setOverdue(v as OverdueFilter)}
                data={[
                  { value: 'all', label: 'All' },
                  { value: 'true', label: 'Overdue' },
                  { value: 'false', label: 'Not overdue' },
                ]}
              />
            </Group>
          </Group>
          <Paper withBorder radius="md" aria-busy={objectives.isFetching}>
            {objectives.isPending ? (
              <LoadingState label="Loading the AI objectives…" />
            ) : objectives.isError ? (
              <Stack p="md">
                <ErrorAlert error={objectives.error} title="Could not load the AI objectives" />
              </Stack>
            ) : shown.length === 0 && !filtered ? (
              <EmptyMessage
                title="No AI objectives yet"
                description={
                  <>
                    An AI objective is a result your organization commits to reach with its AI — for example “every hiring model treats
                    applicant groups alike” or “all AI staff are trained by June”. Write down who owns it, by when, what will be done and
                    how you will know it was reached. A monitoring plan can measure it for you.
                    {mayWrite ? '' : ' Contributors, AIMS managers and owners can add objectives.'}
                  </>
                }
              >
                {newObjective}
              </EmptyMessage>
            ) : shown.length === 0 ? (
              <EmptyMessage
                title="No objective matches"
                description={everything.data ? `None of the ${plural(all.length, 'objective')} is in this view.` : undefined}
              >
                <Button
                  variant="light"
                  onClick={() => {
                    setStatus(null);
                    setOverdue('all');
                  }}
                >
                  Show all objectives
                </Button>
              </EmptyMessage>
            ) : (
              <ObjectivesTable org={org.slug} objectives={shown} />
            )}
          </Paper>
        </Stack>
      </Stack>
    </>
  );
}
