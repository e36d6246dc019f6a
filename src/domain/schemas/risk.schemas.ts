import { z } from 'zod';
import { RoleSchema } from '../policy.ts';
import { VersionSchema } from './common.schemas.ts';
import { patchOf } from './patch.ts';

/**
 * AI risk management (ISO/IEC 42001 6.1.1–6.1.3, 8.2–8.3): risk criteria, the risk register,
 * treatment with controls and residual-risk acceptance, and dated assessment runs.
 * This file is the API contract; the web UI imports its types.
 */

const Text = (max: number) => z.string().trim().max(max);
const Label = z.string().trim().min(1).max(80);
const DateOnly = z.iso.date().describe('YYYY-MM-DD');
const LevelId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,29}$/, 'lowercase letters, digits and dashes')
  .describe('e.g. "low", "very-high"');

// ---------- Risk criteria (6.1.1) ----------

export const ScaleStepSchema = z.strictObject({
  value: z.number().int().min(1).max(10),
  label: Label,
  definition: Text(1000).default(''),
});

export const RiskLevelSchema = z.strictObject({
  id: LevelId,
  label: Label,
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #e03131'),
  description: Text(1000).default(''),
});
export type RiskLevel = z.infer<typeof RiskLevelSchema>;

/**
 * The organization's risk criteria. `levels` go from the least to the most severe.
 * `matrix[l][i]` is the level id for likelihood step l (0 = lowest) and impact step i.
 * Risks whose level is above `acceptanceThreshold` must be treated before their residual risk
 * is accepted; `acceptance[levelId]` lists the roles that may accept a residual risk of that level.
 */
export const RiskCriteriaContentSchema = z
  .strictObject({
    likelihood: z.array(ScaleStepSchema).min(2).max(10),
    impact: z.array(ScaleStepSchema).min(2).max(10),
    levels: z.array(RiskLevelSchema).min(2).max(7),
    matrix: z.array(z.array(LevelId).min(2).max(10)).min(2).max(10),
    acceptanceThreshold: LevelId.describe('the highest level that may be retained without treatment'),
    acceptance: z.record(LevelId, z.array(RoleSchema).max(5)).describe('level id → roles that may accept a residual risk of that level'),
    reviewIntervalMonths: z.number().int().min(1).max(36).default(12).describe('planned interval between risk assessments (8.2)'),
  })
  .superRefine((c, ctx) => {
    const levelIds = new Set(c.levels.map((l) => l.id));
    if (levelIds.size !== c.levels.length) ctx.addIssue({ code: 'custom', path: ['levels'], message: 'level ids must be unique' });
    for (const [name, scale] of [
      ['likelihood', c.likelihood],
      ['impact', c.impact],
    ] as const) {
      scale.forEach((step, i) => {
        if (step.value !== i + 1)
          ctx.addIssue({
            code: 'custom',
            path: [name, i, 'value'],
            message: `steps must be numbered 1, 2, 3, … in order (expected ${i + 1})`,
          });
      });
    }
    if (c.matrix.length !== c.likelihood.length) {
      ctx.addIssue({ code: 'custom', path: ['matrix'], message: `needs one row per likelihood step (${c.likelihood.length})` });
    }
    c.matrix.forEach((row, l) => {
      if (row.length !== c.impact.length)
        ctx.addIssue({ code: 'custom', path: ['matrix', l], message: `needs one cell per impact step (${c.impact.length})` });
      row.forEach((cell, i) => {
        if (!levelIds.has(cell)) ctx.addIssue({ code: 'custom', path: ['matrix', l, i], message: `"${cell}" is not one of the levels` });
      });
    });
    if (!levelIds.has(c.acceptanceThreshold))
      ctx.addIssue({ code: 'custom', path: ['acceptanceThreshold'], message: 'must be one of the levels' });
    for (const level of c.levels) {
      if (!c.acceptance[level.id]?.length)
        ctx.addIssue({ code: 'custom', path: ['acceptance', level.id], message: 'name at least one role that may accept this level' });
    }
    for (const key of Object.keys(c.acceptance)) {
      if (!levelIds.has(key)) ctx.addIssue({ code: 'custom', path: ['acceptance', key], message: 'not one of the levels' });
    }
  });
