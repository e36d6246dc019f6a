import { randomUUID } from 'node:crypto';
import { inTransaction, type Db, type DialectName, type Executor } from '../../db/database.ts';
import type { SoaVersionTable } from '../../db/schema.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { sha256Hex } from '../../domain/crypto.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { evidenceState } from '../../domain/evidence-state.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import {
  implementationStatuses,
  SoaApproveInputSchema,
  type ImplementationStatus,
  type InclusionReason,
  type SoaComparison,
  type SoaDocument,
  type SoaFlag,
  type SoaRow,
  type SoaVersionInfo,
  type SoaVersionListItem,
  type soaCompareFields,
} from '../../domain/schemas/controls.schemas.ts';
import { nowIso, today } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { catalogForOrg } from '../catalog/catalog.service.ts';
import { lockOrganizationWrites } from '../inventory/ai-system.service.ts';
import { getOrganization } from '../organizations/organization.service.ts';
import { alsoSupports, ANNEX_A_FRAMEWORK, soaControls, type ControlEntry } from './control-catalog.ts';
import {
  controlKey,
  findSoaVersionRow,
  insertSoaVersion,
  listSoaVersionRows,
  loadSoaData,
  nextSoaVersionNumber,
  type ImplementationRow,
  type SoaData,
} from './controls.repository.ts';

/**
 * The Statement of Applicability (ISO/IEC 42001 6.1.3 d–e), derived from the organization's own
 * records: risk → treatment → control → evidence → SoA row.
 *
 * A control is applicable when the organization decided so, or — while no decision is recorded —
 * when an open risk's treatment names it (`derived`). Its justification lists those risks and the
 * recorded inclusion reasons, or the exclusion justification. Flags point at what an auditor would
 * question. Approved versions are frozen as JSON with a SHA-256 of their canonical form.
 */

export const SOA_VERSION_ENTITY = 'soa-version';

export interface SoaOrganization {
  id: string;
  slug: string;
  name: string;
}

const reasonLabels: Record<InclusionReason['kind'], string> = {
  legal: 'Legal requirement',
  contractual: 'Contractual requirement',
  'interested-party': 'Interested-party need',
  other: 'Reason',
};

const RISKS_IN_SENTENCE = 5;

function justificationOf(row: Pick<SoaRow, 'applicable' | 'basis'>): string {
  if (row.applicable === false) return row.basis.exclusion ?? 'Excluded without a justification.';
  if (row.applicable === null) return 'Not decided yet; no open risk in the register names this control.';
  const parts: string[] = [];
  const { risks, riskCount, reasons } = row.basis;
  if (riskCount > 0) {
    const named = risks.slice(0, RISKS_IN_SENTENCE).map((r) => `${r.ref} ${r.title}`);
    const more = riskCount - named.length;
    parts.push(`Treats ${riskCount} risk${riskCount === 1 ? '' : 's'}: ${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`);
  }
  for (const r of reasons) parts.push(`${reasonLabels[r.kind]}: ${r.text.replace(/[.\s]+$/, '')}.`);
  return parts.length ? parts.join(' ') : 'Included, but no risk, requirement or reason is recorded.';
}

