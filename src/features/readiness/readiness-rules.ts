import { ReadinessRuleSchema, type ReadinessRule } from '../../domain/schemas/readiness.schemas.ts';

/**
 * The certification readiness rules as data: for each requirement of clauses 4–10 and each Annex A
 * control of ISO/IEC 42001, what an auditor asks to see, how Trellis checks it and where it is
 * fixed. The engine (readiness-engine.ts) evaluates them; docs/user-guide/readiness.md lists them.
 *
 * Areas Trellis has no records for yet (scope statement, AI policy, competence, internal
 * audit, management review, nonconformities …) are `evidence` checks: they pass only while current
 * evidence is linked to the clause, so a missing area is a gap, never a pass.
 */

/** The framework whose clauses and Annex A the rules cover. */
export const READINESS_FRAMEWORK = 'iso42001-2023';

/** The clauses (4 … 10) and Annex A areas (A.2 … A.10) the figures are given for, in order. */
export const readinessGroups = {
  clauses: [
    { id: '4', title: 'Context of the organization' },
    { id: '5', title: 'Leadership' },
    { id: '6', title: 'Planning' },
    { id: '7', title: 'Support' },
    { id: '8', title: 'Operation' },
    { id: '9', title: 'Performance evaluation' },
    { id: '10', title: 'Improvement' },
  ],
  annexA: [
    { id: 'A.2', title: 'Policies related to AI' },
    { id: 'A.3', title: 'Internal organization for AI' },
    { id: 'A.4', title: 'Resources for AI systems' },
    { id: 'A.5', title: 'Assessing the impacts of AI systems' },
    { id: 'A.6', title: 'AI system life cycle' },
    { id: 'A.7', title: 'Data for AI systems' },
    { id: 'A.8', title: 'Information for interested parties' },
    { id: 'A.9', title: 'Responsible use of AI systems' },
    { id: 'A.10', title: 'Third parties and customers' },
  ],
} as const;

const PAGES = {
  evidence: (clause: string) => `/orgs/:org/evidence/new?requirement=${READINESS_FRAMEWORK}:${clause}`,
  inventory: '/orgs/:org/inventory',
  criteria: '/orgs/:org/risks/criteria',
  assessments: '/orgs/:org/risks/assessments',
  risks: '/orgs/:org/risks',
  soa: '/orgs/:org/controls',
  soaVersions: '/orgs/:org/controls/versions',
  impact: '/orgs/:org/impact-assessments',
  control: (control: string) => `/orgs/:org/controls/${READINESS_FRAMEWORK}/${control}`,
  monitoring: '/orgs/:org/monitoring',
  objectives: '/orgs/:org/objectives',
};

/** An area Trellis keeps no records for yet: current evidence linked to the clause is what passes. */
function evidenceRule(requirement: string, slug: string, title: string, asks: string, priority: 1 | 2, also: string[] = []): ReadinessRule {
  const clauses = [requirement, ...also];
  return {
    id: `${requirement}-${slug}`,
    requirement,
    group: requirement.split('.')[0] ?? requirement,
    title,
    asks,
    priority,
    check: { kind: 'evidence', requirements: clauses },
    passesWhen: `Current evidence (not expired on the day evaluated) is linked to clause ${clauses.join(' or ')}.`,
    fix: {
      label: `Link current evidence to clause ${requirement}`,
      path: PAGES.evidence(requirement),
      cli: `trellis evidence add FILE --requirement ${READINESS_FRAMEWORK}:${requirement} --review-due YYYY-MM-DD`,
    },
  };
}

