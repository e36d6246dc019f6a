import type { SoaRow } from '../../domain/schemas/controls.schemas.ts';
import type { Readiness, ReadinessCheck, ReadinessRule, ReadinessScore, ReadinessStatus } from '../../domain/schemas/readiness.schemas.ts';
import { READINESS_FRAMEWORK, readinessGroups } from './readiness-rules.ts';
import type { ObjectiveFacts, RiskFacts, SystemFacts } from './readiness.repository.ts';

/**
 * The readiness engine: pure evaluation of the rules over facts gathered from the organization's
 * records (readiness.service.ts gathers them in a fixed number of queries). No I/O here, so the
 * arithmetic and every rule's pass/gap decision can be tested without a database.
 */

/** What an approved SoA froze per control, for comparing it with the live one. */
export interface FrozenSoaRow {
  framework: string;
  control: string;
  applicable: boolean | null;
  justification: string;
  status: string;
}

export interface ReadinessFacts {
  asOf: string;
  /** the organization's risk criteria version; 0 while only the built-in default exists */
  criteriaNumber: number;
  risks: RiskFacts;
  /** the risk feature's reassessment status (8.2), evaluated today */
  assessment: {
    lastApproved: { ref: string; approvedAt: string } | null;
    nextDue: string | null;
    due: boolean;
    reasons: string[];
  };
  systems: SystemFacts;
  objectives: ObjectiveFacts;
  requirementEvidence: Map<string, { total: number; expired: number }>;
  /** the live SoA evaluated as of `asOf` */
  soaRows: SoaRow[];
  approvedSoa: { number: number; approvedAt: string; rows: FrozenSoaRow[] } | null;
}

interface Outcome {
  status: ReadinessStatus;
  detail: string;
}

const pass = (detail: string): Outcome => ({ status: 'pass', detail });
const gap = (detail: string): Outcome => ({ status: 'gap', detail });
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const clip = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const allExpired = (n: number, asOf: string) =>
  n === 1 ? `the one linked evidence item is expired as of ${asOf}` : `all ${n} linked evidence items are expired as of ${asOf}`;
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const examples = (refs: string[], total: number) =>
  refs.length ? ` (${refs.join(', ')}${total > refs.length ? `, and ${total - refs.length} more` : ''})` : '';

function evidenceOutcome(requirements: string[], facts: ReadinessFacts): Outcome {
  let total = 0;
  let expired = 0;
  for (const r of requirements) {
    const e = facts.requirementEvidence.get(r);
    total += e?.total ?? 0;
    expired += e?.expired ?? 0;
  }
  const clauses = requirements.join(' / ');
  if (total === 0) return gap(`No evidence is linked to clause ${clauses}; Trellis keeps no other record of it.`);
  const current = total - expired;
  if (current === 0) return gap(`${capital(allExpired(total, facts.asOf))}.`);
  return pass(`${plural(current, 'current evidence item')} linked to clause ${clauses}${expired ? `; ${expired} expired` : ''}.`);
}

function inventoryOutcome({ systems }: ReadinessFacts): Outcome {
  if (systems.inScope === 0) return gap('No AI system is marked in scope in the inventory.');
  if (systems.incomplete > 0) {
    return gap(
      `${plural(systems.incomplete, 'in-scope AI system')} ${systems.incomplete === 1 ? 'lacks' : 'lack'} an owner or a purpose, or ${systems.incomplete === 1 ? 'is' : 'are'} past the review date${examples(systems.examples.incomplete, systems.incomplete)}.`,
    );
  }
  return pass(`${plural(systems.inScope, 'AI system')} in scope, each with an owner and a purpose, none past its review date.`);
}

function risksAnalysedOutcome({ risks }: ReadinessFacts): Outcome {
  if (risks.open === 0) return gap('The risk register has no open risk.');
  if (risks.unscored > 0)
    return gap(`${plural(risks.unscored, 'open risk')} of ${risks.open} ${risks.unscored === 1 ? 'has' : 'have'} no likelihood or impact.`);
  return pass(`All ${plural(risks.open, 'open risk')} scored against the criteria.`);
}

