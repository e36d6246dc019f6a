import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntryViewSchema } from '../../domain/schemas/audit-log.schemas.ts';
import { OrgParamsSchema, VersionSchema } from '../../domain/schemas/common.schemas.ts';
import {
  ImpactAssessmentInputSchema,
  ImpactAssessmentPatchSchema,
  ImpactAssessmentSchema,
  ImpactTemplateContentSchema,
  ImpactTemplateSchema,
  impactStatuses,
} from '../../domain/schemas/impact.schemas.ts';
import { RiskSchema } from '../../domain/schemas/risk.schemas.ts';
import { requireOrgPrincipal } from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { recordHistory } from '../audit-log/audit-log.service.ts';
import { addTemplate, listTemplates } from './impact-template.service.ts';
import {
  approveAssessment,
  assessmentIdOf,
  assessmentTemplate,
  createAssessment,
  deleteAssessment,
  getAssessment,
  listAssessments,
  raiseRisk,
  reviseAssessment,
  submitAssessment,
  updateAssessment,
} from './impact.service.ts';

const TAGS = ['impact-assessments'];
const AssessmentParamsSchema = OrgParamsSchema.extend({
  id: z.string().min(1).max(64).describe('impact assessment id or ref (e.g. IA-0001)'),
});
const ImpactParamsSchema = AssessmentParamsSchema.extend({ impactId: z.uuid().describe('the id of an impact entry') });
const StatusSchema = z.enum(impactStatuses);
const ListQuerySchema = z.object({
  systemId: z.string().min(1).max(64).optional().describe('only the assessments of this AI system (id or ref)'),
  status: z
    .union([StatusSchema, z.array(StatusSchema)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]))
    .describe('one or more statuses (repeat the parameter)'),
});
const VersionBodySchema = z.strictObject({ version: VersionSchema });
export const RaisedRiskSchema = z.object({
  assessment: ImpactAssessmentSchema.describe('the assessment, with the risk noted on the impact'),
  risk: RiskSchema,
});
export type RaisedRisk = z.infer<typeof RaisedRiskSchema>;