const clauseRules: ReadinessRule[] = [
  evidenceRule(
    '4.1',
    'context',
    'Internal and external issues',
    'A dated record of the issues that affect the AIMS (laws, expectations, capabilities) and the AI roles the organization plays.',
    2,
  ),
  evidenceRule(
    '4.2',
    'interested-parties',
    'Interested parties and their requirements',
    'A register of interested parties, what each requires and which requirements the AIMS takes on.',
    2,
  ),
  evidenceRule(
    '4.3',
    'scope-statement',
    'AIMS scope statement',
    'The approved statement of what the AIMS covers (units, AI systems, roles, life-cycle stages) and what it leaves out.',
    1,
  ),
  {
    id: '4.3-ai-system-inventory',
    requirement: '4.3',
    group: '4',
    title: 'AI system inventory behind the scope',
    asks: 'The controlled list of AI systems in scope, each with an owner and a purpose, kept under review.',
    priority: 2,
    check: { kind: 'ai-system-inventory' },
    passesWhen: 'At least one AI system is in scope, and every in-scope system has an owner and a purpose and is not past its review date.',
    fix: { label: 'Complete the AI system inventory', path: PAGES.inventory, cli: 'trellis systems list --in-scope true' },
  },
  evidenceRule(
    '4.4',
    'aims-processes',
    'The AIMS and its processes',
    'An overview of the AIMS processes, their owners, inputs, outputs and how they connect.',
    1,
  ),
  evidenceRule(
    '5.1',
    'leadership',
    'Leadership and commitment',
    'Signs that top management directs the AIMS: resources granted, decisions taken, reviews attended.',
    2,
  ),
  evidenceRule('5.2', 'ai-policy', 'AI policy', 'The AI policy approved by top management, and how it was communicated.', 1),
  evidenceRule(
    '5.3',
    'roles',
    'Roles, responsibilities and authorities',
    'Who is responsible for the AIMS and for reporting on it, assigned and communicated.',
    2,
  ),
  {
    id: '6.1.1-risk-criteria',
    requirement: '6.1.1',
    group: '6',
    title: 'AI risk criteria',
    asks: "The organization's own criteria for judging AI risks: scales, levels and the threshold for accepting a risk.",
    priority: 1,
    check: { kind: 'risk-criteria' },
    passesWhen: 'The organization has saved its own risk criteria (the built-in default does not count).',
    fix: { label: 'Set your risk criteria', path: PAGES.criteria },
  },
  {
    id: '6.1.2-risk-assessment',
    requirement: '6.1.2',
    group: '6',
    title: 'Approved AI risk assessment results',
    asks: 'The results of the AI risk assessment of the whole AIMS, approved and kept unchanged.',
    priority: 1,
    check: { kind: 'risk-assessment-approved' },
    passesWhen: 'A risk assessment run covering the whole AIMS has been approved (its results are frozen).',
    fix: { label: 'Approve a risk assessment of the whole AIMS', path: PAGES.assessments },
  },
  {
    id: '6.1.2-risks-analysed',
    requirement: '6.1.2',
    group: '6',
    title: 'Risks identified and analysed',
    asks: 'A risk register in which every open risk has a likelihood and an impact scored against the criteria.',
    priority: 2,
    check: { kind: 'risks-analysed' },
    passesWhen: 'The register has at least one open risk, and every open risk has a likelihood and an impact.',
    fix: { label: 'Score the open risks', path: PAGES.risks, cli: 'trellis risks list' },
  },
  {
    id: '6.1.3-risk-treatment',
    requirement: '6.1.3',
    group: '6',
    title: 'AI risk treatment plan',
    asks: 'For each risk above the acceptance threshold, the chosen treatment, the controls and the accepted residual risk.',
    priority: 1,
    check: { kind: 'risk-treatment' },
    passesWhen:
      'The register has at least one open risk; every open risk above the threshold has a treatment option, and none needs attention (residual risk not accepted).',
    fix: { label: 'Treat the risks that need attention', path: PAGES.risks, cli: 'trellis risks list --needs-attention' },
  },
  {
    id: '6.1.3-soa-approved',
    requirement: '6.1.3',
    group: '6',
    title: 'Approved Statement of Applicability',
    asks: 'The Statement of Applicability, approved: every Annex A control with its inclusion or exclusion and why.',
    priority: 1,
    check: { kind: 'soa-approved' },
    passesWhen: 'At least one version of the SoA has been approved.',
    fix: { label: 'Approve the Statement of Applicability', path: PAGES.soa, cli: 'trellis soa approve --comment TEXT' },
  },
  {
    id: '6.1.3-soa-current',
    requirement: '6.1.3',
    group: '6',
    title: 'Approved SoA matches the live one',
    asks: 'That the approved SoA still says what the organization does: no decision, justification or status changed since.',
    priority: 2,
    check: { kind: 'soa-current' },
    passesWhen:
      'The latest approved SoA version has the same controls, applicability, justification and implementation status as the live SoA.',
    fix: { label: 'Review the changes and approve a new SoA version', path: PAGES.soaVersions, cli: 'trellis soa compare NUMBER live' },
  },
  {
    id: '6.1.4-impact-assessments',
    requirement: '6.1.4',
    group: '6',
    title: 'Impact assessment for every in-scope AI system',
    asks: 'The approved results of an AI system impact assessment for each AI system in scope.',
    priority: 1,
    check: { kind: 'impact-assessments' },
    passesWhen: 'At least one AI system is in scope, and every in-scope system has an approved impact assessment.',
    fix: { label: 'Assess and approve the missing impact assessments', path: PAGES.impact, cli: 'trellis impact-assessments list' },
  },
  {
    id: '6.2-objectives',
    requirement: '6.2',
    group: '6',
    title: 'AI objectives and plans',
    asks: 'Measurable AI objectives with targets, owners, resources and deadlines, and how progress is tracked.',
    priority: 1,
    check: { kind: 'objectives' },
    passesWhen:
      'At least one AI objective is recorded (withdrawn ones do not count); every planned or in-progress one has a target date that has not passed, and either a monitoring plan that measures it or a stated way to evaluate the result.',
    fix: { label: 'Record AI objectives and plan how to achieve them', path: PAGES.objectives, cli: 'trellis objectives list' },
  },
  evidenceRule(
    '6.3',
    'planning-changes',
    'Planning of changes',
    'How changes to the AIMS are planned and carried out in a controlled way.',
    2,
  ),
  evidenceRule('7.1', 'resources', 'Resources', 'The people, budget and tools allotted to running and improving the AIMS.', 2),
  evidenceRule(
    '7.2',
    'competence',
    'Competence records',
    'Training records, qualifications or experience showing people who affect AI performance are competent.',
    1,
  ),
  evidenceRule(
    '7.3',
    'awareness',
    'Awareness',
    'How staff learn the AI policy, their part in the AIMS and what happens when requirements are not met.',
    2,
  ),
  evidenceRule(
    '7.4',
    'communication',
    'Communication',
    'What is communicated about the AIMS, when, to whom and by whom, inside and outside the organization.',
    2,
  ),
  evidenceRule(
    '7.5',
    'documented-information',
    'Control of documented information',
    'How AIMS documents are identified, reviewed, approved, versioned, protected and kept.',
    2,
    ['7.5.1', '7.5.2', '7.5.3'],
  ),
  evidenceRule(
    '8.1',
    'operational-control',
    'Operational planning and control',
    'Records that the planned processes ran as intended: life-cycle checklists, release approvals, change records.',
    1,
  ),
  {
    id: '8.2-risk-reassessment',
    requirement: '8.2',
    group: '8',
    title: 'Risk assessment at planned intervals',
    asks: 'That AI risk assessments are repeated at the planned interval and after significant changes.',
    priority: 1,
    check: { kind: 'risk-reassessment' },
    passesWhen:
      'A risk assessment of the whole AIMS is approved, its next one is not due by the day evaluated, and no in-scope AI system changed significantly since an assessment last covered it.',
    fix: { label: 'Run and approve a new risk assessment', path: PAGES.assessments },
  },
  {
    id: '8.3-treatment-actions',
    requirement: '8.3',
    group: '8',
    title: 'Risk treatment carried out',
    asks: 'That the risk treatment plan is being implemented: actions done when they were due.',
    priority: 1,
    check: { kind: 'treatment-actions' },
    passesWhen: 'The register has at least one open risk, and no open treatment action is overdue on the day evaluated.',
    fix: { label: 'Complete or reschedule the overdue treatment actions', path: PAGES.risks, cli: 'trellis risks list' },
  },
  {
    id: '8.4-impact-assessments-current',
    requirement: '8.4',
    group: '8',
    title: 'Impact assessments kept current',
    asks: 'That impact assessments are reviewed on schedule and redone when an AI system changes significantly.',
    priority: 1,
    check: { kind: 'impact-assessments-current' },
    passesWhen:
      'At least one in-scope AI system has an approved impact assessment, and none is past its review date on the day evaluated or older than the last significant change of its system.',
    fix: { label: 'Revise the outdated impact assessments', path: PAGES.impact, cli: 'trellis impact-assessments list --status approved' },
  },
  {
    id: '9.1-monitoring-in-operation',
    requirement: '9.1',
    group: '9',
    title: 'AI systems in operation are monitored',
    asks: 'For each deployed AI system: what is measured, against which thresholds, the latest results, and what was done when a threshold was crossed.',
    priority: 1,
    check: { kind: 'monitoring' },
    passesWhen:
      'At least one in-scope AI system is deployed; every deployed one has an active monitoring plan that is not past its due date; and every threshold breach was acknowledged or raised as a risk.',
    fix: {
      label: 'Plan and run monitoring; act on the alerts',
      path: PAGES.monitoring,
      cli: 'trellis evaluate fairness|performance|drift … --plan MON-…',
    },
  },
  evidenceRule(
    '9.1',
    'monitoring-results',
    'Monitoring and measurement results',
    'What is monitored and measured, the results, and how they were analysed and evaluated.',
    1,
  ),
  evidenceRule(
    '9.2',
    'internal-audit',
    'Internal audit programme and results',
    'The internal audit programme, audit reports and findings, covering the whole AIMS.',
    1,
    ['9.2.1', '9.2.2'],
  ),
  evidenceRule(
    '9.3',
    'management-review',
    'Management review results',
    'Minutes of management reviews: the inputs considered, the decisions and the actions agreed.',
    1,
    ['9.3.1', '9.3.2', '9.3.3'],
  ),
  evidenceRule(
    '10.1',
    'continual-improvement',
    'Continual improvement',
    'Examples of the AIMS being made more suitable, adequate and effective over time.',
    2,
  ),
  evidenceRule(
    '10.2',
    'nonconformity',
    'Nonconformities and corrective actions',
    'A record of each nonconformity, the corrective action taken and whether it worked.',
    1,
  ),
];

