import type { ThresholdOutcomeView } from './api.ts';

/** Which metric keys a run's thresholds judged, and whether they passed. */
export type KeyOutcomes = ReadonlyMap<string, boolean>;

export function keyOutcomes(outcomes: readonly ThresholdOutcomeView[] | undefined): KeyOutcomes {
  const map = new Map<string, boolean>();
  for (const o of outcomes ?? []) map.set(o.key, (map.get(o.key) ?? true) && o.passed);
  return map;
}
