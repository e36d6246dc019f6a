import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import { refSortKey, sequenceOf, sequenceRef } from '../../db/refs.ts';
import type { Database, RiskTable } from '../../db/schema.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import {
  RiskAcceptanceInputSchema,
  RiskInputSchema,
  RiskTreatmentInputSchema,
  type HeatMap,
  type Risk,
  type RiskAcceptance,
  type RiskCriteriaContent,
  type RiskFields,
  type RiskInput,
  type RiskListQuery,
  type RiskOriginType,
  type RiskPatch,
  type RiskTreatmentFields,
  type RiskTreatmentInput,
} from '../../domain/schemas/risk.schemas.ts';
import { nowIso, today } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { catalogForOrg } from '../catalog/catalog.service.ts';
import { lockOrganizationWrites } from '../inventory/ai-system.service.ts';
import { loadCriteriaVersions, type CriteriaVersions } from './risk-criteria.service.ts';
import { acceptingRoles, isAboveThreshold, levelById, levelOf, mayAccept } from './risk-levels.ts';
import type { Transaction } from 'kysely';

export const RISK_ENTITY = 'risk';
const PREFIX = 'RSK';

type RiskRow = RiskTable;

interface Related {
  systems: Map<string, { id: string; ref: string; name: string }[]>;
  controls: Map<string, { framework: string; control: string; note: string }[]>;
  actions: Map<string, { id: string; title: string; owner: string; due: string | null; done: number }[]>;
}

async function loadRelated(db: Executor, ids: string[]): Promise<Related> {
  const related: Related = { systems: new Map(), controls: new Map(), actions: new Map() };
  if (ids.length === 0) return related;
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key) ?? [];
    list.push(value);
    map.set(key, list);
  };
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const systems = await db
      .selectFrom('risk_systems')
      .innerJoin('ai_systems', 'ai_systems.id', 'risk_systems.system_id')
      .select(['risk_systems.risk_id', 'ai_systems.id', 'ai_systems.ref', 'ai_systems.name'])
      .where('risk_systems.risk_id', 'in', chunk)
      .orderBy('ai_systems.ref')
      .execute();
    for (const s of systems) push(related.systems, s.risk_id, { id: s.id, ref: s.ref, name: s.name });
    const controls = await db
      .selectFrom('risk_controls')
      .selectAll()
      .where('risk_id', 'in', chunk)
      .orderBy('framework')
      .orderBy('control')
      .execute();
    for (const c of controls) push(related.controls, c.risk_id, { framework: c.framework, control: c.control, note: c.note });
    const actions = await db.selectFrom('risk_actions').selectAll().where('risk_id', 'in', chunk).orderBy('position').execute();
    for (const a of actions) push(related.actions, a.risk_id, { id: a.id, title: a.title, owner: a.owner, due: a.due, done: a.done });
  }
  return related;
}

