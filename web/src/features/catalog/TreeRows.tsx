import { ActionIcon, Anchor, Box, Group, Highlight, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { ChevronDownIcon, ChevronRightIcon } from '../../lib/components/icons.tsx';
import { catalogPaths } from './api.ts';
import { KindBadge } from './CatalogBadges.tsx';
import type { TreeGroup, TreeNode } from './tree.ts';

const INDENT = 24;

export interface TreeContext {
  org: string;
  framework: string;
  /** The filter text, highlighted in titles. */
  highlight: string;
  idWidth: string;
  /** Every item is open while a filter is active. */
  isItemOpen: (id: string) => boolean;
  toggleItem: (id: string) => void;
}

function domId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function ItemNode({ node, depth, ctx }: { node: TreeNode; depth: number; ctx: TreeContext }) {
  const { item, children } = node;
  const hasChildren = children.length > 0;
  const open = hasChildren && ctx.isItemOpen(item.id);
  const listId = domId('tree-children', item.id);
  return (
    <Box component="li" data-item-id={item.id}>
      <Group
        gap={6}
        wrap="nowrap"
        align="flex-start"
        py={6}
        pr="md"
        pl={`calc(var(--mantine-spacing-md) + ${depth * INDENT}px)`}
        style={{ borderTop: '1px solid var(--mantine-color-gray-1)' }}
      >
        {hasChildren ? (
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={() => ctx.toggleItem(item.id)}
            aria-expanded={open}
            aria-controls={listId}
            aria-label={`${open ? 'Collapse' : 'Expand'} ${item.id}`}
          >
            {open ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
          </ActionIcon>
        ) : (
          <Box w={22} style={{ flexShrink: 0 }} />
        )}
        <Anchor
          component={Link}
          to={catalogPaths.item(ctx.org, ctx.framework, item.id)}
          size="sm"
          c="dark.7"
          underline="hover"
          style={{ display: 'flex', gap: 8, flex: 1, minWidth: 0 }}
        >
          <Text span size="sm" ff="monospace" fw={600} c="teal.8" style={{ flexShrink: 0, minWidth: ctx.idWidth }}>
            {item.id}
          </Text>
          <Highlight span size="sm" highlight={ctx.highlight} style={{ minWidth: 0 }}>
            {item.title}
          </Highlight>
        </Anchor>
        <KindBadge kind={item.kind} size="xs" />
      </Group>
      {open ? <ItemList id={listId} nodes={children} depth={depth + 1} ctx={ctx} /> : null}
    </Box>
  );
}

export function ItemList({ id, nodes, depth, ctx }: { id?: string; nodes: TreeNode[]; depth: number; ctx: TreeContext }) {
  return (
    <Box component="ul" id={id} m={0} p={0} style={{ listStyle: 'none' }}>
      {nodes.map((node) => (
        <ItemNode key={node.item.id} node={node} depth={depth} ctx={ctx} />
      ))}
    </Box>
  );
}

/** The number shown before a group's title: its heading clause ("4") or a numbered area ("A.6"); none for named groups. */
function groupLabel(group: TreeGroup): string | null {
  if (group.head) return group.head.id.toLowerCase() === group.title.toLowerCase() ? null : group.head.id;
  return group.id && /\d/.test(group.id) && !group.title.includes(group.id) ? group.id : null;
}

export interface GroupSectionProps {
  group: TreeGroup;
  open: boolean;
  onToggle: () => void;
  ctx: TreeContext;
}

/** One group of the tree (an Annex A area, a clause, an AI RMF function): a header that opens and closes it. */
export function GroupSection({ group, open, onToggle, ctx }: GroupSectionProps) {
  const listId = domId('tree-group', group.id ?? 'none');
  const head = group.head;
  const label = groupLabel(group);
  return (
    <Box component="li" data-group-id={group.id ?? ''} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Group gap="sm" wrap="nowrap" px="md" py={10} bg={open ? 'gray.0' : undefined}>
        <UnstyledButton onClick={onToggle} aria-expanded={open} aria-controls={listId} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Box c="dimmed" style={{ display: 'flex', flexShrink: 0 }}>
              {open ? <ChevronDownIcon /> : <ChevronRightIcon />}
            </Box>
            {label ? (
              <Text span ff="monospace" fw={700} size="sm" c="teal.8" style={{ flexShrink: 0, minWidth: '4ch' }}>
                {label}
              </Text>
            ) : null}
            <Highlight span fw={600} size="sm" highlight={ctx.highlight}>
              {group.title}
            </Highlight>
            <Text span size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {group.count} {group.count === 1 ? 'item' : 'items'}
            </Text>
          </Group>
        </UnstyledButton>
        {head ? (
          <Anchor
            component={Link}
            to={catalogPaths.item(ctx.org, ctx.framework, head.id)}
            size="xs"
            style={{ flexShrink: 0 }}
            aria-label={`Open ${head.id} ${head.title}`}
          >
            Open {head.id}
          </Anchor>
        ) : null}
      </Group>
      {open ? <ItemList id={listId} nodes={group.nodes} depth={0} ctx={ctx} /> : null}
    </Box>
  );
}
