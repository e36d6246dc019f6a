import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEntryViewSchema } from '../../../../src/domain/schemas/audit-log.schemas.ts';
import type {
  Objective,
  ObjectiveDetail,
  ObjectiveInput,
  ObjectiveMeasure,
  ObjectiveMeasurement,
  ObjectivePatchSchema,
  ObjectiveProgress,
  ObjectiveStatus,
} from '../../../../src/domain/schemas/objectives.schemas.ts';
import { api, seg } from '../../lib/api.ts';

export type { Objective, ObjectiveDetail, ObjectiveInput, ObjectiveMeasure, ObjectiveMeasurement, ObjectiveProgress, ObjectiveStatus };
/** A PATCH body as sent: the fields to change (defaults not applied) and the version read. */
export type ObjectivePatch = z.input<typeof ObjectivePatchSchema>;
export type HistoryEntry = z.infer<typeof AuditEntryViewSchema>;

/** Everything about AI objectives is cached under this key; any write refreshes all of it. */
export const objectivesKey = (org: string) => ['org', org, 'objectives'] as const;

const base = (org: string) => `/api/orgs/${seg(org)}/objectives`;

/** In-app addresses of the objective pages. */
export const objectivePaths = {
  list: (org: string) => `/orgs/${seg(org)}/objectives`,
  add: (org: string, planRef?: string) => `/orgs/${seg(org)}/objectives/new${planRef ? `?plan=${seg(planRef)}` : ''}`,
  objective: (org: string, idOrRef: string) => `/orgs/${seg(org)}/objectives/${seg(idOrRef)}`,
  edit: (org: string, idOrRef: string) => `/orgs/${seg(org)}/objectives/${seg(idOrRef)}/edit`,
  /** The evidence form with this objective already linked. */
  addEvidence: (org: string, ref: string) => `/orgs/${seg(org)}/evidence/new?objective=${seg(ref)}`,
};

export interface ObjectiveListParams {
  status?: ObjectiveStatus;
  overdue?: 'true' | 'false';
  planId?: string;
}

export function useObjectives(org: string, params: ObjectiveListParams = {}) {
  return useQuery({
    queryKey: [...objectivesKey(org), 'list', params],
    queryFn: ({ signal }) => api.get<Objective[]>(base(org), { query: { ...params }, signal }),
  });
}

export function useObjective(org: string, idOrRef: string) {
  return useQuery({
    queryKey: [...objectivesKey(org), 'objective', idOrRef],
    queryFn: ({ signal }) => api.get<ObjectiveDetail>(`${base(org)}/${seg(idOrRef)}`, { signal }),
  });
}

/** After a write: the objectives, and what an objective changes elsewhere (evidence links, the audit log). */
function useInvalidateObjectives(org: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [objectivesKey(org), ['org', org, 'evidence'], ['org', org, 'audit-log']].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
}

export function useCreateObjective(org: string) {
  const invalidate = useInvalidateObjectives(org);
  return useMutation({
    mutationFn: (input: ObjectiveInput) => api.post<Objective>(base(org), input),
    onSuccess: invalidate,
  });
}

export function useUpdateObjective(org: string, id: string) {
  const invalidate = useInvalidateObjectives(org);
  return useMutation({
    mutationFn: (patch: ObjectivePatch) => api.patch<Objective>(`${base(org)}/${seg(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteObjective(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base(org)}/${seg(id)}`),
    onSuccess: (_data, id) => {
      // The deleted objective's page must not refetch it (a 404) while the page goes away.
      queryClient.removeQueries({ queryKey: [...objectivesKey(org), 'objective', id] });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: objectivesKey(org), refetchType: 'none' }),
        queryClient.invalidateQueries({ queryKey: ['org', org, 'evidence'] }),
      ]);
    },
  });
}

/** An objective's audit entries, newest first. */
export function useObjectiveHistory(org: string, id: string) {
  return useQuery({
    queryKey: [...objectivesKey(org), 'history', id],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`${base(org)}/${seg(id)}/history`, { signal }),
  });
}