function flagsOf(row: Omit<SoaRow, 'flags' | 'justification'>, decision: boolean | null, asOf: string): SoaFlag[] {
  const flags: SoaFlag[] = [];
  const { riskCount, reasons, exclusion } = row.basis;
  if (row.applicable === null) {
    flags.push({ code: 'undecided', message: 'No decision is recorded and no open risk names this control: include or exclude it.' });
  }
  if (decision === false && !exclusion) {
    flags.push({ code: 'exclusion-without-justification', message: 'Excluded without a justification: say why it is not needed.' });
  }
  if (decision === false && riskCount > 0) {
    flags.push({
      code: 'excluded-but-needed',
      message: `Excluded, yet the treatment of ${riskCount} open risk${riskCount === 1 ? '' : 's'} relies on it.`,
    });
  }
  if (decision === true && riskCount === 0 && reasons.length === 0) {
    flags.push({
      code: 'inclusion-without-basis',
      message: 'Included with no risk, requirement or reason behind it: link a risk treatment or record why it is needed.',
    });
  }
  if (row.applicable === true && row.status === 'implemented' && row.evidenceCurrent === 0) {
    flags.push({ code: 'applicable-without-evidence', message: 'Marked implemented, but no current evidence is linked to it.' });
  }
  if (row.applicable !== false && row.evidenceExpired > 0) {
    flags.push({
      code: 'evidence-expired',
      message: `${row.evidenceExpired} linked evidence item${row.evidenceExpired === 1 ? ' has' : 's have'} expired: renew or replace ${row.evidenceExpired === 1 ? 'it' : 'them'}.`,
    });
  }
  if (row.reviewDue !== null && row.reviewDue < asOf) {
    flags.push({ code: 'review-overdue', message: `The review of this control was due on ${row.reviewDue}.` });
  }
  return flags;
}

const byRef = (a: { ref: string }, b: { ref: string }) => a.ref.localeCompare(b.ref, 'en', { numeric: true });

function rowOf(catalog: Catalog, entry: ControlEntry, impl: ImplementationRow | undefined, data: SoaData, asOf: string): SoaRow {
  const key = controlKey(entry.framework, entry.control);
  const decision = impl?.applicable == null ? null : impl.applicable === 1;
  const riskCount = Math.max(0, data.riskCounts.get(key) ?? 0);
  const evidence = data.evidenceCounts.get(key) ?? { total: 0, expired: 0 };
  const base = {
    framework: entry.framework,
    control: entry.control,
    title: entry.title,
    area: entry.area,
    areaTitle: entry.areaTitle,
    applicable: decision ?? (riskCount > 0 ? true : null),
    derived: decision === null && riskCount > 0,
    basis: {
      risks: (data.risks.get(key) ?? []).map((r) => ({ id: r.id, ref: r.ref, title: r.title })).sort(byRef),
      riskCount,
      reasons: impl ? (JSON.parse(impl.inclusion_reasons) as InclusionReason[]) : [],
      exclusion: decision === false ? (impl?.exclusion_justification ?? null) : null,
    },
    status: (impl?.status ?? 'not-started') as ImplementationStatus,
    owner: impl?.owner ?? '',
    description: impl?.description ?? '',
    reviewDue: impl?.review_due ?? null,
    implementationId: impl?.id ?? null,
    implementationVersion: impl?.version ?? null,
    systems: data.systemCounts.get(key) ?? { applicable: 0, excluded: 0, implemented: 0 },
    evidence: (data.evidence.get(key) ?? []).map((e) => ({
      id: e.id,
      ref: e.ref,
      title: e.title,
      kind: e.kind,
      reviewDue: e.review_due,
      state: evidenceState(e.review_due, asOf),
    })),
    evidenceCount: evidence.total,
    evidenceCurrent: evidence.total - evidence.expired,
    evidenceExpired: evidence.expired,
    alsoSupports: alsoSupports(catalog, entry.framework, entry.control),
  };
  return { ...base, justification: justificationOf(base), flags: flagsOf(base, decision, asOf) };
}

function summarize(rows: SoaRow[]): SoaDocument['summary'] {
  const byStatus: Record<string, number> = Object.fromEntries(implementationStatuses.map((s) => [s, 0]));
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return {
    controls: rows.length,
    applicable: rows.filter((r) => r.applicable === true).length,
    excluded: rows.filter((r) => r.applicable === false).length,
    undecided: rows.filter((r) => r.applicable === null).length,
    flagged: rows.filter((r) => r.flags.length > 0).length,
    byStatus,
  };
}

