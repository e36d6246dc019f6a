import type { Transaction } from 'kysely';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import {
  EvidenceFieldsSchema,
  EvidenceFileVersionMetadataSchema,
  EvidenceLinksChangeSchema,
  EvidencePatchSchema,
  EvidenceVersionCreateSchema,
  type EvidenceDetail,
  type EvidenceLinkTargets,
  type EvidencePatch,
  type EvidenceVersionCreate,
} from '../../domain/schemas/evidence.schemas.ts';
import { nowIso } from '../../domain/time.ts';
import { appendAuditEvent, appendAuditEvents } from '../audit-log/audit-log.service.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { catalogForOrg } from '../catalog/catalog.service.ts';
import {
  asTargets,
  assertDates,
  EVIDENCE_ENTITY,
  itemSnapshot,
  linkSnapshot,
  loadDetail,
  requireEvidence,
  versionConflict,
  versionRow,
  versionSnapshot,
  type VersionContent,
} from './evidence-common.ts';
import { linkKey, resolveLinkTargets, type LinkTarget } from './evidence-links.ts';
import type { EvidenceStore } from './evidence-store.ts';
import { claimBlob, discardUnreferencedBlob, withUploadedFile, type UploadedFile } from './evidence-upload.ts';
import { findVersion, linksOf, resolveRecords, versionsOf, type EvidenceRow } from './evidence.repository.ts';

/*
 * Changes to evidence items: descriptive fields, new versions (the old ones stay), links, and
 * deletion with the stored files nothing else holds.
 */

/** Changes an item's descriptive fields; `version` must be the one read (else 409). */
export async function updateEvidence(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  idOrRef: string,
  patch: EvidencePatch,
): Promise<EvidenceDetail> {
  requirePermission(principal, 'records.write');
  const changes = parseFields(EvidencePatchSchema, patch);
  const catalog = await catalogForOrg(db, builtIn, principal);
  return inTransaction(db, async (trx) => {
    const row = await requireEvidence(trx, principal, idOrRef);
    if (row.version !== changes.version) throw versionConflict(row);
    const fields = parseFields(EvidenceFieldsSchema, {
      title: changes.title ?? row.title,
      description: changes.description ?? row.description,
      owner: changes.owner ?? row.owner,
      effectiveDate: changes.effectiveDate ?? row.effective_date,
      reviewDue: changes.reviewDue === undefined ? row.review_due : changes.reviewDue,
    });
    assertDates(fields, 'body');
    const columns = {
      title: fields.title,
      description: fields.description,
      owner: fields.owner,
      effective_date: fields.effectiveDate,
      review_due: fields.reviewDue,
    };
    if ((Object.keys(columns) as (keyof typeof columns)[]).every((k) => columns[k] === row[k])) {
      return loadDetail(trx, principal, catalog, row);
    }
    const updated: EvidenceRow = { ...row, ...columns, updated_at: nowIso(), version: row.version + 1 };
    await writeRow(trx, row, updated);
    const links = asTargets((await linksOf(trx, principal.orgId, [row.id])).get(row.id) ?? []);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'evidence.updated',
      entityType: EVIDENCE_ENTITY,
      entityId: row.id,
      before: itemSnapshot(row, links),
      after: itemSnapshot(updated, links),
    });
    return loadDetail(trx, principal, catalog, updated);
  });
}

