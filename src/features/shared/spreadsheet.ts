import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../domain/errors.ts';

/**
 * Spreadsheet files at the boundary: reading CSV and XLSX uploads into rows of cell text (with
 * their spreadsheet row numbers, for error messages) and formula-injection escaping for exports.
 * Each importer (AI systems, risks) declares its own columns on top of this.
 */

export type SpreadsheetFormat = 'csv' | 'xlsx';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv';

export function normalizeHeader(header: string): string {
  return header
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Makes a cell safe to open in a spreadsheet: text that would start a formula gets a leading apostrophe. */
export function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Reverses escapeCell, so an exported file imports back unchanged. */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** A sheet read from a file: header names and rows of cell text, with their spreadsheet row numbers. */
export interface Sheet {
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

export const MAX_IMPORT_ROWS = 100_000;

function tooManyRows(): AppError {
  return new AppError('payload_too_large', `an import holds at most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; split the file`);
}

export function readCsv(content: Buffer): Sheet {
  let records: string[][];
  try {
    records = parseCsv(content, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: false }) as string[][];
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    throw new AppError(
      'validation_failed',
      `the CSV file cannot be read${e.lines ? ` (near line ${e.lines})` : ''}: ${e.message ?? 'malformed'}`,
      {
        issues: [{ path: 'body', message: e.message ?? 'malformed CSV' }],
      },
    );
  }
  const [headers, ...data] = records;
  if (!headers)
    throw new AppError('validation_failed', 'the file is empty: the first row must name the columns', {
      issues: [{ path: 'body', message: 'empty file' }],
    });
  if (data.length > MAX_IMPORT_ROWS) throw tooManyRows();
  return { headers, rows: data.map((cells, i) => ({ row: i + 2, cells })) };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

export async function readXlsx(content: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new AppError('validation_failed', 'the file is not a readable XLSX workbook', {
      issues: [{ path: 'body', message: 'not an XLSX workbook' }],
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) {
    throw new AppError('validation_failed', 'the workbook is empty: the first row of the first sheet must name the columns', {
      issues: [{ path: 'body', message: 'empty workbook' }],
    });
  }
  if (sheet.rowCount > MAX_IMPORT_ROWS + 1) throw tooManyRows();
  const width = sheet.columnCount;
  const read = (r: ExcelJS.Row) => Array.from({ length: width }, (_, i) => cellText(r.getCell(i + 1).value));
  const headers = read(sheet.getRow(1));
  const rows: Sheet['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (r, number) => {
    if (number === 1) return;
    const cells = read(r);
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: number, cells });
  });
  return { headers, rows };
}

export async function readSheet(format: SpreadsheetFormat, content: Buffer): Promise<Sheet> {
  if (content.length === 0)
    throw new AppError('validation_failed', 'the file is empty', { issues: [{ path: 'body', message: 'empty file' }] });
  return format === 'csv' ? readCsv(content) : readXlsx(content);
}
