import { Box, Button, CloseButton, Group, Paper, Text, TextInput } from '@mantine/core';
import { useSessionStorage } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import type { FrameworkDetail } from './api.ts';
import { buildTree, countMatches, filterTree, idColumnWidth } from './tree.ts';
import { GroupSection, ItemList, type TreeContext } from './TreeRows.tsx';

const FEW_GROUPS = 4;

export interface RequirementTreeProps {
  org: string;
  framework: FrameworkDetail;
}

/**
 * The framework's requirements as a tree: groups open and close (remembered for the
 * browser tab), items with children too; the filter opens everything that matches.
 */
export function RequirementTree({ org, framework }: RequirementTreeProps) {
  const [filter, setFilter] = useState('');
  const key = `trellis.catalog.${org}.${framework.id}`;
  const groups = useMemo(() => buildTree(framework), [framework]);
  // A framework of a few large groups (the AI RMF functions) opens fully; one of many groups starts as an outline.
  const [openGroups, setOpenGroups] = useSessionStorage<string[]>({
    key: `${key}.open-groups`,
    defaultValue: groups.length <= FEW_GROUPS ? groups.map((g) => g.id ?? '') : [],
  });
  const [closedItems, setClosedItems] = useSessionStorage<string[]>({ key: `${key}.closed-items`, defaultValue: [] });
  const visible = useMemo(() => filterTree(groups, filter), [groups, filter]);
  const matchCount = useMemo(() => countMatches(framework.items, filter), [framework.items, filter]);
  const filtering = filter.trim().length > 0;
  const single = groups.length <= 1;

  const groupKey = (id: string | null) => id ?? '';
  const isGroupOpen = (id: string | null) => filtering || single || openGroups.includes(groupKey(id));
  const toggleGroup = (id: string | null) =>
    setOpenGroups((prev) => (prev.includes(groupKey(id)) ? prev.filter((g) => g !== groupKey(id)) : [...prev, groupKey(id)]));
  const ctx: TreeContext = {
    org,
    framework: framework.id,
    highlight: filter.trim(),
    idWidth: idColumnWidth(framework.items),
    isItemOpen: (id) => filtering || !closedItems.includes(id),
    toggleItem: (id) => setClosedItems((prev) => (prev.includes(id) ? prev.filter((i) => i !== id) : [...prev, id])),
  };

  const expandAll = () => {
    setOpenGroups(groups.map((g) => groupKey(g.id)));
    setClosedItems([]);
  };
  const collapseAll = () => setOpenGroups([]);

  return (
    <Paper withBorder radius="md">
      <Group gap="sm" p="md" align="flex-end" wrap="wrap">
        <TextInput
          label="Filter requirements"
          placeholder="Id or words in the title, e.g. A.6 or data quality"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          maxLength={100}
          style={{ flex: 1, minWidth: 240 }}
          rightSection={filter ? <CloseButton aria-label="Clear filter" onClick={() => setFilter('')} /> : null}
        />
        {!single ? (
          <Group gap="xs">
            <Button variant="default" size="sm" onClick={expandAll} disabled={filtering}>
              Expand all
            </Button>
            <Button variant="default" size="sm" onClick={collapseAll} disabled={filtering}>
              Collapse all
            </Button>
          </Group>
        ) : null}
      </Group>
      {filtering ? (
        <Text size="xs" c="dimmed" px="md" pb="xs" aria-live="polite">
          {matchCount === 0 ? 'No item matches' : `${matchCount} matching item${matchCount === 1 ? '' : 's'}`}
        </Text>
      ) : null}
      {visible.length === 0 ? (
        <EmptyMessage title="Nothing matches the filter" description="Try part of an id (A.6) or a word from a title." />
      ) : (
        <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={`Requirements of ${framework.shortName}`}>
          {visible.map((group) =>
            group.id === null && groups.length === 1 ? (
              <Box component="li" key="items" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
                <ItemList nodes={group.nodes} depth={0} ctx={ctx} />
              </Box>
            ) : (
              <GroupSection
                key={group.id ?? ''}
                group={group}
                open={isGroupOpen(group.id)}
                onToggle={() => toggleGroup(group.id)}
                ctx={ctx}
              />
            ),
          )}
        </Box>
      )}
    </Paper>
  );
}
