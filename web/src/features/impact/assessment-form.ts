import { ApiError } from '../../lib/api.ts';
import type { AnswerValue, ImpactAssessment, ImpactAssessmentPatch, ImpactTemplateContent, ImpactTrigger } from './api.ts';
import { draftOf, entryChanged, entryInputOf, type ImpactDraft } from './ImpactsEditor.tsx';
import { answerOf, impactTriggers, templateFields } from './labels.ts';

/** What the assessment page edits; saved together with one PATCH. */
export interface AssessmentForm {
  title: string;
  triggers: ImpactTrigger[];
  /** YYYY-MM-DD, or '' for none. */
  reviewDue: string;
  answers: Record<string, AnswerValue | undefined>;
  impacts: ImpactDraft[];
}

export function formOf(a: ImpactAssessment): AssessmentForm {
  const answers: Record<string, AnswerValue | undefined> = {};
  for (const [id, value] of Object.entries(a.answers)) answers[id] = answerOf(value);
  return {
    title: a.title,
    triggers: [...a.triggers],
    reviewDue: a.reviewDue ?? '',
    answers,
    impacts: a.impacts.map(draftOf),
  };
}

/** An answer as the API would store it: trimmed text, a non-empty list; undefined when not answered. */
function normal(value: unknown): AnswerValue | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (Array.isArray(value)) return value.length ? value.map(String) : undefined;
  return undefined;
}

/**
 * The PATCH for what differs from the saved assessment (without its version): changed answers only
 * (a null removes one), the whole impact list when any entry changed, and the changed details.
 */
export function patchOf(
  form: AssessmentForm,
  saved: ImpactAssessment,
  template: ImpactTemplateContent,
): Omit<ImpactAssessmentPatch, 'version'> {
  const patch: Omit<ImpactAssessmentPatch, 'version'> = {};
  if (form.title.trim() !== saved.title) patch.title = form.title.trim();
  const triggers = impactTriggers.filter((t) => form.triggers.includes(t));
  if (JSON.stringify(triggers) !== JSON.stringify(impactTriggers.filter((t) => saved.triggers.includes(t)))) patch.triggers = triggers;
  const reviewDue = form.reviewDue.trim() === '' ? null : form.reviewDue.trim();
  if (reviewDue !== saved.reviewDue) patch.reviewDue = reviewDue;
  const answers: Record<string, AnswerValue | null> = {};
  for (const field of templateFields(template)) {
    const next = normal(form.answers[field.id]);
    if (JSON.stringify(next) !== JSON.stringify(normal(saved.answers[field.id]))) answers[field.id] = next ?? null;
  }
  if (Object.keys(answers).length) patch.answers = answers;
  const impactsChanged =
    form.impacts.length !== saved.impacts.length ||
    form.impacts.some((d, i) => d.id !== saved.impacts[i]?.id || entryChanged(d, saved.impacts));
  if (impactsChanged) patch.impacts = form.impacts.map(entryInputOf);
  return patch;
}

/** The API's problems with a save, in words: answers by question, impacts by their number in the list. */
export function saveProblems(error: unknown, template: ImpactTemplateContent): string[] {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return [];
  const labels = new Map(templateFields(template).map((f) => [f.id, f.label]));
  return error.issues.map((i) => {
    const answer = /^answers\.(.+)$/.exec(i.path);
    if (answer?.[1]) return `“${labels.get(answer[1]) ?? answer[1]}”: ${i.message}`;
    const impact = /^impacts\.(\d+)(?:\.(\w+))?$/.exec(i.path);
    if (impact) return `Impact ${Number(impact[1]) + 1}${impact[2] ? ` (${impact[2]})` : ''}: ${i.message}`;
    return i.path ? `${i.path}: ${i.message}` : i.message;
  });
}
