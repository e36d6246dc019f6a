import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { AppError } from '../../domain/errors.ts';
import { evidenceState } from '../../domain/evidence-state.ts';
import type { OrgPrincipal } from '../../domain/principal.ts';
import type { Evidence, EvidenceDetail, EvidenceKind, EvidenceVersion } from '../../domain/schemas/evidence.schemas.ts';
import { today } from '../../domain/time.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { presentLinks, type LinkTarget } from './evidence-links.ts';
import {
  findEvidence,
  linksOf,
  versionsOf,
  type EvidenceLinkRow,
  type EvidenceRow,
  type EvidenceVersionRow,
} from './evidence.repository.ts';

/*
 * What the evidence services share: the API views, the audit snapshots and the rules every write
 * applies.
 */

export const EVIDENCE_ENTITY = 'evidence';
export const PREFIX = 'EV';

// ---------- presentation ----------

export function presentVersion(principal: OrgPrincipal, evidenceId: string, v: EvidenceVersionRow): EvidenceVersion {
  return {
    number: v.number,
    sha256: v.sha256,
    fileName: v.file_name,
    mediaType: v.media_type,
    size: v.size === null ? null : Number(v.size),
    contentUrl:
      v.sha256 === null ? null : `/api/orgs/${encodeURIComponent(principal.orgSlug)}/evidence/${evidenceId}/versions/${v.number}/content`,
    url: v.url,
    note: v.note,
    record:
      v.record_type === null ? null : { type: v.record_type, id: v.record_id ?? '', data: JSON.parse(v.record_data ?? 'null') as unknown },
    comment: v.comment,
    createdAt: v.created_at,
    createdBy: v.created_by,
  };
}

export function presentItem(
  principal: OrgPrincipal,
  row: EvidenceRow,
  current: EvidenceVersionRow,
  links: Evidence['links'],
  asOf: string,
): Evidence {
  return {
    id: row.id,
    ref: row.ref,
    kind: row.kind as EvidenceKind,
    title: row.title,
    description: row.description,
    owner: row.owner,
    effectiveDate: row.effective_date,
    reviewDue: row.review_due,
    state: evidenceState(row.review_due, asOf),
    currentVersion: row.current_version,
    current: presentVersion(principal, row.id, current),
    links,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The full view of one item (every version), read through `db` (the database or an open transaction). */
export async function loadDetail(db: Executor, principal: OrgPrincipal, catalog: Catalog, row: EvidenceRow): Promise<EvidenceDetail> {
  const versions = await versionsOf(db, row.id);
  const current = versions.find((v) => v.number === row.current_version);
  if (!current) throw new AppError('internal', `${row.ref} has no version ${row.current_version}`);
  const links = await presentLinks(db, principal.orgId, catalog, (await linksOf(db, principal.orgId, [row.id])).get(row.id) ?? []);
  return {
    ...presentItem(principal, row, current, links, today()),
    versions: versions.map((v) => presentVersion(principal, row.id, v)),
  };
}

// ---------- audit snapshots (stable: no derived state, no URLs) ----------

export function itemSnapshot(row: EvidenceRow, links: LinkTarget[]) {
  return {
    ref: row.ref,
    kind: row.kind,
    title: row.title,
    description: row.description,
    owner: row.owner,
    effectiveDate: row.effective_date,
    reviewDue: row.review_due,
    currentVersion: row.current_version,
    links: links.map(linkSnapshot),
  };
}

export function linkSnapshot(l: LinkTarget) {
  return { type: l.target_type, framework: l.framework, target: l.target };
}

export function versionSnapshot(v: EvidenceVersionRow) {
  return {
    number: v.number,
    sha256: v.sha256,
    fileName: v.file_name,
    mediaType: v.media_type,
    size: v.size,
    url: v.url,
    note: v.note,
    recordType: v.record_type,
    recordId: v.record_id,
    comment: v.comment,
  };
}

export function asTargets(rows: EvidenceLinkRow[]): LinkTarget[] {
  return rows.map((r) => ({ target_type: r.target_type as LinkTarget['target_type'], framework: r.framework, target: r.target }));
}

// ---------- rules ----------

export async function requireEvidence(db: Executor, principal: OrgPrincipal, idOrRef: string): Promise<EvidenceRow> {
  const row = await findEvidence(db, principal.orgId, idOrRef);
  if (!row) throw new AppError('not_found', `evidence ${idOrRef} not found`);
  return row;
}

export function assertDates(fields: { effectiveDate: string; reviewDue: string | null }, path: string): void {
  if (fields.reviewDue !== null && fields.reviewDue < fields.effectiveDate) {
    throw new AppError('validation_failed', `${path}.reviewDue: the review date is before the effective date (${fields.effectiveDate})`, {
      issues: [{ path: `${path}.reviewDue`, message: `before the effective date ${fields.effectiveDate}` }],
    });
  }
}

export function versionConflict(row: EvidenceRow): AppError {
  return new AppError('version_conflict', `${row.ref} was changed by someone else (now version ${row.version}); reload and try again`);
}

/** The content of a new version, by kind. */
export interface VersionContent {
  sha256?: string;
  fileName?: string;
  mediaType?: string;
  size?: number;
  url?: string;
  note?: string;
  record?: { type: string; id: string; data: unknown };
}

export function versionRow(
  principal: OrgPrincipal,
  evidenceId: string,
  number: number,
  content: VersionContent,
  comment: string,
  now: string,
): EvidenceVersionRow {
  return {
    id: randomUUID(),
    evidence_id: evidenceId,
    org_id: principal.orgId,
    number,
    sha256: content.sha256 ?? null,
    file_name: content.fileName ?? null,
    media_type: content.mediaType ?? null,
    size: content.size ?? null,
    url: content.url ?? null,
    note: content.note ?? null,
    record_type: content.record?.type ?? null,
    record_id: content.record?.id ?? null,
    record_data: content.record ? canonicalJson(content.record.data) : null,
    comment,
    created_at: now,
    created_by: principal.userId,
  };
}
