import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '../../db/database.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import {
  ControlImplementationInputSchema,
  type ControlImplementation,
  type ControlImplementationDetail,
  type ControlImplementationInput,
  type ControlImplementationList,
  type ControlImplementationListQuery,
  type ImplementationStatus,
  type InclusionReason,
} from '../../domain/schemas/controls.schemas.ts';
import { nowIso, today } from '../../domain/time.ts';
import { appendAuditEvent, recordHistory, type AuditEntryView } from '../audit-log/audit-log.service.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { catalogForOrg } from '../catalog/catalog.service.ts';
import { lockOrganizationWrites, requireSystem } from '../inventory/ai-system.service.ts';
import { alsoSupports, CONTROL_FRAMEWORKS, resolveControl, soaControls, type ControlEntry } from './control-catalog.ts';
import {
  controlKey,
  findImplementation,
  insertImplementation,
  listImplementationRows,
  risksNamingControl,
  updateImplementation,
  type ImplementationRow,
} from './controls.repository.ts';

/**
 * Control implementations (ISO/IEC 42001 6.1.3, Annex A): the organization's decision and state for
 * one control — at organization level, or for one AI system.
 *
 * The rule that keeps applicability and status consistent: an excluded control
 * (`applicable: false`) always has an exclusion justification and the status `not-applicable`,
 * and `not-applicable` is the status of excluded controls only. Excluding sets that status;
 * including again (or leaving it undecided) turns `not-applicable` back into `not-started` and
 * drops the exclusion justification.
 */

export const IMPLEMENTATION_ENTITY = 'control-implementation';

export interface SystemRef {
  id: string;
  ref: string;
  name: string;
}

