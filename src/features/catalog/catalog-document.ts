import YAML, { LineCounter } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { CrosswalkFileSchema, FrameworkFileSchema, type CrosswalkFile, type FrameworkFile } from '../../domain/schemas/catalog.schemas.ts';

export type CatalogDocument = { type: 'framework'; framework: FrameworkFile } | { type: 'crosswalk'; crosswalk: CrosswalkFile };

/** Where a problem in a catalog file is, and what it is. */
export interface CatalogProblem {
  file: string;
  line: number | null;
  entry: string | null;
  path: string;
  problem: string;
}

export function catalogError(problem: CatalogProblem, more: CatalogProblem[] = []): AppError {
  const where = `${problem.file}${problem.line ? `:${problem.line}` : ''}`;
  const entry = problem.entry ? ` ${problem.entry}` : '';
  const at = problem.path ? ` (${problem.path})` : '';
  return new AppError('validation_failed', `${where}:${entry}${at} ${problem.problem}`, {
    issues: [problem, ...more].map((p) => ({ path: p.path, message: p.problem, line: p.line, entry: p.entry, file: p.file })),
  });
}

function describeEntry(data: unknown, path: (string | number)[]): string | null {
  // Name the entry by its id (e.g. item "A.2.2"), which is what a reviewer searches for.
  if (path.length >= 2 && (path[0] === 'items' || path[0] === 'links') && typeof path[1] === 'number') {
    const list = (data as Record<string, unknown[]> | null)?.[path[0]];
    const entry = Array.isArray(list) ? (list[path[1]] as Record<string, unknown> | undefined) : undefined;
    if (path[0] === 'items') return typeof entry?.id === 'string' ? `item "${entry.id}"` : `item #${path[1] + 1}`;
    return entry ? `link "${String(entry.from)}" → "${String(entry.to)}"` : `link #${path[1] + 1}`;
  }
  return null;
}

/**
 * Parses and validates one catalog file (YAML or JSON) — a framework or a crosswalk —
 * checking its internal references too (unique ids, parents, groups).
 * @throws AppError `validation_failed` naming the file, line, entry and problem.
 */
export function parseCatalogDocument(text: string, file: string): CatalogDocument {
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = err ? lineCounter.linePos(err.pos[0]).line : null;
    throw catalogError({
      file,
      line,
      entry: null,
      path: '',
      problem: `is not valid YAML/JSON: ${err?.message.split('\n')[0] ?? 'parse error'}`,
    });
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const lineOf = (path: (string | number)[]): number | null => {
    for (let n = path.length; n >= 0; n -= 1) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  const isCrosswalk = data !== null && typeof data === 'object' && 'links' in data;
  const schema: z.ZodType = isCrosswalk ? CrosswalkFileSchema : FrameworkFileSchema;
  const result = schema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 20).map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      return {
        file,
        line: lineOf(path),
        entry: describeEntry(data, path),
        path: path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
          .join('')
          .replace(/^\./, ''),
        problem: issue.message,
      };
    });
    const [first, ...rest] = problems;
    if (first) throw catalogError(first, rest);
  }
  if (isCrosswalk) {
    const crosswalk = result.data as CrosswalkFile;
    const seen = new Set<string>();
    crosswalk.links.forEach((link, i) => {
      const key = `${link.from}\u0000${link.to}`;
      if (seen.has(key)) {
        throw catalogError({
          file,
          line: lineOf(['links', i]),
          entry: describeEntry(data, ['links', i]),
          path: `links[${i}]`,
          problem: 'is listed twice',
        });
      }
      seen.add(key);
    });
    return { type: 'crosswalk', crosswalk };
  }
  const framework = result.data as FrameworkFile;
  const ids = new Map<string, number>();
  const groups = new Set(framework.groups.map((g) => g.id));
  framework.items.forEach((item, i) => {
    const at = (field: string, problem: string) =>
      catalogError({ file, line: lineOf(['items', i, field]), entry: `item "${item.id}"`, path: `items[${i}].${field}`, problem });
    if (ids.has(item.id)) throw at('id', `duplicates the id of item #${(ids.get(item.id) ?? 0) + 1}`);
    ids.set(item.id, i);
    if (item.group !== undefined && !groups.has(item.group)) throw at('group', `names group "${item.group}", which is not in groups`);
  });
  framework.items.forEach((item, i) => {
    if (item.parent === undefined) return;
    const problem =
      item.parent === item.id
        ? 'is its own parent'
        : ids.has(item.parent)
          ? null
          : `names parent "${item.parent}", which is not in this framework`;
    if (problem)
      throw catalogError({ file, line: lineOf(['items', i, 'parent']), entry: `item "${item.id}"`, path: `items[${i}].parent`, problem });
  });
  // A parent chain must end: follow each chain at most items.length steps.
  const parentOf = new Map(framework.items.map((it) => [it.id, it.parent]));
  framework.items.forEach((item, i) => {
    let cursor = item.parent;
    for (let steps = 0; cursor !== undefined; steps += 1) {
      if (steps > framework.items.length) {
        throw catalogError({
          file,
          line: lineOf(['items', i, 'parent']),
          entry: `item "${item.id}"`,
          path: `items[${i}].parent`,
          problem: 'is part of a parent cycle',
        });
      }
      cursor = parentOf.get(cursor);
    }
  });
  return { type: 'framework', framework };
}
