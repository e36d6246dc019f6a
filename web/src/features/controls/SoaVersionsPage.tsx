import { Anchor, Code, Group, Paper, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { abbreviate, formatDateTime } from '../../lib/format.ts';
import { roleLabels, isRole } from '../../lib/roles.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { Section } from '../risks/Section.tsx';
import { controlPaths, useSoaComparison, useSoaVersions, type SoaRef, type SoaVersionListItem } from './api.ts';
import { ControlsNav } from './ControlsNav.tsx';
import { SoaComparisonView } from './SoaComparisonView.tsx';

function parseRef(value: string | null): SoaRef | null {
  if (value === 'live') return 'live';
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : null;
}

function VersionsTable({ org, versions }: { org: string; versions: SoaVersionListItem[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" aria-label="Approved versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>Version</Table.Th>
            <Table.Th w={180}>Approved</Table.Th>
            <Table.Th w={200}>By</Table.Th>
            <Table.Th>Comment</Table.Th>
            <Table.Th w={210}>Controls</Table.Th>
            <Table.Th w={150}>Hash</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.id} data-version={v.number} style={{ verticalAlign: 'top' }}>
              <Table.Td>
                <Anchor component={Link} to={controlPaths.version(org, v.number)} size="sm" fw={600}>
                  Version {v.number}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(v.approvedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {v.approvedBy}
                </Text>
                <Text size="xs" c="dimmed">
                  {isRole(v.approvedRole) ? roleLabels[v.approvedRole] : v.approvedRole}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={3} title={v.comment} style={{ whiteSpace: 'pre-line' }}>
                  {v.comment}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {v.summary.applicable} included · {v.summary.excluded} excluded
                </Text>
                <Text size="xs" c="dimmed">
                  {v.summary.undecided} not decided · {v.summary.flagged} flagged
                </Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={v.contentHash} multiline w={300} withArrow style={{ wordBreak: 'break-all' }}>
                  <Code fz="xs" tabIndex={0} aria-label={`SHA-256 ${v.contentHash}`}>
                    {abbreviate(v.contentHash)}
                  </Code>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CompareSection({ org, versions }: { org: string; versions: SoaVersionListItem[] }) {
  const [search, setSearch] = useSearchParams();
  const latest = versions[0]?.number ?? null;
  const from = parseRef(search.get('from')) ?? latest;
  const to = parseRef(search.get('to')) ?? (latest === null ? null : 'live');
  const comparison = useSoaComparison(org, from, to);
  const options = [
    { value: 'live', label: 'Live SoA (now)' },
    ...versions.map((v) => ({ value: String(v.number), label: `Version ${v.number} · ${formatDateTime(v.approvedAt)}` })),
  ];
  const choose = (key: 'from' | 'to', value: string | null) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <Section
      id="compare"
      title="Compare"
      description="What changed between two approved versions, or between a version and the live SoA: applicability, status, owner, justification, evidence and flags."
    >
      <Group gap="md" align="flex-end">
        <Select
          label="From"
          data={options}
          value={from === null ? null : String(from)}
          onChange={(v) => choose('from', v)}
          allowDeselect={false}
          w={300}
        />
        <Text size="sm" c="dimmed" pb={8}>
          →
        </Text>
        <Select
          label="To"
          data={options}
          value={to === null ? null : String(to)}
          onChange={(v) => choose('to', v)}
          allowDeselect={false}
          w={300}
        />
      </Group>
      {from === null || to === null ? null : comparison.isPending ? (
        <LoadingState label="Comparing…" minHeight={100} />
      ) : comparison.isError ? (
        <ErrorAlert error={comparison.error} title="Could not compare" />
      ) : (
        <SoaComparisonView org={org} comparison={comparison.data} />
      )}
    </Section>
  );
}

/** `/orgs/:org/controls/versions`: the approved SoA versions, and any two compared. */
export function SoaVersionsPage() {
  const org = useCurrentOrg();
  const versions = useSoaVersions(org.slug);
  return (
    <>
      <PageHeader
        title="SoA versions"
        description="Each approval freezes the Statement of Applicability as a numbered version with its approver, a comment and a SHA-256 hash of its content. Frozen versions never change."
      />
      <ControlsNav org={org.slug} current="versions" />
      {versions.isPending ? (
        <Paper withBorder radius="md">
          <LoadingState label="Loading the versions…" />
        </Paper>
      ) : versions.isError ? (
        <ErrorAlert error={versions.error} title="Could not load the SoA versions" />
      ) : versions.data.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyMessage
            title="No version approved yet"
            description="Owners and AIMS managers approve the SoA from the Statement of Applicability page; each approval becomes a version here."
          />
        </Paper>
      ) : (
        <Stack gap="lg">
          <Paper withBorder radius="md">
            <VersionsTable org={org.slug} versions={versions.data} />
          </Paper>
          <CompareSection org={org.slug} versions={versions.data} />
        </Stack>
      )}
    </>
  );
}