function present(row: RiskRow, versions: CriteriaVersions, related: Related, catalog: Catalog | null, asOf = today()): Risk {
  const criteria = versions.get(row.criteria_number) ?? versions.get(0);
  if (!criteria) throw new AppError('internal', `risk criteria version ${row.criteria_number} is missing`);
  const actions = (related.actions.get(row.id) ?? []).map((a) => ({
    id: a.id,
    title: a.title,
    owner: a.owner,
    due: a.due,
    done: a.done === 1,
    overdue: a.done === 0 && a.due !== null && a.due < asOf,
  }));
  const origin = { type: row.origin_type as RiskOriginType, id: row.origin_id, label: originLabel(row.origin_type as RiskOriginType) };
  return {
    id: row.id,
    ref: row.ref,
    title: row.title,
    description: row.description,
    riskSource: row.risk_source,
    systems: related.systems.get(row.id) ?? [],
    consequencesOrganization: row.consequences_organization,
    consequencesIndividuals: row.consequences_individuals,
    consequencesSociety: row.consequences_society,
    likelihood: row.likelihood,
    impact: row.impact,
    inherentLevel: levelById(criteria, row.inherent_level),
    owner: row.owner,
    status: row.status as Risk['status'],
    reviewDue: row.review_due,
    reviewOverdue: row.review_due !== null && row.review_due < asOf && row.status !== 'closed',
    criteriaNumber: row.criteria_number,
    origin,
    treatment: {
      option: row.treatment_option as Risk['treatment']['option'],
      plan: row.treatment_plan,
      controls: (related.controls.get(row.id) ?? []).map((c) => ({
        ...c,
        title: catalog?.frameworks.get(c.framework)?.items.get(c.control)?.title ?? null,
      })),
      actions,
      residualLikelihood: row.residual_likelihood,
      residualImpact: row.residual_impact,
      residualLevel: levelById(criteria, row.residual_level),
    },
    acceptance: row.acceptance === null ? null : (JSON.parse(row.acceptance) as RiskAcceptance),
    aboveThreshold: row.above_threshold === 1,
    needsAttention: row.needs_attention === 1,
    treatmentOverdue: actions.some((a) => a.overdue),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

function originLabel(type: RiskOriginType): string {
  switch (type) {
    case 'manual':
      return 'Entered in the register';
    case 'impact-assessment':
      return 'Raised from an impact assessment';
    case 'monitoring':
      return 'Raised from a monitoring breach';
    case 'incident':
      return 'Raised from an incident';
    case 'audit-finding':
      return 'Raised from an audit finding';
    case 'import':
      return 'Imported';
  }
}

/** A `where` callback: the risk concerns at least one of these AI systems. */
export function concernsAnyOf(systemIds: string[]) {
  return (eb: ExpressionBuilder<Database, 'risks'>) =>
    eb.exists(
      eb.selectFrom('risk_systems').select('risk_id').whereRef('risk_systems.risk_id', '=', 'risks.id').where('system_id', 'in', systemIds),
    );
}

/** Scores must be steps of the criteria's scales; the 400 names the field. */
function assertScores(criteria: RiskCriteriaContent, scores: [string, number | null][]): void {
  const issues: { path: string; message: string }[] = [];
  for (const [field, value] of scores) {
    if (value === null) continue;
    const scale = field.toLowerCase().includes('likelihood') ? criteria.likelihood : criteria.impact;
    if (value > scale.length) issues.push({ path: `body.${field}`, message: `the scale has ${scale.length} steps (1–${scale.length})` });
  }
  if (issues.length) throw new AppError('validation_failed', `${issues[0]?.path}: ${issues[0]?.message}`, { issues });
}

/** Recomputes the stored, derived columns of a risk from its scores, treatment and acceptance. */
function derive(row: RiskRow, criteria: RiskCriteriaContent, openActionDues: (string | null)[]): RiskRow {
  const inherent = levelOf(criteria, row.likelihood, row.impact);
  const residual = levelOf(criteria, row.residual_likelihood, row.residual_impact);
  const above = isAboveThreshold(criteria, inherent);
  const dues = openActionDues.filter((d): d is string => d !== null).sort();
  return {
    ...row,
    inherent_level: inherent?.id ?? null,
    inherent_rank: inherent?.rank ?? null,
    residual_level: residual?.id ?? null,
    residual_rank: residual?.rank ?? null,
    above_threshold: above ? 1 : 0,
    needs_attention: above && row.acceptance === null && row.status !== 'closed' ? 1 : 0,
    next_action_due: dues[0] ?? null,
  };
}

async function assertSystems(db: Executor, orgId: string, systemIds: string[]): Promise<void> {
  if (systemIds.length === 0) return;
  const found = await db.selectFrom('ai_systems').select('id').where('org_id', '=', orgId).where('id', 'in', systemIds).execute();
  const known = new Set(found.map((f) => f.id));
  const issues = systemIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `body.systemIds.${i}`, message: 'no such AI system in this organization' }],
  );
  if (issues.length) throw new AppError('validation_failed', 'systemIds names an AI system this organization does not have', { issues });
}

async function setSystems(trx: Executor, orgId: string, riskId: string, systemIds: string[]): Promise<void> {
  await trx.deleteFrom('risk_systems').where('risk_id', '=', riskId).execute();
  const unique = [...new Set(systemIds)];
  if (unique.length)
    await trx
      .insertInto('risk_systems')
      .values(unique.map((system_id) => ({ risk_id: riskId, system_id, org_id: orgId })))
      .execute();
}

