import type { Role } from '../../lib/roles.ts';
import { opSymbols, operatorWords } from '../monitoring/labels.ts';
import type { ObjectiveMeasure, ObjectiveProgress, ObjectiveStatus } from './api.ts';

/** The statuses in their order of life (the schema's list; type-only imports keep zod out of the bundle). */
export const objectiveStatusList = [
  'planned',
  'in-progress',
  'achieved',
  'not-achieved',
  'withdrawn',
] as const satisfies readonly ObjectiveStatus[];

export const statusLabels: Record<ObjectiveStatus, string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  achieved: 'Achieved',
  'not-achieved': 'Not achieved',
  withdrawn: 'Withdrawn',
};

export const statusColors: Record<ObjectiveStatus, string> = {
  planned: 'gray',
  'in-progress': 'blue',
  achieved: 'teal',
  'not-achieved': 'orange',
  withdrawn: 'gray',
};

export const statusDescriptions: Record<ObjectiveStatus, string> = {
  planned: 'Agreed, work not started yet',
  'in-progress': 'Being worked on',
  achieved: 'The target was reached',
  'not-achieved': 'The target date passed without reaching it',
  withdrawn: 'No longer pursued; kept as a record',
};

/** Colours as monitoring's run outcomes: met like a passed run, not met like a breach. */
export const progressLabels: Record<ObjectiveProgress, string> = { met: 'Met', 'not-met': 'Not met', 'not-measured': 'Not measured' };
export const progressColors: Record<ObjectiveProgress, string> = { met: 'teal', 'not-met': 'red', 'not-measured': 'gray' };
export const progressDescriptions: Record<ObjectiveProgress, string> = {
  met: 'The latest run of its monitoring plan meets the target',
  'not-met': 'The latest run of its monitoring plan misses the target',
  'not-measured': 'No monitoring plan measures it yet, or the plan has not been run',
};

/** Whether the role may add and change objectives (mirrors `records.write`). */
export function canWriteObjectives(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager' || role === 'contributor';
}

/** Whether the role may delete an objective (mirrors `records.delete`). */
export function canDeleteObjectives(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager';
}

/** "sex:demographic_parity_ratio.between_groups ≥ 0.8" */
export function targetText(measure: Pick<ObjectiveMeasure, 'key' | 'op' | 'value'>): string {
  return `${measure.key} ${opSymbols[measure.op]} ${measure.value}`;
}

/** "at least 0.8", for a sentence. */
export function targetWords(measure: Pick<ObjectiveMeasure, 'op' | 'value'>): string {
  return `${operatorWords[measure.op]} ${measure.value}`;
}
