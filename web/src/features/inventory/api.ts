import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEntryViewSchema } from '../../../../src/domain/schemas/audit-log.schemas.ts';
import type {
  AiSystem,
  AiSystemInput,
  AiSystemPatch,
  Classification,
  ClassificationAnswers,
  ClassificationResult,
  ClassifyRequest,
  Dataset,
  DatasetInput,
  DatasetPatch,
  DataCategorySchema,
  DueDiligenceStatusSchema,
  InventoryKind,
  InventorySummary,
  Model,
  ModelInput,
  ModelPatch,
  Obligation,
  Question,
  Questionnaire,
  Relation,
  RelationInput,
  RelationKind,
  Supplier,
  SupplierInput,
  SupplierPatch,
  SystemImportResult,
  SystemList,
  systemSortFields,
} from '../../../../src/domain/schemas/inventory.schemas.ts';
import { api, seg } from '../../lib/api.ts';
import type { RiskFilter } from './labels.ts';

export type {
  AiSystem,
  AiSystemInput,
  AiSystemPatch,
  Classification,
  ClassificationAnswers,
  ClassificationResult,
  Dataset,
  DatasetInput,
  DatasetPatch,
  InventoryKind,
  InventorySummary,
  Model,
  ModelInput,
  ModelPatch,
  Obligation,
  Question,
  Questionnaire,
  Relation,
  RelationInput,
  RelationKind,
  Supplier,
  SupplierInput,
  SupplierPatch,
  SystemImportResult,
  SystemList,
};
export type DueDiligenceStatus = z.infer<typeof DueDiligenceStatusSchema>;
export type DataCategory = z.infer<typeof DataCategorySchema>;
export type SystemSortField = (typeof systemSortFields)[number];
export type HistoryEntry = z.infer<typeof AuditEntryViewSchema>;
export type AnswerValue = ClassificationAnswers[string];

/** The EU AI Act framework in the catalog: obligation and question refs point into it. */
export const EU_AI_ACT = 'eu-ai-act-2024';

/** Everything inventory-related is cached under this key; any write refreshes all of it. */
export const inventoryKey = (org: string) => ['org', org, 'inventory'] as const;

const base = (org: string) => `/api/orgs/${seg(org)}`;

/** The API path of each kind's collection. */
const collection: Record<InventoryKind, string> = { system: 'systems', supplier: 'suppliers', dataset: 'datasets', model: 'models' };

/** In-app addresses of the inventory pages. */
export const inventoryPaths = {
  home: (org: string, search?: URLSearchParams) => {
    const query = search?.toString();
    return `/orgs/${seg(org)}/inventory${query ? `?${query}` : ''}`;
  },
  system: (org: string, id: string, tab?: string) => `/orgs/${seg(org)}/inventory/systems/${seg(id)}${tab ? `?tab=${seg(tab)}` : ''}`,
  classify: (org: string, id: string) => `/orgs/${seg(org)}/inventory/systems/${seg(id)}/classify`,
  list: (org: string, kind: Exclude<InventoryKind, 'system'>) => `/orgs/${seg(org)}/inventory/${collection[kind]}`,
  record: (org: string, kind: InventoryKind, id: string) => `/orgs/${seg(org)}/inventory/${collection[kind]}/${seg(id)}`,
};

// ---------- AI systems ----------

export interface SystemFilters {
  q?: string;
  stage?: string[];
  riskClass?: RiskFilter[];
  euRole?: string;
  isoRole?: string;
  inScope?: 'true' | 'false';
  owner?: string;
  businessUnit?: string;
  reviewOverdue?: 'true' | 'false';
}

export interface SystemListParams extends SystemFilters {
  sort: SystemSortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** The query string of a system list or export: repeated keys for multi-valued filters, empty values left out. */
export function systemQuery(params: SystemFilters & Partial<SystemListParams> & { format?: string }): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const v of value) query.append(key, String(v));
    else if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  return query;
}

