import { AppError } from '../../domain/errors.ts';
import type { FairnessCell } from './fairness.ts';

/**
 * Rows grouped by (sensitive values, label, prediction) with their count, as an
 * aggregation query returns them. Values keep the source's type.
 */
export interface RawCell {
  key: (string | null)[];
  label: unknown;
  prediction: unknown;
  count: number;
}

export interface LabelOptions {
  label: string;
  prediction: string;
  /** The positive class; without it labels must be {0,1} or {−1,1}, as scikit-learn requires. */
  positive?: string | undefined;
}

/** A label or prediction value as text: 1, 0, −1 for numbers and booleans; strings as they are. */
export function canonicalValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isNaN(value) ? null : String(value);
  if (typeof value === 'string') return value;
  return String(value);
}

/** A named positive class as `canonicalValue` writes it: "1.0" and "1" are the same class. */
export function canonicalPositive(positive: string): string {
  const asNumber = Number(positive);
  return positive.trim() !== '' && Number.isFinite(asNumber) ? String(asNumber) : positive;
}

const binaryDomains = [new Set(['0', '1']), new Set(['-1', '1'])];

/**
 * Turns raw cells into confusion-count cells.
 * @throws AppError validation_failed when a label or prediction is missing, or when labels are
 *   not {0,1}/{−1,1} and no positive class was named (scikit-learn's rule).
 */
export function confusionCells(raw: RawCell[], options: LabelOptions): { cells: FairnessCell[]; labelValues: string[] } {
  let missingLabel = 0;
  let missingPrediction = 0;
  const values = new Set<string>();
  const predictionValues = new Set<string>();
  for (const cell of raw) {
    const y = canonicalValue(cell.label);
    const p = canonicalValue(cell.prediction);
    if (y === null) missingLabel += cell.count;
    else values.add(y);
    if (p === null) missingPrediction += cell.count;
    else {
      values.add(p);
      predictionValues.add(p);
    }
  }
  if (missingLabel > 0)
    throw new AppError(
      'validation_failed',
      `The label column "${options.label}" is empty in ${missingLabel} row(s); every row needs a label.`,
      {
        issues: [{ path: 'label', message: `${missingLabel} empty value(s)` }],
      },
    );
  if (missingPrediction > 0)
    throw new AppError(
      'validation_failed',
      `The prediction column "${options.prediction}" is empty in ${missingPrediction} row(s); Fairlearn refuses missing predictions (scikit-learn raises ValueError), so fill or drop them first.`,
      { issues: [{ path: 'prediction', message: `${missingPrediction} empty value(s)` }] },
    );
  const positive = options.positive === undefined ? undefined : canonicalPositive(options.positive);
  if (positive === undefined && !binaryDomains.some((domain) => [...values].every((v) => domain.has(v)))) {
    const shown = [...values].sort().slice(0, 10);
    throw new AppError(
      'validation_failed',
      `Labels and predictions must be 0/1 or −1/1 unless the positive class is named (--positive); found ${shown.map((v) => JSON.stringify(v)).join(', ')}${values.size > 10 ? ', …' : ''}.`,
      { issues: [{ path: 'positive', message: `values ${shown.join(', ')} need a positive class` }] },
    );
  }
  const isPositive = (v: string) => v === (positive ?? '1');
  // A named positive class is the label's; predictions coded 0/1 (or booleans) beside
  // text labels read 1 as that class, as a model's output usually is.
  const predictionsCoded =
    positive !== undefined &&
    !predictionValues.has(positive) &&
    binaryDomains.some((domain) => [...predictionValues].every((v) => domain.has(v)));
  const isPredictedPositive = predictionsCoded ? (v: string) => v === '1' : isPositive;
  const byKey = new Map<string, FairnessCell>();
  for (const cell of raw) {
    const id = JSON.stringify(cell.key);
    let target = byKey.get(id);
    if (!target) {
      target = { key: cell.key, tp: 0, fp: 0, tn: 0, fn: 0 };
      byKey.set(id, target);
    }
    const y = isPositive(canonicalValue(cell.label) as string);
    const p = isPredictedPositive(canonicalValue(cell.prediction) as string);
    if (y && p) target.tp += cell.count;
    else if (!y && p) target.fp += cell.count;
    else if (!y && !p) target.tn += cell.count;
    else target.fn += cell.count;
  }
  return { cells: [...byKey.values()], labelValues: [...values].sort() };
}
