import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntryViewSchema } from '../../domain/schemas/audit-log.schemas.ts';
import { OrgParamsSchema } from '../../domain/schemas/common.schemas.ts';
import { CoverageQuerySchema, FrameworkCoverageSchema } from '../../domain/schemas/coverage.schemas.ts';
import {
  ControlImplementationDetailSchema,
  ControlImplementationInputSchema,
  ControlImplementationListQuerySchema,
  ControlImplementationListSchema,
  SoaApproveInputSchema,
  SoaComparisonSchema,
  SoaDocumentSchema,
  SoaExportQuerySchema,
  SoaRefSchema,
  SoaVersionListItemSchema,
} from '../../domain/schemas/controls.schemas.ts';
import { renderSoa } from '../../reports/soa-export.ts';
import { requireOrgPrincipal } from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { frameworkCoverage } from './coverage.service.ts';
import { getImplementation, implementationHistory, listImplementations, saveImplementation } from './control-implementation.service.ts';
import { approveSoa, compareSoa, getSoaVersion, listSoaVersions, liveSoa, soaDocument } from './soa.service.ts';

const ControlParamsSchema = OrgParamsSchema.extend({
  framework: z.string().min(1).max(64).describe('iso42001-2023 (Annex A) or org-controls (your own controls)'),
  control: z.string().min(1).max(64).describe('control id, e.g. A.6.2.4'),
});
const ScopeQuerySchema = z.object({
  systemId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe('an AI system (id or ref) for its own implementation; organization level when left out'),
});
const VersionParamsSchema = OrgParamsSchema.extend({ number: z.coerce.number().int().min(1).max(999_999_999) });

/** Control implementations and the Statement of Applicability. */
export const controlRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, catalog }) => {
  const principalOf = (request: FastifyRequest) => requireOrgPrincipal(db, request, (request.params as { org: string }).org);
  const tags = ['controls'];

  app.get(
    '/api/orgs/:org/controls',
    {
      schema: {
        tags,
        summary: 'Recorded control implementations (organization level and per AI system), filtered and paginated',
        params: OrgParamsSchema,
        querystring: ControlImplementationListQuerySchema,
        response: { 200: ControlImplementationListSchema },
      },
    },
    async (request) => listImplementations(db, await principalOf(request), catalog, request.query),
  );
  app.get(
    '/api/orgs/:org/controls/coverage',
    {
      schema: {
        tags,
        summary: 'Your coverage of ISO/IEC 27001, the NIST AI RMF or the EU AI Act through your controls and their evidence',
        description:
          'Each target item (27001 Annex A control, AI RMF subcategory, EU AI Act article) with the controls that map to it through ' +
          'the crosswalks and its state: covered, in-progress, not-covered, clauses-only (only ISO/IEC 42001 clauses map to it) or ' +
          'no-mapping (no crosswalk reaches it). 404 for a framework not in the catalog, 422 for one coverage is not computed for.',
        params: OrgParamsSchema,
        querystring: CoverageQuerySchema,
        response: { 200: FrameworkCoverageSchema },
      },
    },
    async (request) => frameworkCoverage(db, await principalOf(request), catalog, request.query.framework),
  );
  app.get(
    '/api/orgs/:org/controls/:framework/:control',
    {
      schema: {
        tags,
        summary: "One control's implementation (blank while nothing is recorded), with the risks that name it",
        params: ControlParamsSchema,
        querystring: ScopeQuerySchema,
        response: { 200: ControlImplementationDetailSchema },
      },
    },
    async (request) =>
      getImplementation(db, await principalOf(request), catalog, request.params.framework, request.params.control, request.query.systemId),
  );
  app.put(
    '/api/orgs/:org/controls/:framework/:control',
    {
      schema: {
        tags,
        summary: "Record or change a control's implementation; fields left out keep their value",
        description:
          'Excluding (applicable: false) needs exclusionJustification (422 otherwise) and sets the status not-applicable; ' +
          'not-applicable is only the status of an excluded control. Send the version you read (none for a first record); a stale one gets 409.',
        params: ControlParamsSchema,
        querystring: ScopeQuerySchema,
        body: ControlImplementationInputSchema,
        response: { 200: ControlImplementationDetailSchema },
      },
    },
    async (request) =>
      saveImplementation(
        db,
        await principalOf(request),
        catalog,
        request.params.framework,
        request.params.control,
        request.query.systemId,
        request.body,
      ),
  );
  app.get(
    '/api/orgs/:org/controls/:framework/:control/history',
    {
      schema: {
        tags,
        summary: "Audit history of a control's implementation, newest first",
        params: ControlParamsSchema,
        querystring: ScopeQuerySchema,
        response: { 200: z.array(AuditEntryViewSchema) },
      },
    },
    async (request) =>
      implementationHistory(
        db,
        await principalOf(request),
        catalog,
        request.params.framework,
        request.params.control,
        request.query.systemId,
      ),
  );

  app.get(
    '/api/orgs/:org/soa',
    {
      schema: {
        tags,
        summary: 'The live Statement of Applicability: every Annex A control, then your own controls',
        params: OrgParamsSchema,
        response: { 200: SoaDocumentSchema },
      },
    },
    async (request) => liveSoa(db, await principalOf(request), catalog),
  );
  app.get(
    '/api/orgs/:org/soa/versions',
    {
      schema: {
        tags,
        summary: 'Approved SoA versions, newest first',
        params: OrgParamsSchema,
        response: { 200: z.array(SoaVersionListItemSchema) },
      },
    },
    async (request) => listSoaVersions(db, await principalOf(request)),
  );
  app.post(
    '/api/orgs/:org/soa/versions',
    {
      schema: {
        tags,
        summary: 'Approve the SoA as it is now: frozen as the next version (owners and AIMS managers)',
        params: OrgParamsSchema,
        body: SoaApproveInputSchema,
        response: { 201: SoaVersionListItemSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await approveSoa(db, await principalOf(request), catalog, request.body)),
  );
  app.get(
    '/api/orgs/:org/soa/versions/:number',
    {
      schema: {
        tags,
        summary: 'One approved SoA version, exactly as frozen',
        params: VersionParamsSchema,
        response: { 200: SoaDocumentSchema },
      },
    },
    async (request) => getSoaVersion(db, await principalOf(request), request.params.number),
  );
  app.get(
    '/api/orgs/:org/soa/compare',
    {
      schema: {
        tags,
        summary: 'What changed between two SoAs (version numbers or "live")',
        params: OrgParamsSchema,
        querystring: z.object({ from: SoaRefSchema, to: SoaRefSchema.default('live') }),
        response: { 200: SoaComparisonSchema },
      },
    },
    async (request) => compareSoa(db, await principalOf(request), catalog, request.query.from, request.query.to),
  );
  app.get(
    '/api/orgs/:org/soa/export',
    {
      schema: {
        tags,
        summary: 'Export the SoA (live, or an approved version) as XLSX, PDF, DOCX or OSCAL JSON',
        params: OrgParamsSchema,
        querystring: SoaExportQuerySchema,
      },
    },
    async (request, reply) => {
      const principal = await principalOf(request);
      const doc = await soaDocument(db, principal, catalog, request.query.version, 'querystring.version');
      const file = await renderSoa(request.query.format, doc);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      reply.header('cache-control', 'no-store');
      return reply.type(file.mediaType).send(file.body);
    },
  );
};
