import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OrgParamsSchema } from '../../domain/schemas/common.schemas.ts';
import { ReadinessQuerySchema, ReadinessRuleSchema, ReadinessSchema } from '../../domain/schemas/readiness.schemas.ts';
import { requireOrgPrincipal } from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { getReadiness, listReadinessRules } from './readiness.service.ts';

/** The certification readiness view. */
export const readinessRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, catalog }) => {
  const tags = ['readiness'];

  app.get(
    '/api/orgs/:org/readiness',
    {
      schema: {
        tags,
        summary: 'Certification readiness: every clause 4–10 requirement and Annex A control checked against your live records',
        description:
          'The overall figure, a figure per clause and per Annex A area (passed / total × 100, rounded down), every check in ' +
          'catalog order and the gaps (most important first), each with where it is fixed. asOf (today or later, e.g. the audit ' +
          'date) counts what will have expired or fallen due by then; a day in the past is refused (400). Any member may read it.',
        params: OrgParamsSchema,
        querystring: ReadinessQuerySchema,
        response: { 200: ReadinessSchema },
      },
    },
    async (request) => getReadiness(db, await requireOrgPrincipal(db, request, request.params.org), catalog, request.query),
  );

  app.get(
    '/api/orgs/:org/readiness/rules',
    {
      schema: {
        tags,
        summary: 'The readiness rules as data: what each checks, when it passes and where it is fixed (paths carry ":org")',
        params: OrgParamsSchema,
        response: { 200: z.array(ReadinessRuleSchema) },
      },
    },
    async (request) => listReadinessRules(await requireOrgPrincipal(db, request, request.params.org)),
  );
};
