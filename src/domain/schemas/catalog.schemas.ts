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
  .regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, 'lowercase letters, digits, dots and hyphens');
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
