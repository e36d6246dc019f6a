import { formatDate } from '../../lib/format.ts';
import { roleLabels, type Role } from '../../lib/roles.ts';
import type { LevelRef, RiskCriteriaContent, RiskStatus, TreatmentOption } from './api.ts';

/** Whether the role may add and change risks and assessments (mirrors `records.write`). */
export function canWriteRisks(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager' || role === 'contributor';
}

/** Whether the role may delete risks and draft assessments (mirrors `records.delete`). */
export function canDeleteRisks(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager';
}

/** Whether the role may change the risk criteria and approve assessments (mirrors `records.approve`). */
export function canApproveRisks(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager';
}

// The value lists mirror src/domain/schemas/risk.schemas.ts (the web imports its types only).

export const riskStatuses = ['identified', 'analysed', 'treatment-planned', 'treated', 'closed'] as const satisfies readonly RiskStatus[];
export const treatmentOptions = ['modify', 'avoid', 'share', 'retain'] as const satisfies readonly TreatmentOption[];

export const statusLabels: Record<RiskStatus, string> = {
  identified: 'Identified',
  analysed: 'Analysed',
  'treatment-planned': 'Treatment planned',
  treated: 'Treated',
  closed: 'Closed',
};

export const statusDescriptions: Record<RiskStatus, string> = {
  identified: 'Recorded in the register; not yet analysed.',
  analysed: 'Likelihood and impact estimated; the level is known.',
  'treatment-planned': 'A treatment option is chosen and actions are planned.',
  treated: 'The treatment is in place; the residual risk is what remains.',
  closed: 'No longer relevant (the activity stopped, or the AI system was retired).',
};

export const statusColors: Record<RiskStatus, string> = {
  identified: 'gray',
  analysed: 'blue',
  'treatment-planned': 'violet',
  treated: 'teal',
  closed: 'dark',
};

export const treatmentLabels: Record<TreatmentOption, string> = {
  modify: 'Modify (reduce)',
  avoid: 'Avoid',
  share: 'Share (transfer)',
  retain: 'Retain (accept)',
};

/** Short words for tables. */
export const treatmentShort: Record<TreatmentOption, string> = {
  modify: 'Reduce',
  avoid: 'Avoid',
  share: 'Share',
  retain: 'Retain',
};

export const treatmentDescriptions: Record<TreatmentOption, string> = {
  modify: 'Reduce the risk with controls: make it less likely, or its consequences smaller.',
  avoid: 'Stop the activity that gives rise to the risk, or do not start it.',
  share: 'Transfer part of the risk to someone else, for example a supplier by contract, or an insurer.',
  retain: 'Accept the risk as it is, knowingly, without further treatment.',
};

export const originHelp = 'Where the risk came from (ISO/IEC 42001 6.1.2).';

/** "an AIMS manager", "a viewer". */
export function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
}

/** "Owner, AIMS manager and Contributor". */
export function roleList(roles: readonly Role[]): string {
  const labels = roles.map((r) => roleLabels[r]);
  if (labels.length <= 1) return labels[0] ?? 'nobody';
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** "the built-in risk criteria" for version 0, else "risk criteria version 3". */
export function criteriaName(number: number): string {
  return number === 0 ? 'the built-in risk criteria' : `risk criteria version ${number}`;
}

/** "Built-in (version 0)" or "Version 3", for a field value. */
export function criteriaVersionText(number: number): string {
  return number === 0 ? 'Built-in (version 0)' : `Version ${number}`;
}

// ---------- Levels ----------

/** The level of a likelihood/impact pair under the given criteria, or null while either is missing or outside the scales. */
export function levelAt(criteria: RiskCriteriaContent, likelihood: number | null, impact: number | null): LevelRef | null {
  if (likelihood === null || impact === null) return null;
  const id = criteria.matrix[likelihood - 1]?.[impact - 1];
  if (id === undefined) return null;
  return levelRef(criteria, id);
}

export function levelRef(criteria: RiskCriteriaContent, id: string): LevelRef | null {
  const rank = criteria.levels.findIndex((l) => l.id === id);
  const level = criteria.levels[rank];
  return level ? { id: level.id, label: level.label, colour: level.colour, rank } : null;
}

/** Whether a level is above the acceptance threshold (must be treated before its residual risk is accepted). */
export function isAboveThreshold(criteria: RiskCriteriaContent, level: LevelRef | null): boolean {
  return level !== null && level.rank > criteria.levels.findIndex((l) => l.id === criteria.acceptanceThreshold);
}

/** The roles that may accept a residual risk of this level. */
export function acceptingRoles(criteria: RiskCriteriaContent, levelId: string): Role[] {
  return criteria.acceptance[levelId] ?? [];
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return 0;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => channel(parseInt(h ?? '0', 16))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The text colour that reads best on a level's colour: white unless dark text contrasts clearly better. */
export function textOn(colour: string): string {
  const l = luminance(colour);
  const white = 1.05 / (l + 0.05);
  const dark = (l + 0.05) / 0.05;
  return white >= 4.5 || white >= dark ? '#ffffff' : '#1a1b1e';
}

/** A level's colour, lightened for a quiet background (cells with no risks). */
export function tint(colour: string, alpha = 0.18): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) return colour;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h ?? '0', 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

// ---------- Dates ----------

/** Today as YYYY-MM-DD in local time. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "12 Mar 2026" for a YYYY-MM-DD day (read as a local day, not UTC midnight). */
export function formatDay(day: string | null | undefined, fallback = '—'): string {
  return day ? formatDate(`${day.slice(0, 10)}T00:00:00`, fallback) : fallback;
}

/** True when a YYYY-MM-DD day lies before today. */
export function isDayPast(day: string | null | undefined): boolean {
  return Boolean(day) && (day as string) < today();
}

/** "1 risk", "3 risks". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
