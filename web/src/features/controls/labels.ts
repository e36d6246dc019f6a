import type { Role } from '../../lib/roles.ts';
import type { ImplementationStatus, InclusionReasonKind, SoaCompareField, SoaFlagCode, SoaRow } from './api.ts';

/** Whether the role may record and change control implementations (mirrors `records.write`). */
export function canWriteControls(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager' || role === 'contributor';
}

/** Whether the role may approve the SoA (mirrors `records.approve`). */
export function canApproveSoa(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager';
}

// The value lists mirror src/domain/schemas/controls.schemas.ts (the web imports its types only).

export const implementationStatuses = [
  'not-started',
  'planned',
  'partially-implemented',
  'implemented',
  'not-applicable',
] as const satisfies readonly ImplementationStatus[];

export const statusLabels: Record<ImplementationStatus, string> = {
  'not-started': 'Not started',
  planned: 'Planned',
  'partially-implemented': 'Partially implemented',
  implemented: 'Implemented',
  'not-applicable': 'Not applicable',
};

export const statusDescriptions: Record<ImplementationStatus, string> = {
  'not-started': 'Nothing is in place yet.',
  planned: 'How it will be implemented is decided; the work has not started or is not finished.',
  'partially-implemented': 'Part of the control works; some of it is still to be done.',
  implemented: 'The control is in place and operating.',
  'not-applicable': 'The control is excluded from the AIMS, with a justification.',
};

export const statusColors: Record<ImplementationStatus, string> = {
  'not-started': 'gray',
  planned: 'blue',
  'partially-implemented': 'yellow',
  implemented: 'teal',
  'not-applicable': 'dark',
};

export type Applicability = 'included' | 'excluded' | 'undecided';

export function applicabilityOf(applicable: boolean | null): Applicability {
  return applicable === true ? 'included' : applicable === false ? 'excluded' : 'undecided';
}

export const applicabilityLabels: Record<Applicability, string> = {
  included: 'Included',
  excluded: 'Excluded',
  undecided: 'Not decided',
};

export const applicabilityColors: Record<Applicability, string> = {
  included: 'teal',
  excluded: 'dark',
  undecided: 'gray',
};

export const applicabilityDescriptions: Record<Applicability, string> = {
  included: 'The control applies: it is part of the AIMS.',
  excluded: 'The control does not apply; the exclusion must say why.',
  undecided: 'Nobody has decided yet whether the control applies.',
};

export const inclusionReasonKinds = ['legal', 'contractual', 'interested-party', 'other'] as const satisfies readonly InclusionReasonKind[];

export const reasonLabels: Record<InclusionReasonKind, string> = {
  legal: 'Legal requirement',
  contractual: 'Contractual requirement',
  'interested-party': 'Interested-party need',
  other: 'Other reason',
};

/** Short, plain names for the SoA flags; the server's message explains each one in full. */
export const flagLabels: Record<SoaFlagCode, string> = {
  undecided: 'Not decided',
  'exclusion-without-justification': 'Exclusion not justified',
  'excluded-but-needed': 'Excluded but needed',
  'inclusion-without-basis': 'No reason recorded',
  'applicable-without-evidence': 'No evidence',
  'evidence-expired': 'Evidence expired',
  'review-overdue': 'Review overdue',
};

export const flagColors: Record<SoaFlagCode, string> = {
  undecided: 'gray',
  'exclusion-without-justification': 'red',
  'excluded-but-needed': 'red',
  'inclusion-without-basis': 'orange',
  'applicable-without-evidence': 'orange',
  'evidence-expired': 'red',
  'review-overdue': 'orange',
};

export const compareFieldLabels: Record<SoaCompareField, string> = {
  applicable: 'Applicability',
  status: 'Status',
  owner: 'Owner',
  justification: 'Justification',
  evidenceCount: 'Evidence items',
  evidenceCurrent: 'Current evidence',
  evidenceExpired: 'Expired evidence',
  flags: 'Flags',
};

function isFlagCode(value: string): value is SoaFlagCode {
  return value in flagLabels;
}

function isStatus(value: string): value is ImplementationStatus {
  return value in statusLabels;
}

/** One compared value as people read it: applicability and status by label, flags by their names. */
export function compareValueText(field: SoaCompareField, value: string | number | boolean | null | string[]): string {
  if (field === 'applicable') return applicabilityLabels[applicabilityOf(value as boolean | null)];
  if (field === 'status' && typeof value === 'string' && isStatus(value)) return statusLabels[value];
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value.map((v) => (isFlagCode(v) ? flagLabels[v] : v)).join(', ');
  }
  if (value === null || value === '') return '—';
  return String(value);
}

/** "A.6 AI system life cycle", or the own controls' title. */
export function areaHeading(row: Pick<SoaRow, 'area' | 'areaTitle'>): string {
  return row.area.startsWith('A.') ? `${row.area} ${row.areaTitle}` : row.areaTitle || 'Own controls';
}

/** "1 control", "3 controls". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "an AIMS manager", "a viewer". */
export function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
}