async function findRisk(db: Executor, orgId: string, idOrRef: string): Promise<RiskRow | undefined> {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrRef);
  return db
    .selectFrom('risks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where(byId ? 'id' : 'ref', '=', byId ? idOrRef.toLowerCase() : idOrRef)
    .executeTakeFirst();
}

async function requireRisk(db: Executor, orgId: string, idOrRef: string): Promise<RiskRow> {
  const row = await findRisk(db, orgId, idOrRef);
  if (!row) throw new AppError('not_found', `risk ${idOrRef} not found`);
  return row;
}

async function presentOne(db: Db, executor: Executor, principal: OrgPrincipal, catalog: Catalog | null, row: RiskRow): Promise<Risk> {
  const { versions } = await loadCriteriaVersions(executor, principal.orgId);
  const resolved = catalog ? await catalogForOrg(db, catalog, principal) : null;
  return present(row, versions, await loadRelated(executor, [row.id]), resolved);
}

/**
 * Adds a risk to the register inside the caller's transaction (an impact assessment or a
 * monitoring breach raising a risk uses this, so both changes commit together), with its
 * audit entry. Levels are computed with the organization's current criteria.
 */
export async function insertRisk(
  trx: Transaction<Database>,
  db: Db,
  principal: OrgPrincipal,
  input: RiskInput,
  origin: { type: RiskOriginType; id: string | null },
): Promise<Risk> {
  requirePermission(principal, 'records.write');
  const fields: RiskFields = parseFields(RiskInputSchema, input);
  await lockOrganizationWrites(trx, db, principal.orgId);
  const { versions, current } = await loadCriteriaVersions(trx, principal.orgId);
  assertScores(current.content, [
    ['likelihood', fields.likelihood],
    ['impact', fields.impact],
  ]);
  await assertSystems(trx, principal.orgId, fields.systemIds);
  let ref = fields.ref;
  if (ref === undefined) {
    const max = await trx
      .selectFrom('risks')
      .select((eb) => eb.fn.max('ref_seq').as('max'))
      .where('org_id', '=', principal.orgId)
      .executeTakeFirst();
    ref = sequenceRef(PREFIX, Number(max?.max ?? 0) + 1);
  } else if (await findRisk(trx, principal.orgId, ref)) {
    throw new AppError('conflict', `reference ${ref} is already used by another risk`, {
      issues: [{ path: 'body.ref', message: 'already used' }],
    });
  }
  const now = nowIso();
  const row = derive(
    {
      id: randomUUID(),
      org_id: principal.orgId,
      ref,
      ref_seq: sequenceOf(PREFIX, ref),
      ref_key: refSortKey(ref),
      title: fields.title,
      sort_title: fields.title.toLowerCase(),
      description: fields.description,
      risk_source: fields.riskSource,
      consequences_organization: fields.consequencesOrganization,
      consequences_individuals: fields.consequencesIndividuals,
      consequences_society: fields.consequencesSociety,
      likelihood: fields.likelihood,
      impact: fields.impact,
      inherent_level: null,
      inherent_rank: null,
      owner: fields.owner,
      status: fields.status,
      review_due: fields.reviewDue,
      criteria_number: current.number,
      origin_type: origin.type,
      origin_id: origin.id,
      treatment_option: null,
      treatment_plan: '',
      residual_likelihood: null,
      residual_impact: null,
      residual_level: null,
      residual_rank: null,
      above_threshold: 0,
      acceptance: null,
      needs_attention: 0,
      next_action_due: null,
      created_at: now,
      created_by: principal.userId,
      updated_at: now,
      version: 1,
    },
    current.content,
    [],
  );
  await trx.insertInto('risks').values(row).execute();
  await setSystems(trx, principal.orgId, row.id, fields.systemIds);
  const view = present(row, versions, await loadRelated(trx, [row.id]), null);
  await appendAuditEvent(trx, db.dialect, {
    orgId: principal.orgId,
    actor: principal.actor,
    action: 'risk.created',
    entityType: RISK_ENTITY,
    entityId: row.id,
    after: view,
  });
  return view;
}

