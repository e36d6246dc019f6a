/**
 * A deterministic organization for the controls, SoA, readiness and evidence benchmark (phase e of
 * `npm run bench`, issue 6 "Speed"), written straight into the database with Kysely multi-row
 * inserts (no audit-log entries: the measured views do not read them).
 *
 * At full size (`fullControlsSize`):
 *
 *   ai_systems               5,000   rows of bench/generate-systems.ts through the service's `newSystemRow`
 *   risks                   50,000   RSK-0001…, status identified 15 % / analysed 15 % / treatment-planned 25 % /
 *                                    treated 35 % / closed 10 %; likelihood × impact 1–5 (5 % unscored),
 *                                    levels and the derived columns as the risk service computes them with the
 *                                    default criteria; 40 % with a next action date a year either side of today
 *   risk_systems            ~75,000  each risk concerns 1–2 AI systems
 *   risk_controls          ~100,000  every risk with a treatment option other than "retain" names 1–4 Annex A
 *                                    controls (a skewed choice: a few controls are named by thousands of risks)
 *   control_implementations  ~25,000 5 per AI system (85 % applicable, 15 % excluded with a justification), plus
 *                                    one organization-level decision for most Annex A controls (applicable,
 *                                    excluded — one without a justification — or left undecided)
 *   evidence                200,000  EV-0001…, kinds file 55 % / link 30 % / note 15 %; review dates: 15 % none,
 *                                    the rest spread from 400 days before to 800 days after `today`, so about a
 *                                    quarter have expired and about 2 % expire within 30 days
 *   evidence_versions      ~280,000  1 (70 %), 2 (20 %) or 3 (10 %) versions per item
 *   evidence_links         ~260,000  one link per item, a second for 30 %: a control 50 %, a clause 4–10
 *                                    requirement 20 %, a risk 15 %, an AI system 15 %
 *
 * Every value follows from the seed and `today` (review dates are relative to it). The generator
 * returns what the measured views must show (`ControlsExpected`), so the bench checks every answer.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { InsertObject, Transaction } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { refSortKey, sequenceRef } from '../src/db/refs.ts';
import type {
  AiSystemTable,
  ControlImplementationTable,
  Database,
  EvidenceTable,
  EvidenceVersionTable,
  RiskTable,
} from '../src/db/schema.ts';
import { addDays, EXPIRING_WITHIN_DAYS } from '../src/domain/evidence-state.ts';
import { generatePassword } from '../src/domain/crypto.ts';
import type { ImplementationStatus, SoaDocument } from '../src/domain/schemas/controls.schemas.ts';
import { cliActor, initOrganization } from '../src/features/admin/admin.service.ts';
import type { Catalog } from '../src/features/catalog/catalog.ts';
import { ANNEX_A_FRAMEWORK, soaControls } from '../src/features/controls/control-catalog.ts';
import { formatRef } from '../src/features/inventory/ai-system.repository.ts';
import { newSystemRow } from '../src/features/inventory/ai-system.service.ts';
import { DEFAULT_CRITERIA, isAboveThreshold, levelOf } from '../src/features/risk/risk-levels.ts';
import { loadBuiltInCatalog } from '../src/server/app.ts';
import { createRng, silentProgress, stderrProgress, type Progress, type Rng } from './generate.ts';
import { generateSystems } from './generate-systems.ts';

export interface ControlsSize {
  systems: number;
  risks: number;
  /** AI-system-level control implementations per AI system. */
  implementationsPerSystem: number;
  evidence: number;
}

export const fullControlsSize: ControlsSize = { systems: 5_000, risks: 50_000, implementationsPerSystem: 5, evidence: 200_000 };

export interface ControlsOptions extends ControlsSize {
  orgId: string;
  userId: string | null;
  seed: string | number;
  /** YYYY-MM-DD: review dates are spread around it; the expected figures are as of this day. */
  today: string;
  progress?: (label: string, total: number, unit: string) => Progress;
}

/** Per control (key `framework\u0000control`): what its SoA row must show. */
export interface ControlExpected {
  /** open (not closed) risks naming it */
  openRisks: number;
  evidence: number;
  evidenceExpired: number;
  systemsApplicable: number;
  systemsExcluded: number;
  systemsImplemented: number;
  /** the organization-level decision: 1, 0, null (undecided) or undefined (no row) */
  decision: number | null | undefined;
}

