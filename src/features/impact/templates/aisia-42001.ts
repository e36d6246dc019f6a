import type { z } from 'zod';
import { ImpactTemplateContentSchema } from '../../../domain/schemas/impact.schemas.ts';
import { automationLevels } from '../../../domain/schemas/inventory.schemas.ts';

/**
 * The built-in AI system impact assessment (ISO/IEC 42001 6.1.4, 8.4, A.5.2–A.5.5), written for
 * Trellis. Fields whose ids match the AI system record (system-purpose, intended-use,
 * foreseeable-misuse, deployment-context, jurisdictions, affected-persons, users, automation-level,
 * human-oversight) are pre-filled from the inventory when an assessment is started.
 */
const content: z.input<typeof ImpactTemplateContentSchema> = {
  id: 'aisia-42001',
  name: 'AI system impact assessment (ISO/IEC 42001)',
  version: '1.0',
  description:
    'Assesses the consequences an AI system can have for individuals, groups of individuals and society across its life cycle: ' +
    'what it is for and how it could be misused, who it touches, which triggers call for the assessment, and the impacts on legal position, ' +
    'life opportunities, physical and psychological well-being, human rights, society and the environment, each with severity, likelihood ' +
    'and mitigation. Record both harmful and beneficial impacts; raise a risk from any harmful impact so the results feed the AI risk assessment (6.1.2). ' +
    'Repeat it at the planned interval and whenever the system or its use changes significantly (8.4).',
  basis: ['6.1.4', '8.4', 'A.5.2', 'A.5.3', 'A.5.4', 'A.5.5'],
  sections: [
    {
      id: 'scope-context',
      title: 'Scope and context',
      help: 'What is being assessed and in which setting. Answers marked as pre-filled come from the AI system record: check that they still hold for this assessment.',
      fields: [
        {
          id: 'assessment-scope',
          label: 'What this assessment covers',
          help: 'The life-cycle stages, deployments, versions or sites it covers, and anything deliberately left out.',
          type: 'textarea',
          required: true,
          ref: 'A.5.2',
        },
        {
          id: 'system-purpose',
          label: 'Purpose of the AI system',
          help: 'Pre-filled from the AI system record.',
          type: 'textarea',
          required: true,
          ref: '6.1.4',
        },
        {
          id: 'intended-use',
          label: 'Intended use',
          help: 'How, by whom and for which decisions the system is meant to be used. Pre-filled from the AI system record.',
          type: 'textarea',
          required: true,
          ref: '6.1.4',
        },
        {
          id: 'foreseeable-misuse',
          label: 'Reasonably foreseeable misuse',
          help: 'Uses outside the intended purpose that can be expected in practice, on purpose or by mistake. Pre-filled from the AI system record.',
          type: 'textarea',
          required: true,
          ref: '6.1.4',
        },
        {
          id: 'deployment-context',
          label: 'Technical and societal context of deployment',
          help: 'Where and how the system runs, what it connects to, and the social setting in which its outputs are used. Pre-filled from the AI system record.',
          type: 'textarea',
          ref: '6.1.4',
        },
        {
          id: 'jurisdictions',
          label: 'Jurisdictions where it is provided or used',
          help: 'Pre-filled from the AI system record (country codes).',
          type: 'text',
          ref: '6.1.4',
        },
      ],
    },
    {
      id: 'affected-parties',
      title: 'Who is affected',
      help: 'Individuals, groups of individuals and society at large, including people who never use the system themselves.',
      fields: [
        {
          id: 'affected-persons',
          label: 'Individuals and groups affected by its outputs',
          help: 'Pre-filled from the AI system record. Name groups specifically (e.g. "applicants over 55", "tenants in social housing").',
          type: 'textarea',
          required: true,
          ref: 'A.5.4',
        },
        {
          id: 'users',
          label: 'Who operates the system or acts on its outputs',
          help: 'Pre-filled from the AI system record.',
          type: 'textarea',
          ref: 'A.5.4',
        },
        {
          id: 'vulnerable-groups',
          label: 'Are children, vulnerable people or people in a dependent position affected?',
          type: 'yes-no',
          required: true,
          ref: 'A.5.4',
        },
        {
          id: 'vulnerable-groups-detail',
          label: 'Which vulnerable groups, and why they are exposed',
          type: 'textarea',
          ref: 'A.5.4',
        },
        {
          id: 'societal-reach',
          label: 'How far its effects reach',
          type: 'single',
          options: [
            { value: 'internal', label: 'Inside the organization only' },
            { value: 'local', label: 'A local community or a limited customer base' },
            { value: 'national', label: 'A national population or market' },
            { value: 'cross-border', label: 'Several countries or worldwide' },
          ],
          ref: 'A.5.5',
        },
        {
          id: 'consultation',
          label: 'How affected people or their representatives were heard',
          help: 'E.g. user research, works council, advocacy groups, complaints data. Say so if nobody was consulted.',
          type: 'textarea',
          ref: 'A.5.4',
        },
      ],
    },
    {
      id: 'data-automation',
      title: 'Data, automation and triggers',
      help: 'The characteristics that decide whether and how deeply an impact assessment is needed: criticality of the purpose and context, level of automation, sensitivity of the data, and significant changes.',
      fields: [
        {
          id: 'criticality',
          label: 'How critical are the purpose and the context of use?',
          help: 'High when outputs shape access to work, education, credit, housing, health care, public services or justice, or can hurt people physically.',
          type: 'single',
          required: true,
          options: [
            { value: 'low', label: 'Low: convenience, no decisions about people' },
            { value: 'medium', label: 'Medium: informs decisions about people, which humans take' },
            { value: 'high', label: 'High: shapes decisions with a significant effect on people or safety' },
          ],
          ref: 'A.5.2',
        },
        {
          id: 'automation-level',
          label: 'Level of automation',
          help: 'Pre-filled from the AI system record.',
          type: 'single',
          required: true,
          options: automationLevels.map((value) => ({
            value,
            label: {
              'decision-support': 'Decision support: a person decides with the output as one input',
              'human-in-the-loop': 'Human in the loop: a person confirms each decision',
              'human-on-the-loop': 'Human on the loop: decisions take effect unless a person intervenes',
              'fully-automated': 'Fully automated: no person involved in individual decisions',
            }[value],
          })),
          ref: 'A.5.2',
        },
        {
          id: 'human-oversight',
          label: 'Human oversight and the ability to override',
          help: 'Pre-filled from the AI system record.',
          type: 'textarea',
          ref: 'A.5.2',
        },
        {
          id: 'data-sensitivity',
          label: 'Kinds of data the system uses or produces',
          type: 'multi',
          required: true,
          options: [
            { value: 'no-personal-data', label: 'No personal data' },
            { value: 'personal-data', label: 'Personal data' },
            {
              value: 'special-categories',
              label: 'Special categories (health, ethnicity, beliefs, sexual orientation, union membership …)',
            },
            { value: 'biometric', label: 'Biometric data' },
            { value: 'children', label: "Children's data" },
            { value: 'criminal-records', label: 'Data on criminal convictions or offences' },
            { value: 'financial', label: 'Financial or credit data' },
            { value: 'location', label: 'Location or movement data' },
            { value: 'confidential', label: 'Confidential business or third-party data' },
          ],
          ref: 'A.5.2',
        },
        {
          id: 'significant-change',
          label: 'What changed since the previous assessment',
          help: 'For a reassessment: the change to the system, its data, its use or its context that triggered it.',
          type: 'textarea',
          ref: '8.4',
        },
      ],
    },
    {
      id: 'evaluation',
      title: 'Evaluation and use of the results',
      help: 'Record each impact below with its area, who bears it, severity, likelihood and mitigation, then conclude here.',
      fields: [
        {
          id: 'conclusion',
          label: 'Overall conclusion',
          help: 'Is the remaining impact acceptable with the mitigations planned? Under which conditions may the system be used?',
          type: 'textarea',
          required: true,
          ref: '6.1.4',
        },
        {
          id: 'use-of-results',
          label: 'How the results are used',
          help: 'Changes to design or deployment, conditions of approval, and the risks raised in the risk register (6.1.2).',
          type: 'textarea',
          ref: 'A.5.2',
        },
        {
          id: 'assessors',
          label: 'Who carried out the assessment',
          help: 'Names or roles, and the disciplines involved (e.g. legal, data protection, domain experts).',
          type: 'text',
          required: true,
          ref: 'A.5.2',
        },
        {
          id: 'shared-with',
          label: 'Who the results are shared with',
          help: 'Interested parties that receive the results or a summary of them, if any.',
          type: 'textarea',
          ref: 'A.5.3',
        },
        {
          id: 'other-assessments',
          label: 'Related assessments',
          help: 'Data protection, safety, security or fundamental-rights assessments this one relies on or complements.',
          type: 'textarea',
          ref: '6.1.4',
        },
      ],
    },
  ],
  impactAreas: [
    {
      id: 'legal-position',
      label: 'Legal position',
      help: 'Rights, obligations or legal status of a person: contracts, entitlements, liability, access to remedies.',
    },
    {
      id: 'life-opportunities',
      label: 'Life opportunities',
      help: 'Access to work, education, credit, housing, insurance, health care or public services.',
    },
    {
      id: 'physical-wellbeing',
      label: 'Physical well-being',
      help: 'Health and safety: injury, illness, physical danger.',
    },
    {
      id: 'psychological-wellbeing',
      label: 'Psychological well-being',
      help: 'Stress, manipulation, addiction, loss of autonomy or dignity, distress caused by outputs or their use.',
    },
    {
      id: 'human-rights',
      label: 'Human rights',
      help: 'Privacy, non-discrimination, freedom of expression and information, due process, and other universal rights.',
    },
    {
      id: 'society',
      label: 'Society',
      help: 'Democratic processes, public discourse, social cohesion, labour markets, concentration of power, trust in institutions.',
    },
    {
      id: 'environment',
      label: 'Environment',
      help: 'Energy and water use, emissions and hardware over the life cycle, and effects of the outputs on the environment.',
    },
  ],
};

export const aisia42001 = ImpactTemplateContentSchema.parse(content);
