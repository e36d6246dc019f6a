import { canonicalJson } from '../domain/canonical-json.ts';
import { sha256Hex } from '../domain/crypto.ts';
import {
  implementationStatuses,
  type ImplementationStatus,
  type SoaDocument,
  type SoaFlag,
  type SoaRow,
} from '../domain/schemas/controls.schemas.ts';
import { loadCatalogDir } from '../features/catalog/catalog.loader.ts';
import { ANNEX_A_FRAMEWORK, alsoSupports, soaControls } from '../features/controls/control-catalog.ts';

/**
 * Realistic SoA documents for the export tests, built from the real catalog (all 38 Annex A
 * controls, their crosswalk links) without a database: applicable controls with risks and
 * evidence, excluded ones with and without a justification, undecided ones with flags, an own
 * control, texts that look like spreadsheet formulas and non-ASCII text.
 */

export const FORMULA_JUSTIFICATION = '=HYPERLINK("http://attacker.example/x","Click for details")';
export const FORMULA_OWNER = '+SUM(1,2)';
export const FORMULA_DESCRIPTION = '@cmd|/c calc';
export const NON_ASCII = 'Zürich — naïve façade, Ærøskøbing, Łódź';
export const LONG_TEXT_END = 'END-OF-LONG-DESCRIPTION';

const catalog = loadCatalogDir();

const flag = (code: SoaFlag['code'], message: string): SoaFlag => ({ code, message });

function baseRow(framework: string, control: string, title: string, area: string, areaTitle: string): SoaRow {
  return {
    framework,
    control,
    title,
    area,
    areaTitle,
    applicable: null,
    derived: false,
    justification: 'Not decided yet; no open risk in the register names this control.',
    basis: { risks: [], riskCount: 0, reasons: [], exclusion: null },
    status: 'not-started',
    owner: '',
    description: '',
    reviewDue: null,
    implementationId: null,
    implementationVersion: null,
    systems: { applicable: 0, excluded: 0, implemented: 0 },
    evidence: [],
    evidenceCount: 0,
    evidenceCurrent: 0,
    evidenceExpired: 0,
    alsoSupports: framework === ANNEX_A_FRAMEWORK ? alsoSupports(catalog, framework, control) : [],
    flags: [{ code: 'undecided', message: 'No decision is recorded and no open risk names this control: include or exclude it.' }],
  };
}

const pad = (n: number) => String(n).padStart(4, '0');

function risks(seed: number, count: number) {
  return Array.from({ length: Math.min(count, 25) }, (_, i) => ({
    id: `00000000-0000-4000-8000-${pad(seed)}${pad(i)}0000`,
    ref: `RSK-${pad(seed * 100 + i + 1)}`,
    title: i === 0 ? '-1+2 bias in the credit scoring model' : `Risk ${i + 1} of control ${seed}`,
  }));
}

function evidence(seed: number, count: number, expired: number) {
  return Array.from({ length: Math.min(count, 25) }, (_, i) => {
    const isExpired = i >= Math.min(count, 25) - expired;
    return {
      id: `10000000-0000-4000-8000-${pad(seed)}${pad(i)}0000`,
      ref: `EV-${pad(seed * 100 + i + 1)}`,
      title: i === 0 ? `Policy approval minutes (${NON_ASCII})` : `Evidence ${i + 1} for control ${seed}`,
      kind: i % 2 === 0 ? 'file' : 'link',
      reviewDue: isExpired ? '2026-01-31' : i % 3 === 0 ? null : '2027-06-30',
      state: isExpired ? ('expired' as const) : ('current' as const),
    };
  });
}

function applicable(
  row: SoaRow,
  seed: number,
  opts: { riskCount: number; evidenceCount: number; expired?: number; status: ImplementationStatus },
) {
  const rs = risks(seed, opts.riskCount);
  const ev = evidence(seed, opts.evidenceCount, opts.expired ?? 0);
  const named = rs.slice(0, 5).map((r) => `${r.ref} ${r.title}`);
  const more = opts.riskCount - named.length;
  const flags: SoaFlag[] = [];
  if (opts.status === 'implemented' && opts.evidenceCount - (opts.expired ?? 0) === 0)
    flags.push(flag('applicable-without-evidence', 'Marked implemented, but no current evidence is linked to it.'));
  if ((opts.expired ?? 0) > 0)
    flags.push(flag('evidence-expired', `${opts.expired} linked evidence items have expired: renew or replace them.`));
  return {
    ...row,
    applicable: true,
    derived: false,
    justification: `Treats ${opts.riskCount} risks: ${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}. Legal requirement: EU AI Act Article 9.`,
    basis: { risks: rs, riskCount: opts.riskCount, reasons: [{ kind: 'legal' as const, text: 'EU AI Act Article 9' }], exclusion: null },
    status: opts.status,
    owner: 'Head of AI governance',
    description: `Implemented through the AI policy and the model review board (control ${row.control}).`,
    reviewDue: '2027-03-31',
    implementationId: `20000000-0000-4000-8000-${pad(seed)}00000000`,
    implementationVersion: 2,
    systems: { applicable: 3, excluded: 1, implemented: 2 },
    evidence: ev,
    evidenceCount: opts.evidenceCount,
    evidenceCurrent: opts.evidenceCount - (opts.expired ?? 0),
    evidenceExpired: opts.expired ?? 0,
    flags,
  } satisfies SoaRow;
}

