import type { Command } from 'commander';
import type { Readiness, ReadinessRule, ReadinessScore } from '../domain/schemas/readiness.schemas.ts';
import { orgBase } from './inventory-commands.ts';
import { CliExit, printJson, printTable } from './output.ts';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function parseDay(value: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new CliExit(`--as-of: "${value}" is not a date (YYYY-MM-DD)`, 2);
  }
  return value;
}

function scoreRows(scores: ReadinessScore[], label: string) {
  return scores.map((s) => ({ [label]: s.id, title: clip(s.title, 40), score: `${s.score}%`, passed: `${s.passed}/${s.total}` }));
}

function printReadiness(r: Readiness): void {
  process.stdout.write(`Certification readiness as of ${r.asOf}: ${r.overall}% (${r.passed} of ${r.total} checks pass)\n\n`);
  printTable(scoreRows(r.clauses, 'clause'), ['clause', 'title', 'score', 'passed']);
  process.stdout.write('\n');
  printTable(scoreRows(r.annexA, 'annex A'), ['annex A', 'title', 'score', 'passed']);
  process.stdout.write(`\n${r.gaps.length} gap${r.gaps.length === 1 ? '' : 's'}, most important first:\n`);
  printTable(
    r.gaps.map((g) => ({
      priority: g.priority,
      requirement: g.requirement,
      title: clip(g.title, 50),
      found: clip(g.detail, 70),
      fix: g.fix.cli ?? g.fix.path,
    })),
    ['priority', 'requirement', 'title', 'found', 'fix'],
  );
}

/** `trellis readiness …`: the certification readiness view (clauses 4–10 and Annex A against live records). */
export function registerReadinessCommands(program: Command): void {
  const readiness = program
    .command('readiness')
    .description('Certification readiness: every clause 4–10 requirement and Annex A control checked against your records');

  readiness
    .command('show', { isDefault: true })
    .description('The figures per clause and Annex A area and the gaps; the default of `trellis readiness`')
    .option('--as-of <date>', 'evaluate for this day (YYYY-MM-DD, today or later, e.g. the audit date)', parseDay)
    .option('--json', 'machine-readable output: { overall, passed, total, asOf, clauses, annexA, checks, gaps }')
    .action(async (opts: { asOf?: string; json?: boolean }, command: Command) => {
      const { client, base } = await orgBase(command);
      const r = await client.get<Readiness>(`${base}/readiness${opts.asOf ? `?asOf=${opts.asOf}` : ''}`);
      if (opts.json) printJson(r);
      else printReadiness(r);
    });

  readiness
    .command('rules')
    .description('The readiness rules: what each checks, when it passes and where it is fixed')
    .option('--json', 'machine-readable output (an array of rules)')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { client, base } = await orgBase(command);
      const rules = await client.get<ReadinessRule[]>(`${base}/readiness/rules`);
      if (opts.json) return printJson(rules);
      printTable(
        rules.map((r) => ({ rule: r.id, priority: r.priority, check: r.check.kind, title: clip(r.title, 60) })),
        ['rule', 'priority', 'check', 'title'],
      );
    });
}