function present(row: ImplementationRow | undefined, entry: ControlEntry, system: SystemRef | null, asOf = today()): ControlImplementation {
  if (!row) {
    return {
      id: null,
      ...entry,
      system,
      applicable: null,
      inclusionReasons: [],
      exclusionJustification: null,
      status: 'not-started',
      owner: '',
      description: '',
      reviewDue: null,
      reviewOverdue: false,
      createdAt: null,
      updatedAt: null,
      version: null,
    };
  }
  return {
    id: row.id,
    ...entry,
    system,
    applicable: row.applicable === null ? null : row.applicable === 1,
    inclusionReasons: JSON.parse(row.inclusion_reasons) as InclusionReason[],
    exclusionJustification: row.exclusion_justification,
    status: row.status as ImplementationStatus,
    owner: row.owner,
    description: row.description,
    reviewDue: row.review_due,
    reviewOverdue: row.review_due !== null && row.review_due < asOf,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

async function scopeOf(db: Db, principal: OrgPrincipal, systemId: string | undefined): Promise<SystemRef | null> {
  if (systemId === undefined) return null;
  const row = await requireSystem(db.kysely, principal, systemId);
  return { id: row.id, ref: row.ref, name: row.name };
}

async function detail(
  db: Db,
  principal: OrgPrincipal,
  catalog: Catalog,
  entry: ControlEntry,
  system: SystemRef | null,
  row: ImplementationRow | undefined,
): Promise<ControlImplementationDetail> {
  const risks = await risksNamingControl(db.kysely, principal.orgId, entry, system?.id ?? null);
  return {
    ...present(row, entry, system),
    risks: risks.rows,
    riskCount: risks.total,
    alsoSupports: alsoSupports(catalog, entry.framework, entry.control),
  };
}

/** One control's implementation (organization level, or for `systemId`); a blank one while nothing is recorded. */
export async function getImplementation(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  framework: string,
  control: string,
  systemId?: string,
): Promise<ControlImplementationDetail> {
  requirePermission(principal, 'records.read');
  const catalog = await catalogForOrg(db, builtIn, principal);
  const entry = resolveControl(catalog, framework, control);
  const system = await scopeOf(db, principal, systemId);
  const row = await findImplementation(db.kysely, principal.orgId, framework, control, system?.id ?? '');
  return detail(db, principal, catalog, entry, system, row);
}

/** Recorded implementations, filtered and paginated. */
export async function listImplementations(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  query: ControlImplementationListQuery,
): Promise<ControlImplementationList> {
  requirePermission(principal, 'records.read');
  const catalog = await catalogForOrg(db, builtIn, principal);
  if (query.framework !== undefined && !(CONTROL_FRAMEWORKS as readonly string[]).includes(query.framework)) {
    throw new AppError('validation_failed', `framework: one of ${CONTROL_FRAMEWORKS.join(', ')}`, {
      issues: [{ path: 'querystring.framework', message: `one of ${CONTROL_FRAMEWORKS.join(', ')}` }],
    });
  }
  const system = await scopeOf(db, principal, query.systemId);
  const entries = soaControls(catalog);
  const byKey = new Map(entries.map((e) => [controlKey(e.framework, e.control), e]));
  const positions = new Map(entries.map((e, i) => [controlKey(e.framework, e.control), i]));
  const { rows, total } = await listImplementationRows(
    db.kysely,
    principal.orgId,
    {
      frameworks: query.framework ? [query.framework] : [...CONTROL_FRAMEWORKS],
      systemId: system?.id,
      scope: query.scope,
      status: query.status,
      applicable: query.applicable,
    },
    positions,
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  const asOf = today();
  const items = rows.map((r) => {
    // An own control removed from the catalog keeps its record; it is shown by its id.
    const entry = byKey.get(controlKey(r.framework, r.control)) ?? {
      framework: r.framework,
      control: r.control,
      title: r.control,
      area: r.framework,
      areaTitle: '',
    };
    const sys = r.system_id === null ? null : { id: r.system_id, ref: r.system_ref ?? '', name: r.system_name ?? '' };
    return present(r, entry, sys, asOf);
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
}

interface Merged {
  applicable: boolean | null;
  inclusionReasons: InclusionReason[];
  exclusionJustification: string | null;
  status: ImplementationStatus;
  owner: string;
  description: string;
  reviewDue: string | null;
}

function ruleViolation(path: string, message: string): AppError {
  return new AppError('rule_violated', `${path.replace(/^body\./, '')}: ${message}`, { issues: [{ path, message }] });
}

/** Applies a change to the recorded (or blank) state and enforces the exclusion rule. */
export function mergeImplementation(before: Merged, change: Omit<ControlImplementationInput, 'version'>): Merged {
  const applicable = change.applicable === undefined ? before.applicable : change.applicable;
  const justification = change.exclusionJustification === undefined ? before.exclusionJustification : change.exclusionJustification || null;
  let status = change.status ?? before.status;
  let exclusionJustification = justification;
  if (applicable === false) {
    if (!justification) {
      throw ruleViolation(
        'body.exclusionJustification',
        'excluding a control needs a justification: say why the organization does not need it (6.1.3)',
      );
    }
    if (change.status !== undefined && change.status !== 'not-applicable') {
      throw ruleViolation('body.status', `an excluded control has the status not-applicable, not ${change.status}`);
    }
    status = 'not-applicable';
  } else {
    if (change.status === 'not-applicable') {
      throw ruleViolation(
        'body.status',
        'not-applicable is the status of an excluded control: set applicable to false with a justification',
      );
    }
    if (change.exclusionJustification) {
      throw ruleViolation('body.exclusionJustification', 'only an excluded control (applicable: false) has an exclusion justification');
    }
    if (status === 'not-applicable') status = 'not-started';
    exclusionJustification = null;
  }
  return {
    applicable,
    inclusionReasons: change.inclusionReasons ?? before.inclusionReasons,
    exclusionJustification,
    status,
    owner: change.owner ?? before.owner,
    description: change.description ?? before.description,
    reviewDue: change.reviewDue === undefined ? before.reviewDue : change.reviewDue,
  };
}

function staleVersion(entry: ControlEntry, system: SystemRef | null): AppError {
  return new AppError(
    'version_conflict',
    `the implementation of ${entry.control}${system ? ` for ${system.ref}` : ''} was changed by someone else; reload and try again`,
  );
}

/**
 * Records (creates or changes) a control's implementation at organization level or for one AI
 * system, with its audit entry. A change must carry the `version` read; a first record must not.
 * @throws AppError `not_found` (control, AI system), `rule_violated` (exclusion rule, naming the
 *   field), `version_conflict` (stale or missing version).
 */
export async function saveImplementation(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  framework: string,
  control: string,
  systemId: string | undefined,
  input: ControlImplementationInput,
): Promise<ControlImplementationDetail> {
  requirePermission(principal, 'records.write');
  const fields = parseFields(ControlImplementationInputSchema, input);
  const catalog = await catalogForOrg(db, builtIn, principal);
  const entry = resolveControl(catalog, framework, control);
  const system = await scopeOf(db, principal, systemId);
  const scopeKey = system?.id ?? '';
  const saved = await inTransaction(db, async (trx) => {
    // Serializes writers of this organization, so two first records cannot race to the unique key.
    await lockOrganizationWrites(trx, db, principal.orgId);
    const row = await findImplementation(trx, principal.orgId, framework, control, scopeKey);
    if (row ? fields.version !== row.version : fields.version !== undefined) throw staleVersion(entry, system);
    const before = present(row, entry, system);
    const { version: _v, ...change } = fields;
    const merged = mergeImplementation(before, change);
    const now = nowIso();
    const columns = {
      applicable: merged.applicable === null ? null : merged.applicable ? 1 : 0,
      inclusion_reasons: JSON.stringify(merged.inclusionReasons),
      exclusion_justification: merged.exclusionJustification,
      status: merged.status,
      owner: merged.owner,
      description: merged.description,
      review_due: merged.reviewDue,
    };
    if (!row) {
      const created: ImplementationRow = {
        id: randomUUID(),
        org_id: principal.orgId,
        framework,
        control,
        scope_key: scopeKey,
        system_id: system?.id ?? null,
        ...columns,
        created_at: now,
        created_by: principal.userId,
        updated_at: now,
        version: 1,
      };
      await insertImplementation(trx, created);
      const after = present(created, entry, system);
      await appendAuditEvent(trx, db.dialect, {
        orgId: principal.orgId,
        actor: principal.actor,
        action: 'control-implementation.created',
        entityType: IMPLEMENTATION_ENTITY,
        entityId: created.id,
        after,
      });
      return created;
    }
    const unchanged = Object.entries(columns).every(([k, v]) => row[k as keyof typeof columns] === v);
    if (unchanged) return row;
    const next: ImplementationRow = { ...row, ...columns, updated_at: now, version: row.version + 1 };
    if (!(await updateImplementation(trx, next, row.version))) throw staleVersion(entry, system);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'control-implementation.updated',
      entityType: IMPLEMENTATION_ENTITY,
      entityId: row.id,
      before,
      after: present(next, entry, system),
    });
    return next;
  });
  return detail(db, principal, catalog, entry, system, saved);
}

/** The audit history of a control's implementation (empty while nothing is recorded), newest first. */
export async function implementationHistory(
  db: Db,
  principal: OrgPrincipal,
  builtIn: Catalog,
  framework: string,
  control: string,
  systemId?: string,
): Promise<AuditEntryView[]> {
  requirePermission(principal, 'records.read');
  const catalog = await catalogForOrg(db, builtIn, principal);
  resolveControl(catalog, framework, control);
  const system = await scopeOf(db, principal, systemId);
  const row = await findImplementation(db.kysely, principal.orgId, framework, control, system?.id ?? '');
  return row ? recordHistory(db, principal, row.id) : [];
}
