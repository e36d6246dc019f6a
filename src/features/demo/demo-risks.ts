import type { Db } from '../../db/database.ts';
import type { OrgPrincipal } from '../../domain/principal.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { approveAssessment, createAssessment } from '../risk/risk-assessment.service.ts';
import { acceptRisk, createRisk, updateTreatment } from '../risk/risk.service.ts';

/**
 * A small risk register for the demo organization, on the built-in default criteria: one risk
 * treated with Annex A controls and its residual risk accepted, one still needing attention, one
 * low risk retained — and an approved assessment of the whole AIMS — all through the services.
 */
export async function seedDemoRisks(db: Db, principal: OrgPrincipal, catalog: Catalog): Promise<void> {
  const systems = await db.kysely.selectFrom('ai_systems').select(['id', 'name']).where('org_id', '=', principal.orgId).execute();
  const id = (name: string) => systems.filter((s) => s.name === name).map((s) => s.id);

  const bias = await createRisk(db, principal, catalog, {
    title: 'Income model under-selects women for the savings offer',
    description: 'The UCI Adult training data reflects 1994 pay gaps; the model may reproduce them in pre-qualification.',
    riskSource: 'C.3.5',
    systemIds: id('Income eligibility model'),
    consequencesOrganization: 'Regulatory and reputational exposure; unfair marketing practice',
    consequencesIndividuals: 'Women are offered the product less often than men with the same profile',
    consequencesSociety: 'Reinforces historical income disparities',
    likelihood: 4,
    impact: 4,
    owner: 'dana.lee@example.com',
    reviewDue: '2027-03-31',
  });
  const treated = await updateTreatment(db, principal, catalog, bias.id, {
    option: 'modify',
    plan: 'Monitor demographic parity by sex monthly; adviser review of every negative pre-qualification; retrain without proxies.',
    controls: [
      { framework: 'iso42001-2023', control: 'A.7.4', note: 'Data quality requirements include representativeness by sex and race' },
      { framework: 'iso42001-2023', control: 'A.6.2.6', note: 'Monthly fairness monitoring with thresholds' },
      { framework: 'iso42001-2023', control: 'A.5.4', note: 'Impact on groups assessed before each release' },
    ],
    actions: [
      { title: 'Set up monthly demographic parity report', owner: 'ml-team@example.com', due: '2026-12-15' },
      { title: 'Remove relationship/marital-status proxies and retrain', owner: 'ml-team@example.com', due: '2027-02-28' },
    ],
    residualLikelihood: 2,
    residualImpact: 3,
    version: bias.version,
  });
  await acceptRisk(db, principal, catalog, treated.id, {
    comment: 'Accepted with monthly monitoring until the retrained model ships',
    version: treated.version,
  });

  await createRisk(db, principal, catalog, {
    title: 'CV ranking disadvantages older applicants',
    riskSource: 'C.3.5',
    systemIds: id('CV screening assistant'),
    consequencesIndividuals: 'Qualified applicants over 55 are not shortlisted',
    likelihood: 3,
    impact: 5,
    owner: 'head.of.people@example.com',
    reviewDue: '2026-10-31',
  });
  const chatbot = await createRisk(db, principal, catalog, {
    title: 'Chatbot gives wrong account information',
    riskSource: 'C.3.4',
    systemIds: id('Customer support chatbot'),
    consequencesIndividuals: 'Customers act on incorrect information',
    likelihood: 2,
    impact: 2,
    owner: 'support.lead@example.com',
  });
  await acceptRisk(db, principal, catalog, chatbot.id, {
    comment: 'Within risk appetite; hand-over to a person on request',
    version: chatbot.version,
  });

  const run = await createAssessment(db, principal, {
    title: 'AI risk assessment 2026',
    scope: 'aims',
    participants: ['AIMS manager', 'Head of People', 'ML lead', 'Data protection officer'],
    method: 'Workshop per AI system using the default criteria; evidence from monitoring reports',
    performedOn: '2026-06-15',
    summary: 'One high risk treated and accepted; the CV screening risk needs a vendor bias audit.',
  });
  await approveAssessment(db, principal, run.id, run.version);
}