export interface ControlsExpected {
  counts: {
    systems: number;
    risks: number;
    riskSystems: number;
    riskControls: number;
    implementations: number;
    evidence: number;
    evidenceVersions: number;
    evidenceLinks: number;
  };
  controls: Map<string, ControlExpected>;
  /** evidence items by state as of `today` */
  evidenceExpired: number;
  evidenceExpiring: number;
  /** links to the control most evidence is linked to, and that control */
  busiestControl: { control: string; links: number };
  seconds: number;
}

const key = (framework: string, control: string) => `${framework}\u0000${control}`;
const DAY_MS = 86_400_000;
const ROWS_PER_INSERT = 500;

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

/** A skewed pick (index i has weight 1 / (i + 1)): a few items are chosen far more often. */
function skewed<T>(rng: Rng, items: readonly T[]): T {
  return weighted(
    rng,
    items.map((item, i) => [item, 1 / (i + 1)] as const),
  );
}

function distinct<T>(rng: Rng, n: number, draw: (rng: Rng) => T): T[] {
  const out = new Set<T>();
  for (let tries = 0; out.size < n && tries < n * 10; tries += 1) out.add(draw(rng));
  return [...out];
}

function dayOffset(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

async function insertBatches<T extends keyof Database & string>(
  trx: Transaction<Database>,
  table: T,
  rows: readonly InsertObject<Database, T>[],
  perInsert = ROWS_PER_INSERT,
): Promise<void> {
  for (let i = 0; i < rows.length; i += perInsert) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + perInsert))
      .execute();
  }
}

const hazards = [
  'Biased outcomes for a protected group',
  'Model drift after a change in input data',
  'Personal data exposed in outputs',
  'Prompt injection through user input',
  'Unexplainable decision challenged by a customer',
  'Supplier changes the model without notice',
  'Over-reliance on outputs by staff',
  'Training data of unknown provenance',
  'Accuracy below the agreed threshold',
  'Misuse outside the intended purpose',
  'Outage of the hosted service',
  'Harmful or offensive generated text',
];
const treatmentPlans = [
  'Add a human review step before any decision takes effect.',
  'Monitor drift monthly and retrain when the agreed limit is passed.',
  'Filter personal data from prompts and outputs.',
  'Agree change notification in the supplier contract.',
  'Train users on the limits of the system.',
  'Document data provenance and re-validate the data set.',
];
const owners = ['anna.schmidt@example.com', 'ben.martin@example.com', 'carla.rossi@example.com', 'david.garcia@example.com'];
const statusWeights: readonly (readonly [RiskTable['status'], number])[] = [
  ['identified', 15],
  ['analysed', 15],
  ['treatment-planned', 25],
  ['treated', 35],
  ['closed', 10],
];
const implementationStatusWeights: readonly (readonly [ImplementationStatus, number])[] = [
  ['not-started', 15],
  ['planned', 20],
  ['partially-implemented', 25],
  ['implemented', 40],
];
const evidenceTitles = [
  'Bias test report',
  'Model card',
  'Data protection impact assessment',
  'Supplier due diligence questionnaire',
  'Validation results',
  'Monitoring dashboard export',
  'Training attendance list',
  'Management review minutes',
  'Incident post-mortem',
  'Internal audit report',
  'AI policy (signed)',
  'Change approval record',
];

/**
 * Fills organization `orgId` (which must exist, with no AI systems, risks or evidence yet) and
 * returns what the SoA, readiness and evidence views must show as of `today`.
 */
