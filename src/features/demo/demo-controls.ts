import type { Db } from '../../db/database.ts';
import type { OrgPrincipal } from '../../domain/principal.ts';
import type { ControlImplementationInput } from '../../domain/schemas/controls.schemas.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { getImplementation, saveImplementation } from '../controls/control-implementation.service.ts';
import { approveSoa } from '../controls/soa.service.ts';

const A = 'iso42001-2023';
const aims = 'aims.manager@example.com';
const ml = 'ml-team@example.com';

/**
 * Organization-level decisions for most Annex A controls of a bank that builds some AI systems
 * and buys others. The controls the demo risks name (A.5.4, A.6.2.6, A.7.4) are recorded with
 * how they are implemented; a few controls are left undecided, one is included without a reason
 * and one review is overdue, so the SoA shows its flags.
 */
const organization: [string, ControlImplementationInput][] = [
  [
    'A.2.2',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'interested-party', text: 'Customers and the supervisor expect a published AI policy' }],
      status: 'implemented',
      owner: aims,
      description: 'AI policy approved by the board in March 2026; published on the intranet and the website.',
      reviewDue: '2027-03-31',
    },
  ],
  [
    'A.2.3',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'The AI policy must not contradict the information security and privacy policies' }],
      status: 'implemented',
      owner: aims,
      description: 'Policy map cross-references the AI policy with the ISMS and data protection policies.',
    },
  ],
  [
    'A.2.4',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'The policy must follow regulatory change (EU AI Act obligations phase in until 2027)' }],
      status: 'planned',
      owner: aims,
      description: 'Yearly policy review at the AIMS committee; ad hoc review after a regulatory change.',
      reviewDue: '2026-09-30',
    },
  ],
  [
    'A.3.2',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'Risk owners, AIMS manager and data stewards need defined duties' }],
      status: 'implemented',
      owner: 'head.of.people@example.com',
      description: 'RACI for the AI life cycle in the AIMS manual; roles appear in job descriptions.',
    },
  ],
  [
    'A.3.3',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'legal', text: 'EU Whistleblower Directive 2019/1937: an internal reporting channel is required' }],
      status: 'partially-implemented',
      owner: 'compliance@example.com',
      description: 'The whistle-blowing channel accepts AI concerns; the AI-specific triage procedure is being written.',
    },
  ],
  [
    'A.4.2',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'Every AI system and its resources are recorded in Trellis' }],
      status: 'implemented',
      owner: aims,
      description: 'AI system inventory with suppliers, data sets and models kept in Trellis.',
    },
  ],
  [
    'A.4.3',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'legal', text: 'GDPR Art. 30 records of processing cover the training data' }],
      status: 'implemented',
      owner: 'dpo@example.com',
      description: 'Data sets recorded with source, licence and personal-data flags.',
    },
  ],
  [
    'A.4.4',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'Models and tools must be traceable' }],
      status: 'partially-implemented',
      owner: ml,
    },
  ],
  [
    'A.5.2',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'legal', text: 'EU AI Act Art. 27 (FRIA) for high-risk uses' }],
      status: 'implemented',
      owner: aims,
    },
  ],
  [
    'A.5.3',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'legal', text: 'EU AI Act Art. 27(3): results are notified' }],
      status: 'implemented',
      owner: aims,
    },
  ],
  [
    'A.5.4',
    {
      status: 'implemented',
      owner: 'dana.lee@example.com',
      description: 'Impact on groups by sex and race assessed before each release of the income model.',
    },
  ],
  [
    'A.6.2.4',
    {
      applicable: true,
      inclusionReasons: [
        { kind: 'contractual', text: 'Model validation is required by the model risk management standard agreed with the group' },
      ],
      status: 'implemented',
      owner: ml,
      description: 'Independent validation report before release; fairness metrics included.',
    },
  ],
  [
    'A.6.2.6',
    {
      status: 'implemented',
      owner: ml,
      description: 'Monthly monitoring of accuracy and demographic parity with alert thresholds.',
      reviewDue: '2027-01-31',
    },
  ],
  [
    'A.6.2.8',
    { applicable: true, inclusionReasons: [{ kind: 'legal', text: 'EU AI Act Art. 12 record-keeping' }], status: 'implemented', owner: ml },
  ],
  [
    'A.7.4',
    {
      status: 'partially-implemented',
      owner: 'data.steward@example.com',
      description: 'Representativeness checks by sex and race; proxy detection still manual.',
    },
  ],
  [
    'A.7.5',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'legal', text: 'EU AI Act Art. 10 data governance' }],
      status: 'planned',
      owner: 'data.steward@example.com',
    },
  ],
  [
    'A.8.2',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'legal', text: 'EU AI Act Art. 50 transparency for the chatbot' }],
      status: 'planned',
      owner: 'support.lead@example.com',
    },
  ],
  [
    'A.4.5',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'Training runs on a shared GPU cluster' }],
      status: 'planned',
      owner: ml,
    },
  ],
  [
    'A.4.6',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'Competence of model developers and reviewers' }],
      status: 'implemented',
      owner: 'head.of.people@example.com',
    },
  ],
  [
    'A.5.5',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'interested-party', text: 'Consumer groups follow automated financial decisions' }],
      status: 'planned',
      owner: aims,
    },
  ],
  [
    'A.6.1.2',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'The bank develops the income and fraud models itself' }],
      status: 'implemented',
      owner: ml,
    },
  ],
  [
    'A.6.1.3',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'The bank develops the income and fraud models itself' }],
      status: 'partially-implemented',
      owner: ml,
    },
  ],
  [
    'A.6.2.2',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'Requirements are set for every model built in house' }],
      status: 'implemented',
      owner: ml,
    },
  ],
  [
    'A.6.2.3',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'legal', text: 'EU AI Act Art. 11 technical documentation for high-risk systems' }],
      status: 'partially-implemented',
      owner: ml,
    },
  ],
  [
    'A.6.2.5',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'Releases need a documented go-live decision' }],
      status: 'implemented',
      owner: ml,
    },
  ],
  [
    'A.6.2.7',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'legal', text: 'EU AI Act Art. 13 instructions for use to deployers' }],
      status: 'planned',
      owner: ml,
    },
  ],
  [
    'A.7.2',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'legal', text: 'EU AI Act Art. 10 data governance' }],
      status: 'partially-implemented',
      owner: 'data.steward@example.com',
    },
  ],
  [
    'A.7.3',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'legal', text: 'GDPR Art. 5 purpose limitation for reused data' }],
      status: 'implemented',
      owner: 'data.steward@example.com',
    },
  ],
  [
    'A.7.6',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'Feature engineering removes proxies for protected attributes' }],
      status: 'planned',
      owner: ml,
    },
  ],
  [
    'A.8.3',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'interested-party', text: 'Customers need a way to report harm from automated offers' }],
      status: 'implemented',
      owner: 'support.lead@example.com',
    },
  ],
  [
    'A.8.5',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'legal', text: 'EU AI Act Art. 73 reporting of serious incidents' }],
      status: 'planned',
      owner: 'compliance@example.com',
    },
  ],
  [
    'A.9.2',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'The bank deploys AI systems it buys' }],
      status: 'implemented',
      owner: aims,
    },
  ],
  [
    'A.9.4',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'legal', text: 'EU AI Act Art. 26(1): deployers use systems per the instructions' }],
      status: 'partially-implemented',
      owner: aims,
    },
  ],
  [
    'A.10.2',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'contractual', text: 'Supplier agreements allocate AI responsibilities' }],
      status: 'implemented',
      owner: 'procurement@example.com',
    },
  ],
  [
    'A.10.4',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'interested-party', text: 'Customers expect explanations of automated offers' }],
      status: 'planned',
      owner: 'support.lead@example.com',
    },
  ],
  // Included without a recorded reason: the SoA flags it. A.8.4 is left undecided.
  ['A.9.3', { applicable: true, status: 'not-started', owner: aims }],
  [
    'A.10.3',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'contractual', text: 'HireTech contract requires bias audit reports' }],
      status: 'partially-implemented',
      owner: 'procurement@example.com',
    },
  ],
];

