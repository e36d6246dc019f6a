import type { Command } from 'commander';
import type { ImpactAssessment } from '../domain/schemas/impact.schemas.ts';
import { impactStatuses } from '../domain/schemas/impact.schemas.ts';
import type { ApiClient } from './api-client.ts';
import { apiClientFrom, tokenOrganization } from './api-commands.ts';
import { CliExit, printJson, printTable } from './output.ts';

async function orgBase(command: Command): Promise<{ client: ApiClient; base: string }> {
  const client = apiClientFrom(command);
  const org = await tokenOrganization(client);
  return { client, base: `/api/orgs/${encodeURIComponent(org.slug)}/impact-assessments` };
}

function printAssessment(a: ImpactAssessment): void {
  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(14)} ${value}\n`);
  line('ref', a.ref);
  line('title', a.title);
  line('system', `${a.system.ref} ${a.system.name}`);
  line('template', `${a.templateName} (${a.templateId} ${a.templateVersion})`);
  line('status', a.status);
  line('triggers', a.triggers.join(', '));
  line('reviewDue', `${a.reviewDue ?? ''}${a.reviewOverdue ? ' (overdue)' : ''}`);
  line('approved', a.approvedAt ? `${a.approvedAt} by ${a.approvedBy ?? ''}` : '');
  if (a.supersedes) line('supersedes', a.supersedes);
  process.stdout.write(`answers        ${Object.keys(a.answers).length}\n`);
  if (a.impacts.length) {
    printTable(
      a.impacts.map((i) => ({
        area: i.area,
        audience: i.audience,
        severity: i.severity,
        likelihood: i.likelihood,
        beneficial: i.beneficial ? 'yes' : '',
        risk: i.riskRef ?? '',
        description: i.description.length > 60 ? `${i.description.slice(0, 59)}…` : i.description,
      })),
      ['area', 'audience', 'severity', 'likelihood', 'beneficial', 'risk', 'description'],
    );
  }
}

/** `trellis impact-assessments …`: AI system impact assessments and FRIAs from the command line. */
export function registerImpactCommands(program: Command): void {
  const impact = program
    .command('impact-assessments')
    .description('AI system impact assessments (ISO/IEC 42001 6.1.4, 8.4) and EU AI Act FRIAs (Art. 27)');

  impact
    .command('list')
    .description('List impact assessments, newest first')
    .option('--system <system>', 'only those of one AI system (id or ref)')
    .option('--status <statuses>', `comma-separated: ${impactStatuses.join(', ')}`)
    .option('--json', 'machine-readable output (an array of assessments)')
    .action(async (opts: { system?: string; status?: string; json?: boolean }, command: Command) => {
      const params = new URLSearchParams();
      if (opts.system) params.set('systemId', opts.system);
      for (const s of opts.status?.split(',') ?? []) {
        const status = s.trim();
        if (!status) continue;
        if (!(impactStatuses as readonly string[]).includes(status)) {
          throw new CliExit(`--status: "${status}" is not one of ${impactStatuses.join(', ')}`, 2);
        }
        params.append('status', status);
      }
      const { client, base } = await orgBase(command);
      const query = params.toString();
      const items = await client.get<ImpactAssessment[]>(`${base}${query ? `?${query}` : ''}`);
      if (opts.json) return printJson(items);
      printTable(
        items.map((a) => ({
          ref: a.ref,
          system: a.system.ref,
          template: a.templateId,
          status: a.status,
          impacts: a.impacts.length,
          reviewDue: `${a.reviewDue ?? ''}${a.reviewOverdue ? ' (overdue)' : ''}`,
          title: a.title,
        })),
        ['ref', 'system', 'template', 'status', 'impacts', 'reviewDue', 'title'],
      );
    });

  impact
    .command('show')
    .description('Show one impact assessment')
    .argument('<assessment>', 'id or ref (e.g. IA-0001)')
    .option('--json', 'machine-readable output')
    .action(async (assessment: string, opts: { json?: boolean }, command: Command) => {
      const { client, base } = await orgBase(command);
      const a = await client.get<ImpactAssessment>(`${base}/${encodeURIComponent(assessment)}`);
      if (opts.json) printJson(a);
      else printAssessment(a);
    });
}
