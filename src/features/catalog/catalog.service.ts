import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '../../db/database.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { AppError } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import type { CatalogItem, FrameworkFile, ItemChanges, OrganizationControlCreate } from '../../domain/schemas/catalog.schemas.ts';
import { nowIso } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import { catalogError, parseCatalogDocument, type CatalogDocument } from './catalog-document.ts';
import { Catalog, type LoadedFramework } from './catalog.ts';
import {
  insertDocument,
  listCurrentDocumentIds,
  listCurrentDocuments,
  listDocumentContents,
  listDocumentVersions,
  supersedeDocument,
} from './catalog.repository.ts';
import { fromOscalCatalog, toOscalCatalog, type OscalCatalog } from './oscal.ts';
import { validateOscalCatalog } from './oscal-schema.ts';

// Combined catalogs keyed by the ids of the documents they were built from. A document row
// never changes once written (a new version is a new row), so the key alone says whether an
// entry is current: nothing to invalidate, and every server node agrees.
const combined = new WeakMap<Catalog, Map<string, Catalog>>();
const COMBINED_CACHE_SIZE = 200;

/**
 * The catalog an organization sees: the built-in frameworks and crosswalks plus its own
 * imported ones. Asks the database which documents are current on every call; parses and
 * indexes them only when that set changed.
 */
export async function catalogForOrg(db: Db, builtIn: Catalog, principal: OrgPrincipal): Promise<Catalog> {
  requirePermission(principal, 'records.read');
  const ids = await listCurrentDocumentIds(db.kysely, principal.orgId);
  if (ids.length === 0) return builtIn;
  const key = ids.join(',');
  let cache = combined.get(builtIn);
  if (!cache) {
    cache = new Map();
    combined.set(builtIn, cache);
  }
  const hit = cache.get(key);
  if (hit) return hit;
  const rows = new Map((await listDocumentContents(db.kysely, ids)).map((r) => [r.id, r.content]));
  const catalog = combine(
    builtIn,
    ids.map((id) => JSON.parse(rows.get(id) ?? 'null') as CatalogDocument),
  );
  if (cache.size >= COMBINED_CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, catalog);
  return catalog;
}

function combine(builtIn: Catalog, docs: CatalogDocument[]): Catalog {
  const frameworks = [...builtIn.frameworks.values()].map((f) => ({ framework: f.framework, origin: f.origin }));
  const crosswalks = builtIn.crosswalks.map((crosswalk) => ({ crosswalk, file: `built-in crosswalk ${crosswalk.id}` }));
  for (const doc of docs) {
    if (doc.type === 'framework') frameworks.push({ framework: doc.framework, origin: 'organization' });
    else crosswalks.push({ crosswalk: doc.crosswalk, file: `crosswalk ${doc.crosswalk.id}` });
  }
  return new Catalog(frameworks, crosswalks);
}

function kindCounts(fw: LoadedFramework): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of fw.framework.items) out[item.kind] = (out[item.kind] ?? 0) + 1;
  return out;
}

export function summarizeFramework(fw: LoadedFramework) {
  const f = fw.framework;
  return {
    id: f.id,
    name: f.name,
    shortName: f.shortName,
    version: f.version,
    publisher: f.publisher,
    origin: fw.origin,
    requirementCount: f.items.length,
    kinds: kindCounts(fw),
  };
}

function row(item: CatalogItem) {
  return { id: item.id, kind: item.kind, title: item.title, parent: item.parent ?? null, group: item.group ?? null };
}

export function listFrameworks(catalog: Catalog) {
  return [...catalog.frameworks.values()].map(summarizeFramework);
}

export function describeFramework(catalog: Catalog, id: string) {
  const fw = catalog.framework(id);
  return {
    ...summarizeFramework(fw),
    description: fw.framework.description,
    licence: fw.framework.licence,
    url: fw.framework.url ?? null,
    groups: fw.framework.groups,
    items: fw.framework.items.map(row),
  };
}

