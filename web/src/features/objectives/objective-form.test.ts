import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Objective } from './api.ts';
import { emptyObjectiveForm, formFromObjective, isEmptyPatch, objectiveInputOf, objectivePatchOf } from './objective-form.ts';

const measured: Objective = {
  id: 'o-1',
  ref: 'OBJ-0001',
  title: 'Shortlisting treats applicant groups alike',
  description: '',
  topics: [{ id: 'C.2.5', title: 'Fairness' }],
  policyLink: '',
  owner: 'Head of Talent',
  targetDate: '2027-06-30',
  actions: '',
  resources: '',
  evaluation: '',
  measure: {
    planId: 'p-1',
    plan: { ref: 'MON-0001', title: 'Fairness', status: 'active' },
    system: null,
    key: 'group:demographic_parity_ratio.between_groups',
    op: '>=',
    value: 0.8,
    latest: null,
  },
  progress: 'not-measured',
  status: 'in-progress',
  overdue: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 3,
};

test('a new objective: trimmed text, no date as null, no measure unless switched on', () => {
  const input = objectiveInputOf({ ...emptyObjectiveForm(), title: '  Fair  ', owner: ' HR ', targetDate: '' });
  assert.equal(input.title, 'Fair');
  assert.equal(input.owner, 'HR');
  assert.equal(input.targetDate, null);
  assert.equal(input.measure, null);
  assert.equal(input.status, 'planned');
});

test('a measure with no value is sent as it is, so the server names the field', () => {
  const input = objectiveInputOf({ ...emptyObjectiveForm('p-1'), title: 'x', owner: 'y', key: ' k ' });
  assert.equal(input.measure?.planId, 'p-1');
  assert.equal(input.measure?.key, 'k');
  assert.ok(Number.isNaN(input.measure?.value));
  assert.equal(JSON.parse(JSON.stringify(input)).measure.value, null);
});

test('a change sends only the fields that differ, with the version read', () => {
  const initial = formFromObjective(measured);
  assert.ok(isEmptyPatch(objectivePatchOf(initial, initial, measured.version)), 'nothing changed');

  const lowered = objectivePatchOf({ ...initial, value: 0.5 }, initial, measured.version);
  assert.deepEqual(lowered, {
    version: 3,
    measure: { planId: 'p-1', key: 'group:demographic_parity_ratio.between_groups', op: '>=', value: 0.5 },
  });

  const unmeasured = objectivePatchOf({ ...initial, measured: false, owner: 'CPO', topics: ['C.2.5', 'C.2.1'] }, initial, 3);
  assert.deepEqual(unmeasured, { version: 3, measure: null, owner: 'CPO', topics: ['C.2.5', 'C.2.1'] });

  const noDate = objectivePatchOf({ ...initial, targetDate: '' }, initial, 3);
  assert.deepEqual(noDate, { version: 3, targetDate: null });
});
