import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { AuditEntryViewSchema } from '../../domain/schemas/audit-log.schemas.ts';
import { OrgParamsSchema } from '../../domain/schemas/common.schemas.ts';
import {
  EvidenceCreateSchema,
  EvidenceDetailSchema,
  EvidenceLinksChangeSchema,
  EvidenceListQuerySchema,
  EvidenceListSchema,
  EvidencePatchSchema,
  EvidenceVersionCreateSchema,
} from '../../domain/schemas/evidence.schemas.ts';
import { requireOrgPrincipal } from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { recordHistory } from '../audit-log/audit-log.service.ts';
import { allowedExtensions, attachmentDisposition, formatBytes } from './evidence-files.ts';
import { receiveUpload } from './evidence-multipart.ts';
import {
  addEvidenceVersion,
  addFileVersion,
  assertMayAddFileVersion,
  deleteEvidence,
  linkEvidence,
  parseFileVersionMetadata,
  unlinkEvidence,
  updateEvidence,
} from './evidence-change.service.ts';
import {
  assertMayAddEvidence,
  createEvidence,
  createFileEvidence,
  evidenceIdOf,
  getEvidence,
  listEvidence,
  openEvidenceContent,
  parseFileMetadata,
} from './evidence.service.ts';

const tags = ['evidence'];
const IdParamsSchema = OrgParamsSchema.extend({ id: z.string().min(1).max(64).describe('id or ref (EV-0001)') });
const ContentParamsSchema = IdParamsSchema.extend({ number: z.coerce.number().int().min(1).max(1_000_000) });

function needsBody(): AppError {
  return new AppError(
    'validation_failed',
    'send JSON (a link or a note) or multipart/form-data with a "metadata" field and a "file" part (a file)',
    { issues: [{ path: 'body', message: 'required' }] },
  );
}

