import type { AiSystem } from '../../domain/schemas/inventory.schemas.ts';
import type { ImpactTemplateContent } from '../../domain/schemas/impact.schemas.ts';

/**
 * The answers of an impact assessment checked against its template: pure functions, no database.
 * A stored answer is a string (text, textarea, single, date), a boolean (yes-no) or an array of
 * option values (multi); an unanswered question has no key.
 */

export type AnswerValue = string | boolean | string[];
export type Answers = Record<string, AnswerValue>;
export interface Issue {
  path: string;
  message: string;
}

type Field = ImpactTemplateContent['sections'][number]['fields'][number];

export function templateFields(template: ImpactTemplateContent): (Field & { section: string })[] {
  return template.sections.flatMap((s) => s.fields.map((f) => ({ ...f, section: s.id })));
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
function validDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Applies `changes` to `current` (a JSON merge: a null removes the answer) and checks every changed
 * answer against its field: the question must exist, the value must have the field's type, choices
 * must be among the options. Returns the merged answers in template order, or the problems with
 * `body.answers.<field id>` paths.
 */
export function mergeAnswers(
  template: ImpactTemplateContent,
  current: Answers,
  changes: Record<string, unknown>,
): { answers: Answers; issues: Issue[] } {
  const fields = new Map(templateFields(template).map((f) => [f.id, f]));
  const merged: Record<string, AnswerValue> = { ...current };
  const issues: Issue[] = [];
  for (const [id, value] of Object.entries(changes)) {
    const path = `body.answers.${id}`;
    const field = fields.get(id);
    if (!field) {
      issues.push({ path, message: `"${id}" is not a question of the template ${template.id} ${template.version}` });
      continue;
    }
    if (value === null || value === undefined) {
      delete merged[id];
      continue;
    }
    const options = new Set(field.options?.map((o) => o.value) ?? []);
    switch (field.type) {
      case 'text':
      case 'textarea':
        if (typeof value !== 'string') issues.push({ path, message: `"${field.label}" takes text` });
        else merged[id] = value.trim();
        break;
      case 'yes-no':
        if (typeof value !== 'boolean') issues.push({ path, message: `"${field.label}" takes true or false` });
        else merged[id] = value;
        break;
      case 'date':
        if (typeof value !== 'string' || (value.trim() !== '' && !validDate(value.trim())))
          issues.push({ path, message: `"${field.label}" takes a date (YYYY-MM-DD)` });
        else merged[id] = value.trim();
        break;
      case 'single':
        if (typeof value !== 'string') issues.push({ path, message: `"${field.label}" takes one option value` });
        else if (value !== '' && !options.has(value))
          issues.push({ path, message: `"${value}" is not an option of "${field.label}" (${[...options].join(', ')})` });
        else merged[id] = value;
        break;
      case 'multi':
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
          issues.push({ path, message: `"${field.label}" takes a list of option values` });
        } else {
          const unknown = (value as string[]).filter((v) => !options.has(v));
          if (unknown.length)
            issues.push({ path, message: `${unknown.map((v) => `"${v}"`).join(', ')} not an option of "${field.label}"` });
          // Stored in the template's order, once each.
          else merged[id] = [...options].filter((o) => (value as string[]).includes(o));
        }
        break;
    }
  }
  // Keys in template order, so equal answers serialize equally.
  const ordered: Answers = {};
  for (const id of fields.keys()) {
    const value = merged[id];
    if (value !== undefined) ordered[id] = value;
  }
  return { answers: ordered, issues };
}

export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return true;
  if (Array.isArray(value)) return value.length > 0;
  return value.trim() !== '';
}

/** The required questions still unanswered, in template order. */
export function missingRequired(template: ImpactTemplateContent, answers: Answers): { id: string; label: string; section: string }[] {
  return templateFields(template)
    .filter((f) => f.required && !isAnswered(answers[f.id]))
    .map((f) => ({ id: f.id, label: f.label, section: f.section }));
}

/**
 * Answers taken from the AI system record when an assessment starts: a template question whose id is
 * one of these is pre-filled (built-in and organization templates alike), unless the request answers it.
 */
const fromSystem: Record<string, (s: AiSystem) => string> = {
  'system-purpose': (s) => s.purpose,
  'intended-use': (s) => s.intendedUse,
  'foreseeable-misuse': (s) => s.foreseeableMisuse,
  'deployment-context': (s) => s.deploymentContext,
  'deployer-processes': (s) => s.deploymentContext,
  jurisdictions: (s) => s.jurisdictions.join(', '),
  'affected-persons': (s) => s.affectedPersons,
  users: (s) => s.users,
  'human-oversight': (s) => s.humanOversight,
  'automation-level': (s) => s.automation,
};

export const prefilledFieldIds: readonly string[] = Object.keys(fromSystem);

export function prefillAnswers(template: ImpactTemplateContent, system: AiSystem, given: Record<string, unknown>): Record<string, unknown> {
  const prefilled: Record<string, unknown> = {};
  for (const field of templateFields(template)) {
    const source = fromSystem[field.id];
    if (!source || field.id in given) continue;
    const value = source(system).trim();
    if (value === '') continue;
    if (field.type === 'text' || field.type === 'textarea') prefilled[field.id] = value;
    else if (field.type === 'single' && field.options?.some((o) => o.value === value)) prefilled[field.id] = value;
  }
  return { ...prefilled, ...given };
}