function treatmentOutcome({ risks }: ReadinessFacts): Outcome {
  if (risks.open === 0) return gap('The risk register has no open risk to treat.');
  const problems: string[] = [];
  if (risks.untreated > 0) problems.push(`${plural(risks.untreated, 'risk')} above the threshold without a treatment option`);
  if (risks.needsAttention > 0) problems.push(`${plural(risks.needsAttention, 'risk')} whose residual risk is not accepted`);
  if (problems.length) return gap(`${problems.join('; ')}.`);
  return pass(`Every open risk above the threshold is treated and its residual risk accepted (${plural(risks.open, 'open risk')}).`);
}

function treatmentActionsOutcome({ risks, asOf }: ReadinessFacts): Outcome {
  if (risks.open === 0) return gap('The risk register has no open risk, so no treatment is being carried out.');
  if (risks.overdueActions > 0) {
    return gap(
      `${plural(risks.overdueActions, 'open risk')} ${risks.overdueActions === 1 ? 'has' : 'have'} a treatment action overdue by ${asOf}.`,
    );
  }
  return pass(`No treatment action of the ${plural(risks.open, 'open risk')} is overdue by ${asOf}.`);
}

function reassessmentOutcome({ assessment, asOf }: ReadinessFacts): Outcome {
  if (!assessment.lastApproved) return gap('No risk assessment of the whole AIMS has been approved yet.');
  if (assessment.due) return gap(assessment.reasons.join(' '));
  if (assessment.nextDue !== null && assessment.nextDue <= asOf) {
    return gap(`The next risk assessment of the whole AIMS falls due on ${assessment.nextDue}, by ${asOf}.`);
  }
  return pass(
    `${assessment.lastApproved.ref} approved ${assessment.lastApproved.approvedAt.slice(0, 10)}${assessment.nextDue ? `; next due ${assessment.nextDue}` : ''}.`,
  );
}

function impactOutcome({ systems }: ReadinessFacts): Outcome {
  if (systems.inScope === 0) return gap('No AI system is in scope, so no impact assessment can be shown.');
  if (systems.withoutImpact > 0) {
    return gap(
      `${plural(systems.withoutImpact, 'in-scope AI system')} of ${systems.inScope} ${systems.withoutImpact === 1 ? 'has' : 'have'} no approved impact assessment${examples(systems.examples.withoutImpact, systems.withoutImpact)}.`,
    );
  }
  return pass(`Every in-scope AI system (${systems.inScope}) has an approved impact assessment.`);
}

function impactCurrentOutcome({ systems, asOf }: ReadinessFacts): Outcome {
  if (systems.withImpact === 0) return gap('No in-scope AI system has an approved impact assessment to keep current.');
  if (systems.impactStale > 0) {
    return gap(
      `${plural(systems.impactStale, 'approved impact assessment')} will be past ${systems.impactStale === 1 ? 'its' : 'their'} review date by ${asOf} or predate a significant change of the system${examples(systems.examples.impactStale, systems.impactStale)}.`,
    );
  }
  return pass(`${plural(systems.withImpact, 'approved impact assessment')} current on ${asOf}.`);
}

function monitoringOutcome({ systems }: ReadinessFacts): Outcome {
  if (systems.deployed === 0) return gap('No in-scope AI system is deployed, so nothing shows monitoring in operation.');
  const problems: string[] = [];
  if (systems.unmonitored > 0)
    problems.push(
      `${plural(systems.unmonitored, 'deployed AI system')} ha${systems.unmonitored === 1 ? 's' : 've'} no active monitoring plan${examples(systems.examples.unmonitored, systems.unmonitored)}`,
    );
  if (systems.monitoringOverdue > 0)
    problems.push(
      `${plural(systems.monitoringOverdue, 'deployed AI system')} ha${systems.monitoringOverdue === 1 ? 's' : 've'} a monitoring plan past its due date${examples(systems.examples.monitoringOverdue, systems.monitoringOverdue)}`,
    );
  if (systems.openAlerts > 0)
    problems.push(`${plural(systems.openAlerts, 'threshold breach', 'threshold breaches')} not yet acknowledged or raised as a risk`);
  if (problems.length > 0) return gap(`${capital(problems.join('; '))}.`);
  return pass(
    `All ${plural(systems.deployed, 'deployed AI system')} have an active monitoring plan run on schedule, and every breach was acted on.`,
  );
}