export async function createRisk(db: Db, principal: OrgPrincipal, catalog: Catalog, input: RiskInput): Promise<Risk> {
  requirePermission(principal, 'records.write');
  const created = await inTransaction(db, (trx) => insertRisk(trx, db, principal, input, { type: 'manual', id: null }));
  return getRisk(db, principal, catalog, created.id);
}

export async function getRisk(db: Db, principal: OrgPrincipal, catalog: Catalog, idOrRef: string): Promise<Risk> {
  requirePermission(principal, 'records.read');
  const row = await requireRisk(db.kysely, principal.orgId, idOrRef);
  return presentOne(db, db.kysely, principal, catalog, row);
}

const sortColumns = {
  ref: 'ref_key',
  title: 'sort_title',
  inherent: 'inherent_rank',
  residual: 'residual_rank',
  status: 'status',
  owner: 'owner',
  reviewDue: 'review_due',
  updatedAt: 'updated_at',
} as const;

function escapeLike(text: string): string {
  return text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The register: filtered, sorted and paginated on the server. */
export async function listRisks(db: Db, principal: OrgPrincipal, catalog: Catalog, query: RiskListQuery) {
  requirePermission(principal, 'records.read');
  const asOf = today();
  let q = db.kysely.selectFrom('risks').where('risks.org_id', '=', principal.orgId);
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    q = q.where(
      (eb) =>
        sql<SqlBool>`(${eb.ref('sort_title')} like ${pattern} escape '\\' or lower(${eb.ref('ref')}) like ${pattern} escape '\\' or lower(${eb.ref('description')}) like ${pattern} escape '\\')`,
    );
  }
  if (query.status?.length) q = q.where('status', 'in', query.status);
  if (query.level?.length) q = q.where('inherent_level', 'in', query.level);
  if (query.residualLevel?.length) q = q.where('residual_level', 'in', query.residualLevel);
  if (query.systemId) q = q.where(concernsAnyOf([query.systemId]));
  if (query.owner) q = q.where('owner', '=', query.owner);
  if (query.needsAttention) q = q.where('needs_attention', '=', query.needsAttention === 'true' ? 1 : 0);
  if (query.reviewOverdue === 'true') q = q.where('review_due', '<', asOf).where('status', '<>', 'closed');
  if (query.treatmentOverdue === 'true') q = q.where('next_action_due', '<', asOf);
  const residual = query.residual === 'true';
  if (query.likelihood !== undefined) q = q.where(residual ? 'residual_likelihood' : 'likelihood', '=', query.likelihood);
  if (query.impact !== undefined) q = q.where(residual ? 'residual_impact' : 'impact', '=', query.impact);

  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const column = sortColumns[query.sort];
  let page = q.selectAll('risks');
  if (column === 'inherent_rank' || column === 'residual_rank' || column === 'review_due') {
    page = page.orderBy(sql`case when ${sql.ref(column)} is null then 1 else 0 end`);
  }
  page = page.orderBy(column, query.order);
  // Ties (same level, same status) list in register order.
  page = column === 'ref_key' ? page.orderBy('id', query.order) : page.orderBy('ref_key').orderBy('id');
  const rows = await page
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const { versions } = await loadCriteriaVersions(db.kysely, principal.orgId);
  const related = await loadRelated(
    db.kysely,
    rows.map((r) => r.id),
  );
  const resolved = await catalogForOrg(db, catalog, principal);
  return {
    items: rows.map((r) => present(r, versions, related, resolved, asOf)),
    total: Number(count?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

function versionConflict(ref: string): AppError {
  return new AppError('version_conflict', `${ref} was changed by someone else; reload and try again`);
}

/** Writes a changed row (optimistic) and its audit entry; returns the new view. */
async function writeRisk(
  trx: Transaction<Database>,
  db: Db,
  principal: OrgPrincipal,
  before: Risk,
  previous: RiskRow,
  next: RiskRow,
  action: string,
): Promise<Risk> {
  const { id: _id, org_id: _org, created_at: _c, created_by: _cb, ...columns } = next;
  const result = await trx
    .updateTable('risks')
    .set(columns)
    .where('id', '=', previous.id)
    .where('version', '=', previous.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw versionConflict(previous.ref);
  const { versions } = await loadCriteriaVersions(trx, principal.orgId);
  const after = present(next, versions, await loadRelated(trx, [next.id]), null);
  await appendAuditEvent(trx, db.dialect, {
    orgId: principal.orgId,
    actor: principal.actor,
    action,
    entityType: RISK_ENTITY,
    entityId: next.id,
    before,
    after,
  });
  return after;
}

/** Changes the identification and analysis of a risk. A changed score withdraws an acceptance. */
export async function updateRisk(db: Db, principal: OrgPrincipal, catalog: Catalog, idOrRef: string, patch: RiskPatch): Promise<Risk> {
  requirePermission(principal, 'records.write');
  const saved = await inTransaction(db, (trx) => patchRisk(trx, db, principal, idOrRef, patch));
  return getRisk(db, principal, catalog, saved.id);
}

/** updateRisk inside the caller's transaction (an import applies many). */
export async function patchRisk(
  trx: Transaction<Database>,
  db: Db,
  principal: OrgPrincipal,
  idOrRef: string,
  patch: RiskPatch,
): Promise<Risk> {
  requirePermission(principal, 'records.write');
  const row = await requireRisk(trx, principal.orgId, idOrRef);
  if (row.version !== patch.version) throw versionConflict(row.ref);
  const { versions, current } = await loadCriteriaVersions(trx, principal.orgId);
  const before = present(row, versions, await loadRelated(trx, [row.id]), null);
  const { version: _v, systemIds, ...changes } = patch;
  if (changes.ref !== undefined && changes.ref !== row.ref && (await findRisk(trx, principal.orgId, changes.ref))) {
    throw new AppError('conflict', `reference ${changes.ref} is already used by another risk`, {
      issues: [{ path: 'body.ref', message: 'already used' }],
    });
  }
  const rescored =
    (changes.likelihood !== undefined && changes.likelihood !== row.likelihood) ||
    (changes.impact !== undefined && changes.impact !== row.impact);
  const criteria = rescored ? current : { number: row.criteria_number, content: versions.get(row.criteria_number) ?? current.content };
  const likelihood = changes.likelihood === undefined ? row.likelihood : changes.likelihood;
  const impact = changes.impact === undefined ? row.impact : changes.impact;
  if (rescored) {
    assertScores(criteria.content, [
      ['likelihood', likelihood],
      ['impact', impact],
      ['residualLikelihood', row.residual_likelihood],
      ['residualImpact', row.residual_impact],
    ]);
  }
  if (systemIds !== undefined) {
    await assertSystems(trx, principal.orgId, systemIds);
    await setSystems(trx, principal.orgId, row.id, systemIds);
  }
  const next = derive(
    {
      ...row,
      ref: changes.ref ?? row.ref,
      ref_seq: changes.ref === undefined ? row.ref_seq : sequenceOf(PREFIX, changes.ref),
      ref_key: refSortKey(changes.ref ?? row.ref),
      title: changes.title ?? row.title,
      sort_title: (changes.title ?? row.title).toLowerCase(),
      description: changes.description ?? row.description,
      risk_source: changes.riskSource ?? row.risk_source,
      consequences_organization: changes.consequencesOrganization ?? row.consequences_organization,
      consequences_individuals: changes.consequencesIndividuals ?? row.consequences_individuals,
      consequences_society: changes.consequencesSociety ?? row.consequences_society,
      likelihood,
      impact,
      owner: changes.owner ?? row.owner,
      status: changes.status ?? row.status,
      review_due: changes.reviewDue === undefined ? row.review_due : changes.reviewDue,
      criteria_number: criteria.number,
      acceptance: rescored ? null : row.acceptance,
      updated_at: nowIso(),
      version: row.version + 1,
    },
    criteria.content,
    await openActionDues(trx, row.id),
  );
  return writeRisk(
    trx,
    db,
    principal,
    before,
    row,
    next,
    rescored && row.acceptance ? 'risk.updated-acceptance-withdrawn' : 'risk.updated',
  );
}

/** The stored row behind a ref, for imports deciding between create and update. */
export function findRiskByRef(db: Executor, orgId: string, ref: string): Promise<RiskRow | undefined> {
  return findRisk(db, orgId, ref);
}

async function openActionDues(db: Executor, riskId: string): Promise<(string | null)[]> {
  const rows = await db.selectFrom('risk_actions').select('due').where('risk_id', '=', riskId).where('done', '=', 0).execute();
  return rows.map((r) => r.due);
}

/**
 * Sets how a risk is treated (6.1.3, 8.3): the option, the plan, the controls chosen (from any
 * framework in the organization's catalog: Annex A or its own controls), the actions with owners
 * and due dates, and the residual scores. A change withdraws an earlier acceptance.
 */
export async function updateTreatment(
  db: Db,
  principal: OrgPrincipal,
  catalog: Catalog,
  idOrRef: string,
  input: RiskTreatmentInput,
): Promise<Risk> {
  requirePermission(principal, 'records.write');
  const fields = parseFields(RiskTreatmentInputSchema, input);
  const orgCatalog = await catalogForOrg(db, catalog, principal);
  const controlIssues = fields.controls.flatMap((c, i) => {
    const fw = orgCatalog.frameworks.get(c.framework);
    if (!fw) return [{ path: `body.controls.${i}.framework`, message: `no framework "${c.framework}" in the catalog` }];
    const item = fw.items.get(c.control);
    if (!item) return [{ path: `body.controls.${i}.control`, message: `${c.framework} has no item "${c.control}"` }];
    if (item.kind !== 'control') return [{ path: `body.controls.${i}.control`, message: `${c.control} is a ${item.kind}, not a control` }];
    return [];
  });
  const seen = new Set<string>();
  fields.controls.forEach((c, i) => {
    const key = `${c.framework}\u0000${c.control}`;
    if (seen.has(key)) controlIssues.push({ path: `body.controls.${i}`, message: 'listed twice' });
    seen.add(key);
  });
  if (controlIssues.length)
    throw new AppError('validation_failed', `${controlIssues[0]?.path}: ${controlIssues[0]?.message}`, { issues: controlIssues });

  const saved = await inTransaction(db, (trx) => applyTreatment(trx, db, principal, idOrRef, fields));
  return getRisk(db, principal, catalog, saved.id);
}

/**
 * Writes a validated treatment inside the caller's transaction (so another feature can raise a
 * risk and treat it atomically). The caller has checked `fields.controls` against the catalog.
 */
export async function applyTreatment(
  trx: Transaction<Database>,
  db: Db,
  principal: OrgPrincipal,
  idOrRef: string,
  fields: RiskTreatmentFields,
): Promise<{ id: string }> {
  requirePermission(principal, 'records.write');
  const row = await requireRisk(trx, principal.orgId, idOrRef);
  if (row.version !== fields.version) throw versionConflict(row.ref);
  const { versions, current } = await loadCriteriaVersions(trx, principal.orgId);
  const before = present(row, versions, await loadRelated(trx, [row.id]), null);
  const residualChanged = fields.residualLikelihood !== row.residual_likelihood || fields.residualImpact !== row.residual_impact;
  // New residual scores are made with the current criteria; the inherent level is re-read with them too.
  const criteriaNumber = residualChanged ? current.number : row.criteria_number;
  const content = versions.get(criteriaNumber) ?? current.content;
  assertScores(content, [
    ['residualLikelihood', fields.residualLikelihood],
    ['residualImpact', fields.residualImpact],
    ['likelihood', row.likelihood],
    ['impact', row.impact],
  ]);
  const existing = new Set((await trx.selectFrom('risk_actions').select('id').where('risk_id', '=', row.id).execute()).map((a) => a.id));
  await trx.deleteFrom('risk_controls').where('risk_id', '=', row.id).execute();
  if (fields.controls.length) {
    await trx
      .insertInto('risk_controls')
      .values(
        fields.controls.map((c) => ({
          risk_id: row.id,
          org_id: principal.orgId,
          framework: c.framework,
          control: c.control,
          note: c.note,
        })),
      )
      .execute();
  }
  await trx.deleteFrom('risk_actions').where('risk_id', '=', row.id).execute();
  const actions = fields.actions.map((a, position) => ({
    id: a.id && existing.has(a.id) ? a.id : randomUUID(),
    risk_id: row.id,
    org_id: principal.orgId,
    position,
    title: a.title,
    owner: a.owner,
    due: a.due,
    done: a.done ? 1 : 0,
  }));
  if (actions.length) await trx.insertInto('risk_actions').values(actions).execute();
  const status = fields.option !== null && (row.status === 'identified' || row.status === 'analysed') ? 'treatment-planned' : row.status;
  const changed =
    JSON.stringify([fields.option, fields.plan, fields.controls, fields.actions.map((a) => [a.title, a.owner, a.due, a.done])]) !==
      JSON.stringify([
        before.treatment.option,
        before.treatment.plan,
        before.treatment.controls.map((c) => ({ framework: c.framework, control: c.control, note: c.note })),
        before.treatment.actions.map((a) => [a.title, a.owner, a.due, a.done]),
      ]) || residualChanged;
  const next = derive(
    {
      ...row,
      treatment_option: fields.option,
      treatment_plan: fields.plan,
      residual_likelihood: fields.residualLikelihood,
      residual_impact: fields.residualImpact,
      criteria_number: criteriaNumber,
      status,
      acceptance: changed ? null : row.acceptance,
      updated_at: nowIso(),
      version: row.version + 1,
    },
    content,
    actions.filter((a) => a.done === 0).map((a) => a.due),
  );
  return writeRisk(
    trx,
    db,
    principal,
    before,
    row,
    next,
    changed && row.acceptance ? 'risk.treatment-changed-acceptance-withdrawn' : 'risk.treatment-changed',
  );
}

/**
 * Formal acceptance of a risk's residual risk (6.1.3 f) by a member whose role the criteria allow
 * to accept that level. The level is the residual level when residual scores are set, else the
 * inherent level; a risk above the threshold must have a treatment decided first.
 */
export async function acceptRisk(
  db: Db,
  principal: OrgPrincipal,
  catalog: Catalog,
  idOrRef: string,
  input: { comment?: string; version: number },
): Promise<Risk> {
  requirePermission(principal, 'records.write');
  const fields = parseFields(RiskAcceptanceInputSchema, input);
  const saved = await inTransaction(db, async (trx) => {
    const row = await requireRisk(trx, principal.orgId, idOrRef);
    if (row.version !== fields.version) throw versionConflict(row.ref);
    const { versions, current } = await loadCriteriaVersions(trx, principal.orgId);
    const before = present(row, versions, await loadRelated(trx, [row.id]), null);
    const criteria = current.content;
    let inherent;
    let residual;
    try {
      inherent = levelOf(criteria, row.likelihood, row.impact);
      residual = levelOf(criteria, row.residual_likelihood, row.residual_impact);
    } catch {
      throw new AppError(
        'rule_violated',
        `${row.ref} was scored with criteria version ${row.criteria_number}, whose scales differ from the current ones; score it again first`,
      );
    }
    if (!inherent) throw new AppError('rule_violated', `${row.ref} has no likelihood and impact yet: analyse it before accepting it`);
    if (isAboveThreshold(criteria, inherent) && row.treatment_option === null) {
      throw new AppError(
        'rule_violated',
        `${row.ref} is ${inherent.label}, above the acceptance threshold: decide its treatment (6.1.3) before accepting the residual risk`,
      );
    }
    if (isAboveThreshold(criteria, inherent) && row.treatment_option !== 'retain' && !residual) {
      throw new AppError(
        'rule_violated',
        `${row.ref} is treated: estimate the residual likelihood and impact before accepting the residual risk`,
      );
    }
    const level = residual ?? inherent;
    if (!mayAccept(criteria, principal.role, level)) {
      throw new AppError(
        'forbidden',
        `a ${level.label} residual risk may be accepted by: ${acceptingRoles(criteria, level).join(', ')} (your role: ${principal.role})`,
      );
    }
    const acceptance: RiskAcceptance = {
      level,
      acceptedBy: principal.actor.label ?? principal.userId,
      acceptedById: principal.userId,
      role: principal.role,
      acceptedAt: nowIso(),
      comment: fields.comment,
      criteriaNumber: current.number,
    };
    const next = derive(
      {
        ...row,
        criteria_number: current.number,
        acceptance: JSON.stringify(acceptance),
        updated_at: acceptance.acceptedAt,
        version: row.version + 1,
      },
      criteria,
      await openActionDues(trx, row.id),
    );
    return writeRisk(trx, db, principal, before, row, next, 'risk.residual-accepted');
  });
  return getRisk(db, principal, catalog, saved.id);
}

export async function deleteRisk(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<void> {
  requirePermission(principal, 'records.delete');
  await inTransaction(db, async (trx) => {
    const row = await requireRisk(trx, principal.orgId, idOrRef);
    const { versions } = await loadCriteriaVersions(trx, principal.orgId);
    const before = present(row, versions, await loadRelated(trx, [row.id]), null);
    await trx.deleteFrom('risks').where('id', '=', row.id).execute();
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'risk.deleted',
      entityType: RISK_ENTITY,
      entityId: row.id,
      before,
    });
  });
}

/** Risk id for a ref or id (for history routes). */
export async function riskIdOf(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<string> {
  requirePermission(principal, 'records.read');
  return (await requireRisk(db.kysely, principal.orgId, idOrRef)).id;
}

/** Counts per heat-map cell, inherent and residual, on the current criteria's grid (open risks only). */
export async function heatMap(db: Db, principal: OrgPrincipal, systemId?: string): Promise<HeatMap> {
  requirePermission(principal, 'records.read');
  const { current } = await loadCriteriaVersions(db.kysely, principal.orgId);
  const c = current.content;
  const asOf = today();
  const base = () => {
    let q = db.kysely.selectFrom('risks').where('org_id', '=', principal.orgId).where('status', '<>', 'closed');
    if (systemId) {
      q = q.where(concernsAnyOf([systemId]));
    }
    return q;
  };
  const grid = () => c.likelihood.map(() => c.impact.map(() => 0));
  const inherent = grid();
  const residual = grid();
  const cells = await base()
    .select(['likelihood', 'impact', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['likelihood', 'impact'])
    .execute();
  let unscored = 0;
  for (const cell of cells) {
    const row = cell.likelihood === null || cell.impact === null ? undefined : inherent[cell.likelihood - 1];
    if (row && cell.impact !== null && cell.impact <= c.impact.length) row[cell.impact - 1] = (row[cell.impact - 1] ?? 0) + Number(cell.n);
    else unscored += Number(cell.n);
  }
  const residualCells = await base()
    .select(['residual_likelihood', 'residual_impact', (eb) => eb.fn.countAll<number>().as('n')])
    .where('residual_likelihood', 'is not', null)
    .where('residual_impact', 'is not', null)
    .groupBy(['residual_likelihood', 'residual_impact'])
    .execute();
  for (const cell of residualCells) {
    const row = cell.residual_likelihood === null ? undefined : residual[cell.residual_likelihood - 1];
    if (row && cell.residual_impact !== null && cell.residual_impact <= c.impact.length)
      row[cell.residual_impact - 1] = (row[cell.residual_impact - 1] ?? 0) + Number(cell.n);
  }
  const sum = (condition: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;
  const totals = await base()
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      sum(sql`needs_attention = 1`).as('attention'),
      sum(sql`review_due < ${asOf}`).as('review'),
      sum(sql`next_action_due < ${asOf}`).as('treatment'),
    ])
    .executeTakeFirstOrThrow();
  return {
    criteriaNumber: current.number,
    likelihood: c.likelihood.map((s) => ({ value: s.value, label: s.label })),
    impact: c.impact.map((s) => ({ value: s.value, label: s.label })),
    inherent,
    residual,
    levels: c.likelihood.map((_, l) =>
      c.impact.map((_, i) => levelOf(c, l + 1, i + 1) ?? { id: '', label: '', colour: '#868e96', rank: 0 }),
    ),
    unscored,
    needsAttention: Number(totals.attention),
    reviewOverdue: Number(totals.review),
    treatmentOverdue: Number(totals.treatment),
    total: Number(totals.total),
  };
}
