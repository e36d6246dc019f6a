import type {
  AutomationLevel,
  EuRole,
  InventoryKind,
  IsoRole,
  LifecycleStage,
  RelationKind,
  RiskClass,
} from '../../../../src/domain/schemas/inventory.schemas.ts';
import { formatDate } from '../../lib/format.ts';
import type { Role } from '../../lib/roles.ts';
import type { DataCategory, DueDiligenceStatus } from './api.ts';

/** Whether the role may register and edit inventory records and classify systems (mirrors `records.write`). */
export function canWriteInventory(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager' || role === 'contributor';
}

/** Whether the role may delete inventory records (mirrors `records.delete`). */
export function canDeleteInventory(role: Role): boolean {
  return role === 'owner' || role === 'aims-manager';
}

// The value lists mirror src/domain/schemas/inventory.schemas.ts (the web imports its types only).

export const lifecycleStages = [
  'idea',
  'design',
  'development',
  'verification',
  'deployed',
  'retired',
] as const satisfies readonly LifecycleStage[];
export const euRoles = [
  'provider',
  'deployer',
  'importer',
  'distributor',
  'authorised-representative',
  'product-manufacturer',
] as const satisfies readonly EuRole[];
export const isoRoles = ['provider', 'producer', 'customer', 'partner', 'subject'] as const satisfies readonly IsoRole[];
export const automationLevels = [
  'decision-support',
  'human-in-the-loop',
  'human-on-the-loop',
  'fully-automated',
] as const satisfies readonly AutomationLevel[];
export const riskClasses = [
  'prohibited',
  'high-risk',
  'limited-risk',
  'minimal-risk',
  'out-of-scope',
] as const satisfies readonly RiskClass[];
export const dueDiligenceStatuses = [
  'not-started',
  'in-progress',
  'completed',
  'issues-found',
] as const satisfies readonly DueDiligenceStatus[];
export const dataCategories = [
  'personal',
  'sensitive',
  'children',
  'biometric',
  'confidential',
  'public',
  'synthetic',
] as const satisfies readonly DataCategory[];

/** A risk class filter value: a class, or "unclassified" for systems not yet classified. */
export type RiskFilter = RiskClass | 'unclassified';
export const riskFilters: readonly RiskFilter[] = [...riskClasses, 'unclassified'];

export const stageLabels: Record<LifecycleStage, string> = {
  idea: 'Idea',
  design: 'Design',
  development: 'Development',
  verification: 'Verification & validation',
  deployed: 'Deployed',
  retired: 'Retired',
};

export const stageDescriptions: Record<LifecycleStage, string> = {
  idea: 'Inception: the need and the idea are being explored.',
  design: 'Design and development planning.',
  development: 'Being built, trained or configured.',
  verification: 'Verified and validated before use.',
  deployed: 'In operation and monitored.',
  retired: 'Withdrawn from use.',
};

export const riskLabels: Record<RiskFilter, string> = {
  prohibited: 'Prohibited',
  'high-risk': 'High-risk',
  'limited-risk': 'Limited risk',
  'minimal-risk': 'Minimal risk',
  'out-of-scope': 'Outside the AI Act',
  unclassified: 'Unclassified',
};

export const riskDescriptions: Record<RiskFilter, string> = {
  prohibited: 'A practice banned by Art. 5: it may not be placed on the market or used.',
  'high-risk': 'High-risk under Art. 6 (Annex I product or Annex III use): the strictest obligations apply.',
  'limited-risk': 'Transparency obligations under Art. 50 apply (people must know they deal with AI).',
  'minimal-risk': 'No specific AI Act obligations beyond AI literacy (Art. 4); voluntary codes of conduct.',
  'out-of-scope': 'Not an AI system under the Act, or excluded from it (e.g. military, research only).',
  unclassified: 'The EU AI Act questionnaire has not been answered for this AI system yet.',
};

export const riskColors: Record<RiskFilter, string> = {
  prohibited: 'red',
  'high-risk': 'orange',
  'limited-risk': 'yellow',
  'minimal-risk': 'green',
  'out-of-scope': 'gray',
  unclassified: 'gray',
};

export const euRoleLabels: Record<EuRole, string> = {
  provider: 'Provider',
  deployer: 'Deployer',
  importer: 'Importer',
  distributor: 'Distributor',
  'authorised-representative': 'Authorised representative',
  'product-manufacturer': 'Product manufacturer',
};

export const euRoleDescriptions: Record<EuRole, string> = {
  provider: 'Develops the AI system (or has it developed) and places it on the market or puts it into service under its own name.',
  deployer: 'Uses the AI system under its authority in a professional activity.',
  importer: 'Places on the EU market an AI system bearing the name of a provider established outside the EU.',
  distributor: 'Makes the AI system available on the EU market, other than the provider or importer.',
  'authorised-representative': 'Acts in the EU on behalf of a provider established outside the EU, under a written mandate.',
  'product-manufacturer': 'Places a product with the AI system on the market under its own name (Annex I products).',
};

export const isoRoleLabels: Record<IsoRole, string> = {
  provider: 'AI provider',
  producer: 'AI producer',
  customer: 'AI customer',
  partner: 'AI partner',
  subject: 'AI subject',
};

