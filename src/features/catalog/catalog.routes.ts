import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CatalogImportResultSchema,
  CatalogImportSchema,
  CoverageSchema,
  CrosswalkRowSchema,
  DocumentVersionSchema,
  FrameworkDetailSchema,
  FrameworkSummarySchema,
  OrganizationControlCreateSchema,
  ItemDetailSchema,
  SearchHitSchema,
} from '../../domain/schemas/catalog.schemas.ts';
import { OrgParamsSchema } from '../../domain/schemas/common.schemas.ts';
import { requireOrgPrincipal } from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { findOrganization } from '../organizations/organization.repository.ts';
import {
  addOrganizationControl,
  catalogForOrg,
  coverage,
  describeFramework,
  describeItem,
  exportOscal,
  importCatalogDocument,
  listFrameworks,
  listVersions,
  searchCatalog,
} from './catalog.service.ts';

const FrameworkParams = OrgParamsSchema.extend({ framework: z.string().min(1).max(64) });
const ItemParams = FrameworkParams.extend({ item: z.string().min(1).max(64) });
const tags = ['catalog'];

export const catalogRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, catalog: builtIn }) => {
  const catalogOf = async (request: Parameters<typeof requireOrgPrincipal>[1], org: string) =>
    catalogForOrg(db, builtIn, await requireOrgPrincipal(db, request, org));

  app.get(
    '/api/orgs/:org/catalog/frameworks',
    {
      schema: {
        tags,
        summary: 'Frameworks: built-in and your own',
        params: OrgParamsSchema,
        response: { 200: z.array(FrameworkSummarySchema) },
      },
    },
    async (request) => listFrameworks(await catalogOf(request, request.params.org)),
  );

  app.get(
    '/api/orgs/:org/catalog/frameworks/:framework',
    {
      schema: {
        tags,
        summary: 'A framework with all its items (flat, with parents)',
        params: FrameworkParams,
        response: { 200: FrameworkDetailSchema },
      },
    },
    async (request) => describeFramework(await catalogOf(request, request.params.org), request.params.framework),
  );

  app.get(
    '/api/orgs/:org/catalog/frameworks/:framework/items/:item',
    {
      schema: {
        tags,
        summary: 'One requirement or control: summary, guidance, documented information, and what it maps to in every other framework',
        params: ItemParams,
        response: { 200: ItemDetailSchema },
      },
    },
    async (request) => describeItem(await catalogOf(request, request.params.org), request.params.framework, request.params.item),
  );

  app.get(
    '/api/orgs/:org/catalog/frameworks/:framework/versions',
    {
      schema: {
        tags,
        summary: 'Versions of a framework and what changed in each',
        params: FrameworkParams,
        response: { 200: z.array(DocumentVersionSchema) },
      },
    },
    async (request) => listVersions(db, await requireOrgPrincipal(db, request, request.params.org), builtIn, request.params.framework),
  );

  app.get(
    '/api/orgs/:org/catalog/frameworks/:framework/oscal',
    { schema: { tags, summary: 'The framework as an OSCAL 1.0.6 catalog (JSON)', params: FrameworkParams } },
    async (request, reply) => {
      const doc = exportOscal(await catalogOf(request, request.params.org), request.params.framework);
      void reply.header('content-disposition', `attachment; filename="${request.params.framework.replace(/[^\w.-]/g, '_')}.oscal.json"`);
      return doc;
    },
  );

  app.get(
    '/api/orgs/:org/catalog/crosswalk',
    {
      schema: {
        tags,
        summary: 'Links between two frameworks, oriented from → to whichever way they were written',
        params: OrgParamsSchema,
        querystring: z.object({ from: z.string().min(1).max(64), to: z.string().min(1).max(64) }),
        response: { 200: z.array(CrosswalkRowSchema) },
      },
    },
    async (request) => (await catalogOf(request, request.params.org)).crosswalkBetween(request.query.from, request.query.to),
  );

  app.get(
    '/api/orgs/:org/catalog/coverage',
    {
      schema: {
        tags,
        summary: 'How much of the target framework the source covers, per group, and what has no mapping',
        params: OrgParamsSchema,
        querystring: z.object({ source: z.string().min(1).max(64), target: z.string().min(1).max(64) }),
        response: { 200: CoverageSchema },
      },
    },
    async (request) => coverage(await catalogOf(request, request.params.org), request.query.source, request.query.target),
  );

  app.get(
    '/api/orgs/:org/catalog/search',
    {
      schema: {
        tags,
        summary: 'Full-text search across every framework',
        params: OrgParamsSchema,
        querystring: z.object({ q: z.string().min(1).max(200), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.array(SearchHitSchema) },
      },
    },
    async (request) => searchCatalog(await catalogOf(request, request.params.org), request.query.q, request.query.limit),
  );

  app.post(
    '/api/orgs/:org/catalog/import',
    {
      bodyLimit: 6 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import your own framework or crosswalk (Trellis YAML/JSON format, or an OSCAL catalog)',
        params: OrgParamsSchema,
        body: CatalogImportSchema,
        response: { 201: CatalogImportResultSchema },
      },
    },
    async (request, reply) => {
      const principal = await requireOrgPrincipal(db, request, request.params.org);
      const result = await importCatalogDocument(db, builtIn, principal, request.body.content, request.body.fileName ?? 'upload');
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/orgs/:org/catalog/controls',
    {
      schema: {
        tags,
        summary: "Add one of your organization's own controls beside Annex A (framework org-controls)",
        params: OrgParamsSchema,
        body: OrganizationControlCreateSchema,
        response: { 201: CatalogImportResultSchema },
      },
    },
    async (request, reply) => {
      const principal = await requireOrgPrincipal(db, request, request.params.org);
      const org = await findOrganization(db.kysely, principal.orgId);
      const result = await addOrganizationControl(db, builtIn, principal, request.body, org?.name ?? principal.orgSlug);
      return reply.status(201).send(result);
    },
  );
};
