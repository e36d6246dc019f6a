/**
 * A deterministic, realistic AI system inventory for benchmarks (phase d of `npm run bench`), as
 * AI system fields, as a CSV file and as an XLSX workbook holding the same rows.
 *
 * Every value follows from the seed (`createRng` of bench/generate.ts): the same seed and count give
 * the same rows, byte for byte in the CSV. Row k of a larger set equals row k of a smaller one.
 *
 * Columns (headers as `systemColumns` in src/features/inventory/system-spreadsheet.ts, in this order):
 *
 *   name                names built from ~30 kinds of system ("CV screening assistant", "invoice anomaly
 *                       detector", …), with a market or channel in front for 60 % and a version or
 *                       "(pilot)"-style suffix for 35 %; names repeat, as in real inventories
 *   purpose             one lead sentence per kind of system plus 0–5 further sentences, 5 % long
 *                       (up to ~2,000 characters); some hold commas, "quotes" or a line break, so the
 *                       CSV quotes them. 1 % mention the marker word `hyperspectral` (MARKER_WORD; it
 *                       occurs nowhere else), which the text-search measurement looks for
 *   intended_use        70 % filled, one or two sentences
 *   foreseeable_misuse  40 % filled
 *   iso_roles           0–3 of provider (40 %), producer (20 %), customer (50 %), partner (10 %), subject (5 %)
 *   eu_roles            provider 35 %, deployer 75 %, importer 5 %, distributor 5 %,
 *                       authorised-representative 2 %, product-manufacturer 3 % (about 5 % none)
 *   stage               idea 10 %, design 10 %, development 20 %, verification 10 %, deployed 40 %, retired 10 %
 *   owner               one of 1,600 e-mail addresses (40 first × 40 last names)
 *   business_unit       one of 20 units
 *   users, affected_persons          60 % filled, short phrases
 *   automation          decision-support 40 %, human-in-the-loop 30 %, human-on-the-loop 20 %, fully-automated 10 %
 *   human_oversight, deployment_context  50 % filled, one to three sentences
 *   jurisdictions       0–4 of EU, DE, FR, NL, ES, IT, SE, PL, US, US-CA, GB, CH, SG, JP, BR, CA
 *   in_scope            yes 90 %; every "no" row has a scope_reason, 20 % of "yes" rows have one too
 *   scope_reason        see in_scope
 *   review_due          80 % a date between 2025-01-01 and 2028-12-31 (so some are overdue), else empty;
 *                       in the XLSX a real date cell, as a spreadsheet program writes it
 *
 * `ref` is left out, so the import assigns AIS-0001, AIS-0002, …; risk_class and classified_at are
 * export-only columns. Rows average about 700 bytes of CSV (10,000 rows ≈ 7 MB, under the 20 MiB
 * upload limit). `riskClassFor` adds a risk class (45 % unclassified) for rows loaded straight into
 * the database; an import never sets one (a classification comes from the questionnaire).
 *
 * Standalone, to get files for trying the import by hand:
 *   node --import tsx bench/generate-systems.ts --rows 10000 [--seed 42] --csv systems.csv --xlsx systems.xlsx
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { AiSystemFields, EuRole, IsoRole, LifecycleStage, RiskClass } from '../src/domain/schemas/inventory.schemas.ts';
import { createRng, type Rng } from './generate.ts';

/** The word the text-search measurement looks for: in the purpose of about 1 % of rows, nowhere else. */
export const MARKER_WORD = 'hyperspectral';
const MARKER_SENTENCE = `Also uses ${MARKER_WORD} imagery supplied by the field survey team.`;

/** The columns the generated files hold, in this order (a subset of the import's columns; no ref). */
export const generatedColumns = [
  'name',
  'purpose',
  'intended_use',
  'foreseeable_misuse',
  'iso_roles',
  'eu_roles',
  'stage',
  'owner',
  'business_unit',
  'users',
  'affected_persons',
  'automation',
  'human_oversight',
  'deployment_context',
  'jurisdictions',
  'in_scope',
  'scope_reason',
  'review_due',
] as const;

export type GeneratedSystem = AiSystemFields;

