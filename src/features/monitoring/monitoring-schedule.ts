import type { MonitoringFrequency } from '../../domain/schemas/monitoring.schemas.ts';
import { today } from '../../domain/time.ts';

/*
 * When a monitoring plan is next due (9.1 b–c: when monitoring shall be performed). Dates are
 * calendar days in UTC (YYYY-MM-DD), like every other due date in Trellis.
 */

const MONTHS: Record<MonitoringFrequency, number> = { daily: 0, weekly: 0, monthly: 1, quarterly: 3 };
const DAYS: Record<MonitoringFrequency, number> = { daily: 1, weekly: 7, monthly: 0, quarterly: 0 };

/**
 * `date` plus one period. Months are calendar months, clamped to the month's last day
 * (31 January + 1 month = 28 or 29 February), so a monthly plan never skips a month.
 */
export function addPeriod(date: string, frequency: MonitoringFrequency): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  const months = MONTHS[frequency];
  if (months === 0) return new Date(Date.UTC(y, m - 1, d + DAYS[frequency])).toISOString().slice(0, 10);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/**
 * The day the next run is due: one period after the last run; a plan that has never run is due
 * the day it was created (a plan without a baseline is a gap in monitoring).
 */
export function nextDueDate(frequency: MonitoringFrequency, createdAt: string, lastRunAt: string | null): string {
  return lastRunAt === null ? createdAt.slice(0, 10) : addPeriod(lastRunAt, frequency);
}

/** An active plan whose next run was due before today; a paused plan is never overdue. */
export function isOverdue(status: string, nextDue: string, asOf = today()): boolean {
  return status === 'active' && nextDue < asOf;
}
