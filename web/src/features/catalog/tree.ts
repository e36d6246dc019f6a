import type { FrameworkDetail, ItemRow } from './api.ts';

export interface TreeNode {
  item: ItemRow;
  children: TreeNode[];
}

export interface TreeGroup {
  /** null for items outside any group. */
  id: string | null;
  title: string;
  /** The item that heads the group when it has the group's own id (clause "4" in group "4", function GOVERN). */
  head: ItemRow | null;
  nodes: TreeNode[];
  /** Items in the group, its head included. */
  count: number;
}

function countNodes(nodes: TreeNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countNodes(n.children), 0);
}

/**
 * The framework as a tree: groups (in the framework's order) holding the top-level
 * items, each with its children. Items name their parent; unknown parents count as top level.
 */
export function buildTree(detail: Pick<FrameworkDetail, 'groups' | 'items'>): TreeGroup[] {
  const ids = new Set(detail.items.map((i) => i.id));
  const childrenOf = new Map<string, ItemRow[]>();
  const topLevel: ItemRow[] = [];
  for (const item of detail.items) {
    if (item.parent && ids.has(item.parent) && item.parent !== item.id) {
      const list = childrenOf.get(item.parent) ?? [];
      list.push(item);
      childrenOf.set(item.parent, list);
    } else {
      topLevel.push(item);
    }
  }
  const seen = new Set<string>();
  const toNode = (item: ItemRow): TreeNode => {
    seen.add(item.id);
    const children = (childrenOf.get(item.id) ?? []).filter((c) => !seen.has(c.id)).map(toNode);
    return { item, children };
  };

  const groupTitles = new Map(detail.groups.map((g) => [g.id, g.title]));
  const order = [...detail.groups.map((g) => g.id)];
  const byGroup = new Map<string | null, ItemRow[]>();
  for (const item of topLevel) {
    const key = item.group && groupTitles.has(item.group) ? item.group : null;
    const list = byGroup.get(key) ?? [];
    list.push(item);
    byGroup.set(key, list);
  }

  const groups: TreeGroup[] = [];
  for (const id of [...order, null]) {
    const items = byGroup.get(id);
    if (!items || items.length === 0) continue;
    const nodes = items.map(toNode);
    const only = nodes.length === 1 ? nodes[0] : undefined;
    const merged = id !== null && only !== undefined && only.item.id === id;
    groups.push({
      id,
      title: id === null ? (detail.groups.length === 0 ? 'Items' : 'Other items') : (groupTitles.get(id) ?? id),
      head: merged ? only.item : null,
      nodes: merged ? only.children : nodes,
      count: countNodes(nodes),
    });
  }
  return groups;
}

function matches(item: ItemRow, needle: string): boolean {
  return item.id.toLowerCase().includes(needle) || item.title.toLowerCase().includes(needle);
}

function filterNodes(nodes: TreeNode[], needle: string): TreeNode[] {
  const out: TreeNode[] = [];
  for (const node of nodes) {
    if (matches(node.item, needle)) out.push(node);
    else {
      const children = filterNodes(node.children, needle);
      if (children.length > 0) out.push({ item: node.item, children });
    }
  }
  return out;
}

/**
 * The groups and items whose id or title contains the text, with the items above them
 * for context. A matching item keeps all its children; a matching group keeps all its items.
 */
export function filterTree(groups: TreeGroup[], text: string): TreeGroup[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return groups;
  const out: TreeGroup[] = [];
  for (const group of groups) {
    if (group.title.toLowerCase().includes(needle) || (group.head && matches(group.head, needle))) {
      out.push(group);
      continue;
    }
    const nodes = filterNodes(group.nodes, needle);
    if (nodes.length > 0) out.push({ ...group, nodes });
  }
  return out;
}

/** How many items (group heads included) have the text in their id or title. */
export function countMatches(items: ItemRow[], text: string): number {
  const needle = text.trim().toLowerCase();
  return needle ? items.filter((i) => matches(i, needle)).length : 0;
}

/** The width of the id column: the longest id, in monospace characters. */
export function idColumnWidth(items: ItemRow[]): string {
  const longest = items.reduce((max, i) => Math.max(max, i.id.length), 0);
  return `${Math.min(Math.max(longest, 4), 16) + 1}ch`;
}
