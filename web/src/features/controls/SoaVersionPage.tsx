import { Alert, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { isRole, roleLabels } from '../../lib/roles.ts';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { controlPaths, useSoaVersion } from './api.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { plural } from './labels.ts';
import { areasOf, filterSoaRows, hasSoaFilters, noSoaFilters, useSoaFilterState } from './soa-filters.ts';
import { SoaFilters } from './SoaFilters.tsx';
import { SoaSummaryCards } from './SoaSummaryCards.tsx';
import { SoaTable } from './SoaTable.tsx';

/** `/orgs/:org/controls/versions/:number`: one approved SoA, read only, exactly as it was frozen. */
export function SoaVersionPage() {
  const org = useCurrentOrg();
  const { number: param = '' } = useParams();
  const number = Number(param);
  const doc = useSoaVersion(org.slug, number);
  const { state, update } = useSoaFilterState();
  const rows = useMemo(() => (doc.data ? filterSoaRows(doc.data.rows, state) : []), [doc.data, state]);
  const areas = useMemo(() => (doc.data ? areasOf(doc.data.rows) : []), [doc.data]);
  useDocumentTitle(`SoA version ${param} · Controls & SoA · Trellis`);
  const crumbs = [
    { label: 'Controls & SoA', to: controlPaths.soa(org.slug) },
    { label: 'Versions', to: controlPaths.versions(org.slug) },
    { label: `Version ${param}` },
  ];

  if (!Number.isInteger(number) || number < 1 || isApiError(doc.error, 'not_found')) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <Paper withBorder radius="md">
          <EmptyMessage title="Version not found" description={`There is no approved SoA version “${param}”.`}>
            <Button component={Link} to={controlPaths.versions(org.slug)} variant="light">
              See the approved versions
            </Button>
          </EmptyMessage>
        </Paper>
      </>
    );
  }
  if (doc.isPending) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <Paper withBorder radius="md">
          <LoadingState label="Loading the version…" />
        </Paper>
      </>
    );
  }
  if (doc.isError) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <ErrorAlert error={doc.error} title="Could not load the version" />
      </>
    );
  }

  const { version } = doc.data;
  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <Group justify="space-between" align="flex-start" gap="md" mb="lg">
        <Title order={1} size="h2">
          Statement of Applicability, version {number}
        </Title>
        <Group gap="sm" wrap="nowrap">
          <Button component={Link} to={controlPaths.versions(org.slug, { from: number, to: 'live' })} variant="default">
            Compare with the live SoA
          </Button>
          <ExportMenu org={org.slug} version={number} />
        </Group>
      </Group>
      <Alert color="blue" variant="light" mb="lg" title={`Approved version ${number} — frozen`} data-testid="frozen-banner">
        {version ? (
          <Stack gap={6}>
            <Text size="sm">
              Approved {formatDateTime(version.approvedAt)} by {version.approvedBy} (
              {isRole(version.approvedRole) ? roleLabels[version.approvedRole] : version.approvedRole}). This is the SoA exactly as it was
              approved; later decisions do not change it.
            </Text>
            {version.comment ? (
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                “{version.comment}”
              </Text>
            ) : null}
            <Group gap="xs" wrap="nowrap" align="baseline">
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                SHA-256
              </Text>
              <Code fz="xs" style={{ wordBreak: 'break-all' }}>
                {version.contentHash}
              </Code>
            </Group>
          </Stack>
        ) : null}
      </Alert>
      <SoaSummaryCards summary={doc.data.summary} state={state} onFilter={update} />
      <SoaFilters state={state} areas={areas} onChange={update} onClear={() => update(noSoaFilters)} />
      <Paper withBorder radius="md">
        {rows.length === 0 ? (
          <EmptyMessage title="No control matches these filters" description="Change or clear the filters to see more.">
            <Button variant="light" onClick={() => update(noSoaFilters)}>
              Clear filters
            </Button>
          </EmptyMessage>
        ) : (
          <SoaTable org={org.slug} rows={rows} label={`Statement of Applicability, version ${number}`} />
        )}
      </Paper>
      <Text size="sm" c="dimmed" mt="sm" role="status">
        {hasSoaFilters(state)
          ? `${plural(rows.length, 'control')} of ${doc.data.rows.length} shown`
          : plural(doc.data.rows.length, 'control')}
      </Text>
    </>
  );
}
