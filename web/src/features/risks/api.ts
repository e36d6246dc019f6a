import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEntryViewSchema } from '../../../../src/domain/schemas/audit-log.schemas.ts';
import type { SystemList } from '../../../../src/domain/schemas/inventory.schemas.ts';
import type {
  AssessedRiskSchema,
  HeatMap,
  LevelRef,
  ReassessmentStatus,
  Risk,
  RiskAcceptance,
  RiskAssessment,
  RiskAssessmentInput,
  RiskControlLink,
  RiskCriteria,
  RiskCriteriaContent,
  RiskCriteriaInput,
  RiskInput,
  RiskLevel,
  RiskPatch,
  RiskTreatmentInput,
  riskSortFields,
  riskStatuses,
  TreatmentAction,
  treatmentOptions,
} from '../../../../src/domain/schemas/risk.schemas.ts';
import { api, apiRequest, seg } from '../../lib/api.ts';

export type {
  HeatMap,
  LevelRef,
  ReassessmentStatus,
  Risk,
  RiskAcceptance,
  RiskAssessment,
  RiskAssessmentInput,
  RiskControlLink,
  RiskCriteria,
  RiskCriteriaContent,
  RiskCriteriaInput,
  RiskInput,
  RiskLevel,
  RiskPatch,
  RiskTreatmentInput,
  TreatmentAction,
};
export type RiskStatus = (typeof riskStatuses)[number];
export type TreatmentOption = (typeof treatmentOptions)[number];
export type RiskSortField = (typeof riskSortFields)[number];
export type AssessedRisk = z.infer<typeof AssessedRiskSchema>;
export type HistoryEntry = z.infer<typeof AuditEntryViewSchema>;
export type SystemRef = Risk['systems'][number];

/** Everything risk-related is cached under this key; any write refreshes all of it. */
export const risksKey = (org: string) => ['org', org, 'risks'] as const;

const base = (org: string) => `/api/orgs/${seg(org)}`;

/** In-app addresses of the risk pages. */
export const riskPaths = {
  register: (org: string, search?: URLSearchParams) => {
    const query = search?.toString();
    return `/orgs/${seg(org)}/risks${query ? `?${query}` : ''}`;
  },
  risk: (org: string, id: string) => `/orgs/${seg(org)}/risks/${seg(id)}`,
  criteria: (org: string) => `/orgs/${seg(org)}/risks/criteria`,
  assessments: (org: string, start = false) => `/orgs/${seg(org)}/risks/assessments${start ? '?start=1' : ''}`,
  assessment: (org: string, id: string) => `/orgs/${seg(org)}/risks/assessments/${seg(id)}`,
  system: (org: string, id: string) => `/orgs/${seg(org)}/inventory/systems/${seg(id)}`,
  impactAssessment: (org: string, id: string) => `/orgs/${seg(org)}/impact-assessments/${seg(id)}`,
};

// ---------- Criteria ----------

export function useRiskCriteria(org: string) {
  return useQuery({
    queryKey: [...risksKey(org), 'criteria', 'current'],
    queryFn: ({ signal }) => api.get<RiskCriteria>(`${base(org)}/risk-criteria`, { signal }),
  });
}

export function useCriteriaVersions(org: string, enabled = true) {
  return useQuery({
    queryKey: [...risksKey(org), 'criteria', 'versions'],
    queryFn: ({ signal }) => api.get<RiskCriteria[]>(`${base(org)}/risk-criteria/versions`, { signal }),
    enabled,
  });
}

/** Refreshes every risk answer and the audit log after a write. */
export function useInvalidateRisks(org: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: risksKey(org) }),
      queryClient.invalidateQueries({ queryKey: ['org', org, 'audit-log'] }),
    ]);
}

export function useSaveCriteria(org: string) {
  const invalidate = useInvalidateRisks(org);
  return useMutation({
    mutationFn: (input: RiskCriteriaInput) => apiRequest<RiskCriteria>(`${base(org)}/risk-criteria`, { method: 'PUT', body: input }),
    onSuccess: invalidate,
  });
}

// ---------- Register ----------

export interface RiskFilters {
  q?: string;
  status?: RiskStatus[];
  level?: string[];
  needsAttention?: 'true' | 'false';
  reviewOverdue?: 'true';
  treatmentOverdue?: 'true';
  likelihood?: number;
  impact?: number;
  residual?: 'true';
  systemId?: string;
}

export interface RiskListParams extends RiskFilters {
  sort: RiskSortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface RiskList {
  items: Risk[];
  total: number;
  page: number;
  pageSize: number;
}

/** The query string of a risk list: repeated keys for multi-valued filters, empty values left out. */
export function riskQuery(params: Partial<RiskListParams>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const v of value) query.append(key, String(v));
    else if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  return query;
}

