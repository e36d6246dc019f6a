import { z } from 'zod';
import { evidenceStates } from '../evidence-state.ts';
import { VersionSchema } from './common.schemas.ts';
import { patchOf } from './patch.ts';

/**
 * Evidence (documented information kept as evidence, ISO/IEC 42001 7.5): files, links, notes and
 * records produced by Trellis, each with versions and links to what it supports — controls,
 * requirements of any framework in the catalog, risks, AI systems and AI objectives.
 * This file is the API contract; the web UI imports its types.
 */

const Text = (max: number) => z.string().trim().max(max);
const DateOnly = z.iso.date().describe('YYYY-MM-DD');

export const evidenceKinds = ['file', 'link', 'note', 'record'] as const;
export const EvidenceKindSchema = z.enum(evidenceKinds);
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;
export const EvidenceStateSchema = z.enum(evidenceStates);

/** What an evidence link points at; `framework` is '' for risks, AI systems and AI objectives. */
export const evidenceTargetTypes = ['control', 'requirement', 'risk', 'ai-system', 'objective'] as const;
export const EvidenceTargetTypeSchema = z.enum(evidenceTargetTypes);
export type EvidenceTargetType = z.infer<typeof EvidenceTargetTypeSchema>;

/** The frameworks whose controls evidence can be linked to as controls (Annex A and the organization's own). */
export const evidenceControlFrameworks = ['iso42001-2023', 'org-controls'] as const;

const ItemId = z.string().trim().min(1).max(64);

const ControlRefSchema = z
  .union([
    ItemId.describe('"A.6.2.6" (Annex A) or "org-controls:OWN-1"'),
    z.strictObject({ framework: z.enum(evidenceControlFrameworks).default('iso42001-2023'), control: ItemId }),
  ])
  .transform((v) => {
    if (typeof v !== 'string') return v;
    const own = /^org-controls:(.+)$/.exec(v);
    return own ? { framework: 'org-controls' as const, control: own[1] ?? '' } : { framework: 'iso42001-2023' as const, control: v };
  });

const RequirementRefSchema = z
  .union([
    z
      .string()
      .trim()
      .regex(/^[^:\s]+:.+$/, 'framework:item, e.g. "iso42001-2023:6.1.2" or "eu-ai-act-2024:art-9"')
      .max(130),
    z.strictObject({ framework: z.string().trim().min(1).max(64), item: ItemId }),
  ])
  .transform((v) => {
    if (typeof v !== 'string') return v;
    const at = v.indexOf(':');
    return { framework: v.slice(0, at), item: v.slice(at + 1) };
  });

const RecordRefSchema = z.string().trim().min(1).max(64).describe('id or ref');

/** What an evidence item supports. Controls and requirements must be in the organization's catalog. */
export const EvidenceLinkTargetsSchema = z.strictObject({
  controls: z.array(ControlRefSchema).max(200).default([]).describe('Annex A controls ("A.6.2.6") or your own ("org-controls:OWN-1")'),
  requirements: z
    .array(RequirementRefSchema)
    .max(200)
    .default([])
    .describe('other catalog items, e.g. clause "iso42001-2023:9.2" or an EU AI Act article'),
  risks: z.array(RecordRefSchema).max(200).default([]).describe('risks (id or ref, e.g. RSK-0003)'),
  systems: z.array(RecordRefSchema).max(200).default([]).describe('AI systems (id or ref, e.g. AIS-0001)'),
  objectives: z.array(RecordRefSchema).max(200).default([]).describe('AI objectives (id or ref, e.g. OBJ-0001)'),
});
export type EvidenceLinkTargets = z.input<typeof EvidenceLinkTargetsSchema>;
export type ParsedLinkTargets = z.output<typeof EvidenceLinkTargetsSchema>;

export const EvidenceUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a URL' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'only http:// and https:// links' });
    else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'a link must not carry a user name or password' });
  })
  .describe('an http:// or https:// URL');

/** The descriptive fields of an evidence item (what PATCH changes). */
export const EvidenceFieldsSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  description: Text(8000).default(''),
  owner: Text(200).default('').describe('who keeps the evidence current'),
  effectiveDate: DateOnly.describe('from when the evidence holds'),
  reviewDue: DateOnly.nullable().default(null).describe('when it expires or must be reviewed; null: it does not expire'),
});
export type EvidenceFields = z.output<typeof EvidenceFieldsSchema>;

export const EvidencePatchSchema = patchOf(EvidenceFieldsSchema);
export type EvidencePatch = z.infer<typeof EvidencePatchSchema>;

const createCommon = {
  ...EvidenceFieldsSchema.shape,
  effectiveDate: DateOnly.optional().describe('from when the evidence holds (default: today)'),
  comment: Text(2000).default('').describe('a note on this version'),
  links: EvidenceLinkTargetsSchema.default({ controls: [], requirements: [], risks: [], systems: [], objectives: [] }),
};

export const EvidenceCreateSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('link'), url: EvidenceUrlSchema, ...createCommon }),
  z.strictObject({ kind: z.literal('note'), note: z.string().trim().min(1).max(100_000), ...createCommon }),
]);
export type EvidenceCreate = z.input<typeof EvidenceCreateSchema>;

