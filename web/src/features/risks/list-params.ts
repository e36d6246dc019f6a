import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { RiskListParams, RiskSortField, RiskStatus } from './api.ts';
import { riskStatuses } from './labels.ts';

const sortFields: readonly RiskSortField[] = ['ref', 'title', 'inherent', 'residual', 'status', 'owner', 'reviewDue', 'updatedAt'];
export const pageSizes = [25, 50, 100, 200] as const;
const DEFAULT_PAGE_SIZE = 50;

/** The register's state as it is kept in the address: filters, the heat-map cell, sort and page. */
export interface RiskListState {
  q: string;
  status: RiskStatus[];
  level: string[];
  needsAttention: boolean;
  reviewOverdue: boolean;
  treatmentOverdue: boolean;
  /** A heat-map cell: both set, or neither. */
  likelihood: number | null;
  impact: number | null;
  /** Whether the cell is of the residual map (else the inherent one). */
  residual: boolean;
  sort: RiskSortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

function step(value: string | null): number | null {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 1 && n <= 10 ? n : null;
}

const LEVEL_ID = /^[a-z][a-z0-9-]{0,29}$/;

export function readListState(params: URLSearchParams): RiskListState {
  const likelihood = step(params.get('likelihood'));
  const impact = step(params.get('impact'));
  const cell = likelihood !== null && impact !== null;
  return {
    q: params.get('q') ?? '',
    status: params.getAll('status').filter((s): s is RiskStatus => oneOf(riskStatuses, s) !== null),
    level: params.getAll('level').filter((l) => LEVEL_ID.test(l)),
    needsAttention: params.get('needsAttention') === 'true',
    reviewOverdue: params.get('reviewOverdue') === 'true',
    treatmentOverdue: params.get('treatmentOverdue') === 'true',
    likelihood: cell ? likelihood : null,
    impact: cell ? impact : null,
    residual: cell && params.get('residual') === 'true',
    sort: oneOf(sortFields, params.get('sort')) ?? 'ref',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: positive(params.get('page'), 1),
    pageSize: Math.min(positive(params.get('pageSize'), DEFAULT_PAGE_SIZE), 500),
  };
}

/** The address of a state: defaults are left out so a plain register has a plain address. */
export function writeListState(state: RiskListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const s of state.status) params.append('status', s);
  for (const l of state.level) params.append('level', l);
  if (state.needsAttention) params.set('needsAttention', 'true');
  if (state.reviewOverdue) params.set('reviewOverdue', 'true');
  if (state.treatmentOverdue) params.set('treatmentOverdue', 'true');
  if (state.likelihood !== null && state.impact !== null) {
    params.set('likelihood', String(state.likelihood));
    params.set('impact', String(state.impact));
    if (state.residual) params.set('residual', 'true');
  }
  if (state.sort !== 'ref') params.set('sort', state.sort);
  if (state.order !== 'asc') params.set('order', state.order);
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
  return params;
}

/** Every status but closed: the heat map and its counts cover open risks only. */
const openStatuses = riskStatuses.filter((s) => s !== 'closed');

/** The API parameters for a state. */
export function toApiParams(state: RiskListState): RiskListParams {
  const cell = state.likelihood !== null && state.impact !== null;
  // A heat-map cell or the overdue-treatment card lists what it counted: open risks, unless a status is chosen.
  const status = state.status.length ? state.status : cell || state.treatmentOverdue ? openStatuses : [];
  return {
    ...(state.q ? { q: state.q } : {}),
    ...(status.length ? { status } : {}),
    ...(state.level.length ? { level: state.level } : {}),
    ...(state.needsAttention ? { needsAttention: 'true' as const } : {}),
    ...(state.reviewOverdue ? { reviewOverdue: 'true' as const } : {}),
    ...(state.treatmentOverdue ? { treatmentOverdue: 'true' as const } : {}),
    ...(cell ? { likelihood: state.likelihood ?? undefined, impact: state.impact ?? undefined } : {}),
    ...(cell && state.residual ? { residual: 'true' as const } : {}),
    sort: state.sort,
    order: state.order,
    page: state.page,
    pageSize: state.pageSize,
  };
}

export function hasFilters(state: RiskListState): boolean {
  return Boolean(
    state.q ||
    state.status.length ||
    state.level.length ||
    state.needsAttention ||
    state.reviewOverdue ||
    state.treatmentOverdue ||
    state.likelihood !== null,
  );
}

export const noFilters = {
  q: '',
  status: [],
  level: [],
  needsAttention: false,
  reviewOverdue: false,
  treatmentOverdue: false,
  likelihood: null,
  impact: null,
  residual: false,
} satisfies Partial<RiskListState>;

/** The register state from the address, and a way to change it (a filter change goes back to page 1). */
export function useRiskListState() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readListState(params), [params]);
  const update = useCallback(
    (patch: Partial<RiskListState>, options: { replace?: boolean } = {}) =>
      setParams(
        (prev) => {
          const current = readListState(prev);
          const resetsPage = Object.keys(patch).some((k) => k !== 'page');
          return writeListState({ ...current, ...(resetsPage ? { page: 1 } : {}), ...patch });
        },
        { replace: options.replace ?? false },
      ),
    [setParams],
  );
  return { state, update };
}
