import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VersionSchema } from '../../domain/schemas/common.schemas.ts';
import { AuditEntryViewSchema } from '../../domain/schemas/audit-log.schemas.ts';
import { OrgParamsSchema } from '../../domain/schemas/common.schemas.ts';
import {
  HeatMapSchema,
  ReassessmentStatusSchema,
  RiskAcceptanceInputSchema,
  RiskAssessmentInputSchema,
  RiskAssessmentPatchSchema,
  RiskAssessmentSchema,
  RiskCriteriaInputSchema,
  RiskCriteriaSchema,
  RiskInputSchema,
  RiskListQuerySchema,
  RiskListSchema,
  RiskPatchSchema,
  RiskSchema,
  RiskTreatmentInputSchema,
} from '../../domain/schemas/risk.schemas.ts';
import { requireOrgPrincipal } from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { recordHistory } from '../audit-log/audit-log.service.ts';
import { acceptSpreadsheetBodies, IMPORT_BODY_LIMIT, uploadedSpreadsheet } from '../shared/spreadsheet-upload.ts';
import { importRisks } from './risk-import.service.ts';
import {
  approveAssessment,
  assessmentIdOf,
  createAssessment,
  deleteAssessment,
  getAssessment,
  listAssessments,
  reassessmentStatus,
  updateAssessment,
} from './risk-assessment.service.ts';
import { getCriteria, listCriteriaVersions, saveCriteria } from './risk-criteria.service.ts';
import { acceptRisk, createRisk, deleteRisk, getRisk, heatMap, listRisks, riskIdOf, updateRisk, updateTreatment } from './risk.service.ts';

const RefParamsSchema = OrgParamsSchema.extend({ id: z.string().min(1).max(64).describe('id or ref (RSK-0001, RA-0001)') });
const HistorySchema = z.array(AuditEntryViewSchema);

const ImportIssueSchema = z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() });
const RiskImportResultSchema = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  format: z.enum(['csv', 'xlsx']),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(ImportIssueSchema),
});

