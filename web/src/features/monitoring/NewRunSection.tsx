import { Paper, SegmentedControl, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import type { MonitoringPlan } from './api.ts';
import { CountsRunForm } from './CountsRunForm.tsx';
import { RunUploadForm } from './RunUploadForm.tsx';

type RunSourceChoice = 'data' | 'counts';

/**
 * "New run" on a plan's page, for writers: upload the data files, or, for a fairness plan, post
 * the confusion counts the team computed in its own pipeline.
 */
export function NewRunSection({ org, plan }: { org: string; plan: MonitoringPlan }) {
  const [source, setSource] = useState<RunSourceChoice>('data');
  const spec = plan.spec;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="new-run">
      <Stack gap="md">
        <Title order={2} size="h4" id="new-run">
          New run
        </Title>
        {spec.metric === 'fairness' ? (
          <SegmentedControl
            aria-label="What to run the plan on"
            value={source}
            onChange={(value) => setSource(value === 'counts' ? 'counts' : 'data')}
            data={[
              { value: 'data', label: 'Data file' },
              { value: 'counts', label: 'Counts from your pipeline' },
            ]}
            w="fit-content"
            data-testid="run-source"
          />
        ) : null}
        {spec.metric === 'fairness' && source === 'counts' ? (
          <CountsRunForm org={org} plan={{ id: plan.id, ref: plan.ref, spec }} />
        ) : (
          <RunUploadForm org={org} plan={plan} />
        )}
      </Stack>
    </Paper>
  );
}
