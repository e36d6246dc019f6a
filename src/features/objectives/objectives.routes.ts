import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntryViewSchema } from '../../domain/schemas/audit-log.schemas.ts';
import { OrgParamsSchema } from '../../domain/schemas/common.schemas.ts';
import {
  ObjectiveDetailSchema,
  ObjectiveInputSchema,
  ObjectiveListQuerySchema,
  ObjectivePatchSchema,
  ObjectiveSchema,
} from '../../domain/schemas/objectives.schemas.ts';
import { requireOrgPrincipal } from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { recordHistory } from '../audit-log/audit-log.service.ts';
import { createObjective, deleteObjective, getObjective, listObjectives, objectiveIdOf, updateObjective } from './objectives.service.ts';

const tags = ['objectives'];
const BASE = '/api/orgs/:org/objectives';
const ParamsSchema = OrgParamsSchema.extend({ id: z.string().min(1).max(64).describe('objective id or ref (OBJ-0001)') });

/** AI objectives and the planning to achieve them (ISO/IEC 42001 6.2). */
export const objectivesRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, catalog }) => {
  const principalOf = (request: FastifyRequest) => requireOrgPrincipal(db, request, (request.params as { org: string }).org);

  app.get(
    BASE,
    {
      schema: {
        tags,
        summary: 'AI objectives by ref (filter by status, overdue, measuring plan)',
        params: OrgParamsSchema,
        querystring: ObjectiveListQuerySchema,
        response: { 200: z.array(ObjectiveSchema) },
      },
    },
    async (request) => listObjectives(db, await principalOf(request), catalog, request.query),
  );

  app.post(
    BASE,
    {
      schema: {
        tags,
        summary: 'Add an AI objective',
        description:
          'With a measure, a monitoring plan measures it: each run of the plan is evidence for the objective, and its latest run says whether the target is met.',
        params: OrgParamsSchema,
        body: ObjectiveInputSchema,
        response: { 201: ObjectiveSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createObjective(db, await principalOf(request), catalog, request.body)),
  );

  app.get(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        summary: 'One AI objective with its measurements and evidence',
        params: ParamsSchema,
        response: { 200: ObjectiveDetailSchema },
      },
    },
    async (request) => getObjective(db, await principalOf(request), catalog, request.params.id),
  );

  app.patch(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        summary: 'Change an AI objective (send the version you read; 409 when stale)',
        description: '`measure: null` stops measuring it by a plan; the runs already linked stay its evidence.',
        params: ParamsSchema,
        body: ObjectivePatchSchema,
        response: { 200: ObjectiveSchema },
      },
    },
    async (request) => updateObjective(db, await principalOf(request), catalog, request.params.id, request.body),
  );

  app.delete(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        summary: 'Delete an AI objective; evidence linked to it stays (mark it withdrawn to keep it on record)',
        params: ParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteObjective(db, await principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${BASE}/:id/history`,
    {
      schema: {
        tags,
        summary: 'Audit history of an AI objective, newest first',
        params: ParamsSchema,
        response: { 200: z.array(AuditEntryViewSchema) },
      },
    },
    async (request) => {
      const principal = await principalOf(request);
      return recordHistory(db, principal, await objectiveIdOf(db, principal, request.params.id));
    },
  );
};