async function build(
  db: Executor,
  dialect: DialectName,
  catalog: Catalog,
  org: SoaOrganization,
  asOf: string,
  parallel: boolean,
): Promise<SoaDocument> {
  const entries = soaControls(catalog);
  const data = await loadSoaData(db, dialect, org.id, entries, asOf, parallel);
  const implementations = new Map(data.implementations.map((i) => [controlKey(i.framework, i.control), i]));
  const rows = entries.map((e) => rowOf(catalog, e, implementations.get(controlKey(e.framework, e.control)), data, asOf));
  const fw = catalog.framework(ANNEX_A_FRAMEWORK).framework;
  return {
    organization: { id: org.id, slug: org.slug, name: org.name },
    generatedAt: nowIso(),
    framework: { id: fw.id, name: fw.name, version: fw.version },
    version: null,
    summary: summarize(rows),
    rows,
  };
}

/**
 * The live SoA of an organization as of `today` (YYYY-MM-DD): every Annex A control in catalog
 * order, then the organization's own controls. `catalog` is the organization's (catalogForOrg).
 * A fixed number of queries whatever the number of risks, AI systems and evidence items.
 */
export function buildSoa(db: Db, catalog: Catalog, org: SoaOrganization, today: string): Promise<SoaDocument> {
  return build(db.kysely, db.dialect, catalog, org, today, true);
}

async function orgOf(db: Db, principal: OrgPrincipal): Promise<SoaOrganization> {
  const org = await getOrganization(db, principal);
  return { id: org.id, slug: org.slug, name: org.name };
}

/** The live SoA for the caller's organization. */
export async function liveSoa(db: Db, principal: OrgPrincipal, builtIn: Catalog): Promise<SoaDocument> {
  requirePermission(principal, 'records.read');
  const catalog = await catalogForOrg(db, builtIn, principal);
  return buildSoa(db, catalog, await orgOf(db, principal), today());
}

type Frozen = Pick<SoaDocument, 'organization' | 'generatedAt' | 'framework' | 'summary' | 'rows'>;

/** The hash an approved version carries: SHA-256 of the canonical JSON of its rows and summary. */
export function soaContentHash(doc: Pick<SoaDocument, 'rows' | 'summary'>): string {
  return sha256Hex(canonicalJson({ rows: doc.rows, summary: doc.summary }));
}

function versionInfo(
  row: Pick<SoaVersionTable, 'id' | 'number' | 'comment' | 'approved_by' | 'approved_role' | 'approved_at' | 'content_hash'>,
) {
  return {
    id: row.id,
    number: row.number,
    comment: row.comment,
    approvedBy: row.approved_by,
    approvedRole: row.approved_role,
    approvedAt: row.approved_at,
    contentHash: row.content_hash,
  } satisfies SoaVersionInfo;
}

/**
 * Approves the SoA as it is now: the rows are frozen as version N+1 (never changed afterwards),
 * with the approver, their role, a comment and the content hash.
 */
export async function approveSoa(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  input: { comment: string },
): Promise<SoaVersionListItem> {
  requirePermission(principal, 'records.approve');
  const fields = parseFields(SoaApproveInputSchema, input);
  const catalog = await catalogForOrg(db, builtIn, principal);
  const org = await orgOf(db, principal);
  return inTransaction(db, async (trx) => {
    await lockOrganizationWrites(trx, db, principal.orgId);
    const number = await nextSoaVersionNumber(trx, principal.orgId);
    const doc = await build(trx, db.dialect, catalog, org, today(), false);
    const frozen: Frozen = {
      organization: doc.organization,
      generatedAt: doc.generatedAt,
      framework: doc.framework,
      summary: doc.summary,
      rows: doc.rows,
    };
    const row: SoaVersionTable = {
      id: randomUUID(),
      org_id: principal.orgId,
      number,
      comment: fields.comment,
      content: JSON.stringify(frozen),
      content_hash: soaContentHash(frozen),
      approved_by: principal.actor.label ?? principal.userId,
      approved_role: principal.role,
      approved_at: doc.generatedAt,
      created_by: principal.userId,
    };
    await insertSoaVersion(trx, row);
    const view: SoaVersionListItem = { ...versionInfo(row), summary: frozen.summary };
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'soa.approved',
      entityType: SOA_VERSION_ENTITY,
      entityId: row.id,
      after: view,
    });
    return view;
  });
}

