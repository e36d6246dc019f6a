import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, parseFields } from '../../domain/errors.ts';
import {
  EvaluationSpecSchema,
  FairnessCountsSchema,
  type EvaluationSpec,
  type FairnessCounts,
  type InputFingerprint,
  type Threshold,
} from '../../domain/schemas/metrics.schemas.ts';
import { evaluateDrift, type DriftResult } from './drift.ts';
import { evaluateFairness, evaluatePerformance, type FairnessResult, type PerformanceResult } from './evaluate.ts';
import { computeFairness, type FairnessCell } from './fairness.ts';
import { classificationMetrics } from './performance.ts';
import { openSource, type QueryProgress, type SourceSpec, type TabularSource } from './tabular-source.ts';
import { meetsThreshold } from './thresholds.ts';

/**
 * The one entry point for every way Trellis computes technical evidence: the CLI,
 * the API's uploads and PostgreSQL queries, and posted counts all end here, so they
 * give the same numbers and the same report.
 */

export type EvaluationResult = FairnessResult | PerformanceResult | DriftResult;

export interface EvaluationInputs {
  data?: SourceSpec | undefined;
  reference?: SourceSpec | undefined;
  current?: SourceSpec | undefined;
}

export interface EvaluationOptions {
  onProgress?: ((p: QueryProgress) => void) | undefined;
  memoryLimit?: string | undefined;
}

/** SHA-256 and size of a file, read as a stream (1 MiB reads: twice as fast as the 64 KiB default). */
export async function fingerprintFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

function requireInput(inputs: EvaluationInputs, role: 'data' | 'reference' | 'current'): SourceSpec {
  const spec = inputs[role];
  if (!spec) throw new AppError('validation_failed', `the ${role} input is missing`, { issues: [{ path: role, message: 'required' }] });
  return spec;
}

async function fingerprintOf(
  role: InputFingerprint['role'],
  spec: SourceSpec,
  source: TabularSource,
  rows: number,
  digest: Promise<{ sha256: string; bytes: number }> | null,
): Promise<InputFingerprint> {
  if (spec.kind === 'postgres')
    return { role, name: source.description, format: 'postgres', sha256: null, bytes: null, rows, query: spec.query };
  const { sha256, bytes } = (await digest) as { sha256: string; bytes: number };
  return {
    role,
    name: spec.name ?? path.basename(spec.path),
    format: source.format === 'parquet' ? 'parquet' : 'csv',
    sha256,
    bytes,
    rows,
  };
}

/**
 * Validates the spec, opens the inputs, computes the metric and fingerprints every
 * input file (hashed while the engine scans it).
 * @throws AppError `validation_failed` naming the field for a bad spec, a missing or
 *   unreadable input, a missing column or bad values.
 */
export async function runEvaluation(
  specInput: EvaluationSpec,
  inputs: EvaluationInputs,
  options: EvaluationOptions = {},
): Promise<{ result: EvaluationResult; inputs: InputFingerprint[] }> {
  const spec = parseFields(EvaluationSpecSchema, specInput, 'spec');
  const digestOf = (s: SourceSpec) => (s.kind === 'file' ? fingerprintFile(s.path) : null);
  if (spec.metric === 'drift') {
    const refSpec = requireInput(inputs, 'reference');
    const curSpec = requireInput(inputs, 'current');
    // Two engines run side by side: each gets half the budget, so a drift run stays under 1 GB.
    const memoryLimit = options.memoryLimit ?? '512MB';
    const reference = await openSource(refSpec, { memoryLimit, field: 'reference' });
    try {
      const current = await openSource(curSpec, { memoryLimit, field: 'current' });
      try {
        const digests = [digestOf(refSpec), digestOf(curSpec)];
        for (const d of digests) d?.catch(() => undefined);
        const result = await evaluateDrift(reference, current, spec, options.onProgress);
        return {
          result,
          inputs: [
            await fingerprintOf('reference', refSpec, reference, result.reference.rows, digests[0] ?? null),
            await fingerprintOf('current', curSpec, current, result.current.rows, digests[1] ?? null),
          ],
        };
      } finally {
        await current.close();
      }
    } finally {
      await reference.close();
    }
  }
  const dataSpec = requireInput(inputs, 'data');
  const source = await openSource(dataSpec, { memoryLimit: options.memoryLimit });
  try {
    const digest = digestOf(dataSpec);
    digest?.catch(() => undefined);
    const result =
      spec.metric === 'fairness'
        ? await evaluateFairness(source, spec, options.onProgress)
        : await evaluatePerformance(source, spec, options.onProgress);
    return { result, inputs: [await fingerprintOf('data', dataSpec, source, result.rows, digest)] };
  } finally {
    await source.close();
  }
}

