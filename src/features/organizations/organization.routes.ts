import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OrgParamsSchema } from '../../domain/schemas/common.schemas.ts';
import { OrganizationCreateSchema, OrganizationUpdateSchema, OrganizationViewSchema } from '../../domain/schemas/organization.schemas.ts';
import { requireOrgPrincipal, requireSession, requestContext } from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { userActor } from '../auth/auth.service.ts';
import { createOrganization, getOrganization, updateOrganization } from './organization.service.ts';

export const organizationRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.post(
    '/api/orgs',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Create an organization; you become its owner',
        body: OrganizationCreateSchema,
        response: { 201: OrganizationViewSchema },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const org = await createOrganization(db, request.body, session.user.id, userActor(session.user, requestContext(request).ip));
      return reply.status(201).send(org);
    },
  );

  app.get(
    '/api/orgs/:org',
    {
      schema: { tags: ['organizations'], summary: 'One organization', params: OrgParamsSchema, response: { 200: OrganizationViewSchema } },
    },
    async (request) => getOrganization(db, await requireOrgPrincipal(db, request, request.params.org)),
  );

  app.patch(
    '/api/orgs/:org',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Rename the organization (owners)',
        params: OrgParamsSchema,
        body: OrganizationUpdateSchema,
        response: { 200: OrganizationViewSchema },
      },
    },
    async (request) => updateOrganization(db, await requireOrgPrincipal(db, request, request.params.org), request.body),
  );
};
