import { z } from 'zod';

/** The kinds of item a framework is made of. */
export const itemKinds = [
  'clause',
  'objective',
  'control',
  'function',
  'category',
  'subcategory',
  'article',
  'annex-point',
  'risk-source',
] as const;
export const ItemKindSchema = z.enum(itemKinds);
export type ItemKind = z.infer<typeof ItemKindSchema>;

export const relationships = ['equal', 'subset', 'superset', 'intersects'] as const;
export const RelationshipSchema = z.enum(relationships);
export type Relationship = z.infer<typeof RelationshipSchema>;

const FrameworkIdSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, 'lowercase letters, digits, dots and hyphens')
  // Words the catalog's URLs use for their own pages (/catalog/coverage, …).
  .refine(
    (id) => !['coverage', 'search', 'crosswalk', 'import', 'controls', 'frameworks'].includes(id),
    'is a reserved word; choose another id',
  );
const ItemIdSchema = z.string().trim().min(1).max(64);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const CatalogItemSchema = z.strictObject({
  id: ItemIdSchema,
  kind: ItemKindSchema,
  title: Text(300),
  parent: ItemIdSchema.optional().describe('id of the enclosing item in the same framework'),
  group: z.string().max(64).optional().describe('id of a group in `groups` (e.g. an Annex A area or an AI RMF function)'),
  summary: Text(4000).optional().describe('plain-language summary, in our own words (or the public-domain text)'),
  text: Text(20000).optional().describe('official text where its licence allows (NIST, EU law)'),
  documentedInformation: z.array(Text(500)).max(30).optional().describe('documented information the item calls for'),
  auditorAsks: z.array(Text(500)).max(30).optional().describe('what an auditor typically asks to see'),
  guidance: Text(6000).optional().describe('practical implementation guidance'),
  example: Text(3000).optional().describe('a worked example'),
  keyDates: z
    .array(z.strictObject({ date: z.iso.date(), what: Text(300) }))
    .max(10)
    .optional(),
  reference: z.string().max(500).optional().describe('where the official text is found'),
});
export type CatalogItem = z.infer<typeof CatalogItemSchema>;

export const FrameworkFileSchema = z.strictObject({
  id: FrameworkIdSchema,
  name: Text(200),
  shortName: Text(60),
  version: Text(40),
  publisher: Text(200),
  description: Text(4000),
  licence: Text(1000).describe('what may be reproduced, and what was written in our own words'),
  url: z.url().optional(),
  groups: z
    .array(z.strictObject({ id: z.string().min(1).max(64), title: Text(200) }))
    .max(50)
    .default([]),
  items: z.array(CatalogItemSchema).min(1).max(5000),
});
export type FrameworkFile = z.infer<typeof FrameworkFileSchema>;

export const CrosswalkLinkSchema = z.strictObject({
  from: ItemIdSchema,
  to: ItemIdSchema,
  relationship: RelationshipSchema,
  rationale: Text(1000),
});

export const CrosswalkFileSchema = z.strictObject({
  id: z.string().min(3).max(140),
  from: FrameworkIdSchema,
  to: FrameworkIdSchema,
  source: Text(500).describe('who made the mapping, e.g. a NIST-published crosswalk, or "analysis"'),
  description: Text(2000).optional(),
  links: z.array(CrosswalkLinkSchema).min(1).max(20000),
});
export type CrosswalkFile = z.infer<typeof CrosswalkFileSchema>;

export const FrameworkSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  version: z.string(),
  publisher: z.string(),
  origin: z.enum(['built-in', 'organization']),
  requirementCount: z.number().int().describe('number of items (clauses, objectives, controls, articles, …)'),
  kinds: z.record(z.string(), z.number().int()),
});

export const ItemRowSchema = z.object({
  id: z.string(),
  kind: ItemKindSchema,
  title: z.string(),
  parent: z.string().nullable(),
  group: z.string().nullable(),
});

export const FrameworkDetailSchema = FrameworkSummarySchema.extend({
  description: z.string(),
  licence: z.string(),
  url: z.string().nullable(),
  groups: z.array(z.object({ id: z.string(), title: z.string() })),
  items: z.array(ItemRowSchema),
});

export const LinkedItemSchema = z.object({
  frameworkId: z.string(),
  frameworkName: z.string(),
  itemId: z.string(),
  title: z.string(),
  kind: ItemKindSchema,
  relationship: RelationshipSchema,
  rationale: z.string(),
  source: z.string(),
});

export const ItemDetailSchema = z.object({
  frameworkId: z.string(),
  frameworkName: z.string(),
  item: CatalogItemSchema,
  ancestors: z.array(ItemRowSchema),
  children: z.array(ItemRowSchema),
  links: z.array(LinkedItemSchema),
});

export const CrosswalkRowSchema = z.object({
  from: z.string(),
  to: z.string(),
  relationship: RelationshipSchema,
  source: z.string(),
  rationale: z.string(),
});

export const CoverageSchema = z.object({
  source: z.string(),
  target: z.string(),
  total: z.number().int(),
  covered: z.number().int(),
  groups: z.array(z.object({ id: z.string(), title: z.string(), total: z.number().int(), covered: z.number().int() })),
  uncovered: z.array(ItemRowSchema),
});

export const SearchHitSchema = ItemRowSchema.extend({
  frameworkId: z.string(),
  frameworkName: z.string(),
  snippet: z.string().nullable(),
});

export const CatalogImportSchema = z.object({
  content: z.string().min(1).max(5_000_000).describe('the file: YAML or JSON in the Trellis catalog format, or an OSCAL catalog (JSON)'),
  fileName: z.string().max(200).optional(),
});

export const ItemChangeSchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
});
export type ItemChanges = z.infer<typeof ItemChangeSchema>;

export const CatalogImportResultSchema = z.object({
  type: z.enum(['framework', 'crosswalk']),
  id: z.string(),
  version: z.string(),
  itemCount: z.number().int(),
  previousVersion: z.string().nullable(),
  changes: ItemChangeSchema.nullable().describe('for a new version of a framework: what changed since the previous one'),
});

export const DocumentVersionSchema = z.object({
  version: z.string(),
  status: z.enum(['current', 'superseded']),
  createdAt: z.string(),
  changes: ItemChangeSchema.nullable(),
});

export const OrganizationControlCreateSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._()-]*$/, 'letters, digits, spaces, dots, hyphens, underscores and parentheses'),
  title: z.string().trim().min(1).max(300),
  summary: z.string().trim().min(1).max(4000).optional(),
  guidance: z.string().trim().min(1).max(6000).optional(),
});
export type OrganizationControlCreate = z.infer<typeof OrganizationControlCreateSchema>;
