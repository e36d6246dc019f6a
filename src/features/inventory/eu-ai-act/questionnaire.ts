import { visibleQuestions } from '../../../domain/questionnaire.ts';
import type { ClassificationAnswers, EuRole, Question, Questionnaire } from '../../../domain/schemas/inventory.schemas.ts';

/**
 * The EU AI Act (Regulation (EU) 2024/1689) risk classification as a questionnaire, in the order
 * the law decides: scope → roles → prohibited practices (Art. 5) → Annex I products (Art. 6(1)) →
 * Annex III uses with the Art. 6(3) derogation (Art. 6(2)) → transparency (Art. 50) → deployer
 * details for the fundamental rights impact assessment (Art. 27) → general-purpose AI models
 * (Chapter V, a separate track). Later questions are asked only when earlier answers make them
 * matter (`showIf`). `refs` and option `ref`s are item ids of the eu-ai-act-2024 catalog.
 *
 * Wording is Trellis's own; it is decision support, not legal advice.
 */

export const QUESTIONNAIRE_ID = 'eu-ai-act-classification';
export const QUESTIONNAIRE_VERSION = '2024.1';
export const QUESTIONNAIRE_FRAMEWORK = 'eu-ai-act-2024';

/** Scope exclusions of Art. 2 (one answer). */
export const exclusions = [
  {
    value: 'none',
    label: 'None of these',
    ref: 'Art. 2',
  },
  {
    value: 'military',
    label: 'Used exclusively for military, defence or national-security purposes',
    help: 'Only when it is exclusively for these purposes, whoever operates it. A system that is also offered or used for civilian purposes is covered for that civilian use.',
    ref: 'Art. 2',
  },
  {
    value: 'research',
    label: 'Only for scientific research and development, or still in research, testing or development before it is placed on the market',
    help: 'Covers systems built and put into service for the sole purpose of scientific research and development, and work on a system before it is placed on the market or put into service. Testing in real-world conditions is not covered by this exclusion.',
    ref: 'Art. 2',
  },
  {
    value: 'personal',
    label: 'Used only by private individuals for a purely personal, non-professional activity',
    help: 'An organization using a system in its work never falls under this exclusion.',
    ref: 'Art. 2',
  },
  {
    value: 'open-source',
    label: 'Released under a free and open-source licence',
    help: 'This exclusion does not apply if the system is a prohibited practice, is high-risk, or falls under the Art. 50 transparency duties. The next questions check this, so answer them as well.',
    ref: 'Art. 2',
  },
] as const;
export type ExclusionValue = (typeof exclusions)[number]['value'];

const roleOptions: { value: EuRole; label: string; help: string }[] = [
  {
    value: 'provider',
    label:
      'Provider: we develop it (or have it developed) and place it on the market or put it into service under our own name or trademark',
    help: 'Paid or free of charge. Building a system for your own use and putting it into service also makes you its provider.',
  },
  {
    value: 'deployer',
    label: 'Deployer: we use it under our authority in our professional activity',
    help: 'For example a company using a bought-in recruiting tool, or a public authority using a benefits-eligibility system.',
  },
  {
    value: 'importer',
    label: 'Importer: we are in the EU and place on the EU market a system carrying the name or trademark of a company outside the EU',
    help: 'You bring the system from a provider outside the EU onto the EU market.',
  },
  {
    value: 'distributor',
    label: 'Distributor: we make it available on the EU market but are neither its provider nor its importer',
    help: 'Resellers and other companies in the supply chain.',
  },
  {
    value: 'authorised-representative',
    label:
      'Authorised representative: we are in the EU and hold a written mandate from a provider outside the EU to carry out its AI Act duties',
    help: 'Only with a written mandate accepted from the provider.',
  },
  {
    value: 'product-manufacturer',
    label:
      'Product manufacturer: we place the AI system on the market or put it into service together with our own product, under our name or trademark',
    help: 'For example a machine or medical device maker whose product contains the AI system.',
  },
];

/** Art. 25(1): how a deployer, importer, distributor or other third party becomes the provider. */
export const roleShifts = [
  {
    value: 'own-name',
    label: 'We put our name or trademark on a high-risk AI system that is already on the market or in service',
    help: 'Art. 25(1)(a). Contract terms that allocate the duties otherwise do not change this towards the authorities.',
    article: 'Art. 25(1)(a)',
  },
  {
    value: 'substantial-modification',
    label: 'We made a substantial modification to a high-risk AI system, and it is still high-risk',
    help: 'Art. 25(1)(b). A substantial modification is a change not foreseen in the provider’s conformity assessment that affects compliance or changes the intended purpose.',
    article: 'Art. 25(1)(b)',
  },
  {
    value: 'changed-purpose',
    label:
      'We changed the intended purpose of a system that was not high-risk (including a general-purpose AI system) so that it is now high-risk',
    help: 'Art. 25(1)(c). For example using a general chatbot to screen job applicants.',
    article: 'Art. 25(1)(c)',
  },
] as const;
export type RoleShiftValue = (typeof roleShifts)[number]['value'];

