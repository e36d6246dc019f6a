import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { SoaDocument, SoaRow } from '../domain/schemas/controls.schemas.ts';
import { PDF_FONT, pdfMaker, pdfText } from './pdf-fonts.ts';
import {
  alsoSupportsBrief,
  approvalLine,
  areaHeading,
  applicableLabel,
  clean,
  coverFacts,
  DRAFT_MARKER,
  evidenceCountLine,
  evidenceLines,
  flagLines,
  formatTimestamp,
  groupByArea,
  type AreaGroup,
  orDash,
  statusLabel,
  summaryFacts,
  systemsLine,
} from './soa-text.ts';

/**
 * The SoA as a PDF for a certification body (pdfmake, landscape A4): a title block with the
 * approval statement or the draft marker, the summary, then one table per Annex A area whose
 * header row repeats on every page; each page carries its number and the content hash (or the
 * draft marker) in the footer. Rows may break across pages, so long texts never overflow.
 */

const RED = '#b71c1c';
const GREEN = '#1b5e20';
const GREY = '#555555';

const t = (text: string) => pdfText(clean(text));

// Each cell is one text node with inline runs, not a stack of nodes: pdfmake measures and styles
// node by node, and this shape lays a 100-row SoA out about a third faster.
type Run = { text: string; bold?: boolean; color?: string; fontSize?: number };

function textCell(runs: (Run | null)[]): TableCell {
  const kept = runs.filter((r): r is Run => r !== null && r.text !== '');
  const text = kept.map((r, i) => ({ ...r, text: i < kept.length - 1 ? `${r.text}\n` : r.text }));
  return { text } as TableCell;
}

const small = (text: string, color = GREY): Run => ({ text: t(text), fontSize: 6.5, color });

function rowCells(row: SoaRow): TableCell[] {
  const supports = alsoSupportsBrief(row);
  const systems = systemsLine(row);
  const flags = flagLines(row);
  const evidence = evidenceLines(row);
  const described = row.description.trim() !== '';
  return [
    textCell([{ text: t(row.control), bold: true }, { text: t(row.title) }, supports ? small(`Also supports: ${supports}`) : null]),
    textCell([
      { text: t(applicableLabel(row.applicable)), bold: true, ...(row.applicable === null ? { color: RED } : {}) },
      row.derived ? small('from risks') : null,
    ]),
    textCell([{ text: t(row.justification) }]),
    textCell([
      { text: t(statusLabel(row.status)), bold: true },
      { text: t(`Owner: ${orDash(row.owner)}\nReview: ${orDash(row.reviewDue)}`) },
      systems ? small(systems) : null,
    ]),
    textCell([{ text: t(described ? row.description : 'Not described yet.'), ...(described ? {} : { color: GREY }) }]),
    textCell([{ text: t(evidenceCountLine(row)), bold: true }, evidence.length ? { text: t(evidence.join('\n')), fontSize: 7 } : null]),
    flags.length ? textCell([{ text: t(flags.join('\n')), color: RED, fontSize: 7 }]) : textCell([{ text: '—', color: GREY }]),
  ];
}

const HEADERS = ['Control', 'Applicable', 'Justification', 'Status, owner, review', 'Implementation', 'Evidence', 'Flags'];

// The area heading is the first of two repeated header rows: it stays with its table and names
// the area again on every page the table continues on.
function areaTable(group: AreaGroup): Content {
  const heading = { text: t(areaHeading(group)), style: 'h2', colSpan: HEADERS.length, border: [false, false, false, false] };
  return {
    table: {
      headerRows: 2,
      keepWithHeaderRows: 1,
      widths: [92, 46, 150, 84, '*', 130, 100],
      body: [
        [heading, ...HEADERS.slice(1).map(() => ({ text: '', border: [false, false, false, false] }))],
        HEADERS.map((h) => ({ text: h, style: 'th' })),
        ...group.rows.map(rowCells),
      ],
    },
    layout: {
      fillColor: (rowIndex: number) => (rowIndex === 1 ? '#e8eaf0' : null),
      hLineColor: () => '#bbbbbb',
      vLineColor: () => '#bbbbbb',
      hLineWidth: (i: number) => (i === 0 ? 0 : 0.5),
      vLineWidth: () => 0.5,
    },
    margin: [0, 4, 0, 10],
  } as Content;
}

