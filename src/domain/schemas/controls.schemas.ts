import { z } from 'zod';
import { evidenceStates } from '../evidence-state.ts';

/**
 * Control implementations and the Statement of Applicability (ISO/IEC 42001 6.1.3 d–e, Annex A).
 * The SoA is derived: risk → treatment → control → evidence → SoA row.
 */

export const implementationStatuses = ['not-started', 'planned', 'partially-implemented', 'implemented', 'not-applicable'] as const;
export const ImplementationStatusSchema = z.enum(implementationStatuses);
export type ImplementationStatus = z.infer<typeof ImplementationStatusSchema>;

/** Why a control is included, besides the risks that need it (which are listed automatically). */
export const inclusionReasonKinds = ['legal', 'contractual', 'interested-party', 'other'] as const;
export const InclusionReasonSchema = z.strictObject({
  kind: z.enum(inclusionReasonKinds),
  text: z.string().trim().min(1).max(2000),
});
export type InclusionReason = z.infer<typeof InclusionReasonSchema>;

/** A risk listed as the reason a control is needed. */
export const SoaRiskRefSchema = z.object({ id: z.string(), ref: z.string(), title: z.string() });

/** An evidence item shown on an SoA row. */
export const SoaEvidenceRefSchema = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  kind: z.string(),
  reviewDue: z.string().nullable(),
  state: z.enum(evidenceStates),
});

/** What is wrong with a row, for the person preparing the SoA. */
export const soaFlagCodes = [
  'undecided', // no decision recorded and no risk needs the control
  'exclusion-without-justification', // excluded, no justification
  'excluded-but-needed', // excluded although treated risks name it
  'inclusion-without-basis', // applicable with no risk, requirement or reason behind it
  'applicable-without-evidence', // applicable and implemented, but no current evidence
  'evidence-expired', // some linked evidence has expired
  'review-overdue', // the implementation's review date has passed
] as const;
export const SoaFlagSchema = z.object({ code: z.enum(soaFlagCodes), message: z.string() });
export type SoaFlag = z.infer<typeof SoaFlagSchema>;

/** A catalog item in another framework that the control also supports (through the crosswalks). */
export const AlsoSupportsSchema = z.object({
  framework: z.string(),
  item: z.string(),
  title: z.string(),
  relationship: z.string(),
});

/** One row of the SoA: one control (Annex A or the organization's own). */
export const SoaRowSchema = z.object({
  framework: z.string().describe('catalog framework of the control: iso42001-2023, or org-controls for own controls'),
  control: z.string().describe('control id, e.g. A.6.2.4'),
  title: z.string(),
  area: z.string().describe('the Annex A area (A.2 … A.10), or org-controls'),
  areaTitle: z.string(),
  applicable: z.boolean().nullable().describe('true included, false excluded, null not decided'),
  /** true when applicability comes from the risks alone (no decision recorded yet) */
  derived: z.boolean(),
  justification: z.string().describe('the justification as a sentence: risks, requirements, reasons, or the exclusion justification'),
  basis: z.object({
    risks: z.array(SoaRiskRefSchema).describe('up to 25 risks whose treatment names the control'),
    riskCount: z.number().int(),
    reasons: z.array(InclusionReasonSchema),
    exclusion: z.string().nullable(),
  }),
  status: ImplementationStatusSchema,
  owner: z.string(),
  description: z.string(),
  reviewDue: z.string().nullable(),
  implementationId: z.string().nullable(),
  implementationVersion: z.number().int().nullable(),
  systems: z
    .object({
      applicable: z.number().int(),
      excluded: z.number().int(),
      implemented: z.number().int(),
    })
    .describe('AI-system-level implementations of this control'),
  evidence: z.array(SoaEvidenceRefSchema).describe('up to 25 evidence items, current first'),
  evidenceCount: z.number().int(),
  evidenceCurrent: z.number().int().describe('linked evidence that is current or expiring (not expired)'),
  evidenceExpired: z.number().int(),
  alsoSupports: z.array(AlsoSupportsSchema),
  flags: z.array(SoaFlagSchema),
});
export type SoaRow = z.infer<typeof SoaRowSchema>;

export const SoaSummarySchema = z.object({
  controls: z.number().int(),
  applicable: z.number().int(),
  excluded: z.number().int(),
  undecided: z.number().int(),
  flagged: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
});

export const SoaVersionInfoSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  comment: z.string(),
  approvedBy: z.string(),
  approvedRole: z.string(),
  approvedAt: z.string(),
  contentHash: z.string().describe('SHA-256 of the canonical JSON of the frozen rows and summary'),
});
export type SoaVersionInfo = z.infer<typeof SoaVersionInfoSchema>;

/** The SoA: live (version null) or an approved, frozen version. */
export const SoaDocumentSchema = z.object({
  organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  generatedAt: z.string(),
  framework: z.object({ id: z.string(), name: z.string(), version: z.string() }),
  version: SoaVersionInfoSchema.nullable(),
  summary: SoaSummarySchema,
  rows: z.array(SoaRowSchema),
});
export type SoaDocument = z.infer<typeof SoaDocumentSchema>;

// ---------- Control implementations (requests and responses) ----------

const DateOnly = z.iso.date().describe('YYYY-MM-DD');