/** Evidence items, their versions and links; files in and out as streams. */
export const evidenceRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, catalog, config, evidenceStore: store }) => {
  // Scoped to these routes: nowhere else accepts multipart bodies.
  await app.register(multipart, { throwFileSizeLimit: false });
  const principalOf = (request: FastifyRequest) => requireOrgPrincipal(db, request, (request.params as { org: string }).org);
  const maxBytes = config.evidence.maxUploadBytes;
  const uploadNote =
    `Files: multipart/form-data with a "metadata" field (JSON) and a "file" part, at most ${formatBytes(maxBytes)}; ` +
    `accepted types: ${allowedExtensions.map((e) => `.${e}`).join(', ')} (413 when larger, 415 when the type is not accepted or the content does not match it).`;

  app.get(
    '/api/orgs/:org/evidence',
    {
      schema: {
        tags,
        summary: 'Evidence items: filtered, sorted, paginated, with the counts by state',
        params: OrgParamsSchema,
        querystring: EvidenceListQuerySchema,
        response: { 200: EvidenceListSchema },
      },
    },
    async (request) => listEvidence(db, await principalOf(request), catalog, request.query),
  );

  app.post(
    '/api/orgs/:org/evidence',
    {
      schema: {
        tags,
        summary: 'Add evidence: a link or a note (JSON), or a file (multipart/form-data)',
        description: `JSON adds a link ({ kind: "link", url, … }) or a note ({ kind: "note", note, … }). ${uploadNote} The metadata takes the same fields as JSON except kind, url and note; its title defaults to the file name.`,
        params: OrgParamsSchema,
        body: EvidenceCreateSchema.nullish(),
        response: { 201: EvidenceDetailSchema },
      },
    },
    async (request, reply) => {
      const principal = await principalOf(request);
      if (request.isMultipart()) {
        assertMayAddEvidence(principal);
        const { metadata, file } = await receiveUpload(request, reply, db, store, maxBytes, parseFileMetadata);
        return reply.status(201).send(await createFileEvidence(db, store, principal, catalog, metadata, file));
      }
      if (request.body === undefined || request.body === null) throw needsBody();
      return reply.status(201).send(await createEvidence(db, principal, catalog, request.body));
    },
  );

  app.get(
    '/api/orgs/:org/evidence/:id',
    {
      schema: {
        tags,
        summary: 'One evidence item with every version (by id or ref)',
        params: IdParamsSchema,
        response: { 200: EvidenceDetailSchema },
      },
    },
    async (request) => getEvidence(db, await principalOf(request), catalog, request.params.id),
  );

  app.patch(
    '/api/orgs/:org/evidence/:id',
    {
      schema: {
        tags,
        summary: 'Change the title, description, owner, effective date or review date',
        params: IdParamsSchema,
        body: EvidencePatchSchema,
        response: { 200: EvidenceDetailSchema },
      },
    },
    async (request) => updateEvidence(db, await principalOf(request), catalog, request.params.id, request.body),
  );

  app.delete(
    '/api/orgs/:org/evidence/:id',
    {
      schema: {
        tags,
        summary: 'Delete an evidence item with its versions (its history stays in the audit log)',
        description: 'A stored file is removed unless another evidence version holds the same content.',
        params: IdParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteEvidence(db, store, await principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/orgs/:org/evidence/:id/versions',
    {
      schema: {
        tags,
        summary: 'Add a new version (the earlier ones are kept)',
        description: `A link takes a new url, a note a new note (JSON). A file takes a new upload: ${uploadNote} Its metadata: { version, comment?, effectiveDate?, reviewDue? }.`,
        params: IdParamsSchema,
        body: EvidenceVersionCreateSchema.nullish(),
        response: { 201: EvidenceDetailSchema },
      },
    },
    async (request, reply) => {
      const principal = await principalOf(request);
      if (request.isMultipart()) {
        await assertMayAddFileVersion(db, principal, request.params.id);
        const { metadata, file } = await receiveUpload(request, reply, db, store, maxBytes, parseFileVersionMetadata);
        return reply.status(201).send(await addFileVersion(db, store, principal, catalog, request.params.id, metadata, file));
      }
      if (request.body === undefined || request.body === null) throw needsBody();
      return reply.status(201).send(await addEvidenceVersion(db, principal, catalog, request.params.id, request.body));
    },
  );

  app.get(
    '/api/orgs/:org/evidence/:id/versions/:number/content',
    {
      schema: {
        tags,
        summary: 'Download the file of one version (always as an attachment)',
        description: 'ETag is the SHA-256 of the content; If-None-Match with it answers 304.',
        params: ContentParamsSchema,
      },
    },
    async (request, reply) => {
      const principal = await principalOf(request);
      const file = await openEvidenceContent(db, store, principal, request.params.id, request.params.number);
      const etag = `"${file.sha256}"`;
      void reply
        .header('etag', etag)
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-disposition', attachmentDisposition(file.fileName));
      if (request.headers['if-none-match'] === etag) {
        file.content.destroy();
        return reply.status(304).send();
      }
      return reply.header('content-length', file.size).type(file.mediaType).send(file.content);
    },
  );

  app.post(
    '/api/orgs/:org/evidence/:id/links',
    {
      schema: {
        tags,
        summary: 'Link the item to controls, requirements, risks, AI systems or AI objectives',
        params: IdParamsSchema,
        body: EvidenceLinksChangeSchema,
        response: { 200: EvidenceDetailSchema },
      },
    },
    async (request) => linkEvidence(db, await principalOf(request), catalog, request.params.id, request.body),
  );

  app.delete(
    '/api/orgs/:org/evidence/:id/links',
    {
      schema: {
        tags,
        summary: 'Remove links (named as when linking)',
        params: IdParamsSchema,
        body: EvidenceLinksChangeSchema,
        response: { 200: EvidenceDetailSchema },
      },
    },
    async (request) => unlinkEvidence(db, await principalOf(request), catalog, request.params.id, request.body),
  );

  app.get(
    '/api/orgs/:org/evidence/:id/history',
    {
      schema: {
        tags,
        summary: 'Audit history of an evidence item, newest first',
        params: IdParamsSchema,
        response: { 200: z.array(AuditEntryViewSchema) },
      },
    },
    async (request) => {
      const principal = await principalOf(request);
      return recordHistory(db, principal, await evidenceIdOf(db, principal, request.params.id));
    },
  );
};
