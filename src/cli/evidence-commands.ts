import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { EvidenceDetail, EvidenceLinkTargets, EvidenceList } from '../domain/schemas/evidence.schemas.ts';
import { orgBase } from './inventory-commands.ts';
import { CliExit, printJson, printTable } from './output.ts';
import { progressReporter } from './progress.ts';

/** Files at least this large show a progress bar (on a terminal). */
const PROGRESS_FROM = 5 * 1024 * 1024;

interface LinkOptions {
  control?: string[];
  requirement?: string[];
  risk?: string[];
  system?: string[];
  objective?: string[];
}

interface AddOptions extends LinkOptions {
  link?: string;
  note?: string;
  title?: string;
  description?: string;
  owner?: string;
  effective?: string;
  reviewDue?: string;
  comment?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function linkTargets(opts: LinkOptions): EvidenceLinkTargets {
  return {
    controls: opts.control ?? [],
    requirements: opts.requirement ?? [],
    risks: opts.risk ?? [],
    systems: opts.system ?? [],
    objectives: opts.objective ?? [],
  };
}

function fileToSend(file: string): { path: string; name: string; size: number } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CliExit(`cannot read ${file}: no such file`, 2);
  }
  if (!stat.isFile()) throw new CliExit(`${file} is not a file`, 2);
  return { path: file, name: path.basename(file), size: stat.size };
}

