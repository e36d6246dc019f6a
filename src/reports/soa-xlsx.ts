import ExcelJS from 'exceljs';
import type { SoaDocument, SoaRow } from '../domain/schemas/controls.schemas.ts';
import { escapeCell } from '../features/shared/spreadsheet.ts';
import {
  alsoSupportsLines,
  applicabilityBasis,
  applicableLabel,
  approvalLine,
  areaHeading,
  clean,
  coverFacts,
  evidenceLines,
  flagLines,
  riskLines,
  statusLabel,
  summaryFacts,
} from './soa-text.ts';

/**
 * The SoA as an XLSX workbook: a cover sheet (organization, framework, approval or draft marker,
 * summary counts) and one row per control on the "Statement of Applicability" sheet. Every text
 * cell goes through `escapeCell`, so a justification such as `=HYPERLINK(…)` stays text.
 */

/** Excel refuses (and "repairs" away) cells longer than this. */
export const XLSX_CELL_LIMIT = 32_767;
const TRUNCATED = ' … [truncated: see Trellis for the full text]';

type CellInput = string | number | null;

/** The one way a value enters the workbook: cleaned, bounded and escaped against formula injection. */
function cell(value: CellInput): string | number | null {
  if (typeof value !== 'string') return value;
  let text = clean(value);
  if (text.length > XLSX_CELL_LIMIT) text = text.slice(0, XLSX_CELL_LIMIT - TRUNCATED.length - 1) + TRUNCATED;
  return escapeCell(text);
}

interface Column {
  header: string;
  width: number;
  value: (row: SoaRow) => CellInput;
}

const lines = (list: string[]) => list.join('\n');

/** The columns of the SoA sheet, in order. */
export const soaColumns: Column[] = [
  { header: 'Control', width: 11, value: (r) => r.control },
  { header: 'Title', width: 30, value: (r) => r.title },
  { header: 'Area', width: 24, value: (r) => areaHeading({ area: r.area, title: r.areaTitle }) },
  { header: 'Applicable', width: 12, value: (r) => applicableLabel(r.applicable) },
  { header: 'Applicability basis', width: 20, value: (r) => applicabilityBasis(r) },
  { header: 'Justification', width: 50, value: (r) => r.justification },
  { header: 'Risks', width: 34, value: (r) => lines(riskLines(r)) },
  { header: 'Risk count', width: 9, value: (r) => r.basis.riskCount },
  { header: 'Status', width: 18, value: (r) => statusLabel(r.status) },
  { header: 'Owner', width: 18, value: (r) => r.owner },
  { header: 'Implementation description', width: 50, value: (r) => r.description },
  { header: 'Review date', width: 12, value: (r) => r.reviewDue },
  { header: 'Evidence', width: 44, value: (r) => lines(evidenceLines(r)) },
  { header: 'Evidence items', width: 10, value: (r) => r.evidenceCount },
  { header: 'Evidence current', width: 10, value: (r) => r.evidenceCurrent },
  { header: 'Evidence expired', width: 10, value: (r) => r.evidenceExpired },
  {
    header: 'AI systems (applicable / implemented / excluded)',
    width: 16,
    value: (r) => `${r.systems.applicable} / ${r.systems.implemented} / ${r.systems.excluded}`,
  },
  { header: 'Also supports', width: 44, value: (r) => lines(alsoSupportsLines(r)) },
  { header: 'Flags', width: 44, value: (r) => lines(flagLines(r)) },
];

export const SOA_SHEET = 'Statement of Applicability';
export const COVER_SHEET = 'Cover';

function addCover(workbook: ExcelJS.Workbook, doc: SoaDocument): void {
  const ws = workbook.addWorksheet(COVER_SHEET);
  ws.columns = [{ width: 28 }, { width: 90 }];
  const title = ws.addRow([cell('Statement of Applicability')]);
  title.font = { bold: true, size: 16 };
  const marker = ws.addRow([cell(approvalLine(doc))]);
  marker.font = { bold: true, color: { argb: doc.version ? 'FF1B5E20' : 'FFB71C1C' } };
  ws.mergeCells(marker.number, 1, marker.number, 2);
  ws.addRow([]);
  for (const [label, value] of coverFacts(doc)) {
    const row = ws.addRow([cell(label), cell(value)]);
    row.getCell(1).font = { bold: true };
  }
  ws.addRow([]);
  ws.addRow([cell('Summary')]).font = { bold: true, size: 12 };
  for (const [label, value] of summaryFacts(doc)) {
    const row = ws.addRow([cell(label), cell(value)]);
    row.getCell(2).alignment = { horizontal: 'left' };
  }
  ws.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true, ...row.alignment };
  });
}

function addSoaSheet(workbook: ExcelJS.Workbook, doc: SoaDocument): void {
  const ws = workbook.addWorksheet(SOA_SHEET, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = soaColumns.map((c) => ({ width: c.width }));
  const header = ws.addRow(soaColumns.map((c) => cell(c.header)));
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EAF0' } };
  for (const row of doc.rows) {
    const added = ws.addRow(soaColumns.map((c) => cell(c.value(row))));
    added.alignment = { vertical: 'top', wrapText: true };
    if (row.flags.length > 0) added.getCell(soaColumns.length).font = { color: { argb: 'FFB71C1C' } };
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + doc.rows.length, column: soaColumns.length } };
}

/** Renders the SoA as an XLSX workbook (cover sheet, then one row per control in document order). */
export async function renderSoaXlsx(doc: SoaDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Trellis';
  workbook.title = cell(`Statement of Applicability — ${doc.organization.name}`) as string;
  workbook.subject = cell(doc.version ? `Version ${doc.version.number}` : 'Draft — not approved') as string;
  const created = new Date(doc.generatedAt);
  if (!Number.isNaN(created.getTime())) workbook.created = workbook.modified = created;
  addCover(workbook, doc);
  addSoaSheet(workbook, doc);
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
