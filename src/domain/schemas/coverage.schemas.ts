import { z } from 'zod';
import { ImplementationStatusSchema } from './controls.schemas.ts';

/**
 * The organization's coverage of another framework (ISO/IEC 27001, the NIST AI RMF, the EU AI Act)
 * through the ISO/IEC 42001 controls it implements: each target item reached by a crosswalk takes
 * the best state of the controls that map to it. Computed from the live SoA, never stored.
 */

/**
 * How one target item stands:
 * - covered: a mapped control is applicable, implemented and has current evidence;
 * - in-progress: a mapped control is applicable and planned or partially implemented, or implemented without current evidence;
 * - not-covered: the mapped controls are excluded, not started or not decided;
 * - clauses-only: only ISO/IEC 42001 clauses (management-system requirements) map to it, whose state the SoA does not record;
 * - no-mapping: no crosswalk reaches it, so Trellis cannot judge it.
 */
export const coverageStates = ['covered', 'in-progress', 'not-covered', 'clauses-only', 'no-mapping'] as const;
export const CoverageStateSchema = z.enum(coverageStates);
export type CoverageState = z.infer<typeof CoverageStateSchema>;

/** The state one control lends to the items it maps to. */
export const controlCoverageStates = ['covered', 'in-progress', 'not-covered'] as const;
export const ControlCoverageStateSchema = z.enum(controlCoverageStates);
export type ControlCoverageState = z.infer<typeof ControlCoverageStateSchema>;

/** The frameworks coverage is computed for, and the kind of item counted in each. */
export const coverageTargets = [
  { framework: 'iso27001-2022', itemKind: 'control', groupLabel: 'theme' },
  { framework: 'nist-ai-rmf-1.0', itemKind: 'subcategory', groupLabel: 'function' },
  { framework: 'eu-ai-act-2024', itemKind: 'article', groupLabel: 'chapter' },
] as const;

export const CoverageQuerySchema = z.object({
  framework: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .describe(`the target framework: ${coverageTargets.map((t) => t.framework).join(', ')}`),
});

/** Counts per state. */
export const CoverageTotalsSchema = z.object({
  covered: z.number().int(),
  'in-progress': z.number().int(),
  'not-covered': z.number().int(),
  'clauses-only': z.number().int(),
  'no-mapping': z.number().int(),
});
export type CoverageTotals = z.infer<typeof CoverageTotalsSchema>;

/** A control (Annex A or the organization's own) that maps to a target item, with its SoA state. */
export const CoverageControlSchema = z.object({
  framework: z.string().describe('iso42001-2023, or org-controls for your own controls'),
  control: z.string(),
  title: z.string(),
  relationship: z.string().describe('how the control relates to the target item (crosswalk relationship, seen from the control)'),
  applicable: z.boolean().nullable(),
  status: ImplementationStatusSchema,
  evidenceCurrent: z.number().int(),
  evidenceExpired: z.number().int(),
  state: ControlCoverageStateSchema,
});
export type CoverageControl = z.infer<typeof CoverageControlSchema>;

/** An ISO/IEC 42001 clause (management-system requirement) that maps to a target item; the SoA records no state for it. */
export const CoverageClauseSchema = z.object({
  item: z.string(),
  title: z.string(),
  relationship: z.string(),
});

export const CoverageItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  state: CoverageStateSchema,
  controls: z.array(CoverageControlSchema).describe('the controls that carry this item, best state first'),
  clauses: z.array(CoverageClauseSchema),
});
export type CoverageItem = z.infer<typeof CoverageItemSchema>;

/** A group of target items: a 27001 theme, an AI RMF function, an EU AI Act chapter. */
export const CoverageGroupSchema = z.object({
  id: z.string(),
  title: z.string(),
  totals: CoverageTotalsSchema,
  items: z.array(CoverageItemSchema),
});
export type CoverageGroup = z.infer<typeof CoverageGroupSchema>;

export const FrameworkCoverageSchema = z.object({
  organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  generatedAt: z.string(),
  asOf: z.string().describe('the day evidence is judged current or expired (YYYY-MM-DD)'),
  framework: z.object({ id: z.string(), name: z.string(), shortName: z.string(), version: z.string() }),
  itemKind: z.string().describe('the kind of target item counted: control, subcategory or article'),
  groupLabel: z.string().describe('what a group is in this framework: theme, function or chapter'),
  crosswalks: z
    .array(z.object({ id: z.string(), source: z.string(), description: z.string() }))
    .describe('the crosswalks the mapping comes from (built-in or the organization’s own)'),
  summary: z.object({
    items: z.number().int(),
    totals: CoverageTotalsSchema,
    controls: z.number().int().describe('distinct controls that map to at least one target item'),
  }),
  groups: z.array(CoverageGroupSchema),
});
export type FrameworkCoverage = z.infer<typeof FrameworkCoverageSchema>;