export async function generateControlsDataset(
  db: Db,
  options: ControlsOptions,
  catalog: Catalog = loadBuiltInCatalog(),
): Promise<ControlsExpected> {
  const started = performance.now();
  const progress = options.progress ?? silentProgress;
  const { orgId, userId, today } = options;
  const rng = createRng(`${options.seed}/controls`);
  // Ids from their own stream, tied to the organization: the same seed gives the same content in
  // another organization of the same database without colliding primary keys.
  const ids = createRng(`${options.seed}/controls-ids/${orgId}`);
  const annexA = soaControls(catalog)
    .filter((c) => c.framework === ANNEX_A_FRAMEWORK)
    .map((c) => c.control);
  const clauses = catalog
    .framework(ANNEX_A_FRAMEWORK)
    .framework.items.filter((i) => i.kind === 'clause' && /^\d+\.\d/.test(i.id))
    .map((i) => i.id);
  // A fixed shuffle, so the popular controls are not simply the first ones in catalog order.
  const popular = [...annexA].sort((a, b) => (refSortKey(a) < refSortKey(b) ? -1 : 1));
  for (let i = popular.length - 1; i > 0; i -= 1) {
    const j = rng.int(i + 1);
    [popular[i], popular[j]] = [popular[j] as string, popular[i] as string];
  }

  const controls = new Map<string, ControlExpected>(
    annexA.map((c) => [
      key(ANNEX_A_FRAMEWORK, c),
      {
        openRisks: 0,
        evidence: 0,
        evidenceExpired: 0,
        systemsApplicable: 0,
        systemsExcluded: 0,
        systemsImplemented: 0,
        decision: undefined,
      },
    ]),
  );
  const expectedOf = (control: string): ControlExpected => {
    const found = controls.get(key(ANNEX_A_FRAMEWORK, control));
    if (!found) throw new Error(`no control ${control}`);
    return found;
  };
  const counts: ControlsExpected['counts'] = {
    systems: 0,
    risks: 0,
    riskSystems: 0,
    riskControls: 0,
    implementations: 0,
    evidence: 0,
    evidenceVersions: 0,
    evidenceLinks: 0,
  };
  const createdAt = (n: number, total: number) =>
    new Date(Date.parse(`${today}T00:00:00.000Z`) - 730 * DAY_MS + Math.floor((n / total) * 700 * DAY_MS)).toISOString();

  // --- AI systems ---------------------------------------------------------------------------
  const systemIds: string[] = [];
  {
    const bar = progress('AI systems', options.systems, 'systems');
    const source = generateSystems(`${options.seed}/controls`);
    await db.kysely.transaction().execute(async (trx) => {
      let batch: AiSystemTable[] = [];
      for (let n = 1; n <= options.systems; n += 1) {
        const row = newSystemRow(orgId, { ...source.next().value, ref: formatRef(n) }, userId, createdAt(n, options.systems));
        row.id = ids.uuid();
        systemIds.push(row.id);
        batch.push(row);
        if (batch.length === 400) {
          await insertBatches(trx, 'ai_systems', batch, 400);
          batch = [];
          bar.update(n);
        }
      }
      await insertBatches(trx, 'ai_systems', batch, 400);
    });
    counts.systems = systemIds.length;
    bar.done();
  }
  const pickSystem = (r: Rng) => systemIds[r.int(systemIds.length)] as string;

  // --- Risks, the AI systems they concern, the controls their treatment names ------------------
  const riskIds: string[] = [];
  {
    const bar = progress('risks', options.risks, 'risks');
    for (let from = 1; from <= options.risks; from += 5_000) {
      const to = Math.min(options.risks, from + 4_999);
      const risks: RiskTable[] = [];
      const riskSystems: { risk_id: string; system_id: string; org_id: string }[] = [];
      const riskControls: { risk_id: string; org_id: string; framework: string; control: string; note: string }[] = [];
      for (let n = from; n <= to; n += 1) {
        const id = ids.uuid();
        riskIds.push(id);
        const status = weighted(rng, statusWeights);
        const scored = !(status === 'identified' && rng.next() < 0.3);
        const likelihood = scored ? 1 + rng.int(5) : null;
        const impact = scored ? 1 + rng.int(5) : null;
        const inherent = levelOf(DEFAULT_CRITERIA, likelihood, impact);
        const above = isAboveThreshold(DEFAULT_CRITERIA, inherent);
        const treated =
          status === 'treatment-planned' || status === 'treated' || status === 'closed' || (status === 'analysed' && rng.next() < 0.5);
        const option = treated
          ? weighted(rng, [
              ['modify', 70],
              ['avoid', 5],
              ['share', 10],
              ['retain', 15],
            ] as const)
          : null;
        const residualL = status === 'treated' && likelihood !== null ? Math.max(1, likelihood - 1 - rng.int(2)) : null;
        const residualI = status === 'treated' && impact !== null ? Math.max(1, impact - rng.int(2)) : null;
        const residual = levelOf(DEFAULT_CRITERIA, residualL, residualI);
        const ref = sequenceRef('RSK', n);
        const title = `${rng.pick(hazards)} (${rng.pick(hazards).split(' ')[0]?.toLowerCase()} ${n % 97})`;
        const at = createdAt(n, options.risks);
        risks.push({
          id,
          org_id: orgId,
          ref,
          ref_seq: n,
          ref_key: refSortKey(ref),
          title,
          sort_title: title.toLowerCase(),
          description: 'Identified in the annual risk assessment of the AI system.',
          risk_source: '',
          consequences_organization: rng.next() < 0.5 ? 'Regulatory action and loss of trust.' : '',
          consequences_individuals: rng.next() < 0.5 ? 'Unfair treatment of affected persons.' : '',
          consequences_society: '',
          likelihood,
          impact,
          inherent_level: inherent?.id ?? null,
          inherent_rank: inherent?.rank ?? null,
          owner: rng.pick(owners),
          status,
          review_due: rng.next() < 0.8 ? dayOffset(today, -180 + rng.int(545)) : null,
          criteria_number: 0,
          origin_type: 'manual',
          origin_id: null,
          treatment_option: option,
          treatment_plan: option ? rng.pick(treatmentPlans) : '',
          residual_likelihood: residualL,
          residual_impact: residualI,
          residual_level: residual?.id ?? null,
          residual_rank: residual?.rank ?? null,
          above_threshold: above ? 1 : 0,
          acceptance: null,
          needs_attention: above && status !== 'closed' ? 1 : 0,
          next_action_due: rng.next() < 0.4 ? dayOffset(today, -365 + rng.int(730)) : null,
          created_at: at,
          created_by: userId,
          updated_at: at,
          version: 1,
        });
        for (const system of distinct(rng, 1 + (rng.next() < 0.5 ? 1 : 0), pickSystem)) {
          riskSystems.push({ risk_id: id, system_id: system, org_id: orgId });
        }
        if (option !== null && option !== 'retain') {
          for (const control of distinct(rng, 1 + rng.int(4), (r) => skewed(r, popular))) {
            riskControls.push({ risk_id: id, org_id: orgId, framework: ANNEX_A_FRAMEWORK, control, note: '' });
            if (status !== 'closed') expectedOf(control).openRisks += 1;
          }
        }
      }
      await db.kysely.transaction().execute(async (trx) => {
        await insertBatches(trx, 'risks', risks, 400);
        await insertBatches(trx, 'risk_systems', riskSystems, 2000);
        await insertBatches(trx, 'risk_controls', riskControls, 2000);
      });
      counts.risks += risks.length;
      counts.riskSystems += riskSystems.length;
      counts.riskControls += riskControls.length;
      bar.update(to);
    }
    bar.done();
  }

  // --- Control implementations ----------------------------------------------------------------
  {
    const rows: ControlImplementationTable[] = [];
    const at = createdAt(1, 1);
    const base = (control: string, system: string | null): ControlImplementationTable => ({
      id: ids.uuid(),
      org_id: orgId,
      framework: ANNEX_A_FRAMEWORK,
      control,
      scope_key: system ?? '',
      system_id: system,
      applicable: null,
      inclusion_reasons: '[]',
      exclusion_justification: null,
      status: 'not-started',
      owner: '',
      description: '',
      review_due: null,
      created_at: at,
      created_by: userId,
      updated_at: at,
      version: 1,
    });
    let excludedWithout = false;
    for (const control of annexA) {
      const roll = rng.next();
      const row = base(control, null);
      if (roll < 0.75) {
        row.applicable = 1;
        row.status = weighted(rng, implementationStatusWeights);
        row.owner = rng.pick(owners);
        row.description = 'Implemented through the AI governance procedures.';
        row.review_due = dayOffset(today, -60 + rng.int(400));
        if (rng.next() < 0.3)
          row.inclusion_reasons = JSON.stringify([{ kind: 'legal', text: 'Required by the EU AI Act for our high-risk systems' }]);
      } else if (roll < 0.87) {
        row.applicable = 0;
        row.status = 'not-applicable';
        row.exclusion_justification = excludedWithout ? 'We develop no AI systems ourselves; this control does not arise.' : null;
        excludedWithout = true;
      } else if (roll > 0.95) {
        continue; // no row at all: derived from the risks or undecided
      }
      expectedOf(control).decision = row.applicable;
      rows.push(row);
    }
    for (const system of systemIds) {
      for (const control of distinct(rng, options.implementationsPerSystem, (r) => skewed(r, popular))) {
        const row = base(control, system);
        const expected = expectedOf(control);
        if (rng.next() < 0.85) {
          row.applicable = 1;
          row.status = weighted(rng, implementationStatusWeights);
          expected.systemsApplicable += 1;
          if (row.status === 'implemented') expected.systemsImplemented += 1;
        } else {
          row.applicable = 0;
          row.status = 'not-applicable';
          row.exclusion_justification = 'Not relevant for this AI system.';
          expected.systemsExcluded += 1;
        }
        rows.push(row);
      }
    }
    const bar = progress('control implementations', rows.length, 'rows');
    await db.kysely.transaction().execute((trx) => insertBatches(trx, 'control_implementations', rows, 1000));
    counts.implementations = rows.length;
    bar.update(rows.length);
    bar.done();
  }

  // --- Evidence, versions, links ---------------------------------------------------------------
  let evidenceExpired = 0;
  let evidenceExpiring = 0;
  const soon = addDays(today, EXPIRING_WITHIN_DAYS);
  {
    const bar = progress('evidence', options.evidence, 'items');
    const chunk = 10_000;
    for (let from = 1; from <= options.evidence; from += chunk) {
      const to = Math.min(options.evidence, from + chunk - 1);
      const items: EvidenceTable[] = [];
      const versions: EvidenceVersionTable[] = [];
      const links: { evidence_id: string; org_id: string; target_type: string; framework: string; target: string }[] = [];
      for (let n = from; n <= to; n += 1) {
        const id = ids.uuid();
        const kind = weighted(rng, [
          ['file', 55],
          ['link', 30],
          ['note', 15],
        ] as const);
        const reviewDue = rng.next() < 0.15 ? null : dayOffset(today, -400 + rng.int(1200));
        if (reviewDue !== null && reviewDue < today) evidenceExpired += 1;
        else if (reviewDue !== null && reviewDue <= soon) evidenceExpiring += 1;
        const versionCount = weighted(rng, [
          [1, 70],
          [2, 20],
          [3, 10],
        ] as const);
        const at = createdAt(n, options.evidence);
        items.push({
          id,
          org_id: orgId,
          ref: sequenceRef('EV', n),
          ref_seq: n,
          title: `${rng.pick(evidenceTitles)} ${2023 + rng.int(4)}-${String(1 + rng.int(12)).padStart(2, '0')} #${n % 1000}`,
          kind,
          description: rng.next() < 0.5 ? 'Collected for the AIMS; kept under document control.' : '',
          owner: rng.pick(owners),
          effective_date: at.slice(0, 10),
          review_due: reviewDue,
          current_version: versionCount,
          created_at: at,
          created_by: userId,
          updated_at: at,
          version: versionCount,
        });
        for (let v = 1; v <= versionCount; v += 1) {
          const sha = kind === 'file' ? (rng.uuid() + rng.uuid()).replace(/-/g, '').slice(0, 64) : null;
          versions.push({
            id: ids.uuid(),
            evidence_id: id,
            org_id: orgId,
            number: v,
            sha256: sha,
            file_name: kind === 'file' ? `evidence-${n}-v${v}.pdf` : null,
            media_type: kind === 'file' ? 'application/pdf' : null,
            size: kind === 'file' ? 20_000 + rng.int(2_000_000) : null,
            url: kind === 'link' ? `https://intranet.example.com/docs/${n}/${v}` : null,
            note: kind === 'note' ? 'Checked on site; see the minutes for details.' : null,
            record_type: null,
            record_id: null,
            record_data: null,
            comment: v === 1 ? '' : 'Updated for the new period.',
            created_at: at,
            created_by: userId,
          });
        }
        const targets = new Map<string, { target_type: string; framework: string; target: string }>();
        const linkCount = rng.next() < 0.3 ? 2 : 1;
        for (let l = 0; l < linkCount; l += 1) {
          const type = weighted(rng, [
            ['control', 50],
            ['requirement', 20],
            ['risk', 15],
            ['ai-system', 15],
          ] as const);
          const target =
            type === 'control'
              ? { target_type: type, framework: ANNEX_A_FRAMEWORK, target: skewed(rng, popular) }
              : type === 'requirement'
                ? { target_type: type, framework: ANNEX_A_FRAMEWORK, target: rng.pick(clauses) }
                : type === 'risk'
                  ? { target_type: type, framework: '', target: riskIds[rng.int(riskIds.length)] as string }
                  : { target_type: type, framework: '', target: pickSystem(rng) };
          targets.set(`${target.target_type}\u0000${target.framework}\u0000${target.target}`, target);
        }
        for (const t of targets.values()) {
          links.push({ evidence_id: id, org_id: orgId, ...t });
          if (t.target_type === 'control') {
            const expected = expectedOf(t.target);
            expected.evidence += 1;
            if (reviewDue !== null && reviewDue < today) expected.evidenceExpired += 1;
          }
        }
      }
      // valid_until is set by the database's triggers (migration 2026-11-28T05-00), as for any writer.
      await db.kysely.transaction().execute(async (trx) => {
        await insertBatches(trx, 'evidence', items, 1000);
        await insertBatches(trx, 'evidence_versions', versions, 1000);
        await insertBatches(trx, 'evidence_links', links, 2000);
      });
      counts.evidence += items.length;
      counts.evidenceVersions += versions.length;
      counts.evidenceLinks += links.length;
      bar.update(to);
    }
    bar.done();
  }

  let busiest = { control: annexA[0] ?? '', links: -1 };
  for (const control of annexA) {
    const links = expectedOf(control).evidence;
    if (links > busiest.links) busiest = { control, links };
  }
  return {
    counts,
    controls,
    evidenceExpired,
    evidenceExpiring,
    busiestControl: busiest,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * What is wrong with an SoA built over the generated organization, compared with what the generator
 * wrote (empty when every Annex A row shows the expected decision, risk, evidence and AI system counts).
 */
export function soaMismatches(doc: Pick<SoaDocument, 'rows'>, expected: ControlsExpected): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of doc.rows) {
    const want = expected.controls.get(key(row.framework, row.control));
    if (!want) continue;
    seen.add(key(row.framework, row.control));
    const decision = want.decision === undefined || want.decision === null ? null : want.decision === 1;
    const applicable = decision ?? (want.openRisks > 0 ? true : null);
    const got = {
      applicable: row.applicable,
      risks: row.basis.riskCount,
      evidence: row.evidenceCount,
      expired: row.evidenceExpired,
      systems: [row.systems.applicable, row.systems.excluded, row.systems.implemented].join('/'),
    };
    const wanted = {
      applicable,
      risks: want.openRisks,
      evidence: want.evidence,
      expired: want.evidenceExpired,
      systems: [want.systemsApplicable, want.systemsExcluded, want.systemsImplemented].join('/'),
    };
    for (const field of Object.keys(wanted) as (keyof typeof wanted)[]) {
      if (got[field] !== wanted[field]) problems.push(`${row.control} ${field}: ${String(got[field])}, expected ${String(wanted[field])}`);
    }
    if (row.basis.risks.length !== Math.min(want.openRisks, 25)) {
      problems.push(`${row.control}: lists ${row.basis.risks.length} risks, expected ${Math.min(want.openRisks, 25)}`);
    }
  }
  if (seen.size !== expected.controls.size) problems.push(`${seen.size} Annex A rows, expected ${expected.controls.size}`);
  return problems;
}

