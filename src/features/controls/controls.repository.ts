import { sql } from 'kysely';
import type { DialectName, Executor } from '../../db/database.ts';
import type { ControlImplementationTable, SoaVersionTable } from '../../db/schema.ts';

/**
 * SQL for control implementations and the Statement of Applicability. The SoA reads a fixed set
 * of queries whatever the size of the organization: grouped counts (index-only scans, see
 * migration 2026-11-28T05-00-soa-indexes) and the first 25 risks and evidence items per control
 * (one query: a LATERAL join on PostgreSQL, a UNION ALL of per-control LIMIT arms on SQLite, which
 * has no LATERAL; both stop after 25 index entries per control instead of ranking every row).
 */

export type ImplementationRow = ControlImplementationTable;

export interface ControlKey {
  framework: string;
  control: string;
}

/** The map key of a control. */
export function controlKey(framework: string, control: string): string {
  return `${framework}\u0000${control}`;
}

export interface RiskRefRow {
  framework: string;
  control: string;
  id: string;
  ref: string;
  title: string;
}

export interface EvidenceRefRow {
  framework: string;
  control: string;
  id: string;
  ref: string;
  title: string;
  kind: string;
  review_due: string | null;
}

export interface SoaData {
  /** Organization-level implementations (at most one per control). */
  implementations: ImplementationRow[];
  /** AI-system-level decisions per control. */
  systemCounts: Map<string, { applicable: number; excluded: number; implemented: number }>;
  /** Open (not closed) risks whose treatment names the control. */
  riskCounts: Map<string, number>;
  risks: Map<string, RiskRefRow[]>;
  evidenceCounts: Map<string, { total: number; expired: number }>;
  /** Up to 25 per control: never-expiring first, then by the latest review date, expired last. */
  evidence: Map<string, EvidenceRefRow[]>;
}

export const SOA_LIST_LIMIT = 25;
// SQLite allows 500 terms in a compound SELECT.
const ARMS_PER_QUERY = 200;

function group<T extends { framework: string; control: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const key = controlKey(r.framework, r.control);
    const list = out.get(key) ?? [];
    list.push(r);
    out.set(key, list);
  }
  return out;
}

const num = (v: unknown) => Number(v ?? 0);

async function orgImplementations(db: Executor, orgId: string, frameworks: string[]): Promise<ImplementationRow[]> {
  return (
    db
      .selectFrom('control_implementations')
      .selectAll()
      .where('org_id', '=', orgId)
      // scope_key '' is the organization level (system_id null): the unique key's last column, so
      // the rows are read from it rather than by scanning every system-level row (bench phase e).
      .where('scope_key', '=', '')
      .where('framework', 'in', frameworks)
      .execute()
  );
}

async function systemCounts(db: Executor, orgId: string, frameworks: string[]): Promise<SoaData['systemCounts']> {
  const rows = await db
    .selectFrom('control_implementations')
    .select([
      'framework',
      'control',
      sql<number>`sum(case when applicable = 1 then 1 else 0 end)`.as('applicable'),
      sql<number>`sum(case when applicable = 0 then 1 else 0 end)`.as('excluded'),
      sql<number>`sum(case when applicable = 1 and status = 'implemented' then 1 else 0 end)`.as('implemented'),
    ])
    .where('org_id', '=', orgId)
    .where('framework', 'in', frameworks)
    .where('scope_key', '<>', '')
    .groupBy(['framework', 'control'])
    .execute();
  return new Map(
    rows.map((r) => [
      controlKey(r.framework, r.control),
      { applicable: num(r.applicable), excluded: num(r.excluded), implemented: num(r.implemented) },
    ]),
  );
}

