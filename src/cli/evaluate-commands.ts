import type { Command } from 'commander';
import type { EvaluationSpec, InputFingerprint } from '../domain/schemas/metrics.schemas.ts';
import type { DriftResult } from '../features/metrics/drift.ts';
import type { FairnessResult, PerformanceResult } from '../features/metrics/evaluate.ts';
import { runEvaluation, type EvaluationInputs, type EvaluationResult } from '../features/metrics/evaluation.ts';
import type { SourceSpec } from '../features/metrics/tabular-source.ts';
import { orgBase } from './inventory-commands.ts';
import { CliExit, printJson, printTable } from './output.ts';
import { progressReporter } from './progress.ts';

/**
 * `trellis evaluate fairness|performance|drift`: computes technical evidence on this
 * machine from a CSV or Parquet file or a PostgreSQL query (the rows never leave it),
 * prints it, and with `--system` keeps the result in Trellis as a monitoring run.
 */

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const fmt = (v: number | null | undefined, digits = 4) =>
  v === null || v === undefined
    ? 'n/a'
    : Number.isInteger(v)
      ? String(v)
      : Math.abs(v) < 10 ** -digits
        ? v.toExponential(2)
        : v.toFixed(digits);

interface SourceOptions {
  postgres?: string;
  query?: string;
}

/**
 * The input named on the command line: a file (`--data`, `--reference`, `--current`) or, with
 * `--postgres`, the SQL of its query flag (`--query`, `--reference-query`, `--current-query`).
 */
function sourceOf(
  postgres: string | undefined,
  file: { flag: string; value: string | undefined },
  query: { flag: string; value: string | undefined },
): SourceSpec {
  if (postgres) {
    if (!query.value) throw new CliExit(`--postgres needs ${query.flag} SQL`, 2);
    if (file.value) throw new CliExit(`give either ${file.flag} or --postgres, not both`, 2);
    return { kind: 'postgres', url: postgres, query: query.value };
  }
  if (!file.value) throw new CliExit(`${file.flag} FILE is required (a CSV or Parquet file), or --postgres URL with ${query.flag} SQL`, 2);
  return { kind: 'file', path: file.value };
}

async function evaluateWithProgress(spec: EvaluationSpec, inputs: EvaluationInputs) {
  const progress = progressReporter('evaluating', '%', 100);
  try {
    return await runEvaluation(spec, inputs, { onProgress: (p) => progress.update(Math.max(0, Math.round(p.percentage))) });
  } finally {
    progress.stop();
  }
}

async function keepRun(
  command: Command,
  system: string | undefined,
  plan: string | undefined,
  spec: EvaluationSpec,
  run: { result: EvaluationResult; inputs: InputFingerprint[] },
) {
  if (!system && !plan) return null;
  const { client, base } = await orgBase(command);
  return client.request<{ ref: string; status: string; evidence?: { ref?: string } | null }>('POST', `${base}/monitoring/runs`, {
    systemId: system,
    planId: plan,
    spec,
    result: run.result,
    inputs: run.inputs,
    source: 'cli',
  });
}

