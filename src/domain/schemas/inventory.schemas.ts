import { z } from 'zod';
import { patchOf } from './patch.ts';

/**
 * The AI system inventory: AI systems, suppliers (A.10), data sets (A.7, A.4.3), models (A.4.4)
 * and the relations between them. This file is the API contract; the web UI imports its types.
 */

/** ISO/IEC 22989 AI stakeholder roles (5.17–5.19). */
export const isoRoles = ['provider', 'producer', 'customer', 'partner', 'subject'] as const;
/** EU AI Act operator roles (Art. 3(3)–(8)). */
export const euRoles = ['provider', 'deployer', 'importer', 'distributor', 'authorised-representative', 'product-manufacturer'] as const;
/** AI system life-cycle stages (ISO/IEC 22989 6.1, simplified to what an inventory tracks). */
export const lifecycleStages = ['idea', 'design', 'development', 'verification', 'deployed', 'retired'] as const;
/** Degree of automation, from a human deciding with AI support to no human involved. */
export const automationLevels = ['decision-support', 'human-in-the-loop', 'human-on-the-loop', 'fully-automated'] as const;
/** Outcomes of the EU AI Act classification; `unclassified` until the questionnaire is answered. */
export const riskClasses = ['prohibited', 'high-risk', 'limited-risk', 'minimal-risk', 'out-of-scope'] as const;
export const dueDiligenceStatuses = ['not-started', 'in-progress', 'completed', 'issues-found'] as const;
export const dataCategories = ['personal', 'sensitive', 'children', 'biometric', 'confidential', 'public', 'synthetic'] as const;
export const inventoryKinds = ['system', 'supplier', 'dataset', 'model'] as const;

export const IsoRoleSchema = z.enum(isoRoles);
export const EuRoleSchema = z.enum(euRoles);
export const LifecycleStageSchema = z.enum(lifecycleStages);
export const AutomationLevelSchema = z.enum(automationLevels);
export const RiskClassSchema = z.enum(riskClasses);
export const DueDiligenceStatusSchema = z.enum(dueDiligenceStatuses);
export const DataCategorySchema = z.enum(dataCategories);
export const InventoryKindSchema = z.enum(inventoryKinds);

export type IsoRole = z.infer<typeof IsoRoleSchema>;
export type EuRole = z.infer<typeof EuRoleSchema>;
export type LifecycleStage = z.infer<typeof LifecycleStageSchema>;
export type AutomationLevel = z.infer<typeof AutomationLevelSchema>;
export type RiskClass = z.infer<typeof RiskClassSchema>;
export type InventoryKind = z.infer<typeof InventoryKindSchema>;

const Name = z.string().trim().min(1).max(200);
const Text = (max: number) => z.string().trim().max(max);
const DateOnly = z.iso.date().describe('YYYY-MM-DD');
const Jurisdiction = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$|^EU$/, 'ISO 3166 code such as DE, US-CA, or EU');

// ---------- AI systems ----------

export const AiSystemInputSchema = z.strictObject({
  ref: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'letters, digits, dot, dash, underscore (max 40)')
    .refine(
      (ref) => !['summary', 'export', 'import'].includes(ref.toLowerCase()),
      'is a word Trellis uses in its addresses; choose another',
    )
    .optional()
    .describe('Short reference such as AIS-0007; assigned when left out'),
  name: Name,
  purpose: Text(4000).default(''),
  intendedUse: Text(4000).default(''),
  foreseeableMisuse: Text(4000).default(''),
  isoRoles: z.array(IsoRoleSchema).max(isoRoles.length).default([]),
  euRoles: z.array(EuRoleSchema).max(euRoles.length).default([]),
  stage: LifecycleStageSchema.default('idea'),
  owner: Text(200).default('').describe('Accountable person (name or email)'),
  businessUnit: Text(200).default(''),
  users: Text(2000).default('').describe('Who uses the system'),
  affectedPersons: Text(2000).default('').describe('People and groups affected by its outputs'),
  automation: AutomationLevelSchema.default('decision-support'),
  humanOversight: Text(4000).default('').describe('How people oversee and can override it'),
  deploymentContext: Text(4000).default(''),
  jurisdictions: z.array(Jurisdiction).max(60).default([]),
  inScope: z.boolean().default(true).describe('Inside the AIMS scope (clause 4.3)'),
  scopeReason: Text(2000).default('').describe('Why it is in or out of scope; required when out of scope'),
  reviewDue: DateOnly.nullable().default(null),
});
export type AiSystemInput = z.input<typeof AiSystemInputSchema>;
export type AiSystemFields = z.output<typeof AiSystemInputSchema>;

