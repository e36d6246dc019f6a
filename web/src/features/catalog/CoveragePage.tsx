import { ActionIcon, Alert, Group, Paper, Select, Stack, Tabs, Tooltip } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { catalogPaths, ISO_42001, NIST_AI_RMF, useFrameworks } from './api.ts';
import { CatalogBreadcrumbs } from './CatalogBreadcrumbs.tsx';
import { CoverageSummary } from './CoverageSummary.tsx';
import { CrosswalkTable } from './CrosswalkTable.tsx';
import { sortFrameworks } from './FrameworkList.tsx';

type Tab = 'coverage' | 'crosswalk';

function SwapIcon() {
  return (
    <svg
      width={16}
      height={16}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      aria-hidden="true"
    >
      <path d="M7 4l-4 4 4 4M3 8h14M17 20l4-4-4-4M21 16H7" />
    </svg>
  );
}

/** `/orgs/:org/catalog/coverage`: how much of one framework another covers, and the crosswalk between them. */
export function CoveragePage() {
  const org = useCurrentOrg();
  const frameworks = useFrameworks(org.slug);
  const [params, setParams] = useSearchParams();
  const source = params.get('source') ?? ISO_42001;
  const target = params.get('target') ?? NIST_AI_RMF;
  const tab: Tab = params.get('tab') === 'crosswalk' ? 'crosswalk' : 'coverage';

  const update = (patch: Partial<Record<'source' | 'target' | 'tab', string>>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('source', patch.source ?? source);
        next.set('target', patch.target ?? target);
        const nextTab = patch.tab ?? tab;
        if (nextTab === 'coverage') next.delete('tab');
        else next.set('tab', nextTab);
        return next;
      },
      { replace: true },
    );

  const options = sortFrameworks(frameworks.data ?? []).map((f) => ({ value: f.id, label: `${f.shortName} (${f.version})` }));
  const nameOf = (id: string) => frameworks.data?.find((f) => f.id === id)?.shortName ?? id;
  const known = (id: string) => frameworks.data?.some((f) => f.id === id) ?? false;

  return (
    <>
      <CatalogBreadcrumbs crumbs={[{ label: 'Catalog', to: catalogPaths.home(org.slug) }, { label: 'Coverage' }]} />
      <PageHeader
        title="Coverage between frameworks"
        description="Pick what you implement (source) and what you need to answer to (target): the crosswalks show how much of the target your work on the source already touches, and what is left."
      />
      <Paper withBorder radius="md" p="md" mb="lg">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label="Source framework"
            description="What you implement"
            data={options}
            value={source}
            onChange={(value) => value && update({ source: value })}
            allowDeselect={false}
            disabled={frameworks.isPending}
            w={320}
          />
          <Tooltip label="Swap source and target">
            <ActionIcon
              variant="default"
              size="lg"
              mb={1}
              aria-label="Swap source and target"
              onClick={() => update({ source: target, target: source })}
            >
              <SwapIcon />
            </ActionIcon>
          </Tooltip>
          <Select
            label="Target framework"
            description="What you want to cover"
            data={options}
            value={target}
            onChange={(value) => value && update({ target: value })}
            allowDeselect={false}
            disabled={frameworks.isPending}
            w={320}
          />
        </Group>
      </Paper>

      {frameworks.isPending ? (
        <LoadingState label="Loading frameworks…" />
      ) : frameworks.isError ? (
        <ErrorAlert error={frameworks.error} title="Could not load the frameworks" />
      ) : !known(source) || !known(target) ? (
        <Alert color="yellow" variant="light" title="Unknown framework">
          {known(source) ? `“${target}”` : `“${source}”`} is not in the catalog. Pick another framework above.
        </Alert>
      ) : source === target ? (
        <Alert color="gray" variant="light" title="Pick two different frameworks">
          Coverage compares one framework with another; choose a different target.
        </Alert>
      ) : (
        <Tabs value={tab} onChange={(value) => update({ tab: value === 'crosswalk' ? 'crosswalk' : 'coverage' })} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="coverage">Coverage</Tabs.Tab>
            <Tabs.Tab value="crosswalk">Crosswalk</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="coverage">
            <Stack gap="lg">
              <CoverageSummary org={org.slug} source={source} target={target} sourceName={nameOf(source)} targetName={nameOf(target)} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="crosswalk">
            <CrosswalkTable org={org.slug} source={source} target={target} sourceName={nameOf(source)} targetName={nameOf(target)} />
          </Tabs.Panel>
        </Tabs>
      )}
    </>
  );
}
