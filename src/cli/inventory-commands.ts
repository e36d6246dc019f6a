import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type {
  AiSystem,
  Classification,
  Dataset,
  Model,
  Questionnaire,
  Supplier,
  SystemImportResult,
  SystemList,
} from '../domain/schemas/inventory.schemas.ts';
import { ApiClientError, type ApiClient } from './api-client.ts';
import { apiClientFrom, tokenOrganization } from './api-commands.ts';
import { CliExit, printJson, printTable } from './output.ts';
import { progressReporter } from './progress.ts';

const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function orgBase(command: Command): Promise<{ client: ApiClient; base: string }> {
  const client = apiClientFrom(command);
  const org = await tokenOrganization(client);
  return { client, base: `/api/orgs/${encodeURIComponent(org.slug)}` };
}

export function readInputFile(file: string, maxBytes: number): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CliExit(`cannot read ${file}: no such file`, 2);
  }
  if (!stat.isFile()) throw new CliExit(`${file} is not a file`, 2);
  if (stat.size > maxBytes) throw new CliExit(`${file} is ${(stat.size / 1e6).toFixed(1)} MB; the limit is ${maxBytes / 1e6} MB`, 2);
  return fs.readFileSync(file);
}

interface ListOptions {
  json?: boolean;
  q?: string;
  stage?: string;
  riskClass?: string;
  euRole?: string;
  inScope?: string;
  overdue?: boolean;
  sort?: string;
  order?: string;
  page?: string;
  pageSize?: string;
}

function listQuery(opts: ListOptions): URLSearchParams {
  const params = new URLSearchParams();
  if (opts.q) params.set('q', opts.q);
  for (const stage of opts.stage?.split(',') ?? []) if (stage) params.append('stage', stage.trim());
  for (const c of opts.riskClass?.split(',') ?? []) if (c) params.append('riskClass', c.trim());
  if (opts.euRole) params.set('euRole', opts.euRole);
  if (opts.inScope) params.set('inScope', opts.inScope);
  if (opts.overdue) params.set('reviewOverdue', 'true');
  if (opts.sort) params.set('sort', opts.sort);
  if (opts.order) params.set('order', opts.order);
  return params;
}

function printImportResult(result: SystemImportResult): void {
  const head = result.committed ? 'Imported' : result.dryRun ? 'Dry run, nothing written' : 'Nothing imported';
  const [created, updated] = result.committed ? ['created', 'updated'] : ['to create', 'to update'];
  process.stdout.write(
    `${head}: ${result.rows} rows; ${result.created} ${created}, ${result.updated} ${updated}, ${result.unchanged} unchanged, ${result.errors.length} problems\n`,
  );
  if (result.errors.length) {
    printTable(
      result.errors.map((e) => ({ row: e.row, column: e.column ?? '', problem: e.message })),
      ['row', 'column', 'problem'],
    );
  }
}