/** Approved versions, newest first. */
export async function listSoaVersions(db: Db, principal: OrgPrincipal): Promise<SoaVersionListItem[]> {
  requirePermission(principal, 'records.read');
  const rows = await listSoaVersionRows(db.kysely, principal.orgId);
  return rows.map((r) => ({ ...versionInfo(r), summary: (JSON.parse(r.content) as Frozen).summary }));
}

/**
 * One approved version, exactly as frozen.
 * @throws AppError `not_found`
 */
export async function getSoaVersion(db: Db, principal: OrgPrincipal, number: number, path = 'params.number'): Promise<SoaDocument> {
  requirePermission(principal, 'records.read');
  const row = await findSoaVersionRow(db.kysely, principal.orgId, number);
  if (!row) {
    throw new AppError('not_found', `SoA version ${number} not found`, {
      issues: [{ path, message: 'no approved version with this number' }],
    });
  }
  const frozen = JSON.parse(row.content) as Frozen;
  return { ...frozen, version: versionInfo(row) };
}

/** The live SoA, or an approved version. */
export async function soaDocument(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  version?: number,
  path?: string,
): Promise<SoaDocument> {
  return version === undefined ? liveSoa(db, principal, builtIn) : getSoaVersion(db, principal, version, path);
}

type CompareField = (typeof soaCompareFields)[number];
type CompareValue = string | number | boolean | null | string[];

function compared(row: SoaRow): Record<CompareField, CompareValue> {
  return {
    applicable: row.applicable,
    status: row.status,
    owner: row.owner,
    justification: row.justification,
    evidenceCount: row.evidenceCount,
    evidenceCurrent: row.evidenceCurrent,
    evidenceExpired: row.evidenceExpired,
    flags: row.flags.map((f) => f.code).sort(),
  };
}

/**
 * What changed between two SoAs (`live` or version numbers): per control, the applicability,
 * status, owner, justification, evidence counts and flags; and the controls added or removed.
 */
export async function compareSoa(db: Db, principal: OrgPrincipal, builtIn: Catalog, from: string, to: string): Promise<SoaComparison> {
  requirePermission(principal, 'records.read');
  const load = (ref: string, path: string) => soaDocument(db, principal, builtIn, ref === 'live' ? undefined : Number(ref), path);
  const [a, b] = [await load(from, 'querystring.from'), await load(to, 'querystring.to')];
  const key = (r: SoaRow) => controlKey(r.framework, r.control);
  const before = new Map(a.rows.map((r) => [key(r), r]));
  const after = new Map(b.rows.map((r) => [key(r), r]));
  const brief = (r: SoaRow) => ({ framework: r.framework, control: r.control, title: r.title });
  const changed: SoaComparison['changed'] = [];
  let unchanged = 0;
  for (const r of b.rows) {
    const old = before.get(key(r));
    if (!old) continue;
    const x = compared(old);
    const y = compared(r);
    const changes = (Object.keys(y) as CompareField[])
      .filter((f) => JSON.stringify(x[f]) !== JSON.stringify(y[f]))
      .map((field) => ({ field, from: x[field], to: y[field] }));
    if (changes.length) changed.push({ ...brief(r), changes });
    else unchanged += 1;
  }
  const side = (ref: string, doc: SoaDocument) => ({ ref, version: doc.version, generatedAt: doc.generatedAt });
  return {
    from: side(from, a),
    to: side(to, b),
    added: b.rows.filter((r) => !before.has(key(r))).map(brief),
    removed: a.rows.filter((r) => !after.has(key(r))).map(brief),
    changed,
    unchanged,
  };
}
