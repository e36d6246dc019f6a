import type { Command } from 'commander';
import { objectiveStatuses, type Objective, type ObjectiveDetail, type ObjectiveMeasure } from '../domain/schemas/objectives.schemas.ts';
import type { ApiClient } from './api-client.ts';
import { apiClientFrom, tokenOrganization } from './api-commands.ts';
import { readInputFile } from './inventory-commands.ts';
import { CliExit, printJson, printTable } from './output.ts';

async function orgBase(command: Command): Promise<{ client: ApiClient; base: string }> {
  const client = apiClientFrom(command);
  const org = await tokenOrganization(client);
  return { client, base: `/api/orgs/${encodeURIComponent(org.slug)}/objectives` };
}

function readJsonObject(file: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(readInputFile(file, 1_000_000).toString('utf8'));
  } catch (error) {
    if (error instanceof CliExit) throw error;
    throw new CliExit(`${file} is not valid JSON: ${(error as Error).message}`, 2);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new CliExit(`${file} must hold one JSON object`, 2);
  return body as Record<string, unknown>;
}

function checkedStatus(status: string): string {
  if (!(objectiveStatuses as readonly string[]).includes(status)) {
    throw new CliExit(`--status: "${status}" is not one of ${objectiveStatuses.join(', ')}`, 2);
  }
  return status;
}

const progressText = { met: 'met', 'not-met': 'NOT MET', 'not-measured': 'not measured' } as const;

function targetText(m: ObjectiveMeasure): string {
  return `${m.plan?.ref ?? '(deleted plan)'} ${m.key} ${m.op} ${m.value}`;
}

function printObjective(o: ObjectiveDetail): void {
  const line = (label: string, value: string) => {
    if (value) process.stdout.write(`${label.padEnd(12)} ${value}\n`);
  };
  line('ref', o.ref);
  line('title', o.title);
  line('status', `${o.status}${o.overdue ? ' (overdue)' : ''}`);
  line('owner', o.owner);
  line('target date', o.targetDate ?? '');
  line('topics', o.topics.map((t) => `${t.id} ${t.title ?? ''}`.trim()).join('; '));
  line('description', o.description);
  line('AI policy', o.policyLink);
  line('actions', o.actions);
  line('resources', o.resources);
  line('evaluation', o.evaluation);
  if (o.measure) {
    line('target', targetText(o.measure));
    const latest = o.measure.latest;
    line('latest', latest ? `${latest.value ?? 'undefined'} (${latest.runRef}, ${latest.at.slice(0, 10)})` : 'no run yet');
  }
  line('progress', progressText[o.progress]);
  line('evidence', `${o.evidence.length} item${o.evidence.length === 1 ? '' : 's'}`);
}

/** `trellis objectives …`: AI objectives (ISO/IEC 42001 6.2) from the command line. */
export function registerObjectivesCommands(program: Command): void {
  const objectives = program.command('objectives').description('AI objectives and the planning to achieve them (ISO/IEC 42001 6.2)');

  objectives
    .command('list')
    .description('List AI objectives by ref')
    .option('--status <status>', `one of ${objectiveStatuses.join(', ')}`)
    .option('--overdue', 'only those past their target date')
    .option('--plan <plan>', 'only those a monitoring plan measures (id or ref)')
    .option('--json', 'machine-readable output (an array of objectives)')
    .action(async (opts: { status?: string; overdue?: boolean; plan?: string; json?: boolean }, command: Command) => {
      const params = new URLSearchParams();
      if (opts.status) params.set('status', checkedStatus(opts.status));
      if (opts.overdue) params.set('overdue', 'true');
      if (opts.plan) params.set('planId', opts.plan);
      const { client, base } = await orgBase(command);
      const query = params.toString();
      const items = await client.get<Objective[]>(`${base}${query ? `?${query}` : ''}`);
      if (opts.json) return printJson(items);
      printTable(
        items.map((o) => ({
          ref: o.ref,
          status: o.status,
          targetDate: `${o.targetDate ?? ''}${o.overdue ? ' (overdue)' : ''}`,
          owner: o.owner,
          progress: progressText[o.progress],
          target: o.measure ? targetText(o.measure) : '',
          title: o.title,
        })),
        ['ref', 'status', 'targetDate', 'owner', 'progress', 'target', 'title'],
      );
    });

  objectives
    .command('show')
    .description('Show one AI objective with its latest measurement')
    .argument('<objective>', 'id or ref (e.g. OBJ-0001)')
    .option('--json', 'machine-readable output (with every measurement and the linked evidence)')
    .action(async (objective: string, opts: { json?: boolean }, command: Command) => {
      const { client, base } = await orgBase(command);
      const o = await client.get<ObjectiveDetail>(`${base}/${encodeURIComponent(objective)}`);
      if (opts.json) printJson(o);
      else printObjective(o);
    });

  objectives
    .command('create')
    .description('Add an AI objective from a JSON file (fields as in the API: title, owner, targetDate, topics, measure …)')
    .requiredOption('--file <file>', 'JSON, e.g. { "title": "…", "owner": "…", "targetDate": "2027-06-30", "topics": ["C.2.5"] }')
    .option('--json', 'machine-readable output')
    .action(async (opts: { file: string; json?: boolean }, command: Command) => {
      const body = readJsonObject(opts.file);
      const { client, base } = await orgBase(command);
      const created = await client.request<Objective>('POST', base, body);
      if (opts.json) printJson(created);
      else process.stdout.write(`${created.ref} created: ${created.title}\n`);
    });

  objectives
    .command('update')
    .description('Change an AI objective: the fields of a JSON file, and/or its status')
    .argument('<objective>', 'id or ref (e.g. OBJ-0001)')
    .option('--file <file>', 'JSON with the fields to change (with "version" to refuse the change if someone else changed it since)')
    .option('--status <status>', `one of ${objectiveStatuses.join(', ')}`)
    .option('--json', 'machine-readable output')
    .action(async (objective: string, opts: { file?: string; status?: string; json?: boolean }, command: Command) => {
      if (!opts.file && !opts.status) throw new CliExit('name what to change: --file FILE and/or --status STATUS', 2);
      const body = opts.file ? readJsonObject(opts.file) : {};
      if (opts.status) body.status = checkedStatus(opts.status);
      const { client, base } = await orgBase(command);
      const url = `${base}/${encodeURIComponent(objective)}`;
      // Without a version in the file, the change applies to the objective as it is now.
      body.version ??= (await client.get<Objective>(url)).version;
      const updated = await client.request<Objective>('PATCH', url, body);
      if (opts.json) printJson(updated);
      else process.stdout.write(`${updated.ref} updated (version ${updated.version}): ${updated.status}\n`);
    });
}
