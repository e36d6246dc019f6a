import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ReadinessRule } from '../../domain/schemas/readiness.schemas.ts';
import { readinessGroups, readinessRules } from './readiness-rules.ts';

/**
 * The rule reference in docs/user-guide/readiness.md is generated from the rules, between two
 * markers; readiness-rules.test.ts fails when it is stale. Regenerate it with
 * `node --import tsx src/features/readiness/readiness-doc.ts`.
 */

export const DOC_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/user-guide/readiness.md');
export const DOC_START = '<!-- readiness-rules:start (generated from src/features/readiness/readiness-rules.ts) -->';
export const DOC_END = '<!-- readiness-rules:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** The rule reference: one table per clause and per Annex A area, in catalog order. */
export function rulesMarkdown(rules: readonly ReadinessRule[] = readinessRules): string {
  const out: string[] = [];
  for (const g of [...readinessGroups.clauses, ...readinessGroups.annexA]) {
    const mine = rules.filter((r) => r.group === g.id);
    if (mine.length === 0) continue;
    out.push(`### ${g.id.startsWith('A.') ? g.id : `Clause ${g.id}`} — ${g.title}`, '');
    out.push('| Rule | Requirement | What an auditor asks for | Passes when | Priority | Where it is fixed |');
    out.push('| --- | --- | --- | --- | --- | --- |');
    for (const r of mine) {
      const fix = `${r.fix.label}: \`${r.fix.path}\`${r.fix.cli ? ` or \`${r.fix.cli}\`` : ''}`;
      out.push(`| \`${r.id}\` | ${r.requirement} | ${cell(r.asks)} | ${cell(r.passesWhen)} | ${r.priority} | ${cell(fix)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** The document with its generated section replaced. */
export function withRules(doc: string, rules: readonly ReadinessRule[] = readinessRules): string {
  const start = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  if (start < 0 || end < start) throw new Error(`${DOC_PATH}: the markers ${DOC_START} … ${DOC_END} are missing`);
  return `${doc.slice(0, start + DOC_START.length)}\n\n${rulesMarkdown(rules)}\n${doc.slice(end)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  fs.writeFileSync(DOC_PATH, withRules(fs.readFileSync(DOC_PATH, 'utf8')));
  process.stdout.write(`Updated ${path.relative(process.cwd(), DOC_PATH)} (${readinessRules.length} rules)\n`);
}
