import type { Objective, ObjectiveInput, ObjectivePatch, ObjectiveStatus } from './api.ts';
import { changedEntries } from '../../lib/changes.ts';

type Op = NonNullable<ObjectiveInput['measure']>['op'];

/** What the objective form holds while it is filled in. */
export interface ObjectiveFormState {
  title: string;
  description: string;
  topics: string[];
  policyLink: string;
  owner: string;
  /** YYYY-MM-DD, or '' for none. */
  targetDate: string;
  actions: string;
  resources: string;
  evaluation: string;
  status: ObjectiveStatus;
  /** Whether a monitoring plan measures it (the measure's fields are kept while switched off). */
  measured: boolean;
  planId: string | null;
  key: string;
  op: Op;
  value: number | string;
}

export function emptyObjectiveForm(planId: string | null = null): ObjectiveFormState {
  return {
    title: '',
    description: '',
    topics: [],
    policyLink: '',
    owner: '',
    targetDate: '',
    actions: '',
    resources: '',
    evaluation: '',
    status: 'planned',
    measured: planId !== null,
    planId,
    key: '',
    op: '>=',
    value: '',
  };
}

/** The form filled in with an existing objective. */
export function formFromObjective(o: Objective): ObjectiveFormState {
  return {
    title: o.title,
    description: o.description,
    topics: o.topics.map((t) => t.id),
    policyLink: o.policyLink,
    owner: o.owner,
    targetDate: o.targetDate ?? '',
    actions: o.actions,
    resources: o.resources,
    evaluation: o.evaluation,
    status: o.status,
    measured: o.measure !== null,
    planId: o.measure?.planId ?? null,
    key: o.measure?.key ?? '',
    op: o.measure?.op ?? '>=',
    value: o.measure?.value ?? '',
  };
}

/**
 * The request body. An empty plan or value is sent as it is (the plan as '', the value as NaN →
 * null in JSON), so the server names the field that is missing.
 */
export function objectiveInputOf(form: ObjectiveFormState): ObjectiveInput {
  return {
    title: form.title.trim(),
    description: form.description.trim(),
    topics: form.topics,
    policyLink: form.policyLink.trim(),
    owner: form.owner.trim(),
    targetDate: form.targetDate.trim() || null,
    actions: form.actions.trim(),
    resources: form.resources.trim(),
    evaluation: form.evaluation.trim(),
    status: form.status,
    measure: form.measured
      ? {
          planId: form.planId ?? '',
          key: form.key.trim(),
          op: form.op,
          value: (typeof form.value === 'number' ? form.value : Number.NaN) as number,
        }
      : null,
  };
}

/** A change to an existing objective: only the fields that differ from what was read, with its version. */
export function objectivePatchOf(form: ObjectiveFormState, initial: ObjectiveFormState, version: number): ObjectivePatch {
  return { ...changedEntries(objectiveInputOf(initial), objectiveInputOf(form)), version };
}

/** True when the patch changes nothing (only the version). */
export function isEmptyPatch(patch: ObjectivePatch): boolean {
  return Object.keys(patch).every((k) => k === 'version');
}