/** One item with its place in the tree and what it maps to in every other framework. */
export function describeItem(catalog: Catalog, frameworkId: string, itemId: string) {
  const fw = catalog.framework(frameworkId);
  const item = catalog.item(frameworkId, itemId);
  const ancestors: CatalogItem[] = [];
  for (let p = item.parent; p !== undefined; p = fw.items.get(p)?.parent) {
    const parent = fw.items.get(p);
    if (!parent) break;
    ancestors.unshift(parent);
  }
  const links = catalog.linksOf(frameworkId, itemId).map((link) => {
    const other = catalog.framework(link.frameworkId);
    const target = catalog.item(link.frameworkId, link.itemId);
    return {
      frameworkId: link.frameworkId,
      frameworkName: other.framework.shortName,
      itemId: link.itemId,
      title: target.title,
      kind: target.kind,
      relationship: link.relationship,
      rationale: link.rationale,
      source: link.source,
    };
  });
  return {
    frameworkId,
    frameworkName: fw.framework.shortName,
    item,
    ancestors: ancestors.map(row),
    children: (fw.children.get(itemId) ?? [])
      .map((id) => fw.items.get(id))
      .filter((i): i is CatalogItem => i !== undefined)
      .map(row),
    links,
  };
}

/**
 * How much of `targetId` is covered by links to `sourceId`, per group of the target.
 * Counted over the target's leaf items (items without children): the requirements
 * themselves rather than the headings that hold them.
 */
export function coverage(catalog: Catalog, sourceId: string, targetId: string) {
  catalog.framework(sourceId);
  const target = catalog.framework(targetId);
  const leaves = target.framework.items.filter((i) => !target.children.has(i.id));
  const isCovered = (item: CatalogItem) => catalog.linksOf(targetId, item.id).some((l) => l.frameworkId === sourceId);
  const groupTitle = new Map(target.framework.groups.map((g) => [g.id, g.title]));
  const byGroup = new Map<string, { total: number; covered: number }>();
  const uncovered: CatalogItem[] = [];
  for (const item of leaves) {
    const g = item.group ?? '(no group)';
    const entry = byGroup.get(g) ?? { total: 0, covered: 0 };
    entry.total += 1;
    if (isCovered(item)) entry.covered += 1;
    else uncovered.push(item);
    byGroup.set(g, entry);
  }
  const order = [...target.framework.groups.map((g) => g.id), '(no group)'];
  const groups = order
    .filter((g) => byGroup.has(g))
    .map((g) => ({ id: g, title: groupTitle.get(g) ?? 'Other', ...(byGroup.get(g) ?? { total: 0, covered: 0 }) }));
  const covered = groups.reduce((a, g) => a + g.covered, 0);
  return { source: sourceId, target: targetId, total: leaves.length, covered, groups, uncovered: uncovered.map(row) };
}

/** Full-text search over ids, titles and every prose field of every framework. */
export function searchCatalog(catalog: Catalog, query: string, limit: number) {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  const hits: { score: number; frameworkId: string; frameworkName: string; item: CatalogItem; snippet: string | null }[] = [];
  for (const fw of catalog.frameworks.values()) {
    for (const item of fw.framework.items) {
      const id = item.id.toLowerCase();
      const title = item.title.toLowerCase();
      const body = [
        item.summary,
        item.text,
        item.guidance,
        item.example,
        ...(item.documentedInformation ?? []),
        ...(item.auditorAsks ?? []),
      ]
        .filter(Boolean)
        .join(' ');
      const lowerBody = body.toLowerCase();
      let score = 0;
      for (const term of terms) {
        if (id === term) score += 100;
        else if (id.startsWith(term)) score += 40;
        else if (title.includes(term)) score += 20;
        else if (lowerBody.includes(term)) score += 5;
        else {
          score = 0;
          break;
        }
      }
      if (score === 0) continue;
      const first = terms.map((t) => lowerBody.indexOf(t)).find((i) => i >= 0);
      const snippet = first === undefined ? null : `${first > 60 ? '…' : ''}${body.slice(Math.max(0, first - 60), first + 140).trim()}…`;
      hits.push({ score, frameworkId: fw.framework.id, frameworkName: fw.framework.shortName, item, snippet });
    }
  }
  hits.sort((a, b) => b.score - a.score);
  return hits
    .slice(0, limit)
    .map((h) => ({ ...row(h.item), frameworkId: h.frameworkId, frameworkName: h.frameworkName, snippet: h.snippet }));
}

