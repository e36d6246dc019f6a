import type { ImplementationStatus, SoaDocument, SoaRow } from '../domain/schemas/controls.schemas.ts';

/**
 * The words every human-readable SoA export shares (XLSX, PDF, DOCX), so the three say the same
 * thing the same way: applicability and status labels, the approval statement or draft marker,
 * the summary, and the lists of risks, evidence and crosswalk links on a row.
 */

export const DRAFT_MARKER = 'Draft — not approved';

const statusLabels: Record<ImplementationStatus, string> = {
  'not-started': 'Not started',
  planned: 'Planned',
  'partially-implemented': 'Partially implemented',
  implemented: 'Implemented',
  'not-applicable': 'Not applicable',
};

/** Frameworks a control may also support through the catalog's crosswalks, by their usual names. */
const frameworkLabels: Record<string, string> = {
  'iso27001-2022': 'ISO/IEC 27001:2022',
  'nist-ai-rmf-1.0': 'NIST AI RMF 1.0',
  'eu-ai-act-2024': 'EU AI Act',
  'iso42001-2023': 'ISO/IEC 42001:2023',
};

// XML 1.0 (DOCX, XLSX) cannot carry C0 control characters other than tab, line feed and carriage
// return, nor unpaired surrogates: one of them in a justification would corrupt the whole file.
// eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe to put in any export: composed (NFC), line breaks as \n, no characters XML forbids. */
export function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '').replace(LONE_SURROGATES, '').normalize('NFC');
}

export function statusLabel(status: ImplementationStatus): string {
  return statusLabels[status];
}

export function applicableLabel(applicable: boolean | null): 'Yes' | 'No' | 'Not decided' {
  return applicable === true ? 'Yes' : applicable === false ? 'No' : 'Not decided';
}

/** Whether applicability is a recorded decision or follows from the risks alone. */
export function applicabilityBasis(row: Pick<SoaRow, 'applicable' | 'derived'>): string {
  if (row.derived) return 'Derived from risks (no decision recorded)';
  return row.applicable === null ? 'No decision recorded' : 'Recorded decision';
}

export function frameworkLabel(id: string): string {
  return frameworkLabels[id] ?? id;
}

/** 2026-11-28T09:30:00.000Z → 2026-11-28 09:30 UTC */
export function formatTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

export function dateOf(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? iso;
}

export const orDash = (text: string | null): string => (text === null || text.trim() === '' ? '—' : text);

/** The one-line approval statement, or the draft marker for a live SoA. */
export function approvalLine(doc: SoaDocument): string {
  const v = doc.version;
  if (!v) return `${DRAFT_MARKER}: the live Statement of Applicability as of ${formatTimestamp(doc.generatedAt)}; it may still change.`;
  return `Version ${v.number}, approved by ${v.approvedBy} (${v.approvedRole}) on ${formatTimestamp(v.approvedAt)}.`;
}

/** Label/value pairs describing the document: the cover of every export. */
export function coverFacts(doc: SoaDocument): [string, string][] {
  const facts: [string, string][] = [
    ['Organization', doc.organization.name],
    ['Framework', `${doc.framework.name} (${doc.framework.version})`],
  ];
  const v = doc.version;
  if (v) {
    facts.push(
      ['Status', `Approved — version ${v.number}`],
      ['Approved by', `${v.approvedBy} (${v.approvedRole})`],
      ['Approved at', formatTimestamp(v.approvedAt)],
      ['Approval comment', v.comment],
      ['Content hash (SHA-256)', v.contentHash],
    );
  } else {
    facts.push(['Status', `${DRAFT_MARKER} (live; it may change until a version is approved)`]);
  }
  facts.push(['Generated at', formatTimestamp(doc.generatedAt)]);
  return facts;
}