/** `trellis systems|suppliers|datasets|models …`: the AI system inventory from the command line. */
export function registerInventoryCommands(program: Command): void {
  const systems = program.command('systems').description('AI system inventory: list, import, export, classify under the EU AI Act');

  systems
    .command('list')
    .description('List AI systems (all pages, or one with --page)')
    .option('--q <text>', 'text in ref, name, purpose or owner')
    .option('--stage <stages>', 'comma-separated life-cycle stages')
    .option('--risk-class <classes>', 'comma-separated: prohibited, high-risk, limited-risk, minimal-risk, out-of-scope, unclassified')
    .option('--eu-role <role>', 'provider, deployer, importer, distributor, …')
    .option('--in-scope <bool>', 'true or false')
    .option('--overdue', 'only systems whose review is overdue')
    .option('--sort <field>', 'ref, name, stage, riskClass, owner, businessUnit, reviewDue, updatedAt')
    .option('--order <order>', 'asc or desc')
    .option('--page <n>', 'one page only')
    .option('--page-size <n>', 'rows per page (max 500)')
    .option('--json', 'machine-readable output (an array of systems)')
    .action(async (opts: ListOptions, command: Command) => {
      const { client, base } = await orgBase(command);
      const params = listQuery(opts);
      const pageSize = Number(opts.pageSize ?? 500);
      params.set('pageSize', String(pageSize));
      let items: AiSystem[] = [];
      if (opts.page) {
        params.set('page', opts.page);
        items = (await client.get<SystemList>(`${base}/systems?${params.toString()}`)).items;
      } else {
        let progress: ReturnType<typeof progressReporter> | null = null;
        for (let page = 1; ; page += 1) {
          params.set('page', String(page));
          const result = await client.get<SystemList>(`${base}/systems?${params.toString()}`);
          items.push(...result.items);
          if (page === 1 && result.total > pageSize) progress = progressReporter('Reading', 'systems', result.total);
          progress?.update(items.length);
          if (result.items.length < pageSize || items.length >= result.total) break;
        }
        progress?.stop();
      }
      if (opts.json) printJson(items);
      else
        printTable(
          items.map((s) => ({
            ref: s.ref,
            name: s.name,
            stage: s.stage,
            riskClass: s.riskClass ?? 'unclassified',
            euRoles: s.euRoles.join(', '),
            owner: s.owner,
            reviewDue: s.reviewDue ?? '',
          })),
          ['ref', 'name', 'stage', 'riskClass', 'euRoles', 'owner', 'reviewDue'],
        );
    });

  systems
    .command('show')
    .description('Show one AI system')
    .argument('<system>', 'id or ref (e.g. AIS-0007)')
    .option('--json', 'machine-readable output')
    .action(async (system: string, opts: { json?: boolean }, command: Command) => {
      const { client, base } = await orgBase(command);
      const s = await client.get<AiSystem>(`${base}/systems/${encodeURIComponent(system)}`);
      if (opts.json) printJson(s);
      else
        for (const [k, v] of Object.entries(s))
          process.stdout.write(`${k.padEnd(18)} ${Array.isArray(v) ? v.join(', ') : String(v ?? '')}\n`);
    });

  systems
    .command('import')
    .description('Import AI systems from a CSV or XLSX file: every row or none')
    .argument('<file>', '.csv or .xlsx (see docs/user-guide/inventory.md for the columns)')
    .option('--dry-run', 'check the file and report what would change, write nothing')
    .option('--json', 'machine-readable output (the import result, also when it fails)')
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }, command: Command) => {
      const content = readInputFile(file, MAX_IMPORT_BYTES);
      const ext = path.extname(file).toLowerCase();
      const contentType = ext === '.xlsx' ? XLSX_MIME : ext === '.csv' || ext === '.txt' ? 'text/csv' : 'application/octet-stream';
      const { client, base } = await orgBase(command);
      if (!opts.json) process.stderr.write(`Checking ${path.basename(file)} (${(content.length / 1024).toFixed(0)} KB)…\n`);
      let result: SystemImportResult;
      try {
        result = await client.request<SystemImportResult>('POST', `${base}/systems/import?dryRun=${opts.dryRun ? 'true' : 'false'}`, {
          content,
          contentType,
        });
      } catch (error) {
        const failed = error instanceof ApiClientError ? (error.details as { result?: SystemImportResult } | undefined)?.result : undefined;
        if (!failed) throw error;
        if (opts.json) printJson(failed);
        else printImportResult(failed);
        throw new CliExit(`nothing was imported: ${failed.errors.length} problem(s) in ${path.basename(file)}`, 2);
      }
      if (opts.json) printJson(result);
      else printImportResult(result);
      if (result.dryRun && result.errors.length) process.exitCode = 2;
    });

  systems
    .command('export')
    .description('Export the inventory (filters as for list) to CSV or XLSX')
    .requiredOption('--out <file>', 'where to write it')
    .option('--format <format>', 'csv or xlsx (default: from --out, else csv)')
    .option('--q <text>', 'text in ref, name, purpose or owner')
    .option('--stage <stages>', 'comma-separated life-cycle stages')
    .option('--risk-class <classes>', 'comma-separated risk classes')
    .action(async (opts: ListOptions & { out: string; format?: string }, command: Command) => {
      const format = opts.format ?? (opts.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
      if (format !== 'csv' && format !== 'xlsx') throw new CliExit('--format must be csv or xlsx', 2);
      const { client, base } = await orgBase(command);
      const params = listQuery(opts);
      params.set('format', format);
      const bytes = await client.download(`${base}/systems/export?${params.toString()}`);
      fs.writeFileSync(opts.out, bytes);
      process.stderr.write(`Wrote ${opts.out} (${(bytes.length / 1024).toFixed(0)} KB)\n`);
    });

  systems
    .command('questionnaire')
    .description('The EU AI Act classification questions (ids, types, options, when each is asked)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { client, base } = await orgBase(command);
      const q = await client.get<Questionnaire>(`${base}/classification/questionnaire`);
      if (opts.json) return printJson(q);
      for (const question of q.questions) {
        const when = question.showIf?.length ? `  (asked when ${question.showIf.map((c) => c.question).join(', ')} …)` : '';
        process.stdout.write(`${question.id} [${question.type}]${when}\n  ${question.text}\n`);
        for (const o of question.options ?? []) process.stdout.write(`    - ${o.value}: ${o.label}\n`);
      }
    });

  systems
    .command('classify')
    .description('Classify an AI system under the EU AI Act from an answers file')
    .argument('<system>', 'id or ref')
    .requiredOption(
      '--answers <file>',
      'JSON: { "answers": { questionId: answer }, "note": "…" } (see docs/user-guide/eu-ai-act-classification.md)',
    )
    .option('--note <text>', 'why it is (re)classified')
    .option('--json', 'machine-readable output')
    .action(async (system: string, opts: { answers: string; note?: string; json?: boolean }, command: Command) => {
      let body: { answers?: unknown; note?: unknown };
      try {
        body = JSON.parse(readInputFile(opts.answers, 1_000_000).toString('utf8')) as typeof body;
      } catch (error) {
        if (error instanceof CliExit) throw error;
        throw new CliExit(`${opts.answers} is not valid JSON: ${(error as Error).message}`, 2);
      }
      if (typeof body !== 'object' || body === null || typeof body.answers !== 'object' || body.answers === null) {
        throw new CliExit(`${opts.answers} must hold an object with an "answers" object`, 2);
      }
      const note = opts.note ?? (typeof body.note === 'string' ? body.note : undefined);
      const { client, base } = await orgBase(command);
      const result = await client.request<Classification>('POST', `${base}/systems/${encodeURIComponent(system)}/classifications`, {
        answers: body.answers,
        ...(note ? { note } : {}),
      });
      if (opts.json) return printJson(result);
      process.stdout.write(`Outcome: ${result.outcome}  (classification #${result.number})\nBasis: ${result.basis.join(', ')}\n`);
      for (const r of result.reasons) process.stdout.write(`  - ${r.text} [${r.ref}]\n`);
      if (result.obligations.length) {
        printTable(
          result.obligations.map((o) => ({ ref: o.ref, role: o.role, from: o.appliesFrom, title: o.title })),
          ['ref', 'role', 'from', 'title'],
        );
      }
      if (result.gpai)
        process.stdout.write(
          `GPAI model: ${result.gpai.systemicRisk ? 'with systemic risk' : 'no systemic risk'} (${result.gpai.basis.join(', ')})\n`,
        );
    });

  const simple = [
    {
      name: 'suppliers',
      path: 'suppliers',
      what: 'Suppliers of AI systems, components and data (A.10)',
      columns: ['name', 'dueDiligenceStatus', 'contractEnd', 'reviewDue'],
    },
    {
      name: 'datasets',
      path: 'datasets',
      what: 'Data sets used for AI systems (A.7)',
      columns: ['name', 'source', 'categories', 'reviewDue'],
    },
    {
      name: 'models',
      path: 'models',
      what: 'Models behind AI systems (A.4.4)',
      columns: ['name', 'modelVersion', 'modelType', 'reviewDue'],
    },
  ] as const;
  for (const s of simple) {
    program
      .command(s.name)
      .description(s.what)
      .command('list')
      .description(`List ${s.name}`)
      .option('--json', 'machine-readable output')
      .action(async (opts: { json?: boolean }, command: Command) => {
        const { client, base } = await orgBase(command);
        const rows = await client.get<(Supplier | Dataset | Model)[]>(`${base}/${s.path}`);
        if (opts.json) printJson(rows);
        else
          printTable(
            rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]))),
            [...s.columns],
          );
      });
  }
}
