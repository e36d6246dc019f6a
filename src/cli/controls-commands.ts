import fs from 'node:fs';
import type { Command } from 'commander';
import {
  inclusionReasonKinds,
  soaExportFormats,
  type ControlImplementation,
  type ControlImplementationDetail,
  type ControlImplementationInput,
  type ControlImplementationList,
  type InclusionReason,
  type SoaComparison,
  type SoaDocument,
  type SoaVersionListItem,
} from '../domain/schemas/controls.schemas.ts';
import { coverageStates, coverageTargets, type CoverageState, type FrameworkCoverage } from '../domain/schemas/coverage.schemas.ts';
import { orgBase } from './inventory-commands.ts';
import { CliExit, printJson, printTable } from './output.ts';
import { progressReporter } from './progress.ts';

const ANNEX_A = 'iso42001-2023';
const PAGE = 500;

const yesNo = (v: boolean | null) => (v === null ? '?' : v ? 'yes' : 'no');
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const enc = encodeURIComponent;

function positiveInt(value: string, flag: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new CliExit(`${flag}: "${value}" is not a version number`, 2);
  return Number(value);
}

function parseReason(value: string, previous: InclusionReason[] = []): InclusionReason[] {
  const at = value.indexOf(':');
  const kind = value.slice(0, at).trim();
  const text = value.slice(at + 1).trim();
  if (at < 0 || !(inclusionReasonKinds as readonly string[]).includes(kind) || text === '') {
    throw new CliExit(`--reason: "${value}" should be KIND:TEXT with KIND one of ${inclusionReasonKinds.join(', ')}`, 2);
  }
  return [...previous, { kind: kind as InclusionReason['kind'], text }];
}