function objectivesOutcome({ objectives: o, asOf }: ReadinessFacts): Outcome {
  if (o.total === 0) return gap('No AI objective is recorded.');
  const problems: string[] = [];
  if (o.overdue > 0)
    problems.push(
      `${plural(o.overdue, 'objective')} past ${o.overdue === 1 ? 'its' : 'their'} target date on ${asOf}${examples(o.examples.overdue, o.overdue)}`,
    );
  if (o.undated > 0)
    problems.push(`${plural(o.undated, 'open objective')} without a target date${examples(o.examples.undated, o.undated)}`);
  if (o.unevaluated > 0)
    problems.push(
      `${plural(o.unevaluated, 'open objective')} with neither a measure nor a way to evaluate the result${examples(o.examples.unevaluated, o.unevaluated)}`,
    );
  if (problems.length > 0) return gap(`${capital(problems.join('; '))}.`);
  return pass(`${plural(o.total, 'AI objective')} recorded, each open one with a target date and a way to evaluate it, none overdue.`);
}

function soaApprovedOutcome({ approvedSoa }: ReadinessFacts): Outcome {
  if (!approvedSoa) return gap('No version of the Statement of Applicability has been approved.');
  return pass(`Version ${approvedSoa.number} approved ${approvedSoa.approvedAt.slice(0, 10)}.`);
}

const soaKey = (r: { framework: string; control: string }) => `${r.framework}\u0000${r.control}`;

function soaCurrentOutcome({ approvedSoa, soaRows }: ReadinessFacts): Outcome {
  if (!approvedSoa) return gap('No approved SoA to compare with the live one.');
  const frozen = new Map(approvedSoa.rows.map((r) => [soaKey(r), r]));
  const changed: string[] = [];
  for (const live of soaRows) {
    const old = frozen.get(soaKey(live));
    frozen.delete(soaKey(live));
    if (!old || old.applicable !== live.applicable || old.justification !== live.justification || old.status !== live.status) {
      changed.push(live.control);
    }
  }
  changed.push(...[...frozen.values()].map((r) => r.control));
  if (changed.length === 0) return pass(`Version ${approvedSoa.number} matches the live SoA.`);
  return gap(
    `Version ${approvedSoa.number} differs from the live SoA on ${plural(changed.length, 'control')}${examples(changed.slice(0, 5), changed.length)}.`,
  );
}

const justificationFlags = new Set(['exclusion-without-justification', 'excluded-but-needed', 'inclusion-without-basis']);

function decisionOutcome(row: SoaRow | undefined): Outcome {
  if (!row) return gap('The control is not in your catalog of Annex A.');
  if (row.applicable === null) return gap('No decision is recorded and no open risk treatment names it.');
  const flag = row.flags.find((f) => justificationFlags.has(f.code));
  if (flag) return gap(flag.message);
  if (row.applicable === false) return pass(`Excluded: ${clip(row.justification)}`);
  return pass(`Included${row.derived ? ' (through risk treatment)' : ''}: ${clip(row.justification)}`);
}

function operatingOutcome(row: SoaRow | undefined, asOf: string): Outcome {
  if (!row) return gap('The control is not in your catalog of Annex A.');
  if (row.applicable === false) return pass('Excluded in the SoA: nothing to operate.');
  if (row.applicable === null) return gap('Decide first whether the control is applicable.');
  const problems: string[] = [];
  if (row.status !== 'implemented') problems.push(`status is ${row.status}`);
  if (row.evidenceCurrent === 0) {
    problems.push(row.evidenceExpired > 0 ? allExpired(row.evidenceExpired, asOf) : 'no evidence is linked');
  }
  if (row.reviewDue !== null && row.reviewDue < asOf) problems.push(`its review was due on ${row.reviewDue}`);
  if (problems.length) return gap(`Included, but ${problems.join('; ')}.`);
  return pass(`Implemented; ${plural(row.evidenceCurrent, 'current evidence item')}.`);
}