/** The export download: a plain link (the session cookie authenticates GETs). */
export function systemExportUrl(org: string, format: 'csv' | 'xlsx', filters: SystemFilters & Partial<SystemListParams>): string {
  const { page: _page, pageSize: _pageSize, ...rest } = filters;
  return `${base(org)}/systems/export?${systemQuery({ ...rest, format }).toString()}`;
}

export function useSystems(org: string, params: SystemListParams) {
  return useQuery({
    queryKey: [...inventoryKey(org), 'systems', 'list', params],
    queryFn: ({ signal }) => api.get<SystemList>(`${base(org)}/systems?${systemQuery(params).toString()}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every AI system (up to 500), for pickers. */
export function useAllSystems(org: string, enabled = true) {
  return useQuery({
    queryKey: [...inventoryKey(org), 'systems', 'all'],
    queryFn: ({ signal }) => api.get<SystemList>(`${base(org)}/systems`, { query: { sort: 'name', pageSize: 500 }, signal }),
    enabled,
  });
}

export function useInventorySummary(org: string) {
  return useQuery({
    queryKey: [...inventoryKey(org), 'systems', 'summary'],
    queryFn: ({ signal }) => api.get<InventorySummary>(`${base(org)}/systems/summary`, { signal }),
  });
}

export function useSystem(org: string, id: string) {
  return useQuery({
    queryKey: [...inventoryKey(org), 'system', id],
    queryFn: ({ signal }) => api.get<AiSystem>(`${base(org)}/systems/${seg(id)}`, { signal }),
  });
}

/** Refreshes every inventory answer and the audit log after a write. */
export function useInvalidateInventory(org: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: inventoryKey(org) }),
      queryClient.invalidateQueries({ queryKey: ['org', org, 'audit-log'] }),
    ]);
}

export function useCreateSystem(org: string) {
  const invalidate = useInvalidateInventory(org);
  return useMutation({
    mutationFn: (input: AiSystemInput) => api.post<AiSystem>(`${base(org)}/systems`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateSystem(org: string) {
  const invalidate = useInvalidateInventory(org);
  return useMutation({
    mutationFn: ({ id, ...patch }: AiSystemPatch & { id: string }) => api.patch<AiSystem>(`${base(org)}/systems/${seg(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteSystem(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base(org)}/systems/${seg(id)}`),
    onSuccess: (_data, id) => {
      // The page of the deleted system must not refetch (a 404) while it navigates away.
      queryClient.removeQueries({ queryKey: [...inventoryKey(org), 'system', id] });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: inventoryKey(org), refetchType: 'none' }),
        queryClient.invalidateQueries({ queryKey: ['org', org, 'audit-log'] }),
      ]);
    },
  });
}

export interface ImportInput {
  file: Blob;
  contentType: string;
  dryRun: boolean;
}

export function useImportSystems(org: string) {
  const invalidate = useInvalidateInventory(org);
  return useMutation({
    mutationFn: ({ file, contentType, dryRun }: ImportInput) =>
      api.upload<SystemImportResult>(`${base(org)}/systems/import`, file, contentType, { query: { dryRun: String(dryRun) } }),
    onSuccess: (result) => (result.committed ? invalidate() : undefined),
  });
}

// ---------- Classification ----------

/** The questionnaire changes only with a Trellis release. */
const QUESTIONNAIRE_STALE_MS = 30 * 60_000;

export function useQuestionnaire(org: string) {
  return useQuery({
    queryKey: [...inventoryKey(org), 'questionnaire'],
    queryFn: ({ signal }) => api.get<Questionnaire>(`${base(org)}/classification/questionnaire`, { signal }),
    staleTime: QUESTIONNAIRE_STALE_MS,
  });
}

export function useClassifications(org: string, systemId: string) {
  return useQuery({
    queryKey: [...inventoryKey(org), 'classifications', systemId],
    queryFn: ({ signal }) => api.get<Classification[]>(`${base(org)}/systems/${seg(systemId)}/classifications`, { signal }),
  });
}

/** The outcome for a complete set of answers, without saving anything. */
export function useClassificationPreview(org: string, answers: ClassificationAnswers | null) {
  return useQuery({
    queryKey: [...inventoryKey(org), 'preview', answers],
    queryFn: ({ signal }) => api.post<ClassificationResult>(`${base(org)}/classification/preview`, { answers }, { signal }),
    enabled: answers !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });
}

export function useClassify(org: string, systemId: string) {
  const invalidate = useInvalidateInventory(org);
  return useMutation({
    mutationFn: (input: ClassifyRequest) => api.post<Classification>(`${base(org)}/systems/${seg(systemId)}/classifications`, input),
    onSuccess: invalidate,
  });
}

// ---------- Suppliers, data sets, models ----------

export interface RecordTypes {
  supplier: { record: Supplier; input: SupplierInput; patch: SupplierPatch };
  dataset: { record: Dataset; input: DatasetInput; patch: DatasetPatch };
  model: { record: Model; input: ModelInput; patch: ModelPatch };
}
export type RecordKind = keyof RecordTypes;

export function useRecords<K extends RecordKind>(org: string, kind: K, enabled = true) {
  return useQuery({
    queryKey: [...inventoryKey(org), collection[kind], 'list'],
    queryFn: ({ signal }) => api.get<RecordTypes[K]['record'][]>(`${base(org)}/${collection[kind]}`, { signal }),
    enabled,
  });
}

export function useRecord<K extends RecordKind>(org: string, kind: K, id: string) {
  return useQuery({
    queryKey: [...inventoryKey(org), collection[kind], 'one', id],
    queryFn: ({ signal }) => api.get<RecordTypes[K]['record']>(`${base(org)}/${collection[kind]}/${seg(id)}`, { signal }),
  });
}

export function useCreateRecord<K extends RecordKind>(org: string, kind: K) {
  const invalidate = useInvalidateInventory(org);
  return useMutation({
    mutationFn: (input: RecordTypes[K]['input']) => api.post<RecordTypes[K]['record']>(`${base(org)}/${collection[kind]}`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateRecord<K extends RecordKind>(org: string, kind: K) {
  const invalidate = useInvalidateInventory(org);
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: RecordTypes[K]['patch'] }) =>
      api.patch<RecordTypes[K]['record']>(`${base(org)}/${collection[kind]}/${seg(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteRecord(org: string, kind: RecordKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base(org)}/${collection[kind]}/${seg(id)}`),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: [...inventoryKey(org), collection[kind], 'one', id] });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: inventoryKey(org), refetchType: 'none' }),
        queryClient.invalidateQueries({ queryKey: ['org', org, 'audit-log'] }),
      ]);
    },
  });
}

// ---------- Relations and history (every kind) ----------

export function useRelations(org: string, kind: InventoryKind, id: string) {
  return useQuery({
    queryKey: [...inventoryKey(org), 'relations', kind, id],
    queryFn: ({ signal }) => api.get<Relation[]>(`${base(org)}/${collection[kind]}/${seg(id)}/relations`, { signal }),
  });
}

export function useAddRelation(org: string) {
  const invalidate = useInvalidateInventory(org);
  return useMutation({
    mutationFn: (input: RelationInput) => api.post<Relation>(`${base(org)}/relations`, input),
    onSuccess: invalidate,
  });
}

export function useRemoveRelation(org: string) {
  const invalidate = useInvalidateInventory(org);
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base(org)}/relations/${seg(id)}`),
    onSuccess: invalidate,
  });
}

export function useHistory(org: string, kind: InventoryKind, id: string) {
  return useQuery({
    queryKey: [...inventoryKey(org), 'history', kind, id],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`${base(org)}/${collection[kind]}/${seg(id)}/history`, { signal }),
  });
}