async function writeRow(trx: Executor, row: EvidenceRow, next: EvidenceRow): Promise<void> {
  const result = await trx
    .updateTable('evidence')
    .set({
      title: next.title,
      description: next.description,
      owner: next.owner,
      effective_date: next.effective_date,
      review_due: next.review_due,
      current_version: next.current_version,
      updated_at: next.updated_at,
      version: next.version,
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw versionConflict(row);
}

interface VersionDates {
  effectiveDate?: string | undefined;
  reviewDue?: string | null | undefined;
}

/** Appends a version (the old ones stay), moves the item's current version on, and audits it, inside `trx`. */
async function appendVersion(
  trx: Transaction<Database>,
  db: Db,
  principal: OrgPrincipal,
  catalog: Catalog,
  row: EvidenceRow,
  content: VersionContent,
  comment: string,
  dates: VersionDates,
  path: string,
): Promise<EvidenceDetail> {
  const effectiveDate = dates.effectiveDate ?? row.effective_date;
  const reviewDue = dates.reviewDue === undefined ? row.review_due : dates.reviewDue;
  assertDates({ effectiveDate, reviewDue }, path);
  const now = nowIso();
  const version = versionRow(principal, row.id, row.current_version + 1, content, comment, now);
  const updated: EvidenceRow = {
    ...row,
    effective_date: effectiveDate,
    review_due: reviewDue,
    current_version: version.number,
    updated_at: now,
    version: row.version + 1,
  };
  await writeRow(trx, row, updated);
  await trx.insertInto('evidence_versions').values(version).execute();
  await appendAuditEvent(trx, db.dialect, {
    orgId: principal.orgId,
    actor: principal.actor,
    action: 'evidence.version-added',
    entityType: EVIDENCE_ENTITY,
    entityId: row.id,
    before: { ref: row.ref, currentVersion: row.current_version, effectiveDate: row.effective_date, reviewDue: row.review_due },
    after: { ref: row.ref, currentVersion: version.number, effectiveDate, reviewDue, version: versionSnapshot(version) },
  });
  return loadDetail(trx, principal, catalog, updated);
}

/**
 * A new version of a link or note item (JSON): a link takes a new `url`, a note a new `note`.
 * @throws AppError `version_conflict`, `rule_violated` (a file or record item), `validation_failed`.
 */
export async function addEvidenceVersion(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  idOrRef: string,
  input: EvidenceVersionCreate,
): Promise<EvidenceDetail> {
  requirePermission(principal, 'records.write');
  const parsed = parseFields(EvidenceVersionCreateSchema, input);
  const catalog = await catalogForOrg(db, builtIn, principal);
  return inTransaction(db, async (trx) => {
    const row = await requireEvidence(trx, principal, idOrRef);
    if (row.kind === 'file') {
      throw new AppError('rule_violated', `${row.ref} is a file: upload its new version as multipart/form-data (a "file" part)`);
    }
    if (row.kind === 'record') throw new AppError('rule_violated', `${row.ref} is a record produced by Trellis; Trellis adds its versions`);
    if (row.version !== parsed.version) throw versionConflict(row);
    const wanted = row.kind === 'link' ? 'url' : 'note';
    const other = wanted === 'url' ? 'note' : 'url';
    if (parsed[other] !== undefined || parsed[wanted] === undefined) {
      throw new AppError('validation_failed', `body.${wanted}: ${row.ref} is a ${row.kind}; its new version needs "${wanted}"`, {
        issues: [{ path: `body.${wanted}`, message: `required for a ${row.kind}` }],
      });
    }
    const content: VersionContent = row.kind === 'link' ? { url: parsed.url } : { note: parsed.note };
    return appendVersion(trx, db, principal, catalog, row, content, parsed.comment, parsed, 'body');
  });
}

/**
 * Before a file version's upload is read: the item exists in the caller's organization, is a
 * file, and the caller may write.
 */
export async function assertMayAddFileVersion(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<void> {
  requirePermission(principal, 'records.write');
  const row = await requireEvidence(db.kysely, principal, idOrRef);
  if (row.kind !== 'file') {
    throw new AppError('rule_violated', `${row.ref} is a ${row.kind}, not a file: send its new version as JSON`);
  }
}

export function parseFileVersionMetadata(raw: unknown) {
  return parseFields(EvidenceFileVersionMetadataSchema, raw ?? {}, 'metadata');
}

/** A new version of a file item from an upload already stored; the content is discarded if this fails and nothing references it. */
export async function addFileVersion(
  db: Db,
  store: EvidenceStore,
  principal: OrgPrincipal,
  builtIn: Catalog,
  idOrRef: string,
  metadata: unknown,
  file: UploadedFile,
): Promise<EvidenceDetail> {
  return withUploadedFile(db, store, file, async () => {
    requirePermission(principal, 'records.write');
    const parsed = parseFileVersionMetadata(metadata);
    const catalog = await catalogForOrg(db, builtIn, principal);
    return inTransaction(db, async (trx) => {
      const row = await requireEvidence(trx, principal, idOrRef);
      if (row.kind !== 'file') throw new AppError('rule_violated', `${row.ref} is a ${row.kind}, not a file`);
      if (row.version !== parsed.version) throw versionConflict(row);
      await claimBlob(trx, db, store, file.sha256);
      const content: VersionContent = { sha256: file.sha256, fileName: file.fileName, mediaType: file.mediaType, size: file.size };
      return appendVersion(trx, db, principal, catalog, row, content, parsed.comment, parsed, 'metadata');
    });
  });
}

/**
 * A new version of a record item, produced by Trellis (e.g. the next run of a metric).
 * @throws AppError `rule_violated` when the item is not a record.
 */
export async function addRecordVersion(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  idOrRef: string,
  input: { recordId: string; data: unknown; comment?: string; effectiveDate?: string; reviewDue?: string | null },
): Promise<EvidenceDetail> {
  requirePermission(principal, 'records.write');
  const catalog = await catalogForOrg(db, builtIn, principal);
  return inTransaction(db, async (trx) => {
    const row = await requireEvidence(trx, principal, idOrRef);
    if (row.kind !== 'record') throw new AppError('rule_violated', `${row.ref} is a ${row.kind}, not a record`);
    const current = await findVersion(trx, row.id, row.current_version);
    const content: VersionContent = { record: { type: current?.record_type ?? 'record', id: input.recordId, data: input.data } };
    return appendVersion(trx, db, principal, catalog, row, content, input.comment ?? '', input, 'body');
  });
}

/** Links an item to more controls, requirements, risks or AI systems (those already linked are left as they are). */
export async function linkEvidence(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  idOrRef: string,
  targets: EvidenceLinkTargets,
): Promise<EvidenceDetail> {
  requirePermission(principal, 'records.write');
  const catalog = await catalogForOrg(db, builtIn, principal);
  return inTransaction(db, (trx) => insertEvidenceLinks(trx, db, principal, catalog, idOrRef, targets));
}

/**
 * Adds links inside the caller's transaction (so a feature can link its evidence to a record it
 * creates in the same commit). `catalog` is the organization's (`catalogForOrg`).
 */
export async function insertEvidenceLinks(
  trx: Transaction<Database>,
  db: Db,
  principal: OrgPrincipal,
  catalog: Catalog,
  idOrRef: string,
  targets: EvidenceLinkTargets,
): Promise<EvidenceDetail> {
  requirePermission(principal, 'records.write');
  const parsed = parseFields(EvidenceLinksChangeSchema, targets);
  const row = await requireEvidence(trx, principal, idOrRef);
  const wanted = await resolveLinkTargets(trx, principal.orgId, catalog, parsed, 'body');
  const existing = new Set(asTargets((await linksOf(trx, principal.orgId, [row.id])).get(row.id) ?? []).map(linkKey));
  const added = wanted.filter((l) => !existing.has(linkKey(l)));
  if (added.length === 0) return loadDetail(trx, principal, catalog, row);
  await trx
    .insertInto('evidence_links')
    .values(added.map((l) => ({ ...l, evidence_id: row.id, org_id: principal.orgId })))
    .execute();
  const updated = await touch(trx, row);
  await appendAuditEvent(trx, db.dialect, {
    orgId: principal.orgId,
    actor: principal.actor,
    action: 'evidence.linked',
    entityType: EVIDENCE_ENTITY,
    entityId: row.id,
    after: { ref: row.ref, links: added.map(linkSnapshot) },
  });
  return loadDetail(trx, principal, catalog, updated);
}

/**
 * Links many evidence items of the organization to one record (a risk, AI system or objective)
 * inside the caller's transaction: an objective that a plan starts to measure takes the plan's
 * earlier runs as evidence. Items already linked are left as they are; each item that gains the
 * link gets its own `evidence.linked` audit entry. Returns how many gained it.
 */
export async function linkItemsToRecord(
  trx: Executor,
  db: Db,
  principal: OrgPrincipal,
  evidenceIds: string[],
  target: LinkTarget & { target_type: 'risk' | 'ai-system' | 'objective' },
): Promise<number> {
  requirePermission(principal, 'records.write');
  const added: { id: string; ref: string }[] = [];
  const updatedAt = nowIso();
  // 500 ids per statement stay under both dialects' bound-parameter limits.
  for (let i = 0; i < evidenceIds.length; i += 500) {
    const ids = evidenceIds.slice(i, i + 500);
    const rows = await trx
      .selectFrom('evidence as e')
      .select(['e.id', 'e.ref'])
      .where('e.org_id', '=', principal.orgId)
      .where('e.id', 'in', ids)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('evidence_links as l')
              .select('l.evidence_id')
              .whereRef('l.evidence_id', '=', 'e.id')
              .where('l.target_type', '=', target.target_type)
              .where('l.framework', '=', target.framework)
              .where('l.target', '=', target.target),
          ),
        ),
      )
      .orderBy('e.ref_seq')
      .execute();
    if (rows.length === 0) continue;
    await trx
      .insertInto('evidence_links')
      .values(rows.map((r) => ({ ...target, evidence_id: r.id, org_id: principal.orgId })))
      .execute();
    await trx
      .updateTable('evidence')
      .set({ updated_at: updatedAt })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    added.push(...rows);
  }
  await appendAuditEvents(
    trx,
    db.dialect,
    principal.orgId,
    added.map((r) => ({
      actor: principal.actor,
      action: 'evidence.linked',
      entityType: EVIDENCE_ENTITY,
      entityId: r.id,
      after: { ref: r.ref, links: [linkSnapshot(target)] },
    })),
  );
  return added.length;
}

