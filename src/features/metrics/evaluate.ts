import { AppError } from '../../domain/errors.ts';
import { computeFairness, type ConfusionCounts, type FairnessCell, type FairnessReport } from './fairness.ts';
import { canonicalPositive, confusionCells, type RawCell } from './labels.ts';
import {
  classificationMetrics,
  regressionMetrics,
  rocAucFromRankSum,
  type ClassificationMetrics,
  type RegressionMetrics,
} from './performance.ts';
import {
  quoteIdent,
  quoteText,
  requireColumns,
  toNumber,
  type QueryProgress,
  type SourceColumn,
  type TabularSource,
} from './tabular-source.ts';

/**
 * The evaluations a user runs: each turns a source (file or PostgreSQL query) into
 * a report with Fairlearn's / scikit-learn's metric names, by aggregation queries
 * that run inside the engine holding the data.
 */

export interface FairnessRequest {
  label: string;
  prediction: string;
  sensitive: string[];
  intersect?: boolean | undefined;
  positive?: string | undefined;
  score?: string | undefined;
  minGroupSize?: number | undefined;
  /** A sensitive column with more distinct values than this is refused (default 1,000). */
  maxGroups?: number | undefined;
}

export interface GroupPerformance extends ClassificationMetrics {
  group: Record<string, string>;
}

export interface FairnessResult extends FairnessReport {
  metric: 'fairness';
  columns: { label: string; prediction: string; sensitive: string[]; score: string | null };
  positive_label: string;
  label_values: string[];
  rows: number;
  performance: {
    overall: ClassificationMetrics;
    by_feature: Record<string, GroupPerformance[]>;
  };
}

export interface PerformanceRequest {
  label: string;
  prediction: string;
  score?: string | undefined;
  positive?: string | undefined;
  /** Optional groups to break the metrics down by. */
  sensitive?: string[] | undefined;
  /** `classification` (default when labels are 0/1 or a positive class is given) or `regression`. */
  task?: 'classification' | 'regression' | undefined;
}

export type PerformanceResult =
  | {
      metric: 'performance';
      task: 'classification';
      columns: { label: string; prediction: string; score: string | null };
      positive_label: string;
      rows: number;
      overall: ClassificationMetrics;
      by_feature: Record<string, GroupPerformance[]>;
      warnings: string[];
    }
  | {
      metric: 'performance';
      task: 'regression';
      columns: { label: string; prediction: string };
      rows: number;
      overall: RegressionMetrics;
      warnings: string[];
    };

type Progress = ((p: QueryProgress) => void) | undefined;

const MAX_CELLS = 200_000;

function cast(source: TabularSource, expression: string, type: 'text' | 'double'): string {
  if (type === 'text') return `CAST(${expression} AS ${source.dialect === 'postgres' ? 'TEXT' : 'VARCHAR'})`;
  return `CAST(${expression} AS ${source.dialect === 'postgres' ? 'DOUBLE PRECISION' : 'DOUBLE'})`;
}

/**
 * One scan: rows grouped by every sensitive column, label and prediction, and (with a score
 * column) how many rows of each cell have no score.
 */
