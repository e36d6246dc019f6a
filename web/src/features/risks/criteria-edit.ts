import type { RiskCriteriaContent, RiskLevel } from './api.ts';

/**
 * Pure edits of a risk-criteria draft. Each keeps the draft consistent: the matrix has one row per
 * likelihood step and one cell per impact step, and every reference to a level (matrix cells,
 * threshold, acceptance) names a level that exists.
 */

export type ScaleName = 'likelihood' | 'impact';

export const MIN_STEPS = 2;
export const MAX_STEPS = 10;
export const MIN_LEVELS = 2;
export const MAX_LEVELS = 7;

/** Colours offered for levels: Mantine's palette, from calm to alarming. */
export const levelSwatches = ['#2f9e44', '#66a80f', '#1c7ed6', '#0ca678', '#f59f00', '#f76707', '#e03131', '#c92a2a', '#ae3ec9', '#868e96'];

export function cloneContent(content: RiskCriteriaContent): RiskCriteriaContent {
  return structuredClone(content);
}

export function resizeScale(content: RiskCriteriaContent, scale: ScaleName, size: number): RiskCriteriaContent {
  const n = Math.max(MIN_STEPS, Math.min(MAX_STEPS, Math.round(size)));
  const steps = content[scale].slice(0, n);
  while (steps.length < n) steps.push({ value: steps.length + 1, label: `Step ${steps.length + 1}`, definition: '' });
  const fallback = content.levels.at(-1)?.id ?? '';
  let matrix = content.matrix.map((row) => [...row]);
  if (scale === 'likelihood') {
    matrix = matrix.slice(0, n);
    // A new, more likely row starts as severe as the row below it.
    while (matrix.length < n) matrix.push([...(matrix.at(-1) ?? content.impact.map(() => fallback))]);
  } else {
    matrix = matrix.map((row) => {
      const next = row.slice(0, n);
      while (next.length < n) next.push(next.at(-1) ?? fallback);
      return next;
    });
  }
  return { ...content, [scale]: steps.map((s, i) => ({ ...s, value: i + 1 })), matrix };
}

export function editStep(content: RiskCriteriaContent, scale: ScaleName, index: number, patch: { label?: string; definition?: string }) {
  return { ...content, [scale]: content[scale].map((s, i) => (i === index ? { ...s, ...patch } : s)) };
}

export function slugify(label: string): string {
  const slug = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24);
  return /^[a-z]/.test(slug) ? slug : `level-${slug}`.replace(/-+$/, '');
}

export function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** A new level, the most severe, accepted by the owner only until someone says otherwise. */
export function addLevel(content: RiskCriteriaContent): RiskCriteriaContent {
  if (content.levels.length >= MAX_LEVELS) return content;
  const id = uniqueId('new-level', new Set(content.levels.map((l) => l.id)));
  const level: RiskLevel = { id, label: 'New level', colour: '#ae3ec9', description: '' };
  return { ...content, levels: [...content.levels, level], acceptance: { ...content.acceptance, [id]: ['owner'] } };
}

/** Removes a level; matrix cells and the threshold that used it move to the next lower level (or the next higher). */
export function removeLevel(content: RiskCriteriaContent, index: number): RiskCriteriaContent {
  if (content.levels.length <= MIN_LEVELS) return content;
  const removed = content.levels[index];
  if (!removed) return content;
  const levels = content.levels.filter((_, i) => i !== index);
  const replacement = (levels[Math.max(0, index - 1)] ?? levels[0])?.id ?? '';
  const { [removed.id]: _gone, ...acceptance } = content.acceptance;
  return {
    ...content,
    levels,
    acceptance,
    matrix: content.matrix.map((row) => row.map((cell) => (cell === removed.id ? replacement : cell))),
    acceptanceThreshold: content.acceptanceThreshold === removed.id ? replacement : content.acceptanceThreshold,
  };
}

/** Moves a level one place towards more (+1) or less (-1) severe. */
export function moveLevel(content: RiskCriteriaContent, index: number, direction: 1 | -1): RiskCriteriaContent {
  const target = index + direction;
  if (target < 0 || target >= content.levels.length) return content;
  const levels = [...content.levels];
  const [level] = levels.splice(index, 1);
  if (!level) return content;
  levels.splice(target, 0, level);
  return { ...content, levels };
}

export function editLevel(content: RiskCriteriaContent, index: number, patch: Partial<Omit<RiskLevel, 'id'>>): RiskCriteriaContent {
  return { ...content, levels: content.levels.map((l, i) => (i === index ? { ...l, ...patch } : l)) };
}

/** Gives a level a new id everywhere it is named. */
export function renameLevelId(content: RiskCriteriaContent, from: string, to: string): RiskCriteriaContent {
  if (from === to) return content;
  const acceptance: Record<string, RiskCriteriaContent['acceptance'][string]> = {};
  for (const [key, roles] of Object.entries(content.acceptance)) acceptance[key === from ? to : key] = roles;
  return {
    ...content,
    levels: content.levels.map((l) => (l.id === from ? { ...l, id: to } : l)),
    acceptance,
    matrix: content.matrix.map((row) => row.map((cell) => (cell === from ? to : cell))),
    acceptanceThreshold: content.acceptanceThreshold === from ? to : content.acceptanceThreshold,
  };
}

/** The next (or previous) level for a matrix cell, wrapping around. */
export function cycleCell(content: RiskCriteriaContent, likelihood: number, impact: number, direction: 1 | -1): RiskCriteriaContent {
  const ids = content.levels.map((l) => l.id);
  const current = content.matrix[likelihood - 1]?.[impact - 1] ?? '';
  const at = ids.indexOf(current);
  const next = (at < 0 ? (direction === 1 ? ids[0] : ids.at(-1)) : ids[(at + direction + ids.length) % ids.length]) ?? '';
  return {
    ...content,
    matrix: content.matrix.map((row, l) => (l === likelihood - 1 ? row.map((cell, i) => (i === impact - 1 ? next : cell)) : row)),
  };
}