/**
 * Removes links. Targets are named as when linking; a risk, AI system or objective that no longer exists
 * can be named by its id.
 */
export async function unlinkEvidence(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  idOrRef: string,
  targets: EvidenceLinkTargets,
): Promise<EvidenceDetail> {
  requirePermission(principal, 'records.write');
  const parsed = parseFields(EvidenceLinksChangeSchema, targets);
  const catalog = await catalogForOrg(db, builtIn, principal);
  return inTransaction(db, async (trx) => {
    const row = await requireEvidence(trx, principal, idOrRef);
    const existing = asTargets((await linksOf(trx, principal.orgId, [row.id])).get(row.id) ?? []);
    const risks = await resolveRecords(trx, principal.orgId, 'risks', parsed.risks);
    const systems = await resolveRecords(trx, principal.orgId, 'ai_systems', parsed.systems);
    const objectives = await resolveRecords(trx, principal.orgId, 'ai_objectives', parsed.objectives);
    const named = new Set<string>([
      ...parsed.controls.map((c) => linkKey({ target_type: 'control', framework: c.framework, target: c.control })),
      ...parsed.requirements.map((r) => linkKey({ target_type: 'requirement', framework: r.framework, target: r.item })),
      ...parsed.risks.map((r) => linkKey({ target_type: 'risk', framework: '', target: risks.get(r) ?? r.toLowerCase() })),
      ...parsed.systems.map((s) => linkKey({ target_type: 'ai-system', framework: '', target: systems.get(s) ?? s.toLowerCase() })),
      ...parsed.objectives.map((o) => linkKey({ target_type: 'objective', framework: '', target: objectives.get(o) ?? o.toLowerCase() })),
    ]);
    const removed = existing.filter((l) => named.has(linkKey(l)));
    if (removed.length === 0) return loadDetail(trx, principal, catalog, row);
    for (const l of removed) {
      await trx
        .deleteFrom('evidence_links')
        .where('evidence_id', '=', row.id)
        .where('target_type', '=', l.target_type)
        .where('framework', '=', l.framework)
        .where('target', '=', l.target)
        .execute();
    }
    const updated = await touch(trx, row);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'evidence.unlinked',
      entityType: EVIDENCE_ENTITY,
      entityId: row.id,
      before: { ref: row.ref, links: removed.map(linkSnapshot) },
    });
    return loadDetail(trx, principal, catalog, updated);
  });
}

