import { AppError } from '../../domain/errors.ts';
import {
  computeColumnDrift,
  computeDatasetDrift,
  type ColumnDrift,
  type DatasetDrift,
  type Distribution,
  type DriftTestName,
} from './drift-stats.ts';
import { quoteIdent, toNumber, type QueryProgress, type SourceColumn, type TabularSource } from './tabular-source.ts';

/**
 * Data drift between a reference and a current data set, per column, with
 * Evidently's default test per column and its data set verdict. Each column's
 * distribution (distinct value → count) is aggregated inside the engine; only the
 * distributions reach Node.
 */

export interface DriftRequest {
  columns?: string[] | undefined;
  categorical?: string[] | undefined;
  tests?: DriftTestName[] | undefined;
  driftShare?: number | undefined;
  /** A categorical column with more distinct values is refused (default 10,000). */
  maxCategories?: number | undefined;
}

export interface DriftResult {
  metric: 'drift';
  reference: { name: string; rows: number };
  current: { name: string; rows: number };
  rows: number;
  columns: (ColumnDrift & { dropped: { reference: number; current: number } })[];
  dataset: DatasetDrift;
  skipped: { column: string; reason: string }[];
  warnings: string[];
}

type Progress = ((p: QueryProgress) => void) | undefined;

/** Columns per scan: GROUPING() is a bit mask, so a scan covers at most this many columns. */
const COLUMNS_PER_SCAN = 30;

interface ColumnPlan {
  name: string;
  kind: 'num' | 'cat';
  integer: boolean;
}

