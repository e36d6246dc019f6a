import type { Db } from '../../db/database.ts';
import { AppError } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import type { SoaDocument } from '../../domain/schemas/controls.schemas.ts';
import type { Readiness, ReadinessQuery, ReadinessRule } from '../../domain/schemas/readiness.schemas.ts';
import { nowIso, today } from '../../domain/time.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { catalogForOrg } from '../catalog/catalog.service.ts';
import { buildSoa } from '../controls/soa.service.ts';
import { getOrganization } from '../organizations/organization.service.ts';
import { reassessmentStatus } from '../risk/risk-assessment.service.ts';
import { getCriteria } from '../risk/risk-criteria.service.ts';
import { evaluateReadiness, type FrozenSoaRow, type ReadinessFacts } from './readiness-engine.ts';
import { READINESS_FRAMEWORK, readinessRules } from './readiness-rules.ts';
import { latestSoaVersion, objectiveFacts, requirementEvidence, riskFacts, systemFacts } from './readiness.repository.ts';

/**
 * The certification readiness view (issue 6): every rule of readiness-rules.ts evaluated over the
 * organization's live records as of a day. A fixed number of queries whatever the size of the
 * organization: the SoA builder's grouped queries for Annex A, and one grouped query per kind of
 * record for the clauses (risk criteria, risks, assessment runs, AI systems and their impact
 * assessments, evidence linked to clauses, the latest approved SoA). Read-only: nothing is audited.
 */

/** The rules, as templates (fix paths carry ':org'). Any member may read them. */
export function listReadinessRules(principal: OrgPrincipal): ReadinessRule[] {
  requirePermission(principal, 'records.read');
  return [...readinessRules];
}

/**
 * The readiness of the caller's organization as of `query.asOf` (default today, UTC): what will
 * have expired or fallen due by then counts as a gap.
 * @throws AppError `validation_failed` (querystring.asOf) for a day before today.
 */
export async function getReadiness(db: Db, principal: OrgPrincipal, builtIn: Catalog, query: ReadinessQuery): Promise<Readiness> {
  requirePermission(principal, 'records.read');
  const now = today();
  const asOf = query.asOf ?? now;
  if (asOf < now) {
    throw new AppError('validation_failed', `querystring.asOf: ${asOf} is in the past; readiness is evaluated for today or later`, {
      issues: [{ path: 'querystring.asOf', message: 'today or a later day (e.g. the planned audit date)' }],
    });
  }
  const [catalog, org] = await Promise.all([catalogForOrg(db, builtIn, principal), getOrganization(db, principal)]);
  const orgId = principal.orgId;
  const [soa, criteria, assessment, risks, systems, evidence, approved, objectives] = await Promise.all([
    buildSoa(db, catalog, { id: org.id, slug: org.slug, name: org.name }, asOf),
    getCriteria(db, principal),
    reassessmentStatus(db, principal),
    riskFacts(db.kysely, orgId, asOf),
    systemFacts(db.kysely, orgId, asOf),
    requirementEvidence(db.kysely, orgId, READINESS_FRAMEWORK, asOf),
    latestSoaVersion(db.kysely, orgId),
    objectiveFacts(db.kysely, orgId, asOf),
  ]);
  const facts: ReadinessFacts = {
    asOf,
    criteriaNumber: criteria.isDefault ? 0 : criteria.number,
    risks,
    assessment: {
      lastApproved: assessment.lastApproved ? { ref: assessment.lastApproved.ref, approvedAt: assessment.lastApproved.approvedAt } : null,
      nextDue: assessment.nextDue,
      due: assessment.due,
      reasons: assessment.reasons,
    },
    systems,
    objectives,
    requirementEvidence: evidence,
    soaRows: soa.rows,
    approvedSoa: approved ? { number: approved.number, approvedAt: approved.approved_at, rows: frozenRows(approved.content) } : null,
  };
  return evaluateReadiness(readinessRules, facts, org.slug, nowIso());
}

function frozenRows(content: string): FrozenSoaRow[] {
  const doc = JSON.parse(content) as Pick<SoaDocument, 'rows'>;
  return doc.rows.map((r) => ({
    framework: r.framework,
    control: r.control,
    applicable: r.applicable,
    justification: r.justification,
    status: r.status,
  }));
}