const kinds: readonly { name: string; lead: string }[] = [
  { name: 'churn prediction model', lead: 'Predicts which customers are likely to cancel their contract in the next 90 days' },
  { name: 'CV screening assistant', lead: 'Ranks incoming job applications for recruiters' },
  { name: 'invoice anomaly detector', lead: 'Flags supplier invoices whose amounts, terms or bank details look unusual' },
  { name: 'customer support chatbot', lead: 'Answers customer questions about accounts, orders and products in the web chat' },
  { name: 'fraud scoring', lead: 'Scores card and account transactions for the likelihood of fraud in real time' },
  { name: 'demand forecaster', lead: 'Forecasts weekly demand per product and store to plan replenishment' },
  { name: 'document classifier', lead: 'Sorts incoming letters and e-mails by topic and urgency' },
  { name: 'contract clause extractor', lead: 'Extracts parties, dates, renewal terms and liability clauses from contracts' },
  { name: 'credit limit recommender', lead: 'Recommends a credit limit for new and existing business customers' },
  { name: 'predictive maintenance model', lead: 'Predicts machine failures from vibration and temperature sensor data' },
  { name: 'route optimiser', lead: 'Plans delivery routes and time windows for the van fleet' },
  { name: 'sentiment analyser', lead: 'Measures the sentiment of product reviews and social media mentions' },
  { name: 'meeting summariser', lead: 'Writes summaries and action lists from recorded meetings' },
  { name: 'code review assistant', lead: 'Suggests changes and points out likely defects in pull requests' },
  { name: 'e-mail triage', lead: 'Routes customer e-mails to the right team and drafts a first answer' },
  { name: 'identity verification', lead: 'Checks that a selfie matches the photo in an identity document during onboarding' },
  { name: 'price optimisation engine', lead: 'Sets daily prices within guard rails agreed with category managers' },
  { name: 'visual defect inspection', lead: 'Detects scratches, dents and missing parts on the assembly line from camera images' },
  { name: 'speech transcription', lead: 'Transcribes calls for quality review and complaint handling' },
  { name: 'translation service', lead: 'Translates product documentation and support articles into 14 languages' },
  { name: 'knowledge search', lead: 'Answers employee questions from policies, manuals and past tickets' },
  { name: 'next best offer', lead: 'Chooses which product offer to show a customer in the app and in branch' },
  { name: 'employee attrition model', lead: 'Estimates which teams are at risk of losing staff in the next year' },
  { name: 'call quality scorer', lead: 'Scores recorded calls against the service script' },
  { name: 'ticket routing', lead: 'Assigns IT service tickets to resolver groups' },
  { name: 'expense audit', lead: 'Selects expense claims for manual audit' },
  { name: 'anti-money-laundering alerts', lead: 'Raises alerts on transaction patterns that may indicate money laundering' },
  { name: 'KYC document check', lead: 'Reads and checks identity and address documents for know-your-customer reviews' },
  { name: 'energy load forecaster', lead: 'Forecasts the electricity load of sites for the next 48 hours' },
  { name: 'recommendation engine', lead: 'Recommends articles and products based on browsing history' },
];

const prefixes = ['Retail', 'B2B', 'Group', 'EU', 'Nordics', 'DACH', 'Iberia', 'Benelux', 'US', 'APAC', 'Internal', 'Partner', 'Mobile'];
const suffixes = [' v2', ' v3', ' (pilot)', ' (legacy)', ' 2025', ' – phase 2', ' (vendor)', ' beta'];

