import path from 'node:path';
import type { Command } from 'commander';
import type { Risk } from '../domain/schemas/risk.schemas.ts';
import type { RiskImportResult } from '../features/risk/risk-import.service.ts';
import { ApiClientError } from './api-client.ts';
import { orgBase, readInputFile } from './inventory-commands.ts';
import { CliExit, printJson, printTable } from './output.ts';
import { progressReporter } from './progress.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function printResult(result: RiskImportResult): void {
  const head = result.committed ? 'Imported' : result.dryRun ? 'Dry run, nothing written' : 'Nothing imported';
  const [created, updated] = result.committed ? ['created', 'updated'] : ['to create', 'to update'];
  process.stdout.write(
    `${head}: ${result.rows} rows; ${result.created} ${created}, ${result.updated} ${updated}, ${result.errors.length} problems\n`,
  );
  if (result.errors.length)
    printTable(
      result.errors.map((e) => ({ row: e.row, column: e.column ?? '', problem: e.message })),
      ['row', 'column', 'problem'],
    );
}

/** `trellis risks …`: the AI risk register from the command line. */
export function registerRiskCommands(program: Command): void {
  const risks = program.command('risks').description('AI risk register: list and import (6.1.2)');

  risks
    .command('list')
    .description('List risks (all pages)')
    .option('--q <text>', 'text in ref, title or description')
    .option('--status <statuses>', 'comma-separated: identified, analysed, treatment-planned, treated, closed')
    .option('--level <levels>', 'comma-separated inherent level ids (e.g. high,critical)')
    .option('--system <id>', 'risks of one AI system (id)')
    .option('--needs-attention', 'above the threshold and residual risk not accepted')
    .option('--json', 'machine-readable output (an array of risks)')
    .action(
      async (
        opts: { q?: string; status?: string; level?: string; system?: string; needsAttention?: boolean; json?: boolean },
        command: Command,
      ) => {
        const { client, base } = await orgBase(command);
        const params = new URLSearchParams({ pageSize: '500' });
        if (opts.q) params.set('q', opts.q);
        for (const s of opts.status?.split(',') ?? []) if (s) params.append('status', s.trim());
        for (const l of opts.level?.split(',') ?? []) if (l) params.append('level', l.trim());
        if (opts.system) params.set('systemId', opts.system);
        if (opts.needsAttention) params.set('needsAttention', 'true');
        const items: Risk[] = [];
        let progress: ReturnType<typeof progressReporter> | null = null;
        for (let page = 1; ; page += 1) {
          params.set('page', String(page));
          const result = await client.get<{ items: Risk[]; total: number }>(`${base}/risks?${params.toString()}`);
          items.push(...result.items);
          if (page === 1 && result.total > 500) progress = progressReporter('Reading', 'risks', result.total);
          progress?.update(items.length);
          if (result.items.length < 500 || items.length >= result.total) break;
        }
        progress?.stop();
        if (opts.json) return printJson(items);
        printTable(
          items.map((r) => ({
            ref: r.ref,
            title: r.title,
            inherent: r.inherentLevel?.label ?? '',
            residual: r.treatment.residualLevel?.label ?? '',
            status: r.status,
            owner: r.owner,
            flag: r.needsAttention ? 'needs attention' : '',
          })),
          ['ref', 'title', 'inherent', 'residual', 'status', 'owner', 'flag'],
        );
      },
    );

  risks
    .command('import')
    .description('Import risks from a CSV or XLSX file: every row or none')
    .argument('<file>', '.csv or .xlsx (columns: see docs/user-guide/risks.md)')
    .option('--dry-run', 'check the file and report what would change, write nothing')
    .option('--json', 'machine-readable output (the import result, also when it fails)')
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }, command: Command) => {
      const content = readInputFile(file, 20 * 1024 * 1024);
      const contentType = path.extname(file).toLowerCase() === '.xlsx' ? XLSX_MIME : 'text/csv';
      const { client, base } = await orgBase(command);
      let result: RiskImportResult;
      try {
        result = await client.request<RiskImportResult>('POST', `${base}/risks/import?dryRun=${opts.dryRun ? 'true' : 'false'}`, {
          content,
          contentType,
        });
      } catch (error) {
        const failed = error instanceof ApiClientError ? (error.details as { result?: RiskImportResult } | undefined)?.result : undefined;
        if (!failed) throw error;
        if (opts.json) printJson(failed);
        else printResult(failed);
        throw new CliExit(`nothing was imported: ${failed.errors.length} problem(s) in ${path.basename(file)}`, 2);
      }
      if (opts.json) printJson(result);
      else printResult(result);
      if (result.dryRun && result.errors.length) process.exitCode = 2;
    });
}
