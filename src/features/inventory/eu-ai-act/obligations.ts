import type { EuRole } from '../../../domain/schemas/inventory.schemas.ts';
import { prohibitedPractices } from './questionnaire.ts';

/**
 * The EU AI Act obligations the classifier can assign, as data: reference, title, the duty in
 * plain words (Trellis's own summary, not the legal text), the role it falls on, and the date
 * it applies from under Art. 113. The table is in article order; the classifier keeps that
 * order, so results are deterministic.
 */

/** Application dates (Art. 113). */
export const applicationDates = {
  /** Chapters I and II: AI literacy (Art. 4) and prohibited practices (Art. 5) — Art. 113(a). */
  prohibitions: '2025-02-02',
  /** Chapter V general-purpose AI models — Art. 113(b). */
  gpai: '2025-08-02',
  /** General date: Annex III high-risk systems (Art. 6(2)) and Art. 50 transparency — Art. 113. */
  general: '2026-08-02',
  /** Art. 6(1) and the corresponding obligations (Annex I products) — Art. 113(c). */
  annexI: '2027-08-02',
} as const;
export type ApplicationPhase = keyof typeof applicationDates;

export interface ObligationDefinition {
  /** Unique key in the table (variants of one article have different keys). */
  key: string;
  ref: string;
  title: string;
  duty: string;
  role: EuRole;
  /** `high-risk`: 2026-08-02 when an Annex III route applies, otherwise 2027-08-02 (Annex I route only). */
  phase: ApplicationPhase | 'high-risk';
}

const def = (
  key: string,
  ref: string,
  role: EuRole,
  phase: ObligationDefinition['phase'],
  title: string,
  duty: string,
): ObligationDefinition => ({
  key,
  ref,
  title,
  duty,
  role,
  phase,
});

/** What Art. 5 asks of each role when a system falls under a prohibited practice. */
const prohibitedDuty: Record<EuRole, string> = {
  provider:
    'Do not place this system on the EU market or put it into service for this practice; withdraw it where it has already been supplied.',
  deployer: 'Stop using the system for this practice.',
  importer: 'Do not place this system on the EU market.',
  distributor: 'Do not make this system available on the EU market; stop supplying it.',
  'authorised-representative':
    'Do not act for the provider in placing this system on the EU market; end the mandate if the provider goes ahead.',
  'product-manufacturer': 'Do not place on the market or put into service a product that includes this system for this practice.',
};

const roleOrder: EuRole[] = ['provider', 'deployer', 'importer', 'distributor', 'authorised-representative', 'product-manufacturer'];

const highRiskProvider = (key: string, ref: string, title: string, duty: string) => def(key, ref, 'provider', 'high-risk', title, duty);

