import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntryViewSchema } from '../../domain/schemas/audit-log.schemas.ts';
import { OrgParamsSchema } from '../../domain/schemas/common.schemas.ts';
import {
  AiSystemInputSchema,
  AiSystemPatchSchema,
  AiSystemSchema,
  ClassificationAnswersSchema,
  ClassificationResultSchema,
  ClassificationSchema,
  ClassifyRequestSchema,
  DatasetInputSchema,
  DatasetPatchSchema,
  DatasetSchema,
  InventorySummarySchema,
  ModelInputSchema,
  ModelPatchSchema,
  ModelSchema,
  QuestionnaireSchema,
  RelationInputSchema,
  RelationSchema,
  SupplierInputSchema,
  SupplierPatchSchema,
  SupplierSchema,
  SystemImportResultSchema,
  SystemListQuerySchema,
  SystemListSchema,
} from '../../domain/schemas/inventory.schemas.ts';
import { requireOrgPrincipal } from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { recordHistory } from '../audit-log/audit-log.service.ts';
import { createSystem, deleteSystem, getSystem, inventorySummary, listSystems, requireSystem, updateSystem } from './ai-system.service.ts';
import { classifySystem, getQuestionnaire, listClassifications, previewClassification } from './classification.service.ts';
import {
  createRecord,
  datasetKind,
  deleteRecord,
  getRecord,
  listRecords,
  modelKind,
  supplierKind,
  updateRecord,
} from './inventory-record.service.ts';
import { createRelation, deleteRelation, listRelationsOf } from './relation.service.ts';
import { exportPages, importSystems } from './system-import.service.ts';
import { acceptSpreadsheetBodies, IMPORT_BODY_LIMIT, uploadedSpreadsheet } from '../shared/spreadsheet-upload.ts';
import { csvStream, XLSX_MIME, xlsxBuffer, type SpreadsheetFormat } from './system-spreadsheet.ts';

const SystemParamsSchema = OrgParamsSchema.extend({
  id: z.string().min(1).max(64).describe('AI system id or ref (e.g. AIS-0007)'),
});
const RecordParamsSchema = OrgParamsSchema.extend({ id: z.uuid() });
const HistorySchema = z.array(AuditEntryViewSchema);
const ExportQuerySchema = SystemListQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

/** The example of the user guide (examples/cv-screening-deployer.json): a bought CV screening service used by HR. */
const answersExample = {
  answers: {
    'ai-system': true,
    'eu-nexus': true,
    exclusion: 'none',
    roles: ['deployer'],
    'role-shift': [],
    'prohibited-practices': [],
    'annex-i-product': 'none',
    'annex-iii-uses': ['4(a)'],
    'derogation-conditions': [],
    'transparency-uses': [],
    'public-service-deployer': false,
    'gpai-provider': false,
  },
  note: 'CV screening tool bought from a vendor and used by HR to rank applicants',
};

function fileName(org: string, format: SpreadsheetFormat): string {
  return `ai-systems-${org.replace(/[^a-z0-9-]/gi, '')}-${new Date().toISOString().slice(0, 10)}.${format}`;
}