function printFairness(r: FairnessResult) {
  const o = r.overall;
  process.stdout.write(
    `Fairness of "${r.columns.prediction}" against "${r.columns.label}" (positive class ${r.positive_label}), ${r.rows} rows\n` +
      `overall: selection rate ${fmt(o.selection_rate)}, TPR ${fmt(o.true_positive_rate)}, FPR ${fmt(o.false_positive_rate)}, accuracy ${fmt(o.accuracy)}, precision ${fmt(o.precision)}\n`,
  );
  for (const [name, feature] of Object.entries(r.features)) {
    process.stdout.write(
      `\n${name} (${feature.n_groups} groups${feature.rows_excluded_missing_sensitive ? `, ${feature.rows_excluded_missing_sensitive} rows without a value` : ''})\n`,
    );
    printTable(
      feature.by_group.map((g) => ({
        group: Object.values(g.group).join(' | '),
        count: g.count,
        selection: fmt(g.selection_rate),
        TPR: fmt(g.true_positive_rate),
        FPR: fmt(g.false_positive_rate),
        TNR: fmt(g.true_negative_rate),
        FNR: fmt(g.false_negative_rate),
        precision: fmt(g.precision),
        accuracy: fmt(g.accuracy),
        '4/5 rule': g.four_fifths.ratio === null ? 'n/a' : `${fmt(g.four_fifths.ratio, 3)} ${g.four_fifths.passes ? 'pass' : 'FAIL'}`,
        flags: [
          ...(g.small_group && !g.empty ? ['small'] : []),
          ...(g.empty ? ['empty'] : []),
          ...g.undefined_rates.filter(() => !g.empty).map((x) => `${x.replace(/_rate$/, '')}=0/0`),
        ].join(' '),
      })),
      ['group', 'count', 'selection', 'TPR', 'FPR', 'TNR', 'FNR', 'precision', 'accuracy', '4/5 rule', 'flags'],
    );
    const a = feature.aggregates;
    printTable(
      [
        {
          metric: 'demographic_parity_difference',
          between_groups: fmt(a.demographic_parity_difference.between_groups),
          to_overall: fmt(a.demographic_parity_difference.to_overall),
        },
        {
          metric: 'demographic_parity_ratio',
          between_groups: fmt(a.demographic_parity_ratio.between_groups),
          to_overall: fmt(a.demographic_parity_ratio.to_overall),
        },
        {
          metric: 'equalized_odds_difference (worst_case)',
          between_groups: fmt(a.equalized_odds_difference.worst_case.between_groups),
          to_overall: fmt(a.equalized_odds_difference.worst_case.to_overall),
        },
        {
          metric: 'equalized_odds_difference (mean)',
          between_groups: fmt(a.equalized_odds_difference.mean.between_groups),
          to_overall: fmt(a.equalized_odds_difference.mean.to_overall),
        },
        {
          metric: 'equalized_odds_ratio (worst_case)',
          between_groups: fmt(a.equalized_odds_ratio.worst_case.between_groups),
          to_overall: fmt(a.equalized_odds_ratio.worst_case.to_overall),
        },
        {
          metric: 'equalized_odds_ratio (mean)',
          between_groups: fmt(a.equalized_odds_ratio.mean.between_groups),
          to_overall: fmt(a.equalized_odds_ratio.mean.to_overall),
        },
        {
          metric: 'equal_opportunity_difference',
          between_groups: fmt(a.equal_opportunity_difference.between_groups),
          to_overall: fmt(a.equal_opportunity_difference.to_overall),
        },
        {
          metric: 'equal_opportunity_ratio',
          between_groups: fmt(a.equal_opportunity_ratio.between_groups),
          to_overall: fmt(a.equal_opportunity_ratio.to_overall),
        },
      ],
      ['metric', 'between_groups', 'to_overall'],
    );
  }
  if (r.warnings.length > 0) process.stdout.write(`\nWarnings:\n${r.warnings.map((w) => `- ${w}`).join('\n')}\n`);
}

