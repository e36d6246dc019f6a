import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { refSortKey } from '../../db/refs.ts';
import type { AiSystemTable } from '../../db/schema.ts';
import {
  euRoles,
  isoRoles,
  type AiSystem,
  type AiSystemFields,
  type InventorySummary,
  type SystemListQuery,
} from '../../domain/schemas/inventory.schemas.ts';
import { today } from '../../domain/time.ts';

export type AiSystemRow = AiSystemTable;

export function presentSystem(row: AiSystemRow, asOf = today()): AiSystem {
  return {
    id: row.id,
    ref: row.ref,
    name: row.name,
    purpose: row.purpose,
    intendedUse: row.intended_use,
    foreseeableMisuse: row.foreseeable_misuse,
    isoRoles: JSON.parse(row.iso_roles) as AiSystem['isoRoles'],
    euRoles: JSON.parse(row.eu_roles) as AiSystem['euRoles'],
    stage: row.stage as AiSystem['stage'],
    owner: row.owner,
    businessUnit: row.business_unit,
    users: row.users,
    affectedPersons: row.affected_persons,
    automation: row.automation as AiSystem['automation'],
    humanOversight: row.human_oversight,
    deploymentContext: row.deployment_context,
    jurisdictions: JSON.parse(row.jurisdictions) as string[],
    inScope: row.in_scope === 1,
    scopeReason: row.scope_reason,
    reviewDue: row.review_due,
    reviewOverdue: row.review_due !== null && row.review_due < asOf && row.stage !== 'retired',
    riskClass: row.risk_class as AiSystem['riskClass'],
    gpaiSystemicRisk: row.gpai_systemic === null ? null : row.gpai_systemic === 1,
    classifiedAt: row.classified_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The columns that hold an AI system's editable fields. */
export function systemColumns(fields: AiSystemFields & { ref: string }) {
  return {
    ref: fields.ref,
    ref_key: refSortKey(fields.ref),
    name: fields.name,
    sort_name: fields.name.toLowerCase(),
    purpose: fields.purpose,
    intended_use: fields.intendedUse,
    foreseeable_misuse: fields.foreseeableMisuse,
    iso_roles: JSON.stringify(isoRoles.filter((r) => fields.isoRoles.includes(r))),
    eu_roles: JSON.stringify(euRoles.filter((r) => fields.euRoles.includes(r))),
    stage: fields.stage,
    owner: fields.owner,
    business_unit: fields.businessUnit,
    users: fields.users,
    affected_persons: fields.affectedPersons,
    automation: fields.automation,
    human_oversight: fields.humanOversight,
    deployment_context: fields.deploymentContext,
    jurisdictions: JSON.stringify([...new Set(fields.jurisdictions)]),
    in_scope: fields.inScope ? 1 : 0,
    scope_reason: fields.scopeReason,
    review_due: fields.reviewDue,
    search_text: [fields.ref, fields.name, fields.owner, fields.purpose].join('\n').toLowerCase(),
  };
}

/** The editable fields of a stored system (the inverse of systemColumns). */
export function systemFields(system: AiSystem): AiSystemFields & { ref: string } {
  return {
    ref: system.ref,
    name: system.name,
    purpose: system.purpose,
    intendedUse: system.intendedUse,
    foreseeableMisuse: system.foreseeableMisuse,
    isoRoles: system.isoRoles,
    euRoles: system.euRoles,
    stage: system.stage,
    owner: system.owner,
    businessUnit: system.businessUnit,
    users: system.users,
    affectedPersons: system.affectedPersons,
    automation: system.automation,
    humanOversight: system.humanOversight,
    deploymentContext: system.deploymentContext,
    jurisdictions: system.jurisdictions,
    inScope: system.inScope,
    scopeReason: system.scopeReason,
    reviewDue: system.reviewDue,
  };
}

const REF_PATTERN = /^AIS-(\d{1,9})$/;

/** The sequence number of an assigned-style ref (AIS-0042 → 42), so user-chosen refs in that form advance the sequence. */
export function refSequence(ref: string): number | null {
  const match = REF_PATTERN.exec(ref);
  return match ? Number(match[1]) : null;
}

export function formatRef(n: number): string {
  return `AIS-${String(n).padStart(4, '0')}`;
}

export async function maxRefSequence(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('ai_systems')
    .select((eb) => eb.fn.max('ref_seq').as('max'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

export function findSystem(db: Executor, orgId: string, idOrRef: string): Promise<AiSystemRow | undefined> {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrRef);
  return db
    .selectFrom('ai_systems')
    .selectAll()
    .where('org_id', '=', orgId)
    .where(byId ? 'id' : 'ref', '=', byId ? idOrRef.toLowerCase() : idOrRef)
    .executeTakeFirst();
}

export async function refsInUse(db: Executor, orgId: string, refs: string[]): Promise<Map<string, AiSystemRow>> {
  const found = new Map<string, AiSystemRow>();
  for (let i = 0; i < refs.length; i += 500) {
    const rows = await db
      .selectFrom('ai_systems')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('ref', 'in', refs.slice(i, i + 500))
      .execute();
    for (const row of rows) found.set(row.ref, row);
  }
  return found;
}

function escapeLike(text: string): string {
  return text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
}

const sortColumns = {
  ref: 'ref_key',
  name: 'sort_name',
  stage: 'stage',
  riskClass: 'risk_class',
  owner: 'owner',
  businessUnit: 'business_unit',
  reviewDue: 'review_due',
  updatedAt: 'updated_at',
} as const;

/** One page of an organization's AI systems, filtered and sorted on the server, and the total that match. */
export async function listSystems(db: Executor, orgId: string, query: SystemListQuery, asOf = today()) {
  let q = db.selectFrom('ai_systems').where('org_id', '=', orgId);
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    q = q.where(sql<SqlBool>`search_text like ${pattern} escape '\\'`);
  }
  if (query.stage?.length) q = q.where('stage', 'in', query.stage);
  if (query.riskClass?.length) {
    const classes = query.riskClass.filter((c) => c !== 'unclassified');
    const unclassified = query.riskClass.includes('unclassified');
    q = q.where((eb) => {
      const parts: Expression<SqlBool>[] = [];
      if (classes.length) parts.push(eb('risk_class', 'in', classes));
      if (unclassified) parts.push(eb('risk_class', 'is', null));
      return eb.or(parts);
    });
  }
  if (query.euRole) q = q.where('eu_roles', 'like', `%"${query.euRole}"%`);
  if (query.isoRole) q = q.where('iso_roles', 'like', `%"${query.isoRole}"%`);
  if (query.inScope) q = q.where('in_scope', '=', query.inScope === 'true' ? 1 : 0);
  if (query.owner) q = q.where('owner', '=', query.owner);
  if (query.businessUnit) q = q.where('business_unit', '=', query.businessUnit);
  if (query.reviewOverdue === 'true') {
    q = q.where('review_due', '<', asOf).where('stage', '<>', 'retired');
  } else if (query.reviewOverdue === 'false') {
    q = q.where((eb) => eb.or([eb('review_due', 'is', null), eb('review_due', '>=', asOf), eb('stage', '=', 'retired')]));
  }

  const countRow = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const column = sortColumns[query.sort];
  const nullable = column === 'risk_class' || column === 'review_due';
  let page = q.selectAll();
  // Empty values last in both directions and on both databases (they disagree by default).
  if (nullable) page = page.orderBy(sql`case when ${sql.ref(column)} is null then 1 else 0 end`);
  page = page
    .orderBy(column, query.order)
    .orderBy('id', query.order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const rows = await page.execute();
  return { rows, total: Number(countRow?.n ?? 0) };
}

/**
 * Counts for the inventory's summary cards: one grouped pass over the narrow summary index (the
 * combinations of class, stage, scope and roles are few, however many systems there are), added
 * up here, plus one count of overdue reviews on the review-date index.
 */
export async function summarizeSystems(db: Executor, orgId: string, asOf = today()): Promise<InventorySummary> {
  const groups = await db
    .selectFrom('ai_systems')
    .select(['risk_class', 'stage', 'in_scope', 'gpai_systemic', 'eu_roles', 'iso_roles', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .groupBy(['risk_class', 'stage', 'in_scope', 'gpai_systemic', 'eu_roles', 'iso_roles'])
    .execute();
  const overdue = await db
    .selectFrom('ai_systems')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('review_due', '<', asOf)
    .where('stage', '<>', 'retired')
    .executeTakeFirst();
  const summary: InventorySummary = {
    total: 0,
    inScope: 0,
    byRiskClass: {},
    byStage: {},
    byEuRole: Object.fromEntries(euRoles.map((r) => [r, 0])),
    byIsoRole: Object.fromEntries(isoRoles.map((r) => [r, 0])),
    reviewOverdue: Number(overdue?.n ?? 0),
    gpai: 0,
  };
  const add = (counts: Record<string, number>, key: string, n: number) => {
    counts[key] = (counts[key] ?? 0) + n;
  };
  for (const g of groups) {
    const n = Number(g.n);
    summary.total += n;
    if (g.in_scope === 1) summary.inScope += n;
    if (g.gpai_systemic !== null) summary.gpai += n;
    add(summary.byRiskClass, g.risk_class ?? 'unclassified', n);
    add(summary.byStage, g.stage, n);
    for (const role of JSON.parse(g.eu_roles) as string[]) add(summary.byEuRole, role, n);
    for (const role of JSON.parse(g.iso_roles) as string[]) add(summary.byIsoRole, role, n);
  }
  return summary;
}