/** Annex A controls in catalog order: id, title, and what an auditor asks to see when it is included. */
const annexAControls: readonly (readonly [string, string, string])[] = [
  ['A.2.2', 'AI policy', 'The AI policy and proof that top management approved it.'],
  [
    'A.2.3',
    'Fit with other organizational policies',
    'Which existing policies (security, privacy, quality, HR …) touch AI and how they align.',
  ],
  ['A.2.4', 'Keeping the AI policy under review', 'The review schedule of the AI policy and the record of its last review.'],
  ['A.3.2', 'AI roles and responsibilities', 'A responsibility matrix covering the whole AI life cycle.'],
  ['A.3.3', 'Raising concerns about AI', 'The channel for reporting concerns about AI and how staff know about it.'],
  ['A.4.2', 'Documenting AI system resources', 'The AI system inventory with the resources each system relies on.'],
  ['A.4.3', 'Record of data resources', 'Dataset records (training, validation, test, production) for a sampled AI system.'],
  ['A.4.4', 'Record of tools and models', 'The tools and models a sampled AI system is built and run with.'],
  ['A.4.5', 'Record of computing and system resources', 'Where each AI system is trained and run.'],
  ['A.4.6', 'Record of people and skills', 'The people and skills each AI system depends on.'],
  ['A.5.2', 'Impact assessment process', 'The impact assessment procedure and what triggers an assessment.'],
  ['A.5.3', 'Recording impact assessment results', 'Completed impact assessments for sampled AI systems.'],
  ['A.5.4', 'Impacts on individuals and groups', 'How effects on individuals and groups were identified and weighed.'],
  ['A.5.5', 'Impacts on society', 'How effects on society (environment, economy, public services …) were considered.'],
  ['A.6.1.2', 'Responsible development objectives', 'The objectives for responsible development and how they tie to the AI policy.'],
  ['A.6.1.3', 'Responsible design and development process', 'The documented development process and its stage gates.'],
  ['A.6.2.2', 'Requirements and specification', 'Requirements for a sampled AI system, including the non-functional ones.'],
  ['A.6.2.3', 'Design and development records', 'Design documentation for a sampled AI system.'],
  ['A.6.2.4', 'Verification and validation', 'The verification and validation plan, its acceptance criteria and results.'],
  ['A.6.2.5', 'Deployment planning', 'The deployment plan and release checklist of a sampled release.'],
  ['A.6.2.6', 'Operation and monitoring', 'Monitoring metrics, thresholds and what happened when one was crossed.'],
  ['A.6.2.7', 'Technical documentation for interested parties', 'Which audiences receive technical documentation and what each gets.'],
  ['A.6.2.8', 'Event logging', 'The logging specification and retained logs of a sampled AI system.'],
  ['A.7.2', 'Data management for development and improvement', 'The data management procedure for AI development.'],
  ['A.7.3', 'Data acquisition and selection', 'How the data used by a sampled AI system was acquired and selected.'],
  ['A.7.4', 'Data quality', 'The data quality requirements and the checks against them.'],
  ['A.7.5', 'Data provenance', 'Provenance or lineage records for a sampled dataset.'],
  ['A.7.6', 'Data preparation', 'The preparation steps applied to the data of a sampled model, and why.'],
  ['A.8.2', 'Information for users', 'The information users of a sampled AI system receive.'],
  ['A.8.3', 'Channel for external reports of harm', 'How people outside the organization can report harm caused by an AI system.'],
  ['A.8.4', 'Incident communication to users', 'The plan for telling users about AI incidents.'],
  ['A.8.5', 'Reporting obligations to interested parties', 'The register of reporting obligations and where each comes from.'],
  ['A.9.2', 'Responsible use processes', 'The procedure for approving a new use of AI.'],
  ['A.9.3', 'Responsible use objectives', 'The objectives for responsible use and how they tie to the AI policy.'],
  ['A.9.4', 'Use within intended purpose', 'The intended use of a sampled AI system and how use outside it is prevented.'],
  [
    'A.10.2',
    'Sharing responsibilities with third parties',
    'How life-cycle responsibilities are split with suppliers, partners and customers.',
  ],
  ['A.10.3', 'Supplier alignment', 'How AI suppliers are assessed against the organization’s approach to AI.'],
  ['A.10.4', 'Customer expectations', 'How customer expectations for AI were captured and are met.'],
];

