import type { MonitoringRun, ThresholdOutcomeView } from './api.ts';
import { plural } from './labels.ts';

/** Which metric keys a run's thresholds judged, and whether they passed. */
export type KeyOutcomes = ReadonlyMap<string, boolean>;

export function keyOutcomes(outcomes: readonly ThresholdOutcomeView[] | undefined): KeyOutcomes {
  const map = new Map<string, boolean>();
  for (const o of outcomes ?? []) map.set(o.key, (map.get(o.key) ?? true) && o.passed);
  return map;
}

/** The flash message after a run is recorded: breached (an alert is open) or passed. */
export function verdictText(run: MonitoringRun): string {
  const failed = run.thresholds.filter((t) => !t.passed).length;
  if (run.status === 'breached') return `${run.ref} breached ${plural(failed, 'threshold')}: an alert is open.`;
  if (run.thresholds.length === 0) return `${run.ref} was recorded.`;
  return run.thresholds.length === 1 ? `${run.ref} passed its threshold.` : `${run.ref} passed all ${run.thresholds.length} thresholds.`;
}