export const AiSystemPatchSchema = patchOf(AiSystemInputSchema);
export type AiSystemPatch = z.infer<typeof AiSystemPatchSchema>;

export const AiSystemSchema = z.object({
  id: z.uuid(),
  ref: z.string(),
  name: z.string(),
  purpose: z.string(),
  intendedUse: z.string(),
  foreseeableMisuse: z.string(),
  isoRoles: z.array(IsoRoleSchema),
  euRoles: z.array(EuRoleSchema),
  stage: LifecycleStageSchema,
  owner: z.string(),
  businessUnit: z.string(),
  users: z.string(),
  affectedPersons: z.string(),
  automation: AutomationLevelSchema,
  humanOversight: z.string(),
  deploymentContext: z.string(),
  jurisdictions: z.array(z.string()),
  inScope: z.boolean(),
  scopeReason: z.string(),
  reviewDue: z.string().nullable(),
  reviewOverdue: z.boolean(),
  riskClass: RiskClassSchema.nullable().describe('Outcome of the latest EU AI Act classification; null when unclassified'),
  gpaiSystemicRisk: z.boolean().nullable().describe('GPAI track: null when not a general-purpose AI model'),
  classifiedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type AiSystem = z.infer<typeof AiSystemSchema>;

export const systemSortFields = ['ref', 'name', 'stage', 'riskClass', 'owner', 'businessUnit', 'reviewDue', 'updatedAt'] as const;

export const SystemListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().describe('Text in the reference, name, purpose or owner'),
  stage: z
    .union([LifecycleStageSchema, z.array(LifecycleStageSchema)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  riskClass: z
    .union([z.enum([...riskClasses, 'unclassified']), z.array(z.enum([...riskClasses, 'unclassified']))])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  euRole: EuRoleSchema.optional(),
  isoRole: IsoRoleSchema.optional(),
  inScope: z.enum(['true', 'false']).optional(),
  owner: z.string().trim().max(200).optional(),
  businessUnit: z.string().trim().max(200).optional(),
  reviewOverdue: z.enum(['true', 'false']).optional(),
  sort: z.enum(systemSortFields).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type SystemListQuery = z.output<typeof SystemListQuerySchema>;

export const SystemListSchema = z.object({
  items: z.array(AiSystemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SystemList = z.infer<typeof SystemListSchema>;

export const InventorySummarySchema = z.object({
  total: z.number().int(),
  inScope: z.number().int(),
  byRiskClass: z.record(z.string(), z.number().int()).describe('riskClass (or "unclassified") → count'),
  byStage: z.record(z.string(), z.number().int()),
  byEuRole: z.record(z.string(), z.number().int()),
  byIsoRole: z.record(z.string(), z.number().int()),
  reviewOverdue: z.number().int(),
  gpai: z.number().int(),
});
export type InventorySummary = z.infer<typeof InventorySummarySchema>;

// ---------- Suppliers (A.10) ----------

export const SupplierInputSchema = z.strictObject({
  name: Name,
  description: Text(4000).default(''),
  contact: Text(500).default(''),
  suppliesWhat: Text(2000).default('').describe('AI systems, components, models, data or services supplied'),
  responsibilities: Text(4000).default('').describe('How responsibilities are allocated between you and the supplier (A.10.2–A.10.3)'),
  dueDiligenceStatus: DueDiligenceStatusSchema.default('not-started'),
  dueDiligenceNotes: Text(4000).default(''),
  contractRef: Text(200).default(''),
  contractStart: DateOnly.nullable().default(null),
  contractEnd: DateOnly.nullable().default(null),
  reviewDue: DateOnly.nullable().default(null),
});
export type SupplierInput = z.input<typeof SupplierInputSchema>;
export const SupplierPatchSchema = patchOf(SupplierInputSchema);
export type SupplierPatch = z.infer<typeof SupplierPatchSchema>;
export const SupplierSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  contact: z.string(),
  suppliesWhat: z.string(),
  responsibilities: z.string(),
  dueDiligenceStatus: DueDiligenceStatusSchema,
  dueDiligenceNotes: z.string(),
  contractRef: z.string(),
  contractStart: z.string().nullable(),
  contractEnd: z.string().nullable(),
  reviewDue: z.string().nullable(),
  reviewOverdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Supplier = z.infer<typeof SupplierSchema>;

// ---------- Data sets (A.7, A.4.3) ----------

export const DatasetInputSchema = z.strictObject({
  name: Name,
  description: Text(4000).default(''),
  source: Text(2000).default('').describe('Where the data comes from (A.7.5 provenance)'),
  provenance: Text(4000).default('').describe('Origin and chain of custody, versions, transformations'),
  acquisition: Text(2000).default('').describe('How it was acquired (A.7.3): collected, bought, licensed, scraped, generated'),
  categories: z.array(DataCategorySchema).max(dataCategories.length).default([]),
  qualityRequirements: Text(4000).default('').describe('Data quality requirements (A.7.4)'),
  preparation: Text(4000).default('').describe('Preparation steps (A.7.6)'),
  labelling: Text(4000).default(''),
  knownBiases: Text(4000).default(''),
  retention: Text(1000).default(''),
  supplierId: z.uuid().nullable().default(null),
  reviewDue: DateOnly.nullable().default(null),
});
export type DatasetInput = z.input<typeof DatasetInputSchema>;
export const DatasetPatchSchema = patchOf(DatasetInputSchema);
export type DatasetPatch = z.infer<typeof DatasetPatchSchema>;
export const DatasetSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  source: z.string(),
  provenance: z.string(),
  acquisition: z.string(),
  categories: z.array(DataCategorySchema),
  qualityRequirements: z.string(),
  preparation: z.string(),
  labelling: z.string(),
  knownBiases: z.string(),
  retention: z.string(),
  supplierId: z.string().nullable(),
  reviewDue: z.string().nullable(),
  reviewOverdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Dataset = z.infer<typeof DatasetSchema>;

// ---------- Models (A.4.4) ----------

export const ModelInputSchema = z.strictObject({
  name: Name,
  modelVersion: Text(100).default(''),
  modelType: Text(200).default('').describe('e.g. gradient-boosted trees, transformer LLM, logistic regression'),
  description: Text(4000).default(''),
  supplierId: z.uuid().nullable().default(null),
  evaluationSummary: Text(8000).default('').describe('How it was evaluated and what was found'),
  reviewDue: DateOnly.nullable().default(null),
});
export type ModelInput = z.input<typeof ModelInputSchema>;
export const ModelPatchSchema = patchOf(ModelInputSchema);
export type ModelPatch = z.infer<typeof ModelPatchSchema>;
export const ModelSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  modelVersion: z.string(),
  modelType: z.string(),
  description: z.string(),
  supplierId: z.string().nullable(),
  evaluationSummary: z.string(),
  reviewDue: z.string().nullable(),
  reviewOverdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Model = z.infer<typeof ModelSchema>;

// ---------- Relations ----------

/**
 * Allowed relations between inventory records. Each is read both ways in the UI
 * ("uses data set" / "used by system"). A data set's or model's supplier is its `supplierId`.
 */
export const relationKinds = {
  'uses-dataset': { from: 'system', to: 'dataset' },
  'uses-model': { from: 'system', to: 'model' },
  'supplied-by': { from: 'system', to: 'supplier' },
  'depends-on': { from: 'system', to: 'system' },
  'trained-on': { from: 'model', to: 'dataset' },
} as const satisfies Record<string, { from: InventoryKind; to: InventoryKind }>;
export type RelationKind = keyof typeof relationKinds;
export const RelationKindSchema = z.enum(Object.keys(relationKinds) as [RelationKind, ...RelationKind[]]);

export const RelationInputSchema = z.strictObject({
  relation: RelationKindSchema,
  fromId: z.uuid(),
  toId: z.uuid(),
  note: Text(1000).default('').describe('e.g. "training data", "component: speech-to-text", responsibilities'),
});
export type RelationInput = z.input<typeof RelationInputSchema>;
export const RelationSchema = z.object({
  id: z.uuid(),
  relation: RelationKindSchema,
  fromKind: InventoryKindSchema,
  fromId: z.string(),
  fromName: z.string(),
  toKind: InventoryKindSchema,
  toId: z.string(),
  toName: z.string(),
  note: z.string(),
  createdAt: z.string(),
});
export type Relation = z.infer<typeof RelationSchema>;

// ---------- EU AI Act classification ----------

export const questionTypes = ['yes-no', 'single', 'multi'] as const;

export const QuestionOptionSchema = z.object({
  value: z.string(),
  label: z.string(),
  help: z.string().optional(),
  group: z.string().optional().describe('heading the option is listed under (e.g. an Annex III area)'),
  ref: z.string().optional().describe('catalog item id in eu-ai-act-2024 (e.g. "Art. 5(1)(a)")'),
});

/** `showIf`: the question is asked only when every listed condition holds. */
export const QuestionConditionSchema = z.object({
  question: z.string(),
  equals: z.union([z.string(), z.boolean()]).optional(),
  includesAny: z.array(z.string()).optional().describe('multi: any of these values chosen'),
  notEmpty: z.boolean().optional().describe('multi: at least one value chosen'),
});

export const QuestionSchema = z.object({
  id: z.string(),
  step: z.string().describe('id of the step (section) the question belongs to'),
  type: z.enum(questionTypes),
  text: z.string(),
  help: z.string().optional(),
  options: z.array(QuestionOptionSchema).optional(),
  showIf: z.array(QuestionConditionSchema).optional(),
  refs: z.array(z.string()).optional().describe('catalog ids the question is based on'),
});
export type Question = z.infer<typeof QuestionSchema>;

export const QuestionnaireSchema = z.object({
  id: z.string(),
  version: z.string(),
  framework: z.string().describe('catalog framework the refs point into'),
  steps: z.array(z.object({ id: z.string(), title: z.string(), description: z.string() })),
  questions: z.array(QuestionSchema),
});
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;

export const AnswerValueSchema = z.union([z.boolean(), z.string().max(100), z.array(z.string().max(100)).max(50)]);
export const ClassificationAnswersSchema = z
  .record(z.string().max(100), AnswerValueSchema)
  .describe('question id → answer: true/false for yes-no, an option value for single, a list of option values for multi');
export type ClassificationAnswers = z.infer<typeof ClassificationAnswersSchema>;

export const ClassifyRequestSchema = z.strictObject({
  answers: ClassificationAnswersSchema,
  note: Text(2000).optional().describe('why it was (re)classified'),
});
export type ClassifyRequest = z.infer<typeof ClassifyRequestSchema>;

export const ObligationSchema = z.object({
  ref: z.string().describe('article reference, e.g. "Art. 9"; a catalog item id where the catalog has it'),
  title: z.string(),
  duty: z.string().describe('what the organization must do, in plain words'),
  role: z.string().describe('the role the duty falls on (provider, deployer, …, or "all")'),
  appliesFrom: z.string().describe('YYYY-MM-DD from Art. 113'),
  inCatalog: z.boolean(),
});
export type Obligation = z.infer<typeof ObligationSchema>;

export const ReasonSchema = z.object({
  ref: z.string(),
  text: z.string(),
});

export const ClassificationResultSchema = z.object({
  outcome: RiskClassSchema,
  basis: z.array(z.string()).describe('article references the outcome rests on'),
  reasons: z.array(ReasonSchema).describe('why, step by step, in the order the questionnaire decided'),
  obligations: z.array(ObligationSchema),
  transparency: z.array(z.string()).describe('Art. 50 paragraphs that apply (may be on top of high-risk)'),
  effectiveRoles: z.array(EuRoleSchema).describe('roles after Art. 25 shifts (e.g. a deployer who rebrands becomes a provider)'),
  gpai: z
    .object({
      systemicRisk: z.boolean(),
      basis: z.array(z.string()),
      reasons: z.array(ReasonSchema),
      obligations: z.array(ObligationSchema),
    })
    .nullable(),
});
export type ClassificationResult = z.infer<typeof ClassificationResultSchema>;

export const ClassificationSchema = ClassificationResultSchema.extend({
  id: z.uuid(),
  systemId: z.uuid(),
  number: z.number().int().describe('1 for the first classification of the system, then 2, 3, …'),
  questionnaireVersion: z.string(),
  answers: ClassificationAnswersSchema,
  note: z.string(),
  classifiedBy: z.string().describe('who answered (name or token label)'),
  classifiedAt: z.string(),
  changedFromPrevious: z.array(z.string()).describe('question ids whose answer differs from the previous classification'),
});
export type Classification = z.infer<typeof ClassificationSchema>;

// ---------- Import / export ----------

export const ImportIssueSchema = z.object({
  row: z.number().int().describe('spreadsheet row number (the header is row 1)'),
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

export const SystemImportResultSchema = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  format: z.enum(['csv', 'xlsx']),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(ImportIssueSchema).describe('every problem found, in row order (capped at 1,000)'),
  preview: z
    .array(
      z.object({
        row: z.number().int(),
        action: z.enum(['create', 'update', 'unchanged', 'error']),
        ref: z.string().nullable(),
        name: z.string(),
      }),
    )
    .describe('the first 200 rows and what would happen to each'),
});
export type SystemImportResult = z.infer<typeof SystemImportResultSchema>;
