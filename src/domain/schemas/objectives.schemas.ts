import { z } from 'zod';
import { ThresholdSchema } from './metrics.schemas.ts';
import { patchOf } from './patch.ts';

/**
 * AI objectives (ISO/IEC 42001 6.2): what the organization means to achieve with its AIMS, who is
 * responsible, with what resources, by when, and how the result is evaluated. An objective can be
 * measured by a monitoring plan: its target is then a metric that plan's runs compute, each run is
 * evidence for the objective, and the latest run says whether the target is met.
 * Topics are the Annex C objectives (C.2.1 … C.2.11) the objective serves.
 * This file is the API contract; the web UI and the CLI import its types.
 */

const Text = (max: number) => z.string().trim().max(max);
const IdOrRef = z.string().trim().min(1).max(64);
const DateOnly = z.iso.date().describe('YYYY-MM-DD');

/** planned → in-progress → achieved or not-achieved; withdrawn when it no longer applies (kept, never deleted silently). */
export const objectiveStatuses = ['planned', 'in-progress', 'achieved', 'not-achieved', 'withdrawn'] as const;
export const ObjectiveStatusSchema = z.enum(objectiveStatuses);
export type ObjectiveStatus = z.infer<typeof ObjectiveStatusSchema>;

/** The statuses of an objective still being worked on (they can be overdue). */
export const openObjectiveStatuses: ObjectiveStatus[] = ['planned', 'in-progress'];

/** Still being worked on, with its target date passed (`asOf`: YYYY-MM-DD). */
export function isObjectiveOverdue(status: string, targetDate: string | null, asOf: string): boolean {
  return openObjectiveStatuses.includes(status as ObjectiveStatus) && targetDate !== null && targetDate < asOf;
}

export const ObjectiveMeasureInputSchema = ThresholdSchema.extend({
  planId: IdOrRef.describe('the monitoring plan whose runs measure the objective (id or ref, e.g. MON-0001)'),
}).describe(
  'the target, as a metric the plan computes: e.g. { planId: "MON-0001", key: "sex:demographic_parity_ratio.between_groups", op: ">=", value: 0.8 }',
);
export type ObjectiveMeasureInput = z.infer<typeof ObjectiveMeasureInputSchema>;

export const ObjectiveInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  description: Text(4000).default('').describe('what is to be achieved, and why'),
  topics: z
    .array(z.string().trim().min(1).max(16))
    .max(11)
    .default([])
    .describe('Annex C objectives it serves: "C.2.5" (fairness), "C.2.7" (privacy) …'),
  policyLink: Text(2000).default('').describe('how it follows from the AI policy (6.2 a)'),
  owner: z.string().trim().min(1).max(200).describe('who is responsible for it (6.2: who will be responsible)'),
  targetDate: DateOnly.nullable().default(null).describe('when it is to be achieved (6.2: when it will be completed)'),
  actions: Text(4000).default('').describe('what will be done (6.2: what will be done)'),
  resources: Text(2000).default('').describe('what will be required (6.2: what resources will be required)'),
  evaluation: Text(2000).default('').describe('how the results will be evaluated, when no measure says it'),
  measure: ObjectiveMeasureInputSchema.nullable().default(null),
  status: ObjectiveStatusSchema.default('planned'),
});
export type ObjectiveInput = z.input<typeof ObjectiveInputSchema>;
export type ObjectiveFields = z.output<typeof ObjectiveInputSchema>;

export const ObjectivePatchSchema = patchOf(ObjectiveInputSchema);
export type ObjectivePatch = z.infer<typeof ObjectivePatchSchema>;

/** One run's value of the measured metric. `met` is null when the run has no such value. */
export const ObjectiveMeasurementSchema = z.object({
  runId: z.string(),
  runRef: z.string(),
  at: z.string().describe('when the run was recorded'),
  value: z.number().nullable(),
  met: z.boolean().nullable(),
});
export type ObjectiveMeasurement = z.infer<typeof ObjectiveMeasurementSchema>;

export const ObjectiveMeasureSchema = z.object({
  planId: z.string(),
  plan: z
    .object({ ref: z.string(), title: z.string(), status: z.string() })
    .nullable()
    .describe('null when the plan has since been deleted'),
  system: z.object({ id: z.string(), ref: z.string(), name: z.string() }).nullable(),
  key: z.string(),
  op: ThresholdSchema.shape.op,
  value: z.number(),
  latest: ObjectiveMeasurementSchema.nullable().describe('the newest run of the plan; null before its first run'),
});
export type ObjectiveMeasure = z.infer<typeof ObjectiveMeasureSchema>;

/** Where an objective stands: its latest measurement meets the target or not, or nothing measures it yet. */
export const objectiveProgress = ['met', 'not-met', 'not-measured'] as const;
export const ObjectiveProgressSchema = z.enum(objectiveProgress);
export type ObjectiveProgress = z.infer<typeof ObjectiveProgressSchema>;

export const ObjectiveSchema = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  description: z.string(),
  topics: z.array(z.object({ id: z.string(), title: z.string().nullable() })),
  policyLink: z.string(),
  owner: z.string(),
  targetDate: z.string().nullable(),
  actions: z.string(),
  resources: z.string(),
  evaluation: z.string(),
  measure: ObjectiveMeasureSchema.nullable(),
  progress: ObjectiveProgressSchema,
  status: ObjectiveStatusSchema,
  overdue: z.boolean().describe('planned or in progress with its target date passed'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Objective = z.infer<typeof ObjectiveSchema>;

export const ObjectiveDetailSchema = ObjectiveSchema.extend({
  measurements: z.array(ObjectiveMeasurementSchema).describe("the plan's runs, oldest first (at most the latest 200)"),
  evidence: z
    .array(z.object({ id: z.string(), ref: z.string(), title: z.string(), state: z.string(), effectiveDate: z.string() }))
    .describe('evidence linked to the objective (monitoring runs of its plan, and what users linked), newest first'),
});
export type ObjectiveDetail = z.infer<typeof ObjectiveDetailSchema>;

export const ObjectiveListQuerySchema = z.strictObject({
  status: ObjectiveStatusSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  planId: IdOrRef.optional().describe('objectives measured by this monitoring plan (id or ref)'),
});
export type ObjectiveListQuery = z.infer<typeof ObjectiveListQuerySchema>;
