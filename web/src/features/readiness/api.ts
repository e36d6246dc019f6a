import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Readiness, ReadinessCheck, ReadinessRule, ReadinessScore } from '../../../../src/domain/schemas/readiness.schemas.ts';
import { api, seg } from '../../lib/api.ts';

export type { Readiness, ReadinessCheck, ReadinessRule, ReadinessScore };

/** Readiness answers are cached under this key, one per day evaluated. */
export const readinessKey = (org: string) => ['org', org, 'readiness'] as const;

const base = (org: string) => `/api/orgs/${seg(org)}/readiness`;

/** The in-app address of the readiness view. */
export const readinessPath = (org: string) => `/orgs/${seg(org)}/readiness`;

/**
 * The readiness of the organization as of `asOf` (the server's today when null). It derives from
 * every AIMS area, so it is fetched afresh on each visit; while another day loads, the previous
 * answer stays on screen.
 */
export function useReadiness(org: string, asOf: string | null) {
  return useQuery({
    queryKey: [...readinessKey(org), asOf ?? 'today'],
    queryFn: ({ signal }) => api.get<Readiness>(base(org), { query: { asOf }, signal }),
    placeholderData: keepPreviousData,
    refetchOnMount: 'always',
  });
}

/** The rules as data (what each check needs to pass); they only change with a Trellis release. */
export function useReadinessRules(org: string) {
  return useQuery({
    queryKey: [...readinessKey(org), 'rules'],
    queryFn: ({ signal }) => api.get<ReadinessRule[]>(`${base(org)}/rules`, { signal }),
    staleTime: Infinity,
  });
}
