import { Anchor, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { catalogPaths, ISO_42001, type LinkedItem } from './api.ts';
import { RelationshipBadge } from './CatalogBadges.tsx';

/** Links shown per framework before “Show more”. */
const FIRST_LINKS = 5;

interface FrameworkLinks {
  frameworkId: string;
  frameworkName: string;
  links: LinkedItem[];
  /** The source every link of the group shares, shown once; null when they differ. */
  commonSource: string | null;
}

function groupByFramework(links: LinkedItem[]): FrameworkLinks[] {
  const byId = new Map<string, FrameworkLinks>();
  for (const link of links) {
    const group = byId.get(link.frameworkId) ?? {
      frameworkId: link.frameworkId,
      frameworkName: link.frameworkName,
      links: [],
      commonSource: null,
    };
    group.links.push(link);
    byId.set(link.frameworkId, group);
  }
  const rank = (id: string) => (id === ISO_42001 ? 0 : 1);
  return [...byId.values()]
    .map((g) => ({ ...g, commonSource: g.links.every((l) => l.source === g.links[0]?.source) ? (g.links[0]?.source ?? null) : null }))
    .sort((a, b) => rank(a.frameworkId) - rank(b.frameworkId) || a.frameworkName.localeCompare(b.frameworkName));
}

function LinkRow({ org, link, showSource }: { org: string; link: LinkedItem; showSource: boolean }) {
  return (
    <Box
      component="li"
      py="sm"
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
      data-link={`${link.frameworkId}/${link.itemId}`}
    >
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Anchor
            component={Link}
            to={catalogPaths.item(org, link.frameworkId, link.itemId)}
            size="sm"
            c="dark.7"
            underline="hover"
            title={link.title}
            lineClamp={2}
          >
            <Text span ff="monospace" fw={700} size="sm" c="teal.8" mr={2}>
              {link.itemId}
            </Text>{' '}
            {link.title}
          </Anchor>
          <RelationshipBadge relationship={link.relationship} />
        </Group>
        <Text size="xs" c="dark.3" lh={1.5}>
          {link.rationale}
        </Text>
        {showSource ? (
          <Text size="xs" c="dimmed" fs="italic">
            Source: {link.source}
          </Text>
        ) : null}
      </Stack>
    </Box>
  );
}

/** The links into one framework; long lists show the first few until asked for all. */
function FrameworkGroup({ org, group }: { org: string; group: FrameworkLinks }) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? group.links : group.links.slice(0, FIRST_LINKS);
  const hidden = group.links.length - shown.length;
  return (
    <Stack gap={0} component="section" aria-labelledby={`maps-to-${group.frameworkId}`}>
      <Group justify="space-between" align="baseline" mb={2}>
        <Title order={3} size="h6" id={`maps-to-${group.frameworkId}`}>
          <Anchor component={Link} to={catalogPaths.framework(org, group.frameworkId)} c="dark.7" inherit>
            {group.frameworkName}
          </Anchor>
        </Title>
        <Text size="xs" c="dimmed">
          {group.links.length} {group.links.length === 1 ? 'link' : 'links'}
        </Text>
      </Group>
      {group.commonSource ? (
        <Text size="xs" c="dimmed" fs="italic" mb={4}>
          Source: {group.commonSource}
        </Text>
      ) : null}
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {shown.map((link) => (
          <LinkRow key={`${link.itemId}|${link.source}`} org={org} link={link} showSource={group.commonSource === null} />
        ))}
      </Box>
      {hidden > 0 || showAll ? (
        <Button variant="subtle" size="compact-sm" onClick={() => setShowAll((v) => !v)} style={{ alignSelf: 'flex-start' }}>
          {showAll ? 'Show fewer' : `Show ${hidden} more ${group.frameworkName} ${hidden === 1 ? 'link' : 'links'}`}
        </Button>
      ) : null}
    </Stack>
  );
}

/** "Maps to": what the item corresponds to in every other framework, grouped by framework. */
export function MapsTo({ org, itemId, links }: { org: string; itemId: string; links: LinkedItem[] }) {
  const groups = groupByFramework(links);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="maps-to">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h4" id="maps-to">
            Maps to
          </Title>
          <Text size="xs" c="dimmed">
            Read each line as “{itemId} <i>relationship</i> the linked requirement”. Hover or focus a relationship for what it means.
          </Text>
        </Stack>
        {groups.length === 0 ? (
          <Text size="sm" c="dimmed">
            No crosswalk links this item to another framework yet.
          </Text>
        ) : (
          groups.map((group) => <FrameworkGroup key={group.frameworkId} org={org} group={group} />)
        )}
      </Stack>
    </Paper>
  );
}
