import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEntryViewSchema } from '../../../../src/domain/schemas/audit-log.schemas.ts';
import type {
  ControlImplementation,
  ControlImplementationDetail,
  ControlImplementationInput,
  ControlImplementationList,
  ImplementationStatus,
  InclusionReason,
  SoaComparison,
  SoaDocument,
  SoaFlag,
  SoaRow,
  SoaVersionInfo,
  SoaVersionListItem,
  soaCompareFields,
  soaExportFormats,
} from '../../../../src/domain/schemas/controls.schemas.ts';
import { api, apiRequest, seg } from '../../lib/api.ts';

export type {
  ControlImplementation,
  ControlImplementationDetail,
  ControlImplementationInput,
  ImplementationStatus,
  InclusionReason,
  SoaComparison,
  SoaDocument,
  SoaFlag,
  SoaRow,
  SoaVersionInfo,
  SoaVersionListItem,
};
export type SoaFlagCode = SoaFlag['code'];
export type SoaCompareField = (typeof soaCompareFields)[number];
export type SoaExportFormat = (typeof soaExportFormats)[number];
export type InclusionReasonKind = InclusionReason['kind'];
export type HistoryEntry = z.infer<typeof AuditEntryViewSchema>;
/** An SoA to read or compare: an approved version number, or the live SoA. */
export type SoaRef = number | 'live';

/** The framework of the Annex A controls, and of the organization's own controls. */
export const ANNEX_A = 'iso42001-2023';
export const OWN_CONTROLS = 'org-controls';

/** Everything about controls and the SoA is cached under this key; any write refreshes all of it. */
export const controlsKey = (org: string) => ['org', org, 'controls'] as const;

const base = (org: string) => `/api/orgs/${seg(org)}`;
const controlBase = (org: string, framework: string, control: string) => `${base(org)}/controls/${seg(framework)}/${seg(control)}`;

/** In-app addresses of the controls pages, and of the records they link to. */
export const controlPaths = {
  soa: (org: string, search?: URLSearchParams) => {
    const query = search?.toString();
    return `/orgs/${seg(org)}/controls${query ? `?${query}` : ''}`;
  },
  control: (org: string, framework: string, control: string) => `/orgs/${seg(org)}/controls/${seg(framework)}/${seg(control)}`,
  versions: (org: string, compare?: { from: SoaRef; to: SoaRef }) =>
    `/orgs/${seg(org)}/controls/versions${compare ? `?from=${compare.from}&to=${compare.to}` : ''}`,
  version: (org: string, number: number) => `/orgs/${seg(org)}/controls/versions/${number}`,
  risk: (org: string, ref: string) => `/orgs/${seg(org)}/risks/${seg(ref)}`,
  evidence: (org: string, ref: string) => `/orgs/${seg(org)}/evidence/${seg(ref)}`,
  system: (org: string, id: string) => `/orgs/${seg(org)}/inventory/systems/${seg(id)}`,
  catalogItem: (org: string, framework: string, item: string) => `/orgs/${seg(org)}/catalog/${seg(framework)}/items/${seg(item)}`,
};

/** The address of an SoA export: a plain download (the session cookie authenticates GETs). */
export function soaExportUrl(org: string, format: SoaExportFormat, version?: number): string {
  const query = new URLSearchParams({ format });
  if (version !== undefined) query.set('version', String(version));
  return `${base(org)}/soa/export?${query.toString()}`;
}

// ---------- The SoA ----------

export function useSoa(org: string) {
  return useQuery({
    queryKey: [...controlsKey(org), 'soa', 'live'],
    queryFn: ({ signal }) => api.get<SoaDocument>(`${base(org)}/soa`, { signal }),
  });
}

export function useSoaVersions(org: string) {
  return useQuery({
    queryKey: [...controlsKey(org), 'soa', 'versions'],
    queryFn: ({ signal }) => api.get<SoaVersionListItem[]>(`${base(org)}/soa/versions`, { signal }),
  });
}

