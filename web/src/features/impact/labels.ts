import type { Role } from '../../lib/roles.ts';
import { formatDay } from '../inventory/labels.ts';
import type { AnswerValue, ImpactAudience, ImpactStatus, ImpactTemplateContent, ImpactTrigger, TemplateField } from './api.ts';

/** Whether the role may start, edit and submit assessments and raise risks from them (mirrors `records.write`). */
export function canWriteImpact(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager' || role === 'contributor';
}

/** Whether the role may approve assessments and add templates (mirrors `records.approve`). */
export function canApproveImpact(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager';
}

/** Whether the role may delete draft assessments (mirrors `records.delete`). */
export function canDeleteImpact(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager';
}

// The value lists mirror src/domain/schemas/impact.schemas.ts (the web imports its types only).

export const impactStatuses = ['draft', 'in-review', 'approved', 'superseded'] as const satisfies readonly ImpactStatus[];
export const impactAudiences = ['individuals', 'groups', 'society'] as const satisfies readonly ImpactAudience[];
export const impactTriggers = [
  'criticality',
  'automation',
  'data-sensitivity',
  'significant-change',
  'new-system',
  'periodic-review',
  'legal-requirement',
] as const satisfies readonly ImpactTrigger[];

export const statusLabels: Record<ImpactStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  approved: 'Approved',
  superseded: 'Superseded',
};

export const statusDescriptions: Record<ImpactStatus, string> = {
  draft: 'Being written; it can still be deleted.',
  'in-review': 'Submitted for review; it can still be changed, and waits for an owner or AIMS manager to approve it.',
  approved: 'Approved and frozen: it can no longer be changed. A revision replaces it.',
  superseded: 'Replaced by an approved revision; kept as it was for the record.',
};

export const statusColors: Record<ImpactStatus, string> = {
  draft: 'gray',
  'in-review': 'blue',
  approved: 'teal',
  superseded: 'dark',
};

export const triggerLabels: Record<ImpactTrigger, string> = {
  criticality: 'Critical purpose or context',
  automation: 'Level of automation',
  'data-sensitivity': 'Sensitive data',
  'significant-change': 'Significant change',
  'new-system': 'New AI system',
  'periodic-review': 'Periodic review',
  'legal-requirement': 'Legal requirement',
};

export const triggerDescriptions: Record<ImpactTrigger, string> = {
  criticality: 'Its outputs shape decisions about work, education, credit, housing, health, public services or safety.',
  automation: 'It decides or acts with little or no human involvement in individual cases.',
  'data-sensitivity': 'It uses personal data, special categories, biometric or children’s data, or confidential data.',
  'significant-change': 'The system, its data, its use or its context changed since the last assessment.',
  'new-system': 'It is being introduced, or put to a new use, and has not been assessed before.',
  'periodic-review': 'The planned interval since the last assessment has passed (ISO/IEC 42001 8.4).',
  'legal-requirement': 'A law requires it, e.g. the EU AI Act Art. 27 for certain deployers of high-risk AI systems.',
};

export const audienceLabels: Record<ImpactAudience, string> = {
  individuals: 'Individuals',
  groups: 'Groups',
  society: 'Society',
};

export const audienceDescriptions: Record<ImpactAudience, string> = {
  individuals: 'Particular people, e.g. an applicant or a patient',
  groups: 'A group of people, e.g. applicants over 55',
  society: 'Society at large: public discourse, labour markets, the environment',
};

/** The 1–5 scales of an impact entry (as the API documents them). */
export const severityLabels = ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'] as const;
export const likelihoodLabels = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'] as const;

export const severityDescriptions = [
  'Barely noticeable; no lasting effect.',
  'Inconvenience or a small setback that is easily put right.',
  'A real harm that takes effort or time to put right.',
  'A serious harm that is hard to reverse.',
  'Irreversible or life-changing harm, or harm to many people.',
] as const;