export const inventoryRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, catalog }) => {
  acceptSpreadsheetBodies(app);

  // Every route here is under /api/orgs/:org, validated by OrgParamsSchema.
  const principalOf = (request: FastifyRequest) => requireOrgPrincipal(db, request, (request.params as { org: string }).org);

  // ---------- AI systems ----------

  app.get(
    '/api/orgs/:org/systems',
    {
      schema: {
        tags: ['inventory'],
        summary: 'AI systems: filtered, sorted and paginated on the server',
        params: OrgParamsSchema,
        querystring: SystemListQuerySchema,
        response: { 200: SystemListSchema },
      },
    },
    async (request) => listSystems(db, await principalOf(request), request.query),
  );

  app.get(
    '/api/orgs/:org/systems/summary',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Counts by risk class, stage and role; overdue reviews',
        params: OrgParamsSchema,
        response: { 200: InventorySummarySchema },
      },
    },
    async (request) => inventorySummary(db, await principalOf(request)),
  );

  app.get(
    '/api/orgs/:org/systems/export',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Export the (filtered) inventory as CSV or XLSX; cells that would start a formula are escaped',
        params: OrgParamsSchema,
        querystring: ExportQuerySchema,
      },
    },
    async (request, reply) => {
      const principal = await principalOf(request);
      const { format, ...query } = request.query;
      const pages = exportPages(db, principal, query);
      reply.header('content-disposition', `attachment; filename="${fileName(principal.orgSlug, format)}"`);
      reply.header('cache-control', 'no-store');
      if (format === 'xlsx') return reply.type(XLSX_MIME).send(await xlsxBuffer(pages));
      return reply.type('text/csv; charset=utf-8').send(csvStream(pages));
    },
  );

  app.post(
    '/api/orgs/:org/systems/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['inventory'],
        summary: 'Import AI systems from CSV or XLSX (raw file as the body); all rows or none',
        description:
          'Send the file itself with Content-Type `text/csv` or `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` (max 20 MB, 100,000 rows). ' +
          'Columns (header row, any order): ref, name (required), purpose, intended_use, foreseeable_misuse, iso_roles, eu_roles, stage, owner, business_unit, users, ' +
          'affected_persons, automation, human_oversight, deployment_context, jurisdictions, in_scope, scope_reason, review_due; lists are separated by ";". ' +
          'A row whose ref names an existing system updates it. With `dryRun=true` nothing is written and the answer says what would happen; ' +
          'a commit with any bad row writes nothing and answers 400 with `details.result` listing every problem by row and column.',
        params: OrgParamsSchema,
        querystring: z.object({
          dryRun: z.enum(['true', 'false']).default('false'),
          format: z.enum(['csv', 'xlsx']).optional().describe('override the format the Content-Type implies'),
        }),
        response: { 200: SystemImportResultSchema },
      },
    },
    async (request) => {
      const principal = await principalOf(request);
      const file = uploadedSpreadsheet(request.body, request.headers['content-type'], request.query.format);
      return importSystems(db, principal, file, request.query.dryRun === 'true');
    },
  );

  app.post(
    '/api/orgs/:org/systems',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Register an AI system',
        params: OrgParamsSchema,
        body: AiSystemInputSchema,
        response: { 201: AiSystemSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createSystem(db, await principalOf(request), request.body)),
  );

  app.get(
    '/api/orgs/:org/systems/:id',
    {
      schema: {
        tags: ['inventory'],
        summary: 'One AI system (by id or ref)',
        params: SystemParamsSchema,
        response: { 200: AiSystemSchema },
      },
    },
    async (request) => getSystem(db, await principalOf(request), request.params.id),
  );

  app.patch(
    '/api/orgs/:org/systems/:id',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Change an AI system (send the version you read)',
        params: SystemParamsSchema,
        body: AiSystemPatchSchema,
        response: { 200: AiSystemSchema },
      },
    },
    async (request) => updateSystem(db, await principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/orgs/:org/systems/:id',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Delete an AI system (its history stays in the audit log)',
        params: SystemParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteSystem(db, await principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/orgs/:org/systems/:id/history',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Audit history of an AI system, newest first',
        params: SystemParamsSchema,
        response: { 200: HistorySchema },
      },
    },
    async (request) => {
      const principal = await principalOf(request);
      const system = await requireSystem(db.kysely, principal, request.params.id);
      return recordHistory(db, principal, system.id);
    },
  );

  app.get(
    '/api/orgs/:org/systems/:id/relations',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Relations of an AI system (both directions)',
        params: SystemParamsSchema,
        response: { 200: z.array(RelationSchema) },
      },
    },
    async (request) => {
      const principal = await principalOf(request);
      const system = await requireSystem(db.kysely, principal, request.params.id);
      return listRelationsOf(db, principal, system.id);
    },
  );

  // ---------- EU AI Act classification ----------

  app.get(
    '/api/orgs/:org/classification/questionnaire',
    {
      schema: {
        tags: ['classification'],
        summary: 'The EU AI Act classification questionnaire (the UI and the CLI ask exactly these questions)',
        params: OrgParamsSchema,
        response: { 200: QuestionnaireSchema },
      },
    },
    async (request) => getQuestionnaire(await principalOf(request)),
  );

  app.post(
    '/api/orgs/:org/classification/preview',
    {
      schema: {
        tags: ['classification'],
        summary: 'Classify answers without saving (live preview)',
        params: OrgParamsSchema,
        body: z.strictObject({ answers: ClassificationAnswersSchema }),
        response: { 200: ClassificationResultSchema },
      },
    },
    async (request) => previewClassification(await principalOf(request), catalog, request.body.answers),
  );

  app.get(
    '/api/orgs/:org/systems/:id/classifications',
    {
      schema: {
        tags: ['classification'],
        summary: 'Every EU AI Act classification of an AI system, newest first',
        params: SystemParamsSchema,
        response: { 200: z.array(ClassificationSchema) },
      },
    },
    async (request) => listClassifications(db, await principalOf(request), request.params.id),
  );

  app.post(
    '/api/orgs/:org/systems/:id/classifications',
    {
      schema: {
        tags: ['classification'],
        summary: 'Classify an AI system under the EU AI Act from the questionnaire answers',
        description:
          'The body holds `answers`: question id → answer (true/false for yes-no questions, an option value for single-choice, a list of option values for multi-choice; ' +
          'an empty list means "none of these"). Exactly the questions the questionnaire asks for these answers must be answered (GET /classification/questionnaire; ' +
          '`showIf` says when a question is asked). Example: ' +
          JSON.stringify(answersExample) +
          ' — full examples in docs/user-guide/eu-ai-act-classification.md. The result is kept as the next numbered classification and sets the system risk class.',
        params: SystemParamsSchema,
        body: ClassifyRequestSchema,
        response: { 201: ClassificationSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await classifySystem(db, await principalOf(request), catalog, request.params.id, request.body)),
  );

  // ---------- Suppliers, data sets, models ----------

  const kinds = [
    {
      path: 'suppliers',
      kind: supplierKind,
      input: SupplierInputSchema,
      patch: SupplierPatchSchema,
      view: SupplierSchema,
      label: 'supplier',
    },
    { path: 'datasets', kind: datasetKind, input: DatasetInputSchema, patch: DatasetPatchSchema, view: DatasetSchema, label: 'data set' },
    { path: 'models', kind: modelKind, input: ModelInputSchema, patch: ModelPatchSchema, view: ModelSchema, label: 'model' },
  ] as const;

  for (const { path, kind, input, patch, view, label } of kinds) {
    app.get(
      `/api/orgs/:org/${path}`,
      { schema: { tags: ['inventory'], summary: `All ${label}s, by name`, params: OrgParamsSchema, response: { 200: z.array(view) } } },
      async (request) => listRecords(db, await principalOf(request), kind as typeof supplierKind),
    );
    app.post(
      `/api/orgs/:org/${path}`,
      { schema: { tags: ['inventory'], summary: `Add a ${label}`, params: OrgParamsSchema, body: input, response: { 201: view } } },
      async (request, reply) =>
        reply.status(201).send(await createRecord(db, await principalOf(request), kind as typeof supplierKind, request.body as never)),
    );
    app.get(
      `/api/orgs/:org/${path}/:id`,
      { schema: { tags: ['inventory'], summary: `One ${label}`, params: RecordParamsSchema, response: { 200: view } } },
      async (request) => getRecord(db, await principalOf(request), kind as typeof supplierKind, request.params.id),
    );
    app.patch(
      `/api/orgs/:org/${path}/:id`,
      {
        schema: {
          tags: ['inventory'],
          summary: `Change a ${label} (send the version you read)`,
          params: RecordParamsSchema,
          body: patch,
          response: { 200: view },
        },
      },
      async (request) =>
        updateRecord(db, await principalOf(request), kind as typeof supplierKind, request.params.id, request.body as { version: number }),
    );
    app.delete(
      `/api/orgs/:org/${path}/:id`,
      { schema: { tags: ['inventory'], summary: `Delete a ${label}`, params: RecordParamsSchema, response: { 204: z.null() } } },
      async (request, reply) => {
        await deleteRecord(db, await principalOf(request), kind as typeof supplierKind, request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.get(
      `/api/orgs/:org/${path}/:id/history`,
      {
        schema: {
          tags: ['inventory'],
          summary: `Audit history of a ${label}, newest first`,
          params: RecordParamsSchema,
          response: { 200: HistorySchema },
        },
      },
      async (request) => {
        const principal = await principalOf(request);
        await getRecord(db, principal, kind as typeof supplierKind, request.params.id);
        return recordHistory(db, principal, request.params.id);
      },
    );
    app.get(
      `/api/orgs/:org/${path}/:id/relations`,
      {
        schema: {
          tags: ['inventory'],
          summary: `Relations of a ${label}`,
          params: RecordParamsSchema,
          response: { 200: z.array(RelationSchema) },
        },
      },
      async (request) => {
        const principal = await principalOf(request);
        await getRecord(db, principal, kind as typeof supplierKind, request.params.id);
        return listRelationsOf(db, principal, request.params.id);
      },
    );
  }

  // ---------- Relations ----------

  app.post(
    '/api/orgs/:org/relations',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Relate two inventory records',
        params: OrgParamsSchema,
        body: RelationInputSchema,
        response: { 201: RelationSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createRelation(db, await principalOf(request), request.body)),
  );

  app.delete(
    '/api/orgs/:org/relations/:id',
    { schema: { tags: ['inventory'], summary: 'Remove a relation', params: RecordParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteRelation(db, await principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
