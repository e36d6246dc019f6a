import { createHash } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import { itemKinds, type CatalogItem, type FrameworkFile, type ItemKind } from '../../domain/schemas/catalog.schemas.ts';

/**
 * Conversion between Trellis frameworks and OSCAL 1.0.6 catalogs. Every item becomes an
 * OSCAL control (its kind in `class`, its id in a `label` prop, nested under its parent);
 * prose fields become named parts, so an exported catalog imports back unchanged.
 */
export const OSCAL_VERSION = '1.0.6';

interface OscalPart {
  id?: string;
  name: string;
  title?: string;
  prose?: string;
  parts?: OscalPart[];
}
interface OscalProp {
  name: string;
  value: string;
}
interface OscalControl {
  id: string;
  class?: string;
  title: string;
  props?: OscalProp[];
  parts?: OscalPart[];
  controls?: OscalControl[];
}
interface OscalGroup {
  id?: string;
  class?: string;
  title: string;
  props?: OscalProp[];
  controls?: OscalControl[];
  groups?: OscalGroup[];
}
export interface OscalCatalog {
  catalog: {
    uuid: string;
    metadata: {
      title: string;
      'last-modified': string;
      version: string;
      'oscal-version': string;
      props?: OscalProp[];
      links?: { href: string; rel?: string }[];
      remarks?: string;
    };
    groups?: OscalGroup[];
    controls?: OscalControl[];
  };
}

/** A stable UUID (version 5 layout) derived from text, so the same framework exports the same uuid. */
function stableUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** OSCAL ids are tokens: a letter or underscore first, then letters, digits, dots, hyphens, underscores. */
function tokenFor(raw: string, prefix: string, used: Set<string>): string {
  let base = raw
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  if (!/^[a-z_]/.test(base)) base = `${prefix}-${base}`.replace(/-$/, '');
  let candidate = base;
  for (let n = 2; used.has(candidate); n += 1) candidate = `${base}-${n}`;
  used.add(candidate);
  return candidate;
}

function listPart(name: string, entries: string[] | undefined): OscalPart[] {
  if (!entries || entries.length === 0) return [];
  return [{ name, parts: entries.map((prose) => ({ name: 'item', prose })) }];
}

function prosePart(name: string, prose: string | undefined): OscalPart[] {
  return prose ? [{ name, prose }] : [];
}

export function toOscalCatalog(fw: FrameworkFile, lastModified = new Date().toISOString()): OscalCatalog {
  const used = new Set<string>();
  const children = new Map<string, CatalogItem[]>();
  for (const item of fw.items) {
    if (item.parent === undefined) continue;
    children.set(item.parent, [...(children.get(item.parent) ?? []), item]);
  }
  const toControl = (item: CatalogItem): OscalControl => {
    const props: OscalProp[] = [{ name: 'label', value: item.id }];
    if (item.group) props.push({ name: 'group', value: item.group });
    const parts = [
      ...prosePart('overview', item.summary),
      ...prosePart('statement', item.text),
      ...listPart('documented-information', item.documentedInformation),
      ...listPart('auditor-asks', item.auditorAsks),
      ...prosePart('guidance', item.guidance),
      ...prosePart('example', item.example),
      ...listPart(
        'key-dates',
        item.keyDates?.map((d) => `${d.date}: ${d.what}`),
      ),
      ...prosePart('reference', item.reference),
    ];
    const kids = (children.get(item.id) ?? []).map(toControl);
    return {
      id: tokenFor(item.id, item.kind, used),
      class: item.kind,
      title: item.title,
      props,
      ...(parts.length ? { parts } : {}),
      ...(kids.length ? { controls: kids } : {}),
    };
  };
  const top = fw.items.filter((i) => i.parent === undefined);
  const groupUsed = new Set<string>();
  const groups: OscalGroup[] = fw.groups
    .map((g) => ({
      id: tokenFor(g.id, 'group', groupUsed),
      title: g.title,
      props: [{ name: 'label', value: g.id }],
      controls: top.filter((i) => i.group === g.id).map(toControl),
    }))
    .filter((g) => g.controls.length > 0);
  const ungrouped = top.filter((i) => i.group === undefined || !fw.groups.some((g) => g.id === i.group)).map(toControl);
  return {
    catalog: {
      uuid: stableUuid(`${fw.id}@${fw.version}`),
      metadata: {
        title: fw.name,
        'last-modified': lastModified,
        version: fw.version,
        'oscal-version': OSCAL_VERSION,
        props: [
          { name: 'framework-id', value: fw.id },
          { name: 'short-name', value: fw.shortName },
          { name: 'publisher', value: fw.publisher },
        ],
        ...(fw.url ? { links: [{ href: fw.url, rel: 'reference' }] } : {}),
        remarks: `${fw.description}\n\nLicence: ${fw.licence}`,
      },
      ...(groups.length ? { groups } : {}),
      ...(ungrouped.length ? { controls: ungrouped } : {}),
    },
  };
}