function controlRules([control, title, asks]: readonly [string, string, string]): ReadinessRule[] {
  const group = control.split('.').slice(0, 2).join('.');
  const fix = (label: string, cli: string) => ({ label, path: PAGES.control(control), cli });
  return [
    {
      id: `${control}-decision`,
      requirement: control,
      group,
      title: `${title}: SoA decision`,
      asks: `The Statement of Applicability entry for ${control}: included or excluded, and the justification.`,
      priority: 2,
      check: { kind: 'control-decision', control },
      passesWhen:
        'The SoA includes the control (recorded, or because an open risk treatment relies on it) with a risk, requirement or reason behind it, or excludes it with a justification that no open risk contradicts.',
      fix: fix('Record the SoA decision', `trellis controls set ${control} --applicable --reason KIND:TEXT`),
    },
    {
      id: `${control}-operating`,
      requirement: control,
      group,
      title: `${title}: implemented with current evidence`,
      asks,
      priority: 3,
      check: { kind: 'control-operating', control },
      passesWhen:
        'An excluded control passes. An included control passes when its status is implemented, at least one linked evidence item is current on the day evaluated, and its review is not overdue.',
      fix: fix('Implement the control and link current evidence', `trellis evidence add FILE --control ${control} --review-due YYYY-MM-DD`),
    },
  ];
}

