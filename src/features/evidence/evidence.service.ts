import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import { inTransaction, type Db } from '../../db/database.ts';
import { sequenceRef } from '../../db/refs.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import {
  EvidenceCreateSchema,
  EvidenceFieldsSchema,
  EvidenceFileMetadataSchema,
  EvidenceLinkTargetsSchema,
  type Evidence,
  type EvidenceCreate,
  type EvidenceDetail,
  type EvidenceFields,
  type EvidenceKind,
  type EvidenceLinkTargets,
  type EvidenceList,
  type EvidenceListQuery,
} from '../../domain/schemas/evidence.schemas.ts';
import { nowIso, today } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { catalogForOrg } from '../catalog/catalog.service.ts';
import { lockOrganizationWrites } from '../inventory/ai-system.service.ts';
import {
  assertDates,
  EVIDENCE_ENTITY,
  itemSnapshot,
  loadDetail,
  PREFIX,
  presentItem,
  requireEvidence,
  versionRow,
  versionSnapshot,
  type VersionContent,
} from './evidence-common.ts';
import { presentLinks, resolveLinkTargets, type LinkTarget } from './evidence-links.ts';
import type { EvidenceStore } from './evidence-store.ts';
import { claimBlob, withUploadedFile, type UploadedFile } from './evidence-upload.ts';
import {
  findVersion,
  linkedRecords,
  linksOf,
  listEvidence as listEvidenceRows,
  maxEvidenceSequence,
  resolveRecords,
  summarizeEvidence,
  type EvidenceRow,
  type ListFilters,
} from './evidence.repository.ts';

/*
 * Evidence items: adding them (links, notes, files, records made by Trellis) and reading them.
 * Changes to existing items are in evidence-change.service.ts.
 */

// ---------- create ----------

interface NewItem {
  kind: EvidenceKind;
  fields: EvidenceFields;
  comment: string;
  content: VersionContent;
  links: LinkTarget[];
}

/** Inserts an item with its first version and links, and its audit entry, inside `trx`. Assigns the next EV- ref. */
async function insertItem(trx: Transaction<Database>, db: Db, principal: OrgPrincipal, catalog: Catalog, item: NewItem) {
  await lockOrganizationWrites(trx, db, principal.orgId);
  const seq = (await maxEvidenceSequence(trx, principal.orgId)) + 1;
  const now = nowIso();
  const row: EvidenceRow = {
    id: randomUUID(),
    org_id: principal.orgId,
    ref: sequenceRef(PREFIX, seq),
    ref_seq: seq,
    title: item.fields.title,
    kind: item.kind,
    description: item.fields.description,
    owner: item.fields.owner,
    effective_date: item.fields.effectiveDate,
    review_due: item.fields.reviewDue,
    current_version: 1,
    created_at: now,
    created_by: principal.userId,
    updated_at: now,
    version: 1,
  };
  await trx.insertInto('evidence').values(row).execute();
  const version = versionRow(principal, row.id, 1, item.content, item.comment, now);
  await trx.insertInto('evidence_versions').values(version).execute();
  if (item.links.length) {
    await trx
      .insertInto('evidence_links')
      .values(item.links.map((l) => ({ ...l, evidence_id: row.id, org_id: principal.orgId })))
      .execute();
  }
  await appendAuditEvent(trx, db.dialect, {
    orgId: principal.orgId,
    actor: principal.actor,
    action: 'evidence.created',
    entityType: EVIDENCE_ENTITY,
    entityId: row.id,
    after: { ...itemSnapshot(row, item.links), current: versionSnapshot(version) },
  });
  return loadDetail(trx, principal, catalog, row);
}

/**
 * Adds a link or note item (JSON). Files are added with `createFileEvidence`; records are made
 * by Trellis itself (`addRecordEvidence`).
 * @throws AppError `validation_failed` (a bad field or link target), `forbidden`.
 */
export async function createEvidence(db: Db, principal: OrgPrincipal, builtIn: Catalog, input: EvidenceCreate): Promise<EvidenceDetail> {
  requirePermission(principal, 'records.write');
  const parsed = parseFields(EvidenceCreateSchema, input);
  const fields = { ...parsed, effectiveDate: parsed.effectiveDate ?? today() };
  assertDates(fields, 'body');
  const catalog = await catalogForOrg(db, builtIn, principal);
  return inTransaction(db, async (trx) => {
    const links = await resolveLinkTargets(trx, principal.orgId, catalog, parsed.links, 'body.links');
    const content: VersionContent = parsed.kind === 'link' ? { url: parsed.url } : { note: parsed.note };
    return insertItem(trx, db, principal, catalog, { kind: parsed.kind, fields, comment: parsed.comment, content, links });
  });
}