export const riskRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, catalog }) => {
  acceptSpreadsheetBodies(app);
  const principalOf = (request: FastifyRequest) => requireOrgPrincipal(db, request, (request.params as { org: string }).org);

  // ---------- Criteria (6.1.1) ----------
  app.get(
    '/api/orgs/:org/risk-criteria',
    {
      schema: {
        tags: ['risks'],
        summary: 'The current risk criteria (the built-in default until you save your own)',
        params: OrgParamsSchema,
        response: { 200: RiskCriteriaSchema },
      },
    },
    async (request) => getCriteria(db, await principalOf(request)),
  );
  app.get(
    '/api/orgs/:org/risk-criteria/versions',
    {
      schema: {
        tags: ['risks'],
        summary: 'Every version of the risk criteria, newest first',
        params: OrgParamsSchema,
        response: { 200: z.array(RiskCriteriaSchema) },
      },
    },
    async (request) => listCriteriaVersions(db, await principalOf(request)),
  );
  app.put(
    '/api/orgs/:org/risk-criteria',
    {
      schema: {
        tags: ['risks'],
        summary:
          'Save new risk criteria as the next version (owners and AIMS managers); existing risks keep their levels until scored again',
        params: OrgParamsSchema,
        body: RiskCriteriaInputSchema,
        response: { 200: RiskCriteriaSchema },
      },
    },
    async (request) => saveCriteria(db, await principalOf(request), request.body),
  );

  // ---------- Register (6.1.2) ----------
  app.get(
    '/api/orgs/:org/risks',
    {
      schema: {
        tags: ['risks'],
        summary: 'The risk register: filtered, sorted, paginated',
        params: OrgParamsSchema,
        querystring: RiskListQuerySchema,
        response: { 200: RiskListSchema },
      },
    },
    async (request) => listRisks(db, await principalOf(request), catalog, request.query),
  );
  app.get(
    '/api/orgs/:org/risks/heat-map',
    {
      schema: {
        tags: ['risks'],
        summary: 'Counts per likelihood × impact cell, inherent and residual (open risks), with overdue counts',
        params: OrgParamsSchema,
        querystring: z.object({ systemId: z.uuid().optional() }),
        response: { 200: HeatMapSchema },
      },
    },
    async (request) => heatMap(db, await principalOf(request), request.query.systemId),
  );
  app.post(
    '/api/orgs/:org/risks/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['risks'],
        summary: 'Import risks from CSV or XLSX (raw file as the body); all rows or none',
        description:
          'Columns (header row, any order): ref, title (required), description, risk_source, systems (AI system refs separated by ";"), consequences_organization, ' +
          'consequences_individuals, consequences_society, likelihood, impact (steps of the current criteria scales), owner, status, review_due. ' +
          'A row whose ref names an existing risk updates it. With dryRun=true nothing is written; a commit with any bad row writes nothing and answers 400 with details.result.',
        params: OrgParamsSchema,
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false'), format: z.enum(['csv', 'xlsx']).optional() }),
        response: { 200: RiskImportResultSchema },
      },
    },
    async (request) => {
      const principal = await principalOf(request);
      const file = uploadedSpreadsheet(request.body, request.headers['content-type'], request.query.format);
      return importRisks(db, principal, file, request.query.dryRun === 'true');
    },
  );
  app.post(
    '/api/orgs/:org/risks',
    {
      schema: {
        tags: ['risks'],
        summary: 'Add a risk to the register',
        params: OrgParamsSchema,
        body: RiskInputSchema,
        response: { 201: RiskSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createRisk(db, await principalOf(request), catalog, request.body)),
  );
  app.get(
    '/api/orgs/:org/risks/:id',
    { schema: { tags: ['risks'], summary: 'One risk (by id or ref)', params: RefParamsSchema, response: { 200: RiskSchema } } },
    async (request) => getRisk(db, await principalOf(request), catalog, request.params.id),
  );
  app.patch(
    '/api/orgs/:org/risks/:id',
    {
      schema: {
        tags: ['risks'],
        summary: 'Change a risk (identification and analysis); new scores withdraw an acceptance',
        params: RefParamsSchema,
        body: RiskPatchSchema,
        response: { 200: RiskSchema },
      },
    },
    async (request) => updateRisk(db, await principalOf(request), catalog, request.params.id, request.body),
  );
  app.put(
    '/api/orgs/:org/risks/:id/treatment',
    {
      schema: {
        tags: ['risks'],
        summary: 'Set the treatment: option, plan, controls, actions, residual scores (6.1.3, 8.3)',
        params: RefParamsSchema,
        body: RiskTreatmentInputSchema,
        response: { 200: RiskSchema },
      },
    },
    async (request) => updateTreatment(db, await principalOf(request), catalog, request.params.id, request.body),
  );
  app.post(
    '/api/orgs/:org/risks/:id/acceptance',
    {
      schema: {
        tags: ['risks'],
        summary: 'Accept the residual risk (only roles the criteria allow for its level)',
        params: RefParamsSchema,
        body: RiskAcceptanceInputSchema,
        response: { 200: RiskSchema },
      },
    },
    async (request) => acceptRisk(db, await principalOf(request), catalog, request.params.id, request.body),
  );
  app.delete(
    '/api/orgs/:org/risks/:id',
    {
      schema: {
        tags: ['risks'],
        summary: 'Delete a risk (its history stays in the audit log)',
        params: RefParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteRisk(db, await principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/orgs/:org/risks/:id/history',
    {
      schema: {
        tags: ['risks'],
        summary: 'Audit history of a risk, newest first',
        params: RefParamsSchema,
        response: { 200: HistorySchema },
      },
    },
    async (request) => {
      const principal = await principalOf(request);
      return recordHistory(db, principal, await riskIdOf(db, principal, request.params.id));
    },
  );

  // ---------- Assessment runs (8.2) ----------
  app.get(
    '/api/orgs/:org/risk-assessments',
    {
      schema: {
        tags: ['risks'],
        summary: 'Risk assessment runs, newest first',
        params: OrgParamsSchema,
        response: { 200: z.array(RiskAssessmentSchema) },
      },
    },
    async (request) => listAssessments(db, await principalOf(request)),
  );
  app.get(
    '/api/orgs/:org/risk-assessments/status',
    {
      schema: {
        tags: ['risks'],
        summary: 'Whether a reassessment is due, and why',
        params: OrgParamsSchema,
        response: { 200: ReassessmentStatusSchema },
      },
    },
    async (request) => reassessmentStatus(db, await principalOf(request)),
  );
  app.post(
    '/api/orgs/:org/risk-assessments',
    {
      schema: {
        tags: ['risks'],
        summary: 'Start a risk assessment (a draft)',
        params: OrgParamsSchema,
        body: RiskAssessmentInputSchema,
        response: { 201: RiskAssessmentSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createAssessment(db, await principalOf(request), request.body)),
  );
  app.get(
    '/api/orgs/:org/risk-assessments/:id',
    {
      schema: {
        tags: ['risks'],
        summary: 'One assessment with its results (live while a draft, frozen once approved)',
        params: RefParamsSchema,
        response: { 200: RiskAssessmentSchema },
      },
    },
    async (request) => getAssessment(db, await principalOf(request), request.params.id),
  );
  app.patch(
    '/api/orgs/:org/risk-assessments/:id',
    {
      schema: {
        tags: ['risks'],
        summary: 'Change a draft assessment',
        params: RefParamsSchema,
        body: RiskAssessmentPatchSchema,
        response: { 200: RiskAssessmentSchema },
      },
    },
    async (request) => updateAssessment(db, await principalOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/orgs/:org/risk-assessments/:id/approve',
    {
      schema: {
        tags: ['risks'],
        summary: 'Approve an assessment: its results are frozen (owners and AIMS managers)',
        params: RefParamsSchema,
        body: z.strictObject({ version: VersionSchema }),
        response: { 200: RiskAssessmentSchema },
      },
    },
    async (request) => approveAssessment(db, await principalOf(request), request.params.id, request.body.version),
  );
  app.delete(
    '/api/orgs/:org/risk-assessments/:id',
    { schema: { tags: ['risks'], summary: 'Delete a draft assessment', params: RefParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteAssessment(db, await principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/orgs/:org/risk-assessments/:id/history',
    { schema: { tags: ['risks'], summary: 'Audit history of an assessment', params: RefParamsSchema, response: { 200: HistorySchema } } },
    async (request) => {
      const principal = await principalOf(request);
      return recordHistory(db, principal, await assessmentIdOf(db, principal, request.params.id));
    },
  );
};
