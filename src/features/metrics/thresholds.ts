import type { Threshold } from '../../domain/schemas/metrics.schemas.ts';

/** Whether a measured value meets a threshold's comparison (pure; no engine needed). */
export function meetsThreshold(actual: number, threshold: Pick<Threshold, 'op' | 'value'>): boolean {
  const { op, value } = threshold;
  return op === '>=' ? actual >= value : op === '>' ? actual > value : op === '<=' ? actual <= value : actual < value;
}