function excluded(row: SoaRow, justification: string | null): SoaRow {
  return {
    ...row,
    applicable: false,
    justification: justification ?? 'Excluded without a justification.',
    basis: { ...row.basis, exclusion: justification },
    status: 'not-applicable',
    implementationId: `30000000-0000-4000-8000-${row.control.replace(/\D/g, '').padStart(12, '0')}`,
    implementationVersion: 1,
    flags: justification ? [] : [flag('exclusion-without-justification', 'Excluded without a justification: say why it is not needed.')],
  };
}

/** The 38 Annex A rows (catalog order) in a realistic mix, then `ownControls` of the organization's own. */
export function soaRows(ownControls = 1): SoaRow[] {
  const rows = soaControls(catalog)
    .filter((e) => e.framework === ANNEX_A_FRAMEWORK)
    .map((e, i) => {
      const row = baseRow(e.framework, e.control, e.title, e.area, e.areaTitle);
      switch (e.control) {
        case 'A.2.2':
          return applicable(row, i, { riskCount: 3, evidenceCount: 2, status: 'implemented' });
        case 'A.5.5':
          return excluded(row, FORMULA_JUSTIFICATION);
        case 'A.6.2.4':
          return {
            ...applicable(row, i, { riskCount: 40, evidenceCount: 180, expired: 4, status: 'partially-implemented' }),
            owner: FORMULA_OWNER,
            description: `${FORMULA_DESCRIPTION}\n${NON_ASCII}\n${'Verification and validation are planned per release. '.repeat(110)}${LONG_TEXT_END}`,
          };
        case 'A.7.5':
          return { ...applicable(row, i, { riskCount: 1, evidenceCount: 0, status: 'implemented' }), derived: true };
        case 'A.10.4':
          return excluded(row, `We do not provide AI systems to customers (${NON_ASCII}).\nReviewed at the management review.`);
        case 'A.10.3':
          return excluded(row, null);
        default:
          if (i % 4 === 0)
            return applicable(row, i, { riskCount: i % 7, evidenceCount: i % 5, status: implementationStatuses[i % 4] ?? 'planned' });
          if (i % 4 === 1) return excluded(row, `Out of scope: no ${e.title.toLowerCase()} activities (reviewed ${2020 + (i % 6)}).`);
          return row;
      }
    });
  for (let n = 1; n <= ownControls; n += 1) {
    const own = baseRow('org-controls', `OWN-${n}`, `Own control ${n}: model cards for every release`, 'org-controls', 'Own controls');
    rows.push(applicable(own, 1000 + n, { riskCount: 25, evidenceCount: 25, status: 'planned' }));
  }
  return rows;
}

export function summaryOf(rows: SoaRow[]): SoaDocument['summary'] {
  const byStatus: Record<string, number> = Object.fromEntries(implementationStatuses.map((s) => [s, 0]));
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return {
    controls: rows.length,
    applicable: rows.filter((r) => r.applicable === true).length,
    excluded: rows.filter((r) => r.applicable === false).length,
    undecided: rows.filter((r) => r.applicable === null).length,
    flagged: rows.filter((r) => r.flags.length > 0).length,
    byStatus,
  };
}

const framework = () => {
  const fw = catalog.framework(ANNEX_A_FRAMEWORK).framework;
  return { id: fw.id, name: fw.name, version: fw.version };
};

export const ORGANIZATION = { id: '9b2f6c1e-4d7a-4e3b-9f01-2a5c8d7e6f10', slug: 'acme-zurich', name: `Acme ${NON_ASCII}` };

/** The live (draft) SoA. */
export function draftSoa(rows = soaRows()): SoaDocument {
  return {
    organization: ORGANIZATION,
    generatedAt: '2026-11-28T09:30:00.000Z',
    framework: framework(),
    version: null,
    summary: summaryOf(rows),
    rows,
  };
}

/** Approved version 3, with the content hash of its rows and summary. */
export function approvedSoa(rows = soaRows()): SoaDocument {
  const summary = summaryOf(rows);
  return {
    organization: ORGANIZATION,
    generatedAt: '2026-11-27T16:05:00.000Z',
    framework: framework(),
    version: {
      id: '40000000-0000-4000-8000-000000000003',
      number: 3,
      comment: 'Reviewed with the AI governance board; exclusions confirmed.',
      approvedBy: 'Renée Müller',
      approvedRole: 'owner',
      approvedAt: '2026-11-27T16:05:00.000Z',
      contentHash: sha256Hex(canonicalJson({ rows, summary })),
    },
    summary,
    rows,
  };
}
