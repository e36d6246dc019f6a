import { z } from 'zod';
import { EvidenceLinkTargetsSchema } from './evidence.schemas.ts';
import { EvaluationSpecSchema, InputFingerprintSchema, MetricKindSchema, ThresholdSchema } from './metrics.schemas.ts';
import { patchOf } from './patch.ts';
import { RiskSchema } from './risk.schemas.ts';

/**
 * Monitoring (ISO/IEC 42001 9.1; Annex A.6.2.6): plans that say what to measure about an AI system,
 * against which thresholds and how often; runs that measured it, each kept as evidence; and the
 * alerts a breached run opens, which are acknowledged or raised as a risk.
 * This file is the API contract; the web UI and the CLI import its types.
 */

const Text = (max: number) => z.string().trim().max(max);
const IdOrRef = z.string().trim().min(1).max(64);

export const monitoringFrequencies = ['daily', 'weekly', 'monthly', 'quarterly'] as const;
export const MonitoringFrequencySchema = z.enum(monitoringFrequencies);
export type MonitoringFrequency = z.infer<typeof MonitoringFrequencySchema>;

export const planStatuses = ['active', 'paused'] as const;
export const PlanStatusSchema = z.enum(planStatuses);

export const runStatuses = ['passed', 'breached'] as const;
export const RunStatusSchema = z.enum(runStatuses);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** How the numbers reached Trellis: an uploaded file, a PostgreSQL query, posted counts, or the CLI. */
export const runSources = ['upload', 'postgres', 'counts', 'cli'] as const;
export const RunSourceSchema = z.enum(runSources);
export type RunSource = z.infer<typeof RunSourceSchema>;

/** A passed run has no alert ('none'); a breached one is 'open' until acknowledged or raised as a risk. */
export const alertStates = ['none', 'open', 'acknowledged', 'risk-raised'] as const;
export const AlertStateSchema = z.enum(alertStates);
export type AlertState = z.infer<typeof AlertStateSchema>;

// ---------- plans ----------

export const MonitoringPlanInputSchema = z.strictObject({
  systemId: IdOrRef.describe('the AI system monitored (id or ref, e.g. AIS-0001); fixed once the plan exists'),
  title: z.string().trim().min(1).max(300),
  description: Text(4000).default(''),
  spec: EvaluationSpecSchema.describe('what each run computes'),
  thresholds: z.array(ThresholdSchema).max(100).default([]).describe('a run breaches when any of them fails'),
  frequency: MonitoringFrequencySchema.describe('how often the plan is run; the next run is due this long after the last one'),
  owner: Text(200).default('').describe('who runs it and answers its alerts'),
  controls: EvidenceLinkTargetsSchema.shape.controls.describe(
    'controls each run is evidence for, besides the ones its metric implies (A.6.2.6 always): "A.9.2" or "org-controls:OWN-1"',
  ),
  requirements: EvidenceLinkTargetsSchema.shape.requirements.describe('requirements each run is evidence for, besides 9.1'),
  status: PlanStatusSchema.default('active').describe('a paused plan is never overdue'),
});
export type MonitoringPlanInput = z.input<typeof MonitoringPlanInputSchema>;
export type MonitoringPlanFields = z.output<typeof MonitoringPlanInputSchema>;

export const MonitoringPlanPatchSchema = patchOf(MonitoringPlanInputSchema.omit({ systemId: true }));
export type MonitoringPlanPatch = z.infer<typeof MonitoringPlanPatchSchema>;

const SystemRefSchema = z
  .object({ id: z.string(), ref: z.string(), name: z.string() })
  .nullable()
  .describe('null when the AI system has since been deleted');

