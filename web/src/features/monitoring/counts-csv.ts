/**
 * Confusion counts as a small table, read in the browser: one row per combination of the plan's
 * sensitive values, then `tp`, `fp`, `tn`, `fn`. The rows of personal data stay in the team's
 * pipeline; only these counts are posted (`POST …/plans/:id/runs/counts`).
 */

/** The four counts of a row, in the order the header lists them. */
export const countColumns = ['tp', 'fp', 'tn', 'fn'] as const;
export type CountColumn = (typeof countColumns)[number];

/** The server takes at most this many cells. */
export const MAX_COUNT_ROWS = 100_000;
/** Longest sensitive value the server takes. */
export const MAX_VALUE_LENGTH = 500;
/** Problems listed at most; the rest are counted. */
const MAX_PROBLEMS = 10;

export interface CountsCell {
  group: Record<string, string | null>;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** The JSON body of a counts run. */
export interface CountsBody {
  sensitive: string[];
  intersect?: boolean;
  minGroupSize?: number;
  cells: CountsCell[];
}

/** What a plan's spec says about the counts it takes. */
export interface CountsSpec {
  sensitive: string[];
  intersect?: boolean | undefined;
  minGroupSize?: number | undefined;
}

/** One problem, at a line (1-based, as an editor counts them) and a column when known. */
export interface CountsProblem {
  line: number | null;
  column: string | null;
  message: string;
}

export type CountsParse =
  | {
      ok: true;
      body: CountsBody;
      /** The line each cell came from (cells[i] ← lines[i]), to place the server's complaints; null for JSON. */
      lines: number[] | null;
    }
  | { ok: false; problems: CountsProblem[]; more: number };

/** One record of a CSV text: its fields, and the line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`Line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

/**
 * Splits CSV text into records (RFC 4180): fields separated by commas, records by CRLF, LF or
 * CR; a field in double quotes may hold commas, line breaks and doubled quotes (`""` for `"`).
 * A leading byte-order mark is dropped; empty lines are skipped. Stops after `maxRecords`.
 * @throws CsvSyntaxError for a quote left open, or a quote in the middle of a field.
 */
export function parseCsv(text: string, maxRecords = Infinity): CsvRecord[] {
  const records: CsvRecord[] = [];
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let i = 0;
  let line = 1;
  const n = s.length;
  while (i < n && records.length < maxRecords) {
    const start = line;
    const fields: string[] = [];
    // One record.
    for (;;) {
      let field = '';
      if (s[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(opened, 'a quoted value is never closed (a " is missing)');
          const c = s[i];
          if (c === '"') {
            if (s[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\r' && s[i + 1] === '\n') {
            field += '\r\n';
            i += 2;
            line++;
            continue;
          }
          if (c === '\r' || c === '\n') line++;
          field += c;
          i++;
        }
        if (i < n && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r')
          throw new CsvSyntaxError(line, 'text after a closing quote; a quote inside a value is written twice ("")');
      } else {
        const from = i;
        while (i < n && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') {
          if (s[i] === '"')
            throw new CsvSyntaxError(line, 'a quote inside an unquoted value; put the value in quotes and write the quote twice ("")');
          i++;
        }
        field = s.slice(from, i);
      }
      fields.push(field);
      if (i < n && s[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    // The end of the record: a line break, or the end of the text.
    if (s[i] === '\r') i++;
    if (s[i] === '\n') i++;
    line++;
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return records;
}

/** One CSV line (no line break): values with a comma, a quote or a line break are quoted. */
export function csvLine(values: readonly string[]): string {
  return values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',');
}

/** The header a counts table has for these sensitive features. */
export function countsHeader(sensitive: readonly string[]): string[] {
  return [...sensitive, ...countColumns];
}

/** A CSV with just the header, to fill in. */
export function countsTemplate(sensitive: readonly string[]): string {
  return `${csvLine(countsHeader(sensitive))}\r\n`;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

class Problems {
  readonly list: CountsProblem[] = [];
  more = 0;
  add(line: number | null, column: string | null, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ line, column, message });
    else this.more++;
  }
}

/**
 * Reads a counts table in CSV: the header must name every sensitive feature of the plan and
 * `tp`, `fp`, `tn`, `fn` (in any order, nothing else); each row one combination of values, an
 * empty value meaning missing (null), and four non-negative whole numbers. Names and values are
 * trimmed of surrounding spaces. Problems name the line and the column.
 */
export function parseCountsCsv(text: string, spec: CountsSpec): CountsParse {
  const problems = new Problems();
  const fail = (line: number | null, column: string | null, message: string): CountsParse => {
    problems.add(line, column, message);
    return { ok: false, problems: problems.list, more: problems.more };
  };
  let records: CsvRecord[];
  try {
    // One more than allowed, to tell "too many" from "just enough" without reading the rest.
    records = parseCsv(text, MAX_COUNT_ROWS + 2);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return fail(error.line, null, error.message.replace(/^Line \d+: /, ''));
    throw error;
  }
  const header = records[0];
  if (!header) return fail(null, null, 'The table is empty: it needs a header line and one line per combination of values.');
  if (records.length > MAX_COUNT_ROWS + 1)
    return fail(
      null,
      null,
      `More than ${MAX_COUNT_ROWS.toLocaleString('en-US')} rows: counts need one row per combination of values, not one per prediction.`,
    );

  // The header.
  const names = header.fields.map((f) => f.trim());
  const expected = countsHeader(spec.sensitive);
  const position = new Map<string, number>();
  names.forEach((name, i) => {
    const key = (countColumns as readonly string[]).includes(name.toLowerCase()) ? name.toLowerCase() : name;
    if (name === '') problems.add(header.line, null, `column ${i + 1} of the header has no name`);
    else if (position.has(key)) problems.add(header.line, name, 'named twice in the header');
    else if (!expected.includes(key))
      problems.add(
        header.line,
        name,
        `not a sensitive feature of this plan (it reads ${quoteList(spec.sensitive)}); remove the column, or add the feature to the plan`,
      );
    else position.set(key, i);
  });
  const missing = expected.filter((name) => !position.has(name));
  if (missing.length > 0)
    problems.add(
      header.line,
      null,
      `the header has no ${missing.length === 1 ? 'column' : 'columns'} ${quoteList(missing)}; it should be: ${csvLine(expected)}`,
    );
  if (problems.list.length > 0) return { ok: false, problems: problems.list, more: problems.more };

  // The rows.
  const cells: CountsCell[] = [];
  const lines: number[] = [];
  const seen = new Map<string, number>();
  for (const record of records.slice(1)) {
    if (record.fields.length !== names.length) {
      problems.add(
        record.line,
        null,
        `${record.fields.length} ${record.fields.length === 1 ? 'value' : 'values'}, but the header has ${names.length} columns`,
      );
      continue;
    }
    const group: Record<string, string | null> = {};
    let bad = false;
    for (const name of spec.sensitive) {
      const raw = record.fields[position.get(name) ?? -1] ?? '';
      const value = raw.trim();
      if (value.length > MAX_VALUE_LENGTH) {
        problems.add(record.line, name, `the value is ${value.length} characters long; at most ${MAX_VALUE_LENGTH}`);
        bad = true;
      }
      group[name] = value === '' ? null : value;
    }
    const counts: Partial<Record<CountColumn, number>> = {};
    for (const name of countColumns) {
      const raw = (record.fields[position.get(name) ?? -1] ?? '').trim();
      if (raw === '') {
        problems.add(record.line, name, 'no count; write 0 when there is none');
        bad = true;
      } else if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
        problems.add(record.line, name, `"${raw}" is not a count: a whole number, 0 or more, is expected`);
        bad = true;
      } else counts[name] = Number(raw);
    }
    if (bad) continue;
    const key = JSON.stringify(spec.sensitive.map((s) => group[s]));
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const combination = spec.sensitive.map((s) => `${s} = ${group[s] ?? '(missing)'}`).join(', ');
      problems.add(record.line, null, `${combination} is already on line ${earlier}: one row per combination (add their counts together)`);
      continue;
    }
    seen.set(key, record.line);
    cells.push({ group, tp: counts.tp ?? 0, fp: counts.fp ?? 0, tn: counts.tn ?? 0, fn: counts.fn ?? 0 });
    lines.push(record.line);
  }
  if (problems.list.length > 0) return { ok: false, problems: problems.list, more: problems.more };
  if (cells.length === 0) return fail(null, null, 'The table has a header but no rows of counts.');
  return { ok: true, body: bodyOf(spec, cells), lines };
}

function bodyOf(spec: CountsSpec, cells: CountsCell[]): CountsBody {
  return {
    sensitive: [...spec.sensitive],
    ...(spec.intersect !== undefined ? { intersect: spec.intersect } : {}),
    ...(spec.minGroupSize !== undefined ? { minGroupSize: spec.minGroupSize } : {}),
    cells,
  };
}

/**
 * Reads counts in JSON, the API's own body: passed through as it is, with the plan's sensitive
 * features, intersection and minimum group size filled in where it leaves them out. The server
 * checks the rest.
 */
export function parseCountsJson(text: string, spec: CountsSpec): CountsParse {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return {
      ok: false,
      problems: [{ line: null, column: null, message: `The JSON could not be read: ${(error as Error).message}` }],
      more: 0,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      ok: false,
      problems: [
        {
          line: null,
          column: null,
          message: 'The JSON must be an object with "cells": [{ "group": {…}, "tp": …, "fp": …, "tn": …, "fn": … }, …]',
        },
      ],
      more: 0,
    };
  const body = { ...(value as Record<string, unknown>) };
  if (!('sensitive' in body)) body.sensitive = [...spec.sensitive];
  if (!('intersect' in body) && spec.intersect !== undefined) body.intersect = spec.intersect;
  if (!('minGroupSize' in body) && spec.minGroupSize !== undefined) body.minGroupSize = spec.minGroupSize;
  return { ok: true, body: body as unknown as CountsBody, lines: null };
}

/** True when the text looks like JSON (its first character, after a BOM and spaces, is `{` or `[`). */
export function looksLikeJson(text: string): boolean {
  return /^\uFEFF?\s*[{[]/.test(text);
}

/** Reads counts in either format: JSON when the file is `.json` or the text starts like JSON, CSV otherwise. */
export function parseCounts(text: string, spec: CountsSpec, fileName?: string): CountsParse {
  const json = fileName ? /\.json$/i.test(fileName) || (!/\.(csv|txt|tsv)$/i.test(fileName) && looksLikeJson(text)) : looksLikeJson(text);
  return json ? parseCountsJson(text, spec) : parseCountsCsv(text, spec);
}

/** A problem in words: "Line 4, column "tp": …". */
export function describeProblem(problem: CountsProblem): string {
  const where = [problem.line !== null ? `Line ${problem.line}` : null, problem.column !== null ? `column "${problem.column}"` : null]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${problem.message}` : problem.message;
}

/**
 * The server's complaint about a field of the body (`cells.3.tp`, after the `body.` prefix),
 * placed in the table that was sent: the CSV line of cell 3, or the cell's index in the JSON.
 */
export function problemOfIssue(path: string, message: string, lines: readonly number[] | null): CountsProblem {
  const cell = /^cells\.(\d+)(?:\.(.+))?$/.exec(path);
  if (cell) {
    const index = Number(cell[1]);
    const field = cell[2] ?? null;
    const column = field === null || field === 'group' ? null : field.replace(/^group\./, '');
    const line = lines?.[index];
    if (line !== undefined) return { line, column, message };
    return { line: null, column: null, message: `cells[${index}]${field ? `.${field}` : ''}: ${message}` };
  }
  const names: Record<string, string> = {
    sensitive: 'Sensitive features',
    intersect: 'Intersection',
    minGroupSize: 'Minimum group size',
    cells: 'The rows of counts',
  };
  const top = path.split('.')[0] ?? '';
  const label = names[top] ?? (path === '' ? '' : `"${path}"`);
  return { line: null, column: null, message: label ? `${label}: ${message}` : message };
}
