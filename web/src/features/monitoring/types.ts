import type { DriftResult } from '../../../../src/features/metrics/drift.ts';
import type { ColumnDrift, DriftTestName } from '../../../../src/features/metrics/drift-stats.ts';
import type { FairnessResult, GroupPerformance, PerformanceResult } from '../../../../src/features/metrics/evaluate.ts';
import type { FairnessAggregates, FeatureReport, GroupEntry, PairAggregate, RateName } from '../../../../src/features/metrics/fairness.ts';
import type { ClassificationMetrics, RegressionMetrics } from '../../../../src/features/metrics/performance.ts';

/*
 * The reports a run keeps, as the metric engine writes them (type-only imports: nothing of the
 * server reaches the browser bundle).
 */

export type {
  ClassificationMetrics,
  ColumnDrift,
  DriftResult,
  DriftTestName,
  FairnessAggregates,
  FairnessResult,
  FeatureReport,
  GroupEntry,
  GroupPerformance,
  PairAggregate,
  PerformanceResult,
  RateName,
  RegressionMetrics,
};

export type EvaluationResult = FairnessResult | PerformanceResult | DriftResult;
export type DriftColumn = DriftResult['columns'][number];

/** A run's report, read from the API's loosely typed `result`, when it has the shape of the run's metric. */
export function resultOf(result: Record<string, unknown>, metric: EvaluationResult['metric']): EvaluationResult | null {
  if (result.metric !== metric) return null;
  if (metric === 'fairness' && typeof result.features === 'object' && result.features !== null) return result as unknown as FairnessResult;
  if (metric === 'performance' && typeof result.overall === 'object' && result.overall !== null)
    return result as unknown as PerformanceResult;
  if (metric === 'drift' && Array.isArray(result.columns) && typeof result.dataset === 'object') return result as unknown as DriftResult;
  return null;
}