async function rawCells(
  source: TabularSource,
  request: FairnessRequest,
  onProgress: Progress,
): Promise<{ cells: RawCell[]; missingScores: number }> {
  const keys = request.sensitive.map((c, i) => `${quoteIdent(c)} AS k${i}`);
  const groupBy = [...request.sensitive.map(quoteIdent), quoteIdent(request.label), quoteIdent(request.prediction)];
  const noScore = request.score ? `SUM(CASE WHEN ${quoteIdent(request.score)} IS NULL THEN 1 ELSE 0 END)` : '0';
  const inner = `SELECT ${[...keys, `${quoteIdent(request.label)} AS y`, `${quoteIdent(request.prediction)} AS p`, 'COUNT(*) AS n', `${noScore} AS no_score`].join(', ')} FROM ${source.relation} GROUP BY ${groupBy.join(', ')}`;
  const outer = `SELECT ${[...request.sensitive.map((_, i) => cast(source, `k${i}`, 'text')), 'y', 'p', 'n', 'no_score'].join(', ')} FROM (${inner}) AS cells LIMIT ${MAX_CELLS + 1}`;
  const rows = await source.query(outer, onProgress);
  const k = request.sensitive.length;
  const maxGroups = request.maxGroups ?? 1000;
  const distinct = request.sensitive.map(() => new Set<string | null>());
  for (const row of rows) for (let i = 0; i < k; i += 1) distinct[i]?.add(row[i] as string | null);
  const tooMany = request.sensitive.filter((_, i) => (distinct[i]?.size ?? 0) > maxGroups);
  if (rows.length > MAX_CELLS || tooMany.length > 0) {
    const counted = await source.query(
      `SELECT ${request.sensitive.map((c) => `COUNT(DISTINCT ${quoteIdent(c)})`).join(', ')} FROM ${source.relation}`,
    );
    const sizes = (counted[0] ?? []).map(toNumber);
    const offenders = request.sensitive.filter((_, i) => (sizes[i] ?? 0) > maxGroups);
    throw new AppError(
      'validation_failed',
      offenders.length > 0
        ? `${offenders.map((c) => `"${c}" has ${sizes[request.sensitive.indexOf(c)]} distinct values`).join('; ')}: a sensitive feature may have at most ${maxGroups} groups (is it an identifier or a continuous column? bin it first, or raise --max-groups)`
        : `the sensitive features, label and prediction form more than ${MAX_CELLS} combinations; is the prediction a score? pass scores with --score and a 0/1 prediction`,
      {
        issues: (offenders.length > 0 ? offenders : request.sensitive).map((c) => ({
          path: 'sensitive',
          message: `"${c}": too many distinct values`,
        })),
      },
    );
  }
  return {
    cells: rows.map((row) => ({
      key: row.slice(0, k).map((v) => (v === null || v === undefined ? null : String(v))),
      label: row[k],
      prediction: row[k + 1],
      count: toNumber(row[k + 2]),
    })),
    missingScores: rows.reduce((sum, row) => sum + toNumber(row[k + 3]), 0),
  };
}

/** SQL predicate "this value is the positive class", matching the column's type. */
function positivePredicate(column: SourceColumn, positive: string): string {
  const ident = quoteIdent(column.name);
  if (column.class === 'boolean') return positive === '1' ? `${ident} = TRUE` : `${ident} = FALSE`;
  if (column.class === 'number') {
    const n = Number(positive);
    return Number.isFinite(n) ? `${ident} = ${n}` : 'FALSE';
  }
  return `${ident} = ${quoteText(positive)}`;
}

/**
 * ROC AUC overall and per group of each sensitive column, from one scan grouped by
 * (groups, score); the rank sums are exact integers computed by the engine.
 */
async function rocAucs(
  source: TabularSource,
  label: SourceColumn,
  score: string,
  positive: string,
  sensitive: string[],
  onProgress: Progress,
): Promise<{ overall: number | null; byGroup: Map<string, number | null> }> {
  const isPositive = positivePredicate(label, positive);
  const keys = sensitive.map((c, i) => `${quoteIdent(c)} AS k${i}`);
  const base = `SELECT ${[...keys, `${cast(source, quoteIdent(score), 'double')} AS sc`, `SUM(CASE WHEN ${isPositive} THEN 1 ELSE 0 END) AS pos`, `SUM(CASE WHEN ${isPositive} THEN 0 ELSE 1 END) AS neg`].join(', ')} FROM ${source.relation} WHERE ${quoteIdent(score)} IS NOT NULL GROUP BY ${[...sensitive.map(quoteIdent), quoteIdent(score)].join(', ')}`;
  const text = (e: string) => cast(source, e, 'text');
  const parts = [
    `SELECT -1 AS feature, ${text('NULL')} AS g, sc, SUM(pos) AS pos, SUM(neg) AS neg FROM base GROUP BY sc`,
    ...sensitive.map(
      (_, i) =>
        `SELECT ${i} AS feature, ${text(`k${i}`)} AS g, sc, SUM(pos) AS pos, SUM(neg) AS neg FROM base WHERE k${i} IS NOT NULL GROUP BY k${i}, sc`,
    ),
  ];
  const sql = `WITH base AS (${base}), f AS (${parts.join(' UNION ALL ')}),
    w AS (SELECT feature, g, pos, neg, SUM(neg) OVER (PARTITION BY feature, g ORDER BY sc ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS below FROM f)
    SELECT feature, g, SUM(pos * (2 * COALESCE(below, 0) + neg)) AS u2, SUM(pos) AS p, SUM(neg) AS n FROM w GROUP BY feature, g`;
  const rows = await source.query(sql, onProgress);
  let overall: number | null = null;
  const byGroup = new Map<string, number | null>();
  for (const row of rows) {
    const auc = rocAucFromRankSum(toNumber(row[2]), toNumber(row[3]), toNumber(row[4]));
    const feature = toNumber(row[0]);
    if (feature === -1) overall = auc;
    else byGroup.set(JSON.stringify([sensitive[feature], row[1]]), auc);
  }
  return { overall, byGroup };
}

