import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ImplementationStatus, SoaRow } from './api.ts';
import { applicabilityOf, implementationStatuses, type Applicability } from './labels.ts';

/** The SoA table's filters; they live in the address, so a filtered view can be shared. */
export interface SoaFilterState {
  q: string;
  area: string | null;
  applicability: Applicability | null;
  status: ImplementationStatus | null;
  flagged: boolean;
}

export const noSoaFilters: SoaFilterState = { q: '', area: null, applicability: null, status: null, flagged: false };

const applicabilities: readonly Applicability[] = ['included', 'excluded', 'undecided'];

function parse(search: URLSearchParams): SoaFilterState {
  const applicability = search.get('applicability');
  const status = search.get('status');
  return {
    q: search.get('q') ?? '',
    area: search.get('area') || null,
    applicability: applicabilities.includes(applicability as Applicability) ? (applicability as Applicability) : null,
    status: (implementationStatuses as readonly string[]).includes(status ?? '') ? (status as ImplementationStatus) : null,
    flagged: search.get('flagged') === '1',
  };
}

function serialize(state: SoaFilterState): URLSearchParams {
  const out = new URLSearchParams();
  if (state.q.trim()) out.set('q', state.q.trim());
  if (state.area) out.set('area', state.area);
  if (state.applicability) out.set('applicability', state.applicability);
  if (state.status) out.set('status', state.status);
  if (state.flagged) out.set('flagged', '1');
  return out;
}

export function hasSoaFilters(state: SoaFilterState): boolean {
  return Boolean(state.q.trim() || state.area || state.applicability || state.status || state.flagged);
}

/** The filter state read from the address, and a setter that writes a change back to it. */
export function useSoaFilterState() {
  const [search, setSearch] = useSearchParams();
  const state = useMemo(() => parse(search), [search]);
  const update = useCallback(
    (patch: Partial<SoaFilterState>, options?: { replace?: boolean }) =>
      setSearch((prev) => serialize({ ...parse(prev), ...patch }), { replace: options?.replace ?? false }),
    [setSearch],
  );
  return { state, update };
}

/** The rows the filters let through, in SoA order. */
export function filterSoaRows(rows: readonly SoaRow[], state: SoaFilterState): SoaRow[] {
  const words = state.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (state.area && row.area !== state.area) return false;
    if (state.applicability && applicabilityOf(row.applicable) !== state.applicability) return false;
    if (state.status && row.status !== state.status) return false;
    if (state.flagged && row.flags.length === 0) return false;
    if (words.length) {
      const text = [
        row.control,
        row.title,
        row.owner,
        row.justification,
        row.description,
        ...row.basis.risks.map((r) => r.ref),
        ...row.flags.map((f) => f.message),
      ]
        .join(' ')
        .toLowerCase();
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

/** The areas of an SoA in order, with the number of controls in each. */
export function areasOf(rows: readonly SoaRow[]): { area: string; title: string; count: number }[] {
  const out = new Map<string, { area: string; title: string; count: number }>();
  for (const row of rows) {
    const entry = out.get(row.area) ?? { area: row.area, title: row.areaTitle, count: 0 };
    entry.count += 1;
    out.set(row.area, entry);
  }
  return [...out.values()];
}
