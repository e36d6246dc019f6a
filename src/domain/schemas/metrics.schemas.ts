import { z } from 'zod';

/**
 * Technical evidence (ISO/IEC 42001 9.1; Annex A.5.4, A.6.2.4, A.6.2.6, A.7.4): what to
 * compute from a team's own data, the thresholds a monitoring plan holds it to, and
 * aggregate counts a team may post instead of its raw rows.
 * This file is the API contract; the web UI and the CLI import its types.
 */

const Column = z.string().min(1).max(200).describe('a column name of the data');

export const metricKinds = ['fairness', 'performance', 'drift'] as const;
export const MetricKindSchema = z.enum(metricKinds);
export type MetricKind = z.infer<typeof MetricKindSchema>;

export const FairnessSpecSchema = z.strictObject({
  metric: z.literal('fairness'),
  label: Column.describe('the true label column'),
  prediction: Column.describe("the model's predicted label column"),
  sensitive: z.array(Column).min(1).max(5).describe('sensitive feature columns (groups)'),
  intersect: z.boolean().default(false).describe('also report the intersection of the sensitive features'),
  positive: z.string().min(1).max(200).optional().describe('the positive class when labels are not 0/1 or −1/1'),
  score: Column.optional().describe('a score column, for ROC AUC'),
  minGroupSize: z.number().int().min(1).max(1_000_000).default(30).describe('groups smaller than this are flagged'),
  maxGroups: z.number().int().min(2).max(100_000).default(1000).describe('a sensitive column with more distinct values is refused'),
});

export const PerformanceSpecSchema = z.strictObject({
  metric: z.literal('performance'),
  task: z.enum(['classification', 'regression']).default('classification'),
  label: Column,
  prediction: Column,
  score: Column.optional(),
  positive: z.string().min(1).max(200).optional(),
  sensitive: z.array(Column).max(5).default([]).describe('optional groups to break the metrics down by'),
});

export const driftTestNames = ['psi', 'jensenshannon', 'ks', 'wasserstein', 'chisquare', 'z'] as const;
export const DriftTestNameSchema = z.enum(driftTestNames);

export const DriftSpecSchema = z.strictObject({
  metric: z.literal('drift'),
  columns: z.array(Column).max(500).optional().describe('columns to compare (default: every column both data sets share)'),
  categorical: z.array(Column).max(500).default([]).describe('numeric columns to treat as categories'),
  tests: z.array(DriftTestNameSchema).max(6).default([]).describe('extra tests to judge drift by, besides Evidently’s default per column'),
  driftShare: z.number().gt(0).max(1).default(0.5).describe('share of drifted columns that makes the data set drifted'),
});

export const EvaluationSpecSchema = z.discriminatedUnion('metric', [FairnessSpecSchema, PerformanceSpecSchema, DriftSpecSchema]);
export type EvaluationSpec = z.input<typeof EvaluationSpecSchema>;
export type EvaluationSpecParsed = z.output<typeof EvaluationSpecSchema>;

/** A data set a run read, identified by content, so an auditor can match it to the team's file. */
export const InputFingerprintSchema = z.strictObject({
  role: z.enum(['data', 'reference', 'current', 'counts']),
  name: z.string().max(500),
  format: z.enum(['csv', 'parquet', 'postgres', 'counts']),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable()
    .describe('SHA-256 of the file (null for a query or posted counts)'),
  bytes: z.number().int().min(0).nullable(),
  rows: z.number().int().min(0),
  query: z.string().max(20_000).optional().describe('the SQL, for a PostgreSQL source'),
});
export type InputFingerprint = z.infer<typeof InputFingerprintSchema>;

export const thresholdOperators = ['>=', '>', '<=', '<'] as const;
export const ThresholdSchema = z.strictObject({
  key: z
    .string()
    .min(1)
    .max(300)
    .describe(
      'a metric key as listed by the run (e.g. "race:demographic_parity_ratio.between_groups", "performance:roc_auc", "drift:amount:psi", "drift:share")',
    ),
  op: z.enum(thresholdOperators),
  value: z.number().finite(),
});
export type Threshold = z.infer<typeof ThresholdSchema>;

/** Confusion counts a team computed in its own pipeline, per combination of sensitive values. */
export const FairnessCountsSchema = z.strictObject({
  sensitive: z.array(Column).min(1).max(5),
  intersect: z.boolean().default(false),
  minGroupSize: z.number().int().min(1).max(1_000_000).default(30),
  cells: z
    .array(
      z.strictObject({
        group: z.record(z.string(), z.string().max(500).nullable()).describe('sensitive column → value (null when missing)'),
        tp: z.number().int().min(0),
        fp: z.number().int().min(0),
        tn: z.number().int().min(0),
        fn: z.number().int().min(0),
      }),
    )
    .min(1)
    .max(100_000),
});
export type FairnessCounts = z.input<typeof FairnessCountsSchema>;