/** One approved version; it never changes, so it is never refetched. */
export function useSoaVersion(org: string, number: number) {
  return useQuery({
    queryKey: [...controlsKey(org), 'soa', 'version', number],
    queryFn: ({ signal }) => api.get<SoaDocument>(`${base(org)}/soa/versions/${number}`, { signal }),
    staleTime: Infinity,
    enabled: Number.isInteger(number) && number > 0,
  });
}

export function useSoaComparison(org: string, from: SoaRef | null, to: SoaRef | null) {
  return useQuery({
    queryKey: [...controlsKey(org), 'soa', 'compare', from, to],
    queryFn: ({ signal }) => api.get<SoaComparison>(`${base(org)}/soa/compare`, { query: { from: String(from), to: String(to) }, signal }),
    enabled: from !== null && to !== null,
  });
}

/** Refreshes every controls answer, the readiness and evidence views that derive from them, and the audit log. */
export function useInvalidateControls(org: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: controlsKey(org) }),
      queryClient.invalidateQueries({ queryKey: ['org', org, 'audit-log'] }),
    ]);
}

export function useApproveSoa(org: string) {
  const invalidate = useInvalidateControls(org);
  return useMutation({
    mutationFn: (input: { comment: string }) => api.post<SoaVersionListItem>(`${base(org)}/soa/versions`, input),
    onSuccess: invalidate,
  });
}

// ---------- Control implementations ----------

/** One control's implementation at organization level, or for an AI system (`systemId`). */
export function useImplementation(org: string, framework: string, control: string, systemId?: string | null) {
  return useQuery({
    queryKey: [...controlsKey(org), 'implementation', framework, control, systemId ?? null],
    queryFn: ({ signal }) =>
      api.get<ControlImplementationDetail>(controlBase(org, framework, control), { query: { systemId: systemId ?? undefined }, signal }),
    enabled: Boolean(framework && control),
  });
}

const SYSTEM_PAGE = 500;
/** Pages read at most for one control's AI-system implementations (the list API pages by 500). */
const SYSTEM_PAGES = 20;

/**
 * The AI-system-level implementations recorded for one control. The list API filters by
 * framework and scope, so the control is picked out here, page by page.
 */
export function useSystemImplementations(org: string, framework: string, control: string) {
  return useQuery({
    queryKey: [...controlsKey(org), 'systems', framework, control],
    queryFn: async ({ signal }) => {
      const out: ControlImplementation[] = [];
      let total = 0;
      for (let page = 1; page <= SYSTEM_PAGES; page += 1) {
        const list = await api.get<ControlImplementationList>(`${base(org)}/controls`, {
          query: { framework, scope: 'systems', pageSize: SYSTEM_PAGE, page },
          signal,
        });
        total = list.total;
        out.push(...list.items.filter((i) => i.control === control));
        if (page * SYSTEM_PAGE >= list.total) break;
      }
      return { items: out, complete: total <= SYSTEM_PAGE * SYSTEM_PAGES };
    },
  });
}

export interface SaveImplementationArgs {
  framework: string;
  control: string;
  systemId?: string | null;
  input: ControlImplementationInput;
}

export function useSaveImplementation(org: string) {
  const invalidate = useInvalidateControls(org);
  return useMutation({
    mutationFn: ({ framework, control, systemId, input }: SaveImplementationArgs) =>
      apiRequest<ControlImplementationDetail>(controlBase(org, framework, control), {
        method: 'PUT',
        body: input,
        query: { systemId: systemId ?? undefined },
      }),
    onSuccess: invalidate,
  });
}

/** The audit trail of a control's implementation (organization level or one AI system), newest first. */
export function useImplementationHistory(org: string, framework: string, control: string, systemId?: string | null) {
  return useQuery({
    queryKey: [...controlsKey(org), 'history', framework, control, systemId ?? null],
    queryFn: ({ signal }) =>
      api.get<HistoryEntry[]>(`${controlBase(org, framework, control)}/history`, { query: { systemId: systemId ?? undefined }, signal }),
  });
}
