import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { SoaDocument, SoaRow } from '../domain/schemas/controls.schemas.ts';
import {
  alsoSupportsBrief,
  approvalLine,
  applicableLabel,
  areaHeading,
  clean,
  coverFacts,
  DRAFT_MARKER,
  evidenceCountLine,
  evidenceLines,
  flagLines,
  formatTimestamp,
  groupByArea,
  orDash,
  statusLabel,
  summaryFacts,
  systemsLine,
  type AreaGroup,
} from './soa-text.ts';

/**
 * The SoA as a Word document a certification body (or the organization) can edit: the same
 * content as the PDF — title block, approval statement or draft marker, summary — then a heading
 * and a table per Annex A area whose header row repeats on every page; the running header names
 * the document and its version, the footer carries the content hash and the page number.
 */

const RED = 'B71C1C';
const GREEN = '1B5E20';
const GREY = '555555';
const HEADER_FILL = 'E8EAF0';

type RunStyle = Omit<IRunOptions, 'text' | 'children'>;

/** One paragraph per line of text (Word does not break lines on "\n" inside a run). */
function paragraphs(text: string, style: RunStyle = {}, spacingAfter = 40): Paragraph[] {
  return clean(text)
    .split('\n')
    .map((line) => new Paragraph({ spacing: { after: spacingAfter }, children: [new TextRun({ text: line, ...style })] }));
}

function cell(children: Paragraph[], width: number, fill?: string): TableCell {
  return new TableCell({
    children: children.length ? children : [new Paragraph('')],
    width: { size: width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    ...(fill ? { shading: { type: ShadingType.CLEAR, fill, color: 'auto' } } : {}),
  });
}

// Landscape A4 is 16838 twips wide; with 720-twip margins, 15398 remain for the table.
const COLUMNS: { header: string; width: number }[] = [
  { header: 'Control', width: 1900 },
  { header: 'Applicable', width: 1000 },
  { header: 'Justification', width: 3100 },
  { header: 'Status, owner, review', width: 1750 },
  { header: 'Implementation', width: 3100 },
  { header: 'Evidence', width: 2548 },
  { header: 'Flags', width: 2000 },
];
const TABLE_WIDTH = COLUMNS.reduce((sum, c) => sum + c.width, 0);
const SMALL = 14; // half-points: 7 pt
const BODY = 16; // 8 pt

function rowCells(row: SoaRow): TableCell[] {
  const w = COLUMNS.map((c) => c.width) as [number, number, number, number, number, number, number];
  const systems = systemsLine(row);
  const supports = alsoSupportsBrief(row);
  const flags = flagLines(row);
  const described = row.description.trim() !== '';
  return [
    cell(
      [
        ...paragraphs(row.control, { bold: true, size: BODY }),
        ...paragraphs(row.title, { size: BODY }),
        ...(supports ? paragraphs(`Also supports: ${supports}`, { size: SMALL, color: GREY }) : []),
      ],
      w[0],
    ),
    cell(
      [
        ...paragraphs(applicableLabel(row.applicable), { bold: true, size: BODY, ...(row.applicable === null ? { color: RED } : {}) }),
        ...(row.derived ? paragraphs('from risks', { size: SMALL, color: GREY }) : []),
      ],
      w[1],
    ),
    cell(paragraphs(row.justification, { size: BODY }), w[2]),
    cell(
      [
        ...paragraphs(statusLabel(row.status), { bold: true, size: BODY }),
        ...paragraphs(`Owner: ${orDash(row.owner)}`, { size: BODY }),
        ...paragraphs(`Review: ${orDash(row.reviewDue)}`, { size: BODY }),
        ...(systems ? paragraphs(systems, { size: SMALL, color: GREY }) : []),
      ],
      w[3],
    ),
    cell(paragraphs(described ? row.description : 'Not described yet.', { size: BODY, ...(described ? {} : { color: GREY }) }), w[4]),
    cell(
      [
        ...paragraphs(evidenceCountLine(row), { bold: true, size: BODY }),
        ...evidenceLines(row).flatMap((line) => paragraphs(line, { size: SMALL })),
      ],
      w[5],
    ),
    cell(flags.length ? flags.flatMap((f) => paragraphs(f, { size: SMALL, color: RED })) : paragraphs('—', { color: GREY }), w[6]),
  ];
}

function areaTable(group: AreaGroup): Table {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: COLUMNS.map((c) => cell(paragraphs(c.header, { bold: true, size: BODY }), c.width, HEADER_FILL)),
  });
  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS.map((c) => c.width),
    rows: [header, ...group.rows.map((row) => new TableRow({ children: rowCells(row) }))],
  });
}

function factsTable(pairs: [string, string | number][]): Table {
  return new Table({
    width: { size: 12000, type: WidthType.DXA },
    columnWidths: [3200, 8800],
    rows: pairs.map(
      ([label, value]) =>
        new TableRow({
          children: [cell(paragraphs(label, { bold: true, size: BODY }), 3200), cell(paragraphs(String(value), { size: BODY }), 8800)],
        }),
    ),
  });
}

/** Renders the SoA as a DOCX document (landscape A4, a heading and a table per Annex A area). */
export async function renderSoaDocx(doc: SoaDocument): Promise<Buffer> {
  const approved = doc.version;
  const running = `Statement of Applicability — ${doc.organization.name} — ${approved ? `version ${approved.number}` : DRAFT_MARKER}`;
  const footerText = approved
    ? `Version ${approved.number} · content hash (SHA-256) ${approved.contentHash}`
    : `${DRAFT_MARKER} · generated ${formatTimestamp(doc.generatedAt)}`;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: 'Statement of Applicability' })] }),
    ...paragraphs(`${doc.organization.name} — ${doc.framework.name}`, { size: 24, color: GREY }, 120),
    ...paragraphs(approvalLine(doc), { bold: true, size: 22, color: approved ? GREEN : RED }, 160),
    factsTable(coverFacts(doc)),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Summary')] }),
    factsTable(summaryFacts(doc)),
  ];
  for (const group of groupByArea(doc.rows)) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [new TextRun(clean(areaHeading(group)))] }),
      areaTable(group),
    );
  }
  const document = new Document({
    creator: 'Trellis',
    title: clean(running),
    description: approved ? `Approved version ${approved.number}` : DRAFT_MARKER,
    styles: { default: { document: { run: { font: 'Calibri', size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE },
            margin: { top: 720, right: 720, bottom: 720, left: 720, header: 360, footer: 360 },
          },
        },
        headers: {
          default: new Header({ children: paragraphs(running, { size: SMALL, color: approved ? GREY : RED }) }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [new TextRun({ text: clean(footerText), size: SMALL, color: approved ? GREY : RED })],
              }),
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: SMALL, color: GREY }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
