import type { ReadinessPriority } from '../../../../src/domain/schemas/readiness.schemas.ts';

/** How much a gap matters (mirrors the priorities of src/domain/schemas/readiness.schemas.ts). */
export const priorityLabels: Record<ReadinessPriority, string> = {
  1: 'Required documented information',
  2: 'Requirement or SoA decision',
  3: 'Control in operation',
};

export const priorityShortLabels: Record<ReadinessPriority, string> = {
  1: 'Required',
  2: 'Requirement',
  3: 'Operation',
};

export const priorityColors: Record<ReadinessPriority, string> = {
  1: 'red',
  2: 'orange',
  3: 'yellow',
};

export function asPriority(value: number): ReadinessPriority {
  return value === 1 || value === 2 ? value : 3;
}
