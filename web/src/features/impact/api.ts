import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEntryViewSchema } from '../../../../src/domain/schemas/audit-log.schemas.ts';
import type {
  ImpactAssessment,
  ImpactAssessmentInput,
  ImpactAssessmentPatchSchema,
  ImpactEntryInput,
  ImpactEntrySchema,
  ImpactTemplate,
  ImpactTemplateContent,
  impactAudiences,
  impactStatuses,
  impactTriggers,
  templateFieldTypes,
} from '../../../../src/domain/schemas/impact.schemas.ts';
import type { AiSystem, SystemList } from '../../../../src/domain/schemas/inventory.schemas.ts';
import type { Risk } from '../../../../src/domain/schemas/risk.schemas.ts';
import { api, seg } from '../../lib/api.ts';

export type { ImpactAssessment, ImpactAssessmentInput, ImpactEntryInput, ImpactTemplate, ImpactTemplateContent };
/** A PATCH body as sent (defaults not applied). */
export type ImpactAssessmentPatch = z.input<typeof ImpactAssessmentPatchSchema>;
export type ImpactEntry = z.infer<typeof ImpactEntrySchema>;
export type ImpactStatus = (typeof impactStatuses)[number];
export type ImpactTrigger = (typeof impactTriggers)[number];
export type ImpactAudience = (typeof impactAudiences)[number];
export type TemplateFieldType = (typeof templateFieldTypes)[number];
export type TemplateSection = ImpactTemplateContent['sections'][number];
export type TemplateField = TemplateSection['fields'][number];
export type ImpactArea = ImpactTemplateContent['impactAreas'][number];
export type HistoryEntry = z.infer<typeof AuditEntryViewSchema>;
/** A stored answer: text (text, textarea, single, date), true/false (yes-no) or option values (multi). */
export type AnswerValue = string | boolean | string[];
/** What `POST …/impacts/:impactId/risk` answers (src/features/impact/impact.routes.ts, RaisedRiskSchema). */
export interface RaisedRisk {
  assessment: ImpactAssessment;
  risk: Risk;
}

/** Everything about impact assessments is cached under this key; any write refreshes all of it. */
export const impactKey = (org: string) => ['org', org, 'impact'] as const;

const base = (org: string) => `/api/orgs/${seg(org)}`;

/** In-app addresses of the impact assessment pages. */
export const impactPaths = {
  list: (org: string, search?: URLSearchParams) => {
    const query = search?.toString();
    return `/orgs/${seg(org)}/impact-assessments${query ? `?${query}` : ''}`;
  },
  /** The list with the start form open, the AI system chosen when one is given. */
  start: (org: string, systemId?: string) => `/orgs/${seg(org)}/impact-assessments?start=${seg(systemId ?? '1')}`,
  assessment: (org: string, id: string, tab?: string) => `/orgs/${seg(org)}/impact-assessments/${seg(id)}${tab ? `?tab=${seg(tab)}` : ''}`,
  templates: (org: string) => `/orgs/${seg(org)}/impact-assessments/templates`,
  system: (org: string, id: string) => `/orgs/${seg(org)}/inventory/systems/${seg(id)}`,
  risk: (org: string, id: string) => `/orgs/${seg(org)}/risks/${seg(id)}`,
};

// ---------- Templates ----------

export function useImpactTemplates(org: string) {
  return useQuery({
    queryKey: [...impactKey(org), 'templates'],
    queryFn: ({ signal }) => api.get<ImpactTemplate[]>(`${base(org)}/impact-templates`, { signal }),
  });
}

/** Refreshes every impact answer and the audit log after a write. */
export function useInvalidateImpact(org: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: impactKey(org) }),
      queryClient.invalidateQueries({ queryKey: ['org', org, 'audit-log'] }),
    ]);
}

/** Adds an organization template (the body is the pasted JSON, sent as it is). */
export function useAddTemplate(org: string) {
  const invalidate = useInvalidateImpact(org);
  return useMutation({
    mutationFn: (content: unknown) => api.post<ImpactTemplate>(`${base(org)}/impact-templates`, content),
    onSuccess: invalidate,
  });
}

// ---------- Assessments ----------

export interface ImpactFilters {
  systemId?: string | undefined;
  status?: ImpactStatus[] | undefined;
}

