import { Readable } from 'node:stream';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { AiSystemInputSchema, type AiSystem, type AiSystemFields, type ImportIssue } from '../../domain/schemas/inventory.schemas.ts';
import { escapeCell, normalizeHeader, unescapeCell, type Sheet } from '../shared/spreadsheet.ts';

export { CSV_MIME, XLSX_MIME, readSheet, type SpreadsheetFormat } from '../shared/spreadsheet.ts';

/**
 * The AI system inventory as a spreadsheet: the columns of the CSV/XLSX import and export, how a
 * cell becomes a field (and back), and formula-injection escaping. No database here.
 */

type FieldKey = keyof AiSystemFields;

interface Column {
  header: string;
  field?: FieldKey;
  kind: 'text' | 'list' | 'flag' | 'date';
  /** Only exported: importing ignores it (a classification comes from the questionnaire). */
  exportOnly?: boolean;
  read?: (s: AiSystem) => string;
}

/** Column order of exports; imports accept these headers in any order and case (also camelCase or with spaces). */
export const systemColumns: Column[] = [
  { header: 'ref', field: 'ref', kind: 'text' },
  { header: 'name', field: 'name', kind: 'text' },
  { header: 'purpose', field: 'purpose', kind: 'text' },
  { header: 'intended_use', field: 'intendedUse', kind: 'text' },
  { header: 'foreseeable_misuse', field: 'foreseeableMisuse', kind: 'text' },
  { header: 'iso_roles', field: 'isoRoles', kind: 'list' },
  { header: 'eu_roles', field: 'euRoles', kind: 'list' },
  { header: 'stage', field: 'stage', kind: 'text' },
  { header: 'owner', field: 'owner', kind: 'text' },
  { header: 'business_unit', field: 'businessUnit', kind: 'text' },
  { header: 'users', field: 'users', kind: 'text' },
  { header: 'affected_persons', field: 'affectedPersons', kind: 'text' },
  { header: 'automation', field: 'automation', kind: 'text' },
  { header: 'human_oversight', field: 'humanOversight', kind: 'text' },
  { header: 'deployment_context', field: 'deploymentContext', kind: 'text' },
  { header: 'jurisdictions', field: 'jurisdictions', kind: 'list' },
  { header: 'in_scope', field: 'inScope', kind: 'flag' },
  { header: 'scope_reason', field: 'scopeReason', kind: 'text' },
  { header: 'review_due', field: 'reviewDue', kind: 'date' },
  { header: 'risk_class', kind: 'text', exportOnly: true, read: (s) => s.riskClass ?? '' },
  { header: 'classified_at', kind: 'text', exportOnly: true, read: (s) => s.classifiedAt ?? '' },
];

const byNormalizedHeader = new Map(systemColumns.map((c) => [normalizeHeader(c.header), c]));

export function formatCell(column: Column, system: AiSystem): string {
  if (column.read) return column.read(system);
  const value = system[column.field as keyof AiSystem];
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined) return '';
  return String(value);
}

export function formatRow(system: AiSystem): string[] {
  return systemColumns.map((c) => escapeCell(formatCell(c, system)));
}

export interface ParsedRow {
  row: number;
  fields: AiSystemFields | null;
  /** the ref as written, when the row has one */
  ref: string | null;
  name: string;
  issues: ImportIssue[];
}

const YES = new Set(['yes', 'y', 'true', '1', 'in', 'in scope']);
const NO = new Set(['no', 'n', 'false', '0', 'out', 'out of scope']);

/**
 * Turns every row of a sheet into validated AI system fields, or the problems that stop it —
 * each naming the spreadsheet row and the column header. Header problems are row 1.
 */
