import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { EvidenceKind, EvidenceListParams, EvidenceSortField, EvidenceState } from './api.ts';
import { evidenceKindList, evidenceStateList } from './labels.ts';

const sortFields: readonly EvidenceSortField[] = ['ref', 'title', 'reviewDue', 'updatedAt'];
export const pageSizes = [25, 50, 100, 200] as const;
const DEFAULT_PAGE_SIZE = 50;

/** The list's state as it is kept in the address: filters, sort and page. */
export interface EvidenceListState {
  q: string;
  kind: EvidenceKind[];
  state: EvidenceState[];
  /** "A.6.2.6" (Annex A) or "org-controls:OWN-1", as the API takes it. */
  control: string | null;
  sort: EvidenceSortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): value is T {
  return value !== null && (values as readonly string[]).includes(value);
}

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

export function readListState(params: URLSearchParams): EvidenceListState {
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    kind: params.getAll('kind').filter((k): k is EvidenceKind => oneOf(evidenceKindList, k)),
    state: params.getAll('state').filter((s): s is EvidenceState => oneOf(evidenceStateList, s)),
    control: params.get('control')?.trim() || null,
    sort: oneOf(sortFields, sort) ? sort : 'ref',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: positive(params.get('page'), 1),
    pageSize: Math.min(positive(params.get('pageSize'), DEFAULT_PAGE_SIZE), 500),
  };
}

/** The address of a state: defaults are left out so a plain list has a plain address. */
export function writeListState(state: EvidenceListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const k of state.kind) params.append('kind', k);
  for (const s of state.state) params.append('state', s);
  if (state.control) params.set('control', state.control);
  if (state.sort !== 'ref') params.set('sort', state.sort);
  if (state.order !== 'asc') params.set('order', state.order);
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
  return params;
}

export function toApiParams(state: EvidenceListState): EvidenceListParams {
  return {
    ...(state.q ? { q: state.q } : {}),
    ...(state.kind.length ? { kind: state.kind } : {}),
    ...(state.state.length ? { state: state.state } : {}),
    ...(state.control ? { control: state.control } : {}),
    sort: state.sort,
    order: state.order,
    page: state.page,
    pageSize: state.pageSize,
  };
}

export function hasFilters(state: EvidenceListState): boolean {
  return Boolean(state.q || state.kind.length || state.state.length || state.control);
}

export const noFilters = { q: '', kind: [], state: [], control: null } satisfies Partial<EvidenceListState>;

/** The list state from the address, and a way to change it (a filter change goes back to page 1). */
export function useEvidenceListState() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readListState(params), [params]);
  const update = useCallback(
    (patch: Partial<EvidenceListState>, options: { replace?: boolean } = {}) =>
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