/** A Float64Array that grows, for values arriving chunk by chunk. */
class GrowingArray {
  data = new Float64Array(1024);
  length = 0;
  push(value: number) {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = value;
    this.length += 1;
  }
  done(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Every column's distribution (distinct value → count) and the row count, in one scan per
 * ${COLUMNS_PER_SCAN} columns: `GROUP BY GROUPING SETS ((a), (b), …, ())`, so a CSV is parsed
 * once and nothing is copied into a table. Values come sorted by the engine; empty and
 * non-finite values are left out here, as Evidently drops them.
 */
async function distributionsOf(
  source: TabularSource,
  plan: ColumnPlan[],
  maxCategories: number,
  onProgress: Progress,
): Promise<{ rows: number; distributions: Map<string, Distribution> }> {
  const distributions = new Map<string, Distribution>();
  let rows = 0;
  for (let offset = 0; offset < plan.length; offset += COLUMNS_PER_SCAN) {
    const batch = plan.slice(offset, offset + COLUMNS_PER_SCAN);
    const k = batch.length;
    const idents = batch.map((c) => quoteIdent(c.name));
    const numberType = source.dialect === 'postgres' ? 'DOUBLE PRECISION' : 'DOUBLE';
    const textType = source.dialect === 'postgres' ? 'TEXT' : 'VARCHAR';
    const selects = batch.map((c, i) => `CAST(${idents[i]} AS ${c.kind === 'num' ? numberType : textType}) AS c${i}`);
    const sql = `SELECT GROUPING(${idents.join(', ')}) AS g, ${selects.join(', ')}, COUNT(*) AS n FROM ${source.relation}
      GROUP BY GROUPING SETS (${[...idents.map((x) => `(${x})`), '()'].join(', ')})
      ORDER BY 1, ${batch.map((_, i) => i + 2).join(', ')}`;
    // GROUPING() sets the bit of each column a row is NOT grouped by; the first column is the highest bit.
    const all = 2 ** k - 1;
    const columnOf = new Map(batch.map((_, i) => [all - 2 ** (k - 1 - i), i]));
    const numbers = batch.map(() => ({ values: new GrowingArray(), counts: new GrowingArray() }));
    const texts = batch.map(() => ({ values: [] as string[], counts: new GrowingArray() }));
    await source.queryChunks(sql, onProgress, (columns, count) => {
      const gs = columns[0] as unknown[];
      const ns = columns[k + 1] as unknown[];
      for (let r = 0; r < count; r += 1) {
        const g = toNumber(gs[r]);
        const n = toNumber(ns[r]);
        if (g === all) {
          rows = n;
          continue;
        }
        const i = columnOf.get(g);
        if (i === undefined) continue;
        const value = (columns[i + 1] as unknown[])[r];
        if (value === null || value === undefined) continue;
        if ((batch[i] as ColumnPlan).kind === 'num') {
          const x = typeof value === 'number' ? value : Number(value);
          if (!Number.isFinite(x)) continue;
          const target = numbers[i] as { values: GrowingArray; counts: GrowingArray };
          target.values.push(x);
          target.counts.push(n);
        } else {
          const target = texts[i] as { values: string[]; counts: GrowingArray };
          target.values.push(String(value));
          target.counts.push(n);
          if (target.values.length > maxCategories)
            throw new AppError(
              'validation_failed',
              `${source.description}: column "${batch[i]?.name}" has more than ${maxCategories} distinct values; as a category it is almost surely an identifier or free text, so leave it out of drift (--columns)`,
              { issues: [{ path: 'columns', message: `"${batch[i]?.name}": too many categories` }] },
            );
        }
      }
    });
    batch.forEach((c, i) => {
      if (c.kind === 'num') {
        const d = numbers[i] as { values: GrowingArray; counts: GrowingArray };
        distributions.set(c.name, { kind: 'num', values: d.values.done(), counts: d.counts.done(), integer: c.integer });
      } else {
        const d = texts[i] as { values: string[]; counts: GrowingArray };
        distributions.set(c.name, { kind: 'cat', values: d.values, counts: d.counts.done() });
      }
    });
  }
  return { rows, distributions };
}

const sum = (counts: Float64Array) => counts.reduce((a, b) => a + b, 0);

export async function evaluateDrift(
  reference: TabularSource,
  current: TabularSource,
  request: DriftRequest = {},
  onProgress?: Progress,
): Promise<DriftResult> {
  const [refColumns, curColumns] = await Promise.all([reference.columns(), current.columns()]);
  const refByName = new Map(refColumns.map((c) => [c.name, c]));
  const curByName = new Map(curColumns.map((c) => [c.name, c]));
  const categorical = new Set(request.categorical ?? []);
  const skipped: DriftResult['skipped'] = [];
  let names: string[];
  if (request.columns && request.columns.length > 0) {
    const missing = request.columns.flatMap((c) => [
      ...(refByName.has(c) ? [] : [`"${c}" is not in the reference (${reference.description})`]),
      ...(curByName.has(c) ? [] : [`"${c}" is not in the current data (${current.description})`]),
    ]);
    if (missing.length > 0)
      throw new AppError('validation_failed', missing.join('; '), { issues: missing.map((m) => ({ path: 'columns', message: m })) });
    names = [...new Set(request.columns)];
  } else {
    names = refColumns.map((c) => c.name).filter((n) => curByName.has(n));
    for (const c of refColumns) if (!curByName.has(c.name)) skipped.push({ column: c.name, reason: 'not in the current data' });
    for (const c of curColumns) if (!refByName.has(c.name)) skipped.push({ column: c.name, reason: 'not in the reference' });
  }
  for (const c of categorical)
    if (!names.includes(c))
      throw new AppError('validation_failed', `categorical column "${c}" is not compared`, {
        issues: [{ path: 'categorical', message: `"${c}"` }],
      });
  const kinds = new Map<string, 'num' | 'cat'>();
  // numpy keeps histogram bins of integer columns at least 1 wide; Evidently's binning follows.
  const isInteger = (c: SourceColumn) => /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|INT\d|INT)$/i.test(c.type);
  const integers = new Set(names.filter((n) => isInteger(refByName.get(n) as SourceColumn) && isInteger(curByName.get(n) as SourceColumn)));
  for (const name of names) {
    const r = refByName.get(name) as SourceColumn;
    const c = curByName.get(name) as SourceColumn;
    if (r.class === 'other' || c.class === 'other') {
      if (request.columns?.includes(name))
        throw new AppError(
          'validation_failed',
          `column "${name}" has type ${r.class === 'other' ? r.type : c.type}, which drift cannot compare`,
          {
            issues: [{ path: 'columns', message: `"${name}": unsupported type` }],
          },
        );
      skipped.push({ column: name, reason: `type ${r.class === 'other' ? r.type : c.type} is not compared` });
      continue;
    }
    const numeric = r.class === 'number' && c.class === 'number' && !categorical.has(name);
    if (!categorical.has(name) && (r.class === 'number') !== (c.class === 'number'))
      throw new AppError(
        'validation_failed',
        `column "${name}" is ${r.type} in the reference but ${c.type} in the current data; make the types match or name it with --categorical`,
        { issues: [{ path: 'columns', message: `"${name}": types differ` }] },
      );
    kinds.set(name, numeric ? 'num' : 'cat');
  }
  const compared = [...kinds.keys()];
  if (compared.length === 0)
    throw new AppError('validation_failed', 'the two data sets share no column that drift can compare', {
      issues: [{ path: 'columns', message: 'none' }],
    });
  const maxCategories = request.maxCategories ?? 10_000;
  const plan = compared.map((name) => ({ name, kind: kinds.get(name) as 'num' | 'cat', integer: integers.has(name) }));
  const half = (base: number) => (p: QueryProgress) => onProgress?.({ percentage: base + Math.max(0, p.percentage) / 2 });
  const refScan = await distributionsOf(reference, plan, maxCategories, half(0));
  const curScan = await distributionsOf(current, plan, maxCategories, half(50));
  const [refRows, curRows] = [refScan.rows, curScan.rows];
  if (refRows === 0 || curRows === 0)
    throw new AppError('validation_failed', `the ${refRows === 0 ? 'reference' : 'current'} data set has no rows`, {
      issues: [{ path: refRows === 0 ? 'reference' : 'current', message: 'no rows' }],
    });
  const columns: DriftResult['columns'] = [];
  const warnings: string[] = [];
  for (const { name, kind } of plan) {
    const ref = refScan.distributions.get(name) as Distribution;
    const cur = curScan.distributions.get(name) as Distribution;
    const dropped = { reference: refRows - sum(ref.counts), current: curRows - sum(cur.counts) };
    if (ref.values.length === 0 || cur.values.length === 0) {
      skipped.push({
        column: name,
        reason: `no values in the ${ref.values.length === 0 ? 'reference' : 'current data'} once empty and non-finite values are left out`,
      });
      continue;
    }
    if (dropped.reference > 0 || dropped.current > 0)
      warnings.push(
        `"${name}": ${dropped.reference} reference and ${dropped.current} current row(s) have no value${kind === 'num' ? ' (or a non-finite one)' : ''} and are left out, as Evidently does.`,
      );
    columns.push({ ...computeColumnDrift({ column: name, reference: ref, current: cur }, { tests: request.tests }), dropped });
  }
  onProgress?.({ percentage: 100 });
  return {
    metric: 'drift',
    reference: { name: reference.description, rows: refRows },
    current: { name: current.description, rows: curRows },
    rows: refRows + curRows,
    columns,
    dataset: computeDatasetDrift(columns, request.driftShare ?? 0.5),
    skipped,
    warnings,
  };
}