function prop(props: OscalProp[] | undefined, name: string): string | undefined {
  return props?.find((p) => p.name === name)?.value;
}

function proseOf(parts: OscalPart[] | undefined, name: string): string | undefined {
  const found = parts?.filter((p) => p.name === name) ?? [];
  const flatten = (p: OscalPart): string[] => [p.prose ?? '', ...(p.parts ?? []).flatMap(flatten)].filter((s) => s.trim() !== '');
  const text = found.flatMap(flatten).join('\n');
  return text === '' ? undefined : text;
}

function listOf(parts: OscalPart[] | undefined, name: string): string[] | undefined {
  const part = parts?.find((p) => p.name === name);
  const items = part?.parts?.map((p) => p.prose ?? '').filter((s) => s.trim() !== '');
  return items && items.length > 0 ? items : undefined;
}

/**
 * Reads an OSCAL catalog (Trellis's own exports or any other publisher's) as a framework.
 * The result still goes through the framework schema, so every limit applies.
 * @throws AppError `validation_failed` when the document is not an OSCAL catalog.
 */
export function fromOscalCatalog(doc: unknown, fallbackId: string): FrameworkFile {
  const catalog = (doc as Partial<OscalCatalog> | null)?.catalog;
  if (!catalog || typeof catalog !== 'object' || !catalog.metadata) {
    throw new AppError('validation_failed', 'not an OSCAL catalog: the document has no catalog.metadata');
  }
  const meta = catalog.metadata;
  const items: CatalogItem[] = [];
  const groups: { id: string; title: string }[] = [];
  const isKind = (v: string | undefined): v is ItemKind => (itemKinds as readonly string[]).includes(v ?? '');
  const visit = (control: OscalControl, parent: string | undefined, group: string | undefined) => {
    const id = prop(control.props, 'label') ?? control.id;
    const ownGroup = prop(control.props, 'group') ?? group;
    const keyDates = listOf(control.parts, 'key-dates')
      ?.map((line) => /^(\d{4}-\d{2}-\d{2}): (.+)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ date: m[1] ?? '', what: m[2] ?? '' }));
    const item: CatalogItem = {
      id,
      kind: isKind(control.class) ? control.class : 'control',
      title: control.title,
      ...(parent !== undefined ? { parent } : {}),
      ...(ownGroup !== undefined ? { group: ownGroup } : {}),
    };
    const set = <K extends keyof CatalogItem>(key: K, value: CatalogItem[K] | undefined) => {
      if (value !== undefined) item[key] = value;
    };
    set('summary', proseOf(control.parts, 'overview'));
    // Other publishers put the requirement in a `statement` part.
    set('text', proseOf(control.parts, 'statement'));
    set('documentedInformation', listOf(control.parts, 'documented-information'));
    set('auditorAsks', listOf(control.parts, 'auditor-asks'));
    set('guidance', proseOf(control.parts, 'guidance'));
    set('example', proseOf(control.parts, 'example'));
    if (keyDates && keyDates.length > 0) set('keyDates', keyDates);
    set('reference', proseOf(control.parts, 'reference'));
    items.push(item);
    for (const child of control.controls ?? []) visit(child, id, ownGroup);
  };
  const visitGroup = (g: OscalGroup) => {
    const id = prop(g.props, 'label') ?? g.id ?? `group-${groups.length + 1}`;
    groups.push({ id, title: g.title });
    for (const c of g.controls ?? []) visit(c, undefined, id);
    for (const sub of g.groups ?? []) visitGroup(sub);
  };
  for (const g of catalog.groups ?? []) visitGroup(g);
  for (const c of catalog.controls ?? []) visit(c, undefined, undefined);
  const remarks = meta.remarks ?? '';
  const [description, licence] = remarks.includes('\n\nLicence: ') ? remarks.split('\n\nLicence: ') : [remarks, undefined];
  return {
    id: prop(meta.props, 'framework-id') ?? fallbackId,
    name: meta.title,
    shortName: prop(meta.props, 'short-name') ?? meta.title.slice(0, 60),
    version: meta.version,
    publisher: prop(meta.props, 'publisher') ?? 'unknown publisher (imported from OSCAL)',
    description: description?.trim() || meta.title,
    licence: licence?.trim() || 'as stated by the publisher of the imported OSCAL catalog',
    ...(meta.links?.[0]?.href && /^https?:\/\//.test(meta.links[0].href) ? { url: meta.links[0].href } : {}),
    groups,
    items,
  };
}
