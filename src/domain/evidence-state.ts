/** How an evidence item stands on a given day, from its expiry or review date. */
export const evidenceStates = ['current', 'expiring', 'expired'] as const;
export type EvidenceState = (typeof evidenceStates)[number];

/** Evidence is "expiring" when its expiry or review date falls within this many days. */
export const EXPIRING_WITHIN_DAYS = 30;

/** Adds days to a YYYY-MM-DD date (UTC). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * current: no expiry/review date, or it is more than EXPIRING_WITHIN_DAYS away;
 * expiring: on or after today and within the window; expired: before today.
 * The same rule is used in SQL as two date comparisons (see `evidenceStateBounds`).
 */
export function evidenceState(reviewDue: string | null, today: string): EvidenceState {
  if (reviewDue === null) return 'current';
  if (reviewDue < today) return 'expired';
  if (reviewDue <= addDays(today, EXPIRING_WITHIN_DAYS)) return 'expiring';
  return 'current';
}

/** The two dates that split review_due into the three states, for queries: expired < today ≤ expiring ≤ soon. */
export function evidenceStateBounds(today: string): { today: string; soon: string } {
  return { today, soon: addDays(today, EXPIRING_WITHIN_DAYS) };
}