/** AI system impact assessments (6.1.4, 8.4, A.5.2–A.5.5) and EU AI Act FRIAs (Art. 27). */
export const impactRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  const principalOf = (request: FastifyRequest) => requireOrgPrincipal(db, request, (request.params as { org: string }).org);

  // ---------- Templates ----------

  app.get(
    '/api/orgs/:org/impact-templates',
    {
      schema: {
        tags: TAGS,
        summary: 'Impact assessment templates: the built-in ones and the newest version of each of the organization’s own',
        params: OrgParamsSchema,
        response: { 200: z.array(ImpactTemplateSchema) },
      },
    },
    async (request) => listTemplates(db, await principalOf(request)),
  );

  app.post(
    '/api/orgs/:org/impact-templates',
    {
      schema: {
        tags: TAGS,
        summary: 'Add an organization template, or a new version of one (owners and AIMS managers)',
        description:
          'The same format as the built-in templates. A new `version` under an existing `id` becomes that template’s newest version; ' +
          'assessments already started keep the version they were started from. Built-in ids are reserved.',
        params: OrgParamsSchema,
        body: ImpactTemplateContentSchema,
        response: { 201: ImpactTemplateSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await addTemplate(db, await principalOf(request), request.body)),
  );

  // ---------- Assessments ----------

  app.get(
    '/api/orgs/:org/impact-assessments',
    {
      schema: {
        tags: TAGS,
        summary: 'Impact assessments, newest first (filter by AI system and status)',
        params: OrgParamsSchema,
        querystring: ListQuerySchema,
        response: { 200: z.array(ImpactAssessmentSchema) },
      },
    },
    async (request) => listAssessments(db, await principalOf(request), request.query),
  );

  app.post(
    '/api/orgs/:org/impact-assessments',
    {
      schema: {
        tags: TAGS,
        summary: 'Start an impact assessment of an AI system from a template',
        description:
          'The template (its newest version) is copied into the assessment, so later template changes do not alter it. ' +
          'Questions the AI system record answers (purpose, intended use, foreseeable misuse, affected persons, automation, human oversight, …) ' +
          'are pre-filled unless `answers` names them.',
        params: OrgParamsSchema,
        body: ImpactAssessmentInputSchema,
        response: { 201: ImpactAssessmentSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createAssessment(db, await principalOf(request), request.body)),
  );

  app.get(
    '/api/orgs/:org/impact-assessments/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'One impact assessment (by id or ref)',
        params: AssessmentParamsSchema,
        response: { 200: ImpactAssessmentSchema },
      },
    },
    async (request) => getAssessment(db, await principalOf(request), request.params.id),
  );

  app.get(
    '/api/orgs/:org/impact-assessments/:id/template',
    {
      schema: {
        tags: TAGS,
        summary: 'The template an assessment was started from, as it was then (its questions and impact areas)',
        params: AssessmentParamsSchema,
        response: { 200: ImpactTemplateSchema },
      },
    },
    async (request) => assessmentTemplate(db, await principalOf(request), request.params.id),
  );

  app.patch(
    '/api/orgs/:org/impact-assessments/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Change a draft or an assessment in review (send the version you read)',
        description:
          '`answers` is merged into the stored answers (a null removes an answer); `impacts` replaces the list: keep an entry’s `id` ' +
          'to keep that entry (and the risk raised from it), leave it out for a new one. Approved assessments are frozen (409).',
        params: AssessmentParamsSchema,
        body: ImpactAssessmentPatchSchema,
        response: { 200: ImpactAssessmentSchema },
      },
    },
    async (request) => updateAssessment(db, await principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/orgs/:org/impact-assessments/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a draft (assessments in review or approved are kept)',
        params: AssessmentParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteAssessment(db, await principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/orgs/:org/impact-assessments/:id/submit',
    {
      schema: {
        tags: TAGS,
        summary: 'Submit a draft for review',
        params: AssessmentParamsSchema,
        body: VersionBodySchema,
        response: { 200: ImpactAssessmentSchema },
      },
    },
    async (request) => submitAssessment(db, await principalOf(request), request.params.id, request.body.version),
  );

  app.post(
    '/api/orgs/:org/impact-assessments/:id/approve',
    {
      schema: {
        tags: TAGS,
        summary: 'Approve an assessment in review (owners and AIMS managers); every required question must be answered (else 422)',
        description: 'Approving a revision marks the assessment it revises as superseded.',
        params: AssessmentParamsSchema,
        body: VersionBodySchema,
        response: { 200: ImpactAssessmentSchema },
      },
    },
    async (request) => approveAssessment(db, await principalOf(request), request.params.id, request.body.version),
  );

  app.post(
    '/api/orgs/:org/impact-assessments/:id/revise',
    {
      schema: {
        tags: TAGS,
        summary: 'Start a revision of an approved assessment: a new draft copying it, which supersedes it once approved',
        params: AssessmentParamsSchema,
        response: { 201: ImpactAssessmentSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await reviseAssessment(db, await principalOf(request), request.params.id)),
  );

  app.post(
    '/api/orgs/:org/impact-assessments/:id/impacts/:impactId/risk',
    {
      schema: {
        tags: TAGS,
        summary: 'Raise a risk in the register from a harmful impact (once per impact)',
        description:
          'The risk names the assessment as its origin and is linked to the assessment’s AI system; its consequences, likelihood and impact ' +
          'come from the impact entry. A second raise from the same impact answers 409.',
        params: ImpactParamsSchema,
        response: { 201: RaisedRiskSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await raiseRisk(db, await principalOf(request), request.params.id, request.params.impactId)),
  );

  app.get(
    '/api/orgs/:org/impact-assessments/:id/history',
    {
      schema: {
        tags: TAGS,
        summary: 'Audit history of an impact assessment, newest first',
        params: AssessmentParamsSchema,
        response: { 200: z.array(AuditEntryViewSchema) },
      },
    },
    async (request) => {
      const principal = await principalOf(request);
      return recordHistory(db, principal, await assessmentIdOf(db, principal, request.params.id));
    },
  );
};