/** Art. 5(1)(a)–(h), each phrased with its built-in exception. */
export const prohibitedPractices = [
  {
    value: 'a',
    ref: 'Art. 5(1)(a)',
    title: 'Harmful manipulation or deception',
    label:
      'Uses subliminal techniques, or purposefully manipulative or deceptive techniques, that materially distort people’s behaviour so that they take decisions they would not otherwise take, causing or likely to cause significant harm',
    help: 'Ordinary, lawful persuasion such as advertising that does not impair people’s ability to decide is not meant here.',
  },
  {
    value: 'b',
    ref: 'Art. 5(1)(b)',
    title: 'Exploiting vulnerabilities',
    label:
      'Exploits vulnerabilities of people due to their age, disability or a specific social or economic situation, materially distorting their behaviour in a way that causes or is likely to cause significant harm',
  },
  {
    value: 'c',
    ref: 'Art. 5(1)(c)',
    title: 'Social scoring',
    label:
      'Scores or classifies people over time on their social behaviour or personal characteristics, where the score leads to unfavourable treatment in unrelated contexts, or to treatment that is unjustified or out of proportion to their behaviour',
    help: 'Lawful evaluations for a specific purpose, such as a credit check using relevant financial data, are not social scoring (but may be high-risk, see Annex III point 5).',
  },
  {
    value: 'd',
    ref: 'Art. 5(1)(d)',
    title: 'Predicting criminal offending from profiling alone',
    label:
      'Predicts the risk that a person will commit a crime based solely on profiling or on their personality traits and characteristics — other than supporting a human assessment that already rests on objective, verifiable facts directly linked to a criminal activity',
  },
  {
    value: 'e',
    ref: 'Art. 5(1)(e)',
    title: 'Untargeted scraping to build facial recognition databases',
    label: 'Creates or expands facial recognition databases through untargeted scraping of facial images from the internet or CCTV footage',
  },
  {
    value: 'f',
    ref: 'Art. 5(1)(f)',
    title: 'Emotion recognition at work and in education',
    label: 'Infers the emotions of people at the workplace or in education institutions — other than for medical or safety reasons',
    help: 'For example analysing employees’ facial expressions in video calls to judge their mood. A fatigue-detection system for pilots or drivers (safety) is not meant here; emotion recognition outside work and education is high-risk instead (Annex III point 1(c)).',
  },
  {
    value: 'g',
    ref: 'Art. 5(1)(g)',
    title: 'Biometric categorisation by sensitive characteristics',
    label:
      'Categorises individual people based on their biometric data to deduce or infer their race, political opinions, trade union membership, religious or philosophical beliefs, sex life or sexual orientation — other than labelling or filtering lawfully acquired biometric data sets, or categorising biometric data in law enforcement',
  },
  {
    value: 'h',
    ref: 'Art. 5(1)(h)',
    title: 'Real-time remote biometric identification for law enforcement',
    label:
      'Identifies people remotely and in real time from biometric data in publicly accessible spaces for law enforcement — other than where strictly necessary, with prior authorisation, to search for specific victims or missing persons, prevent a specific imminent threat to life or a terrorist attack, or locate a suspect of a serious crime listed in Annex II',
    help: 'A use that fits one of the narrow exceptions is not prohibited but is high-risk (Annex III point 1(a)) and needs the authorisations of Art. 5(2)–(7).',
  },
] as const;
export type ProhibitedValue = (typeof prohibitedPractices)[number]['value'];

