import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, isApiError, seg } from '../../lib/api.ts';
import type { AiSystem } from '../inventory/api.ts';
import type { Objective } from '../objectives/api.ts';
import type { Risk } from '../risks/api.ts';
import type { RecordTarget } from './targets.ts';

export interface PrefilledRecords {
  risks: RecordTarget[];
  systems: RecordTarget[];
  objectives: RecordTarget[];
  /** What the address named that does not exist (or is not visible). */
  missing: string[];
}

async function lookUp<T>(url: string, signal: AbortSignal): Promise<T | null> {
  try {
    return await api.get<T>(url, { signal });
  } catch (error) {
    if (isApiError(error, 'not_found', 'validation_failed')) return null;
    throw error;
  }
}

/**
 * The risks, AI systems and AI objectives the address names (`?risk=RSK-0003&system=AIS-0001&objective=OBJ-0001`, by id or ref),
 * looked up once and handed to `onFound` to pre-link the new evidence.
 */
export function usePrefilledRecords(
  org: string,
  params: URLSearchParams,
  onFound: (found: PrefilledRecords) => void,
): PrefilledRecords | undefined {
  const risks = params.getAll('risk').filter(Boolean);
  const systems = params.getAll('system').filter(Boolean);
  const objectives = params.getAll('objective').filter(Boolean);
  const query = useQuery({
    queryKey: ['org', org, 'evidence', 'prefill', risks, systems, objectives],
    queryFn: async ({ signal }): Promise<PrefilledRecords> => {
      const base = `/api/orgs/${seg(org)}`;
      const [r, s, o] = await Promise.all([
        Promise.all(risks.map((id) => lookUp<Risk>(`${base}/risks/${seg(id)}`, signal))),
        Promise.all(systems.map((id) => lookUp<AiSystem>(`${base}/systems/${seg(id)}`, signal))),
        Promise.all(objectives.map((id) => lookUp<Objective>(`${base}/objectives/${seg(id)}`, signal))),
      ]);
      return {
        risks: r.flatMap((x) => (x ? [{ id: x.id, ref: x.ref, name: x.title }] : [])),
        systems: s.flatMap((x) => (x ? [{ id: x.id, ref: x.ref, name: x.name }] : [])),
        objectives: o.flatMap((x) => (x ? [{ id: x.id, ref: x.ref, name: x.title }] : [])),
        missing: [
          ...risks.filter((_, i) => r[i] === null),
          ...systems.filter((_, i) => s[i] === null),
          ...objectives.filter((_, i) => o[i] === null),
        ],
      };
    },
    enabled: risks.length + systems.length + objectives.length > 0,
    staleTime: Infinity,
  });
  const handed = useRef(false);
  useEffect(() => {
    if (handed.current || !query.data) return;
    handed.current = true;
    onFound(query.data);
  }, [query.data, onFound]);
  return query.data;
}