export const obligationTable: readonly ObligationDefinition[] = [
  def(
    'ai-literacy-provider',
    'Art. 4',
    'provider',
    'prohibitions',
    'AI literacy',
    'Make sure your staff and others who operate or use the system on your behalf have enough AI literacy for their tasks, taking into account their knowledge, experience and training, the context of use and the people affected.',
  ),
  def(
    'ai-literacy-deployer',
    'Art. 4',
    'deployer',
    'prohibitions',
    'AI literacy',
    'Make sure your staff and others who operate or use the system on your behalf have enough AI literacy for their tasks, taking into account their knowledge, experience and training, the context of use and the people affected.',
  ),
  ...prohibitedPractices.flatMap((p) =>
    roleOrder.map((role) =>
      def(`prohibited-${p.value}-${role}`, p.ref, role, 'prohibitions', `Prohibited practice: ${p.title}`, prohibitedDuty[role]),
    ),
  ),
  def(
    'section-b-provider',
    'Art. 2',
    'provider',
    'annexI',
    'High-risk AI in vehicles, aviation, marine or rail products: follow the sector law (Art. 2(2))',
    'For products under Annex I Section B only Art. 6(1), Art. 102–109 and Art. 112 of the AI Act apply directly. Meet the approval rules of the sector law (type approval, airworthiness and the like); the AI Act’s high-risk requirements reach you through delegated and implementing acts under that law, so track them as they are adopted.',
  ),
  def(
    'section-b-product-manufacturer',
    'Art. 2',
    'product-manufacturer',
    'annexI',
    'High-risk AI in vehicles, aviation, marine or rail products: follow the sector law (Art. 2(2))',
    'For products under Annex I Section B only Art. 6(1), Art. 102–109 and Art. 112 of the AI Act apply directly. Meet the approval rules of the sector law (type approval, airworthiness and the like); the AI Act’s high-risk requirements reach you through delegated and implementing acts under that law, so track them as they are adopted.',
  ),
  def(
    'derogation-documentation',
    'Art. 6',
    'provider',
    'general',
    'Document why the system is not high-risk (Art. 6(4))',
    'Before placing the system on the market or putting it into service, document your assessment that it is not high-risk under Art. 6(3) (which condition applies, why it does not profile people and why it poses no significant risk), and give this documentation to national authorities on request.',
  ),
  highRiskProvider(
    'risk-management',
    'Art. 9',
    'Risk management system',
    'Set up, document and run a risk management process over the whole life of the system: identify and analyse known and foreseeable risks to health, safety and fundamental rights (including from reasonably foreseeable misuse), adopt measures to deal with them, and test the system to check that the measures work.',
  ),
  highRiskProvider(
    'data-governance',
    'Art. 10',
    'Data and data governance',
    'Train, validate and test the system with data sets that are governed properly (design choices, collection, preparation), relevant, sufficiently representative and as free of errors and as complete as possible, and examine them for possible biases, with measures to detect, prevent and reduce them.',
  ),
  highRiskProvider(
    'technical-documentation',
    'Art. 11',
    'Technical documentation',
    'Before placing the system on the market, draw up technical documentation with the content listed in Annex IV showing how it meets the requirements, and keep it up to date. Small and medium-sized enterprises may use the simplified form.',
  ),
  highRiskProvider(
    'record-keeping',
    'Art. 12',
    'Record-keeping (logging)',
    'Build the system so that it automatically records events (logs) over its lifetime, enough to identify risks and substantial modifications and to monitor it after release.',
  ),
  highRiskProvider(
    'instructions',
    'Art. 13',
    'Transparency and instructions for use',
    'Design the system so deployers can understand and properly use its output, and supply instructions for use covering who you are, the intended purpose, accuracy and its limits, known risks, human oversight measures, expected lifetime and maintenance, and how to collect the logs.',
  ),
  highRiskProvider(
    'human-oversight',
    'Art. 14',
    'Human oversight',
    'Design the system so that people can oversee it effectively while it is in use: understand what it can and cannot do, avoid over-relying on it, interpret its output, decide not to use or to override the output, and stop it.',
  ),
  highRiskProvider(
    'accuracy-robustness',
    'Art. 15',
    'Accuracy, robustness and cybersecurity',
    'Achieve an appropriate level of accuracy, robustness and cybersecurity throughout the life of the system, declare the accuracy metrics in the instructions for use, and make it resilient to errors, faults and attacks such as data poisoning or adversarial inputs.',
  ),
  highRiskProvider(
    'provider-obligations',
    'Art. 16',
    'Provider obligations',
    'Make sure the system meets the high-risk requirements (Art. 8–15); show your name or trademark and contact address on the system, its packaging or documentation; meet EU accessibility requirements; and on request show the authorities that it conforms.',
  ),
  highRiskProvider(
    'quality-management',
    'Art. 17',
    'Quality management system',
    'Run a documented quality management system (policies, procedures, instructions) covering the compliance strategy, design and development control, testing, data management, risk management, post-market monitoring, incident reporting, communication with authorities, record-keeping, resources and accountability.',
  ),
  highRiskProvider(
    'documentation-keeping',
    'Art. 18',
    'Keeping documentation',
    'Keep the technical documentation, the quality management system documentation, notified-body decisions and the EU declaration of conformity available to national authorities for 10 years after the system is placed on the market or put into service.',
  ),
  highRiskProvider(
    'logs',
    'Art. 19',
    'Keeping automatically generated logs',
    'Keep the logs the system generates, as far as they are under your control, for at least six months unless other EU or national law requires otherwise.',
  ),
  highRiskProvider(
    'corrective-actions',
    'Art. 20',
    'Corrective actions and duty of information',
    'If you find or have reason to think the system does not conform, immediately correct it, withdraw, disable or recall it as appropriate, and inform distributors, deployers, the authorised representative and importers; if it presents a risk, investigate with the deployer and inform the market surveillance authorities (and the notified body).',
  ),
  def(
    'authorised-representative',
    'Art. 22',
    'authorised-representative',
    'high-risk',
    'Tasks of the authorised representative',
    'Carry out the tasks of the provider’s mandate: check that the EU declaration of conformity and technical documentation exist and a conformity assessment was done; keep the provider’s contact details, the declaration, the documentation and any certificate for 10 years; give authorities information and cooperate with them; handle registration where required; end the mandate and inform the authorities if the provider acts against its obligations.',
  ),
  def(
    'importer',
    'Art. 23',
    'importer',
    'high-risk',
    'Obligations of importers',
    'Before placing the system on the market, check that the provider carried out the conformity assessment, drew up the technical documentation, affixed the CE marking, supplied the declaration of conformity and instructions, and appointed an authorised representative. Do not place it on the market if you think it does not conform; show your name and address on it; keep storage and transport from affecting compliance; keep copies for 10 years; cooperate with authorities.',
  ),
  def(
    'distributor',
    'Art. 24',
    'distributor',
    'high-risk',
    'Obligations of distributors',
    'Before making the system available, check that it carries the CE marking and comes with the EU declaration of conformity and instructions for use, and that the provider and importer met their duties. Do not supply it if you think it does not conform; keep storage and transport from affecting compliance; take or make sure of corrective action where needed; cooperate with authorities.',
  ),
  def(
    'product-manufacturer-provider',
    'Art. 25',
    'product-manufacturer',
    'high-risk',
    'Product manufacturer treated as the provider (Art. 25(3))',
    'The high-risk AI system is a safety component of your product and is placed on the market or put into service under your name or trademark, so you count as its provider and must meet the provider obligations (Art. 16), listed here under the provider role.',
  ),
  def(
    'deployer',
    'Art. 26',
    'deployer',
    'high-risk',
    'Obligations of deployers',
    'Use the system according to its instructions for use; give human oversight to competent, trained people with the authority to act; where you control the input data, make sure it is relevant and sufficiently representative; monitor the system and inform the provider and the authorities of risks and serious incidents (suspending use where needed); keep the logs under your control for at least six months; inform workers’ representatives and affected workers before use at the workplace; tell people when a decision about them is made or assisted by the system; as a public authority, use only systems registered in the EU database and register your use; cooperate with authorities.',
  ),
  def(
    'fria',
    'Art. 27',
    'deployer',
    'high-risk',
    'Fundamental rights impact assessment',
    'Before first use, assess the impact on fundamental rights: the processes in which you use the system, how long and how often, the groups of people affected, the specific risks of harm to them, the human oversight measures, and what you will do if the risks materialise (including internal governance and complaint handling). Notify the market surveillance authority of the results using the AI Office template, and update the assessment when something relevant changes. It can build on a GDPR data protection impact assessment.',
  ),
  highRiskProvider(
    'conformity-assessment',
    'Art. 43',
    'Conformity assessment',
    'Have the system go through the applicable conformity assessment before placing it on the market or putting it into service: for most Annex III systems the internal-control procedure (Annex VI); for biometric systems (Annex III point 1) a notified body where harmonised standards or common specifications were not applied in full; for Annex I products, the procedure of the product law. Repeat it after a substantial modification.',
  ),
  highRiskProvider(
    'declaration',
    'Art. 47',
    'EU declaration of conformity',
    'Draw up and sign a written EU declaration of conformity for the system (Annex V content), keep it for 10 years and give a copy to national authorities on request.',
  ),
  highRiskProvider(
    'ce-marking',
    'Art. 48',
    'CE marking',
    'Affix the CE marking visibly, legibly and indelibly to the system (digitally for systems provided only digitally), or else to its packaging or documentation, followed by the notified body’s number where one was involved.',
  ),
  highRiskProvider(
    'registration-eu',
    'Art. 49',
    'Registration in the EU database',
    'Before placing the system on the market or putting it into service, register yourself and the system in the EU database for high-risk AI systems.',
  ),
  highRiskProvider(
    'registration-national',
    'Art. 49',
    'Registration at national level (critical infrastructure)',
    'High-risk systems for critical infrastructure (Annex III point 2) are registered at national level, not in the public EU database (Art. 49(5)): register the system with the competent national authority before placing it on the market or putting it into service.',
  ),
  def(
    'registration-derogation',
    'Art. 49',
    'provider',
    'general',
    'Registration although not high-risk (Art. 49(2))',
    'Before placing the system on the market or putting it into service, register yourself and the system in the EU database, even though you concluded under Art. 6(3) that it is not high-risk.',
  ),
  def(
    'transparency-interaction',
    'Art. 50(1)',
    'provider',
    'general',
    'Tell people they are interacting with an AI system',
    'Design the system so that people are informed that they are interacting with an AI system, unless that is obvious to a reasonably well-informed person in the circumstances. Give the information clearly, at the latest at the first interaction, and in an accessible way (Art. 50(5)).',
  ),
  def(
    'transparency-marking',
    'Art. 50(2)',
    'provider',
    'general',
    'Mark AI-generated content',
    'Make sure the synthetic audio, image, video or text the system produces is marked in a machine-readable format and detectable as artificially generated or manipulated (for example with watermarks, metadata or fingerprints), using solutions that are effective, interoperable, robust and reliable as far as technically feasible.',
  ),
  def(
    'transparency-emotion',
    'Art. 50(3)',
    'deployer',
    'general',
    'Inform people exposed to emotion recognition or biometric categorisation',
    'Inform the people exposed to the system that it is operating, at the latest at the first exposure and in an accessible way, and process their personal data in line with the GDPR and other applicable data protection law.',
  ),
  def(
    'transparency-deep-fake',
    'Art. 50(4)',
    'deployer',
    'general',
    'Disclose deep fakes and AI-generated public-interest text',
    'Disclose that image, audio or video content you generate or manipulate as a deep fake is artificially generated or manipulated (for evidently artistic, creative, satirical or fictional works, in a way that does not spoil the work); disclose that text published to inform the public on matters of public interest was generated or manipulated by AI, unless a person reviewed it or it is under editorial control and someone holds editorial responsibility.',
  ),
  def(
    'gpai-notify',
    'Art. 52',
    'provider',
    'gpai',
    'Notify the Commission of the systemic-risk threshold',
    'Notify the Commission without delay, and at the latest within two weeks after the model meets the 10^25 FLOP threshold or it becomes known that it will. You may argue in the notification that, exceptionally, the model does not present systemic risks.',
  ),
  def(
    'gpai-designated',
    'Art. 52',
    'provider',
    'gpai',
    'Designation as a model with systemic risk',
    'The Commission has designated the model as having systemic risk. You may ask it to reassess the designation, at the earliest six months after the designation, giving objective, detailed and new reasons.',
  ),
  def(
    'gpai-documentation',
    'Art. 53',
    'provider',
    'gpai',
    'Obligations of general-purpose AI model providers',
    'Draw up and keep up to date the model’s technical documentation, including training, testing and evaluation results (Annex XI), for the AI Office and national authorities; give providers who build the model into their systems the information they need (Annex XII); put in place a policy to comply with EU copyright law, including respecting text-and-data-mining opt-outs; and publish a sufficiently detailed summary of the training content using the AI Office template. The Commission’s general-purpose AI code of practice can be used to show compliance.',
  ),
  def(
    'gpai-documentation-open-source',
    'Art. 53',
    'provider',
    'gpai',
    'Obligations of general-purpose AI model providers (open-source model)',
    'Because the model is released under a free and open-source licence with public weights and no systemic risk, you do not have to draw up the technical documentation for authorities or the information for downstream providers (Art. 53(1)(a)–(b)). You must still put in place a policy to comply with EU copyright law, including respecting text-and-data-mining opt-outs, and publish a sufficiently detailed summary of the training content using the AI Office template.',
  ),
  def(
    'gpai-representative',
    'Art. 54',
    'provider',
    'gpai',
    'Appoint an authorised representative in the EU',
    'Before placing the model on the EU market, appoint by written mandate an authorised representative established in the EU, and enable it to carry out its tasks: checking and keeping the technical documentation for 10 years, giving the AI Office information, and cooperating with the authorities.',
  ),
  def(
    'gpai-systemic',
    'Art. 55',
    'provider',
    'gpai',
    'Obligations for models with systemic risk',
    'Evaluate the model with state-of-the-art protocols and tools, including documented adversarial testing; assess and mitigate possible systemic risks at EU level; track, document and report serious incidents and possible corrective measures to the AI Office (and national authorities as appropriate) without undue delay; and ensure an adequate level of cybersecurity for the model and its physical infrastructure.',
  ),
  highRiskProvider(
    'post-market-monitoring',
    'Art. 72',
    'Post-market monitoring',
    'Set up and document a post-market monitoring system and plan, in proportion to the risks, that actively collects and analyses data on how the system performs throughout its life, to check that it keeps complying.',
  ),
  highRiskProvider(
    'serious-incidents',
    'Art. 73',
    'Reporting serious incidents',
    'Report serious incidents to the market surveillance authority of the Member State where they happened immediately after establishing a (likely) link with the system, and at the latest within 15 days of becoming aware; within 2 days for a widespread infringement or a serious disruption of critical infrastructure, and within 10 days if a person died. Then investigate and take corrective action.',
  ),
];

const byKey = new Map(obligationTable.map((o, index) => [o.key, { definition: o, index }]));
if (byKey.size !== obligationTable.length) throw new Error('obligation table: duplicate keys');

/** The obligation with this key and its position in the table. @throws Error for an unknown key. */
export function obligationDefinition(key: string): { definition: ObligationDefinition; index: number } {
  const found = byKey.get(key);
  if (!found) throw new Error(`no obligation "${key}" in the EU AI Act obligation table`);
  return found;
}

/** Keys of the high-risk provider obligations, in article order (Art. 49 is chosen by the route). */
export const highRiskProviderKeys = [
  'risk-management',
  'data-governance',
  'technical-documentation',
  'record-keeping',
  'instructions',
  'human-oversight',
  'accuracy-robustness',
  'provider-obligations',
  'quality-management',
  'documentation-keeping',
  'logs',
  'corrective-actions',
  'conformity-assessment',
  'declaration',
  'ce-marking',
  'post-market-monitoring',
  'serious-incidents',
] as const;
