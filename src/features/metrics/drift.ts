import { AppError } from '../../domain/errors.ts';
import {
  computeColumnDrift,
  computeDatasetDrift,
  type CategoricalDistribution,
  type ColumnDrift,
  type DatasetDrift,
  type DriftTestName,
  type NumericDistribution,
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

function finiteFilter(source: TabularSource, ident: string): string {
  return source.dialect === 'postgres'
    ? `${ident} IS NOT NULL AND CAST(${ident} AS DOUBLE PRECISION) NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)`
    : `${ident} IS NOT NULL AND isfinite(CAST(${ident} AS DOUBLE))`;
}

async function numericDistribution(
  source: TabularSource,
  column: string,
  integer: boolean,
  onProgress: Progress,
): Promise<NumericDistribution> {
  const ident = quoteIdent(column);
  const type = source.dialect === 'postgres' ? 'DOUBLE PRECISION' : 'DOUBLE';
  const { values, counts } = await source.queryNumberCounts(
    `SELECT CAST(${ident} AS ${type}) AS v, COUNT(*) AS n FROM ${source.relation} WHERE ${finiteFilter(source, ident)} GROUP BY 1 ORDER BY 1`,
    onProgress,
  );
  return { kind: 'num', values, counts, integer };
}

async function categoricalDistribution(source: TabularSource, column: string, limit: number): Promise<CategoricalDistribution> {
  const ident = quoteIdent(column);
  const type = source.dialect === 'postgres' ? 'TEXT' : 'VARCHAR';
  const rows = await source.query(
    `SELECT CAST(${ident} AS ${type}) AS v, COUNT(*) AS n FROM ${source.relation} WHERE ${ident} IS NOT NULL GROUP BY 1 LIMIT ${limit + 1}`,
  );
  if (rows.length > limit)
    throw new AppError(
      'validation_failed',
      `${source.description}: column "${column}" has more than ${limit} distinct values; as a category it is almost surely an identifier or free text, so leave it out of drift (--columns)`,
      { issues: [{ path: 'columns', message: `"${column}": too many categories` }] },
    );
  return { kind: 'cat', values: rows.map((r) => String(r[0])), counts: Float64Array.from(rows.map((r) => toNumber(r[1]))) };
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
  // A CSV is parsed once, however many columns follow.
  if (compared.length > 1) await Promise.all([reference.materialize(compared), current.materialize(compared)]);
  const countRows = async (s: TabularSource) => toNumber((await s.query(`SELECT COUNT(*) FROM ${s.relation}`))[0]?.[0]);
  const [refRows, curRows] = [await countRows(reference), await countRows(current)];
  if (refRows === 0 || curRows === 0)
    throw new AppError('validation_failed', `the ${refRows === 0 ? 'reference' : 'current'} data set has no rows`, {
      issues: [{ path: refRows === 0 ? 'reference' : 'current', message: 'no rows' }],
    });
  const maxCategories = request.maxCategories ?? 10_000;
  const columns: DriftResult['columns'] = [];
  const warnings: string[] = [];
  let done = 0;
  for (const name of compared) {
    const kind = kinds.get(name) as 'num' | 'cat';
    const step = (p: QueryProgress) => onProgress?.({ percentage: ((done + Math.max(0, p.percentage) / 100) / compared.length) * 100 });
    const [ref, cur] =
      kind === 'num'
        ? [
            await numericDistribution(reference, name, integers.has(name), step),
            await numericDistribution(current, name, integers.has(name), step),
          ]
        : [await categoricalDistribution(reference, name, maxCategories), await categoricalDistribution(current, name, maxCategories)];
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
    done += 1;
    onProgress?.({ percentage: (done / compared.length) * 100 });
  }
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