function printPerformance(r: PerformanceResult) {
  if (r.task === 'regression') {
    process.stdout.write(`Regression performance of "${r.columns.prediction}" against "${r.columns.label}", ${r.rows} rows\n`);
    printTable([{ MAE: fmt(r.overall.mae), RMSE: fmt(r.overall.rmse), R2: fmt(r.overall.r2) }], ['MAE', 'RMSE', 'R2']);
    return;
  }
  process.stdout.write(
    `Classification performance of "${r.columns.prediction}" against "${r.columns.label}" (positive class ${r.positive_label}), ${r.rows} rows\n`,
  );
  const row = (group: string, m: PerformanceResult['overall'] & { confusion_matrix?: unknown }) => {
    const c = 'confusion_matrix' in m ? (m.confusion_matrix as [[number, number], [number, number]]) : null;
    const metrics = m as { count: number; accuracy: number; precision: number; recall: number; f1: number; roc_auc: number | null };
    return {
      group,
      count: metrics.count,
      accuracy: fmt(metrics.accuracy),
      precision: fmt(metrics.precision),
      recall: fmt(metrics.recall),
      f1: fmt(metrics.f1),
      roc_auc: fmt(metrics.roc_auc),
      'tn fp / fn tp': c ? `${c[0][0]} ${c[0][1]} / ${c[1][0]} ${c[1][1]}` : '',
    };
  };
  const rows = [
    row('overall', r.overall),
    ...Object.values(r.by_feature).flatMap((groups) =>
      groups.map((g) =>
        row(
          Object.entries(g.group)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
          g,
        ),
      ),
    ),
  ];
  printTable(rows, ['group', 'count', 'accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'tn fp / fn tp']);
  if (r.warnings.length > 0) process.stdout.write(`\nWarnings:\n${r.warnings.map((w) => `- ${w}`).join('\n')}\n`);
}

function printDrift(r: DriftResult) {
  process.stdout.write(`Drift of ${r.current.name} (${r.current.rows} rows) against ${r.reference.name} (${r.reference.rows} rows)\n`);
  printTable(
    r.columns.map((c) => ({
      column: c.column,
      type: c.type,
      test: c.default_test.stattest,
      score: fmt(c.default_test.drift_score),
      threshold: c.default_test.threshold,
      drift: c.default_test.drift_detected ? 'DRIFT' : 'no',
      psi: fmt(c.psi),
      js: fmt(c.jensenshannon),
      'ks p': c.ks ? fmt(c.ks.p_value) : '',
      wasserstein: c.wasserstein_norm ? fmt(c.wasserstein_norm.value) : '',
      'chi2 p': c.chisquare ? fmt(c.chisquare.p_value) : '',
    })),
    ['column', 'type', 'test', 'score', 'threshold', 'drift', 'psi', 'js', 'ks p', 'wasserstein', 'chi2 p'],
  );
  const d = r.dataset;
  process.stdout.write(
    `\nData set drift: ${d.dataset_drift ? 'YES' : 'no'} (${d.n_drifted} of ${d.n_columns} columns drifted, share ${fmt(d.share, 3)}, threshold ${d.drift_share})\n`,
  );
  if (r.skipped.length > 0) process.stdout.write(`Not compared: ${r.skipped.map((s) => `${s.column} (${s.reason})`).join('; ')}\n`);
  if (r.warnings.length > 0) process.stdout.write(`\nWarnings:\n${r.warnings.map((w) => `- ${w}`).join('\n')}\n`);
}

interface CommonOptions extends SourceOptions {
  json?: boolean;
  system?: string;
  plan?: string;
}

async function finish(
  command: Command,
  opts: CommonOptions,
  spec: EvaluationSpec,
  run: { result: EvaluationResult; inputs: InputFingerprint[] },
  print: () => void,
) {
  const kept = await keepRun(command, opts.system, opts.plan, spec, run);
  if (opts.json) {
    printJson({ ...run.result, inputs: run.inputs, ...(kept ? { run: kept } : {}) });
    return;
  }
  print();
  process.stdout.write(
    `\nInputs: ${run.inputs.map((i) => `${i.role} ${i.name}${i.sha256 ? ` sha256:${i.sha256}` : ''} (${i.rows} rows)`).join('; ')}\n`,
  );
  if (kept)
    process.stdout.write(
      `Kept as monitoring run ${kept.ref} (${kept.status})${kept.evidence?.ref ? `, evidence ${kept.evidence.ref}` : ''}\n`,
    );
}

export function registerEvaluateCommands(program: Command): void {
  const evaluate = program
    .command('evaluate')
    .description('Compute fairness, performance or drift from your own data (CSV, Parquet or a PostgreSQL query), on this machine');
  const common = (c: Command) =>
    c
      .option('--postgres <url>', 'read from PostgreSQL instead of a file; the aggregation runs inside the database')
      .option('--json', "machine-readable output with Fairlearn's / Evidently's metric names")
      .option('--system <id>', 'keep the result in Trellis as a monitoring run of this AI system (needs --token / TRELLIS_TOKEN)')
      .option('--plan <id>', 'keep the result as a run of this monitoring plan (its thresholds decide pass or breach)');

  common(
    evaluate
      .command('fairness')
      .description('Group fairness of a classifier: per-group rates, Fairlearn aggregates and the four-fifths rule')
      .option('--data <file>', 'CSV or Parquet file with a label, a prediction and sensitive feature columns')
      .option('--query <sql>', 'with --postgres: a SELECT returning those columns')
      .requiredOption('--label <column>', 'the true label column')
      .requiredOption('--prediction <column>', 'the predicted label column')
      .requiredOption('--sensitive <columns>', 'sensitive feature column(s), comma-separated', list)
      .option('--intersect', 'also report the intersection of the sensitive features')
      .option('--positive <value>', 'the positive class when labels are not 0/1 or −1/1')
      .option('--score <column>', 'a score column, for ROC AUC per group')
      .option('--min-group-size <n>', 'flag groups smaller than this (default 30)', (v) => Number(v))
      .option('--max-groups <n>', 'refuse a sensitive column with more distinct values (default 1000)', (v) => Number(v)),
  ).action(
    async (
      opts: CommonOptions & {
        data?: string;
        label: string;
        prediction: string;
        sensitive: string[];
        intersect?: boolean;
        positive?: string;
        score?: string;
        minGroupSize?: number;
        maxGroups?: number;
      },
      command: Command,
    ) => {
      const spec: EvaluationSpec = {
        metric: 'fairness',
        label: opts.label,
        prediction: opts.prediction,
        sensitive: opts.sensitive,
        intersect: opts.intersect ?? false,
        ...(opts.positive !== undefined ? { positive: opts.positive } : {}),
        ...(opts.score !== undefined ? { score: opts.score } : {}),
        ...(opts.minGroupSize !== undefined ? { minGroupSize: opts.minGroupSize } : {}),
        ...(opts.maxGroups !== undefined ? { maxGroups: opts.maxGroups } : {}),
      };
      const run = await evaluateWithProgress(spec, {
        data: sourceOf(opts.postgres, { flag: '--data', value: opts.data }, { flag: '--query', value: opts.query }),
      });
      await finish(command, opts, spec, run, () => printFairness(run.result as FairnessResult));
    },
  );

  common(
    evaluate
      .command('performance')
      .description('Accuracy, precision, recall, F1, ROC AUC and the confusion matrix; or MAE, RMSE and R² with --regression')
      .option('--data <file>', 'CSV or Parquet file')
      .option('--query <sql>', 'with --postgres: a SELECT returning the columns')
      .requiredOption('--label <column>', 'the true label (or target) column')
      .requiredOption('--prediction <column>', 'the prediction column')
      .option('--score <column>', 'a score column, for ROC AUC')
      .option('--positive <value>', 'the positive class when labels are not 0/1 or −1/1')
      .option('--by <columns>', 'also break the metrics down by these columns', list)
      .option('--regression', 'a regression model: MAE, RMSE and R²'),
  ).action(
    async (
      opts: CommonOptions & {
        data?: string;
        label: string;
        prediction: string;
        score?: string;
        positive?: string;
        by?: string[];
        regression?: boolean;
      },
      command: Command,
    ) => {
      const spec: EvaluationSpec = {
        metric: 'performance',
        task: opts.regression ? 'regression' : 'classification',
        label: opts.label,
        prediction: opts.prediction,
        ...(opts.score !== undefined ? { score: opts.score } : {}),
        ...(opts.positive !== undefined ? { positive: opts.positive } : {}),
        sensitive: opts.by ?? [],
      };
      const run = await evaluateWithProgress(spec, {
        data: sourceOf(opts.postgres, { flag: '--data', value: opts.data }, { flag: '--query', value: opts.query }),
      });
      await finish(command, opts, spec, run, () => printPerformance(run.result as PerformanceResult));
    },
  );

  common(
    evaluate
      .command('drift')
      .description("Data drift per column between a reference and a current data set, with Evidently's default tests")
      .option('--reference <file>', 'the reference data set (CSV or Parquet)')
      .option('--current <file>', 'the current data set (CSV or Parquet)')
      .option('--reference-query <sql>', 'with --postgres: the reference rows')
      .option('--current-query <sql>', 'with --postgres: the current rows')
      .option('--columns <columns>', 'compare only these columns', list)
      .option('--categorical <columns>', 'treat these numeric columns as categories', list)
      .option('--drift-share <share>', 'share of drifted columns that makes the data set drifted (default 0.5)', (v) => Number(v)),
  ).action(
    async (
      opts: CommonOptions & {
        reference?: string;
        current?: string;
        referenceQuery?: string;
        currentQuery?: string;
        columns?: string[];
        categorical?: string[];
        driftShare?: number;
      },
      command: Command,
    ) => {
      const spec: EvaluationSpec = {
        metric: 'drift',
        ...(opts.columns ? { columns: opts.columns } : {}),
        categorical: opts.categorical ?? [],
        ...(opts.driftShare !== undefined ? { driftShare: opts.driftShare } : {}),
      };
      const run = await evaluateWithProgress(spec, {
        reference: sourceOf(
          opts.postgres,
          { flag: '--reference', value: opts.reference },
          { flag: '--reference-query', value: opts.referenceQuery },
        ),
        current: sourceOf(opts.postgres, { flag: '--current', value: opts.current }, { flag: '--current-query', value: opts.currentQuery }),
      });
      await finish(command, opts, spec, run, () => printDrift(run.result as DriftResult));
    },
  );
}
