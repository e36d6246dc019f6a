import type { Executor } from '../../db/database.ts';
import { AppError } from '../../domain/errors.ts';
import {
  evidenceControlFrameworks,
  type EvidenceLink,
  type EvidenceTargetType,
  type ParsedLinkTargets,
} from '../../domain/schemas/evidence.schemas.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { linkedRecords, resolveRecords, type EvidenceLinkRow } from './evidence.repository.ts';

/** One link target as stored: `framework` is '' for risks, AI systems and AI objectives, `target` their id. */
export interface LinkTarget {
  target_type: EvidenceTargetType;
  framework: string;
  target: string;
}

export function linkKey(l: LinkTarget): string {
  return `${l.target_type}\u0000${l.framework}\u0000${l.target}`;
}

const controlFrameworks: readonly string[] = evidenceControlFrameworks;

/**
 * Checks what an evidence item is to be linked to and turns it into link rows: controls must be
 * controls of Annex A or of the organization's own controls, requirements any other item of a
 * framework in the organization's catalog, risks, AI systems and AI objectives records of the organization.
 * Duplicates collapse.
 * @throws AppError `validation_failed` naming each bad entry (e.g. `body.links.controls.0`).
 */
export async function resolveLinkTargets(
  db: Executor,
  orgId: string,
  catalog: Catalog,
  targets: ParsedLinkTargets,
  path: string,
): Promise<LinkTarget[]> {
  const issues: { path: string; message: string }[] = [];
  const out = new Map<string, LinkTarget>();
  const add = (l: LinkTarget) => out.set(linkKey(l), l);

  targets.controls.forEach(({ framework, control }, i) => {
    const item = catalog.frameworks.get(framework)?.items.get(control);
    if (!item) {
      const where = framework === 'org-controls' ? 'your own controls' : 'Annex A of ISO/IEC 42001';
      issues.push({ path: `${path}.controls.${i}`, message: `no control "${control}" in ${where}` });
    } else if (item.kind !== 'control') {
      issues.push({ path: `${path}.controls.${i}`, message: `${control} is a ${item.kind}, not a control: link it under requirements` });
    } else add({ target_type: 'control', framework, target: control });
  });

  targets.requirements.forEach(({ framework, item: id }, i) => {
    const fw = catalog.frameworks.get(framework);
    const item = fw?.items.get(id);
    if (!fw) issues.push({ path: `${path}.requirements.${i}`, message: `no framework "${framework}" in your catalog` });
    else if (!item) issues.push({ path: `${path}.requirements.${i}`, message: `no item "${id}" in ${framework}` });
    else if (controlFrameworks.includes(framework) && item.kind === 'control') {
      issues.push({ path: `${path}.requirements.${i}`, message: `${id} is a control: link it under controls` });
    } else add({ target_type: 'requirement', framework, target: id });
  });

  for (const [key, table, type, label] of [
    ['risks', 'risks', 'risk', 'risk'],
    ['systems', 'ai_systems', 'ai-system', 'AI system'],
    ['objectives', 'ai_objectives', 'objective', 'AI objective'],
  ] as const) {
    const wanted = targets[key];
    if (wanted.length === 0) continue;
    const found = await resolveRecords(db, orgId, table, wanted);
    wanted.forEach((idOrRef, i) => {
      const id = found.get(idOrRef);
      if (id) add({ target_type: type, framework: '', target: id });
      else issues.push({ path: `${path}.${key}.${i}`, message: `no ${label} "${idOrRef}" in this organization` });
    });
  }

  if (issues.length) throw new AppError('validation_failed', `${issues[0]?.path}: ${issues[0]?.message}`, { issues });
  return [...out.values()];
}

const byRef = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

const typeOrder: Record<EvidenceTargetType, number> = { control: 0, requirement: 1, risk: 2, 'ai-system': 3, objective: 4 };

/** Links as the API shows them: with the title of what they point at, controls first, records by ref. */
export async function presentLinks(
  db: Executor,
  orgId: string,
  catalog: Catalog,
  links: EvidenceLinkRow[],
  records?: Map<string, { ref: string; title: string }>,
): Promise<EvidenceLink[]> {
  const known = records ?? (await linkedRecords(db, orgId, links));
  return links
    .map((l) => {
      const type = l.target_type as EvidenceTargetType;
      if (type === 'control' || type === 'requirement') {
        const title = catalog.frameworks.get(l.framework)?.items.get(l.target)?.title ?? null;
        return { type, framework: l.framework, target: l.target, ref: null, title };
      }
      const record = known.get(`${type}:${l.target}`);
      return { type, framework: '', target: l.target, ref: record?.ref ?? null, title: record?.title ?? null };
    })
    .sort((a, b) => typeOrder[a.type] - typeOrder[b.type] || (a.ref !== null && b.ref !== null ? byRef(a.ref, b.ref) : 0));
}