/**
 * A change to a control's implementation (PUT upserts): fields left out keep their recorded value
 * (or their default when nothing is recorded yet). Excluding (`applicable: false`) needs an
 * `exclusionJustification` and sets the status to `not-applicable`; `not-applicable` is only ever
 * the status of an excluded control.
 */
export const ControlImplementationInputSchema = z.strictObject({
  applicable: z.boolean().nullable().optional().describe('true included, false excluded (needs exclusionJustification), null not decided'),
  inclusionReasons: z
    .array(InclusionReasonSchema)
    .max(20)
    .optional()
    .describe('why the control is included besides the risks that need it (replaces the recorded list)'),
  exclusionJustification: z.string().trim().max(4000).nullable().optional().describe('why an excluded control is not needed'),
  status: ImplementationStatusSchema.optional(),
  owner: z.string().trim().max(200).optional(),
  description: z.string().trim().max(8000).optional().describe('how the control is implemented'),
  reviewDue: DateOnly.nullable().optional(),
  version: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('the version you read; leave it out only when nothing is recorded yet (a stale or missing version gets 409)'),
});
export type ControlImplementationInput = z.input<typeof ControlImplementationInputSchema>;

export const ControlSystemRefSchema = z.object({ id: z.string(), ref: z.string(), name: z.string() });

/** A control's implementation at organization level (system null) or for one AI system. */
export const ControlImplementationSchema = z.object({
  id: z.string().nullable().describe('null while nothing is recorded for the control'),
  framework: z.string(),
  control: z.string(),
  title: z.string(),
  area: z.string(),
  areaTitle: z.string(),
  system: ControlSystemRefSchema.nullable().describe('the AI system, or null at organization level'),
  applicable: z.boolean().nullable(),
  inclusionReasons: z.array(InclusionReasonSchema),
  exclusionJustification: z.string().nullable(),
  status: ImplementationStatusSchema,
  owner: z.string(),
  description: z.string(),
  reviewDue: z.string().nullable(),
  reviewOverdue: z.boolean(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  version: z.number().int().nullable().describe('null while nothing is recorded; send it back to change the record'),
});
export type ControlImplementation = z.infer<typeof ControlImplementationSchema>;

/** One implementation with the risks whose treatment names the control (for a system: those concerning it). */
export const ControlImplementationDetailSchema = ControlImplementationSchema.extend({
  risks: z.array(SoaRiskRefSchema).describe('up to 25 open risks whose treatment names the control'),
  riskCount: z.number().int(),
  alsoSupports: z.array(AlsoSupportsSchema),
});
export type ControlImplementationDetail = z.infer<typeof ControlImplementationDetailSchema>;

export const ControlImplementationListQuerySchema = z.object({
  framework: z.string().trim().min(1).max(64).optional().describe('iso42001-2023 or org-controls'),
  systemId: z.string().trim().min(1).max(64).optional().describe('only this AI system (id or ref)'),
  scope: z.enum(['all', 'organization', 'systems']).default('all').describe('organization level, AI-system level, or both'),
  status: z
    .union([ImplementationStatusSchema, z.array(ImplementationStatusSchema)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  applicable: z.enum(['true', 'false', 'undecided']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export type ControlImplementationListQuery = z.output<typeof ControlImplementationListQuerySchema>;

export const ControlImplementationListSchema = z.object({
  items: z.array(ControlImplementationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ControlImplementationList = z.infer<typeof ControlImplementationListSchema>;

// ---------- SoA versions and comparison ----------

export const SoaApproveInputSchema = z.strictObject({
  comment: z.string().trim().min(1).max(4000).describe('what was reviewed and why it is approved'),
});

export const SoaVersionListItemSchema = SoaVersionInfoSchema.extend({ summary: SoaSummarySchema });
export type SoaVersionListItem = z.infer<typeof SoaVersionListItemSchema>;

/** `live` or an approved version number. */
export const SoaRefSchema = z
  .string()
  .regex(/^(live|[1-9][0-9]{0,8})$/, 'a version number or "live"')
  .describe('a version number or "live"');

export const soaCompareFields = [
  'applicable',
  'status',
  'owner',
  'justification',
  'evidenceCount',
  'evidenceCurrent',
  'evidenceExpired',
  'flags',
] as const;

const CompareValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const SoaComparisonSchema = z.object({
  from: z.object({ ref: z.string(), version: SoaVersionInfoSchema.nullable(), generatedAt: z.string() }),
  to: z.object({ ref: z.string(), version: SoaVersionInfoSchema.nullable(), generatedAt: z.string() }),
  added: z.array(z.object({ framework: z.string(), control: z.string(), title: z.string() })),
  removed: z.array(z.object({ framework: z.string(), control: z.string(), title: z.string() })),
  changed: z.array(
    z.object({
      framework: z.string(),
      control: z.string(),
      title: z.string(),
      changes: z.array(z.object({ field: z.enum(soaCompareFields), from: CompareValueSchema, to: CompareValueSchema })),
    }),
  ),
  unchanged: z.number().int().describe('rows present on both sides with none of the compared fields changed'),
});
export type SoaComparison = z.infer<typeof SoaComparisonSchema>;

export const soaExportFormats = ['xlsx', 'pdf', 'docx', 'oscal'] as const;
export const SoaExportQuerySchema = z.object({
  format: z.enum(soaExportFormats),
  version: z.coerce.number().int().min(1).optional().describe('an approved version; the live SoA when left out'),
});
