import { AppError } from '../../domain/errors.ts';
import type { EvaluationSpecParsed, Threshold } from '../../domain/schemas/metrics.schemas.ts';
import type * as Evaluation from '../metrics/evaluation.ts';
import type { EvaluationResult, ThresholdOutcome } from '../metrics/evaluation.ts';

export type MetricEngine = typeof Evaluation;

let loading: Promise<MetricEngine> | null = null;

/**
 * The metric engine, loaded on first use: it brings DuckDB's native library, which a server that
 * never computes a metric (and every other request) need not load.
 */
export function metricEngine(): Promise<MetricEngine> {
  loading ??= import('../metrics/evaluation.ts').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** What a run is judged by: every metric value and each threshold's outcome. */
export interface Assessment {
  values: Record<string, number | null>;
  outcomes: ThresholdOutcome[];
  breached: boolean;
}

export function assess(engine: MetricEngine, result: EvaluationResult, thresholds: Threshold[]): Assessment {
  const outcomes = engine.checkThresholds(result, thresholds);
  return { values: engine.metricValues(result), outcomes, breached: outcomes.some((o) => !o.passed) };
}

function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, { issues: [{ path, message }] });
}

/**
 * Checks a report computed elsewhere (the CLI) just enough to judge it: it is a report of the
 * spec's metric, and every headline number the server reads from it is a number. Trellis never
 * trusts posted metric values or threshold outcomes; it recomputes both from the report.
 * @throws AppError `validation_failed` naming `body.result…`.
 */
export function assertPostedResult(engine: MetricEngine, spec: EvaluationSpecParsed, result: Record<string, unknown>): EvaluationResult {
  if (result.metric !== spec.metric) throw invalid('body.result.metric', `must be "${spec.metric}", the metric of the spec`);
  const report = result as unknown as EvaluationResult;
  let values: Record<string, unknown>;
  try {
    values = engine.metricValues(report);
  } catch {
    throw invalid('body.result', `not a complete ${spec.metric} report (as \`trellis evaluate ${spec.metric} --json\` prints it)`);
  }
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
      throw invalid('body.result', `the value of ${key} is not a number`);
    }
  }
  return report;
}
