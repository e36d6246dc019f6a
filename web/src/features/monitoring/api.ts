import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEntryViewSchema } from '../../../../src/domain/schemas/audit-log.schemas.ts';
import type { EvaluationSpec, InputFingerprint, MetricKind, Threshold } from '../../../../src/domain/schemas/metrics.schemas.ts';
import type {
  AlertState,
  MonitoringFrequency,
  MonitoringPlan,
  MonitoringPlanInput,
  MonitoringPlanPatchSchema,
  MonitoringRun,
  MonitoringRunListSchema,
  MonitoringRunSummary,
  RaisedMonitoringRisk,
  RunSource,
  RunStatus,
  ThresholdOutcomeView,
  Trend,
} from '../../../../src/domain/schemas/monitoring.schemas.ts';
import { api, seg } from '../../lib/api.ts';
import type { CountsBody } from './counts-csv.ts';
import { sendRunFiles, type RunFileField, type UploadProgress } from './upload.ts';

export type {
  AlertState,
  EvaluationSpec,
  InputFingerprint,
  MetricKind,
  MonitoringFrequency,
  MonitoringPlan,
  MonitoringPlanInput,
  MonitoringRun,
  MonitoringRunSummary,
  RaisedMonitoringRisk,
  RunFileField,
  RunSource,
  RunStatus,
  Threshold,
  ThresholdOutcomeView,
  Trend,
  UploadProgress,
};
export type MonitoringRunList = z.infer<typeof MonitoringRunListSchema>;
/** A PATCH body as sent: the fields to change (defaults not applied) and the version read. */
export type MonitoringPlanPatch = z.input<typeof MonitoringPlanPatchSchema>;
export type HistoryEntry = z.infer<typeof AuditEntryViewSchema>;

/** Everything about monitoring is cached under this key; any write refreshes all of it. */
export const monitoringKey = (org: string) => ['org', org, 'monitoring'] as const;

const base = (org: string) => `/api/orgs/${seg(org)}/monitoring`;

/** In-app addresses of the monitoring pages, and of the records a run links to. */
export const monitoringPaths = {
  home: (org: string) => `/orgs/${seg(org)}/monitoring`,
  newPlan: (org: string, systemId?: string) => `/orgs/${seg(org)}/monitoring/plans/new${systemId ? `?system=${seg(systemId)}` : ''}`,
  plan: (org: string, idOrRef: string) => `/orgs/${seg(org)}/monitoring/plans/${seg(idOrRef)}`,
  editPlan: (org: string, idOrRef: string) => `/orgs/${seg(org)}/monitoring/plans/${seg(idOrRef)}/edit`,
  run: (org: string, idOrRef: string) => `/orgs/${seg(org)}/monitoring/runs/${seg(idOrRef)}`,
  system: (org: string, id: string, tab?: string) => `/orgs/${seg(org)}/inventory/systems/${seg(id)}${tab ? `?tab=${seg(tab)}` : ''}`,
  evidence: (org: string, idOrRef: string) => `/orgs/${seg(org)}/evidence/${seg(idOrRef)}`,
  risk: (org: string, idOrRef: string) => `/orgs/${seg(org)}/risks/${seg(idOrRef)}`,
};

// ---------- plans ----------

export interface PlanListParams {
  systemId?: string;
  status?: MonitoringPlan['status'];
  overdue?: 'true' | 'false';
}

export function usePlans(org: string, params: PlanListParams = {}) {
  return useQuery({
    queryKey: [...monitoringKey(org), 'plans', params],
    queryFn: ({ signal }) => api.get<MonitoringPlan[]>(`${base(org)}/plans`, { query: { ...params }, signal }),
  });
}

export function usePlan(org: string, idOrRef: string) {
  return useQuery({
    queryKey: [...monitoringKey(org), 'plan', idOrRef],
    queryFn: ({ signal }) => api.get<MonitoringPlan>(`${base(org)}/plans/${seg(idOrRef)}`, { signal }),
  });
}

