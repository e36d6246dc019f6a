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
