import { Alert, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { roleLabels } from '../../lib/roles.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { useReadiness, useReadinessRules, type Readiness } from './api.ts';
import { CheckTable, PriorityLegend } from './CheckTable.tsx';
import { GroupScores } from './GroupScores.tsx';
import { ReadinessSummary } from './ReadinessSummary.tsx';
import { groupName, plural, todayUtc, useReadinessViewState, visibleChecks, type ReadinessViewState } from './readiness-view.ts';

const readOnlyRoles = new Set(['auditor', 'viewer']);

function groupTitle(readiness: Readiness, group: string): string {
  return [...readiness.clauses, ...readiness.annexA].find((g) => g.id === group)?.title ?? '';
}

function ChecksSection({
  readiness,
  state,
  update,
}: {
  readiness: Readiness;
  state: ReadinessViewState;
  update: (patch: Partial<ReadinessViewState>) => void;
}) {
  const org = useCurrentOrg();
  const rules = useReadinessRules(org.slug);
  const ruleMap = useMemo(() => (rules.data ? new Map(rules.data.map((r) => [r.id, r])) : undefined), [rules.data]);
  const checks = visibleChecks(readiness, state);
  const inGroup = (list: { group: string }[]) => (state.group ? list.filter((c) => c.group === state.group).length : list.length);
  const scope = state.group ? ` in ${groupName(state.group)} ${groupTitle(readiness, state.group)}` : '';
  const label = state.mode === 'gaps' ? 'Gaps' : 'All checks';

  return (
    <Stack gap="sm" component="section" aria-labelledby="readiness-checks">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="readiness-checks">
            {state.mode === 'gaps' ? 'Gaps, most important first' : 'Every check, in the order of the standard'}
            {state.group ? ` · ${groupName(state.group)}` : ''}
          </Title>
          <Text size="sm" c="dimmed">
            {state.mode === 'gaps'
              ? 'What an auditor will ask for and Trellis could not find, approved and current. Each links to where it is fixed.'
              : 'Passes and gaps together, as an auditor would walk through the standard.'}
          </Text>
        </Stack>
        <Group gap="sm">
          {state.group ? (
            <Button variant="subtle" size="xs" onClick={() => update({ group: null })}>
              Show every clause and area
            </Button>
          ) : null}
          <SegmentedControl
            aria-label="Checks to show"
            value={state.mode}
            onChange={(mode) => update({ mode: mode === 'all' ? 'all' : 'gaps' })}
            data={[
              { value: 'gaps', label: `Gaps (${inGroup(readiness.gaps)})` },
              { value: 'all', label: `All checks (${inGroup(readiness.checks)})` },
            ]}
          />
        </Group>
      </Group>
      {state.mode === 'gaps' && checks.length > 0 ? <PriorityLegend /> : null}
      <Paper withBorder radius="md">
        {checks.length === 0 ? (
          state.mode === 'gaps' ? (
            <EmptyMessage
              title={`No gaps${scope}`}
              description="Everything an auditor will ask for here exists, is approved and is current on the day evaluated."
            >
              <Button variant="light" onClick={() => update({ mode: 'all' })}>
                Show all checks
              </Button>
            </EmptyMessage>
          ) : (
            <EmptyMessage title={`No checks${scope}`} />
          )
        ) : (
          <CheckTable
            checks={checks}
            rules={ruleMap}
            showStatus={state.mode === 'all'}
            label={label}
            readOnly={readOnlyRoles.has(org.role)}
          />
        )}
      </Paper>
      <Text size="sm" c="dimmed" role="status" data-testid="readiness-list-count">
        {state.mode === 'gaps' ? plural(checks.length, 'gap') : plural(checks.length, 'check')}
        {scope} shown
      </Text>
    </Stack>
  );
}

/** `/orgs/:org/readiness`: the auditor's checklist for ISO/IEC 42001, computed from the organization's live records. */
export function ReadinessPage() {
  const org = useCurrentOrg();
  const { state, update } = useReadinessViewState();
  const today = todayUtc();
  const readiness = useReadiness(org.slug, state.asOf);

  return (
    <>
      <PageHeader
        title="Certification readiness"
        description="What a certification auditor will ask for under clauses 4–10 and Annex A of ISO/IEC 42001, checked against your live records: whether it exists, is approved and is current. Areas Trellis keeps no records for yet count as gaps until evidence is linked to them."
      />
      {readOnlyRoles.has(org.role) ? (
        <Alert variant="light" color="gray" mb="md">
          As {org.role === 'auditor' ? 'an' : 'a'} {roleLabels[org.role]} you read this view; each link opens the records behind the check.
        </Alert>
      ) : null}

      {readiness.isPending ? (
        <Paper withBorder radius="md">
          <LoadingState label="Checking your records…" />
        </Paper>
      ) : readiness.isError && !readiness.data ? (
        <Stack gap="sm">
          <ErrorAlert error={readiness.error} title="Could not compute the readiness" />
          {state.asOf ? (
            <Group>
              <Button variant="light" onClick={() => update({ asOf: null })}>
                Evaluate for today
              </Button>
            </Group>
          ) : null}
        </Stack>
      ) : (
        <>
          {readiness.isError ? (
            <Stack mb="md">
              <ErrorAlert error={readiness.error} title="Could not refresh the readiness; the figures below may be out of date" />
            </Stack>
          ) : null}
          <ReadinessSummary
            readiness={readiness.data}
            asOf={state.asOf}
            today={today}
            onAsOfChange={(asOf) => update({ asOf })}
            updating={readiness.isFetching && readiness.isPlaceholderData}
          />
          <GroupScores
            clauses={readiness.data.clauses}
            annexA={readiness.data.annexA}
            selected={state.group}
            onSelect={(group) => update({ group })}
          />
          <ChecksSection readiness={readiness.data} state={state} update={update} />
        </>
      )}
    </>
  );
}