function printImplementation(i: ControlImplementationDetail): void {
  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(15)} ${value}\n`);
  line('control', `${i.control} ${i.title} (${i.framework})`);
  line('scope', i.system ? `${i.system.ref} ${i.system.name}` : 'organization');
  line('applicable', yesNo(i.applicable));
  if (i.exclusionJustification) line('justification', i.exclusionJustification);
  for (const r of i.inclusionReasons) line('reason', `${r.kind}: ${r.text}`);
  line('status', i.status);
  line('owner', i.owner);
  if (i.description) line('description', i.description);
  line('reviewDue', `${i.reviewDue ?? ''}${i.reviewOverdue ? ' (overdue)' : ''}`);
  line('risks', i.riskCount ? `${i.riskCount}: ${i.risks.map((r) => r.ref).join(', ')}${i.riskCount > i.risks.length ? ', …' : ''}` : '0');
  line('version', i.version === null ? '(nothing recorded)' : String(i.version));
}

function printSoa(doc: SoaDocument): void {
  const v = doc.version;
  process.stdout.write(
    `${v ? `Statement of Applicability, version ${v.number}, approved ${v.approvedAt.slice(0, 10)} by ${v.approvedBy} (${v.approvedRole}); sha256 ${v.contentHash}` : `Statement of Applicability (live, ${doc.generatedAt.slice(0, 10)})`}\n`,
  );
  printTable(
    doc.rows.map((r) => ({
      control: r.framework === ANNEX_A ? r.control : `${r.framework}:${r.control}`,
      title: clip(r.title, 40),
      applicable: r.derived ? 'yes (risks)' : yesNo(r.applicable),
      status: r.status,
      owner: r.owner,
      evidence: r.evidenceCount ? `${r.evidenceCurrent}/${r.evidenceCount}` : '',
      flags: r.flags.map((f) => f.code).join(', '),
    })),
    ['control', 'title', 'applicable', 'status', 'owner', 'evidence', 'flags'],
  );
  const s = doc.summary;
  process.stdout.write(
    `${s.controls} controls: ${s.applicable} applicable, ${s.excluded} excluded, ${s.undecided} undecided; ${s.flagged} flagged\n`,
  );
}

function describeValue(v: unknown): string {
  if (v === null) return '—';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none)';
  return clip(String(v), 60);
}

function printComparison(c: SoaComparison): void {
  const name = (side: SoaComparison['from']) => (side.version ? `version ${side.version.number}` : 'live');
  process.stdout.write(
    `${name(c.from)} → ${name(c.to)}: ${c.changed.length} changed, ${c.added.length} added, ${c.removed.length} removed\n`,
  );
  for (const a of c.added) process.stdout.write(`+ ${a.control} ${a.title}\n`);
  for (const r of c.removed) process.stdout.write(`- ${r.control} ${r.title}\n`);
  printTable(
    c.changed.flatMap((row) =>
      row.changes.map((ch, i) => ({
        control: i === 0 ? row.control : '',
        field: ch.field,
        from: describeValue(ch.from),
        to: describeValue(ch.to),
      })),
    ),
    ['control', 'field', 'from', 'to'],
  );
}

const stateLabels: Record<CoverageState, string> = {
  covered: 'covered',
  'in-progress': 'in progress',
  'not-covered': 'not covered',
  'clauses-only': 'clauses only',
  'no-mapping': 'no mapping',
};

const countsOf = (totals: Record<CoverageState, number>) => coverageStates.map((s) => `${totals[s]} ${stateLabels[s]}`).join(', ');

function printCoverage(doc: FrameworkCoverage): void {
  const fw = doc.framework;
  process.stdout.write(`${fw.shortName} (${fw.version}): coverage through your controls and their evidence, as of ${doc.asOf}\n`);
  printTable(
    doc.groups.flatMap((g) =>
      g.items.map((item, i) => ({
        [doc.groupLabel]: i === 0 ? g.id : '',
        [doc.itemKind]: item.id,
        state: stateLabels[item.state],
        title: clip(item.title, 40),
        controls: clip(
          item.controls.length
            ? item.controls.map((c) => (c.framework === ANNEX_A ? c.control : `${c.framework}:${c.control}`)).join(', ')
            : item.clauses.map((c) => `clause ${c.item}`).join(', '),
          50,
        ),
      })),
    ),
    [doc.groupLabel, doc.itemKind, 'state', 'title', 'controls'],
  );
  for (const g of doc.groups) process.stdout.write(`${clip(g.title, 60)}: ${countsOf(g.totals)}\n`);
  process.stdout.write(`${doc.summary.items} ${doc.itemKind}s: ${countsOf(doc.summary.totals)}\n`);
}

interface SetOptions {
  framework: string;
  system?: string;
  applicable?: boolean;
  exclude?: boolean;
  undecided?: boolean;
  justification?: string;
  reason?: InclusionReason[];
  status?: string;
  owner?: string;
  description?: string;
  reviewDue?: string;
  json?: boolean;
}

/** `trellis controls …` and `trellis soa …`: control implementations and the Statement of Applicability. */
export function registerControlCommands(program: Command): void {
  const controls = program.command('controls').description('Control implementations: Annex A and your own controls (6.1.3)');

  controls
    .command('list')
    .description('List recorded implementations (organization level and per AI system; all pages)')
    .option('--framework <framework>', `${ANNEX_A} or org-controls`)
    .option('--system <system>', 'only one AI system (id or ref)')
    .option('--scope <scope>', 'all, organization or systems', 'all')
    .option('--status <statuses>', 'comma-separated implementation statuses')
    .option('--applicable <value>', 'true, false or undecided')
    .option('--json', 'machine-readable output (an array of implementations)')
    .action(
      async (
        opts: { framework?: string; system?: string; scope: string; status?: string; applicable?: string; json?: boolean },
        command: Command,
      ) => {
        const { client, base } = await orgBase(command);
        const params = new URLSearchParams({ pageSize: String(PAGE), scope: opts.scope });
        if (opts.framework) params.set('framework', opts.framework);
        if (opts.system) params.set('systemId', opts.system);
        if (opts.applicable) params.set('applicable', opts.applicable);
        for (const s of opts.status?.split(',') ?? []) if (s.trim()) params.append('status', s.trim());
        const items: ControlImplementation[] = [];
        let progress: ReturnType<typeof progressReporter> | null = null;
        for (let page = 1; ; page += 1) {
          params.set('page', String(page));
          const result = await client.get<ControlImplementationList>(`${base}/controls?${params.toString()}`);
          items.push(...result.items);
          if (page === 1 && result.total > PAGE) progress = progressReporter('Reading', 'implementations', result.total);
          progress?.update(items.length);
          if (result.items.length < PAGE || items.length >= result.total) break;
        }
        progress?.stop();
        if (opts.json) return printJson(items);
        printTable(
          items.map((i) => ({
            control: i.framework === ANNEX_A ? i.control : `${i.framework}:${i.control}`,
            system: i.system?.ref ?? '(organization)',
            applicable: yesNo(i.applicable),
            status: i.status,
            owner: i.owner,
            reviewDue: `${i.reviewDue ?? ''}${i.reviewOverdue ? ' (overdue)' : ''}`,
            title: clip(i.title, 40),
          })),
          ['control', 'system', 'applicable', 'status', 'owner', 'reviewDue', 'title'],
        );
      },
    );

  controls
    .command('show')
    .description("Show one control's implementation")
    .argument('<control>', 'control id, e.g. A.6.2.4')
    .option('--framework <framework>', `${ANNEX_A} or org-controls`, ANNEX_A)
    .option('--system <system>', 'the implementation for one AI system (id or ref)')
    .option('--json', 'machine-readable output')
    .action(async (control: string, opts: { framework: string; system?: string; json?: boolean }, command: Command) => {
      const { client, base } = await orgBase(command);
      const query = opts.system ? `?systemId=${enc(opts.system)}` : '';
      const found = await client.get<ControlImplementationDetail>(`${base}/controls/${enc(opts.framework)}/${enc(control)}${query}`);
      if (opts.json) printJson(found);
      else printImplementation(found);
    });

  controls
    .command('set')
    .description("Record or change a control's implementation; options left out keep their value")
    .argument('<control>', 'control id, e.g. A.6.2.4')
    .option('--framework <framework>', `${ANNEX_A} or org-controls`, ANNEX_A)
    .option('--system <system>', 'for one AI system (id or ref) instead of the organization')
    .option('--applicable', 'include the control')
    .option('--exclude', 'exclude the control (needs --justification)')
    .option('--undecided', 'withdraw the decision')
    .option('--justification <text>', 'why an excluded control is not needed')
    .option(
      '--reason <kind:text>',
      `why it is included (repeatable; replaces the recorded reasons); kinds: ${inclusionReasonKinds.join(', ')}`,
      parseReason,
    )
    .option('--status <status>', 'not-started, planned, partially-implemented, implemented (not-applicable comes with --exclude)')
    .option('--owner <owner>', 'who is accountable')
    .option('--description <text>', 'how the control is implemented')
    .option('--review-due <date>', 'next review (YYYY-MM-DD; "none" clears it)')
    .option('--json', 'machine-readable output (the implementation)')
    .action(async (control: string, opts: SetOptions, command: Command) => {
      const decisions = [opts.applicable, opts.exclude, opts.undecided].filter(Boolean).length;
      if (decisions > 1) throw new CliExit('choose one of --applicable, --exclude, --undecided', 2);
      const { client, base } = await orgBase(command);
      const path = `${base}/controls/${enc(opts.framework)}/${enc(control)}${opts.system ? `?systemId=${enc(opts.system)}` : ''}`;
      const current = await client.get<ControlImplementationDetail>(path);
      const body: ControlImplementationInput = {};
      if (opts.applicable) body.applicable = true;
      if (opts.exclude) body.applicable = false;
      if (opts.undecided) body.applicable = null;
      if (opts.justification !== undefined) body.exclusionJustification = opts.justification;
      if (opts.reason) body.inclusionReasons = opts.reason;
      if (opts.status !== undefined) body.status = opts.status as ControlImplementationInput['status'];
      if (opts.owner !== undefined) body.owner = opts.owner;
      if (opts.description !== undefined) body.description = opts.description;
      if (opts.reviewDue !== undefined) body.reviewDue = opts.reviewDue === 'none' ? null : opts.reviewDue;
      if (current.version !== null) body.version = current.version;
      const saved = await client.request<ControlImplementationDetail>('PUT', path, body);
      if (opts.json) printJson(saved);
      else printImplementation(saved);
    });

  controls
    .command('coverage')
    .description('Your coverage of another framework through your controls and their evidence (crosswalks)')
    .requiredOption('--framework <framework>', coverageTargets.map((t) => t.framework).join(', '))
    .option('--json', 'machine-readable output (the coverage document)')
    .action(async (opts: { framework: string; json?: boolean }, command: Command) => {
      const { client, base } = await orgBase(command);
      const doc = await client.get<FrameworkCoverage>(`${base}/controls/coverage?framework=${enc(opts.framework)}`);
      if (opts.json) printJson(doc);
      else printCoverage(doc);
    });

  const soa = program.command('soa').description('Statement of Applicability: show, approve and freeze, compare, export (6.1.3 d)');

  soa
    .command('show', { isDefault: true })
    .description('The SoA (live, or an approved version); the default of `trellis soa`')
    .argument('[number]', 'an approved version number (same as --number)')
    .option('--number <n>', 'an approved version instead of the live SoA')
    .option('--json', 'machine-readable output (an array with one row per control)')
    .action(async (positional: string | undefined, opts: { number?: string; json?: boolean }, command: Command) => {
      const wanted = opts.number ?? positional;
      const number = wanted === undefined ? undefined : positiveInt(wanted, '--number');
      const { client, base } = await orgBase(command);
      const doc = await client.get<SoaDocument>(number === undefined ? `${base}/soa` : `${base}/soa/versions/${number}`);
      if (opts.json) printJson(doc.rows);
      else printSoa(doc);
    });

  soa
    .command('approve')
    .description('Approve the SoA as it is now: frozen as the next version (owners and AIMS managers)')
    .requiredOption('--comment <text>', 'what was reviewed and why it is approved')
    .option('--json', 'machine-readable output (the version)')
    .action(async (opts: { comment: string; json?: boolean }, command: Command) => {
      const { client, base } = await orgBase(command);
      const v = await client.request<SoaVersionListItem>('POST', `${base}/soa/versions`, { comment: opts.comment });
      if (opts.json) return printJson(v);
      process.stdout.write(
        `Approved SoA version ${v.number}: ${v.summary.applicable} applicable, ${v.summary.excluded} excluded, ${v.summary.undecided} undecided, ${v.summary.flagged} flagged\nsha256 ${v.contentHash}\n`,
      );
    });

  soa
    .command('versions')
    .description('Approved SoA versions, newest first')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { client, base } = await orgBase(command);
      const versions = await client.get<SoaVersionListItem[]>(`${base}/soa/versions`);
      if (opts.json) return printJson(versions);
      printTable(
        versions.map((v) => ({
          number: v.number,
          approved: v.approvedAt.slice(0, 16).replace('T', ' '),
          by: `${v.approvedBy} (${v.approvedRole})`,
          applicable: v.summary.applicable,
          excluded: v.summary.excluded,
          flagged: v.summary.flagged,
          sha256: v.contentHash.slice(0, 12),
          comment: clip(v.comment, 50),
        })),
        ['number', 'approved', 'by', 'applicable', 'excluded', 'flagged', 'sha256', 'comment'],
      );
    });

  soa
    .command('compare')
    .description('What changed between two SoAs')
    .argument('<from>', 'a version number or "live"')
    .argument('[to]', 'a version number or "live"', 'live')
    .option('--json', 'machine-readable output')
    .action(async (from: string, to: string, opts: { json?: boolean }, command: Command) => {
      const { client, base } = await orgBase(command);
      const c = await client.get<SoaComparison>(`${base}/soa/compare?from=${enc(from)}&to=${enc(to)}`);
      if (opts.json) printJson(c);
      else printComparison(c);
    });

  soa
    .command('export')
    .description('Export the SoA for a certification body: XLSX, PDF, DOCX or OSCAL JSON')
    .requiredOption('--format <format>', soaExportFormats.join(', '))
    .requiredOption('--out <file>', 'where to write it')
    .option('--number <n>', 'an approved version instead of the live SoA')
    .action(async (opts: { format: string; out: string; number?: string }, command: Command) => {
      if (!(soaExportFormats as readonly string[]).includes(opts.format)) {
        throw new CliExit(`--format must be one of ${soaExportFormats.join(', ')}`, 2);
      }
      const params = new URLSearchParams({ format: opts.format });
      if (opts.number !== undefined) params.set('version', String(positiveInt(opts.number, '--number')));
      const { client, base } = await orgBase(command);
      const bytes = await client.download(`${base}/soa/export?${params.toString()}`);
      fs.writeFileSync(opts.out, bytes);
      process.stderr.write(`Wrote ${opts.out} (${(bytes.length / 1024).toFixed(0)} KB)\n`);
    });
}