function factsTable(pairs: [string, string | number][]): Content {
  return {
    table: { widths: [130, '*'], body: pairs.map(([label, value]) => [{ text: t(label), bold: true }, { text: t(String(value)) }]) },
    layout: 'noBorders',
    margin: [0, 0, 0, 8],
  } as Content;
}

function summaryTable(doc: SoaDocument): Content {
  const facts = summaryFacts(doc);
  return {
    table: {
      headerRows: 1,
      body: [
        facts.map(([label]) => ({ text: t(label), style: 'th' })),
        facts.map(([, count]) => ({ text: String(count), alignment: 'center' })),
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 12],
  } as Content;
}

/** The pdfmake document definition (exposed for tests of the layout, not only the bytes). */
export function soaPdfDefinition(doc: SoaDocument): TDocumentDefinitions {
  const approved = doc.version;
  const runningTitle = t(
    `Statement of Applicability — ${doc.organization.name} — ${approved ? `version ${approved.number}` : DRAFT_MARKER}`,
  );
  const footerLeft = approved
    ? `Version ${approved.number} · content hash (SHA-256) ${approved.contentHash}`
    : `${DRAFT_MARKER} · generated ${formatTimestamp(doc.generatedAt)}`;
  const content: Content[] = [
    { text: 'Statement of Applicability', style: 'title' },
    { text: t(`${doc.organization.name} — ${doc.framework.name}`), style: 'subtitle' },
    { text: t(approvalLine(doc)), bold: true, fontSize: 11, color: approved ? GREEN : RED, margin: [0, 0, 0, 8] },
    factsTable(coverFacts(doc)),
    { text: 'Summary', style: 'h2' },
    summaryTable(doc),
  ];
  for (const group of groupByArea(doc.rows)) content.push(areaTable(group));
  const created = new Date(doc.generatedAt);
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 40, 28, 40],
    info: {
      title: runningTitle,
      author: t(doc.organization.name),
      subject: approved ? `Approved version ${approved.number}` : DRAFT_MARKER,
      creator: 'Trellis',
      ...(Number.isNaN(created.getTime()) ? {} : { creationDate: created }),
    },
    ...(approved ? {} : { watermark: { text: 'DRAFT', color: RED, opacity: 0.06, bold: true } }),
    header: (currentPage: number) => (currentPage === 1 ? null : { text: runningTitle, fontSize: 7, color: GREY, margin: [28, 20, 28, 0] }),
    footer: (currentPage: number, pageCount: number) => ({
      columns: [
        { text: t(footerLeft), fontSize: 7, color: approved ? GREY : RED },
        { text: `Page ${currentPage} of ${pageCount}`, fontSize: 7, color: GREY, alignment: 'right', width: 80 },
      ],
      margin: [28, 12, 28, 0],
    }),
    content,
    defaultStyle: { font: PDF_FONT, fontSize: 7.5, lineHeight: 1.1 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 2] },
      subtitle: { fontSize: 11, color: GREY, margin: [0, 0, 0, 6] },
      h2: { fontSize: 12, bold: true, margin: [0, 6, 0, 4] },
      th: { bold: true, fontSize: 7.5 },
    },
  };
}

/** Renders the SoA as a PDF (landscape A4, embedded Roboto, no network or file access besides the fonts). */
export async function renderSoaPdf(doc: SoaDocument): Promise<Buffer> {
  return pdfMaker().createPdf(soaPdfDefinition(doc)).getBuffer();
}
