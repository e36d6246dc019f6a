import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { EuRole, LifecycleStage } from '../../../../src/domain/schemas/inventory.schemas.ts';
import type { SystemListParams, SystemSortField } from './api.ts';
import { euRoles, lifecycleStages, riskFilters, type RiskFilter } from './labels.ts';

const sortFields: readonly SystemSortField[] = ['ref', 'name', 'stage', 'riskClass', 'owner', 'businessUnit', 'reviewDue', 'updatedAt'];
export const pageSizes = [25, 50, 100, 200] as const;
const DEFAULT_PAGE_SIZE = 50;

/** The list's state as it is kept in the address: filters, sort and page. */
export interface SystemListState {
  q: string;
  stage: LifecycleStage[];
  riskClass: RiskFilter[];
  euRole: EuRole | null;
  inScope: 'true' | 'false' | null;
  reviewOverdue: boolean;
  sort: SystemSortField;
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

export function readListState(params: URLSearchParams): SystemListState {
  const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  return {
    q: params.get('q') ?? '',
    stage: params.getAll('stage').filter((s): s is LifecycleStage => oneOf(lifecycleStages, s) !== null),
    riskClass: params.getAll('riskClass').filter((r): r is RiskFilter => oneOf(riskFilters, r) !== null),
    euRole: oneOf(euRoles, params.get('euRole')),
    inScope: oneOf(['true', 'false'] as const, params.get('inScope')),
    reviewOverdue: params.get('reviewOverdue') === 'true',
    sort: oneOf(sortFields, params.get('sort')) ?? 'name',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: positive(params.get('page'), 1),
    pageSize: Math.min(pageSize, 500),
  };
}

/** The address of a state: defaults are left out so a plain list has a plain address. */
export function writeListState(state: SystemListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const s of state.stage) params.append('stage', s);
  for (const r of state.riskClass) params.append('riskClass', r);
  if (state.euRole) params.set('euRole', state.euRole);
  if (state.inScope) params.set('inScope', state.inScope);
  if (state.reviewOverdue) params.set('reviewOverdue', 'true');
  if (state.sort !== 'name') params.set('sort', state.sort);
  if (state.order !== 'asc') params.set('order', state.order);
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
  return params;
}

/** The API parameters for a state. */
export function toApiParams(state: SystemListState): SystemListParams {
  return {
    ...(state.q ? { q: state.q } : {}),
    ...(state.stage.length ? { stage: state.stage } : {}),
    ...(state.riskClass.length ? { riskClass: state.riskClass } : {}),
    ...(state.euRole ? { euRole: state.euRole } : {}),
    ...(state.inScope ? { inScope: state.inScope } : {}),
    ...(state.reviewOverdue ? { reviewOverdue: 'true' as const } : {}),
    sort: state.sort,
    order: state.order,
    page: state.page,
    pageSize: state.pageSize,
  };
}

export function hasFilters(state: SystemListState): boolean {
  return Boolean(state.q || state.stage.length || state.riskClass.length || state.euRole || state.inScope || state.reviewOverdue);
}

export const noFilters = {
  q: '',
  stage: [],
  riskClass: [],
  euRole: null,
  inScope: null,
  reviewOverdue: false,
} satisfies Partial<SystemListState>;

/** The list state from the address, and a way to change it (a filter change goes back to page 1). */
export function useSystemListState() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readListState(params), [params]);
  const update = useCallback(
    (patch: Partial<SystemListState>, options: { replace?: boolean } = {}) =>
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