export function exportOscal(catalog: Catalog, frameworkId: string): OscalCatalog {
  return toOscalCatalog(catalog.framework(frameworkId).framework);
}

/** What changed between two versions of a framework, by item id. */
export function diffFrameworks(before: FrameworkFile, after: FrameworkFile): ItemChanges {
  const old = new Map(before.items.map((i) => [i.id, canonicalJson(i)]));
  const neu = new Map(after.items.map((i) => [i.id, canonicalJson(i)]));
  return {
    added: [...neu.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !neu.has(id)),
    changed: [...neu.keys()].filter((id) => old.has(id) && old.get(id) !== neu.get(id)),
  };
}

/** Parses an upload: the Trellis format (YAML/JSON) or an OSCAL catalog (JSON), validated either way. */
export function parseImport(content: string, fileName: string): CatalogDocument {
  const trimmed = content.trimStart();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      json = undefined;
    }
    if (json !== null && typeof json === 'object' && 'catalog' in json) {
      const problems = validateOscalCatalog(json);
      const first = problems[0];
      if (first) {
        throw new AppError('validation_failed', `${fileName}: not a valid OSCAL 1.0.6 catalog: ${first.path} ${first.message}`, {
          issues: problems.map((p) => ({ path: p.path, message: p.message, file: fileName })),
        });
      }
      const framework = fromOscalCatalog(
        json,
        fileName
          .replace(/\.[a-z]+$/i, '')
          .toLowerCase()
          .replace(/[^a-z0-9.-]+/g, '-')
          .slice(0, 60) || 'imported',
      );
      return parseCatalogDocument(JSON.stringify(framework), fileName);
    }
  }
  return parseCatalogDocument(content, fileName);
}

/**
 * Imports an organization's own framework or crosswalk. A framework id already present
 * with another version becomes a new version: the old one is kept (superseded), work
 * linked to unchanged ids stays linked, and the changes are returned and recorded.
 * @throws AppError `conflict` for a built-in id or an existing version,
 *   `validation_failed` for a bad file (naming line and entry).
 */
export async function importCatalogDocument(db: Db, builtIn: Catalog, principal: OrgPrincipal, content: string, fileName: string) {
  requirePermission(principal, 'catalog.manage');
  const doc = parseImport(content, fileName);
  const type = doc.type;
  const documentId = doc.type === 'framework' ? doc.framework.id : doc.crosswalk.id;
  const version = doc.type === 'framework' ? doc.framework.version : nowIso();
  if (doc.type === 'framework' && builtIn.frameworks.has(documentId)) {
    throw new AppError('conflict', `"${documentId}" is a built-in framework; give your framework another id`, {
      issues: [{ path: 'id', message: 'built-in id' }],
    });
  }
  return inTransaction(db, async (trx) => {
    const current = await listCurrentDocuments(trx, principal.orgId);
    const previous = current.find((d) => d.type === type && d.document_id === documentId);
    const versions = await listDocumentVersions(trx, principal.orgId, type, documentId);
    if (doc.type === 'framework' && versions.some((v) => v.version === version)) {
      throw new AppError('conflict', `version ${version} of ${documentId} was imported already; raise the version to load a new one`, {
        issues: [{ path: 'version', message: 'already imported' }],
      });
    }
    const others = current.filter((d) => d !== previous).map((d) => JSON.parse(d.content) as CatalogDocument);
    // Build the catalog as it would be after the import: crosswalk endpoints must exist.
    let after: Catalog;
    try {
      after = combine(builtIn, [...others, doc]);
    } catch (error) {
      if (error instanceof AppError)
        throw new AppError(error.code, error.message.replace(/^crosswalk [^:]+:/, `${fileName}:`), error.details);
      throw error;
    }
    // Crosswalks of the organization that point at items this version removes would break.
    if (doc.type === 'framework') {
      const fwItems = after.framework(documentId).items;
      for (const other of others) {
        if (other.type !== 'crosswalk') continue;
        const bad = other.crosswalk.links.find(
          (l) => (other.crosswalk.from === documentId && !fwItems.has(l.from)) || (other.crosswalk.to === documentId && !fwItems.has(l.to)),
        );
        if (bad) {
          throw catalogError({
            file: fileName,
            line: null,
            entry: null,
            path: 'items',
            problem: `removes an item that your crosswalk ${other.crosswalk.id} links (${bad.from} → ${bad.to}); update the crosswalk first`,
          });
        }
      }
    }
    const changes =
      previous && doc.type === 'framework'
        ? diffFrameworks((JSON.parse(previous.content) as { framework: FrameworkFile }).framework, doc.framework)
        : null;
    if (previous) await supersedeDocument(trx, principal.orgId, previous.id);
    const id = randomUUID();
    await insertDocument(trx, {
      id,
      org_id: principal.orgId,
      type,
      document_id: documentId,
      version,
      status: 'current',
      content: JSON.stringify(doc),
      changes: changes ? JSON.stringify(changes) : null,
      created_at: nowIso(),
      created_by: principal.userId,
    });
    const itemCount = doc.type === 'framework' ? doc.framework.items.length : doc.crosswalk.links.length;
    const result = { type, id: documentId, version, itemCount, previousVersion: previous?.version ?? null, changes };
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: `catalog.${type}-imported`,
      entityType: `catalog-${type}`,
      entityId: id,
      before: previous ? { id: documentId, version: previous.version } : undefined,
      after: result,
    });
    return result;
  });
}