// ---------------------------------------------------------------------------
// Command line.
// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      slug: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help || !values.slug) {
    process.stdout.write(
      'usage: node --import tsx bench/generate-controls.ts --slug <new-org-slug> [--seed 42] [--scale 1]\n' +
        'Creates the organization and fills it with the phase e dataset (see the top of this file), in the database\n' +
        'named by DATABASE_URL [+ TRELLIS_DB_SCHEMA] or the SQLite file under TRELLIS_DATA_DIR. --scale 0.1 makes a tenth.\n',
    );
    return;
  }
  const scale = Number(values.scale ?? '1');
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be in (0, 1], got "${values.scale}"`);
  const size: ControlsSize = {
    systems: Math.max(1, Math.round(fullControlsSize.systems * scale)),
    risks: Math.max(1, Math.round(fullControlsSize.risks * scale)),
    implementationsPerSystem: fullControlsSize.implementationsPerSystem,
    evidence: Math.max(1, Math.round(fullControlsSize.evidence * scale)),
  };
  const db = openDatabase(loadConfig(process.env).database);
  try {
    await migrateToLatest(db);
    const email = `owner@${values.slug}.bench.example`;
    const password = generatePassword();
    const { user, org } = await initOrganization(db, { orgName: `Bench ${values.slug}`, slug: values.slug, email, password }, cliActor());
    const result = await generateControlsDataset(db, {
      ...size,
      orgId: org.id,
      userId: user.id,
      seed: values.seed ?? 42,
      today: new Date().toISOString().slice(0, 10),
      progress: stderrProgress,
    });
    process.stdout.write(
      `${JSON.stringify({ org: org.slug, owner: email, password, counts: result.counts, seconds: Number(result.seconds.toFixed(1)) }, null, 2)}\n`,
    );
  } finally {
    await db.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    process.stderr.write(`generate-controls: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