/** The summary counts as label/value pairs, statuses in their life-cycle order. */
export function summaryFacts(doc: SoaDocument): [string, number][] {
  const s = doc.summary;
  const facts: [string, number][] = [
    ['Controls', s.controls],
    ['Applicable', s.applicable],
    ['Excluded', s.excluded],
    ['Not decided', s.undecided],
    ['Flagged for attention', s.flagged],
  ];
  for (const status of Object.keys(statusLabels) as ImplementationStatus[]) {
    facts.push([`Status: ${statusLabels[status]}`, s.byStatus[status] ?? 0]);
  }
  for (const [status, count] of Object.entries(s.byStatus)) {
    if (!(status in statusLabels)) facts.push([`Status: ${status}`, count]);
  }
  return facts;
}

const more = (shown: number, total: number) => (total > shown ? `and ${total - shown} more` : null);

/** The risks behind a row, one per line, with "and N more" when the row carries only the first ones. */
export function riskLines(row: SoaRow): string[] {
  const lines = row.basis.risks.map((r) => `${r.ref} ${r.title}`);
  const rest = more(row.basis.risks.length, row.basis.riskCount);
  return rest ? [...lines, rest] : lines;
}

/** "12 items: 10 current or expiring, 2 expired" */
export function evidenceCountLine(row: SoaRow): string {
  if (row.evidenceCount === 0) return 'No evidence linked';
  const items = `${row.evidenceCount} item${row.evidenceCount === 1 ? '' : 's'}`;
  return `${items}: ${row.evidenceCurrent} current or expiring, ${row.evidenceExpired} expired`;
}

/** The evidence on a row, one per line (ref, title, state and review date), then "and N more". */
export function evidenceLines(row: SoaRow): string[] {
  const lines = row.evidence.map((e) => {
    const state = e.state === 'current' ? '' : e.reviewDue ? ` [${e.state}, ${e.reviewDue}]` : ` [${e.state}]`;
    return `${e.ref} ${e.title}${state}`;
  });
  const rest = more(row.evidence.length, row.evidenceCount);
  return rest ? [...lines, rest] : lines;
}

export function alsoSupportsLines(row: SoaRow): string[] {
  return row.alsoSupports.map((a) => `${frameworkLabel(a.framework)} ${a.item} ${a.title} (${a.relationship})`);
}

/** The crosswalk links by framework, ids only: "ISO/IEC 27001:2022 A.8.29, A.5.1; NIST AI RMF 1.0 GOVERN 4.3". */
export function alsoSupportsBrief(row: SoaRow): string {
  const byFramework = new Map<string, string[]>();
  for (const a of row.alsoSupports) byFramework.set(a.framework, [...(byFramework.get(a.framework) ?? []), a.item]);
  return [...byFramework].map(([fw, items]) => `${frameworkLabel(fw)} ${items.join(', ')}`).join('; ');
}

export function flagLines(row: SoaRow): string[] {
  return row.flags.map((f) => f.message);
}

/** The AI-system-level implementations of the control, when there are any. */
export function systemsLine(row: SoaRow): string | null {
  const s = row.systems;
  if (s.applicable + s.excluded + s.implemented === 0) return null;
  return `AI systems: ${s.applicable} applicable, ${s.implemented} implemented, ${s.excluded} excluded`;
}

export interface AreaGroup {
  key: string;
  area: string;
  title: string;
  rows: SoaRow[];
}

/** Rows grouped by Annex A area (and the organization's own controls), in the order they first appear. */
export function groupByArea(rows: SoaRow[]): AreaGroup[] {
  const groups = new Map<string, AreaGroup>();
  for (const row of rows) {
    const key = `${row.framework}\u0000${row.area}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, area: row.area, title: row.areaTitle, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row);
  }
  return [...groups.values()];
}

/** "A.6 AI system life cycle", or just the title for the organization's own controls. */
export function areaHeading(group: Pick<AreaGroup, 'area' | 'title'>): string {
  return /^A\.\d+$/.test(group.area) ? `${group.area} ${group.title}` : group.title;
}
