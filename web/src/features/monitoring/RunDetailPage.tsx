import { ActionIcon, Alert, Anchor, Badge, CopyButton, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { RecordUnavailable } from '../../lib/components/RecordUnavailable.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { formatBytes } from '../evidence/labels.ts';
import { useFlashFromNavigation } from '../inventory/flash-state.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { AlertActions } from './AlertActions.tsx';
import { monitoringPaths, useRun, type InputFingerprint, type MonitoringRun } from './api.ts';
import { canWriteMonitoring, formatCount, formatValue, inputRoleLabels, opSymbols, plural, sourceLabels } from './labels.ts';
import { AlertStateBadge, MetricBadge, RunStatusBadge } from './MonitoringBadges.tsx';
import { MonitoringHistory } from './MonitoringHistory.tsx';
import { ResultView } from './ResultView.tsx';

function Section({ id, title, description, children }: { id: string; title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Stack gap={2}>
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {description ? (
          <Text size="sm" c="dimmed" maw={820}>
            {description}
          </Text>
        ) : null}
      </Stack>
      {children}
    </Stack>
  );
}

function ThresholdOutcomes({ run }: { run: MonitoringRun }) {
  if (run.thresholds.length === 0) {
    return (
      <Paper withBorder radius="md">
        <EmptyMessage title="No thresholds" description="The run was judged by none: it is kept as evidence of what was measured." />
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md">
      <Table aria-label="Threshold outcomes" verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Metric</Table.Th>
            <Table.Th>Must be</Table.Th>
            <Table.Th ta="right">Measured</Table.Th>
            <Table.Th>Outcome</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {run.thresholds.map((t) => (
            <Table.Tr key={`${t.key}${t.op}${t.value}`} data-threshold={t.key} data-outcome={t.passed ? 'pass' : 'fail'}>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {t.key}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">
                  {opSymbols[t.op]} {t.value}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={700} c={t.passed ? undefined : 'red.8'}>
                  {formatValue(t.actual)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  <Badge size="sm" radius="sm" color={t.passed ? 'teal' : 'red'} variant={t.passed ? 'light' : 'filled'}>
                    {t.passed ? 'Pass' : 'Fail'}
                  </Badge>
                  {t.reason ? (
                    <Text size="xs" c="dimmed">
                      {t.reason}
                    </Text>
                  ) : null}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function Sha({ value }: { value: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }} data-testid="input-sha256">
        {value}
      </Text>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy SHA-256'} withArrow>
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label="Copy SHA-256" size="sm">
              <svg width={14} height={14} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true">
                {copied ? <path d="M5 12l5 5L20 7" /> : <path d="M8 8h11v11H8zM5 16V5h11" />}
              </svg>
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

function Inputs({ inputs }: { inputs: InputFingerprint[] }) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={720}>
        <Table aria-label="Inputs" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Role</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th ta="right">Rows</Table.Th>
              <Table.Th ta="right">Size</Table.Th>
              <Table.Th>SHA-256</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {inputs.map((input) => (
              <Table.Tr key={`${input.role}${input.name}`} data-input={input.role}>
                <Table.Td>{inputRoleLabels[input.role]}</Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {input.name}
                    </Text>
                    <Text size="xs" c="dimmed" tt="uppercase">
                      {input.format}
                    </Text>
                    {input.query ? (
                      <Text size="xs" ff="monospace" c="dimmed" lineClamp={3}>
                        {input.query}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td ta="right">{formatCount(input.rows)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {input.bytes === null ? '—' : formatBytes(input.bytes)}
                </Table.Td>
                <Table.Td>
                  {input.sha256 ? (
                    <Sha value={input.sha256} />
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
    </Paper>
  );
}

function AlertBanner({ org, run, mayWrite }: { org: string; run: MonitoringRun; mayWrite: boolean }) {
  const failed = run.thresholds.filter((t) => !t.passed).length;
  const { alert } = run;
  if (run.status === 'passed') {
    return (
      <Alert color="teal" variant="light" title="Every threshold held" data-testid="run-verdict">
        {run.thresholds.length === 0
          ? 'The plan has no thresholds.'
          : run.thresholds.length === 1
            ? 'The plan’s threshold passed.'
            : `All ${run.thresholds.length} thresholds of the plan passed.`}
      </Alert>
    );
  }
  return (
    <Alert
      color={alert.state === 'open' ? 'red' : 'gray'}
      variant="light"
      title={`${plural(failed, 'threshold')} breached`}
      data-testid="run-verdict"
    >
      <Stack gap="xs">
        {alert.state === 'open' ? (
          <Text size="sm">
            The alert is open.{' '}
            {mayWrite
              ? 'Acknowledge it with a note, or raise a risk so it is assessed and treated.'
              : 'A contributor or manager answers it.'}
          </Text>
        ) : alert.state === 'acknowledged' ? (
          <Text size="sm">
            Acknowledged{alert.by ? ` by ${alert.by}` : ''} on {formatDateTime(alert.at)}: “{alert.note}”
          </Text>
        ) : alert.state === 'risk-raised' && alert.risk ? (
          <Text size="sm">
            A risk was raised{alert.by ? ` by ${alert.by}` : ''} on {formatDateTime(alert.at)}:{' '}
            <Anchor component={Link} to={monitoringPaths.risk(org, alert.risk.ref ?? alert.risk.id)} fw={600}>
              {alert.risk.ref ?? 'open the risk'}
            </Anchor>
            .
          </Text>
        ) : null}
        {mayWrite ? <AlertActions org={org} run={run} size="sm" /> : null}
      </Stack>
    </Alert>
  );
}

/** `/orgs/:org/monitoring/runs/:id`: one run — how it was judged, what it read, where it is kept — and its full report. */
export function RunDetailPage() {
  const org = useCurrentOrg();
  const { id = '' } = useParams();
  const run = useRun(org.slug, id);
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const mayWrite = canWriteMonitoring(org.role);
  useDocumentTitle(`${run.data?.ref ?? 'Run'} · Monitoring · Trellis`);
  const crumbs = [
    { label: 'Monitoring', to: monitoringPaths.home(org.slug) },
    ...(run.data?.plan ? [{ label: run.data.plan.ref, to: monitoringPaths.plan(org.slug, run.data.plan.ref) }] : []),
    { label: run.data?.ref ?? id },
  ];

  if (run.isPending || run.isError) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <RecordUnavailable
          pending={run.isPending}
          error={run.error}
          noun="run"
          notFoundDescription="The address may be wrong."
          back={{ to: monitoringPaths.home(org.slug), label: 'Back to monitoring' }}
        />
      </>
    );
  }

  const data = run.data;
  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <Stack gap={6} mb="lg">
        <Group gap="sm">
          <Text ff="monospace" fw={700} size="lg" c="teal.8" data-testid="run-ref">
            {data.ref}
          </Text>
          <RunStatusBadge status={data.status} size="md" />
          <AlertStateBadge state={data.alert.state} size="md" />
          <MetricBadge metric={data.metric} size="md" />
        </Group>
        <Title order={1} size="h2">
          {data.plan ? `Run of ${data.plan.title ?? data.plan.ref}` : 'Ad hoc run'}
        </Title>
        <Text size="sm" c="dimmed">
          {data.system ? (
            <Anchor component={Link} to={monitoringPaths.system(org.slug, data.system.id, 'monitoring')} size="sm">
              {data.system.ref} · {data.system.name}
            </Anchor>
          ) : (
            'Deleted AI system'
          )}{' '}
          · {formatDateTime(data.createdAt)} · by {data.createdByLabel} · {sourceLabels[data.source]}
        </Text>
      </Stack>
      <FlashMessage flash={flash} onClose={clear} />
      <Stack gap="xl">
        <AlertBanner org={org.slug} run={data} mayWrite={mayWrite} />
        <Section
          id="run-thresholds"
          title="Threshold outcomes"
          description="The plan’s thresholds as they stood when the run was made, and what was measured."
        >
          <ThresholdOutcomes run={data} />
        </Section>
        <Section
          id="run-inputs"
          title="Inputs"
          description="The data the run read, identified by content: compute the SHA-256 of your copy to show it is the same data. The files themselves are not kept."
        >
          <Inputs inputs={data.inputs} />
        </Section>
        <Section
          id="run-evidence"
          title="Evidence"
          description="Every run is kept as documented information, linked to the AI system, clause 9.1, control A.6.2.6, the controls its metric supports and any others its plan adds."
        >
          <Paper withBorder radius="md" p="md">
            {data.evidence ? (
              <Group gap="sm">
                <Text size="sm">Kept as evidence item</Text>
                <Anchor
                  component={Link}
                  to={monitoringPaths.evidence(org.slug, data.evidence.ref ?? data.evidence.id)}
                  fw={700}
                  ff="monospace"
                >
                  {data.evidence.ref ?? 'open the evidence item'}
                </Anchor>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                No evidence item: it was deleted.
              </Text>
            )}
          </Paper>
        </Section>
        <Section id="run-report" title="Report" description="The full result the metric engine computed.">
          <ResultView run={data} />
        </Section>
        <MonitoringHistory org={org.slug} kind="runs" id={data.id} />
      </Stack>
    </>
  );
}
