import type { Db } from '../../db/database.ts';
import type { OrgPrincipal } from '../../domain/principal.ts';
import type { AiSystemInput, ClassificationAnswers } from '../../domain/schemas/inventory.schemas.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { createSystem } from '../inventory/ai-system.service.ts';
import { classifySystem } from '../inventory/classification.service.ts';
import { createRecord, datasetKind, modelKind, supplierKind } from '../inventory/inventory-record.service.ts';
import { createRelation } from '../inventory/relation.service.ts';

/** Answers every system below shares unless it says otherwise: in scope, nothing prohibited, no product law, no GPAI model. */
const baseAnswers: ClassificationAnswers = {
  'ai-system': true,
  'eu-nexus': true,
  exclusion: 'none',
  'prohibited-practices': [],
  'annex-i-product': 'none',
  'annex-iii-uses': [],
  'transparency-uses': [],
  'gpai-provider': false,
};

interface DemoSystem {
  system: AiSystemInput;
  answers?: ClassificationAnswers;
}

const systems: DemoSystem[] = [
  {
    system: {
      name: 'Income eligibility model',
      purpose: 'Predicts whether an applicant’s income is above 50,000 USD to pre-qualify them for a savings product',
      intendedUse: 'Marketing pre-qualification; the offer is always reviewed by an adviser before it is made',
      foreseeableMisuse: 'Used to decide credit limits, which it was never validated for',
      isoRoles: ['provider', 'producer'],
      euRoles: ['provider', 'deployer'],
      stage: 'deployed',
      owner: 'dana.lee@example.com',
      businessUnit: 'Retail banking',
      users: 'Relationship advisers',
      affectedPersons: 'Applicants; groups by sex and race are monitored for disparate outcomes',
      automation: 'human-in-the-loop',
      humanOversight: 'An adviser reviews every pre-qualification and can override it',
      deploymentContext: 'Online application flow, EU and US customers',
      jurisdictions: ['EU', 'US'],
      reviewDue: '2027-03-31',
    },
    answers: { ...baseAnswers, roles: ['provider', 'deployer'], 'role-shift': [], 'transparency-uses': [] },
  },
  {
    system: {
      name: 'CV screening assistant',
      purpose: 'Ranks incoming job applications for recruiters',
      intendedUse: 'Shortlisting support; a recruiter reads every application before rejecting it',
      foreseeableMisuse: 'Automatic rejection without human review',
      isoRoles: ['customer'],
      euRoles: ['deployer'],
      stage: 'deployed',
      owner: 'head.of.people@example.com',
      businessUnit: 'People',
      users: 'Recruiters',
      affectedPersons: 'Job applicants',
      automation: 'human-in-the-loop',
      humanOversight: 'Recruiters must open and read each application; weekly sample review by HR lead',
      deploymentContext: 'SaaS from HireTech, used in Germany and France',
      jurisdictions: ['DE', 'FR'],
      reviewDue: '2026-09-30',
    },
    answers: {
      ...baseAnswers,
      roles: ['deployer'],
      'role-shift': [],
      'annex-iii-uses': ['4(a)'],
      'derogation-conditions': [],
      'public-service-deployer': false,
    },
  },
  {
    system: {
      name: 'Customer support chatbot',
      purpose: 'Answers customer questions about accounts and products in the web chat',
      intendedUse: 'First-line support with hand-over to a person on request',
      isoRoles: ['provider'],
      euRoles: ['provider', 'deployer'],
      stage: 'verification',
      owner: 'support.lead@example.com',
      businessUnit: 'Customer service',
      users: 'Customers',
      affectedPersons: 'Customers using the web chat',
      automation: 'human-on-the-loop',
      jurisdictions: ['EU'],
      reviewDue: '2027-01-15',
    },
    answers: { ...baseAnswers, roles: ['provider', 'deployer'], 'role-shift': [], 'transparency-uses': ['interacts'] },
  },
  {
    system: {
      name: 'Fraud detection scoring',
      purpose: 'Scores card transactions for fraud',
      isoRoles: ['provider'],
      euRoles: ['provider', 'deployer'],
      stage: 'development',
      owner: 'risk.analytics@example.com',
      businessUnit: 'Risk',
      automation: 'human-on-the-loop',
      jurisdictions: ['EU'],
    },
  },
  {
    system: {
      name: 'Marketing copy generator (pilot)',
      purpose: 'Drafts product newsletters',
      isoRoles: ['customer'],
      euRoles: ['deployer'],
      stage: 'idea',
      owner: 'marketing@example.com',
      businessUnit: 'Marketing',
      inScope: false,
      scopeReason: 'Pilot in a sandbox with no customer-facing output; enters the AIMS scope before any production use',
    },
  },
];

