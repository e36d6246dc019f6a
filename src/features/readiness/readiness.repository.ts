import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { isObjectiveOverdue, openObjectiveStatuses, type ObjectiveStatus } from '../../domain/schemas/objectives.schemas.ts';

/**
 * SQL for the readiness view: one grouped query per kind of record, whatever the number of rows
 * (ARCHITECTURE.md, "views computed over the whole organization"). Dates are YYYY-MM-DD text, so
 * `review_due < asOf` compares them as the evidence and SoA queries do.
 */

const num = (v: unknown) => Number(v ?? 0);

export interface RiskFacts {
  /** open = every status but closed */
  open: number;
  unscored: number;
  /** above the acceptance threshold with no treatment option chosen */
  untreated: number;
  needsAttention: number;
  /** open risks with a treatment action past its due date */
  overdueActions: number;
}

export async function riskFacts(db: Executor, orgId: string, asOf: string): Promise<RiskFacts> {
  const row = await db
    .selectFrom('risks')
    .select([
      (eb) => eb.fn.countAll<number>().as('open'),
      sql<number>`sum(case when likelihood is null or impact is null then 1 else 0 end)`.as('unscored'),
      sql<number>`sum(case when above_threshold = 1 and treatment_option is null then 1 else 0 end)`.as('untreated'),
      sql<number>`sum(case when needs_attention = 1 then 1 else 0 end)`.as('needs_attention'),
      sql<number>`sum(case when next_action_due < ${asOf} then 1 else 0 end)`.as('overdue_actions'),
    ])
    .where('org_id', '=', orgId)
    .where('status', '<>', 'closed')
    .executeTakeFirst();
  return {
    open: num(row?.open),
    unscored: num(row?.unscored),
    untreated: num(row?.untreated),
    needsAttention: num(row?.needs_attention),
    overdueActions: num(row?.overdue_actions),
  };
}

export interface SystemFacts {
  inScope: number;
  /** in scope with no owner, no purpose, or past its review date */
  incomplete: number;
  withoutImpact: number;
  withImpact: number;
  /** the approved impact assessment is past its review date or older than the system's last significant change */
  impactStale: number;
  /** in scope and deployed: the systems 9.1 and A.6.2.6 expect to be monitored */
  deployed: number;
  /** deployed with no active monitoring plan */
  unmonitored: number;
  /** deployed with an active plan past its due date */
  monitoringOverdue: number;
  /** breached runs whose alert is still open (neither acknowledged nor turned into a risk) */
  openAlerts: number;
  /** up to 5 refs of each, in ref order */
  examples: { incomplete: string[]; withoutImpact: string[]; impactStale: string[]; unmonitored: string[]; monitoringOverdue: string[] };
}

const EXAMPLES = 5;

const approvedImpact = sql`exists (select 1 from impact_assessments ia
  where ia.org_id = s.org_id and ia.system_id = s.id and ia.status = 'approved')`;
const staleImpact = (asOf: string) => sql`exists (select 1 from impact_assessments ia
  where ia.org_id = s.org_id and ia.system_id = s.id and ia.status = 'approved'
    and (ia.review_due < ${asOf} or s.significant_change_at > ia.approved_at))`;
const incomplete = (asOf: string) => sql`(s.owner = '' or s.purpose = '' or s.review_due < ${asOf})`;
const activePlan = sql`exists (select 1 from monitoring_plans mp
  where mp.org_id = s.org_id and mp.system_id = s.id and mp.status = 'active')`;
const overduePlan = (asOf: string) => sql`exists (select 1 from monitoring_plans mp
  where mp.org_id = s.org_id and mp.system_id = s.id and mp.status = 'active' and mp.next_due < ${asOf})`;

