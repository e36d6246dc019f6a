import type { Role } from '../../domain/policy.ts';
import type { LevelRef, RiskCriteriaContent } from '../../domain/schemas/risk.schemas.ts';

/**
 * Risk levels from the organization's criteria (6.1.1): pure functions, no database. The level of a
 * likelihood/impact pair is the matrix cell; a level's rank is its position in `levels` (0 = least
 * severe), so levels compare across matrices of any shape.
 */

/** The criteria an organization starts with: a 5 × 5 matrix with four levels, scored likelihood × impact. */
export const DEFAULT_CRITERIA: RiskCriteriaContent = {
  likelihood: [
    { value: 1, label: 'Rare', definition: 'Not expected in the life of the AI system' },
    { value: 2, label: 'Unlikely', definition: 'Could happen, but not expected in the next three years' },
    { value: 3, label: 'Possible', definition: 'Might happen in the next three years' },
    { value: 4, label: 'Likely', definition: 'Expected to happen in the next year' },
    { value: 5, label: 'Almost certain', definition: 'Happens now, or is expected within months' },
  ],
  impact: [
    { value: 1, label: 'Negligible', definition: 'No lasting effect on people or the organization' },
    { value: 2, label: 'Minor', definition: 'Inconvenience to some people; a small, quickly corrected loss' },
    { value: 3, label: 'Moderate', definition: 'Noticeable harm to individuals or groups, or a reportable incident' },
    { value: 4, label: 'Major', definition: 'Serious harm to people, their rights or opportunities; regulatory action' },
    { value: 5, label: 'Severe', definition: 'Irreversible harm to people or society; the AI system must be withdrawn' },
  ],
  levels: [
    { id: 'low', label: 'Low', colour: '#2f9e44', description: 'Accept and monitor' },
    { id: 'medium', label: 'Medium', colour: '#f59f00', description: 'Treat where practical; may be retained with a reason' },
    { id: 'high', label: 'High', colour: '#f76707', description: 'Treat; residual risk accepted by top management' },
    { id: 'critical', label: 'Critical', colour: '#e03131', description: 'Treat before the AI system is used; accepted by the owner only' },
  ],
  matrix: [1, 2, 3, 4, 5].map((l) =>
    [1, 2, 3, 4, 5].map((i) => {
      const score = l * i;
      return score <= 4 ? 'low' : score <= 9 ? 'medium' : score <= 16 ? 'high' : 'critical';
    }),
  ),
  acceptanceThreshold: 'medium',
  acceptance: {
    low: ['owner', 'aims-manager', 'contributor'],
    medium: ['owner', 'aims-manager'],
    high: ['owner', 'aims-manager'],
    critical: ['owner'],
  },
  reviewIntervalMonths: 12,
};

export function levelById(criteria: RiskCriteriaContent, id: string | null): LevelRef | null {
  if (id === null) return null;
  const rank = criteria.levels.findIndex((l) => l.id === id);
  const level = criteria.levels[rank];
  return level ? { id: level.id, label: level.label, colour: level.colour, rank } : null;
}

/** The level of a likelihood/impact pair, or null while either is unknown. Steps outside the scales are an error. */
export function levelOf(criteria: RiskCriteriaContent, likelihood: number | null, impact: number | null): LevelRef | null {
  if (likelihood === null || impact === null) return null;
  const cell = criteria.matrix[likelihood - 1]?.[impact - 1];
  if (cell === undefined) {
    throw new RangeError(
      `likelihood ${likelihood} / impact ${impact} is outside the ${criteria.likelihood.length} × ${criteria.impact.length} matrix`,
    );
  }
  return levelById(criteria, cell);
}

export function thresholdRank(criteria: RiskCriteriaContent): number {
  return criteria.levels.findIndex((l) => l.id === criteria.acceptanceThreshold);
}

/** Whether a level is above the acceptance threshold (must be treated before its residual risk is accepted). */
export function isAboveThreshold(criteria: RiskCriteriaContent, level: LevelRef | null): boolean {
  return level !== null && level.rank > thresholdRank(criteria);
}

/** Whether a member with this role may accept a residual risk of this level. */
export function mayAccept(criteria: RiskCriteriaContent, role: Role, level: LevelRef): boolean {
  return criteria.acceptance[level.id]?.includes(role) ?? false;
}

/** Roles that may accept the level, for messages. */
export function acceptingRoles(criteria: RiskCriteriaContent, level: LevelRef): Role[] {
  return criteria.acceptance[level.id] ?? [];
}