export function parseSystemRows(sheet: Sheet): { rows: ParsedRow[]; headerIssues: ImportIssue[] } {
  const headerIssues: ImportIssue[] = [];
  const columns: (Column | null)[] = sheet.headers.map((h) => {
    if (h.trim() === '') return null;
    const column = byNormalizedHeader.get(normalizeHeader(h));
    if (!column) {
      headerIssues.push({
        row: 1,
        column: h,
        message: `unknown column "${h}"; known columns: ${systemColumns.map((c) => c.header).join(', ')}`,
      });
      return null;
    }
    return column;
  });
  const seen = new Set<string>();
  for (const column of columns) {
    if (!column) continue;
    if (seen.has(column.header)) headerIssues.push({ row: 1, column: column.header, message: 'the column appears twice' });
    seen.add(column.header);
  }
  if (!seen.has('name')) headerIssues.push({ row: 1, column: 'name', message: 'the "name" column is required' });

  const refsSeen = new Map<string, number>();
  const rows = sheet.rows.map(({ row, cells }): ParsedRow => {
    const issues: ImportIssue[] = [];
    const input: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      if (!column?.field || column.exportOnly) return;
      const raw = unescapeCell((cells[i] ?? '').trim());
      if (raw === '') return; // empty cell: the field's default
      switch (column.kind) {
        case 'text':
          input[column.field] = raw;
          break;
        case 'list': {
          const items = raw
            .split(/[;,\n]/)
            .map((s) => s.trim())
            .filter(Boolean);
          input[column.field] = column.field === 'jurisdictions' ? items.map((s) => s.toUpperCase()) : items.map((s) => s.toLowerCase());
          break;
        }
        case 'flag': {
          const v = raw.toLowerCase();
          if (YES.has(v)) input[column.field] = true;
          else if (NO.has(v)) input[column.field] = false;
          else issues.push({ row, column: column.header, message: `"${raw}" is not yes or no` });
          break;
        }
        case 'date': {
          const match = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(raw);
          if (match) input[column.field] = match[1];
          else issues.push({ row, column: column.header, message: `"${raw}" is not a date in the form YYYY-MM-DD` });
          break;
        }
      }
    });
    const ref = typeof input.ref === 'string' ? input.ref : null;
    const name = typeof input.name === 'string' ? input.name : '';
    if (ref !== null) {
      const first = refsSeen.get(ref);
      if (first !== undefined) issues.push({ row, column: 'ref', message: `ref ${ref} is also on row ${first}` });
      else refsSeen.set(ref, row);
    }
    const parsed = AiSystemInputSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        const column = systemColumns.find((c) => c.field === field);
        const header = column?.header ?? (field === undefined ? null : String(field));
        const already = issues.some((i) => i.column === header);
        if (!already)
          issues.push({
            row,
            column: header,
            message: input[String(field)] === undefined ? 'required: this column may not be empty' : issue.message,
          });
      }
      return { row, fields: null, ref, name, issues };
    }
    if (!parsed.data.inScope && parsed.data.scopeReason === '') {
      issues.push({ row, column: 'scope_reason', message: 'say why the system is outside the AIMS scope' });
    }
    return { row, fields: issues.length ? null : parsed.data, ref, name, issues };
  });
  return { rows, headerIssues };
}

/** The inventory as CSV, streamed page by page from `pages`. */
export function csvStream(pages: AsyncIterable<AiSystem[]>): Readable {
  return Readable.from(
    (async function* () {
      yield '\uFEFF' + stringifyCsv([systemColumns.map((c) => c.header)]);
      for await (const page of pages) {
        if (page.length) yield stringifyCsv(page.map(formatRow));
      }
    })(),
  );
}

/** The inventory as an XLSX workbook (one sheet, a header row, frozen and filterable). */
export async function xlsxBuffer(pages: AsyncIterable<AiSystem[]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Trellis';
  const sheet = workbook.addWorksheet('AI systems', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = systemColumns.map((c) => ({ header: c.header, key: c.header, width: c.kind === 'text' ? 28 : 18 }));
  sheet.getRow(1).font = { bold: true };
  for await (const page of pages) {
    for (const system of page) sheet.addRow(formatRow(system));
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: systemColumns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
