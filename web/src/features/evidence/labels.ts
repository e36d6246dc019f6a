import { EXPIRING_WITHIN_DAYS } from '../../../../src/domain/evidence-state.ts';
import type { Role } from '../../lib/roles.ts';
import type { EvidenceKind, EvidenceState, EvidenceTargetType } from './api.ts';

export { EXPIRING_WITHIN_DAYS };

export const evidenceKindList = ['file', 'link', 'note', 'record'] as const satisfies readonly EvidenceKind[];
export const evidenceStateList = ['current', 'expiring', 'expired'] as const satisfies readonly EvidenceState[];

export const kindLabels: Record<EvidenceKind, string> = {
  file: 'File',
  link: 'Link',
  note: 'Note',
  record: 'Trellis record',
};

export const kindDescriptions: Record<Exclude<EvidenceKind, 'record'>, string> = {
  file: 'A document or image: a test report, a signed policy, minutes',
  link: 'A web address: a wiki page, a ticket, a dashboard',
  note: 'Text written here: what was observed in a walk-through',
};

export const stateLabels: Record<EvidenceState, string> = { current: 'Current', expiring: 'Expiring', expired: 'Expired' };
export const stateColors: Record<EvidenceState, string> = { current: 'teal', expiring: 'yellow', expired: 'red' };
export const stateDescriptions: Record<EvidenceState, string> = {
  current: `The review date is more than ${EXPIRING_WITHIN_DAYS} days away.`,
  expiring: `The review date is today or within the next ${EXPIRING_WITHIN_DAYS} days: renew it soon.`,
  expired: 'The review date has passed: an auditor will not accept it until it is renewed.',
};

export const targetTypeLabels: Record<EvidenceTargetType, string> = {
  control: 'Controls',
  requirement: 'Requirements',
  risk: 'Risks',
  'ai-system': 'AI systems',
  objective: 'AI objectives',
};

/** Whether the role may add evidence, versions and links and change the fields (mirrors `records.write`). */
export function canWriteEvidence(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager' || role === 'contributor';
}

/** Whether the role may delete evidence (mirrors `records.delete`). */
export function canDeleteEvidence(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager';
}

/** "1.4 MB", in the binary units the server's limit uses (1 MB = 1,048,576 bytes). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Today as YYYY-MM-DD in UTC, as the server computes evidence states. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The file extensions the server accepts (src/features/evidence/evidence-files.ts), as a hint for the file picker. */
export const acceptedExtensions = [
  'pdf',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'txt',
  'log',
  'md',
  'markdown',
  'csv',
  'json',
  'xml',
  'yaml',
  'yml',
  'docx',
  'xlsx',
  'pptx',
  'odt',
  'ods',
  'odp',
  'zip',
] as const;
