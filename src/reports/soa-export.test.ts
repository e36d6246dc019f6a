import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PDFParse } from 'pdf-parse';
import { AppError } from '../domain/errors.ts';
import type { SoaDocument } from '../domain/schemas/controls.schemas.ts';
import { builtInCatalogDir } from '../features/catalog/catalog.loader.ts';
import { escapeCell, unescapeCell } from '../features/shared/spreadsheet.ts';
import { fontCoverage, pdfText } from './pdf-fonts.ts';
import { DOCX_MIME, OSCAL_MIME, PDF_MIME, renderSoa, soaFileName } from './soa-export.ts';
import {
  approvedSoa,
  draftSoa,
  FORMULA_DESCRIPTION,
  FORMULA_JUSTIFICATION,
  FORMULA_OWNER,
  LONG_TEXT_END,
  NON_ASCII,
  soaRows,
} from './soa-fixtures.ts';
import { oscalControlId, toOscalSoa, TRELLIS_OSCAL_NS, uuidV5, validateOscalSoa, type OscalSoa } from './soa-oscal.ts';
import { DRAFT_MARKER } from './soa-text.ts';
import { COVER_SHEET, SOA_SHEET, soaColumns, XLSX_CELL_LIMIT } from './soa-xlsx.ts';

const referenceSchemas = path.resolve(builtInCatalogDir, '../../shared/reference/oscal-1.0.6-json-schema');
const FORMULA_START = /^[=+\-@\t\r]/;

async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = workbook.getWorksheet(name);
  assert.ok(ws, `sheet ${name}`);
  return ws;
}

/** Every text cell of a worksheet, with its address. */
function textCells(ws: ExcelJS.Worksheet): { address: string; text: string; type: ExcelJS.ValueType }[] {
  const out: { address: string; text: string; type: ExcelJS.ValueType }[] = [];
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (typeof c.value === 'string') out.push({ address: c.address, text: c.value, type: c.type });
    }),
  );
  return out;
}

async function pdfTextOf(body: Buffer): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.total };
  } finally {
    await parser.destroy();
  }
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** The text of a WordprocessingML part, one line per paragraph. */
function wordText(xml: string): string {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decodeXml(t[1] ?? '')).join(''))
    .join('\n');
}

async function docxParts(body: Buffer): Promise<{ document: string; headers: string; footers: string }> {
  const zip = await JSZip.loadAsync(body);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const names = Object.keys(zip.files);
  const all = async (re: RegExp) => (await Promise.all(names.filter((n) => re.test(n)).map(read))).join('\n');
  return {
    document: await read('word/document.xml'),
    headers: await all(/^word\/header\d*\.xml$/),
    footers: await all(/^word\/footer\d*\.xml$/),
  };
}

test('the fixtures are the real Annex A: 38 controls in catalog order plus an own control', () => {
  const rows = soaRows();
  assert.equal(rows.filter((r) => r.framework === 'iso42001-2023').length, 38);
  assert.equal(rows.at(-1)?.control, 'OWN-1');
  const doc = draftSoa(rows);
  assert.ok(doc.summary.applicable > 0 && doc.summary.excluded > 0 && doc.summary.undecided > 0);
});