/** Annex I: Union harmonisation legislation (Section A: new legislative framework; Section B: other). */
export const annexIActs = [
  { value: 'machinery', section: 'A', label: 'Machinery (Directive 2006/42/EC; Regulation (EU) 2023/1230 from 20 January 2027)' },
  { value: 'toys', section: 'A', label: 'Toy safety (Directive 2009/48/EC)' },
  { value: 'recreational-craft', section: 'A', label: 'Recreational craft and personal watercraft (Directive 2013/53/EU)' },
  { value: 'lifts', section: 'A', label: 'Lifts and their safety components (Directive 2014/33/EU)' },
  {
    value: 'atex',
    section: 'A',
    label: 'Equipment and protective systems for potentially explosive atmospheres, ATEX (Directive 2014/34/EU)',
  },
  { value: 'radio-equipment', section: 'A', label: 'Radio equipment (Directive 2014/53/EU)' },
  { value: 'pressure-equipment', section: 'A', label: 'Pressure equipment (Directive 2014/68/EU)' },
  { value: 'cableways', section: 'A', label: 'Cableway installations (Regulation (EU) 2016/424)' },
  { value: 'ppe', section: 'A', label: 'Personal protective equipment (Regulation (EU) 2016/425)' },
  { value: 'gas-appliances', section: 'A', label: 'Appliances burning gaseous fuels (Regulation (EU) 2016/426)' },
  { value: 'medical-devices', section: 'A', label: 'Medical devices (Regulation (EU) 2017/745)' },
  { value: 'ivd', section: 'A', label: 'In vitro diagnostic medical devices (Regulation (EU) 2017/746)' },
  { value: 'civil-aviation-security', section: 'B', label: 'Civil aviation security (Regulation (EC) No 300/2008)' },
  { value: 'two-three-wheel-vehicles', section: 'B', label: 'Two- or three-wheel vehicles and quadricycles (Regulation (EU) No 168/2013)' },
  { value: 'agricultural-vehicles', section: 'B', label: 'Agricultural and forestry vehicles (Regulation (EU) No 167/2013)' },
  { value: 'marine-equipment', section: 'B', label: 'Marine equipment (Directive 2014/90/EU)' },
  { value: 'rail', section: 'B', label: 'Interoperability of the rail system (Directive (EU) 2016/797)' },
  { value: 'motor-vehicles', section: 'B', label: 'Motor vehicles and their trailers, type-approval (Regulation (EU) 2018/858)' },
  {
    value: 'vehicle-general-safety',
    section: 'B',
    label: 'Motor vehicle general safety and protection of occupants and road users (Regulation (EU) 2019/2144)',
  },
  {
    value: 'civil-aviation',
    section: 'B',
    label: 'Civil aviation, including unmanned aircraft (Regulation (EU) 2018/1139)',
  },
] as const;
export type AnnexIValue = (typeof annexIActs)[number]['value'];

const annexIIIAreas: Record<string, string> = {
  '1': '1. Biometrics (where permitted by law)',
  '2': '2. Critical infrastructure',
  '3': '3. Education and vocational training',
  '4': '4. Employment, workers management and access to self-employment',
  '5': '5. Access to essential private and public services and benefits',
  '6': '6. Law enforcement (by or for law enforcement authorities, where permitted by law)',
  '7': '7. Migration, asylum and border control (by or for competent public authorities, where permitted by law)',
  '8': '8. Administration of justice and democratic processes',
};

