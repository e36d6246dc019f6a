import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MonitoringPlan } from './api.ts';
import { emptyPlanForm, formFromPlan, newThresholdRow, planInputOf, planPatchOf, type PlanFormState } from './plan-form.ts';

/** A fairness plan as the API reads it, with one extra control and one extra clause. */
function plan(overrides: Partial<MonitoringPlan> = {}): MonitoringPlan {
  return {
    id: '7d1c6a52-0a51-4e4c-9f6b-2d0b7b0a1f10',
    ref: 'MON-0001',
    systemId: 'c6a1d3a2-5b8e-4f0e-8a2f-6d7c1b9e0a11',
    system: { id: 'c6a1d3a2-5b8e-4f0e-8a2f-6d7c1b9e0a11', ref: 'AIS-0001', name: 'CV screening assistant' },
    title: 'Quarterly fairness check',
    description: '',
    metric: 'fairness',
    spec: {
      metric: 'fairness',
      label: 'y_true',
      prediction: 'y_pred',
      sensitive: ['group', 'sex'],
      intersect: false,
      minGroupSize: 30,
      maxGroups: 1000,
    },
    thresholds: [{ key: 'group:demographic_parity_ratio.between_groups', op: '>=', value: 0.8 }],
    frequency: 'quarterly',
    owner: 'Head of Talent Acquisition',
    controls: [{ framework: 'iso42001-2023', control: 'A.9.2', title: 'Processes for responsible use of AI systems' }],
    requirements: [{ framework: 'iso42001-2023', item: '9.3', title: 'Management review' }],
    status: 'active',
    lastRun: null,
    nextDue: '2026-11-29',
    overdue: false,
    createdAt: '2026-11-29T09:00:00.000Z',
    updatedAt: '2026-11-29T09:00:00.000Z',
    version: 4,
    ...overrides,
  };
}

const edited = (p: MonitoringPlan, change: (form: PlanFormState) => PlanFormState) => planPatchOf(change(formFromPlan(p)), p);

test('a new plan has no extra controls or clauses, and sends them as empty lists', () => {
  const form = emptyPlanForm();
  assert.deepEqual(form.controls, []);
  assert.deepEqual(form.requirements, []);
  const input = planInputOf({ ...form, title: 'Drift', metric: 'drift' }, 'AIS-0001');
  assert.deepEqual(input.controls, []);
  assert.deepEqual(input.requirements, []);
});

test('the extra controls and clauses chosen are sent as the API names them, without titles', () => {
  const form: PlanFormState = {
    ...emptyPlanForm(),
    title: 'Fairness',
    controls: [
      { framework: 'iso42001-2023', control: 'A.9.2' },
      { framework: 'org-controls', control: 'OWN-1' },
    ],
    requirements: [
      { framework: 'iso42001-2023', item: '9.3' },
      { framework: 'eu-ai-act-2024', item: 'art-15' },
    ],
  };
  const input = planInputOf(form, 'AIS-0001');
  assert.deepEqual(input.controls, [
    { framework: 'iso42001-2023', control: 'A.9.2' },
    { framework: 'org-controls', control: 'OWN-1' },
  ]);
  assert.deepEqual(input.requirements, [
    { framework: 'iso42001-2023', item: '9.3' },
    { framework: 'eu-ai-act-2024', item: 'art-15' },
  ]);
});

test('the form of an existing plan holds its extra controls and clauses (titles are for showing only)', () => {
  const form = formFromPlan(plan());
  assert.deepEqual(form.controls, [{ framework: 'iso42001-2023', control: 'A.9.2' }]);
  assert.deepEqual(form.requirements, [{ framework: 'iso42001-2023', item: '9.3' }]);
});

test('saving an untouched plan sends only its version', () => {
  assert.deepEqual(
    edited(plan(), (f) => f),
    { version: 4 },
  );
  // Whatever the metric: the spec as the form rebuilds it is compared with itself, not with the stored JSON.
  const drift = plan({
    metric: 'drift',
    spec: { metric: 'drift', categorical: [], tests: [], driftShare: 0.5 },
    thresholds: [{ key: 'drift:share', op: '<', value: 0.5 }],
  });
  assert.deepEqual(
    edited(drift, (f) => f),
    { version: 4 },
  );
});

test('a change sends only the fields changed, with the version read', () => {
  // A spec field the form does not hold (set through the API) is not reset by a change elsewhere.
  const wide = plan({ spec: { ...plan().spec, maxGroups: 5000 } as MonitoringPlan['spec'] });
  assert.deepEqual(
    edited(wide, (f) => ({ ...f, owner: 'Data protection officer' })),
    { owner: 'Data protection officer', version: 4 },
  );
  assert.deepEqual(
    edited(plan(), (f) => ({ ...f, title: '  Monthly fairness check ', frequency: 'monthly' })),
    { title: 'Monthly fairness check', frequency: 'monthly', version: 4 },
  );
  assert.deepEqual(
    edited(plan(), (f) => ({ ...f, sensitive: ['group'] })),
    {
      spec: { metric: 'fairness', label: 'y_true', prediction: 'y_pred', sensitive: ['group'], intersect: false, minGroupSize: 30 },
      version: 4,
    },
  );
  // An emptied threshold value is sent as it is, so the server names the field.
  const patch = edited(plan(), (f) => ({ ...f, thresholds: f.thresholds.map((t) => ({ ...t, value: '' })) }));
  assert.deepEqual(Object.keys(patch), ['thresholds', 'version']);
  assert.ok(Number.isNaN(patch.thresholds?.[0]?.value));
  // A threshold row added.
  assert.deepEqual(
    edited(plan(), (f) => ({ ...f, thresholds: [...f.thresholds, newThresholdRow({ key: 'performance:f1', value: 0.7 })] })),
    {
      thresholds: [
        { key: 'group:demographic_parity_ratio.between_groups', op: '>=', value: 0.8 },
        { key: 'performance:f1', op: '>=', value: 0.7 },
      ],
      version: 4,
    },
  );
});

test('adding a control sends the whole list of controls, and nothing about the clauses', () => {
  assert.deepEqual(
    edited(plan(), (f) => ({ ...f, controls: [...f.controls, { framework: 'org-controls', control: 'OWN-1' }] })),
    {
      controls: [
        { framework: 'iso42001-2023', control: 'A.9.2' },
        { framework: 'org-controls', control: 'OWN-1' },
      ],
      version: 4,
    },
  );
});

test('removing every extra clause sends an empty list, so the server drops them', () => {
  assert.deepEqual(
    edited(plan(), (f) => ({ ...f, requirements: [] })),
    { requirements: [], version: 4 },
  );
});

test('a clause of another framework set through the API is kept when the form leaves it alone', () => {
  const p = plan({ requirements: [{ framework: 'eu-ai-act-2024', item: 'art-15', title: 'Accuracy, robustness and cybersecurity' }] });
  assert.deepEqual(
    edited(p, (f) => ({ ...f, controls: [] })),
    { controls: [], version: 4 },
  );
  assert.deepEqual(
    edited(p, (f) => ({ ...f, requirements: [...f.requirements, { framework: 'iso42001-2023', item: '9.3' }] })),
    {
      requirements: [
        { framework: 'eu-ai-act-2024', item: 'art-15' },
        { framework: 'iso42001-2023', item: '9.3' },
      ],
      version: 4,
    },
  );
});
