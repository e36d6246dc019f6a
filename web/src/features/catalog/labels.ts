import type { Role } from '../../lib/roles.ts';
import type { FrameworkSummary, ItemKind, Relationship } from './api.ts';

/** Whether the role may import frameworks and crosswalks and add own controls (mirrors `catalog.manage`). */
export function canManageCatalog(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager';
}

export const kindLabels: Record<ItemKind, { one: string; many: string }> = {
  clause: { one: 'Clause', many: 'clauses' },
  objective: { one: 'Objective', many: 'objectives' },
  control: { one: 'Control', many: 'controls' },
  function: { one: 'Function', many: 'functions' },
  category: { one: 'Category', many: 'categories' },
  subcategory: { one: 'Subcategory', many: 'subcategories' },
  article: { one: 'Article', many: 'articles' },
  'annex-point': { one: 'Annex point', many: 'annex points' },
  'risk-source': { one: 'Risk source', many: 'risk sources' },
};

export const kindColors: Record<ItemKind, string> = {
  clause: 'blue',
  objective: 'grape',
  control: 'teal',
  function: 'indigo',
  category: 'cyan',
  subcategory: 'teal',
  article: 'blue',
  'annex-point': 'orange',
  'risk-source': 'red',
};

function isKind(kind: string): kind is ItemKind {
  return kind in kindLabels;
}

/** "38 controls", "1 clause": a count in words, for any kind the API reports. */
export function countOfKind(kind: string, count: number): string {
  if (!isKind(kind)) return `${count} ${kind}`;
  const label = kindLabels[kind];
  return `${count} ${count === 1 ? label.one.toLowerCase() : label.many}`;
}

/** The kinds of a framework, largest first: "43 clauses · 38 controls · …". */
export function describeKinds(kinds: FrameworkSummary['kinds']): string[] {
  return Object.entries(kinds)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => countOfKind(kind, count));
}

export const relationshipLabels: Record<Relationship, string> = {
  equal: 'Equal',
  subset: 'Subset',
  superset: 'Superset',
  intersects: 'Intersects',
};

/** What a relationship means, read as "this requirement <relationship> the linked one". */
export const relationshipHelp: Record<Relationship, string> = {
  equal: 'Equal: both ask for the same thing. Meeting one meets the other.',
  subset:
    'Subset: this requirement is narrower. Everything it asks for is part of the linked one, which asks for more; meeting the linked one covers this one.',
  superset:
    'Superset: this requirement is broader. It includes everything the linked one asks for, and more; meeting this one covers the linked one.',
  intersects: 'Intersects: the two overlap in part. Each asks for something the other does not, so check both.',
};

export const relationshipColors: Record<Relationship, string> = {
  equal: 'teal',
  subset: 'blue',
  superset: 'grape',
  intersects: 'yellow',
};

export const originLabels: Record<FrameworkSummary['origin'], string> = {
  'built-in': 'Built-in',
  organization: 'Organization',
};

export const originHelp: Record<FrameworkSummary['origin'], string> = {
  'built-in': 'Shipped with Trellis and maintained by the Trellis project.',
  organization: 'Imported or written by your organization; only your organization sees it.',
};

/** A whole-number percentage; 0 when there is nothing to count. */
export function percent(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part / total) * 100);
}