/** The `metadata` field of a multipart file upload (the `file` part carries the content). */
export const EvidenceFileMetadataSchema = z.strictObject({
  ...createCommon,
  title: z.string().trim().min(1).max(300).optional().describe('default: the file name'),
});
export type EvidenceFileMetadata = z.input<typeof EvidenceFileMetadataSchema>;

const versionCommon = {
  comment: Text(2000).default(''),
  effectiveDate: DateOnly.optional().describe('a new effective date for the item'),
  reviewDue: DateOnly.nullable().optional().describe('a new expiry or review date for the item'),
  version: VersionSchema,
};

/** A new version of a link or note item (JSON). */
export const EvidenceVersionCreateSchema = z.strictObject({
  url: EvidenceUrlSchema.optional().describe('for a link item'),
  note: z.string().trim().min(1).max(100_000).optional().describe('for a note item'),
  ...versionCommon,
});
export type EvidenceVersionCreate = z.input<typeof EvidenceVersionCreateSchema>;

/** The `metadata` field of a multipart upload of a file item's new version. */
export const EvidenceFileVersionMetadataSchema = z.strictObject(versionCommon);
export type EvidenceFileVersionMetadata = z.input<typeof EvidenceFileVersionMetadataSchema>;

export const EvidenceLinksChangeSchema = EvidenceLinkTargetsSchema.refine(
  (l) => l.controls.length + l.requirements.length + l.risks.length + l.systems.length + l.objectives.length > 0,
  'name at least one control, requirement, risk, AI system or AI objective',
);

export const EvidenceVersionSchema = z.object({
  number: z.number().int(),
  sha256: z.string().nullable().describe('files: SHA-256 of the content (hex)'),
  fileName: z.string().nullable(),
  mediaType: z.string().nullable(),
  size: z.number().int().nullable().describe('files: bytes'),
  contentUrl: z.string().nullable().describe('files: where to download this version'),
  url: z.string().nullable().describe('links'),
  note: z.string().nullable().describe('notes'),
  record: z
    .object({ type: z.string(), id: z.string(), data: z.unknown() })
    .nullable()
    .describe('records produced by Trellis: what produced it and a snapshot'),
  comment: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable().describe('user id'),
});
export type EvidenceVersion = z.infer<typeof EvidenceVersionSchema>;

export const EvidenceLinkSchema = z.object({
  type: EvidenceTargetTypeSchema,
  framework: z.string().describe("catalog framework for controls and requirements; '' for risks, AI systems and AI objectives"),
  target: z.string().describe('control or requirement id, or the risk / AI system / AI objective id'),
  ref: z.string().nullable().describe('risks, AI systems and AI objectives: their ref'),
  title: z.string().nullable().describe('the control, requirement, risk, AI system or AI objective title; null when it no longer exists'),
});
export type EvidenceLink = z.infer<typeof EvidenceLinkSchema>;

export const EvidenceSchema = z.object({
  id: z.uuid(),
  ref: z.string(),
  kind: EvidenceKindSchema,
  title: z.string(),
  description: z.string(),
  owner: z.string(),
  effectiveDate: z.string(),
  reviewDue: z.string().nullable(),
  state: EvidenceStateSchema.describe('current, expiring (review date within 30 days) or expired'),
  currentVersion: z.number().int(),
  current: EvidenceVersionSchema,
  links: z.array(EvidenceLinkSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const EvidenceDetailSchema = EvidenceSchema.extend({
  versions: z.array(EvidenceVersionSchema).describe('every version, newest first'),
});
export type EvidenceDetail = z.infer<typeof EvidenceDetailSchema>;

export const evidenceSortFields = ['ref', 'title', 'reviewDue', 'updatedAt'] as const;

const many = <T extends z.ZodType>(schema: T) =>
  z
    .union([schema, z.array(schema)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? (v as z.output<T>[]) : [v as z.output<T>]));

export const EvidenceListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().describe('text in the ref, title or description'),
  kind: many(EvidenceKindSchema),
  state: many(EvidenceStateSchema),
  control: z.string().trim().min(1).max(80).optional().describe('linked to this control: "A.6.2.6" or "org-controls:OWN-1"'),
  requirement: z
    .string()
    .trim()
    .regex(/^[^:\s]+:.+$/, 'framework:item')
    .max(130)
    .optional()
    .describe('linked to this requirement: "iso42001-2023:6.1.2"'),
  riskId: z.string().trim().min(1).max(64).optional().describe('linked to this risk (id or ref)'),
  systemId: z.string().trim().min(1).max(64).optional().describe('linked to this AI system (id or ref)'),
  objectiveId: z.string().trim().min(1).max(64).optional().describe('linked to this AI objective (id or ref)'),
  owner: z.string().trim().max(200).optional(),
  sort: z.enum(evidenceSortFields).default('ref'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type EvidenceListQuery = z.output<typeof EvidenceListQuerySchema>;

export const EvidenceSummarySchema = z
  .object({ total: z.number().int(), current: z.number().int(), expiring: z.number().int(), expired: z.number().int() })
  .describe("the organization's evidence by state (not filtered)");
export type EvidenceSummary = z.infer<typeof EvidenceSummarySchema>;

export const EvidenceListSchema = z.object({
  items: z.array(EvidenceSchema),
  total: z.number().int().describe('items matching the filters'),
  page: z.number().int(),
  pageSize: z.number().int(),
  summary: EvidenceSummarySchema,
});
export type EvidenceList = z.infer<typeof EvidenceListSchema>;
