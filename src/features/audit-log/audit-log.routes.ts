import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditLogPageSchema, AuditLogQuerySchema, AuditVerifySchema } from '../../domain/schemas/audit-log.schemas.ts';
import { OrgParamsSchema } from '../../domain/schemas/common.schemas.ts';
import { requirePermission } from '../../domain/principal.ts';
import { requireOrgPrincipal } from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { listAuditLog, verifyAuditChains } from './audit-log.service.ts';

export const auditLogRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/orgs/:org/audit-log',
    {
      schema: {
        tags: ['audit log'],
        summary: "The organization's audit log, newest first (owners, AIMS managers, auditors)",
        params: OrgParamsSchema,
        querystring: AuditLogQuerySchema,
        response: { 200: AuditLogPageSchema },
      },
    },
    async (request) => listAuditLog(db, await requireOrgPrincipal(db, request, request.params.org), request.query),
  );

  app.get(
    '/api/orgs/:org/audit-log/verify',
    {
      schema: {
        tags: ['audit log'],
        summary: "Recompute the organization's hash chain and report the first bad entry",
        params: OrgParamsSchema,
        response: { 200: AuditVerifySchema },
      },
    },
    async (request) => {
      const principal = await requireOrgPrincipal(db, request, request.params.org);
      requirePermission(principal, 'audit-log.read');
      return verifyAuditChains(db, { chain: principal.orgId });
    },
  );
};
