import { AppError } from '../../domain/errors.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { ORGANIZATION_CONTROLS_ID } from '../catalog/catalog.service.ts';

/** The framework whose Annex A the SoA covers. */
export const ANNEX_A_FRAMEWORK = 'iso42001-2023';
/** The frameworks whose controls can carry an implementation: Annex A and the organization's own. */
export const CONTROL_FRAMEWORKS = [ANNEX_A_FRAMEWORK, ORGANIZATION_CONTROLS_ID] as const;
/** The frameworks a control's reuse is shown for, in this order. */
export const REUSE_FRAMEWORKS = ['iso27001-2022', 'nist-ai-rmf-1.0', 'eu-ai-act-2024'] as const;

const entriesOf = new WeakMap<Catalog, ControlEntry[]>();

export interface ControlEntry {
  framework: string;
  control: string;
  title: string;
  area: string;
  areaTitle: string;
}

/**
 * Every control an SoA lists, in order: the Annex A controls of ISO/IEC 42001 as the catalog
 * orders them, then the organization's own controls (when it has any).
 */
export function soaControls(catalog: Catalog): ControlEntry[] {
  // A Catalog never changes once built (an organization's new document makes a new one).
  const cached = entriesOf.get(catalog);
  if (cached) return cached;
  const out: ControlEntry[] = [];
  const annex = catalog.framework(ANNEX_A_FRAMEWORK);
  const groupTitle = new Map(annex.framework.groups.map((g) => [g.id, g.title.replace(/^Annex A\s*[—–-]\s*/, '')]));
  for (const item of annex.framework.items) {
    if (item.kind !== 'control') continue;
    const area = item.group ?? '';
    out.push({ framework: ANNEX_A_FRAMEWORK, control: item.id, title: item.title, area, areaTitle: groupTitle.get(area) ?? area });
  }
  const own = catalog.frameworks.get(ORGANIZATION_CONTROLS_ID);
  for (const item of own?.framework.items ?? []) {
    if (item.kind !== 'control') continue;
    out.push({
      framework: ORGANIZATION_CONTROLS_ID,
      control: item.id,
      title: item.title,
      area: ORGANIZATION_CONTROLS_ID,
      areaTitle: own?.framework.shortName ?? 'Own controls',
    });
  }
  entriesOf.set(catalog, out);
  return out;
}

/**
 * The control named by a request, from the organization's catalog.
 * @throws AppError `not_found` naming `params.framework` or `params.control`.
 */
export function resolveControl(catalog: Catalog, framework: string, control: string): ControlEntry {
  if (!(CONTROL_FRAMEWORKS as readonly string[]).includes(framework)) {
    throw new AppError('not_found', `controls are implemented for ${CONTROL_FRAMEWORKS.join(' or ')}, not "${framework}"`, {
      issues: [{ path: 'params.framework', message: `one of ${CONTROL_FRAMEWORKS.join(', ')}` }],
    });
  }
  const entry = soaControls(catalog).find((c) => c.framework === framework && c.control === control);
  if (!entry) {
    const what = framework === ANNEX_A_FRAMEWORK ? 'Annex A' : 'your own controls';
    throw new AppError('not_found', `${control} is not a control of ${what}`, {
      issues: [{ path: 'params.control', message: `no control "${control}" in ${framework}` }],
    });
  }
  return entry;
}

/** Catalog items of ISO/IEC 27001, the NIST AI RMF and the EU AI Act that the control also supports (crosswalks). */
export function alsoSupports(catalog: Catalog, framework: string, control: string) {
  const links = catalog.linksOf(framework, control).filter((l) => (REUSE_FRAMEWORKS as readonly string[]).includes(l.frameworkId));
  const order = (id: string) => (REUSE_FRAMEWORKS as readonly string[]).indexOf(id);
  return links
    .map((l) => ({
      framework: l.frameworkId,
      item: l.itemId,
      title: catalog.frameworks.get(l.frameworkId)?.items.get(l.itemId)?.title ?? l.itemId,
      relationship: l.relationship as string,
    }))
    .sort((a, b) => order(a.framework) - order(b.framework));
}