export async function listVersions(db: Db, principal: OrgPrincipal, builtIn: Catalog, frameworkId: string) {
  requirePermission(principal, 'records.read');
  const rows = await listDocumentVersions(db.kysely, principal.orgId, 'framework', frameworkId);
  if (rows.length === 0) {
    const fw = builtIn.framework(frameworkId);
    return [{ version: fw.framework.version, status: 'current' as const, createdAt: '', changes: null }];
  }
  return rows.map((r) => ({
    version: r.version,
    status: r.status,
    createdAt: r.created_at,
    changes: r.changes ? (JSON.parse(r.changes) as ItemChanges) : null,
  }));
}

export const ORGANIZATION_CONTROLS_ID = 'org-controls';

/**
 * Adds one of the organization's own controls beside Annex A. They live in the
 * organization's framework `org-controls`; each addition is a new version of it.
 * @throws AppError `conflict` when the control id exists.
 */
export async function addOrganizationControl(
  db: Db,
  builtIn: Catalog,
  principal: OrgPrincipal,
  input: OrganizationControlCreate,
  orgName: string,
) {
  requirePermission(principal, 'catalog.manage');
  const current = (await listCurrentDocuments(db.kysely, principal.orgId)).find(
    (d) => d.type === 'framework' && d.document_id === ORGANIZATION_CONTROLS_ID,
  );
  const previous = current ? (JSON.parse(current.content) as { framework: FrameworkFile }).framework : null;
  if (previous?.items.some((i) => i.id === input.id)) {
    throw new AppError('conflict', `the control ${input.id} exists already`, { issues: [{ path: 'body.id', message: 'exists already' }] });
  }
  const next: FrameworkFile = {
    id: ORGANIZATION_CONTROLS_ID,
    name: `${orgName}: organization controls`,
    shortName: 'Own controls',
    version: String(Number(previous?.version ?? '0') + 1),
    publisher: orgName,
    description: 'Controls this organization added beside ISO/IEC 42001 Annex A.',
    licence: `Written by ${orgName}.`,
    groups: [],
    items: [
      ...(previous?.items ?? []),
      {
        id: input.id,
        kind: 'control',
        title: input.title,
        ...(input.summary ? { summary: input.summary } : {}),
        ...(input.guidance ? { guidance: input.guidance } : {}),
      },
    ],
  };
  return importCatalogDocument(db, builtIn, principal, JSON.stringify(next), 'organization controls');
}
