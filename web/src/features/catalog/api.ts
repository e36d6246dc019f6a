import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CatalogImportResultSchema,
  CoverageSchema,
  CrosswalkRowSchema,
  DocumentVersionSchema,
  FrameworkDetailSchema,
  FrameworkSummarySchema,
  ItemChanges,
  ItemDetailSchema,
  ItemKind,
  ItemRowSchema,
  LinkedItemSchema,
  OrganizationControlCreate,
  Relationship,
  SearchHitSchema,
} from '../../../../src/domain/schemas/catalog.schemas.ts';
import { api, seg } from '../../lib/api.ts';

export type { ItemChanges, ItemKind, OrganizationControlCreate, Relationship };
export type FrameworkSummary = z.infer<typeof FrameworkSummarySchema>;
export type FrameworkDetail = z.infer<typeof FrameworkDetailSchema>;
export type ItemRow = z.infer<typeof ItemRowSchema>;
export type ItemDetail = z.infer<typeof ItemDetailSchema>;
export type LinkedItem = z.infer<typeof LinkedItemSchema>;
export type DocumentVersion = z.infer<typeof DocumentVersionSchema>;
export type CrosswalkRow = z.infer<typeof CrosswalkRowSchema>;
export type Coverage = z.infer<typeof CoverageSchema>;
export type SearchHit = z.infer<typeof SearchHitSchema>;
export type CatalogImportResult = z.infer<typeof CatalogImportResultSchema>;

/** The built-in frameworks the coverage page starts with. */
export const ISO_42001 = 'iso42001-2023';
export const NIST_AI_RMF = 'nist-ai-rmf-1.0';

/** The catalog changes only on import, so its answers stay fresh for a while. */
const CATALOG_STALE_MS = 5 * 60_000;

export const catalogKey = (org: string) => ['org', org, 'catalog'] as const;

const base = (org: string) => `/api/orgs/${seg(org)}/catalog`;

/** In-app addresses of the catalog pages. */
export const catalogPaths = {
  home: (org: string) => `/orgs/${seg(org)}/catalog`,
  coverage: (org: string, source?: string, target?: string) => {
    const path = `/orgs/${seg(org)}/catalog/coverage`;
    if (!source || !target) return path;
    return `${path}?${new URLSearchParams({ source, target }).toString()}`;
  },
  framework: (org: string, framework: string) => `/orgs/${seg(org)}/catalog/${seg(framework)}`,
  item: (org: string, framework: string, item: string) => `/orgs/${seg(org)}/catalog/${seg(framework)}/items/${seg(item)}`,
};

/** The OSCAL export: a plain download link (the session cookie authenticates GETs). */
export function oscalUrl(org: string, framework: string): string {
  return `${base(org)}/frameworks/${seg(framework)}/oscal`;
}

export function useFrameworks(org: string) {
  return useQuery({
    queryKey: [...catalogKey(org), 'frameworks'],
    queryFn: ({ signal }) => api.get<FrameworkSummary[]>(`${base(org)}/frameworks`, { signal }),
    staleTime: CATALOG_STALE_MS,
  });
}

export function useFramework(org: string, framework: string | undefined) {
  return useQuery({
    queryKey: [...catalogKey(org), 'framework', framework],
    queryFn: ({ signal }) => api.get<FrameworkDetail>(`${base(org)}/frameworks/${seg(framework ?? '')}`, { signal }),
    enabled: Boolean(framework),
    staleTime: CATALOG_STALE_MS,
  });
}

export function useCatalogItem(org: string, framework: string, item: string) {
  return useQuery({
    queryKey: [...catalogKey(org), 'item', framework, item],
    queryFn: ({ signal }) => api.get<ItemDetail>(`${base(org)}/frameworks/${seg(framework)}/items/${seg(item)}`, { signal }),
    staleTime: CATALOG_STALE_MS,
  });
}

export function useFrameworkVersions(org: string, framework: string, enabled: boolean) {
  return useQuery({
    queryKey: [...catalogKey(org), 'versions', framework],
    queryFn: ({ signal }) => api.get<DocumentVersion[]>(`${base(org)}/frameworks/${seg(framework)}/versions`, { signal }),
    enabled,
  });
}

export function useCrosswalk(org: string, from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: [...catalogKey(org), 'crosswalk', from, to],
    queryFn: ({ signal }) => api.get<CrosswalkRow[]>(`${base(org)}/crosswalk`, { query: { from, to }, signal }),
    enabled: enabled && Boolean(from && to),
    staleTime: CATALOG_STALE_MS,
  });
}

export function useCoverage(org: string, source: string, target: string) {
  return useQuery({
    queryKey: [...catalogKey(org), 'coverage', source, target],
    queryFn: ({ signal }) => api.get<Coverage>(`${base(org)}/coverage`, { query: { source, target }, signal }),
    enabled: Boolean(source && target),
    staleTime: CATALOG_STALE_MS,
  });
}

/** Full-text search across every framework; runs for a non-empty query only. */
export function useCatalogSearch(org: string, query: string, limit = 50) {
  const q = query.trim();
  return useQuery({
    queryKey: [...catalogKey(org), 'search', q, limit],
    queryFn: ({ signal }) => api.get<SearchHit[]>(`${base(org)}/search`, { query: { q, limit }, signal }),
    enabled: q.length > 0,
    staleTime: CATALOG_STALE_MS,
    placeholderData: keepPreviousData,
  });
}

export interface CatalogImportInput {
  content: string;
  fileName?: string;
}

export function useImportCatalog(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CatalogImportInput) => api.post<CatalogImportResult>(`${base(org)}/import`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKey(org) }),
  });
}

export function useAddOrganizationControl(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganizationControlCreate) => api.post<CatalogImportResult>(`${base(org)}/controls`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKey(org) }),
  });
}
