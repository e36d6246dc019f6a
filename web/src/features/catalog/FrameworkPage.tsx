import { Badge, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useParams } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { catalogPaths, useFramework, type FrameworkDetail } from './api.ts';
import { OriginBadge } from './CatalogBadges.tsx';
import { CatalogNotFound } from './CatalogNotFound.tsx';
import { CatalogBreadcrumbs } from './CatalogBreadcrumbs.tsx';
import { FrameworkAbout } from './FrameworkAbout.tsx';
import { RequirementTree } from './RequirementTree.tsx';

function FrameworkHeader({ framework }: { framework: FrameworkDetail }) {
  return (
    <Stack gap={6} mb="lg">
      <Group gap="sm" align="center">
        <Title order={1} size="h2">
          {framework.shortName}
        </Title>
        <Badge variant="default" radius="sm">
          Version {framework.version}
        </Badge>
        <OriginBadge origin={framework.origin} />
      </Group>
      <Text size="sm" maw={820}>
        {framework.name}
      </Text>
      <Text size="xs" c="dimmed">
        Published by {framework.publisher}
      </Text>
    </Stack>
  );
}

/** `/orgs/:org/catalog/:framework`: a framework's header and its requirements as a tree. */
export function FrameworkPage() {
  const org = useCurrentOrg();
  const { framework: id = '' } = useParams();
  const framework = useFramework(org.slug, id);
  useDocumentTitle(`${framework.data?.shortName ?? 'Framework'} · Catalog · Trellis`);

  return (
    <>
      <CatalogBreadcrumbs crumbs={[{ label: 'Catalog', to: catalogPaths.home(org.slug) }, { label: framework.data?.shortName ?? id }]} />
      {framework.isPending ? (
        <Paper withBorder radius="md">
          <LoadingState label="Loading the framework…" />
        </Paper>
      ) : isApiError(framework.error, 'not_found') ? (
        <CatalogNotFound
          org={org.slug}
          title="Framework not found"
          description={`There is no framework “${id}” in the catalog of ${org.name}.`}
        />
      ) : framework.isError ? (
        <ErrorAlert error={framework.error} title="Could not load the framework" />
      ) : (
        <>
          <FrameworkHeader framework={framework.data} />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <RequirementTree key={framework.data.id} org={org.slug} framework={framework.data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <FrameworkAbout org={org.slug} framework={framework.data} />
            </Grid.Col>
          </Grid>
        </>
      )}
    </>
  );
}
