import type { ClassificationAnswers, Question } from './schemas/inventory.schemas.ts';

/**
 * Whether a question is asked, given the answers so far: every `showIf` condition must hold,
 * and a question whose condition refers to a question that is itself hidden is hidden too.
 * Shared by the server (validation, classification) and the web UI (which imports it).
 */
export function isQuestionVisible(question: Question, answers: ClassificationAnswers, all: readonly Question[]): boolean {
  return visibility(question, answers, new Map(all.map((q) => [q.id, q])), new Set());
}

function visibility(question: Question, answers: ClassificationAnswers, byId: Map<string, Question>, seen: Set<string>): boolean {
  if (seen.has(question.id)) return false; // a cycle never shows
  seen.add(question.id);
  for (const condition of question.showIf ?? []) {
    const parent = byId.get(condition.question);
    if (!parent || !visibility(parent, answers, byId, seen)) return false;
    const answer = answers[condition.question];
    if (condition.equals !== undefined && answer !== condition.equals) return false;
    const chosen = Array.isArray(answer) ? answer : typeof answer === 'string' ? [answer] : [];
    if (condition.includesAny && !condition.includesAny.some((v) => chosen.includes(v))) return false;
    if (condition.notEmpty === true && chosen.length === 0) return false;
    if (condition.notEmpty === false && chosen.length > 0) return false;
  }
  seen.delete(question.id);
  return true;
}

/** The questions asked for these answers, in questionnaire order. */
export function visibleQuestions(questions: readonly Question[], answers: ClassificationAnswers): Question[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return questions.filter((q) => visibility(q, answers, byId, new Set()));
}
