import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { apiClientFrom, tokenOrganization } from './api-commands.ts';
import { CliExit, printJson, printTable } from './output.ts';

interface FrameworkSummary {
  id: string;
  name: string;
  version: string;
  requirementCount: number;
  origin: string;
}
interface FrameworkDetail {
  items: { id: string; kind: string; title: string; parent: string | null }[];
}
interface CrosswalkRow {
  from: string;
  to: string;
  relationship: string;
  source: string;
}

const MAX_IMPORT_BYTES = 5_000_000;

/** `trellis catalog …`: browse frameworks and crosswalks, export OSCAL, import your own. */
export function registerCatalogCommands(program: Command): void {
  const catalog = program.command('catalog').description('Standards catalog: frameworks, requirements, crosswalks');
  const orgPath = async (command: Command) => {
    const client = apiClientFrom(command);
    const org = await tokenOrganization(client);
    return { client, base: `/api/orgs/${encodeURIComponent(org.slug)}/catalog` };
  };

  catalog
    .command('list')
    .description('List frameworks')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { client, base } = await orgPath(command);
      const frameworks = await client.get<FrameworkSummary[]>(`${base}/frameworks`);
      const rows = frameworks.map((f) => ({ id: f.id, name: f.name, version: f.version, requirementCount: f.requirementCount }));
      if (opts.json) printJson(rows);
      else printTable(frameworks as unknown as Record<string, unknown>[], ['id', 'name', 'version', 'requirementCount', 'origin']);
    });

  catalog
    .command('show')
    .description("List a framework's items (clauses, controls, articles, …)")
    .argument('<framework-id>', 'e.g. iso42001-2023')
    .option('--json', 'machine-readable output')
    .action(async (frameworkId: string, opts: { json?: boolean }, command: Command) => {
      const { client, base } = await orgPath(command);
      const fw = await client.get<FrameworkDetail>(`${base}/frameworks/${encodeURIComponent(frameworkId)}`);
      const rows = fw.items.map((i) => ({ id: i.id, kind: i.kind, title: i.title, parent: i.parent }));
      if (opts.json) printJson(rows);
      else printTable(rows, ['id', 'kind', 'title']);
    });

  catalog
    .command('crosswalk')
    .description('Links between two frameworks (either direction works)')
    .requiredOption('--from <framework-id>', 'source framework')
    .requiredOption('--to <framework-id>', 'target framework')
    .option('--json', 'machine-readable output')
    .action(async (opts: { from: string; to: string; json?: boolean }, command: Command) => {
      const { client, base } = await orgPath(command);
      const rows = await client.get<CrosswalkRow[]>(
        `${base}/crosswalk?from=${encodeURIComponent(opts.from)}&to=${encodeURIComponent(opts.to)}`,
      );
      const out = rows.map((r) => ({ from: r.from, to: r.to, relationship: r.relationship, source: r.source }));
      if (opts.json) printJson(out);
      else printTable(out, ['from', 'to', 'relationship']);
    });

  catalog
    .command('export')
    .description('Export a framework (OSCAL catalog JSON)')
    .argument('<framework-id>', 'e.g. iso42001-2023')
    .option('--format <format>', 'export format: oscal', 'oscal')
    .requiredOption('--out <file>', 'where to write the file')
    .action(async (frameworkId: string, opts: { format: string; out: string }, command: Command) => {
      if (opts.format !== 'oscal') throw new CliExit(`--format: only "oscal" is supported, got "${opts.format}"`, 2);
      const { client, base } = await orgPath(command);
      const doc = await client.get<unknown>(`${base}/frameworks/${encodeURIComponent(frameworkId)}/oscal`);
      fs.writeFileSync(opts.out, `${JSON.stringify(doc, null, 2)}\n`);
      process.stdout.write(`wrote ${path.resolve(opts.out)}\n`);
    });

  catalog
    .command('import')
    .description('Import your own framework or crosswalk (Trellis YAML/JSON format, or an OSCAL catalog)')
    .argument('<file>', 'a .yaml, .yml or .json file')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean }, command: Command) => {
      if (!fs.existsSync(file)) throw new CliExit(`no such file: ${file}`, 2);
      const size = fs.statSync(file).size;
      if (size > MAX_IMPORT_BYTES) throw new CliExit(`${file} is ${size} bytes; the limit is ${MAX_IMPORT_BYTES}`, 2);
      const { client, base } = await orgPath(command);
      const result = await client.request<{ type: string; id: string; version: string; itemCount: number; changes: unknown }>(
        'POST',
        `${base}/import`,
        {
          content: fs.readFileSync(file, 'utf8'),
          fileName: path.basename(file),
        },
      );
      if (opts.json) printJson(result);
      else
        process.stdout.write(
          `imported ${result.type} ${result.id} version ${result.version} (${result.itemCount} ${result.type === 'framework' ? 'items' : 'links'})\n`,
        );
    });
}
