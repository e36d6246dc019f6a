import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OrgParamsSchema } from '../../domain/schemas/common.schemas.ts';
import { ApiTokenCreateSchema, ApiTokenIssuedSchema, ApiTokenViewSchema } from '../../domain/schemas/token.schemas.ts';
import { requireOrgPrincipal } from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { createApiToken, listTokens, revokeToken } from './api-token.service.ts';

export const apiTokenRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/orgs/:org/tokens',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'API tokens: your own, or all of the organization for owners',
        params: OrgParamsSchema,
        response: { 200: z.array(ApiTokenViewSchema) },
      },
    },
    async (request) => listTokens(db, await requireOrgPrincipal(db, request, request.params.org)),
  );

  app.post(
    '/api/orgs/:org/tokens',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Create an API token acting with your role in this organization; the secret is returned once',
        params: OrgParamsSchema,
        body: ApiTokenCreateSchema,
        response: { 201: ApiTokenIssuedSchema },
      },
    },
    async (request, reply) => {
      const principal = await requireOrgPrincipal(db, request, request.params.org);
      return reply.status(201).send(await createApiToken(db, principal, request.body));
    },
  );

  app.delete(
    '/api/orgs/:org/tokens/:tokenId',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Revoke a token (yours, or any for owners)',
        params: OrgParamsSchema.extend({ tokenId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeToken(db, await requireOrgPrincipal(db, request, request.params.org), request.params.tokenId);
      return reply.status(204).send(null);
    },
  );
};