function sumCells(cells: ConfusionCounts[]): ConfusionCounts {
  const total = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const c of cells) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.tn += c.tn;
    total.fn += c.fn;
  }
  return total;
}

function performanceByFeature(
  cells: FairnessCell[],
  sensitive: string[],
  aucs: Map<string, number | null> | undefined,
): Record<string, GroupPerformance[]> {
  const out: Record<string, GroupPerformance[]> = {};
  sensitive.forEach((column, i) => {
    const groups = new Map<string, FairnessCell[]>();
    for (const cell of cells) {
      const value = cell.key[i];
      if (value === null || value === undefined) continue;
      groups.set(value, [...(groups.get(value) ?? []), cell]);
    }
    out[column] = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([value, members]) => ({
        group: { [column]: value },
        ...classificationMetrics(sumCells(members), aucs?.get(JSON.stringify([column, value])) ?? null),
      }));
  });
  return out;
}

function checkSensitive(sensitive: string[]) {
  if (sensitive.length === 0)
    throw new AppError('validation_failed', 'name at least one sensitive feature column', {
      issues: [{ path: 'sensitive', message: 'required' }],
    });
  if (new Set(sensitive).size !== sensitive.length)
    throw new AppError('validation_failed', 'a sensitive feature is named twice', {
      issues: [{ path: 'sensitive', message: 'duplicate column' }],
    });
}

/**
 * The full fairness report (every group's rates, Fairlearn's aggregates, the
 * four-fifths rule) plus performance per group, from one scan of the source
 * (two with a score column, for ROC AUC).
 */
export async function evaluateFairness(source: TabularSource, request: FairnessRequest, onProgress?: Progress): Promise<FairnessResult> {
  checkSensitive(request.sensitive);
  return fairnessOf(source, request, onProgress);
}

async function fairnessOf(source: TabularSource, request: FairnessRequest, onProgress?: Progress): Promise<FairnessResult> {
  const columns = await requireColumns(source, [
    { field: 'label', column: request.label },
    { field: 'prediction', column: request.prediction },
    ...request.sensitive.map((column) => ({ field: 'sensitive', column })),
    ...(request.score ? [{ field: 'score', column: request.score }] : []),
  ]);
  if (request.score && columns.get(request.score)?.class !== 'number')
    throw new AppError(
      'validation_failed',
      `the score column "${request.score}" must be numeric (it is ${columns.get(request.score)?.type})`,
      {
        issues: [{ path: 'score', message: 'not numeric' }],
      },
    );
  const raw = await rawCells(source, request, onProgress);
  const { cells, labelValues } = confusionCells(raw.cells, {
    label: request.label,
    prediction: request.prediction,
    positive: request.positive,
  });
  const positive = request.positive === undefined ? '1' : canonicalPositive(request.positive);
  const report = computeFairness(cells, { sensitive: request.sensitive, intersect: request.intersect, minGroupSize: request.minGroupSize });
  if (request.positive !== undefined && !labelValues.includes(positive))
    report.warnings.unshift(`The positive class "${request.positive}" never occurs in the label or prediction columns.`);
  let aucs: Awaited<ReturnType<typeof rocAucs>> | undefined;
  if (request.score) {
    aucs = await rocAucs(source, columns.get(request.label) as SourceColumn, request.score, positive, request.sensitive, onProgress);
    if (raw.missingScores > 0) report.warnings.push(`${raw.missingScores} row(s) have no score; ROC AUC leaves them out.`);
  }
  return {
    metric: 'fairness',
    columns: { label: request.label, prediction: request.prediction, sensitive: request.sensitive, score: request.score ?? null },
    positive_label: positive,
    label_values: labelValues,
    rows: report.overall.count,
    ...report,
    performance: {
      overall: classificationMetrics(report.overall.confusion, aucs?.overall ?? null),
      by_feature: performanceByFeature(cells, request.sensitive, aucs?.byGroup),
    },
  };
}