export const isoRoleDescriptions: Record<IsoRole, string> = {
  provider: 'Provides AI products or services (platform, product or service provider).',
  producer: 'Designs, develops, tests and deploys AI systems.',
  customer: 'Uses an AI product or service, directly or through its users.',
  partner: 'Provides services in the context of AI: integrator, data supplier, evaluator, auditor.',
  subject: 'Is affected by the AI system: a data subject or another affected party.',
};

export const automationLabels: Record<AutomationLevel, string> = {
  'decision-support': 'Decision support',
  'human-in-the-loop': 'Human in the loop',
  'human-on-the-loop': 'Human on the loop',
  'fully-automated': 'Fully automated',
};

export const automationDescriptions: Record<AutomationLevel, string> = {
  'decision-support': 'The AI system informs; a person makes every decision.',
  'human-in-the-loop': 'A person reviews and approves each output before it takes effect.',
  'human-on-the-loop': 'Outputs take effect on their own; a person monitors and can intervene.',
  'fully-automated': 'No person is involved in individual decisions.',
};

export const dueDiligenceLabels: Record<DueDiligenceStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  completed: 'Completed',
  'issues-found': 'Issues found',
};

export const dueDiligenceColors: Record<DueDiligenceStatus, string> = {
  'not-started': 'gray',
  'in-progress': 'blue',
  completed: 'teal',
  'issues-found': 'red',
};

export const dataCategoryLabels: Record<DataCategory, string> = {
  personal: 'Personal data',
  sensitive: 'Special category data',
  children: "Children's data",
  biometric: 'Biometric data',
  confidential: 'Confidential',
  public: 'Public',
  synthetic: 'Synthetic',
};

export const dataCategoryDescriptions: Record<DataCategory, string> = {
  personal: 'Relates to an identified or identifiable person (GDPR Art. 4(1)).',
  sensitive: 'Special categories such as health, ethnicity, religion or sexual orientation (GDPR Art. 9).',
  children: 'Relates to children, who merit specific protection.',
  biometric: 'Physical, physiological or behavioural characteristics that identify a person.',
  confidential: 'Business secrets or data under a confidentiality obligation.',
  public: 'Publicly available.',
  synthetic: 'Generated rather than collected.',
};

/** Personal and sensitive kinds of data are highlighted wherever categories are listed. */
export const dataCategoryStyle: Record<DataCategory, { color: string; variant: 'filled' | 'light' | 'outline' }> = {
  personal: { color: 'orange', variant: 'filled' },
  sensitive: { color: 'red', variant: 'filled' },
  children: { color: 'red', variant: 'light' },
  biometric: { color: 'red', variant: 'light' },
  confidential: { color: 'violet', variant: 'light' },
  public: { color: 'gray', variant: 'light' },
  synthetic: { color: 'gray', variant: 'light' },
};

export const kindLabels: Record<InventoryKind, { one: string; many: string }> = {
  system: { one: 'AI system', many: 'AI systems' },
  supplier: { one: 'Supplier', many: 'Suppliers' },
  dataset: { one: 'Data set', many: 'Data sets' },
  model: { one: 'Model', many: 'Models' },
};

/** The relations, read from either end: "uses data set" from the system, "used by AI system" from the data set. */
export const relationLabels: Record<RelationKind, { forward: string; reverse: string }> = {
  'uses-dataset': { forward: 'Uses data set', reverse: 'Used by AI system' },
  'uses-model': { forward: 'Uses model', reverse: 'Used by AI system' },
  'supplied-by': { forward: 'Supplied by', reverse: 'Supplies AI system' },
  'depends-on': { forward: 'Depends on AI system', reverse: 'Needed by AI system' },
  'trained-on': { forward: 'Trained on data set', reverse: 'Used to train model' },
};

/** Mirrors `relationKinds` in the contract: which kind each relation goes from and to. */
export const relationEnds: Record<RelationKind, { from: InventoryKind; to: InventoryKind }> = {
  'uses-dataset': { from: 'system', to: 'dataset' },
  'uses-model': { from: 'system', to: 'model' },
  'supplied-by': { from: 'system', to: 'supplier' },
  'depends-on': { from: 'system', to: 'system' },
  'trained-on': { from: 'model', to: 'dataset' },
};
export const relationKindList = Object.keys(relationEnds) as RelationKind[];

/** "12 Mar 2026" for a calendar date (YYYY-MM-DD), read as a local day (not UTC midnight). */
export function formatDay(day: string | null | undefined, fallback = '—'): string {
  return day ? formatDate(`${day}T00:00:00`, fallback) : fallback;
}

/** Today as YYYY-MM-DD in local time. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** True when a calendar date (YYYY-MM-DD) lies before today. */
export function isDayPast(day: string | null | undefined): boolean {
  return Boolean(day) && (day as string) < today();
}

/** "an AIMS manager", "a viewer". */
export function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
}

/** A label inside a sentence: "Data set" → "data set", but "AI system" keeps its capitals. */
export function inSentence(label: string): string {
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}
