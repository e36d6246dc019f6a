import { z } from 'zod';

/**
 * The certification readiness view (issue 6): the auditor's checklist for ISO/IEC 42001, computed
 * from the organization's live records. Each rule names one clause requirement or Annex A control,
 * what an auditor asks for, how Trellis checks it and where it is fixed. This file is the API
 * contract; the web UI imports its types.
 */

export const readinessStatuses = ['pass', 'gap'] as const;
export const ReadinessStatusSchema = z.enum(readinessStatuses);
export type ReadinessStatus = z.infer<typeof ReadinessStatusSchema>;

/**
 * How much a gap matters, for ordering the gap list: 1 documented information the standard
 * requires (an auditor cannot certify without it), 2 other requirements and the SoA decision on each
 * Annex A control, 3 the operation of an included Annex A control.
 */
export const readinessPriorities = [1, 2, 3] as const;
export type ReadinessPriority = (typeof readinessPriorities)[number];

/** The checks the engine knows how to run; each reads one kind of record the organization keeps. */
export const readinessCheckKinds = [
  'evidence',
  'ai-system-inventory',
  'risk-criteria',
  'risk-assessment-approved',
  'risks-analysed',
  'risk-treatment',
  'soa-approved',
  'soa-current',
  'impact-assessments',
  'risk-reassessment',
  'treatment-actions',
  'impact-assessments-current',
  'control-decision',
  'control-operating',
  'monitoring',
  'objectives',
] as const;
export const ReadinessCheckKindSchema = z.enum(readinessCheckKinds);
export type ReadinessCheckKind = z.infer<typeof ReadinessCheckKindSchema>;

export const ReadinessFixSchema = z.object({
  label: z.string().describe('what to do, in a few words'),
  path: z.string().describe('the web page where it is fixed (in a rule: a template with ":org")'),
  cli: z.string().optional().describe('a command that fixes or shows it, when there is one'),
});
export type ReadinessFix = z.infer<typeof ReadinessFixSchema>;

/** One rule as data (GET …/readiness/rules): what is checked and where it is fixed. */
export const ReadinessRuleSchema = z.object({
  id: z.string().describe('stable rule id, e.g. "5.2-ai-policy" or "A.6.2.6-operating"'),
  requirement: z.string().describe('the clause requirement (e.g. "6.1.2") or Annex A control (e.g. "A.5.2") of ISO/IEC 42001'),
  group: z.string().describe('the clause (4 … 10) or Annex A area (A.2 … A.10) the requirement belongs to'),
  title: z.string(),
  asks: z.string().describe('what an auditor asks to see'),
  priority: z
    .number()
    .int()
    .min(1)
    .max(3)
    .describe('1 required documented information, 2 other requirements and SoA decisions, 3 control operation'),
  check: z.object({
    kind: ReadinessCheckKindSchema.describe('the check the engine runs'),
    requirements: z.array(z.string()).optional().describe('evidence checks: current evidence linked to any of these clause ids passes'),
    control: z.string().optional().describe('control checks: the Annex A control'),
  }),
  passesWhen: z.string().describe('the condition, in words'),
  fix: ReadinessFixSchema,
});
export type ReadinessRule = z.infer<typeof ReadinessRuleSchema>;

/** One evaluated rule. */
export const ReadinessCheckSchema = z.object({
  ruleId: z.string(),
  requirement: z.string(),
  group: z.string(),
  title: z.string(),
  asks: z.string(),
  priority: z.number().int(),
  status: ReadinessStatusSchema,
  detail: z.string().describe('what was found'),
  fix: ReadinessFixSchema.describe('where it is fixed (path with the organization filled in)'),
});
export type ReadinessCheck = z.infer<typeof ReadinessCheckSchema>;

/** The figure for one clause (4 … 10) or Annex A area (A.2 … A.10). */
export const ReadinessScoreSchema = z.object({
  id: z.string(),
  title: z.string(),
  score: z.number().int().min(0).max(100).describe('passed / total × 100, rounded down'),
  passed: z.number().int(),
  total: z.number().int(),
});
export type ReadinessScore = z.infer<typeof ReadinessScoreSchema>;

export const ReadinessSchema = z.object({
  overall: z.number().int().min(0).max(100).describe('share of passing checks, 0–100, rounded down (100 only when nothing is missing)'),
  passed: z.number().int(),
  total: z.number().int(),
  generatedAt: z.string(),
  asOf: z.string().describe('the day the checks were evaluated for (YYYY-MM-DD)'),
  clauses: z.array(ReadinessScoreSchema).describe('clauses 4 to 10'),
  annexA: z.array(ReadinessScoreSchema).describe('Annex A areas A.2 to A.10'),
  checks: z.array(ReadinessCheckSchema).describe('every rule, in catalog order'),
  gaps: z.array(ReadinessCheckSchema).describe('the checks that did not pass, most important first'),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

export const ReadinessQuerySchema = z.object({
  asOf: z.iso
    .date()
    .optional()
    .describe('evaluate as of this day (today or later, e.g. the planned audit date): what will have expired or fallen due by then'),
});
export type ReadinessQuery = z.infer<typeof ReadinessQuerySchema>;
