import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ReadinessCheck } from './api.ts';

/** Which checks the list shows: the gaps (most important first) or every check (catalog order). */
export type ReadinessListMode = 'gaps' | 'all';

/** The readiness view's state as it is kept in the address, so a filtered view can be shared. */
export interface ReadinessViewState {
  /** The day evaluated (YYYY-MM-DD); null for today. */
  asOf: string | null;
  /** A clause (4 … 10) or Annex A area (A.2 … A.10); null for all. */
  group: string | null;
  mode: ReadinessListMode;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const GROUP = /^(?:[4-9]|10|A\.(?:[2-9]|10))$/;

/** Today as the server counts it (UTC), the earliest day readiness can be evaluated for. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export function readViewState(params: URLSearchParams): ReadinessViewState {
  const asOf = params.get('asOf');
  const group = params.get('group');
  return {
    asOf: asOf !== null && DAY.test(asOf) ? asOf : null,
    group: group !== null && GROUP.test(group) ? group : null,
    mode: params.get('show') === 'all' ? 'all' : 'gaps',
  };
}

export function writeViewState(state: ReadinessViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.asOf) params.set('asOf', state.asOf);
  if (state.group) params.set('group', state.group);
  if (state.mode === 'all') params.set('show', 'all');
  return params;
}

/** The view state read from the address, and a setter that replaces the history entry. */
export function useReadinessViewState() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readViewState(params), [params]);
  const update = useCallback(
    (patch: Partial<ReadinessViewState>) => setParams(writeViewState({ ...state, ...patch }), { replace: true }),
    [state, setParams],
  );
  return { state, update };
}

/** The checks the list shows for a view state. */
export function visibleChecks(readiness: { checks: ReadinessCheck[]; gaps: ReadinessCheck[] }, state: ReadinessViewState) {
  const list = state.mode === 'gaps' ? readiness.gaps : readiness.checks;
  return state.group ? list.filter((c) => c.group === state.group) : list;
}

/** "Clause 6" or "Annex A.6": how a group is named in sentences. */
export function groupName(group: string): string {
  return group.startsWith('A.') ? `Annex ${group}` : `Clause ${group}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The colour of a figure: complete, well on the way, or far off. */
export function scoreColor(score: number): string {
  if (score === 100) return 'teal';
  if (score >= 50) return 'yellow';
  return 'red';
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "12 Mar 2026" for a calendar day (YYYY-MM-DD), the same in every time zone. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}