test('XLSX: a cover sheet and one row per control, in order, with the right values', async () => {
  const doc = draftSoa();
  const out = await renderSoa('xlsx', doc);
  assert.equal(out.mediaType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(out.fileName, 'acme-zurich-soa-draft-2026-11-28.xlsx');
  const workbook = await readWorkbook(out.body);
  assert.deepEqual(
    workbook.worksheets.map((w) => w.name),
    [COVER_SHEET, SOA_SHEET],
  );

  const cover = textCells(sheet(workbook, COVER_SHEET)).map((c) => c.text);
  assert.ok(
    cover.some((t) => t.startsWith(DRAFT_MARKER)),
    'the cover says plainly that it is a draft',
  );
  assert.ok(cover.includes(doc.organization.name));
  assert.ok(cover.includes('Not decided'));

  const ws = sheet(workbook, SOA_SHEET);
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(
    header,
    soaColumns.map((c) => c.header),
  );
  const col = (name: string) => soaColumns.findIndex((c) => c.header === name) + 1;
  assert.equal(ws.rowCount, 1 + doc.rows.length);
  doc.rows.forEach((row, i) => {
    const r = ws.getRow(i + 2);
    assert.equal(r.getCell(col('Control')).value, row.control, `row ${i + 2}`);
    assert.equal(r.getCell(col('Title')).value, row.title);
    assert.equal(r.getCell(col('Applicable')).value, row.applicable === true ? 'Yes' : row.applicable === false ? 'No' : 'Not decided');
    assert.equal(unescapeCell(String(r.getCell(col('Justification')).value)), row.justification);
    assert.equal(r.getCell(col('Evidence items')).value, row.evidenceCount);
    assert.equal(r.getCell(col('Risk count')).value, row.basis.riskCount);
    assert.equal(r.getCell(col('Review date')).value ?? null, row.reviewDue);
  });

  const a624 = ws.getRow(2 + doc.rows.findIndex((r) => r.control === 'A.6.2.4'));
  assert.equal(a624.getCell(col('Status')).value, 'Partially implemented');
  const evidence = String(a624.getCell(col('Evidence')).value);
  assert.match(evidence, /^EV-\d{4} Policy approval minutes \(Zürich — naïve/);
  assert.match(evidence, /\nand 155 more$/, '25 listed of 180');
  assert.match(String(a624.getCell(col('Risks')).value), /\nand 15 more$/, '25 listed of 40');
  assert.match(String(a624.getCell(col('Also supports')).value), /ISO\/IEC 27001:2022 A\.8\.29/);
  assert.match(String(a624.getCell(col('Flags')).value), /4 linked evidence items have expired/);
  const own = ws.getRow(1 + doc.rows.length);
  assert.equal(own.getCell(col('Control')).value, 'OWN-1');
  assert.equal(own.getCell(col('Area')).value, 'Own controls');

  assert.equal(ws.views[0]?.state, 'frozen');
  assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1);
  assert.ok(ws.autoFilter, 'autofilter on the header');
  assert.ok((ws.getColumn(col('Justification')).width ?? 0) >= 40);
  assert.equal(ws.getRow(2).alignment?.wrapText, true);
});

test('XLSX: formula-like text is escaped in every cell and stays text (fails without escapeCell)', async () => {
  const doc = draftSoa();
  const workbook = await readWorkbook((await renderSoa('xlsx', doc)).body);
  const ws = sheet(workbook, SOA_SHEET);
  const col = (name: string) => soaColumns.findIndex((c) => c.header === name) + 1;
  const a555 = ws.getRow(2 + doc.rows.findIndex((r) => r.control === 'A.5.5'));
  assert.equal(a555.getCell(col('Justification')).value, `'${FORMULA_JUSTIFICATION}`);
  assert.equal(a555.getCell(col('Justification')).type, ExcelJS.ValueType.String);
  const a624 = ws.getRow(2 + doc.rows.findIndex((r) => r.control === 'A.6.2.4'));
  assert.equal(a624.getCell(col('Owner')).value, `'${FORMULA_OWNER}`);
  assert.ok(String(a624.getCell(col('Implementation description')).value).startsWith(`'${FORMULA_DESCRIPTION}\n${NON_ASCII}`));
  for (const name of [COVER_SHEET, SOA_SHEET]) {
    for (const c of textCells(sheet(workbook, name))) {
      assert.ok(!FORMULA_START.test(c.text), `${name}!${c.address} starts a formula: ${c.text.slice(0, 40)}`);
      assert.notEqual(c.type, ExcelJS.ValueType.Formula);
    }
  }
  // An organization name that looks like a formula is escaped on the cover too.
  const evil = { ...doc, organization: { ...doc.organization, name: '=1+1 Evil Corp' } };
  const cover = textCells(sheet(await readWorkbook((await renderSoa('xlsx', evil)).body), COVER_SHEET));
  assert.ok(cover.some((c) => c.text === escapeCell('=1+1 Evil Corp')));
});

test('XLSX: an approved version shows its number, approver, date and content hash; over-long cells are cut to the limit', async () => {
  const rows = soaRows();
  const first = rows[0];
  assert.ok(first);
  rows[0] = { ...first, justification: `${'A very long justification. '.repeat(1600)}TAIL` };
  const doc = approvedSoa(rows);
  const out = await renderSoa('xlsx', doc);
  assert.equal(out.fileName, 'acme-zurich-soa-v3.xlsx');
  const workbook = await readWorkbook(out.body);
  const cover = textCells(sheet(workbook, COVER_SHEET)).map((c) => c.text);
  assert.ok(cover.includes('Approved — version 3'));
  assert.ok(cover.includes('Renée Müller (owner)'));
  assert.ok(cover.includes('2026-11-27 16:05 UTC'));
  assert.ok(cover.includes(doc.version?.contentHash ?? 'missing'));
  assert.ok(!cover.some((t) => t.includes(DRAFT_MARKER)));
  const cell = String(sheet(workbook, SOA_SHEET).getRow(2).getCell(6).value);
  assert.ok(cell.length <= XLSX_CELL_LIMIT && cell.endsWith('[truncated: see Trellis for the full text]'));
});

test('PDF: every control, the draft marker, page numbers and long text', async () => {
  const doc = draftSoa();
  const out = await renderSoa('pdf', doc);
  assert.equal(out.mediaType, PDF_MIME);
  assert.equal(out.fileName, 'acme-zurich-soa-draft-2026-11-28.pdf');
  assert.equal(out.body.subarray(0, 5).toString('latin1'), '%PDF-');
  const { text, pages } = await pdfTextOf(out.body);
  assert.ok(pages > 1, 'several pages');
  for (const row of doc.rows) assert.ok(text.includes(row.control), `${row.control} in the PDF`);
  assert.ok(text.includes(DRAFT_MARKER));
  assert.ok(text.includes(`Page ${pages} of ${pages}`));
  assert.ok(text.includes('Zürich — naïve'));
  assert.ok(text.includes(LONG_TEXT_END), 'the end of a long description is on a page, not cut off');
  assert.ok(text.includes('A.6 AI system life cycle'));
  assert.ok(text.includes('Own controls'));
  assert.ok(!text.includes('\u0000'), 'no undrawable characters');
});

test('PDF: an approved version carries its approval and the content hash on every page', async () => {
  const doc = approvedSoa();
  const out = await renderSoa('pdf', doc);
  assert.equal(out.fileName, 'acme-zurich-soa-v3.pdf');
  const { text, pages } = await pdfTextOf(out.body);
  const hash = doc.version?.contentHash ?? 'missing';
  assert.ok(text.includes('Version 3, approved by Renée Müller (owner) on 2026-11-27 16:05 UTC.'));
  assert.equal(text.split(hash).length - 1 >= pages, true, 'the hash in the footer of every page');
  assert.ok(!text.includes(DRAFT_MARKER));
  for (const row of doc.rows) assert.ok(text.includes(row.control), row.control);
});

test('PDF text: characters the embedded font lacks become visible stand-ins', () => {
  const roboto = fs.readFileSync(
    path.join(path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto', 'Roboto-Regular.ttf'),
  );
  const ranges = fontCoverage(roboto);
  const covers = (cp: number) => ranges.some(([a, b]) => cp >= a && cp <= b);
  assert.ok(covers('A'.codePointAt(0) ?? 0) && covers('ü'.codePointAt(0) ?? 0) && covers('—'.codePointAt(0) ?? 0));
  assert.ok(!covers('日'.codePointAt(0) ?? 0));
  assert.equal(pdfText('Zürich — naïve'), 'Zürich — naïve');
  assert.equal(pdfText('risk → control ✓ 日本'), 'risk -> control v ??');
});

test('DOCX: every control and justification, headings per area, landscape, repeated table headers', async () => {
  const doc = draftSoa();
  const out = await renderSoa('docx', doc);
  assert.equal(out.mediaType, DOCX_MIME);
  assert.equal(out.fileName, 'acme-zurich-soa-draft-2026-11-28.docx');
  const parts = await docxParts(out.body);
  const text = wordText(parts.document);
  for (const row of doc.rows) {
    assert.ok(text.includes(row.control), `${row.control} in the DOCX`);
    for (const line of row.justification.split('\n')) assert.ok(text.includes(line), `justification of ${row.control}`);
  }
  assert.ok(text.includes(FORMULA_JUSTIFICATION), 'Word text is not spreadsheet-escaped');
  assert.ok(text.includes(DRAFT_MARKER));
  assert.ok(text.includes('A.6 AI system life cycle') && text.includes('Own controls'));
  assert.match(parts.document, /w:orient="landscape"/);
  assert.match(parts.document, /<w:tblHeader\/>|<w:tblHeader w:val="(true|1)"\/>/);
  assert.ok(wordText(parts.headers).includes(DRAFT_MARKER));
  assert.match(parts.footers, /PAGE/);
  assert.match(parts.footers, /NUMPAGES/);
});

test('DOCX: an approved version shows the approval and the hash in the footer', async () => {
  const doc = approvedSoa();
  const parts = await docxParts((await renderSoa('docx', doc)).body);
  assert.ok(wordText(parts.document).includes('Version 3, approved by Renée Müller (owner) on 2026-11-27 16:05 UTC.'));
  assert.ok(wordText(parts.footers).includes(doc.version?.contentHash ?? 'missing'));
  assert.ok(!wordText(parts.document).includes(DRAFT_MARKER));
});

test('DOCX and XLSX: control characters that XML forbids are dropped instead of corrupting the file', async () => {
  const rows = soaRows();
  const first = rows[0];
  assert.ok(first);
  rows[0] = { ...first, justification: 'before\u0000\u0007\u001bafter' };
  const parts = await docxParts((await renderSoa('docx', draftSoa(rows))).body);
  assert.ok(wordText(parts.document).includes('beforeafter'));
  assert.ok(!['\u0000', '\u0007', '\u001b'].some((c) => parts.document.includes(c)));
  const workbook = await readWorkbook((await renderSoa('xlsx', draftSoa(rows))).body);
  assert.equal(sheet(workbook, SOA_SHEET).getRow(2).getCell(6).value, 'beforeafter');
});

function referenceValidator(): (doc: unknown) => boolean {
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const schema = JSON.parse(fs.readFileSync(path.join(referenceSchemas, 'oscal_component_schema.json'), 'utf8')) as object;
  return ajv.compile(schema);
}

test('OSCAL: the shipped component-definition schema is NIST 1.0.6 as in the reference', () => {
  const ours = fs.readFileSync(path.join(builtInCatalogDir, 'oscal', 'oscal_component_schema.json'));
  assert.ok(ours.equals(fs.readFileSync(path.join(referenceSchemas, 'oscal_component_schema.json'))));
});

test('OSCAL: validates, one implemented requirement per applicable control, excluded and undecided carried', async () => {
  const validate = referenceValidator();
  for (const doc of [draftSoa(), approvedSoa()]) {
    const out = await renderSoa('oscal', doc);
    assert.equal(out.mediaType, OSCAL_MIME);
    const oscal = JSON.parse(out.body.toString('utf8')) as OscalSoa;
    assert.ok(validate(oscal), JSON.stringify((validate as unknown as { errors: unknown }).errors)?.slice(0, 500));
    assert.deepEqual(validateOscalSoa(oscal), []);
    const cd = oscal['component-definition'];
    assert.equal(cd.metadata['oscal-version'], '1.0.6');
    const component = cd.components?.[0];
    assert.ok(component);
    const implementations = component['control-implementations'] ?? [];
    const requirements = implementations.flatMap((ci) => ci['implemented-requirements']);
    const applicable = doc.rows.filter((r) => r.applicable === true);
    assert.deepEqual(
      requirements.map((r) => r['control-id']),
      applicable.map((r) => r.control.toLowerCase()),
    );
    const a624 = requirements.find((r) => r['control-id'] === 'a.6.2.4');
    assert.ok(a624);
    const props = (name: string) => a624.props?.filter((p) => p.name === name).map((p) => p.value) ?? [];
    assert.deepEqual(props('implementation-status'), ['partially-implemented']);
    assert.deepEqual(props('label'), ['A.6.2.4']);
    assert.deepEqual(props('owner'), [FORMULA_OWNER]);
    assert.equal(props('risk').length, 25);
    assert.deepEqual(props('risk-count'), ['40']);
    assert.deepEqual(props('evidence-count'), ['180']);
    assert.equal(a624.links?.length, 25);
    assert.ok(a624.description.includes(LONG_TEXT_END));
    assert.ok(a624.remarks?.startsWith('Justification: Treats 40 risks'));
    for (const link of a624.links ?? []) {
      assert.ok(
        cd['back-matter']?.resources.some((r) => `#${r.uuid}` === link.href),
        'evidence links resolve in the back matter',
      );
    }
    for (const ci of implementations) assert.ok(cd['back-matter']?.resources.some((r) => `#${r.uuid}` === ci.source));
    assert.ok(requirements.some((r) => r['control-id'] === 'own-1'));

    const componentProps = component.props ?? [];
    for (const row of doc.rows.filter((r) => r.applicable === false)) {
      const p = componentProps.find((x) => x.name === 'excluded-control' && x.value === oscalControlId(row.control));
      assert.ok(p, `${row.control} carried as excluded`);
      assert.equal(p.ns, TRELLIS_OSCAL_NS);
      assert.ok(
        p.remarks?.includes(row.basis.exclusion ?? 'No justification for the exclusion is recorded.'),
        `${row.control} justification`,
      );
    }
    const undecided = componentProps.filter((x) => x.name === 'undecided-control').map((x) => x.value);
    assert.deepEqual(
      undecided,
      doc.rows.filter((r) => r.applicable === null).map((r) => oscalControlId(r.control)),
    );
    const state = cd.metadata.props?.find((p) => p.name === 'approval-state')?.value;
    assert.equal(state, doc.version ? 'approved' : 'draft');
    if (doc.version) {
      assert.equal(cd.metadata.version, '3');
      assert.equal(cd.metadata.props?.find((p) => p.name === 'content-hash')?.value, doc.version.contentHash);
      assert.ok(cd.metadata.parties?.some((p) => p.type === 'person' && p.name === 'Renée Müller'));
      assert.equal(out.fileName, 'acme-zurich-soa-v3.oscal.json');
    } else {
      assert.ok(cd.metadata.version.startsWith(DRAFT_MARKER));
      assert.equal(out.fileName, 'acme-zurich-soa-draft-2026-11-28.oscal.json');
    }
  }
});

test('OSCAL: uuids are stable for a re-export, per subject across versions, and RFC 4122 version 5', () => {
  // The RFC 4122 / Python uuid.uuid5(NAMESPACE_DNS, 'www.example.com') value.
  assert.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  const a = toOscalSoa(approvedSoa());
  const b = toOscalSoa(approvedSoa());
  assert.deepEqual(a, b);
  const v4 = approvedSoa();
  const next: SoaDocument = { ...v4, version: v4.version ? { ...v4.version, number: 4 } : null };
  const c = toOscalSoa(next);
  assert.notEqual(c['component-definition'].uuid, a['component-definition'].uuid, 'a new version is a new document');
  const req = (o: OscalSoa) =>
    o['component-definition'].components?.[0]?.['control-implementations']?.[0]?.['implemented-requirements'][0]?.uuid;
  assert.equal(req(c), req(a), 'a control keeps its uuid');
});

test('OSCAL: control ids map to OSCAL tokens', () => {
  assert.equal(oscalControlId('A.6.2.4'), 'a.6.2.4');
  assert.equal(oscalControlId('A.10.2'), 'a.10.2');
  assert.equal(oscalControlId('OWN-1'), 'own-1');
  assert.equal(oscalControlId('42 Übung'), 'control-42-bung');
  const token = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;
  for (const row of soaRows()) assert.match(oscalControlId(row.control), token);
});

test('OSCAL: a document that would not validate is never handed out', async () => {
  const doc = { ...draftSoa(), generatedAt: 'yesterday' };
  assert.ok(validateOscalSoa(toOscalSoa(doc)).length > 0);
  await assert.rejects(
    () => renderSoa('oscal', doc),
    (e: unknown) => e instanceof AppError && e.code === 'internal',
  );
});

test('OSCAL: an SoA with nothing applicable still validates (all controls undecided)', async () => {
  const rows = soaRows(0).map((r) => ({ ...r, applicable: null, derived: false }));
  const oscal = JSON.parse((await renderSoa('oscal', draftSoa(rows))).body.toString('utf8')) as OscalSoa;
  assert.deepEqual(validateOscalSoa(oscal), []);
  assert.equal(oscal['component-definition'].components?.[0]?.['control-implementations'], undefined);
  assert.equal(oscal['component-definition'].components?.[0]?.props?.length, 38);
});

test('file names: slug, version or draft date', () => {
  assert.equal(
    soaFileName('pdf', { ...draftSoa(), organization: { id: 'x', slug: 'Ünsafe/../name', name: 'n' } }),
    'nsafe-name-soa-draft-2026-11-28.pdf',
  );
  assert.equal(soaFileName('docx', approvedSoa()), 'acme-zurich-soa-v3.docx');
});

test('100 controls with 25 risks and 25 evidence refs each render in every format', async (t) => {
  const doc = approvedSoa(soaRows(62));
  assert.equal(doc.rows.length, 100);
  t.diagnostic(
    `rows ${doc.rows.length}; evidence refs ${doc.rows.reduce((n, r) => n + r.evidence.length, 0)}; evidence counted ${doc.rows.reduce((n, r) => n + r.evidenceCount, 0)}`,
  );
  for (const format of ['xlsx', 'pdf', 'docx', 'oscal'] as const) {
    const started = performance.now();
    const out = await renderSoa(format, doc);
    t.diagnostic(`${format}: ${out.body.length} bytes in ${Math.round(performance.now() - started)} ms`);
    assert.ok(out.body.length > 1000);
  }
  const { text } = await pdfTextOf((await renderSoa('pdf', doc)).body);
  assert.ok(text.includes('OWN-62'));
});

test('an SoA without any control still renders in every format', async () => {
  const doc = draftSoa([]);
  for (const format of ['xlsx', 'pdf', 'docx', 'oscal'] as const) {
    const out = await renderSoa(format, doc);
    assert.ok(out.body.length > 0, format);
  }
  const oscal = toOscalSoa(doc);
  assert.deepEqual(validateOscalSoa(oscal), []);
  const ws = sheet(await readWorkbook((await renderSoa('xlsx', doc)).body), SOA_SHEET);
  assert.equal(ws.rowCount, 1);
});