/**
 * Every rule, in catalog order: clauses 4 to 10, then Annex A. Validated on load: each rule
 * against ReadinessRuleSchema, evidence checks name their clauses and control checks their control.
 */
export const readinessRules: readonly ReadinessRule[] = validateRules([...clauseRules, ...annexAControls.flatMap(controlRules)]);

/** @throws Error naming the rule, when a rule is malformed or an id repeats (a defect in this file). */
export function validateRules(rules: ReadinessRule[]): ReadinessRule[] {
  const seen = new Set<string>();
  const groups = new Set<string>([...readinessGroups.clauses, ...readinessGroups.annexA].map((g) => g.id));
  return rules.map((raw) => {
    const rule = ReadinessRuleSchema.parse(raw);
    const problem = (message: string) => new Error(`readiness rule ${rule.id}: ${message}`);
    if (seen.has(rule.id)) throw problem('duplicate id');
    seen.add(rule.id);
    if (!groups.has(rule.group)) throw problem(`unknown group "${rule.group}"`);
    if (rule.check.kind === 'evidence' && !rule.check.requirements?.length) throw problem('an evidence check names no clause');
    if (rule.check.kind.startsWith('control-') && rule.check.control !== rule.requirement) {
      throw problem('a control check must name its own control');
    }
    if (!rule.fix.path.startsWith('/orgs/:org/')) throw problem('the fix path must start with /orgs/:org/');
    return rule;
  });
}