export type RiskCriteriaContent = z.output<typeof RiskCriteriaContentSchema>;

export const RiskCriteriaInputSchema = z.strictObject({
  content: RiskCriteriaContentSchema,
  note: Text(2000).default('').describe('what changed and why'),
});
export type RiskCriteriaInput = z.input<typeof RiskCriteriaInputSchema>;

export const RiskCriteriaSchema = z.object({
  id: z.string().nullable().describe('null while the organization still uses the built-in default'),
  number: z.number().int().describe('version number; 0 for the built-in default'),
  content: RiskCriteriaContentSchema,
  note: z.string(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  isDefault: z.boolean(),
});
export type RiskCriteria = z.infer<typeof RiskCriteriaSchema>;

// ---------- Risks (6.1.2) ----------

export const riskStatuses = ['identified', 'analysed', 'treatment-planned', 'treated', 'closed'] as const;
export const treatmentOptions = ['modify', 'avoid', 'share', 'retain'] as const;
export const riskOriginTypes = ['manual', 'impact-assessment', 'monitoring', 'incident', 'audit-finding', 'import'] as const;
export const RiskStatusSchema = z.enum(riskStatuses);
export const TreatmentOptionSchema = z.enum(treatmentOptions);
export const RiskOriginTypeSchema = z.enum(riskOriginTypes);
export type RiskOriginType = z.infer<typeof RiskOriginTypeSchema>;

export const RiskControlLinkSchema = z.strictObject({
  framework: z.string().min(1).max(64).describe('"iso42001-2023" for Annex A, "org-controls" for your own'),
  control: z.string().min(1).max(64),
  note: Text(1000).default('').describe('how the control treats this risk'),
});
export type RiskControlLink = z.input<typeof RiskControlLinkSchema>;

export const TreatmentActionSchema = z.strictObject({
  id: z.uuid().optional().describe('keep to update an existing action; leave out for a new one'),
  title: z.string().trim().min(1).max(300),
  owner: Text(200).default(''),
  due: DateOnly.nullable().default(null),
  done: z.boolean().default(false),
});
export type TreatmentAction = z.input<typeof TreatmentActionSchema>;

const Score = z.number().int().min(1).max(10).nullable();

export const RiskInputSchema = z.strictObject({
  ref: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
    .refine(
      (ref) => !['heat-map', 'import', 'criteria', 'assessments'].includes(ref.toLowerCase()),
      'is a word Trellis uses in its addresses; choose another',
    )
    .optional()
    .describe('e.g. RSK-0007; assigned when left out'),
  title: z.string().trim().min(1).max(300),
  description: Text(8000).default(''),
  riskSource: Text(300).default('').describe('an Annex C risk source id (C.3.1 … C.3.7) or your own words'),
  systemIds: z.array(z.uuid()).max(500).default([]).describe('the AI systems the risk concerns'),
  consequencesOrganization: Text(4000).default(''),
  consequencesIndividuals: Text(4000).default(''),
  consequencesSociety: Text(4000).default(''),
  likelihood: Score.default(null).describe('a step of the likelihood scale (1 = lowest)'),
  impact: Score.default(null).describe('a step of the impact scale (1 = lowest)'),
  owner: Text(200).default(''),
  status: RiskStatusSchema.default('identified'),
  reviewDue: DateOnly.nullable().default(null),
});
export type RiskInput = z.input<typeof RiskInputSchema>;
export type RiskFields = z.output<typeof RiskInputSchema>;
export const RiskPatchSchema = patchOf(RiskInputSchema);
export type RiskPatch = z.infer<typeof RiskPatchSchema>;

export const RiskTreatmentInputSchema = z.strictObject({
  option: TreatmentOptionSchema.nullable(),
  plan: Text(8000).default(''),
  controls: z.array(RiskControlLinkSchema).max(100).default([]),
  actions: z.array(TreatmentActionSchema).max(100).default([]),
  residualLikelihood: Score.default(null),
  residualImpact: Score.default(null),
  version: VersionSchema,
});
export type RiskTreatmentInput = z.input<typeof RiskTreatmentInputSchema>;
export type RiskTreatmentFields = z.output<typeof RiskTreatmentInputSchema>;

export const RiskAcceptanceInputSchema = z.strictObject({
  comment: Text(4000).default(''),
  version: VersionSchema,
});

export const LevelRefSchema = z.object({ id: z.string(), label: z.string(), colour: z.string(), rank: z.number().int() });
export type LevelRef = z.infer<typeof LevelRefSchema>;

export const RiskAcceptanceSchema = z.object({
  level: LevelRefSchema,
  acceptedBy: z.string(),
  acceptedById: z.string().nullable(),
  role: RoleSchema,
  acceptedAt: z.string(),
  comment: z.string(),
  criteriaNumber: z.number().int(),
});
export type RiskAcceptance = z.infer<typeof RiskAcceptanceSchema>;

export const RiskSchema = z.object({
  id: z.uuid(),
  ref: z.string(),
  title: z.string(),
  description: z.string(),
  riskSource: z.string(),
  systems: z.array(z.object({ id: z.string(), ref: z.string(), name: z.string() })),
  consequencesOrganization: z.string(),
  consequencesIndividuals: z.string(),
  consequencesSociety: z.string(),
  likelihood: z.number().int().nullable(),
  impact: z.number().int().nullable(),
  inherentLevel: LevelRefSchema.nullable(),
  owner: z.string(),
  status: RiskStatusSchema,
  reviewDue: z.string().nullable(),
  reviewOverdue: z.boolean(),
  criteriaNumber: z.number().int().describe('the version of the risk criteria its levels were computed with'),
  origin: z.object({ type: RiskOriginTypeSchema, id: z.string().nullable(), label: z.string() }),
  treatment: z.object({
    option: TreatmentOptionSchema.nullable(),
    plan: z.string(),
    controls: z.array(z.object({ framework: z.string(), control: z.string(), title: z.string().nullable(), note: z.string() })),
    actions: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        owner: z.string(),
        due: z.string().nullable(),
        done: z.boolean(),
        overdue: z.boolean(),
      }),
    ),
    residualLikelihood: z.number().int().nullable(),
    residualImpact: z.number().int().nullable(),
    residualLevel: LevelRefSchema.nullable(),
  }),
  acceptance: RiskAcceptanceSchema.nullable(),
  aboveThreshold: z.boolean().describe('inherent level above the acceptance threshold'),
  needsAttention: z.boolean().describe('above threshold and its residual risk not (or no longer) accepted'),
  treatmentOverdue: z.boolean().describe('an open treatment action is past its due date'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Risk = z.infer<typeof RiskSchema>;

export const riskSortFields = ['ref', 'title', 'inherent', 'residual', 'status', 'owner', 'reviewDue', 'updatedAt'] as const;

const many = <T extends z.ZodType>(schema: T) =>
  z
    .union([schema, z.array(schema)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? (v as z.output<T>[]) : [v as z.output<T>]));

export const RiskListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: many(RiskStatusSchema),
  level: many(LevelId).describe('inherent level id(s)'),
  residualLevel: many(LevelId),
  systemId: z.uuid().optional(),
  owner: z.string().trim().max(200).optional(),
  needsAttention: z.enum(['true', 'false']).optional(),
  reviewOverdue: z.enum(['true', 'false']).optional(),
  treatmentOverdue: z.enum(['true', 'false']).optional(),
  likelihood: z.coerce.number().int().min(1).max(10).optional().describe('a heat-map cell: with impact'),
  impact: z.coerce.number().int().min(1).max(10).optional(),
  residual: z.enum(['true', 'false']).optional().describe('likelihood/impact filter the residual rather than the inherent scores'),
  sort: z.enum(riskSortFields).default('ref'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type RiskListQuery = z.output<typeof RiskListQuerySchema>;

export const RiskListSchema = z.object({
  items: z.array(RiskSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const HeatMapSchema = z.object({
  criteriaNumber: z.number().int(),
  likelihood: z.array(z.object({ value: z.number().int(), label: z.string() })),
  impact: z.array(z.object({ value: z.number().int(), label: z.string() })),
  inherent: z.array(z.array(z.number().int())).describe('[likelihood-1][impact-1] → number of risks'),
  residual: z.array(z.array(z.number().int())),
  levels: z.array(z.array(LevelRefSchema)).describe('[likelihood-1][impact-1] → the level of that cell'),
  unscored: z.number().int().describe('risks without likelihood or impact yet'),
  needsAttention: z.number().int(),
  reviewOverdue: z.number().int(),
  treatmentOverdue: z.number().int(),
  total: z.number().int(),
});
export type HeatMap = z.infer<typeof HeatMapSchema>;

// ---------- Assessment runs (8.2) ----------

export const assessmentStatuses = ['draft', 'approved'] as const;

export const RiskAssessmentInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  scope: z.enum(['aims', 'systems']).default('aims').describe('the whole AIMS, or some AI systems'),
  systemIds: z.array(z.uuid()).max(1000).default([]),
  participants: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  method: Text(8000).default('').describe('how the assessment was done'),
  performedOn: DateOnly,
  summary: Text(8000).default('').describe('results and conclusions'),
});
export type RiskAssessmentInput = z.input<typeof RiskAssessmentInputSchema>;
export const RiskAssessmentPatchSchema = patchOf(RiskAssessmentInputSchema);

export const AssessedRiskSchema = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  inherentLevel: LevelRefSchema.nullable(),
  residualLevel: LevelRefSchema.nullable(),
  likelihood: z.number().int().nullable(),
  impact: z.number().int().nullable(),
  residualLikelihood: z.number().int().nullable(),
  residualImpact: z.number().int().nullable(),
  option: TreatmentOptionSchema.nullable(),
  controls: z.array(z.string()),
  accepted: z.boolean(),
  status: RiskStatusSchema,
});

export const RiskAssessmentSchema = z.object({
  id: z.uuid(),
  ref: z.string(),
  title: z.string(),
  scope: z.enum(['aims', 'systems']),
  systems: z.array(z.object({ id: z.string(), ref: z.string(), name: z.string() })),
  participants: z.array(z.string()),
  method: z.string(),
  performedOn: z.string(),
  summary: z.string(),
  status: z.enum(assessmentStatuses),
  criteriaNumber: z.number().int(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  nextDue: z.string().nullable().describe('performedOn + the criteria review interval, once approved'),
  results: z.array(AssessedRiskSchema).describe('live while a draft; frozen at approval'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type RiskAssessment = z.infer<typeof RiskAssessmentSchema>;

export const ReassessmentStatusSchema = z.object({
  lastApproved: z.object({ id: z.string(), ref: z.string(), performedOn: z.string(), approvedAt: z.string() }).nullable(),
  nextDue: z.string().nullable(),
  due: z.boolean(),
  reasons: z.array(z.string()).describe('why a reassessment is due: the interval, or significant changes since the last approved run'),
  changedSystems: z.array(z.object({ id: z.string(), ref: z.string(), name: z.string(), changedAt: z.string(), change: z.string() })),
});
export type ReassessmentStatus = z.infer<typeof ReassessmentStatusSchema>;