/** Links are a set, so changing them needs no `version`; the item's last change moves on. */
async function touch(trx: Executor, row: EvidenceRow): Promise<EvidenceRow> {
  const updatedAt = nowIso();
  await trx.updateTable('evidence').set({ updated_at: updatedAt }).where('id', '=', row.id).execute();
  return { ...row, updated_at: updatedAt };
}

/**
 * Deletes an item with its versions and links; the audit log keeps what it was. Each stored
 * file is then removed unless another version (of any item, in any organization) holds the same
 * content. A file that cannot be removed then stays as an unreferenced orphan (harmless).
 */
export async function deleteEvidence(db: Db, store: EvidenceStore, principal: OrgPrincipal, idOrRef: string): Promise<void> {
  requirePermission(principal, 'records.delete');
  const hashes = await inTransaction(db, async (trx) => {
    const row = await requireEvidence(trx, principal, idOrRef);
    const versions = await versionsOf(trx, row.id);
    const links = asTargets((await linksOf(trx, principal.orgId, [row.id])).get(row.id) ?? []);
    await trx.deleteFrom('evidence_links').where('evidence_id', '=', row.id).execute();
    await trx.deleteFrom('evidence_versions').where('evidence_id', '=', row.id).execute();
    await trx.deleteFrom('evidence').where('id', '=', row.id).execute();
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'evidence.deleted',
      entityType: EVIDENCE_ENTITY,
      entityId: row.id,
      before: { ...itemSnapshot(row, links), versions: versions.map(versionSnapshot) },
    });
    return [...new Set(versions.flatMap((v) => (v.sha256 ? [v.sha256] : [])))];
  });
  // After the commit: were the deletion rolled back, the files would still be needed.
  for (const sha256 of hashes) await discardUnreferencedBlob(db, store, sha256).catch(() => false);
}