/** Checks the caller may add evidence at all, before an upload is read. */
export function assertMayAddEvidence(principal: OrgPrincipal): void {
  requirePermission(principal, 'records.write');
}

/** Validates the `metadata` field of a file upload (so a bad one is refused before the file is read). */
export function parseFileMetadata(raw: unknown) {
  return parseFields(EvidenceFileMetadataSchema, raw ?? {}, 'metadata');
}

/**
 * Adds a file item from an upload already stored (`storeUpload`) and its `metadata` field. If
 * anything fails, the stored content is discarded unless another version references it.
 */
export async function createFileEvidence(
  db: Db,
  store: EvidenceStore,
  principal: OrgPrincipal,
  builtIn: Catalog,
  metadata: unknown,
  file: UploadedFile,
): Promise<EvidenceDetail> {
  return withUploadedFile(db, store, file, async () => {
    requirePermission(principal, 'records.write');
    const parsed = parseFileMetadata(metadata);
    const fields = { ...parsed, title: parsed.title ?? file.fileName, effectiveDate: parsed.effectiveDate ?? today() };
    assertDates(fields, 'metadata');
    const catalog = await catalogForOrg(db, builtIn, principal);
    return inTransaction(db, async (trx) => {
      const links = await resolveLinkTargets(trx, principal.orgId, catalog, parsed.links, 'metadata.links');
      await claimBlob(trx, db, store, file.sha256);
      const content: VersionContent = { sha256: file.sha256, fileName: file.fileName, mediaType: file.mediaType, size: file.size };
      return insertItem(trx, db, principal, catalog, { kind: 'file', fields, comment: parsed.comment, content, links });
    });
  });
}

/** A record produced by Trellis (e.g. a metric run) kept as evidence. */
export interface RecordEvidenceInput {
  title: string;
  description?: string;
  owner?: string;
  /** what produced it, e.g. "metric-run" */
  recordType: string;
  /** the id of the producing record */
  recordId: string;
  /** a JSON-serializable snapshot, stored as canonical JSON */
  data: unknown;
  links: EvidenceLinkTargets;
  effectiveDate?: string;
  reviewDue?: string | null;
  comment?: string;
}

function parseRecordInput(input: RecordEvidenceInput) {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(input.recordType)) {
    throw new AppError('validation_failed', 'recordType: lowercase letters, digits and dashes (at most 40)');
  }
  if (input.recordId.length < 1 || input.recordId.length > 64) throw new AppError('validation_failed', 'recordId: 1 to 64 characters');
  const fields = parseFields(EvidenceFieldsSchema, {
    title: input.title,
    description: input.description ?? '',
    owner: input.owner ?? '',
    effectiveDate: input.effectiveDate ?? today(),
    reviewDue: input.reviewDue ?? null,
  });
  assertDates(fields, 'body');
  return { fields, links: parseFields(EvidenceLinkTargetsSchema, input.links, 'links') };
}

/**
 * Keeps a record produced by Trellis as evidence inside the caller's transaction, so the record
 * and its evidence commit together. `catalog` is the organization's catalog (`catalogForOrg`),
 * read before the transaction was opened.
 */
export async function insertRecordEvidence(
  trx: Transaction<Database>,
  db: Db,
  principal: OrgPrincipal,
  catalog: Catalog,
  input: RecordEvidenceInput,
): Promise<EvidenceDetail> {
  requirePermission(principal, 'records.write');
  const { fields, links } = parseRecordInput(input);
  const targets = await resolveLinkTargets(trx, principal.orgId, catalog, links, 'links');
  return insertItem(trx, db, principal, catalog, {
    kind: 'record',
    fields,
    comment: input.comment ?? '',
    content: { record: { type: input.recordType, id: input.recordId, data: input.data } },
    links: targets,
  });
}

/**
 * Keeps a record produced by Trellis (e.g. a metric run) as a new evidence item, linked to
 * controls, requirements, risks and AI systems like any other evidence.
 * @throws AppError `validation_failed` (bad fields or link targets), `forbidden`.
 */