/** Annex III: the 25 high-risk use cases in 8 areas (value "4(a)", ref "Annex III.4(a)"; point 2 has no letter). */
export const annexIIIPoints = (
  [
    [
      '1(a)',
      'Remote biometric identification of people',
      'Not biometric verification whose only purpose is to confirm that a person is who they claim to be (for example unlocking a phone or a door with a face scan).',
    ],
    ['1(b)', 'Biometric categorisation of people by sensitive or protected attributes inferred from their biometric data', undefined],
    [
      '1(c)',
      'Emotion recognition: identifying or inferring people’s emotions or intentions from their biometric data',
      'At the workplace or in education it is prohibited unless for medical or safety reasons (Art. 5(1)(f)).',
    ],
    [
      '2',
      'Safety component in the management and operation of critical digital infrastructure, road traffic, or the supply of water, gas, heating or electricity',
      undefined,
    ],
    ['3(a)', 'Deciding access or admission to, or assigning people to, education and vocational training institutions', undefined],
    ['3(b)', 'Evaluating learning outcomes, including to steer people’s learning process', undefined],
    ['3(c)', 'Assessing the level of education a person will receive or can access', undefined],
    ['3(d)', 'Monitoring and detecting prohibited behaviour of students during tests (proctoring)', undefined],
    [
      '4(a)',
      'Recruitment or selection: targeting job advertisements, analysing and filtering applications, evaluating candidates',
      undefined,
    ],
    [
      '4(b)',
      'Decisions on terms of work, promotion or termination; allocating tasks based on behaviour or personal traits; monitoring and evaluating workers’ performance and behaviour',
      undefined,
    ],
    [
      '5(a)',
      'Evaluating eligibility for essential public assistance benefits and services (including healthcare), or granting, reducing, revoking or reclaiming them, by or for public authorities',
      undefined,
    ],
    ['5(b)', 'Evaluating people’s creditworthiness or establishing their credit score', 'Not systems used to detect financial fraud.'],
    ['5(c)', 'Risk assessment and pricing for people in life and health insurance', undefined],
    [
      '5(d)',
      'Evaluating and classifying emergency calls, dispatching or prioritising emergency first responders (police, firefighters, medical aid), or emergency healthcare patient triage',
      undefined,
    ],
    ['6(a)', 'Assessing the risk that a person becomes a victim of crime', undefined],
    ['6(b)', 'Polygraphs or similar tools in law enforcement', undefined],
    ['6(c)', 'Evaluating the reliability of evidence in investigating or prosecuting crimes', undefined],
    [
      '6(d)',
      'Assessing the risk of a person offending or re-offending (not solely on profiling), or assessing personality traits or past criminal behaviour',
      'Prediction based solely on profiling is prohibited (Art. 5(1)(d)).',
    ],
    ['6(e)', 'Profiling people in detecting, investigating or prosecuting crimes', undefined],
    ['7(a)', 'Polygraphs or similar tools in migration, asylum or border control', undefined],
    [
      '7(b)',
      'Assessing a security, irregular-migration or health risk posed by a person who intends to enter or has entered a Member State',
      undefined,
    ],
    [
      '7(c)',
      'Assisting the examination of applications for asylum, visas or residence permits and related complaints, including assessing the reliability of evidence',
      undefined,
    ],
    [
      '7(d)',
      'Detecting, recognising or identifying people in migration, asylum or border control',
      'Not the verification of travel documents.',
    ],
    [
      '8(a)',
      'Assisting a judicial authority (or alternative dispute resolution) in researching and interpreting facts and law and applying the law to facts',
      undefined,
    ],
    [
      '8(b)',
      'Influencing the outcome of an election or referendum, or people’s voting behaviour',
      'Not tools whose output people are not directly exposed to, such as tools to organise or optimise political campaigns administratively or logistically.',
    ],
  ] as const
).map(([value, label, help]) => ({
  value,
  label,
  ...(help ? { help } : {}),
  group: annexIIIAreas[value.charAt(0)] ?? '',
  ref: `Annex III.${value}`,
}));

/** Art. 6(3) conditions (a)–(d). */
export const derogationConditions = [
  {
    value: 'a',
    label: 'It performs a narrow procedural task',
    help: 'For example turning unstructured documents into structured data, sorting incoming documents into categories, or detecting duplicates among many applications.',
  },
  {
    value: 'b',
    label: 'It improves the result of an activity a person has already completed',
    help: 'For example improving the language or tone of a document a person has already written.',
  },
  {
    value: 'c',
    label:
      'It detects decision-making patterns, or deviations from earlier patterns, without replacing or influencing the earlier human assessment unless a person properly reviews it',
    help: 'For example flagging a teacher’s grading that departs from their usual pattern, for a person to look into.',
  },
  {
    value: 'd',
    label: 'It performs a preparatory task for an assessment relevant to the listed use',
    help: 'For example indexing, searching, text and speech processing, or translating documents that a person then assesses.',
  },
] as const;

/** Art. 50: transparency situations and the paragraph each falls under. */
export const transparencyUses = [
  {
    value: 'interacts',
    paragraph: 'Art. 50(1)',
    label: 'It interacts directly with people (for example a chatbot or voice assistant)',
    help: 'The duty does not apply where it is obvious to a reasonably well-informed person that they are dealing with an AI system, or to systems authorised by law to fight crime (unless the public can use them to report a crime).',
  },
  {
    value: 'synthetic-content',
    paragraph: 'Art. 50(2)',
    label: 'It generates synthetic audio, image, video or text content',
    help: 'Including general-purpose AI systems. Not meant: assistive functions for standard editing, or output that does not substantially alter the input data.',
  },
  {
    value: 'emotion-or-biometric-categorisation',
    paragraph: 'Art. 50(3)',
    label: 'It recognises emotions or categorises people from biometric data',
    help: 'These systems are also high-risk (Annex III point 1(b) or 1(c)), and prohibited in some settings (Art. 5(1)(f) and (g)).',
  },
  {
    value: 'deep-fake',
    paragraph: 'Art. 50(4)',
    label:
      'It generates or manipulates images, audio or video as a deep fake (content resembling real people, objects, places or events that would falsely appear authentic)',
    help: 'For evidently artistic, creative, satirical or fictional works the disclosure can be made in a way that does not spoil the work.',
  },
  {
    value: 'public-interest-text',
    paragraph: 'Art. 50(4)',
    label: 'It generates or manipulates text that is published to inform the public on matters of public interest',
    help: 'Not when the text has been reviewed by a person or is under editorial control, and a person or organization holds editorial responsibility for it.',
  },
] as const;
export type TransparencyValue = (typeof transparencyUses)[number]['value'];