function outcomeOf(rule: ReadinessRule, facts: ReadinessFacts, rows: Map<string, SoaRow>): Outcome {
  const row = () => rows.get(soaKey({ framework: READINESS_FRAMEWORK, control: rule.check.control ?? '' }));
  switch (rule.check.kind) {
    case 'evidence':
      return evidenceOutcome(rule.check.requirements ?? [], facts);
    case 'ai-system-inventory':
      return inventoryOutcome(facts);
    case 'risk-criteria':
      return facts.criteriaNumber > 0
        ? pass(`Your own criteria, version ${facts.criteriaNumber}.`)
        : gap('Only the built-in default criteria exist; set criteria that reflect your risk appetite.');
    case 'risk-assessment-approved':
      return facts.assessment.lastApproved
        ? pass(`${facts.assessment.lastApproved.ref} approved ${facts.assessment.lastApproved.approvedAt.slice(0, 10)}.`)
        : gap('No risk assessment of the whole AIMS has been approved.');
    case 'risks-analysed':
      return risksAnalysedOutcome(facts);
    case 'risk-treatment':
      return treatmentOutcome(facts);
    case 'soa-approved':
      return soaApprovedOutcome(facts);
    case 'soa-current':
      return soaCurrentOutcome(facts);
    case 'impact-assessments':
      return impactOutcome(facts);
    case 'risk-reassessment':
      return reassessmentOutcome(facts);
    case 'treatment-actions':
      return treatmentActionsOutcome(facts);
    case 'impact-assessments-current':
      return impactCurrentOutcome(facts);
    case 'control-decision':
      return decisionOutcome(row());
    case 'control-operating':
      return operatingOutcome(row(), facts.asOf);
    case 'monitoring':
      return monitoringOutcome(facts);
    case 'objectives':
      return objectivesOutcome(facts);
  }
}

/** floor(passed / total × 100); 0 for an empty group. Integer arithmetic, so 100 only when nothing is missing. */
export function scoreOf(passed: number, total: number): number {
  return total === 0 ? 0 : Math.floor((passed * 100) / total);
}

function scores(groups: readonly { id: string; title: string }[], checks: ReadinessCheck[]): ReadinessScore[] {
  return groups.map((g) => {
    const mine = checks.filter((c) => c.group === g.id);
    const passed = mine.filter((c) => c.status === 'pass').length;
    return { id: g.id, title: g.title, score: scoreOf(passed, mine.length), passed, total: mine.length };
  });
}

/** Fills ':org' in a rule's page template. */
export function fixPathFor(template: string, orgSlug: string): string {
  return template.replace(/:org(?=\/|\?|$)/, encodeURIComponent(orgSlug));
}

/**
 * Evaluates every rule over the facts: the checks in rule (catalog) order, the figure per clause
 * and per Annex A area, the overall figure, and the gaps ordered by priority then catalog order.
 */
export function evaluateReadiness(rules: readonly ReadinessRule[], facts: ReadinessFacts, orgSlug: string, generatedAt: string): Readiness {
  const rows = new Map(facts.soaRows.map((r) => [soaKey(r), r]));
  const checks: ReadinessCheck[] = rules.map((rule) => {
    const { status, detail } = outcomeOf(rule, facts, rows);
    return {
      ruleId: rule.id,
      requirement: rule.requirement,
      group: rule.group,
      title: rule.title,
      asks: rule.asks,
      priority: rule.priority,
      status,
      detail,
      fix: { ...rule.fix, path: fixPathFor(rule.fix.path, orgSlug) },
    };
  });
  const passed = checks.filter((c) => c.status === 'pass').length;
  const order = new Map(checks.map((c, i) => [c.ruleId, i]));
  const gaps = checks
    .filter((c) => c.status === 'gap')
    .sort((a, b) => a.priority - b.priority || (order.get(a.ruleId) ?? 0) - (order.get(b.ruleId) ?? 0));
  return {
    overall: scoreOf(passed, checks.length),
    passed,
    total: checks.length,
    generatedAt,
    asOf: facts.asOf,
    clauses: scores(readinessGroups.clauses, checks),
    annexA: scores(readinessGroups.annexA, checks),
    checks,
    gaps,
  };
}