export async function addRecordEvidence(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  input: RecordEvidenceInput,
): Promise<EvidenceDetail> {
  requirePermission(principal, 'records.write');
  const catalog = await catalogForOrg(db, builtIn, principal);
  return inTransaction(db, (trx) => insertRecordEvidence(trx, db, principal, catalog, input));
}

// ---------- read ----------

export async function getEvidence(db: Db, principal: OrgPrincipal, builtIn: Catalog, idOrRef: string): Promise<EvidenceDetail> {
  requirePermission(principal, 'records.read');
  const catalog = await catalogForOrg(db, builtIn, principal);
  return loadDetail(db.kysely, principal, catalog, await requireEvidence(db.kysely, principal, idOrRef));
}

/** The evidence item's id for an id or ref (for the history route). */
export async function evidenceIdOf(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<string> {
  requirePermission(principal, 'records.read');
  return (await requireEvidence(db.kysely, principal, idOrRef)).id;
}

/** The evidence list: filtered, sorted and paginated in the database, with the organization's counts by state. */
export async function listEvidence(db: Db, principal: OrgPrincipal, builtIn: Catalog, query: EvidenceListQuery): Promise<EvidenceList> {
  requirePermission(principal, 'records.read');
  const asOf = today();
  const filters: ListFilters = { linkedTo: [] };
  if (query.control) {
    const own = /^org-controls:(.+)$/.exec(query.control);
    filters.linkedTo.push({ type: 'control', framework: own ? 'org-controls' : 'iso42001-2023', target: own?.[1] ?? query.control });
  }
  if (query.requirement) {
    const at = query.requirement.indexOf(':');
    filters.linkedTo.push({ type: 'requirement', framework: query.requirement.slice(0, at), target: query.requirement.slice(at + 1) });
  }
  for (const [key, table, type] of [
    ['riskId', 'risks', 'risk'],
    ['systemId', 'ai_systems', 'ai-system'],
    ['objectiveId', 'ai_objectives', 'objective'],
  ] as const) {
    const wanted = query[key];
    if (!wanted) continue;
    // An unknown risk or system matches nothing (the filter still applies).
    const id = isUuid(wanted)
      ? wanted.toLowerCase()
      : ((await resolveRecords(db.kysely, principal.orgId, table, [wanted])).get(wanted) ?? '');
    filters.linkedTo.push({ type, framework: '', target: id });
  }
  const summary = await summarizeEvidence(db.kysely, principal.orgId, asOf);
  const { items, total } = await listEvidenceRows(db.kysely, principal.orgId, query, filters, asOf, summary.total);
  const catalog = await catalogForOrg(db, builtIn, principal);
  const links = await linksOf(
    db.kysely,
    principal.orgId,
    items.map((i) => i.id),
  );
  const records = await linkedRecords(db.kysely, principal.orgId, [...links.values()].flat());
  const views: Evidence[] = [];
  for (const item of items) {
    const shown = await presentLinks(db.kysely, principal.orgId, catalog, links.get(item.id) ?? [], records);
    views.push(presentItem(principal, item, item.current, shown, asOf));
  }
  return { items: views, total: total ?? summary.total, page: query.page, pageSize: query.pageSize, summary };
}

/** A stored file of one version, to send: the caller streams `content` out. */
export interface EvidenceContent {
  content: Readable;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/**
 * The file of one version of a file item.
 * @throws AppError `not_found` (no such item or version, or the store lost the file), `rule_violated` (not a file).
 */
export async function openEvidenceContent(
  db: Db,
  store: EvidenceStore,
  principal: OrgPrincipal,
  idOrRef: string,
  number: number,
): Promise<EvidenceContent> {
  requirePermission(principal, 'records.read');
  const row = await requireEvidence(db.kysely, principal, idOrRef);
  const version = await findVersion(db.kysely, row.id, number);
  if (!version) throw new AppError('not_found', `${row.ref} has no version ${number} (it has ${row.current_version})`);
  if (version.sha256 === null) {
    throw new AppError('rule_violated', `version ${number} of ${row.ref} is a ${row.kind}, not a file: there is nothing to download`);
  }
  return {
    content: await store.open(version.sha256),
    fileName: version.file_name ?? `${row.ref}-v${number}`,
    mediaType: version.media_type ?? 'application/octet-stream',
    size: Number(version.size ?? 0),
    sha256: version.sha256,
  };
}