const moreSentences = [
  'It is trained on three years of historical data from the data warehouse and retrained every quarter.',
  'Outputs are written back to the CRM, where staff see them next to the customer record.',
  'The model is a gradient-boosted tree ensemble; features are documented in the model card.',
  'A vendor hosts the service in its EU region; we send pseudonymised records only.',
  'Results feed a dashboard used in the weekly operations meeting.',
  'The system replaced a rules engine that had grown to more than 400 hand-written rules.',
  'Thresholds were agreed with the business owner, compliance and the works council.',
  'Accuracy, drift and complaint rates are monitored monthly by the data science team.',
  'It runs as a nightly batch job; urgent cases are scored on request through an internal API.',
  'Inputs include free text entered by customers, so personal data may appear in them.',
  'A large language model drafts the text; a person approves it before anything is sent.',
  'The supplier updates the underlying model without notice, so outputs are re-tested after each release.',
  'It covers about 20 % of cases today; the rest are still handled manually.',
  'Explanations (the five strongest features) are shown to the user with every score.',
  'Training data was labelled by an external provider under a data processing agreement.',
  'Performance differs between languages; German and French are best supported.',
  'Decisions can be appealed through the normal complaints process.',
  'So-called "golden records" from master data are used as ground truth, where they exist.',
  'Costs, latency and error rates are reported to the platform team, who run the service.',
  'Integration with the ERP system is planned for next year, pending the budget.',
];
const intendedUses = [
  'Decision support only; a person makes every final decision.',
  'Prioritising work queues; nothing is rejected automatically.',
  'Internal analysis and planning, not decisions about individuals.',
  'First-line answers with hand-over to a person on request.',
  'Pre-filling forms that an employee checks and completes.',
  'Shortlisting; a specialist reviews every case the system ranks low.',
  'Automated handling of low-value cases under a fixed limit, with sampling.',
];
const misuses = [
  'Used to make final decisions without human review.',
  'Applied to groups it was never validated for, such as minors.',
  'Outputs copied into performance reviews of employees.',
  'Used outside the EU markets it was assessed for.',
  'Prompted to give legal or medical advice.',
  'Scores used to set prices for individual customers.',
];
const userPool = [
  'Relationship advisers',
  'Recruiters',
  'Customers',
  'Call-centre agents',
  'Fraud analysts',
  'Plant operators',
  'Data scientists',
  'Marketing team',
  'Finance controllers',
  'Field engineers',
  'Legal counsel',
  'All employees',
  'Procurement officers',
  'Claims handlers',
  'Software developers',
];
const affectedPool = [
  'Applicants',
  'Job applicants',
  'Customers using the web chat',
  'Card holders',
  'Employees',
  'Suppliers and their staff',
  'Patients',
  'Students',
  'Citizens applying for benefits',
  'Drivers',
  'Website visitors',
  'Claimants; vulnerable customers are flagged for extra care',
];
const oversightPool = [
  'A reviewer checks every output before it takes effect and can override it.',
  'Weekly sample review of 50 cases by the team lead.',
  'Staff can switch the system off from the admin console; the manual process remains available.',
  'Alerts are triaged by an analyst; nothing is blocked automatically.',
  'Monthly review of overrides and complaints by the system owner.',
  'Four-eyes principle for every case above the agreed threshold.',
];
const contextPool = [
  'SaaS from an external vendor, used in Germany and France',
  'On-premises in the Frankfurt data centre',
  'Embedded in the mobile app (iOS and Android)',
  'Batch job on the data platform, nightly',
  'Branch workstations in all retail branches',
  'Cloud service in the EU region, accessed through the intranet',
  'Edge devices on the production line in three plants',
  'Public website, available to anyone',
];
const outOfScopeReasons = [
  'Pilot in a sandbox with no customer-facing output; enters the AIMS scope before any production use',
  'Operated and governed by our parent company under its own management system',
  'Research prototype; not used on real cases',
  'Decommissioned; kept in the inventory for the record',
];
const inScopeReasons = [
  'Used in a business process inside the AIMS boundary (clause 4.3)',
  'Customer-facing; in scope by the scope statement',
  'Processes personal data of customers',
];
const units = [
  'Retail banking',
  'Corporate banking',
  'Risk',
  'Compliance',
  'People',
  'Customer service',
  'Marketing',
  'Sales',
  'Finance',
  'Procurement',
  'IT operations',
  'Security',
  'Legal',
  'Supply chain',
  'Manufacturing',
  'Quality',
  'Research',
  'Product',
  'Data platform',
  'Facilities',
];
// prettier-ignore
const firstNames = [
  'anna', 'ben', 'carla', 'david', 'elif', 'felix', 'grace', 'hugo', 'ines', 'jonas', 'kim', 'lena', 'marco', 'nora', 'oskar', 'paula',
  'quentin', 'rosa', 'samir', 'tara', 'ugo', 'vera', 'wei', 'xenia', 'yusuf', 'zoe', 'amir', 'bea', 'chen', 'dana', 'emil', 'fatima',
  'georg', 'hana', 'ivan', 'julia', 'karim', 'lucia', 'mats', 'nina',
];
// prettier-ignore
const lastNames = [
  'schmidt', 'martin', 'rossi', 'garcia', 'nowak', 'jensen', 'dubois', 'silva', 'novak', 'bauer', 'lee', 'kowalski', 'fischer', 'moreau',
  'romano', 'lopez', 'berg', 'smith', 'weber', 'meyer', 'ivanova', 'petit', 'costa', 'horvat', 'larsen', 'wagner', 'becker', 'roux',
  'ricci', 'sanchez', 'nielsen', 'brown', 'koch', 'richter', 'klein', 'wolf', 'neumann', 'schulz', 'kaya', 'yilmaz',
];
const jurisdictionPool = ['EU', 'DE', 'FR', 'NL', 'ES', 'IT', 'SE', 'PL', 'US', 'US-CA', 'GB', 'CH', 'SG', 'JP', 'BR', 'CA'];

