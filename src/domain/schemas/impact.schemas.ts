import { z } from 'zod';
import { VersionSchema } from './common.schemas.ts';

/**
 * AI system impact assessments (ISO/IEC 42001 6.1.4, 8.4, A.5.2–A.5.5) and the EU AI Act
 * fundamental-rights impact assessment (Art. 27). Templates are data: the built-in ones ship with
 * Trellis, and an organization can add its own in the same format.
 */

const Text = (max: number) => z.string().trim().max(max);
const Id = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,62}$/, 'lowercase letters, digits, dots and dashes');

export const templateFieldTypes = ['text', 'textarea', 'yes-no', 'single', 'multi', 'date'] as const;

export const TemplateFieldSchema = z.strictObject({
  id: Id,
  label: z.string().trim().min(1).max(300),
  help: Text(2000).optional(),
  type: z.enum(templateFieldTypes),
  options: z
    .array(z.strictObject({ value: Id, label: z.string().trim().min(1).max(200) }))
    .max(50)
    .optional(),
  required: z.boolean().default(false),
  ref: Text(64).optional().describe('the requirement it answers, e.g. "A.5.2" or "Art. 27(1)(a)"'),
});

export const ImpactAreaSchema = z.strictObject({
  id: Id,
  label: z.string().trim().min(1).max(200),
  help: Text(2000).optional(),
});

export const ImpactTemplateContentSchema = z
  .strictObject({
    id: Id,
    name: z.string().trim().min(1).max(200),
    version: z.string().trim().min(1).max(40),
    description: Text(4000).default(''),
    basis: z.array(Text(64)).max(20).default([]).describe('requirements it serves, e.g. ["6.1.4", "8.4", "A.5.2"]'),
    sections: z
      .array(
        z.strictObject({
          id: Id,
          title: z.string().trim().min(1).max(200),
          help: Text(4000).optional(),
          fields: z.array(TemplateFieldSchema).min(1).max(40),
        }),
      )
      .min(1)
      .max(30),
    impactAreas: z.array(ImpactAreaSchema).min(1).max(20).describe('the areas each impact is classed under'),
  })
  .superRefine((t, ctx) => {
    const ids = new Set<string>();
    t.sections.forEach((s, si) =>
      s.fields.forEach((f, fi) => {
        if (ids.has(f.id))
          ctx.addIssue({ code: 'custom', path: ['sections', si, 'fields', fi, 'id'], message: `field id "${f.id}" is used twice` });
        ids.add(f.id);
        if ((f.type === 'single' || f.type === 'multi') && !f.options?.length) {
          ctx.addIssue({ code: 'custom', path: ['sections', si, 'fields', fi, 'options'], message: 'a choice field needs options' });
        }
      }),
    );
  });
export type ImpactTemplateContent = z.output<typeof ImpactTemplateContentSchema>;

export const ImpactTemplateSchema = ImpactTemplateContentSchema.safeExtend({
  origin: z.enum(['built-in', 'organization']),
});
export type ImpactTemplate = z.infer<typeof ImpactTemplateSchema>;

export const impactSeverities = [1, 2, 3, 4, 5] as const;
export const impactAudiences = ['individuals', 'groups', 'society'] as const;
export const impactTriggers = [
  'criticality',
  'automation',
  'data-sensitivity',
  'significant-change',
  'new-system',
  'periodic-review',
  'legal-requirement',
] as const;

export const ImpactEntryInputSchema = z.strictObject({
  id: z.uuid().optional().describe('keep to update an existing entry'),
  area: Id.describe("one of the template's impactAreas"),
  audience: z.enum(impactAudiences),
  description: z.string().trim().min(1).max(4000),
  affected: Text(1000).default('').describe('who exactly, e.g. "applicants over 55"'),
  severity: z.number().int().min(1).max(5).describe('1 negligible … 5 severe'),
  likelihood: z.number().int().min(1).max(5).describe('1 rare … 5 almost certain'),
  beneficial: z.boolean().default(false).describe('a positive impact (6.1.4 asks for both)'),
  mitigation: Text(4000).default(''),
});
export type ImpactEntryInput = z.input<typeof ImpactEntryInputSchema>;

export const ImpactAssessmentInputSchema = z.strictObject({
  systemId: z.uuid(),
  templateId: Id,
  title: z.string().trim().min(1).max(300),
  triggers: z.array(z.enum(impactTriggers)).max(impactTriggers.length).default([]),
  answers: z.record(Id, z.union([z.string().max(20000), z.boolean(), z.array(Id).max(50), z.null()])).default({}),
  impacts: z.array(ImpactEntryInputSchema).max(200).default([]),
  reviewDue: z.iso.date().nullable().default(null),
});
export type ImpactAssessmentInput = z.input<typeof ImpactAssessmentInputSchema>;

export const ImpactAssessmentPatchSchema = z.strictObject({
  title: z.string().trim().min(1).max(300).optional(),
  triggers: z.array(z.enum(impactTriggers)).max(impactTriggers.length).optional(),
  answers: z.record(Id, z.union([z.string().max(20000), z.boolean(), z.array(Id).max(50), z.null()])).optional(),
  impacts: z.array(ImpactEntryInputSchema).max(200).optional(),
  reviewDue: z.iso.date().nullable().optional(),
  version: VersionSchema,
});
export type ImpactAssessmentPatch = z.infer<typeof ImpactAssessmentPatchSchema>;

export const ImpactEntrySchema = z.object({
  id: z.string(),
  area: z.string(),
  audience: z.enum(impactAudiences),
  description: z.string(),
  affected: z.string(),
  severity: z.number().int(),
  likelihood: z.number().int(),
  beneficial: z.boolean(),
  mitigation: z.string(),
  riskId: z.string().nullable().describe('the risk raised from this impact, if any'),
  riskRef: z.string().nullable(),
});

export const impactStatuses = ['draft', 'in-review', 'approved', 'superseded'] as const;

export const ImpactAssessmentSchema = z.object({
  id: z.uuid(),
  ref: z.string(),
  system: z.object({ id: z.string(), ref: z.string(), name: z.string() }),
  templateId: z.string(),
  templateName: z.string(),
  templateVersion: z.string(),
  title: z.string(),
  status: z.enum(impactStatuses),
  triggers: z.array(z.enum(impactTriggers)),
  answers: z.record(z.string(), z.unknown()),
  impacts: z.array(ImpactEntrySchema),
  reviewDue: z.string().nullable(),
  reviewOverdue: z.boolean(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  supersedes: z.string().nullable().describe('the approved assessment this revision replaces'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ImpactAssessment = z.infer<typeof ImpactAssessmentSchema>;
