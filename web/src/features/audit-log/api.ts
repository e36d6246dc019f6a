import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEntryViewSchema, AuditLogPageSchema, AuditVerifySchema } from '../../../../src/domain/schemas/audit-log.schemas.ts';
import { api, seg } from '../../lib/api.ts';

export type AuditEntry = z.infer<typeof AuditEntryViewSchema>;
export type AuditLogPage = z.infer<typeof AuditLogPageSchema>;
export type AuditVerifyResult = z.infer<typeof AuditVerifySchema>;

export interface AuditFilters {
  action?: string;
  entityType?: string;
  /** ISO date-times. */
  from?: string;
  to?: string;
}

const PAGE_SIZE = 50;

export const auditLogKey = (org: string) => ['org', org, 'audit-log'] as const;

function fetchPage(org: string, filters: AuditFilters, beforeSeq: number | undefined, limit: number, signal?: AbortSignal) {
  return api.get<AuditLogPage>(`/api/orgs/${seg(org)}/audit-log`, {
    query: { ...filters, beforeSeq, limit },
    ...(signal ? { signal } : {}),
  });
}

/** The audit log, newest first, one page of 50 at a time. */
export function useAuditLog(org: string, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: [...auditLogKey(org), 'list', filters],
    queryFn: ({ pageParam, signal }) => fetchPage(org, filters, pageParam, PAGE_SIZE, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
    retry: false,
  });
}

/** The latest events, for the overview. */
export function useRecentAuditEvents(org: string, enabled: boolean, limit = 10) {
  return useQuery({
    queryKey: [...auditLogKey(org), 'recent', limit],
    queryFn: ({ signal }) => fetchPage(org, {}, undefined, limit, signal),
    enabled,
    retry: false,
  });
}

/** The hash-chain check, run when the page loads (overview). */
export function useAuditVerify(org: string, enabled: boolean) {
  return useQuery({
    queryKey: [...auditLogKey(org), 'verify'],
    queryFn: () => api.get<AuditVerifyResult>(`/api/orgs/${seg(org)}/audit-log/verify`),
    enabled,
    retry: false,
    staleTime: 0,
  });
}

/** The hash-chain check, run on demand (the "Verify chain" button). */
export function useVerifyAuditChain(org: string) {
  return useMutation({ mutationFn: () => api.get<AuditVerifyResult>(`/api/orgs/${seg(org)}/audit-log/verify`) });
}