/** The in-scope AI systems: inventory completeness and impact assessments, in two queries. */
export async function systemFacts(db: Executor, orgId: string, asOf: string): Promise<SystemFacts> {
  const counts = await sql<{
    in_scope: number;
    incomplete: number;
    with_impact: number;
    impact_stale: number;
    deployed: number;
    unmonitored: number;
    monitoring_overdue: number;
    open_alerts: number;
  }>`
    select count(*) as in_scope,
      sum(case when ${incomplete(asOf)} then 1 else 0 end) as incomplete,
      sum(case when ${approvedImpact} then 1 else 0 end) as with_impact,
      sum(case when ${staleImpact(asOf)} then 1 else 0 end) as impact_stale,
      sum(case when s.stage = 'deployed' then 1 else 0 end) as deployed,
      sum(case when s.stage = 'deployed' and not ${activePlan} then 1 else 0 end) as unmonitored,
      sum(case when s.stage = 'deployed' and ${overduePlan(asOf)} then 1 else 0 end) as monitoring_overdue,
      (select count(*) from monitoring_runs r where r.org_id = ${orgId} and r.alert_state = 'open') as open_alerts
    from ai_systems s
    where s.org_id = ${orgId} and s.in_scope = 1`.execute(db);
  const arm = (kind: string, condition: ReturnType<typeof sql>) => sql`
    select * from (
      select ${sql.lit(kind)} as kind, s.ref as ref from ai_systems s
      where s.org_id = ${orgId} and s.in_scope = 1 and ${condition}
      order by s.ref_key limit ${EXAMPLES}
    ) as ${sql.raw(kind.replace(/-/g, '_'))}`;
  const examples = await sql<{ kind: string; ref: string }>`
    ${arm('incomplete', incomplete(asOf))}
    union all ${arm('without-impact', sql`not ${approvedImpact}`)}
    union all ${arm('impact-stale', staleImpact(asOf))}
    union all ${arm('unmonitored', sql`s.stage = 'deployed' and not ${activePlan}`)}
    union all ${arm('monitoring-overdue', sql`s.stage = 'deployed' and ${overduePlan(asOf)}`)}`.execute(db);
  const c = counts.rows[0];
  const refs = (kind: string) => examples.rows.filter((r) => r.kind === kind).map((r) => r.ref);
  const inScope = num(c?.in_scope);
  const withImpact = num(c?.with_impact);
  return {
    inScope,
    incomplete: num(c?.incomplete),
    withImpact,
    withoutImpact: inScope - withImpact,
    impactStale: num(c?.impact_stale),
    deployed: num(c?.deployed),
    unmonitored: num(c?.unmonitored),
    monitoringOverdue: num(c?.monitoring_overdue),
    openAlerts: num(c?.open_alerts),
    examples: {
      incomplete: refs('incomplete'),
      withoutImpact: refs('without-impact'),
      impactStale: refs('impact-stale'),
      unmonitored: refs('unmonitored'),
      monitoringOverdue: refs('monitoring-overdue'),
    },
  };
}

/** Evidence linked to each clause of `framework`: how many links, and how many expired before `asOf`. */
export async function requirementEvidence(
  db: Executor,
  orgId: string,
  framework: string,
  asOf: string,
): Promise<Map<string, { total: number; expired: number }>> {
  const result = await sql<{ target: string; total: number; expired: number }>`
    select target, count(*) as total, sum(case when valid_until < ${asOf} then 1 else 0 end) as expired
    from evidence_links
    where org_id = ${orgId} and target_type = 'requirement' and framework = ${framework}
    group by target`.execute(db);
  return new Map(result.rows.map((r) => [r.target, { total: num(r.total), expired: num(r.expired) }]));
}

/** The latest approved SoA version (its frozen JSON), or undefined. */
export function latestSoaVersion(db: Executor, orgId: string) {
  return db
    .selectFrom('soa_versions')
    .select(['number', 'approved_at', 'content'])
    .where('org_id', '=', orgId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface ObjectiveFacts {
  /** objectives not withdrawn */
  total: number;
  /** planned or in progress with the target date passed */
  overdue: number;
  /** planned or in progress with no target date */
  undated: number;
  /** planned or in progress with neither a measure nor a way of evaluating the result */
  unevaluated: number;
  examples: { overdue: string[]; undated: string[]; unevaluated: string[] };
}

/**
 * What the 6.2 check needs to know about the organization's AI objectives (one statement; an
 * organization has tens of objectives, not thousands).
 */
export async function objectiveFacts(db: Executor, orgId: string, asOf: string): Promise<ObjectiveFacts> {
  const rows = await db
    .selectFrom('ai_objectives')
    .select(['ref', 'status', 'target_date', 'measure_plan_id', 'evaluation'])
    .where('org_id', '=', orgId)
    .where('status', '!=', 'withdrawn')
    .orderBy('ref_seq')
    .orderBy('ref')
    .execute();
  const open = rows.filter((r) => openObjectiveStatuses.includes(r.status as ObjectiveStatus));
  const overdue = open.filter((r) => isObjectiveOverdue(r.status, r.target_date, asOf)).map((r) => r.ref);
  const undated = open.filter((r) => r.target_date === null).map((r) => r.ref);
  const unevaluated = open.filter((r) => r.measure_plan_id === null && r.evaluation.trim() === '').map((r) => r.ref);
  return {
    total: rows.length,
    overdue: overdue.length,
    undated: undated.length,
    unevaluated: unevaluated.length,
    examples: { overdue: overdue.slice(0, EXAMPLES), undated: undated.slice(0, EXAMPLES), unevaluated: unevaluated.slice(0, EXAMPLES) },
  };
}
