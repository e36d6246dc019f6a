import {
  Anchor,
  Badge,
  Box,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { Fragment, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { ANNEX_A, controlPaths } from './api.ts';
import { ControlsNav } from './ControlsNav.tsx';
import {
  coverageFrameworks,
  coverageStates,
  DEFAULT_COVERAGE_FRAMEWORK,
  useFrameworkCoverage,
  type ControlCoverageState,
  type CoverageControl,
  type CoverageItem,
  type CoverageState,
  type FrameworkCoverage,
} from './coverage-api.ts';
import { statusLabels } from './labels.ts';

const stateLabels: Record<CoverageState, string> = {
  covered: 'Covered',
  'in-progress': 'In progress',
  'not-covered': 'Not covered',
  'clauses-only': 'Clauses only',
  'no-mapping': 'No mapping',
};

const stateDescriptions: Record<CoverageState, string> = {
  covered: 'a mapped control is implemented with current evidence',
  'in-progress': 'a mapped control is planned, partly done, or lacks current evidence',
  'not-covered': 'the mapped controls are excluded, not started or not decided',
  'clauses-only': 'only ISO/IEC 42001 clauses map here; the SoA does not track them',
  'no-mapping': 'no crosswalk reaches it: not a gap Trellis can judge',
};

/** Short forms for the summary tiles. */
const stateHints: Record<CoverageState, string> = {
  covered: 'implemented, with current evidence',
  'in-progress': 'planned, partly done, or no current evidence',
  'not-covered': 'excluded, not started or not decided',
  'clauses-only': 'clauses only, not tracked in the SoA',
  'no-mapping': 'no crosswalk: not judged',
};

const stateColors: Record<CoverageState, string> = {
  covered: 'teal',
  'in-progress': 'yellow',
  'not-covered': 'red',
  'clauses-only': 'indigo',
  'no-mapping': 'gray',
};

const itemNames: Record<string, [string, string]> = {
  control: ['control', 'controls'],
  subcategory: ['subcategory', 'subcategories'],
  article: ['article', 'articles'],
};
const itemName = (kind: string, n: number) => (itemNames[kind] ?? [kind, `${kind}s`])[n === 1 ? 0 : 1];

function isState(value: string | null): value is CoverageState {
  return (coverageStates as readonly string[]).includes(value ?? '');
}

export function CoverageStateBadge({ state }: { state: CoverageState }) {
  return (
    <Tooltip label={stateDescriptions[state]} multiline w={240} withArrow openDelay={200}>
      <Badge
        size="sm"
        radius="sm"
        variant={state === 'no-mapping' ? 'outline' : 'light'}
        color={stateColors[state]}
        tt="none"
        data-state={state}
      >
        {stateLabels[state]}
      </Badge>
    </Tooltip>
  );
}

function SummaryBar({
  doc,
  active,
  onFilter,
}: {
  doc: FrameworkCoverage;
  active: CoverageState | null;
  onFilter: (s: CoverageState | null) => void;
}) {
  const { items, totals } = doc.summary;
  return (
    <Paper withBorder radius="md" p="md" mb="lg" component="section" aria-label="Coverage summary">
      <Group justify="space-between" mb="xs">
        <Text size="sm" fw={600}>
          {items} {itemName(doc.itemKind, items)} of {doc.framework.shortName}
        </Text>
        <Text size="xs" c="dimmed">
          {doc.summary.controls === 1 ? '1 control maps' : `${doc.summary.controls} controls map`} to it
        </Text>
      </Group>
      <Progress.Root size={18} radius="sm" aria-hidden="true">
        {coverageStates.map((s) =>
          totals[s] > 0 ? (
            <Tooltip key={s} label={`${stateLabels[s]}: ${totals[s]}`} withArrow>
              <Progress.Section value={(totals[s] / Math.max(items, 1)) * 100} color={s === 'no-mapping' ? 'gray.4' : stateColors[s]} />
            </Tooltip>
          ) : null,
        )}
      </Progress.Root>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" mt="md">
        {coverageStates.map((s) => {
          const pressed = active === s;
          return (
            <UnstyledButton
              key={s}
              onClick={() => onFilter(pressed ? null : s)}
              aria-pressed={pressed}
              aria-label={`${stateLabels[s]}: ${totals[s]}`}
              title={pressed ? 'Show every item again' : 'Show only these items'}
              data-testid={`coverage-${s}`}
              style={{
                borderRadius: 'var(--mantine-radius-md)',
                border: `1px solid var(--mantine-color-${pressed ? 'teal-6' : 'gray-3'})`,
                background: pressed ? 'var(--mantine-color-teal-0)' : undefined,
                borderLeft: `4px solid var(--mantine-color-${stateColors[s]}-6)`,
                padding: '6px 10px',
              }}
            >
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                {stateLabels[s]}
              </Text>
              <Text fz={22} fw={700} lh={1.2}>
                {totals[s]}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={2} title={stateDescriptions[s]}>
                {stateHints[s]}
              </Text>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
    </Paper>
  );
}

const controlDotColor: Record<ControlCoverageState, string> = { covered: 'teal', 'in-progress': 'yellow', 'not-covered': 'red' };

function controlTip(c: CoverageControl): string {
  const decision = c.applicable === null ? 'not decided' : c.applicable ? 'included' : 'excluded';
  const evidence = `${c.evidenceCurrent} current evidence${c.evidenceExpired ? `, ${c.evidenceExpired} expired` : ''}`;
  return `${c.title} — ${decision}, ${statusLabels[c.status].toLowerCase()}, ${evidence}`;
}

function CarriedBy({ org, item }: { org: string; item: CoverageItem }) {
  if (item.controls.length === 0 && item.clauses.length === 0) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        No crosswalk reaches this item
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      {item.controls.length > 0 ? (
        <Group gap={10} wrap="wrap">
          {item.controls.map((c) => (
            <Tooltip key={`${c.framework}:${c.control}`} label={controlTip(c)} multiline w={280} withArrow openDelay={200}>
              <Anchor
                component={Link}
                to={controlPaths.control(org, c.framework, c.control)}
                size="sm"
                ff="monospace"
                data-control-state={c.state}
                style={{ whiteSpace: 'nowrap' }}
              >
                <Box
                  component="span"
                  aria-hidden="true"
                  mr={4}
                  style={{
                    display: 'inline-block',
                    width: 8,
                    height: 8,
                    borderRadius: '50%',
                    verticalAlign: 'middle',
                    background: `var(--mantine-color-${controlDotColor[c.state]}-6)`,
                  }}
                />
                {c.framework === ANNEX_A ? c.control : `${c.framework}:${c.control}`}
                <VisuallyHidden> ({stateLabels[c.state].toLowerCase()})</VisuallyHidden>
              </Anchor>
            </Tooltip>
          ))}
        </Group>
      ) : null}
      {item.clauses.length > 0 ? (
        <Text size="xs" c="dimmed">
          Clauses{' '}
          {item.clauses.map((c, i) => (
            <Fragment key={c.item}>
              {i > 0 ? ', ' : ''}
              <Anchor component={Link} to={controlPaths.catalogItem(org, ANNEX_A, c.item)} size="xs" title={c.title}>
                {c.item}
              </Anchor>
            </Fragment>
          ))}
        </Text>
      ) : null}
    </Stack>
  );
}

function CoverageTable({ org, doc, filter }: { org: string; doc: FrameworkCoverage; filter: CoverageState | null }) {
  const groups = doc.groups
    .map((g) => ({ ...g, shown: filter ? g.items.filter((i) => i.state === filter) : g.items }))
    .filter((g) => g.shown.length > 0);
  if (groups.length === 0) {
    return <EmptyMessage title="No item in this state" description="Pick another state above, or show every item again." />;
  }
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" aria-label={`Coverage of ${doc.framework.shortName}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>{itemName(doc.itemKind, 1).replace(/^./, (c) => c.toUpperCase())}</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th w={130}>State</Table.Th>
            <Table.Th w="38%">Carried by your controls</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((g) => (
            <Fragment key={g.id}>
              <Table.Tr bg="gray.0" data-group={g.id}>
                <Table.Td colSpan={4}>
                  <Group justify="space-between" gap="xs">
                    <Text size="sm" fw={700}>
                      {g.title}
                    </Text>
                    <Group gap={6}>
                      {coverageStates
                        .filter((s) => g.totals[s] > 0)
                        .map((s) => (
                          <Badge key={s} size="xs" variant="dot" color={stateColors[s]} tt="none">
                            {g.totals[s]} {stateLabels[s].toLowerCase()}
                          </Badge>
                        ))}
                    </Group>
                  </Group>
                </Table.Td>
              </Table.Tr>
              {g.shown.map((item) => (
                <Table.Tr key={item.id} data-item={item.id} style={{ verticalAlign: 'top' }}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={controlPaths.catalogItem(org, doc.framework.id, item.id)}
                      size="sm"
                      fw={600}
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      {item.id}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2} title={item.title}>
                      {item.title}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <CoverageStateBadge state={item.state} />
                  </Table.Td>
                  <Table.Td>
                    <CarriedBy org={org} item={item} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** `/orgs/:org/controls/coverage`: how far your controls and their evidence reach into another framework. */
export function CoverageView() {
  const org = useCurrentOrg();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('framework');
  const framework = coverageFrameworks.some((f) => f.id === wanted) && wanted ? wanted : DEFAULT_COVERAGE_FRAMEWORK;
  const stateParam = params.get('state');
  const filter = isState(stateParam) ? stateParam : null;
  const coverage = useFrameworkCoverage(org.slug, framework);
  const update = (patch: { framework?: string; state?: CoverageState | null }) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (patch.framework) {
          next.set('framework', patch.framework);
          next.delete('state');
        }
        if (patch.state !== undefined) {
          if (patch.state) next.set('state', patch.state);
          else next.delete('state');
        }
        return next;
      },
      { replace: true },
    );
  const sources = useMemo(() => [...new Set(coverage.data?.crosswalks.map((c) => c.source) ?? [])], [coverage.data]);

  return (
    <>
      <PageHeader
        title="Framework coverage"
        description="What your ISO/IEC 42001 controls and their evidence also support in other frameworks, through the catalog's crosswalks. A crosswalk link is a partial overlap: covered means a control that supports the item is implemented with current evidence, not that the item is fully met."
      />
      <ControlsNav org={org.slug} current="coverage" />
      <Group justify="space-between" align="center" mb="md" gap="sm">
        <SegmentedControl
          aria-label="Target framework"
          data={coverageFrameworks.map((f) => ({ value: f.id, label: f.label }))}
          value={framework}
          onChange={(value) => update({ framework: value })}
        />
        {coverage.data ? (
          <Text size="xs" c="dimmed">
            As of {coverage.data.asOf} · generated {formatDateTime(coverage.data.generatedAt)}
          </Text>
        ) : null}
      </Group>

      {coverage.isPending ? (
        <Paper withBorder radius="md">
          <LoadingState label="Working out the coverage…" />
        </Paper>
      ) : coverage.isError ? (
        <ErrorAlert error={coverage.error} title="Could not load the coverage" />
      ) : (
        <>
          <SummaryBar doc={coverage.data} active={filter} onFilter={(state) => update({ state })} />
          <Paper withBorder radius="md">
            <CoverageTable org={org.slug} doc={coverage.data} filter={filter} />
          </Paper>
          <Text size="xs" c="dimmed" mt="sm" data-testid="coverage-sources">
            Mapping: {sources.length ? sources.join('; ') : 'no crosswalk connects your controls to this framework'}. Groups are{' '}
            {coverage.data.groupLabel === 'function' ? 'AI RMF functions' : `${coverage.data.groupLabel}s`}.
          </Text>
        </>
      )}
    </>
  );
}
