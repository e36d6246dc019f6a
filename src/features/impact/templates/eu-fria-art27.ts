import type { z } from 'zod';
import { ImpactTemplateContentSchema } from '../../../domain/schemas/impact.schemas.ts';

/**
 * The built-in fundamental-rights impact assessment (FRIA) of the EU AI Act (Regulation (EU)
 * 2024/1689, Art. 27), written for Trellis: one section per element of Art. 27(1)(a)–(f), plus
 * applicability and the notification of the market surveillance authority (Art. 27(3)). Each
 * field's `ref` names the provision it answers. The wording is ours, not the Regulation's.
 */
const content: z.input<typeof ImpactTemplateContentSchema> = {
  id: 'eu-fria-art27',
  name: 'Fundamental rights impact assessment (EU AI Act Art. 27)',
  version: '1.0',
  description:
    'For deployers of high-risk AI systems under Art. 6(2) that are bodies governed by public law or private entities providing public services, ' +
    'and for deployers of systems for creditworthiness assessment or credit scoring (Annex III point 5(b)) or for risk assessment and pricing in ' +
    'life and health insurance (Annex III point 5(c)). Systems for critical infrastructure (Annex III point 2) are excluded. ' +
    'Carry it out before the first use; it may build on an earlier FRIA or on an impact assessment by the provider for similar cases, and must be ' +
    'brought up to date when any element changes (Art. 27(2)). Where a data protection impact assessment already covers an element, this assessment ' +
    'complements it (Art. 27(4)). When it is done, notify the market surveillance authority of the results with the questionnaire template of the ' +
    'AI Office (Art. 27(3) and (5)).',
  basis: ['Art. 27(1)', 'Art. 27(2)', 'Art. 27(3)', 'Art. 27(4)', '6.1.4', 'A.5.4', 'A.5.5'],
  sections: [
    {
      id: 'applicability',
      title: 'Does Article 27 apply?',
      help: 'Who must carry out a FRIA, when, and what it builds on.',
      fields: [
        {
          id: 'deployer-category',
          label: 'Why the deployer needs a FRIA',
          type: 'single',
          required: true,
          options: [
            { value: 'public-body', label: 'A body governed by public law' },
            { value: 'public-service', label: 'A private entity providing public services' },
            { value: 'credit-scoring', label: 'Creditworthiness assessment or credit scoring of natural persons (Annex III 5(b))' },
            { value: 'insurance-pricing', label: 'Risk assessment and pricing for life or health insurance (Annex III 5(c))' },
            { value: 'voluntary', label: 'Not required; carried out voluntarily' },
          ],
          ref: 'Art. 27(1)',
        },
        {
          id: 'first-use',
          label: 'Planned date of first use',
          help: 'The assessment is due before this date.',
          type: 'date',
          ref: 'Art. 27(2)',
        },
        {
          id: 'earlier-assessments',
          label: 'Earlier assessments relied on',
          help: 'A previous FRIA for a similar case, or an impact assessment supplied by the provider, with the reasons it still applies.',
          type: 'textarea',
          ref: 'Art. 27(2)',
        },
        {
          id: 'dpia',
          label: 'Data protection impact assessment this complements',
          help: 'Reference to the DPIA under Art. 35 GDPR or Art. 27 of Directive (EU) 2016/680, and which elements it already covers.',
          type: 'textarea',
          ref: 'Art. 27(4)',
        },
      ],
    },
    {
      id: 'a-processes',
      title: '(a) Processes in which the system is used',
      help: "Describe the deployer's processes that will use the high-risk AI system, in line with the intended purpose set by the provider.",
      fields: [
        {
          id: 'system-purpose',
          label: 'Intended purpose of the system',
          help: 'Pre-filled from the AI system record; check it against the instructions for use.',
          type: 'textarea',
          required: true,
          ref: 'Art. 27(1)(a)',
        },
        {
          id: 'deployer-processes',
          label: 'The processes that use it, step by step',
          help: 'Which decisions or activities the output feeds, who acts on it and what happens next. Pre-filled from the deployment context of the AI system record.',
          type: 'textarea',
          required: true,
          ref: 'Art. 27(1)(a)',
        },
      ],
    },
    {
      id: 'b-period-frequency',
      title: '(b) Period and frequency of use',
      fields: [
        {
          id: 'usage-period',
          label: 'Period of time over which the system will be used',
          help: 'E.g. "from March 2027 for the three-year contract term", or a pilot period.',
          type: 'textarea',
          required: true,
          ref: 'Art. 27(1)(b)',
        },
        {
          id: 'usage-frequency',
          label: 'How often it is used',
          help: 'E.g. continuously, for every application received, daily batches, a few times a year.',
          type: 'textarea',
          required: true,
          ref: 'Art. 27(1)(b)',
        },
      ],
    },
    {
      id: 'c-affected-persons',
      title: '(c) Categories of persons and groups likely to be affected',
      help: 'In the specific context of this deployment, not in general.',
      fields: [
        {
          id: 'affected-persons',
          label: 'Categories of natural persons and groups likely to be affected',
          help: 'Pre-filled from the AI system record.',
          type: 'textarea',
          required: true,
          ref: 'Art. 27(1)(c)',
        },
        {
          id: 'vulnerable-groups',
          label: 'Are vulnerable persons among them (children, older people, persons with disabilities, people in a dependent position)?',
          type: 'yes-no',
          required: true,
          ref: 'Art. 27(1)(c)',
        },
        {
          id: 'affected-numbers',
          label: 'Roughly how many people are affected, and how',
          type: 'textarea',
          ref: 'Art. 27(1)(c)',
        },
      ],
    },
    {
      id: 'd-risks-of-harm',
      title: '(d) Specific risks of harm',
      help: 'The risks of harm likely to affect the persons and groups in (c). Record each one as an impact below, under the fundamental right it touches, with severity, likelihood and mitigation.',
      fields: [
        {
          id: 'harm-summary',
          label: 'Summary of the specific risks of harm',
          type: 'textarea',
          required: true,
          ref: 'Art. 27(1)(d)',
        },
        {
          id: 'rights-concerned',
          label: 'Fundamental rights concerned',
          help: 'Rights of the EU Charter of Fundamental Rights that the use could affect.',
          type: 'multi',
          required: true,
          options: [
            { value: 'human-dignity', label: 'Human dignity' },
            { value: 'integrity', label: 'Physical and mental integrity' },
            { value: 'private-life', label: 'Respect for private and family life' },
            { value: 'data-protection', label: 'Protection of personal data' },
            { value: 'expression', label: 'Freedom of expression and information' },
            { value: 'assembly', label: 'Freedom of assembly and association' },
            { value: 'education', label: 'Right to education' },
            { value: 'work', label: 'Freedom to choose an occupation and right to engage in work' },
            { value: 'non-discrimination', label: 'Non-discrimination' },
            { value: 'gender-equality', label: 'Equality between women and men' },
            { value: 'children', label: 'Rights of the child' },
            { value: 'elderly', label: 'Rights of the elderly' },
            { value: 'disability', label: 'Integration of persons with disabilities' },
            { value: 'social-security', label: 'Social security and social assistance' },
            { value: 'health-care', label: 'Health care' },
            { value: 'consumer-protection', label: 'Consumer protection' },
            { value: 'good-administration', label: 'Right to good administration' },
            { value: 'effective-remedy', label: 'Right to an effective remedy and to a fair trial' },
            { value: 'presumption-innocence', label: 'Presumption of innocence and right of defence' },
            { value: 'asylum', label: 'Right to asylum and protection in removal' },
          ],
          ref: 'Art. 27(1)(d)',
        },
        {
          id: 'provider-information',
          label: "Provider's information taken into account",
          help: 'What the instructions for use say about the limitations, accuracy and foreseeable risks of the system (Art. 13), and how it was used here.',
          type: 'textarea',
          required: true,
          ref: 'Art. 27(1)(d)',
        },
      ],
    },
    {
      id: 'e-human-oversight',
      title: '(e) Human oversight measures',
      help: 'How the human oversight described in the instructions for use is put into practice.',
      fields: [
        {
          id: 'human-oversight',
          label: 'Human oversight measures as implemented',
          help: 'Pre-filled from the AI system record.',
          type: 'textarea',
          required: true,
          ref: 'Art. 27(1)(e)',
        },
        {
          id: 'oversight-persons',
          label: 'Who carries out oversight, with which competence, training and authority',
          type: 'textarea',
          required: true,
          ref: 'Art. 27(1)(e)',
        },
      ],
    },
    {
      id: 'f-measures',
      title: '(f) Measures if the risks materialise',
      help: 'What is done when a risk of harm becomes reality, including internal governance and complaint handling.',
      fields: [
        {
          id: 'materialisation-measures',
          label: 'Measures taken when a risk materialises',
          help: 'E.g. suspending use, reviewing decisions already taken, informing the provider and the people affected.',
          type: 'textarea',
          required: true,
          ref: 'Art. 27(1)(f)',
        },
        {
          id: 'internal-governance',
          label: 'Internal governance arrangements',
          help: 'Who decides, who is informed, how the issue is escalated and documented.',
          type: 'textarea',
          required: true,
          ref: 'Art. 27(1)(f)',
        },
        {
          id: 'complaint-mechanism',
          label: 'Complaint mechanisms for affected persons',
          help: 'How people can complain or ask for a decision to be reviewed, and how complaints are handled.',
          type: 'textarea',
          required: true,
          ref: 'Art. 27(1)(f)',
        },
      ],
    },
    {
      id: 'notification',
      title: 'Notification of the market surveillance authority',
      help: 'Once the assessment is done, the deployer notifies the market surveillance authority of its results, submitting the filled-in questionnaire template of the AI Office. In the case of Art. 46(1) (derogation for exceptional reasons) the deployer may be exempt.',
      fields: [
        {
          id: 'authority',
          label: 'Market surveillance authority to notify',
          type: 'text',
          ref: 'Art. 27(3)',
        },
        {
          id: 'notified',
          label: 'Have the results been notified?',
          type: 'yes-no',
          ref: 'Art. 27(3)',
        },
        {
          id: 'notified-on',
          label: 'Date of notification',
          type: 'date',
          ref: 'Art. 27(3)',
        },
        {
          id: 'notification-exemption',
          label: 'Exemption relied on, if any',
          type: 'textarea',
          ref: 'Art. 46(1)',
        },
      ],
    },
  ],
  impactAreas: [
    { id: 'dignity', label: 'Dignity', help: 'Human dignity, right to life, physical and mental integrity.' },
    { id: 'freedoms', label: 'Freedoms', help: 'Private life, data protection, expression, assembly, education, work, property.' },
    {
      id: 'equality',
      label: 'Equality',
      help: 'Non-discrimination, equality between women and men, rights of children, the elderly and persons with disabilities.',
    },
    {
      id: 'solidarity',
      label: 'Solidarity',
      help: 'Workers’ rights, social security and assistance, health care, consumer and environmental protection.',
    },
    { id: 'citizens-rights', label: "Citizens' rights", help: 'Good administration, access to documents, voting rights.' },
    { id: 'justice', label: 'Justice', help: 'Effective remedy and fair trial, presumption of innocence and right of defence.' },
  ],
};

export const euFriaArt27 = ImpactTemplateContentSchema.parse(content);