async function riskCounts(db: Executor, orgId: string, frameworks: string[]): Promise<Map<string, number>> {
  // All links minus those of closed risks: two index-only scans instead of a join over every link.
  const all = await db
    .selectFrom('risk_controls')
    .select(['framework', 'control', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('framework', 'in', frameworks)
    .groupBy(['framework', 'control'])
    .execute();
  const closed = await db
    .selectFrom('risks')
    .innerJoin('risk_controls', 'risk_controls.risk_id', 'risks.id')
    .select(['risk_controls.framework', 'risk_controls.control', (eb) => eb.fn.countAll<number>().as('n')])
    .where('risks.org_id', '=', orgId)
    .where('risks.status', '=', 'closed')
    .where('risk_controls.framework', 'in', frameworks)
    .groupBy(['risk_controls.framework', 'risk_controls.control'])
    .execute();
  const out = new Map(all.map((r) => [controlKey(r.framework, r.control), num(r.n)]));
  for (const c of closed) {
    const key = controlKey(c.framework, c.control);
    out.set(key, (out.get(key) ?? 0) - num(c.n));
  }
  return out;
}

async function evidenceCounts(db: Executor, orgId: string, frameworks: string[], today: string): Promise<SoaData['evidenceCounts']> {
  const result = await sql<{ framework: string; target: string; total: number; expired: number }>`
    select framework, target, count(*) as total, sum(case when valid_until < ${today} then 1 else 0 end) as expired
    from evidence_links
    where org_id = ${orgId} and target_type = 'control' and framework in (${sql.join(frameworks)})
    group by framework, target`.execute(db);
  return new Map(result.rows.map((r) => [controlKey(r.framework, r.target), { total: num(r.total), expired: num(r.expired) }]));
}

const riskArm = (orgId: string, c: ControlKey) => sql`
  select rc.framework as framework, rc.control as control, r.id as id, r.ref as ref, r.title as title
  from risk_controls rc join risks r on r.id = rc.risk_id
  where rc.org_id = ${orgId} and rc.framework = ${c.framework} and rc.control = ${c.control} and r.status <> 'closed'
  order by rc.risk_id limit ${SOA_LIST_LIMIT}`;

const evidenceArm = (orgId: string, c: ControlKey) => sql`
  select el.framework as framework, el.target as control, e.id as id, e.ref as ref, e.title as title, e.kind as kind, e.review_due as review_due
  from evidence_links el join evidence e on e.id = el.evidence_id
  where el.org_id = ${orgId} and el.target_type = 'control' and el.framework = ${c.framework} and el.target = ${c.control}
  order by el.valid_until desc, el.evidence_id desc limit ${SOA_LIST_LIMIT}`;

/** The first rows per control in one query per ≤200 controls (only those with rows are asked for). */
async function firstPerControl<T>(
  db: Executor,
  dialect: DialectName,
  controls: ControlKey[],
  arm: (c: ControlKey) => ReturnType<typeof sql>,
  lateral: (values: ReturnType<typeof sql>) => ReturnType<typeof sql<T>>,
): Promise<T[]> {
  if (controls.length === 0) return [];
  if (dialect === 'postgres') {
    const values = sql.join(controls.map((c) => sql`(${c.framework}::text, ${c.control}::text)`));
    return (await lateral(values).execute(db)).rows;
  }
  const out: T[] = [];
  for (let i = 0; i < controls.length; i += ARMS_PER_QUERY) {
    const arms = controls.slice(i, i + ARMS_PER_QUERY).map((c, n) => sql`select * from (${arm(c)}) as a${sql.raw(String(n))}`);
    out.push(...(await sql<T>`${sql.join(arms, sql` union all `)}`.execute(db)).rows);
  }
  return out;
}

function firstRisks(db: Executor, dialect: DialectName, orgId: string, controls: ControlKey[]): Promise<RiskRefRow[]> {
  return firstPerControl<RiskRefRow>(
    db,
    dialect,
    controls,
    (c) => riskArm(orgId, c),
    (values) => sql<RiskRefRow>`
      select c.framework as framework, c.control as control, t.id as id, t.ref as ref, t.title as title
      from (values ${values}) as c(framework, control)
      cross join lateral (
        select r.id, r.ref, r.title from risk_controls rc join risks r on r.id = rc.risk_id
        where rc.org_id = ${orgId} and rc.framework = c.framework and rc.control = c.control and r.status <> 'closed'
        order by rc.risk_id limit ${SOA_LIST_LIMIT}
      ) as t`,
  );
}

function firstEvidence(db: Executor, dialect: DialectName, orgId: string, controls: ControlKey[]): Promise<EvidenceRefRow[]> {
  return firstPerControl<EvidenceRefRow>(
    db,
    dialect,
    controls,
    (c) => evidenceArm(orgId, c),
    (values) => sql<EvidenceRefRow>`
      select c.framework as framework, c.control as control, t.id as id, t.ref as ref, t.title as title, t.kind as kind, t.review_due as review_due
      from (values ${values}) as c(framework, control)
      cross join lateral (
        select e.id, e.ref, e.title, e.kind, e.review_due from evidence_links el join evidence e on e.id = el.evidence_id
        where el.org_id = ${orgId} and el.target_type = 'control' and el.framework = c.framework and el.target = c.control
        order by el.valid_until desc, el.evidence_id desc limit ${SOA_LIST_LIMIT}
      ) as t`,
  );
}

/**
 * Everything the SoA needs for `controls`, in a fixed number of queries. With `parallel` the
 * independent queries run at once (PostgreSQL spreads them over its pool); inside a transaction
 * they run one after the other on its connection.
 */
export async function loadSoaData(
  db: Executor,
  dialect: DialectName,
  orgId: string,
  controls: ControlKey[],
  today: string,
  parallel: boolean,
): Promise<SoaData> {
  const frameworks = [...new Set(controls.map((c) => c.framework))];
  if (frameworks.length === 0) {
    return {
      implementations: [],
      systemCounts: new Map(),
      riskCounts: new Map(),
      risks: new Map(),
      evidenceCounts: new Map(),
      evidence: new Map(),
    };
  }
  const counts = async () => {
    const steps = [
      () => orgImplementations(db, orgId, frameworks),
      () => systemCounts(db, orgId, frameworks),
      () => riskCounts(db, orgId, frameworks),
      () => evidenceCounts(db, orgId, frameworks, today),
    ] as const;
    if (parallel) return Promise.all([steps[0](), steps[1](), steps[2](), steps[3]()]);
    return [await steps[0](), await steps[1](), await steps[2](), await steps[3]()] as const;
  };
  const [implementations, sys, riskN, evidenceN] = await counts();
  // Only controls that have any risk or evidence get a list arm.
  const withRisks = controls.filter((c) => (riskN.get(controlKey(c.framework, c.control)) ?? 0) > 0);
  const withEvidence = controls.filter((c) => (evidenceN.get(controlKey(c.framework, c.control))?.total ?? 0) > 0);
  const lists = parallel
    ? await Promise.all([firstRisks(db, dialect, orgId, withRisks), firstEvidence(db, dialect, orgId, withEvidence)])
    : ([await firstRisks(db, dialect, orgId, withRisks), await firstEvidence(db, dialect, orgId, withEvidence)] as const);
  return {
    implementations,
    systemCounts: sys,
    riskCounts: riskN,
    risks: group(lists[0]),
    evidenceCounts: evidenceN,
    evidence: group(lists[1]),
  };
}

// ---------- Implementations ----------

export function findImplementation(
  db: Executor,
  orgId: string,
  framework: string,
  control: string,
  scopeKey: string,
): Promise<ImplementationRow | undefined> {
  return db
    .selectFrom('control_implementations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('framework', '=', framework)
    .where('control', '=', control)
    .where('scope_key', '=', scopeKey)
    .executeTakeFirst();
}

export async function insertImplementation(db: Executor, row: ImplementationRow): Promise<void> {
  await db.insertInto('control_implementations').values(row).execute();
}

/** Writes `next` if the stored version is still `version`; false when someone else changed it. */
export async function updateImplementation(db: Executor, next: ImplementationRow, version: number): Promise<boolean> {
  const { id, org_id: _o, framework: _f, control: _c, scope_key: _s, system_id: _sys, created_at: _ca, created_by: _cb, ...columns } = next;
  const result = await db
    .updateTable('control_implementations')
    .set(columns)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ImplementationFilter {
  frameworks: string[];
  systemId?: string | undefined;
  scope: 'all' | 'organization' | 'systems';
  status?: string[] | undefined;
  applicable?: 'true' | 'false' | 'undecided' | undefined;
}

export interface ImplementationListRow extends ImplementationRow {
  system_ref: string | null;
  system_name: string | null;
}

/**
 * A page of implementations: organization level first, then by AI system ref, then by the
 * controls' catalog order (`positions` maps a control key to its place).
 */
export async function listImplementationRows(
  db: Executor,
  orgId: string,
  filter: ImplementationFilter,
  positions: Map<string, number>,
  page: { limit: number; offset: number },
): Promise<{ rows: ImplementationListRow[]; total: number }> {
  let q = db
    .selectFrom('control_implementations as ci')
    .leftJoin('ai_systems as s', 's.id', 'ci.system_id')
    .where('ci.org_id', '=', orgId)
    .where('ci.framework', 'in', filter.frameworks);
  if (filter.systemId !== undefined) q = q.where('ci.system_id', '=', filter.systemId);
  else if (filter.scope === 'organization') q = q.where('ci.system_id', 'is', null);
  else if (filter.scope === 'systems') q = q.where('ci.system_id', 'is not', null);
  if (filter.status?.length) q = q.where('ci.status', 'in', filter.status);
  if (filter.applicable === 'true') q = q.where('ci.applicable', '=', 1);
  else if (filter.applicable === 'false') q = q.where('ci.applicable', '=', 0);
  else if (filter.applicable === 'undecided') q = q.where('ci.applicable', 'is', null);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const whens = [...positions.entries()].map(([key, pos]) => {
    const [framework, control] = key.split('\u0000');
    return sql`when ci.framework = ${framework} and ci.control = ${control} then ${sql.lit(pos)}`;
  });
  const position = whens.length ? sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(positions.size)} end` : sql<number>`0`;
  const rows = await q
    .selectAll('ci')
    .select(['s.ref as system_ref', 's.name as system_name'])
    .orderBy(sql`case when ci.system_id is null then 0 else 1 end`)
    .orderBy(sql`coalesce(${sql.ref('s.ref_seq')}, 0)`)
    .orderBy('s.ref')
    .orderBy(position)
    .orderBy('ci.control')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: num(total?.n) };
}

/** Open risks whose treatment names the control, optionally only those concerning one AI system. */
export async function risksNamingControl(
  db: Executor,
  orgId: string,
  c: ControlKey,
  systemId: string | null,
): Promise<{ rows: { id: string; ref: string; title: string }[]; total: number }> {
  let q = db
    .selectFrom('risk_controls as rc')
    .innerJoin('risks as r', 'r.id', 'rc.risk_id')
    .where('rc.org_id', '=', orgId)
    .where('rc.framework', '=', c.framework)
    .where('rc.control', '=', c.control)
    .where('r.status', '<>', 'closed');
  if (systemId !== null) {
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('risk_systems as rs').select('rs.risk_id').whereRef('rs.risk_id', '=', 'r.id').where('rs.system_id', '=', systemId),
      ),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await q.select(['r.id', 'r.ref', 'r.title']).orderBy('r.ref_key').limit(SOA_LIST_LIMIT).execute();
  return { rows, total: num(total?.n) };
}

// ---------- SoA versions ----------

export function listSoaVersionRows(db: Executor, orgId: string) {
  return db
    .selectFrom('soa_versions')
    .select(['id', 'number', 'comment', 'content', 'content_hash', 'approved_by', 'approved_role', 'approved_at'])
    .where('org_id', '=', orgId)
    .orderBy('number', 'desc')
    .execute();
}

export function findSoaVersionRow(db: Executor, orgId: string, number: number) {
  return db.selectFrom('soa_versions').selectAll().where('org_id', '=', orgId).where('number', '=', number).executeTakeFirst();
}

export async function nextSoaVersionNumber(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('soa_versions')
    .select((eb) => eb.fn.max('number').as('max'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return num(row?.max) + 1;
}

export async function insertSoaVersion(db: Executor, row: SoaVersionTable): Promise<void> {
  await db.insertInto('soa_versions').values(row).execute();
}