/**
 * Fills the demo organization's inventory with a few realistic records — an income model on the
 * UCI Adult data set (the data in shared/data), a bought CV screening service, a chatbot — with
 * suppliers, data sets, models, relations and EU AI Act classifications, all through the same
 * services (and audit log) a user's actions go through.
 */
export async function seedDemoInventory(db: Db, principal: OrgPrincipal, catalog: Catalog): Promise<void> {
  const created = [];
  for (const s of systems) {
    const system = await createSystem(db, principal, s.system);
    created.push(system);
    if (s.answers)
      await classifySystem(db, principal, catalog, system.id, { answers: s.answers, note: 'Initial classification (demo data)' });
  }
  const [income, cv] = created;
  if (!income || !cv) return;

  const hireTech = await createRecord(db, principal, supplierKind, {
    name: 'HireTech GmbH',
    description: 'Recruiting software vendor',
    contact: 'compliance@hiretech.example',
    suppliesWhat: 'The CV ranking service (SaaS) and its model',
    responsibilities:
      'HireTech: model training, bias testing, technical documentation. Us: human review of rankings, monitoring of outcomes by group.',
    dueDiligenceStatus: 'in-progress',
    dueDiligenceNotes: 'Requested their Art. 11 technical documentation and latest bias audit',
    contractRef: 'PUR-2025-114',
    contractStart: '2025-04-01',
    contractEnd: '2027-03-31',
    reviewDue: '2026-12-31',
  });
  const adult = await createRecord(db, principal, datasetKind, {
    name: 'UCI Adult (census income)',
    description: '48,842 records from the 1994 US Census with an income label (>50K)',
    source: 'UCI Machine Learning Repository',
    provenance: 'Extracted by Barry Becker from the 1994 Census database; stored as adult.parquet',
    acquisition: 'Public download, CC BY 4.0',
    categories: ['personal', 'sensitive'],
    qualityRequirements: 'No missing label; missing workclass/occupation values kept and reported',
    preparation: 'Categorical encoding; rows with missing values kept',
    labelling: 'Label from the census income question',
    knownBiases: 'Under-represents some groups by race; income label reflects 1994 pay gaps by sex',
    retention: 'Kept while the model is in use, plus 3 years',
    reviewDue: '2027-03-31',
  });
  const applications = await createRecord(db, principal, datasetKind, {
    name: 'Past job applications 2019–2024',
    source: 'Applicant tracking system export shared with HireTech',
    categories: ['personal'],
    knownBiases: 'Fewer applicants over 55 than in the labour market',
    supplierId: null,
  });
  const gbm = await createRecord(db, principal, modelKind, {
    name: 'Income classifier',
    modelVersion: '2.1.0',
    modelType: 'Gradient-boosted trees',
    description: 'Binary classifier, threshold 0.5',
    evaluationSummary: 'Accuracy 0.87 on the held-out test split; demographic parity ratio by sex monitored monthly',
  });
  const ranker = await createRecord(db, principal, modelKind, {
    name: 'HireTech ranker',
    modelVersion: '3.2',
    modelType: 'Learning-to-rank',
    supplierId: hireTech.id,
    evaluationSummary: 'Vendor bias audit 2025 (summary only)',
  });
  for (const [relation, fromId, toId, note] of [
    ['uses-model', income.id, gbm.id, ''],
    ['uses-dataset', income.id, adult.id, 'training and validation'],
    ['trained-on', gbm.id, adult.id, ''],
    ['supplied-by', cv.id, hireTech.id, 'SaaS subscription'],
    ['uses-model', cv.id, ranker.id, ''],
    ['uses-dataset', cv.id, applications.id, 'production input'],
  ] as const) {
    await createRelation(db, principal, { relation, fromId, toId, note });
  }
}
