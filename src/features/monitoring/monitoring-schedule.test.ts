import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addPeriod, isOverdue, nextDueDate } from './monitoring-schedule.ts';

test('a period is days for daily and weekly plans, calendar months for monthly and quarterly ones', () => {
  assert.equal(addPeriod('2026-12-31', 'daily'), '2027-01-01');
  assert.equal(addPeriod('2026-02-25', 'weekly'), '2026-03-04');
  assert.equal(addPeriod('2026-01-15', 'monthly'), '2026-02-15');
  assert.equal(addPeriod('2026-11-30', 'quarterly'), '2027-02-28');
  assert.equal(addPeriod('2028-01-31', 'monthly'), '2028-02-29', 'clamped to the last day of a leap February');
  assert.equal(addPeriod('2026-12-15T23:59:59.000Z', 'monthly'), '2027-01-15', 'a timestamp counts by its UTC day');
});

test('the next run is due a period after the last one, or on the creation day before the first', () => {
  assert.equal(nextDueDate('weekly', '2026-03-01T10:00:00.000Z', null), '2026-03-01');
  assert.equal(nextDueDate('weekly', '2026-03-01T10:00:00.000Z', '2026-03-05T08:00:00.000Z'), '2026-03-12');
});

test('only an active plan past its due day is overdue', () => {
  assert.equal(isOverdue('active', '2026-03-01', '2026-03-02'), true);
  assert.equal(isOverdue('active', '2026-03-02', '2026-03-02'), false, 'due today is not overdue yet');
  assert.equal(isOverdue('paused', '2026-03-01', '2026-03-02'), false);
});
