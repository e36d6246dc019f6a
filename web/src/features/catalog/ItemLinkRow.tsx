import { Anchor, Group, Text, type GroupProps } from '@mantine/core';
import { Link } from 'react-router';
import { catalogPaths, type ItemKind } from './api.ts';
import { KindBadge } from './CatalogBadges.tsx';

/** A list row linking to a requirement: its id in monospace, its title, and its kind. */
export function ItemLinkRow({
  org,
  frameworkId,
  row,
  ...groupProps
}: { org: string; frameworkId: string; row: { id: string; title: string; kind: ItemKind } } & GroupProps) {
  return (
    <Group component="li" gap="xs" wrap="nowrap" justify="space-between" {...groupProps}>
      <Anchor component={Link} to={catalogPaths.item(org, frameworkId, row.id)} size="sm">
        <Text span ff="monospace" fw={600} size="sm" mr={2}>
          {row.id}
        </Text>{' '}
        {row.title}
      </Anchor>
      <KindBadge kind={row.kind} size="xs" />
    </Group>
  );
}