function weighted<T>(rng: Rng, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [value, w] of table) {
    roll -= w;
    if (roll < 0) return value;
  }
  const last = table[table.length - 1];
  if (!last) throw new Error('empty weight table');
  return last[0];
}

const stageWeights: readonly (readonly [LifecycleStage, number])[] = [
  ['idea', 10],
  ['design', 10],
  ['development', 20],
  ['verification', 10],
  ['deployed', 40],
  ['retired', 10],
];
const automationWeights: readonly (readonly [AiSystemFields['automation'], number])[] = [
  ['decision-support', 40],
  ['human-in-the-loop', 30],
  ['human-on-the-loop', 20],
  ['fully-automated', 10],
];
const isoRoleShares: readonly (readonly [IsoRole, number])[] = [
  ['provider', 0.4],
  ['producer', 0.2],
  ['customer', 0.5],
  ['partner', 0.1],
  ['subject', 0.05],
];
const euRoleShares: readonly (readonly [EuRole, number])[] = [
  ['provider', 0.35],
  ['deployer', 0.75],
  ['importer', 0.05],
  ['distributor', 0.05],
  ['authorised-representative', 0.02],
  ['product-manufacturer', 0.03],
];

function sentences(rng: Rng, pool: readonly string[], min: number, max: number): string {
  const n = min + rng.int(max - min + 1);
  const chosen: string[] = [];
  for (let i = 0; i < n; i += 1) chosen.push(rng.pick(pool));
  return chosen.join(' ');
}

function purposeFor(rng: Rng, lead: string): string {
  const parts = [`${lead}.`];
  const long = rng.next() < 0.05;
  const extra = long ? 8 + rng.int(12) : rng.int(6);
  for (let i = 0; i < extra; i += 1) parts.push(rng.pick(moreSentences));
  if (rng.next() < 0.01) parts.splice(1 + rng.int(parts.length), 0, MARKER_SENTENCE);
  const separator = rng.next() < 0.03 ? '\n' : ' ';
  return parts.join(separator).slice(0, 4000).trim();
}

const DAY_MS = 86_400_000;
const reviewFrom = Date.UTC(2025, 0, 1);
const reviewDays = Math.round((Date.UTC(2028, 11, 31) - reviewFrom) / DAY_MS);

/** One AI system's fields; `rng` advances by a varying amount. */
function systemFrom(rng: Rng): GeneratedSystem {
  const kind = rng.pick(kinds);
  let name = kind.name.charAt(0).toUpperCase() + kind.name.slice(1);
  if (rng.next() < 0.6) name = `${rng.pick(prefixes)} ${kind.name}`;
  if (rng.next() < 0.35) name += rng.pick(suffixes);
  const isoRoles = isoRoleShares.filter(([, share]) => rng.next() < share).map(([role]) => role);
  const euRoles = euRoleShares.filter(([, share]) => rng.next() < share).map(([role]) => role);
  const jurisdictions = [...new Set(Array.from({ length: rng.int(5) }, () => rng.pick(jurisdictionPool)))];
  const inScope = rng.next() < 0.9;
  const scopeReason = !inScope ? rng.pick(outOfScopeReasons) : rng.next() < 0.2 ? rng.pick(inScopeReasons) : '';
  const reviewDue = rng.next() < 0.8 ? new Date(reviewFrom + rng.int(reviewDays + 1) * DAY_MS).toISOString().slice(0, 10) : null;
  return {
    name,
    purpose: purposeFor(rng, kind.lead),
    intendedUse: rng.next() < 0.7 ? sentences(rng, intendedUses, 1, 2) : '',
    foreseeableMisuse: rng.next() < 0.4 ? sentences(rng, misuses, 1, 2) : '',
    isoRoles,
    euRoles,
    stage: weighted(rng, stageWeights),
    owner: `${rng.pick(firstNames)}.${rng.pick(lastNames)}@example.com`,
    businessUnit: rng.pick(units),
    users: rng.next() < 0.6 ? rng.pick(userPool) : '',
    affectedPersons: rng.next() < 0.6 ? rng.pick(affectedPool) : '',
    automation: weighted(rng, automationWeights),
    humanOversight: rng.next() < 0.5 ? sentences(rng, oversightPool, 1, 3) : '',
    deploymentContext: rng.next() < 0.5 ? rng.pick(contextPool) : '',
    jurisdictions,
    inScope,
    scopeReason,
    reviewDue,
  };
}

