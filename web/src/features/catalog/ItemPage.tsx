import { Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useParams } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { catalogPaths, useCatalogItem, useFramework, type ItemDetail } from './api.ts';
import { KindBadge } from './CatalogBadges.tsx';
import { CatalogBreadcrumbs, type Crumb } from './CatalogBreadcrumbs.tsx';
import { CatalogNotFound } from './CatalogNotFound.tsx';
import { ItemSections } from './ItemSections.tsx';
import { MapsTo } from './MapsTo.tsx';

function shorten(text: string, max = 48): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function ItemHeader({ detail, groupTitle }: { detail: ItemDetail; groupTitle: string | null }) {
  const { item } = detail;
  return (
    <Stack gap={6} mb="lg">
      <Group gap="sm" align="center">
        <Text ff="monospace" fw={700} size="xl" c="teal.8">
          {item.id}
        </Text>
        <KindBadge kind={item.kind} size="md" />
      </Group>
      <Title order={1} size={item.title.length > 90 ? 'h3' : 'h2'} maw={900}>
        {item.title}
      </Title>
      <Text size="sm" c="dimmed">
        {detail.frameworkName}
        {groupTitle ? ` · ${groupTitle}` : ''}
        {item.reference && !item.text ? ` · Source: ${item.reference}` : ''}
      </Text>
    </Stack>
  );
}

/** `/orgs/:org/catalog/:framework/items/:item`: one requirement, its guidance and what it maps to. */
export function ItemPage() {
  const org = useCurrentOrg();
  const { framework: frameworkId = '', item: itemId = '' } = useParams();
  const detail = useCatalogItem(org.slug, frameworkId, itemId);
  // Cached from the framework page; gives the group's title.
  const framework = useFramework(org.slug, frameworkId);
  useDocumentTitle(`${itemId} ${detail.data?.item.title ?? ''} · ${detail.data?.frameworkName ?? 'Catalog'} · Trellis`);

  const groupId = detail.data?.item.group;
  const groupTitle = (groupId && framework.data?.groups.find((g) => g.id === groupId)?.title) || null;
  const crumbs: Crumb[] = [
    { label: 'Catalog', to: catalogPaths.home(org.slug) },
    { label: detail.data?.frameworkName ?? framework.data?.shortName ?? frameworkId, to: catalogPaths.framework(org.slug, frameworkId) },
    ...(detail.data?.ancestors ?? []).map((a) => ({
      label: a.title.toLowerCase() === a.id.toLowerCase() ? a.id : shorten(`${a.id} ${a.title}`),
      title: `${a.id} ${a.title}`,
      to: catalogPaths.item(org.slug, frameworkId, a.id),
    })),
    { label: itemId },
  ];

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      {detail.isPending ? (
        <Paper withBorder radius="md">
          <LoadingState label="Loading the requirement…" />
        </Paper>
      ) : isApiError(detail.error, 'not_found') ? (
        <CatalogNotFound
          org={org.slug}
          title="Requirement not found"
          description={`There is no item “${itemId}” in the framework “${frameworkId}”.`}
        />
      ) : detail.isError ? (
        <ErrorAlert error={detail.error} title="Could not load the requirement" />
      ) : (
        <>
          <ItemHeader detail={detail.data} groupTitle={groupTitle} />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <ItemSections org={org.slug} detail={detail.data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <MapsTo org={org.slug} itemId={detail.data.item.id} links={detail.data.links} />
            </Grid.Col>
          </Grid>
        </>
      )}
    </>
  );
}