/** Classification or regression performance of a model on labelled rows. */
export async function evaluatePerformance(
  source: TabularSource,
  request: PerformanceRequest,
  onProgress?: Progress,
): Promise<PerformanceResult> {
  const sensitive = request.sensitive ?? [];
  const columns = await requireColumns(source, [
    { field: 'label', column: request.label },
    { field: 'prediction', column: request.prediction },
    ...sensitive.map((column) => ({ field: 'sensitive', column })),
    ...(request.score ? [{ field: 'score', column: request.score }] : []),
  ]);
  const task = request.task ?? 'classification';
  if (task === 'regression') {
    for (const field of ['label', 'prediction'] as const) {
      const column = columns.get(request[field]) as SourceColumn;
      if (column.class !== 'number')
        throw new AppError('validation_failed', `regression needs numeric columns; "${column.name}" is ${column.type}`, {
          issues: [{ path: field, message: 'not numeric' }],
        });
    }
    const y = cast(source, quoteIdent(request.label), 'double');
    const p = cast(source, quoteIdent(request.prediction), 'double');
    // One scan: the sums over complete rows and the count of incomplete ones.
    const rows = await source.query(
      `SELECT COUNT(${y} + ${p}), SUM(ABS(${y} - ${p})), SUM((${y} - ${p}) * (${y} - ${p})), VAR_POP(${y}), SUM(CASE WHEN ${y} IS NULL OR ${p} IS NULL THEN 1 ELSE 0 END) FROM ${source.relation}`,
      onProgress,
    );
    const [count, sumAbs, sumSq, variance, skipped] = (rows[0] ?? []).map(toNumber);
    if ((skipped ?? 0) > 0)
      throw new AppError(
        'validation_failed',
        `${skipped} row(s) have an empty label or prediction; scikit-learn refuses missing values, so fill or drop them first.`,
        {
          issues: [{ path: 'label', message: `${skipped} empty value(s)` }],
        },
      );
    if ((count ?? 0) === 0)
      throw new AppError('validation_failed', 'the input has no rows', { issues: [{ path: 'data', message: 'no rows' }] });
    return {
      metric: 'performance',
      task: 'regression',
      columns: { label: request.label, prediction: request.prediction },
      rows: count ?? 0,
      overall: regressionMetrics({
        count: count ?? 0,
        sumAbsError: sumAbs ?? 0,
        sumSquaredError: sumSq ?? 0,
        varianceOfLabels: variance ?? 0,
      }),
      warnings: [],
    };
  }
  if (new Set(sensitive).size !== sensitive.length) checkSensitive(sensitive);
  const fairness = await fairnessOf(
    source,
    { label: request.label, prediction: request.prediction, sensitive, positive: request.positive, score: request.score },
    onProgress,
  );
  if (fairness.rows === 0)
    throw new AppError('validation_failed', 'the input has no rows', { issues: [{ path: 'data', message: 'no rows' }] });
  return {
    metric: 'performance',
    task: 'classification',
    columns: { label: request.label, prediction: request.prediction, score: request.score ?? null },
    positive_label: fairness.positive_label,
    rows: fairness.rows,
    overall: fairness.performance.overall,
    by_feature: fairness.performance.by_feature,
    warnings: fairness.warnings.filter((w) => !w.includes('only one group')),
  };
}