const nonProviderRoles: EuRole[] = ['deployer', 'importer', 'distributor', 'authorised-representative', 'product-manufacturer'];
const inScopeExclusions: ExclusionValue[] = ['none', 'open-source'];

const questions: Question[] = [
  // ---- scope ----
  {
    id: 'ai-system',
    step: 'scope',
    type: 'yes-no',
    text: 'Is it an AI system — a machine-based system that, with some degree of autonomy, infers from the input it receives how to produce outputs such as predictions, content, recommendations or decisions that can affect physical or virtual environments?',
    help: 'Systems built with machine learning, or with logic- and knowledge-based methods that infer, usually qualify. Ordinary software that only executes rules written by people (a fixed formula, a rules-only calculator) usually does not. The Commission’s guidelines on the AI system definition (February 2025) give examples. Answer no for a general-purpose AI model on its own: models are covered by the last step.',
    refs: ['Art. 3'],
  },
  {
    id: 'eu-nexus',
    step: 'scope',
    type: 'yes-no',
    text: 'Is the system placed on the EU market or put into service in the EU, used by an organization established in the EU, or is its output used in the EU?',
    help: 'The AI Act applies wherever the provider is located. Answer yes if you sell or supply it in the EU, use it in an organization in the EU, or — even if you and the system are outside the EU — what it produces (predictions, content, decisions) is used in the EU.',
    refs: ['Art. 2'],
    showIf: [{ question: 'ai-system', equals: true }],
  },
  {
    id: 'exclusion',
    step: 'scope',
    type: 'single',
    text: 'Does one of these exclusions apply to the system?',
    help: 'If in doubt, choose “None of these”: the exclusions are narrow.',
    options: exclusions.map((o) => ({ ...o })),
    refs: ['Art. 2'],
    showIf: [{ question: 'eu-nexus', equals: true }],
  },
  // ---- roles ----
  {
    id: 'roles',
    step: 'roles',
    type: 'multi',
    text: 'What is your organization’s role for this system? Choose all that apply.',
    help: 'Your duties depend on your role. An organization can hold several roles, for example provider and deployer of a system it built for its own use.',
    options: roleOptions,
    refs: ['Art. 3'],
    showIf: [{ question: 'exclusion', includesAny: inScopeExclusions }],
  },
  {
    id: 'role-shift',
    step: 'roles',
    type: 'multi',
    text: 'Has your organization done any of the following with the system? Choose all that apply (none is a valid answer).',
    help: 'If the system is high-risk, each of these makes you its provider, with all the provider’s duties (Art. 25(1)).',
    options: roleShifts.map(({ value, label, help }) => ({ value, label, help, ref: 'Art. 25' })),
    refs: ['Art. 25'],
    showIf: [{ question: 'roles', includesAny: nonProviderRoles }],
  },
  // ---- prohibited practices ----
  {
    id: 'prohibited-practices',
    step: 'prohibited',
    type: 'multi',
    text: 'Is the system placed on the market, put into service or used for any of these practices? Choose all that apply (none is a valid answer).',
    help: 'These practices are banned in the EU since 2 February 2025, with fines of up to €35 million or 7% of worldwide annual turnover (Art. 99(3)).',
    options: prohibitedPractices.map(({ value, label, ref, ...rest }) => ({
      value,
      label,
      ref,
      ...('help' in rest ? { help: rest.help } : {}),
    })),
    refs: ['Art. 5'],
    showIf: [{ question: 'exclusion', includesAny: inScopeExclusions }],
  },
  // ---- Annex I products ----
  {
    id: 'annex-i-product',
    step: 'annex-i',
    type: 'single',
    text: 'Is the AI system itself a product, or a safety component of a product, covered by one of these EU product laws?',
    help: 'A safety component fulfils a safety function for the product, or its failure endangers the health and safety of people or property. Section A laws follow the “new legislative framework”; Section B laws cover vehicles, aviation, marine equipment and rail.',
    options: [
      { value: 'none', label: 'None of these' },
      ...annexIActs.map(({ value, label, section }) => ({
        value,
        label,
        group: section === 'A' ? 'Annex I Section A' : 'Annex I Section B',
      })),
    ],
    refs: ['Art. 6'],
    showIf: [{ question: 'prohibited-practices', notEmpty: false }],
  },
  {
    id: 'annex-i-third-party',
    step: 'annex-i',
    type: 'yes-no',
    text: 'Under that law, must the product undergo a conformity assessment by a third party (such as a notified body or a type-approval authority) before it is placed on the market or put into service?',
    help: 'For example medical devices in class IIa, IIb or III, in vitro diagnostic devices in class B, C or D, or vehicles needing type approval. If the manufacturer may assess conformity itself (internal production control), answer no.',
    refs: ['Art. 6'],
    showIf: [{ question: 'annex-i-product', includesAny: annexIActs.map((a) => a.value) }],
  },
  // ---- Annex III uses and the Art. 6(3) derogation ----
  {
    id: 'annex-iii-uses',
    step: 'annex-iii',
    type: 'multi',
    text: 'Is the system intended to be used for any of these purposes? Choose all that apply (none is a valid answer).',
    help: 'Go by the intended purpose stated by the provider, or by how you actually use it if you use it for a different purpose.',
    options: annexIIIPoints,
    refs: ['Art. 6'],
    showIf: [{ question: 'prohibited-practices', notEmpty: false }],
  },
  {
    id: 'derogation-conditions',
    step: 'annex-iii',
    type: 'multi',
    text: 'Does the system only do one or more of the following in that use? Choose all that apply (none is a valid answer).',
    help: 'If one applies, the system may not be high-risk despite the use chosen above (Art. 6(3)) — but only if it does not profile people and poses no significant risk. Choose none if the system makes or materially shapes the decision itself.',
    options: derogationConditions.map((o) => ({ ...o })),
    refs: ['Art. 6'],
    showIf: [{ question: 'annex-iii-uses', notEmpty: true }],
  },
  {
    id: 'profiling',
    step: 'annex-iii',
    type: 'yes-no',
    text: 'Does the system profile people — evaluate personal aspects of them by automated processing of personal data, such as their work performance, economic situation, health, preferences, interests, reliability, behaviour, location or movements?',
    help: 'Profiling as defined in the GDPR (Art. 4(4) of Regulation (EU) 2016/679). A system in an Annex III use that profiles people is always high-risk.',
    refs: ['Art. 6'],
    showIf: [{ question: 'derogation-conditions', notEmpty: true }],
  },
  {
    id: 'no-significant-risk',
    step: 'annex-iii',
    type: 'yes-no',
    text: 'Have you assessed and concluded that the system poses no significant risk of harm to people’s health, safety or fundamental rights, including by not materially influencing the outcome of decisions?',
    help: 'Answer yes only if you have made (and will document) this assessment. A provider relying on it must document it before placing the system on the market (Art. 6(4)) and register the system in the EU database (Art. 49(2)).',
    refs: ['Art. 6', 'Art. 49'],
    showIf: [
      { question: 'derogation-conditions', notEmpty: true },
      { question: 'profiling', equals: false },
    ],
  },
  // ---- transparency ----
  {
    id: 'transparency-uses',
    step: 'transparency',
    type: 'multi',
    text: 'Does the system do any of the following? Choose all that apply (none is a valid answer).',
    help: 'These transparency duties apply on top of any high-risk duties. Depending on the case they fall on the provider (Art. 50(1)–(2)) or on the deployer (Art. 50(3)–(4)).',
    options: transparencyUses.map(({ value, label, help }) => ({ value, label, help, ref: 'Art. 50' })),
    refs: ['Art. 50'],
    showIf: [{ question: 'prohibited-practices', notEmpty: false }],
  },
  // ---- deployer details ----
  {
    id: 'public-service-deployer',
    step: 'deployer',
    type: 'yes-no',
    text: 'Is your organization a body governed by public law (such as a public authority), or a private organization providing public services (such as education, healthcare, social services or housing)?',
    help: 'Such deployers must carry out a fundamental rights impact assessment before using a high-risk system from Annex III (except critical infrastructure, point 2). Deployers of credit scoring (5(b)) or life and health insurance pricing (5(c)) must do it in any case.',
    refs: ['Art. 27'],
    showIf: [
      { question: 'roles', includesAny: ['deployer'] },
      { question: 'annex-iii-uses', notEmpty: true },
    ],
  },
  // ---- general-purpose AI models ----
  {
    id: 'gpai-provider',
    step: 'gpai',
    type: 'yes-no',
    text: 'Does your organization provide a general-purpose AI model on the EU market — a model that shows significant generality and can competently perform a wide range of distinct tasks, and can be built into many downstream systems?',
    help: 'For example a large language model or a large image- or video-generation model, offered through an API, as a download, or built into your own products. Models used only for research, development or prototyping before being placed on the market are not meant. Answer no if you only use another company’s model.',
    refs: ['Art. 51', 'Art. 53'],
  },
  {
    id: 'gpai-compute',
    step: 'gpai',
    type: 'yes-no',
    text: 'Was the cumulative compute used to train the model greater than 10^25 floating-point operations (FLOP)?',
    help: 'Above this amount the model is presumed to have high-impact capabilities and therefore systemic risk (Art. 51(2)). The Commission can adjust the threshold.',
    refs: ['Art. 51'],
    showIf: [{ question: 'gpai-provider', equals: true }],
  },
  {
    id: 'gpai-designated',
    step: 'gpai',
    type: 'yes-no',
    text: 'Has the Commission designated the model as a general-purpose AI model with systemic risk?',
    help: 'The Commission can do so on its own initiative or after an alert from its scientific panel, using the criteria of Annex XIII (Art. 51(1)(b), Art. 52).',
    refs: ['Art. 51', 'Art. 52'],
    showIf: [{ question: 'gpai-provider', equals: true }],
  },
  {
    id: 'gpai-open-source',
    step: 'gpai',
    type: 'yes-no',
    text: 'Is the model released under a free and open-source licence that allows access, use, modification and distribution, with its weights, architecture and usage information made public?',
    help: 'Such models are exempt from some documentation duties and from appointing an authorised representative, unless they have systemic risk (Art. 53(2), Art. 54(6)).',
    refs: ['Art. 53', 'Art. 54'],
    showIf: [{ question: 'gpai-provider', equals: true }],
  },
  {
    id: 'gpai-eu-established',
    step: 'gpai',
    type: 'yes-no',
    text: 'Is your organization (the model’s provider) established in the EU?',
    help: 'Providers established outside the EU must appoint an authorised representative in the EU before placing the model on the EU market (Art. 54).',
    refs: ['Art. 54'],
    showIf: [{ question: 'gpai-provider', equals: true }],
  },
];