export const likelihoodDescriptions = [
  'Only in exceptional circumstances.',
  'Could happen, but not expected.',
  'Might happen now and then.',
  'Will probably happen in many cases.',
  'Expected to happen in most cases.',
] as const;

/** "3 · Moderate". */
export function scaleText(labels: readonly string[], value: number): string {
  return `${value} · ${labels[value - 1] ?? '?'}`;
}

/**
 * How serious a severity × likelihood pair is on the summary matrix: a plain colour band, not the
 * organization's risk criteria (an impact becomes a scored risk only when it is raised).
 */
export function bandOf(severity: number, likelihood: number): { colour: string; text: string; label: string } {
  const score = severity * likelihood;
  if (score >= 15) return { colour: 'var(--mantine-color-red-7)', text: '#fff', label: 'high' };
  if (score >= 8) return { colour: 'var(--mantine-color-orange-5)', text: '#1a1b1e', label: 'elevated' };
  if (score >= 4) return { colour: 'var(--mantine-color-yellow-3)', text: '#1a1b1e', label: 'moderate' };
  return { colour: 'var(--mantine-color-teal-2)', text: '#1a1b1e', label: 'low' };
}

export const fieldTypeLabels: Record<TemplateField['type'], string> = {
  text: 'Short text',
  textarea: 'Long text',
  'yes-no': 'Yes / no',
  single: 'One choice',
  multi: 'Several choices',
  date: 'Date',
};

// ---------- Answers ----------

/** Whether a stored answer counts as given (mirrors src/features/impact/impact-answers.ts). */
export function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return true;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'string' && value.trim() !== '';
}

/** A stored answer as the form holds it (unknown shapes are dropped). */
export function answerOf(value: unknown): AnswerValue | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

/** Every field of a template with the id of its section, in template order. */
export function templateFields(template: ImpactTemplateContent): (TemplateField & { section: string })[] {
  return template.sections.flatMap((s) => s.fields.map((f) => ({ ...f, section: s.id })));
}

/** The required questions still unanswered (what approval would refuse), in template order. */
export function missingRequired(template: ImpactTemplateContent, answers: Record<string, unknown>): { id: string; label: string }[] {
  return templateFields(template)
    .filter((f) => f.required && !isAnswered(answers[f.id]))
    .map((f) => ({ id: f.id, label: f.label }));
}

/** The missing required questions an approval refused (`details.missing` of the 422). */
export function missingFromError(details: unknown): { id: string; label: string; section?: string }[] {
  if (typeof details !== 'object' || details === null || !('missing' in details)) return [];
  const missing = (details as { missing: unknown }).missing;
  if (!Array.isArray(missing)) return [];
  return missing.filter(
    (m): m is { id: string; label: string; section?: string } =>
      typeof m === 'object' && m !== null && typeof m.id === 'string' && typeof m.label === 'string',
  );
}

/** An answer as text, for read-only views and the history: option labels, Yes/No, dates as days. */
export function answerText(field: TemplateField | undefined, value: unknown): string {
  if (!isAnswered(value)) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const label = (v: string) => field?.options?.find((o) => o.value === v)?.label ?? v;
  if (Array.isArray(value)) return value.map((v) => label(String(v))).join(', ');
  const text = String(value);
  if (field?.type === 'single') return label(text);
  if (field?.type === 'date') return formatDay(text);
  return text;
}

/** "1 impact", "3 impacts". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The DOM id of a question's row, for jumping to it. */
export function questionDomId(fieldId: string): string {
  return `question-${fieldId}`;
}

/** Scrolls to a question and puts the cursor in its first input. */
export function jumpToQuestion(fieldId: string): void {
  const row = document.getElementById(questionDomId(fieldId));
  if (!row) return;
  row.scrollIntoView({ behavior: 'smooth', block: 'center' });
  row.querySelector<HTMLElement>('input, textarea, [role="radio"]')?.focus({ preventScroll: true });
}