/** Decisions for single AI systems: bought-in systems do not keep design records of their own. */
const perSystem: [string, string, ControlImplementationInput][] = [
  [
    'CV screening assistant',
    'A.6.2.3',
    {
      applicable: false,
      exclusionJustification: 'HireTech develops the ranker; its design records are obtained under the supplier agreement (A.10.3).',
    },
  ],
  [
    'CV screening assistant',
    'A.9.4',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'Automatic rejection is a foreseeable misuse' }],
      status: 'implemented',
      owner: 'head.of.people@example.com',
      description: 'The applicant tracking system blocks rejection without a recruiter’s review.',
    },
  ],
  [
    'Income eligibility model',
    'A.9.4',
    {
      applicable: true,
      inclusionReasons: [{ kind: 'other', text: 'Use for credit limits is a foreseeable misuse' }],
      status: 'partially-implemented',
      owner: 'dana.lee@example.com',
    },
  ],
  [
    'Marketing copy generator (pilot)',
    'A.6.2.3',
    { applicable: false, exclusionJustification: 'A bought-in service used as it is; nothing is designed or developed in house.' },
  ],
];

/**
 * Control implementations for the demo organization and one approved SoA, followed by a change,
 * so the SoA, its flags, a frozen version and a comparison can all be seen on the first start.
 */
export async function seedDemoControls(db: Db, principal: OrgPrincipal, catalog: Catalog): Promise<void> {
  for (const [control, input] of organization) await saveImplementation(db, principal, catalog, A, control, undefined, input);
  const systems = await db.kysely.selectFrom('ai_systems').select(['id', 'name']).where('org_id', '=', principal.orgId).execute();
  for (const [name, control, input] of perSystem) {
    const system = systems.find((s) => s.name === name);
    if (system) await saveImplementation(db, principal, catalog, A, control, system.id, input);
  }
  await approveSoa(db, principal, catalog, { comment: 'Statement of Applicability for the stage 1 audit, reviewed by the AIMS committee' });
  const escalation = await getImplementation(db, principal, catalog, A, 'A.3.3');
  await saveImplementation(db, principal, catalog, A, 'A.3.3', undefined, {
    status: 'implemented',
    description: 'The whistle-blowing channel accepts AI concerns; triage by the AIMS manager within five working days.',
    version: escalation.version ?? undefined,
  });
}
