import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEntryViewSchema } from '../../../../src/domain/schemas/audit-log.schemas.ts';
import type {
  Evidence,
  EvidenceCreate,
  EvidenceDetail,
  EvidenceFileMetadata,
  EvidenceFileVersionMetadata,
  EvidenceKind,
  EvidenceLink,
  EvidenceLinkTargets,
  EvidenceList,
  EvidencePatch,
  EvidenceSummary,
  EvidenceTargetType,
  EvidenceVersion,
  EvidenceVersionCreate,
  evidenceSortFields,
} from '../../../../src/domain/schemas/evidence.schemas.ts';
import type { EvidenceState } from '../../../../src/domain/evidence-state.ts';
import { api, apiRequest, seg } from '../../lib/api.ts';
import { sendMultipart, type UploadProgress } from './upload.ts';

export type {
  Evidence,
  EvidenceCreate,
  EvidenceDetail,
  EvidenceFileMetadata,
  EvidenceFileVersionMetadata,
  EvidenceKind,
  EvidenceLink,
  EvidenceLinkTargets,
  EvidenceList,
  EvidencePatch,
  EvidenceState,
  EvidenceSummary,
  EvidenceTargetType,
  EvidenceVersion,
  EvidenceVersionCreate,
  UploadProgress,
};
export type EvidenceSortField = (typeof evidenceSortFields)[number];
export type HistoryEntry = z.infer<typeof AuditEntryViewSchema>;

/** Everything about evidence is cached under this key; any write refreshes all of it. */
export const evidenceKey = (org: string) => ['org', org, 'evidence'] as const;

const base = (org: string) => `/api/orgs/${seg(org)}/evidence`;

/** In-app addresses of the evidence pages, and of the records evidence links to. */
export const evidencePaths = {
  list: (org: string, search?: URLSearchParams) => {
    const query = search?.toString();
    return `/orgs/${seg(org)}/evidence${query ? `?${query}` : ''}`;
  },
  add: (org: string, search?: URLSearchParams) => {
    const query = search?.toString();
    return `/orgs/${seg(org)}/evidence/new${query ? `?${query}` : ''}`;
  },
  item: (org: string, idOrRef: string) => `/orgs/${seg(org)}/evidence/${seg(idOrRef)}`,
  control: (org: string, framework: string, control: string) => `/orgs/${seg(org)}/controls/${seg(framework)}/${seg(control)}`,
  requirement: (org: string, framework: string, item: string) => `/orgs/${seg(org)}/catalog/${seg(framework)}/items/${seg(item)}`,
  risk: (org: string, id: string) => `/orgs/${seg(org)}/risks/${seg(id)}`,
  system: (org: string, id: string) => `/orgs/${seg(org)}/inventory/systems/${seg(id)}`,
};

export interface EvidenceListParams {
  q?: string;
  kind?: EvidenceKind[];
  state?: EvidenceState[];
  control?: string;
  sort: EvidenceSortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

function listQuery(params: EvidenceListParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const v of value) query.append(key, String(v));
    else if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  return query.toString();
}

export function useEvidenceList(org: string, params: EvidenceListParams) {
  return useQuery({
    queryKey: [...evidenceKey(org), 'list', params],
    queryFn: ({ signal }) => api.get<EvidenceList>(`${base(org)}?${listQuery(params)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useEvidence(org: string, idOrRef: string) {
  return useQuery({
    queryKey: [...evidenceKey(org), 'item', idOrRef],
    queryFn: ({ signal }) => api.get<EvidenceDetail>(`${base(org)}/${seg(idOrRef)}`, { signal }),
    enabled: Boolean(idOrRef),
  });
}

export function useEvidenceHistory(org: string, id: string) {
  return useQuery({
    queryKey: [...evidenceKey(org), 'history', id],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`${base(org)}/${seg(id)}/history`, { signal }),
  });
}

/**
 * After a write: evidence, and the views that count it (the SoA and control pages, readiness),
 * and the audit log.
 */
export function useInvalidateEvidence(org: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [evidenceKey(org), ['org', org, 'controls'], ['org', org, 'readiness'], ['org', org, 'audit-log']].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
}

/** Adds a link or note item (JSON). */
export function useCreateEvidence(org: string) {
  const invalidate = useInvalidateEvidence(org);
  return useMutation({
    mutationFn: (input: EvidenceCreate) => api.post<EvidenceDetail>(base(org), input),
    onSuccess: invalidate,
  });
}

export interface FileUpload<M> {
  file: File;
  metadata: M;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** Adds a file item: multipart with the `metadata` field first, then the `file`, with upload progress. */
export function useUploadEvidence(org: string) {
  const invalidate = useInvalidateEvidence(org);
  return useMutation({
    mutationFn: ({ file, metadata, onProgress, signal }: FileUpload<EvidenceFileMetadata>) =>
      sendMultipart<EvidenceDetail>(base(org), { file, metadata, onProgress, signal }),
    onSuccess: invalidate,
  });
}

/** A new version of a file item (multipart, with progress). */
export function useUploadVersion(org: string, id: string) {
  const invalidate = useInvalidateEvidence(org);
  return useMutation({
    mutationFn: ({ file, metadata, onProgress, signal }: FileUpload<EvidenceFileVersionMetadata>) =>
      sendMultipart<EvidenceDetail>(`${base(org)}/${seg(id)}/versions`, { file, metadata, onProgress, signal }),
    onSuccess: invalidate,
  });
}

/** A new version of a link (new URL) or note (new text). */
export function useAddVersion(org: string, id: string) {
  const invalidate = useInvalidateEvidence(org);
  return useMutation({
    mutationFn: (input: EvidenceVersionCreate) => api.post<EvidenceDetail>(`${base(org)}/${seg(id)}/versions`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateEvidence(org: string, id: string) {
  const invalidate = useInvalidateEvidence(org);
  return useMutation({
    mutationFn: (patch: EvidencePatch) => api.patch<EvidenceDetail>(`${base(org)}/${seg(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteEvidence(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base(org)}/${seg(id)}`),
    onSuccess: (_data, id) => {
      // The deleted item's page and history must not refetch it (a 404) while the page goes away.
      queryClient.removeQueries({ queryKey: [...evidenceKey(org), 'item', id] });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: evidenceKey(org), refetchType: 'none' }),
        ...[
          ['org', org, 'controls'],
          ['org', org, 'readiness'],
          ['org', org, 'audit-log'],
        ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ]);
    },
  });
}

export function useLinkEvidence(org: string, id: string) {
  const invalidate = useInvalidateEvidence(org);
  return useMutation({
    mutationFn: (targets: EvidenceLinkTargets) => api.post<EvidenceDetail>(`${base(org)}/${seg(id)}/links`, targets),
    onSuccess: invalidate,
  });
}

export function useUnlinkEvidence(org: string, id: string) {
  const invalidate = useInvalidateEvidence(org);
  return useMutation({
    mutationFn: (targets: EvidenceLinkTargets) =>
      apiRequest<EvidenceDetail>(`${base(org)}/${seg(id)}/links`, { method: 'DELETE', body: targets }),
    onSuccess: invalidate,
  });
}