export const euAiActQuestionnaire: Questionnaire = {
  id: QUESTIONNAIRE_ID,
  version: QUESTIONNAIRE_VERSION,
  framework: QUESTIONNAIRE_FRAMEWORK,
  steps: [
    {
      id: 'scope',
      title: 'Scope',
      description: 'Whether the system is an AI system that the EU AI Act covers at all (Art. 2 and Art. 3(1)).',
    },
    {
      id: 'roles',
      title: 'Your role',
      description: 'Which role your organization holds for the system; the duties follow the role (Art. 3, Art. 25).',
    },
    {
      id: 'prohibited',
      title: 'Prohibited practices',
      description: 'The eight practices banned by Art. 5. If one applies, the system must not be offered or used in the EU.',
    },
    {
      id: 'annex-i',
      title: 'Regulated products',
      description: 'Whether the system is, or is a safety component of, a product under the EU product laws listed in Annex I (Art. 6(1)).',
    },
    {
      id: 'annex-iii',
      title: 'High-risk uses',
      description:
        'Whether the system is intended for one of the 25 high-risk uses of Annex III (Art. 6(2)), and whether the Art. 6(3) exception applies.',
    },
    {
      id: 'transparency',
      title: 'Transparency',
      description: 'Whether people must be told they deal with AI or AI-generated content (Art. 50).',
    },
    {
      id: 'deployer',
      title: 'Deployer details',
      description: 'What decides whether a deployer must assess the impact on fundamental rights before use (Art. 27).',
    },
    {
      id: 'gpai',
      title: 'General-purpose AI models',
      description: 'A separate track for organizations that provide general-purpose AI models (Chapter V, Art. 51–55).',
    },
  ],
  questions,
};

