import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { objectivePaths, useObjectives } from './api.ts';
import { ObjectivesTable } from './ObjectivesTable.tsx';

/** On a monitoring plan's page: the AI objectives whose target is a metric of this plan. */
export function PlanObjectivesSection({ org, plan, mayWrite }: { org: string; plan: { id: string; ref: string }; mayWrite: boolean }) {
  const objectives = useObjectives(org, { planId: plan.id });
  return (
    <Stack gap="sm" component="section" aria-labelledby="plan-objectives">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="plan-objectives">
            Objectives measured by this plan
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            AI objectives whose target is a metric of this plan: each run says whether they are met.
          </Text>
        </Stack>
        {mayWrite ? (
          <Button variant="default" component={Link} to={objectivePaths.add(org, plan.ref)}>
            New objective
          </Button>
        ) : null}
      </Group>
      <Paper withBorder radius="md" aria-busy={objectives.isFetching}>
        {objectives.isPending ? (
          <LoadingState label="Loading the AI objectives…" />
        ) : objectives.isError ? (
          <Stack p="md">
            <ErrorAlert error={objectives.error} title="Could not load the AI objectives" />
          </Stack>
        ) : objectives.data.length === 0 ? (
          <EmptyMessage
            title="No objective is measured by this plan"
            description="An AI objective can take one of this plan’s metrics as its target."
          />
        ) : (
          <ObjectivesTable org={org} objectives={objectives.data} label="Objectives measured by this plan" />
        )}
      </Paper>
    </Stack>
  );
}
