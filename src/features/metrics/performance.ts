import type { ConfusionCounts } from './fairness.ts';

/**
 * Model performance, with scikit-learn's names and zero-division rule (0/0 → 0).
 */
export interface ClassificationMetrics {
  count: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Null without a score column, or when the rows hold only one class (scikit-learn raises). */
  roc_auc: number | null;
  /** scikit-learn's layout: [[tn, fp], [fn, tp]], rows are the true class 0/1. */
  confusion_matrix: [[number, number], [number, number]];
}

export interface RegressionMetrics {
  count: number;
  mae: number;
  rmse: number;
  r2: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function classificationMetrics(c: ConfusionCounts, rocAuc: number | null = null): ClassificationMetrics {
  const n = c.tp + c.fp + c.tn + c.fn;
  return {
    count: n,
    accuracy: ratio(c.tp + c.tn, n),
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    // scikit-learn ≥ 1.3 computes F1 from counts: 2tp / (2tp + fp + fn).
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
    roc_auc: rocAuc,
    confusion_matrix: [
      [c.tn, c.fp],
      [c.fn, c.tp],
    ],
  };
}

/**
 * ROC AUC from the Mann–Whitney sum: `twiceU` = Σ over positives of 2·(negatives
 * scored lower) + (negatives tied), computed exactly in integers by the engine.
 * Equals scikit-learn's trapezoidal ROC AUC, ties counted half.
 */
export function rocAucFromRankSum(twiceU: number, positives: number, negatives: number): number | null {
  if (positives === 0 || negatives === 0) return null;
  return twiceU / (2 * positives * negatives);
}

/**
 * MAE, RMSE and R² from sums an engine computes in one pass. `varianceOfLabels` is
 * the population variance of the true values. R² follows scikit-learn's
 * `force_finite`: constant labels give 1 when predictions are perfect, else 0.
 */
export function regressionMetrics(sums: {
  count: number;
  sumAbsError: number;
  sumSquaredError: number;
  varianceOfLabels: number;
}): RegressionMetrics {
  const { count, sumAbsError, sumSquaredError, varianceOfLabels } = sums;
  if (count === 0) return { count: 0, mae: 0, rmse: 0, r2: 0 };
  const totalSumOfSquares = varianceOfLabels * count;
  const r2 = totalSumOfSquares === 0 ? (sumSquaredError === 0 ? 1 : 0) : 1 - sumSquaredError / totalSumOfSquares;
  return { count, mae: sumAbsError / count, rmse: Math.sqrt(sumSquaredError / count), r2 };
}