export const MonitoringPlanSchema = z.object({
  id: z.string(),
  ref: z.string(),
  systemId: z.string(),
  system: SystemRefSchema,
  title: z.string(),
  description: z.string(),
  metric: MetricKindSchema,
  spec: EvaluationSpecSchema,
  thresholds: z.array(ThresholdSchema),
  frequency: MonitoringFrequencySchema,
  owner: z.string(),
  controls: z.array(z.object({ framework: z.string(), control: z.string(), title: z.string().nullable() })),
  requirements: z.array(z.object({ framework: z.string(), item: z.string(), title: z.string().nullable() })),
  status: PlanStatusSchema,
  lastRun: z
    .object({ id: z.string(), at: z.string(), ref: z.string(), status: RunStatusSchema, alertState: AlertStateSchema })
    .nullable()
    .describe('the newest run of the plan, with its outcome and alert'),
  nextDue: z.string().describe('YYYY-MM-DD: the last run plus the frequency (the day the plan was created while it has no run)'),
  overdue: z.boolean().describe('active and the next run is past due'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type MonitoringPlan = z.infer<typeof MonitoringPlanSchema>;

const flag = z.enum(['true', 'false']);

export const MonitoringPlanListQuerySchema = z.object({
  systemId: IdOrRef.optional().describe('only the plans of this AI system (id or ref)'),
  status: PlanStatusSchema.optional(),
  overdue: flag.optional().describe('only the plans whose next run is (true) or is not (false) past due'),
});
export type MonitoringPlanListQuery = z.infer<typeof MonitoringPlanListQuerySchema>;

// ---------- runs ----------

export const ThresholdOutcomeSchema = z.object({
  key: z.string(),
  op: ThresholdSchema.shape.op,
  value: z.number(),
  actual: z.number().nullable(),
  passed: z.boolean(),
  reason: z.string().optional().describe('why it failed when the metric is missing or undefined'),
});
export type ThresholdOutcomeView = z.infer<typeof ThresholdOutcomeSchema>;

export const RunAlertSchema = z.object({
  state: AlertStateSchema,
  note: z.string().nullable().describe('the acknowledgement'),
  by: z.string().nullable().describe('who acknowledged it or raised the risk'),
  at: z.string().nullable(),
  risk: z.object({ id: z.string(), ref: z.string().nullable() }).nullable().describe('the risk raised from the breach'),
});

export const MonitoringRunSummarySchema = z.object({
  id: z.string(),
  ref: z.string(),
  plan: z.object({ id: z.string(), ref: z.string(), title: z.string().nullable() }).nullable().describe('null for an ad hoc run'),
  systemId: z.string(),
  system: SystemRefSchema,
  metric: MetricKindSchema,
  status: RunStatusSchema,
  source: RunSourceSchema,
  thresholds: z.array(ThresholdOutcomeSchema),
  inputs: z.array(InputFingerprintSchema),
  evidence: z.object({ id: z.string(), ref: z.string().nullable() }).nullable().describe('the evidence item the run is kept as'),
  alert: RunAlertSchema,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  createdByLabel: z.string(),
});
export type MonitoringRunSummary = z.infer<typeof MonitoringRunSummarySchema>;

export const MonitoringRunSchema = MonitoringRunSummarySchema.extend({
  spec: z.record(z.string(), z.unknown()),
  values: z.record(z.string(), z.number().nullable()).describe('every headline number under its metric key'),
  result: z.record(z.string(), z.unknown()).describe("the engine's full report"),
});
export type MonitoringRun = z.infer<typeof MonitoringRunSchema>;

export const MonitoringRunListQuerySchema = z.object({
  planId: IdOrRef.optional(),
  systemId: IdOrRef.optional(),
  status: RunStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'the nextCursor of the previous page')
    .optional(),
});
export type MonitoringRunListQuery = z.infer<typeof MonitoringRunListQuerySchema>;

export const MonitoringRunListSchema = z.object({
  items: z.array(MonitoringRunSummarySchema),
  nextCursor: z.string().nullable().describe('pass as cursor for the next (older) page; null on the last page'),
});

/**
 * A run computed elsewhere — by `trellis evaluate` on the team's machine, so the raw data never
 * leaves it. Trellis recomputes the metric values and the threshold outcomes from `result`.
 */
export const CliRunInputSchema = z.strictObject({
  systemId: IdOrRef.optional().describe("the AI system (id or ref); defaults to the plan's"),
  planId: IdOrRef.optional().describe('the plan it ran for (id or ref); its thresholds are applied'),
  spec: EvaluationSpecSchema,
  result: z.record(z.string(), z.unknown()).describe('the report `trellis evaluate --json` printed'),
  inputs: z.array(InputFingerprintSchema).max(3),
  source: z.literal('cli'),
});
export type CliRunInput = z.input<typeof CliRunInputSchema>;

export const TrendQuerySchema = z.object({
  key: z.string().min(1).max(300).optional().describe('a metric key; leave out to list the keys only'),
});

export const TrendSchema = z.object({
  keys: z.array(z.string()).describe("every metric key the plan's runs have"),
  key: z.string().nullable(),
  points: z.array(z.object({ runId: z.string(), ref: z.string(), at: z.string(), value: z.number().nullable() })).describe('oldest first'),
});
export type Trend = z.infer<typeof TrendSchema>;

// ---------- alerts ----------

export const AlertListQuerySchema = z.object({
  systemId: IdOrRef.optional(),
  state: z.enum(['open', 'acknowledged', 'risk-raised']).default('open'),
});
export type AlertListQuery = z.infer<typeof AlertListQuerySchema>;

export const AcknowledgeInputSchema = z.strictObject({
  note: z.string().trim().min(1).max(4000).describe('what was looked at and why no risk is raised (yet)'),
});

export const RaisedMonitoringRiskSchema = z.object({ run: MonitoringRunSummarySchema, risk: RiskSchema });
export type RaisedMonitoringRisk = z.infer<typeof RaisedMonitoringRiskSchema>;