function formatSize(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

function printItem(item: EvidenceDetail): void {
  const c = item.current;
  const content = c.fileName
    ? `${c.fileName} (${formatSize(c.size)}, sha256 ${c.sha256 ?? ''})`
    : (c.url ?? c.note ?? c.record?.type ?? '');
  const lines = [
    `${item.ref}  ${item.title}`,
    `kind:        ${item.kind}`,
    `state:       ${item.state}${item.reviewDue ? ` (review due ${item.reviewDue})` : ' (does not expire)'}`,
    `effective:   ${item.effectiveDate}`,
    `owner:       ${item.owner || '—'}`,
    `version:     ${item.currentVersion} of ${item.versions.length}: ${content}`,
    `links:       ${item.links.map((l) => (l.type === 'control' || l.type === 'requirement' ? `${l.framework}:${l.target}` : (l.ref ?? l.target))).join(', ') || '—'}`,
  ];
  if (item.description) lines.push(`description: ${item.description}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `trellis evidence …`: evidence items from the command line. */
export function registerEvidenceCommands(program: Command): void {
  const evidence = program.command('evidence').description('Evidence: files, links and notes that show controls are in place (7.5)');

  const withLinks = (command: Command) =>
    command
      .option('--control <id>', 'an Annex A control (A.6.2.6) or your own (org-controls:ID); repeatable', collect)
      .option('--requirement <fw:item>', 'a requirement, e.g. iso42001-2023:9.2 or "eu-ai-act-2024:Art. 12"; repeatable', collect)
      .option('--risk <id>', 'a risk (id or ref); repeatable', collect)
      .option('--system <id>', 'an AI system (id or ref); repeatable', collect)
      .option('--objective <id>', 'an AI objective (id or ref); repeatable', collect);

  withLinks(
    evidence
      .command('add')
      .description('Add evidence: a FILE (streamed to the server), or --link URL, or --note TEXT')
      .argument('[file]', 'the file to upload (see docs/user-guide/evidence.md for the accepted types)')
      .option('--link <url>', 'add a link (http or https) instead of a file')
      .option('--note <text>', 'add a note instead of a file'),
  )
    .option('--title <title>', 'title (a file defaults to its name)')
    .option('--description <text>', 'what it shows')
    .option('--owner <owner>', 'who keeps it current')
    .option('--effective <date>', 'effective from (YYYY-MM-DD, default today)')
    .option('--review-due <date>', 'expiry or review date (YYYY-MM-DD)')
    .option('--comment <text>', 'a note on this version')
    .option('--json', 'machine-readable output (the evidence item)')
    .action(async (file: string | undefined, opts: AddOptions, command: Command) => {
      const given = [file !== undefined, opts.link !== undefined, opts.note !== undefined].filter(Boolean).length;
      if (given !== 1) throw new CliExit('give exactly one of: a FILE, --link URL, --note TEXT', 2);
      const fields = {
        ...(opts.title !== undefined ? { title: opts.title } : {}),
        ...(opts.description !== undefined ? { description: opts.description } : {}),
        ...(opts.owner !== undefined ? { owner: opts.owner } : {}),
        ...(opts.effective !== undefined ? { effectiveDate: opts.effective } : {}),
        ...(opts.reviewDue !== undefined ? { reviewDue: opts.reviewDue } : {}),
        ...(opts.comment !== undefined ? { comment: opts.comment } : {}),
        links: linkTargets(opts),
      };
      const toSend = file === undefined ? null : fileToSend(file);
      const { client, base } = await orgBase(command);
      let item: EvidenceDetail;
      if (toSend) {
        const progress = toSend.size >= PROGRESS_FROM ? progressReporter('Uploading', 'bytes', toSend.size) : null;
        try {
          item = await client.upload<EvidenceDetail>('POST', `${base}/evidence`, {
            fields: { metadata: JSON.stringify(fields) },
            file: { field: 'file', path: toSend.path, name: toSend.name, contentType: 'application/octet-stream', size: toSend.size },
            onProgress: (sent) => progress?.update(sent),
          });
        } finally {
          progress?.stop();
        }
      } else {
        const title = opts.title ?? (opts.link !== undefined ? opts.link : undefined);
        if (title === undefined) throw new CliExit('a note needs --title', 2);
        const body = opts.link !== undefined ? { kind: 'link', url: opts.link } : { kind: 'note', note: opts.note };
        item = await client.request<EvidenceDetail>('POST', `${base}/evidence`, { ...body, ...fields, title });
      }
      if (opts.json) return printJson(item);
      process.stdout.write(`Added ${item.ref} (${item.kind}, ${item.state})\n`);
    });

  evidence
    .command('add-version')
    .description(
      'Add a new version of an item (the earlier ones are kept): a FILE for a file, --link URL for a link, --note TEXT for a note',
    )
    .argument('<ref>', 'EV-0001 or the id')
    .argument('[file]', 'the new file')
    .option('--link <url>', 'the new URL of a link')
    .option('--note <text>', 'the new text of a note')
    .option('--comment <text>', 'what changed')
    .option('--effective <date>', 'a new effective date (YYYY-MM-DD)')
    .option('--review-due <date>', 'a new expiry or review date (YYYY-MM-DD)')
    .option('--json', 'machine-readable output (the evidence item)')
    .action(async (ref: string, file: string | undefined, opts: AddOptions, command: Command) => {
      const given = [file !== undefined, opts.link !== undefined, opts.note !== undefined].filter(Boolean).length;
      if (given !== 1) throw new CliExit('give exactly one of: a FILE, --link URL, --note TEXT', 2);
      const toSend = file === undefined ? null : fileToSend(file);
      const { client, base } = await orgBase(command);
      const current = await client.get<EvidenceDetail>(`${base}/evidence/${encodeURIComponent(ref)}`);
      const fields = {
        version: current.version,
        ...(opts.comment !== undefined ? { comment: opts.comment } : {}),
        ...(opts.effective !== undefined ? { effectiveDate: opts.effective } : {}),
        ...(opts.reviewDue !== undefined ? { reviewDue: opts.reviewDue } : {}),
      };
      const url = `${base}/evidence/${encodeURIComponent(current.id)}/versions`;
      let item: EvidenceDetail;
      if (toSend) {
        const progress = toSend.size >= PROGRESS_FROM ? progressReporter('Uploading', 'bytes', toSend.size) : null;
        try {
          item = await client.upload<EvidenceDetail>('POST', url, {
            fields: { metadata: JSON.stringify(fields) },
            file: { field: 'file', path: toSend.path, name: toSend.name, contentType: 'application/octet-stream', size: toSend.size },
            onProgress: (sent) => progress?.update(sent),
          });
        } finally {
          progress?.stop();
        }
      } else {
        item = await client.request<EvidenceDetail>('POST', url, {
          ...fields,
          ...(opts.link !== undefined ? { url: opts.link } : { note: opts.note }),
        });
      }
      if (opts.json) return printJson(item);
      process.stdout.write(`${item.ref} is now at version ${item.currentVersion} (${item.state})\n`);
    });

  evidence
    .command('list')
    .description('List evidence (all pages)')
    .option('--control <id>', 'linked to this control (A.6.2.6 or org-controls:ID)')
    .option('--requirement <fw:item>', 'linked to this requirement')
    .option('--risk <id>', 'linked to this risk (id or ref)')
    .option('--system <id>', 'linked to this AI system (id or ref)')
    .option('--objective <id>', 'linked to this AI objective (id or ref)')
    .option('--state <states>', 'comma-separated: current, expiring, expired')
    .option('--kind <kinds>', 'comma-separated: file, link, note, record')
    .option('--q <text>', 'text in the ref, title or description')
    .option('--json', 'machine-readable output (an array of evidence items)')
    .action(
      async (
        opts: {
          control?: string;
          requirement?: string;
          risk?: string;
          system?: string;
          objective?: string;
          state?: string;
          kind?: string;
          q?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const { client, base } = await orgBase(command);
        const params = new URLSearchParams({ pageSize: '500' });
        if (opts.control) params.set('control', opts.control);
        if (opts.requirement) params.set('requirement', opts.requirement);
        if (opts.risk) params.set('riskId', opts.risk);
        if (opts.system) params.set('systemId', opts.system);
        if (opts.objective) params.set('objectiveId', opts.objective);
        if (opts.q) params.set('q', opts.q);
        for (const s of opts.state?.split(',') ?? []) if (s.trim()) params.append('state', s.trim());
        for (const k of opts.kind?.split(',') ?? []) if (k.trim()) params.append('kind', k.trim());
        const items: EvidenceList['items'] = [];
        let progress: ReturnType<typeof progressReporter> | null = null;
        for (let page = 1; ; page += 1) {
          params.set('page', String(page));
          const result = await client.get<EvidenceList>(`${base}/evidence?${params.toString()}`);
          items.push(...result.items);
          if (page === 1 && result.total > 500) progress = progressReporter('Reading', 'items', result.total);
          progress?.update(items.length);
          if (result.items.length < 500 || items.length >= result.total) break;
        }
        progress?.stop();
        if (opts.json) return printJson(items);
        printTable(
          items.map((e) => ({
            ref: e.ref,
            kind: e.kind,
            title: e.title,
            state: e.state,
            'review due': e.reviewDue ?? '',
            owner: e.owner,
            controls: e.links
              .filter((l) => l.type === 'control')
              .map((l) => l.target)
              .join(' '),
          })),
          ['ref', 'kind', 'title', 'state', 'review due', 'owner', 'controls'],
        );
      },
    );

  evidence
    .command('show')
    .description('Show one evidence item with its versions and links')
    .argument('<ref>', 'EV-0001 or the id')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, opts: { json?: boolean }, command: Command) => {
      const { client, base } = await orgBase(command);
      const item = await client.get<EvidenceDetail>(`${base}/evidence/${encodeURIComponent(ref)}`);
      if (opts.json) return printJson(item);
      printItem(item);
    });

  evidence
    .command('download')
    .description("Download a file item's content (the current version unless --file-version); the SHA-256 is checked")
    .argument('<ref>', 'EV-0001 or the id')
    .requiredOption('--out <file>', 'where to write it')
    // Not --version: the program's own --version (print Trellis's version) is recognised anywhere on the line.
    .option('--file-version <n>', 'the version number (default: the current version)')
    .option('--force', 'replace --out if it exists')
    .action(async (ref: string, opts: { out: string; fileVersion?: string; force?: boolean }, command: Command) => {
      if (opts.fileVersion !== undefined && !/^[1-9]\d{0,6}$/.test(opts.fileVersion)) {
        throw new CliExit('--file-version must be a version number (1, 2, …)', 2);
      }
      if (fs.existsSync(opts.out) && !opts.force) throw new CliExit(`${opts.out} exists; pass --force to replace it`, 2);
      const { client, base } = await orgBase(command);
      const item = await client.get<EvidenceDetail>(`${base}/evidence/${encodeURIComponent(ref)}`);
      const number = opts.fileVersion === undefined ? item.currentVersion : Number(opts.fileVersion);
      const version = item.versions.find((v) => v.number === number);
      if (!version) throw new CliExit(`${item.ref} has no version ${number} (it has ${item.currentVersion})`, 2);
      if (!version.contentUrl || !version.sha256) throw new CliExit(`version ${number} of ${item.ref} is a ${item.kind}, not a file`, 2);
      const total = version.size ?? 0;
      const progress = total >= PROGRESS_FROM ? progressReporter('Downloading', 'bytes', total) : null;
      let got: { size: number; sha256: string };
      try {
        got = await client.downloadTo(version.contentUrl, opts.out, (received) => progress?.update(received));
      } finally {
        progress?.stop();
      }
      if (got.sha256 !== version.sha256) {
        fs.rmSync(opts.out, { force: true });
        throw new CliExit(`the download of ${item.ref} v${number} does not match its SHA-256; nothing was kept`);
      }
      process.stderr.write(`Wrote ${opts.out} (${item.ref} v${number}, ${formatSize(got.size)}, sha256 ${got.sha256})\n`);
    });
}
