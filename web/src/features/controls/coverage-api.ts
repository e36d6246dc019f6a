import { useQuery } from '@tanstack/react-query';
import type {
  ControlCoverageState,
  CoverageControl,
  CoverageGroup,
  CoverageItem,
  CoverageState,
  FrameworkCoverage,
} from '../../../../src/domain/schemas/coverage.schemas.ts';
import { api, seg } from '../../lib/api.ts';
import { controlsKey } from './api.ts';

export type { ControlCoverageState, CoverageControl, CoverageGroup, CoverageItem, CoverageState, FrameworkCoverage };

// The value lists mirror src/domain/schemas/coverage.schemas.ts (the web imports its types only).

/** The frameworks coverage is computed for, in the order the selector shows them. */
export const coverageFrameworks = [
  { id: 'iso27001-2022', label: 'ISO/IEC 27001:2022' },
  { id: 'nist-ai-rmf-1.0', label: 'NIST AI RMF 1.0' },
  { id: 'eu-ai-act-2024', label: 'EU AI Act' },
] as const;
export const DEFAULT_COVERAGE_FRAMEWORK = coverageFrameworks[0].id;

export const coverageStates = [
  'covered',
  'in-progress',
  'not-covered',
  'clauses-only',
  'no-mapping',
] as const satisfies readonly CoverageState[];

/** `/orgs/:org/controls/coverage`, optionally for one framework. */
export function coveragePath(org: string, framework?: string): string {
  return `/orgs/${seg(org)}/controls/coverage${framework ? `?framework=${encodeURIComponent(framework)}` : ''}`;
}

/**
 * The organization's coverage of a framework through its controls and their evidence. Kept under
 * the controls key, so recording a control's implementation refreshes it.
 */
export function useFrameworkCoverage(org: string, framework: string) {
  return useQuery({
    queryKey: [...controlsKey(org), 'coverage', framework],
    queryFn: ({ signal }) => api.get<FrameworkCoverage>(`/api/orgs/${seg(org)}/controls/coverage`, { query: { framework }, signal }),
    enabled: Boolean(framework),
  });
}