/** The generated systems, in order, without end (take as many as needed). */
export function* generateSystems(seed: string | number): Generator<GeneratedSystem, never> {
  const rng = createRng(`${seed}/ai-systems`);
  for (;;) yield systemFrom(rng);
}

export function takeSystems(seed: string | number, count: number): GeneratedSystem[] {
  const out: GeneratedSystem[] = [];
  for (const system of generateSystems(seed)) {
    if (out.length >= count) break;
    out.push(system);
  }
  return out;
}

/** A risk class as the EU AI Act questionnaire might have left it (null: unclassified, 45 %). */
export function riskClassFor(rng: Rng): RiskClass | null {
  return weighted<RiskClass | null>(rng, [
    [null, 45],
    ['minimal-risk', 25],
    ['limited-risk', 12],
    ['high-risk', 12],
    ['out-of-scope', 5],
    ['prohibited', 1],
  ]);
}

/** The spreadsheet cells of a system, in `generatedColumns` order (lists with "; ", flags as yes/no). */
function cells(system: GeneratedSystem): string[] {
  return [
    system.name,
    system.purpose,
    system.intendedUse,
    system.foreseeableMisuse,
    system.isoRoles.join('; '),
    system.euRoles.join('; '),
    system.stage,
    system.owner,
    system.businessUnit,
    system.users,
    system.affectedPersons,
    system.automation,
    system.humanOversight,
    system.deploymentContext,
    system.jurisdictions.join('; '),
    system.inScope ? 'yes' : 'no',
    system.scopeReason,
    system.reviewDue ?? '',
  ];
}

export function systemsCsv(systems: readonly GeneratedSystem[]): Buffer {
  return Buffer.from(stringify([[...generatedColumns], ...systems.map(cells)]), 'utf8');
}

export async function systemsXlsx(systems: readonly GeneratedSystem[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'trellis bench';
  const sheet = workbook.addWorksheet('AI systems');
  sheet.addRow([...generatedColumns]);
  const due = generatedColumns.indexOf('review_due');
  for (const system of systems) {
    const row: (string | Date)[] = cells(system);
    // A spreadsheet program stores a typed date as a date cell, not as text.
    if (system.reviewDue) row[due] = new Date(`${system.reviewDue}T00:00:00.000Z`);
    sheet.addRow(row);
  }
  sheet.getColumn(due + 1).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------
// Command line.
// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string' },
      seed: { type: 'string' },
      csv: { type: 'string' },
      xlsx: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help || (!values.csv && !values.xlsx)) {
    process.stdout.write(
      'usage: node --import tsx bench/generate-systems.ts [--rows 10000] [--seed 42] [--csv <file>] [--xlsx <file>]\n' +
        'Writes the benchmark AI system inventory (see the comment at the top of this file) as CSV and/or XLSX.\n',
    );
    return;
  }
  const rows = Number((values.rows ?? '10000').replace(/_/g, ''));
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a whole number of at least 1, got "${values.rows}"`);
  const systems = takeSystems(values.seed ?? 42, rows);
  if (values.csv) {
    fs.writeFileSync(values.csv, systemsCsv(systems));
    process.stderr.write(`wrote ${rows.toLocaleString('en-US')} systems to ${values.csv}\n`);
  }
  if (values.xlsx) {
    fs.writeFileSync(values.xlsx, await systemsXlsx(systems));
    process.stderr.write(`wrote ${rows.toLocaleString('en-US')} systems to ${values.xlsx}\n`);
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    process.stderr.write(`generate-systems: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