export function useRisks(org: string, params: RiskListParams) {
  return useQuery({
    queryKey: [...risksKey(org), 'list', params],
    queryFn: ({ signal }) => api.get<RiskList>(`${base(org)}/risks?${riskQuery(params).toString()}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHeatMap(org: string, systemId?: string) {
  return useQuery({
    queryKey: [...risksKey(org), 'heat-map', systemId ?? null],
    queryFn: ({ signal }) => api.get<HeatMap>(`${base(org)}/risks/heat-map`, { query: { systemId }, signal }),
  });
}

export function useRisk(org: string, id: string) {
  return useQuery({
    queryKey: [...risksKey(org), 'risk', id],
    queryFn: ({ signal }) => api.get<Risk>(`${base(org)}/risks/${seg(id)}`, { signal }),
  });
}

export function useCreateRisk(org: string) {
  const invalidate = useInvalidateRisks(org);
  return useMutation({
    mutationFn: (input: RiskInput) => api.post<Risk>(`${base(org)}/risks`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateRisk(org: string) {
  const invalidate = useInvalidateRisks(org);
  return useMutation({
    mutationFn: ({ id, ...patch }: RiskPatch & { id: string }) => api.patch<Risk>(`${base(org)}/risks/${seg(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useUpdateTreatment(org: string) {
  const invalidate = useInvalidateRisks(org);
  return useMutation({
    mutationFn: ({ id, ...input }: RiskTreatmentInput & { id: string }) =>
      apiRequest<Risk>(`${base(org)}/risks/${seg(id)}/treatment`, { method: 'PUT', body: input }),
    onSuccess: invalidate,
  });
}

export function useAcceptRisk(org: string) {
  const invalidate = useInvalidateRisks(org);
  return useMutation({
    mutationFn: ({ id, comment, version }: { id: string; comment: string; version: number }) =>
      api.post<Risk>(`${base(org)}/risks/${seg(id)}/acceptance`, { comment, version }),
    onSuccess: invalidate,
  });
}

export function useDeleteRisk(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base(org)}/risks/${seg(id)}`),
    onSuccess: (_data, id) => {
      // The page of the deleted risk must not refetch (a 404) while it navigates away.
      queryClient.removeQueries({ queryKey: [...risksKey(org), 'risk', id] });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: risksKey(org), refetchType: 'none' }),
        queryClient.invalidateQueries({ queryKey: ['org', org, 'audit-log'] }),
      ]);
    },
  });
}

/** The audit trail of a risk or an assessment, newest first. */
export function useRecordHistory(org: string, kind: 'risks' | 'risk-assessments', id: string) {
  return useQuery({
    queryKey: [...risksKey(org), 'history', kind, id],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`${base(org)}/${kind}/${seg(id)}/history`, { signal }),
  });
}

// ---------- Assessment runs ----------

export function useAssessments(org: string) {
  return useQuery({
    queryKey: [...risksKey(org), 'assessments', 'list'],
    queryFn: ({ signal }) => api.get<RiskAssessment[]>(`${base(org)}/risk-assessments`, { signal }),
  });
}

export function useReassessmentStatus(org: string) {
  return useQuery({
    queryKey: [...risksKey(org), 'assessments', 'status'],
    queryFn: ({ signal }) => api.get<ReassessmentStatus>(`${base(org)}/risk-assessments/status`, { signal }),
  });
}

export function useAssessment(org: string, id: string) {
  return useQuery({
    queryKey: [...risksKey(org), 'assessments', 'one', id],
    queryFn: ({ signal }) => api.get<RiskAssessment>(`${base(org)}/risk-assessments/${seg(id)}`, { signal }),
  });
}

export function useCreateAssessment(org: string) {
  const invalidate = useInvalidateRisks(org);
  return useMutation({
    mutationFn: (input: RiskAssessmentInput) => api.post<RiskAssessment>(`${base(org)}/risk-assessments`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateAssessment(org: string) {
  const invalidate = useInvalidateRisks(org);
  return useMutation({
    mutationFn: ({ id, ...patch }: Partial<RiskAssessmentInput> & { id: string; version: number }) =>
      api.patch<RiskAssessment>(`${base(org)}/risk-assessments/${seg(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useApproveAssessment(org: string) {
  const invalidate = useInvalidateRisks(org);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<RiskAssessment>(`${base(org)}/risk-assessments/${seg(id)}/approve`, { version }),
    onSuccess: invalidate,
  });
}

export function useDeleteAssessment(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base(org)}/risk-assessments/${seg(id)}`),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: [...risksKey(org), 'assessments', 'one', id] });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: risksKey(org), refetchType: 'none' }),
        queryClient.invalidateQueries({ queryKey: ['org', org, 'audit-log'] }),
      ]);
    },
  });
}

// ---------- AI systems, for linking ----------

/**
 * AI systems for a picker: up to 500, searched on the server when the inventory holds more than
 * one page (the search covers reference, name, purpose and owner).
 */
export function useSystemOptions(org: string, search: string, enabled = true) {
  return useQuery({
    queryKey: ['org', org, 'inventory', 'systems', 'options', search],
    queryFn: ({ signal }) =>
      api.get<SystemList>(`${base(org)}/systems`, { query: { sort: 'name', pageSize: 500, q: search || undefined }, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}