/**
 * The fairness report from confusion counts a team computed in its own pipeline, so
 * raw personal data need not leave it. Same report as from rows.
 */
export function fairnessFromCounts(input: FairnessCounts): { result: FairnessResult; inputs: InputFingerprint[] } {
  const counts = parseFields(FairnessCountsSchema, input, 'body');
  const cells: FairnessCell[] = counts.cells.map((cell, i) => {
    const extra = Object.keys(cell.group).filter((k) => !counts.sensitive.includes(k));
    if (extra.length > 0)
      throw new AppError('validation_failed', `body.cells.${i}.group: "${extra[0]}" is not a sensitive feature`, {
        issues: [{ path: `body.cells.${i}.group`, message: `unknown feature "${extra[0]}"` }],
      });
    return { key: counts.sensitive.map((s) => cell.group[s] ?? null), tp: cell.tp, fp: cell.fp, tn: cell.tn, fn: cell.fn };
  });
  const report = computeFairness(cells, { sensitive: counts.sensitive, intersect: counts.intersect, minGroupSize: counts.minGroupSize });
  const result: FairnessResult = {
    metric: 'fairness',
    columns: { label: '(posted counts)', prediction: '(posted counts)', sensitive: counts.sensitive, score: null },
    positive_label: '1',
    label_values: ['0', '1'],
    rows: report.overall.count,
    ...report,
    performance: { overall: classificationMetrics(report.overall.confusion), by_feature: {} },
  };
  return {
    result,
    inputs: [{ role: 'counts', name: 'posted counts', format: 'counts', sha256: null, bytes: null, rows: report.overall.count }],
  };
}

/**
 * Every headline number of a result under a stable key, for thresholds and trend
 * charts: `<feature>:<aggregate>.<method>` for fairness, `performance:<metric>`,
 * `drift:<column>:<statistic>` and `drift:share`.
 */
export function metricValues(result: EvaluationResult): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  if (result.metric === 'fairness') {
    for (const [feature, report] of Object.entries(result.features)) {
      for (const [name, aggregate] of Object.entries(report.aggregates)) {
        if ('worst_case' in aggregate) {
          for (const [agg, pair] of Object.entries(aggregate))
            for (const [method, value] of Object.entries(pair as Record<string, number | null>))
              out[`${feature}:${name}.${agg}.${method}`] = value;
        } else
          for (const [method, value] of Object.entries(aggregate as Record<string, number | null>))
            out[`${feature}:${name}.${method}`] = value;
      }
      const ratios = report.by_group.map((g) => g.four_fifths.ratio).filter((r): r is number => r !== null);
      out[`${feature}:four_fifths.min_ratio`] = ratios.length > 0 ? Math.min(...ratios) : null;
    }
    for (const [name, value] of Object.entries(result.performance.overall))
      if (typeof value === 'number' || value === null) out[`performance:${name}`] = value;
    return out;
  }
  if (result.metric === 'performance') {
    for (const [name, value] of Object.entries(result.overall))
      if (typeof value === 'number' || value === null) out[`performance:${name}`] = value;
    return out;
  }
  for (const column of result.columns) {
    out[`drift:${column.column}:psi`] = column.psi;
    out[`drift:${column.column}:jensenshannon`] = column.jensenshannon;
    if (column.ks) out[`drift:${column.column}:ks_p_value`] = column.ks.p_value;
    if (column.wasserstein_norm) out[`drift:${column.column}:wasserstein`] = column.wasserstein_norm.value;
    if (column.chisquare) out[`drift:${column.column}:chisquare_p_value`] = column.chisquare.p_value;
    out[`drift:${column.column}:score`] = column.default_test.drift_score;
    out[`drift:${column.column}:drifted`] = column.default_test.drift_detected ? 1 : 0;
  }
  out['drift:share'] = result.dataset.share;
  out['drift:drifted_columns'] = result.dataset.n_drifted;
  return out;
}

export interface ThresholdOutcome extends Threshold {
  actual: number | null;
  passed: boolean;
  /** Why it failed when the key is missing or the value undefined. */
  reason?: string;
}

/** Checks each threshold; a key the result lacks, or an undefined value, is a breach (never silently passed). */
export function checkThresholds(result: EvaluationResult, thresholds: Threshold[]): ThresholdOutcome[] {
  const values = metricValues(result);
  return thresholds.map((t) => {
    if (!(t.key in values)) return { ...t, actual: null, passed: false, reason: 'the run has no such metric' };
    const actual = values[t.key] ?? null;
    if (actual === null || Number.isNaN(actual)) return { ...t, actual: null, passed: false, reason: 'undefined for this data' };
    return { ...t, actual, passed: meetsThreshold(actual, t) };
  });
}