export interface AnswerIssue {
  path: string;
  message: string;
}

const quote = (v: unknown) => JSON.stringify(v);

function describeCondition(c: NonNullable<Question['showIf']>[number]): string {
  if (c.equals !== undefined) return `"${c.question}" is ${quote(c.equals)}`;
  if (c.includesAny) return `"${c.question}" includes one of ${c.includesAny.map(quote).join(', ')}`;
  if (c.notEmpty === true) return `at least one option is chosen in "${c.question}"`;
  if (c.notEmpty === false) return `nothing is chosen in "${c.question}"`;
  return `"${c.question}" is answered`;
}

function typeIssue(q: Question, value: unknown): string | null {
  const values = (q.options ?? []).map((o) => o.value);
  const list = values.map(quote).join(', ');
  switch (q.type) {
    case 'yes-no':
      return typeof value === 'boolean' ? null : `This is a yes/no question: answer true (yes) or false (no), not ${quote(value)}.`;
    case 'single':
      if (typeof value !== 'string') return `Choose exactly one option, as a text value: one of ${list}.`;
      return values.includes(value) ? null : `${quote(value)} is not one of the options. Choose one of ${list}.`;
    case 'multi': {
      if (!Array.isArray(value))
        return `Give a list of the options that apply, such as [${quote(values[0] ?? '')}]; an empty list [] means none of them. Options: ${list}.`;
      const unknown = value.filter((v) => typeof v !== 'string' || !values.includes(v));
      if (unknown.length > 0)
        return `${unknown.map(quote).join(', ')} ${unknown.length === 1 ? 'is not one of the options' : 'are not among the options'}. Options: ${list}.`;
      const twice = value.filter((v, i) => value.indexOf(v) !== i);
      if (twice.length > 0) return `${[...new Set(twice)].map(quote).join(', ')} is listed more than once; list each option once.`;
      return null;
    }
  }
}

