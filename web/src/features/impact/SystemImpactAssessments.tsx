import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import type { Role } from '../../lib/roles.ts';
import { impactPaths, useImpactAssessments } from './api.ts';
import { ImpactAssessmentTable } from './ImpactAssessmentsPage.tsx';
import { canWriteImpact } from './labels.ts';

/** The impact assessments of one AI system, for its page, with a way to start one for it. */
export function SystemImpactAssessments({ org, role, systemId }: { org: string; role: Role; systemId: string }) {
  const assessments = useImpactAssessments(org, { systemId });
  const mayWrite = canWriteImpact(role);
  const start = mayWrite ? (
    <Button component={Link} to={impactPaths.start(org, systemId)}>
      Start impact assessment
    </Button>
  ) : null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="system-impact-assessments">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="system-impact-assessments">
            Impact assessments
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            The consequences this AI system can have for individuals, groups and society (ISO/IEC 42001 6.1.4, A.5), and any
            fundamental-rights impact assessment under the EU AI Act (Art. 27).
          </Text>
        </Stack>
        {start}
      </Group>
      <Paper withBorder radius="md">
        {assessments.isPending ? (
          <LoadingState label="Loading the impact assessments…" />
        ) : assessments.isError ? (
          <Stack p="md">
            <ErrorAlert error={assessments.error} title="Could not load the impact assessments" />
          </Stack>
        ) : assessments.data.length === 0 ? (
          <EmptyMessage title="Not assessed yet" description="No impact assessment has been started for this AI system.">
            {start}
          </EmptyMessage>
        ) : (
          <ImpactAssessmentTable org={org} assessments={assessments.data} showSystem={false} label="Impact assessments of this AI system" />
        )}
      </Paper>
    </Stack>
  );
}