/** After a write: monitoring, and what a run or an alert changes elsewhere (evidence, risks, the SoA, readiness, the audit log). */
export function useInvalidateMonitoring(org: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [
        monitoringKey(org),
        ['org', org, 'evidence'],
        ['org', org, 'risks'],
        ['org', org, 'controls'],
        ['org', org, 'readiness'],
        ['org', org, 'audit-log'],
        ['org', org, 'objectives'],
      ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
}

export function useCreatePlan(org: string) {
  const invalidate = useInvalidateMonitoring(org);
  return useMutation({
    mutationFn: (input: MonitoringPlanInput) => api.post<MonitoringPlan>(`${base(org)}/plans`, input),
    onSuccess: invalidate,
  });
}

export function useUpdatePlan(org: string, id: string) {
  const invalidate = useInvalidateMonitoring(org);
  return useMutation({
    mutationFn: (patch: MonitoringPlanPatch) => api.patch<MonitoringPlan>(`${base(org)}/plans/${seg(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeletePlan(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base(org)}/plans/${seg(id)}`),
    onSuccess: (_data, id) => {
      // The deleted plan's page must not refetch it (a 404) while the page goes away.
      queryClient.removeQueries({ queryKey: [...monitoringKey(org), 'plan', id] });
      return queryClient.invalidateQueries({ queryKey: monitoringKey(org), refetchType: 'none' });
    },
  });
}

export function useTrend(org: string, planId: string, key: string | null) {
  return useQuery({
    queryKey: [...monitoringKey(org), 'trend', planId, key],
    queryFn: ({ signal }) => api.get<Trend>(`${base(org)}/plans/${seg(planId)}/trend`, { query: { key }, signal }),
    placeholderData: keepPreviousData,
  });
}

// ---------- runs ----------

export interface RunListParams {
  planId?: string;
  systemId?: string;
  status?: RunStatus;
  limit?: number;
}

/** Runs newest first, a page at a time ("Load older runs" fetches the next). */
export function useRuns(org: string, params: RunListParams) {
  return useInfiniteQuery({
    queryKey: [...monitoringKey(org), 'runs', params],
    queryFn: ({ signal, pageParam }) =>
      api.get<MonitoringRunList>(`${base(org)}/runs`, { query: { ...params, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRun(org: string, idOrRef: string) {
  return useQuery({
    queryKey: [...monitoringKey(org), 'run', idOrRef],
    queryFn: ({ signal }) => api.get<MonitoringRun>(`${base(org)}/runs/${seg(idOrRef)}`, { signal }),
  });
}

export interface RunUpload {
  files: Partial<Record<RunFileField, File>>;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** Runs the plan on uploaded data: multipart with `data`, or `reference` and `current` for drift, with upload progress. */
export function useUploadRun(org: string, planId: string) {
  const invalidate = useInvalidateMonitoring(org);
  return useMutation({
    mutationFn: ({ files, onProgress, signal }: RunUpload) =>
      sendRunFiles<MonitoringRun>(`${base(org)}/plans/${seg(planId)}/runs`, { files, onProgress, signal }),
    onSuccess: invalidate,
  });
}

/** Runs a fairness plan on confusion counts computed in the team's own pipeline (a JSON body; no rows are sent). */
export function useCountsRun(org: string, planId: string) {
  const invalidate = useInvalidateMonitoring(org);
  return useMutation({
    mutationFn: (body: CountsBody) => api.post<MonitoringRun>(`${base(org)}/plans/${seg(planId)}/runs/counts`, body),
    onSuccess: invalidate,
  });
}

// ---------- alerts ----------

export type AlertListState = Exclude<AlertState, 'none'>;

export function useAlerts(org: string, params: { state: AlertListState; systemId?: string }) {
  return useQuery({
    queryKey: [...monitoringKey(org), 'alerts', params],
    queryFn: ({ signal }) => api.get<MonitoringRunSummary[]>(`${base(org)}/alerts`, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAcknowledgeAlert(org: string) {
  const invalidate = useInvalidateMonitoring(org);
  return useMutation({
    mutationFn: ({ runId, note }: { runId: string; note: string }) =>
      api.post<MonitoringRunSummary>(`${base(org)}/runs/${seg(runId)}/acknowledge`, { note }),
    onSuccess: invalidate,
  });
}

export function useRaiseRisk(org: string) {
  const invalidate = useInvalidateMonitoring(org);
  return useMutation({
    mutationFn: (runId: string) => api.post<RaisedMonitoringRisk>(`${base(org)}/runs/${seg(runId)}/raise-risk`),
    onSuccess: invalidate,
  });
}

// ---------- history ----------

/** A plan's or a run's audit entries, newest first. */
export function useMonitoringHistory(org: string, kind: 'plans' | 'runs', id: string) {
  return useQuery({
    queryKey: [...monitoringKey(org), 'history', kind, id],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`${base(org)}/${kind}/${seg(id)}/history`, { signal }),
  });
}