export function useImpactAssessments(org: string, filters: ImpactFilters = {}, enabled = true) {
  const query = new URLSearchParams();
  if (filters.systemId) query.set('systemId', filters.systemId);
  for (const s of filters.status ?? []) query.append('status', s);
  const text = query.toString();
  return useQuery({
    queryKey: [...impactKey(org), 'list', { systemId: filters.systemId ?? null, status: filters.status ?? [] }],
    queryFn: ({ signal }) => api.get<ImpactAssessment[]>(`${base(org)}/impact-assessments${text ? `?${text}` : ''}`, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useImpactAssessment(org: string, id: string) {
  return useQuery({
    queryKey: [...impactKey(org), 'one', id],
    queryFn: ({ signal }) => api.get<ImpactAssessment>(`${base(org)}/impact-assessments/${seg(id)}`, { signal }),
  });
}

/** The template as it was when the assessment was started (a snapshot: it never changes). */
export function useAssessmentTemplate(org: string, id: string) {
  return useQuery({
    queryKey: [...impactKey(org), 'snapshot', id],
    queryFn: ({ signal }) => api.get<ImpactTemplate>(`${base(org)}/impact-assessments/${seg(id)}/template`, { signal }),
    staleTime: Infinity,
  });
}

export function useImpactHistory(org: string, id: string) {
  return useQuery({
    queryKey: [...impactKey(org), 'history', id],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`${base(org)}/impact-assessments/${seg(id)}/history`, { signal }),
  });
}

export function useCreateImpactAssessment(org: string) {
  const invalidate = useInvalidateImpact(org);
  return useMutation({
    mutationFn: (input: ImpactAssessmentInput) => api.post<ImpactAssessment>(`${base(org)}/impact-assessments`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateImpactAssessment(org: string) {
  const invalidate = useInvalidateImpact(org);
  return useMutation({
    mutationFn: ({ id, ...patch }: ImpactAssessmentPatch & { id: string }) =>
      api.patch<ImpactAssessment>(`${base(org)}/impact-assessments/${seg(id)}`, patch),
    onSuccess: invalidate,
  });
}

/** Submit for review, approve: a status step that names the version read. */
export function useImpactStep(org: string, step: 'submit' | 'approve') {
  const invalidate = useInvalidateImpact(org);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<ImpactAssessment>(`${base(org)}/impact-assessments/${seg(id)}/${step}`, { version }),
    onSuccess: invalidate,
  });
}

export function useReviseImpactAssessment(org: string) {
  const invalidate = useInvalidateImpact(org);
  return useMutation({
    mutationFn: (id: string) => api.post<ImpactAssessment>(`${base(org)}/impact-assessments/${seg(id)}/revise`),
    onSuccess: invalidate,
  });
}

export function useDeleteImpactAssessment(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base(org)}/impact-assessments/${seg(id)}`),
    onSuccess: (_data, id) => {
      // The page of the deleted assessment must not refetch (a 404) while it navigates away.
      queryClient.removeQueries({ queryKey: [...impactKey(org), 'one', id] });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: impactKey(org), refetchType: 'none' }),
        queryClient.invalidateQueries({ queryKey: ['org', org, 'audit-log'] }),
      ]);
    },
  });
}

/** Raises a risk in the register from one harmful impact; the risk pages are refreshed too. */
export function useRaiseRisk(org: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateImpact(org);
  return useMutation({
    mutationFn: ({ id, impactId }: { id: string; impactId: string }) =>
      api.post<RaisedRisk>(`${base(org)}/impact-assessments/${seg(id)}/impacts/${seg(impactId)}/risk`),
    onSuccess: () => Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: ['org', org, 'risks'] })]),
  });
}

// ---------- AI systems, for the picker ----------

/**
 * AI systems for a picker: up to 500, searched on the server as you type when the inventory holds
 * more (the search covers reference, name, purpose and owner).
 */
export function useSystemChoices(org: string, search: string, enabled = true) {
  return useQuery({
    queryKey: ['org', org, 'inventory', 'systems', 'options', search],
    queryFn: ({ signal }) =>
      api.get<SystemList>(`${base(org)}/systems`, { query: { sort: 'name', pageSize: 500, q: search || undefined }, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** One AI system (shared with the inventory's cache), e.g. the one handed over by its page. */
export function useSystemById(org: string, id: string | null) {
  return useQuery({
    queryKey: ['org', org, 'inventory', 'system', id],
    queryFn: ({ signal }) => api.get<AiSystem>(`${base(org)}/systems/${seg(id ?? '')}`, { signal }),
    enabled: id !== null,
  });
}