/** The type check plus the one content rule: at least one role. */
function answerIssue(q: Question, value: unknown): string | null {
  const problem = typeIssue(q, value);
  if (problem) return problem;
  if (q.id === 'roles' && Array.isArray(value) && value.length === 0)
    return 'Choose at least one role. If your organization neither provides, uses, imports, distributes nor represents the system, it has no AI Act duties for it.';
  return null;
}

function answerHint(q: Question): string {
  const list = (q.options ?? []).map((o) => quote(o.value)).join(', ');
  switch (q.type) {
    case 'yes-no':
      return 'answer true or false';
    case 'single':
      return `choose one of ${list}`;
    case 'multi':
      return `give a list of the options that apply, [] for none; options: ${list}`;
  }
}

/**
 * Checks answers against the questionnaire: unknown question ids, wrong types, unanswered
 * questions that are asked, and answers to questions that are not asked given the other
 * answers. Stored answers are therefore always exactly the questions that were asked.
 * Issues come in questionnaire order (unknown ids first); an empty list means valid.
 */
export function validateAnswers(answers: ClassificationAnswers): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const all = euAiActQuestionnaire.questions;
  const known = new Set(all.map((q) => q.id));
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) {
    return [{ path: 'answers', message: 'The answers must be an object mapping question ids to answers.' }];
  }
  for (const id of Object.keys(answers).sort()) {
    if (!known.has(id))
      issues.push({
        path: `answers.${id}`,
        message: `There is no question "${id}" in this questionnaire (version ${QUESTIONNAIRE_VERSION}). Remove it or check the spelling.`,
      });
  }
  const visible = new Set(visibleQuestions(all, answers).map((q) => q.id));
  // A wrongly typed answer makes it unclear which later questions are asked: report it, and
  // leave the asked / not-asked checks of the questions that depend on it until it is fixed.
  const broken = new Set(all.filter((q) => answers[q.id] !== undefined && answerIssue(q, answers[q.id]) !== null).map((q) => q.id));
  const byId = new Map(all.map((q) => [q.id, q]));
  const uncertain = (q: Question, seen = new Set<string>()): boolean =>
    (q.showIf ?? []).some((c) => {
      if (broken.has(c.question)) return true;
      const parent = byId.get(c.question);
      if (!parent || seen.has(parent.id)) return false;
      seen.add(parent.id);
      return uncertain(parent, seen);
    });
  for (const q of all) {
    const path = `answers.${q.id}`;
    const value = answers[q.id];
    const unsure = uncertain(q);
    if (value === undefined) {
      if (visible.has(q.id) && !unsure) issues.push({ path, message: `Please answer this question: ${q.text} (${answerHint(q)})` });
      continue;
    }
    if (!visible.has(q.id) && !unsure) {
      const when = (q.showIf ?? []).map(describeCondition).join(' and ');
      issues.push({
        path,
        message: `This question is not asked given the other answers${when ? ` (it is asked only when ${when})` : ''}. Remove this answer.`,
      });
      continue;
    }
    const problem = answerIssue(q, value);
    if (problem) issues.push({ path, message: problem });
  }
  return issues;
}

/** The question with this id (for callers that render answers). */
export function euAiActQuestion(id: string): Question | undefined {
  return euAiActQuestionnaire.questions.find((q) => q.id === id);
}
