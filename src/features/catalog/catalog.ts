import type { CatalogItem, CrosswalkFile, FrameworkFile, Relationship } from '../../domain/schemas/catalog.schemas.ts';
import { AppError } from '../../domain/errors.ts';
import { catalogError } from './catalog-document.ts';

export type FrameworkOrigin = 'built-in' | 'organization';

export interface LoadedFramework {
  framework: FrameworkFile;
  origin: FrameworkOrigin;
  items: Map<string, CatalogItem>;
  children: Map<string, string[]>;
}

/** One crosswalk link seen from one side: the other framework's item and how they relate. */
export interface ItemLink {
  frameworkId: string;
  itemId: string;
  relationship: Relationship;
  rationale: string;
  source: string;
  crosswalkId: string;
}

/** The relationship seen from the other side: A ⊂ B means B ⊃ A. */
export function inverseRelationship(r: Relationship): Relationship {
  return r === 'subset' ? 'superset' : r === 'superset' ? 'subset' : r;
}

/**
 * Frameworks and crosswalks, indexed for lookups in both directions. Immutable once
 * built: an organization's view is a new Catalog over the built-in one plus its own.
 */
export class Catalog {
  readonly frameworks = new Map<string, LoadedFramework>();
  readonly crosswalks: CrosswalkFile[] = [];
  readonly #links = new Map<string, ItemLink[]>();

  constructor(
    frameworks: { framework: FrameworkFile; origin: FrameworkOrigin }[],
    crosswalks: { crosswalk: CrosswalkFile; file: string }[],
  ) {
    for (const { framework, origin } of frameworks) {
      const items = new Map(framework.items.map((i) => [i.id, i]));
      const children = new Map<string, string[]>();
      for (const item of framework.items) {
        if (item.parent === undefined) continue;
        const list = children.get(item.parent) ?? [];
        list.push(item.id);
        children.set(item.parent, list);
      }
      this.frameworks.set(framework.id, { framework, origin, items, children });
    }
    for (const { crosswalk, file } of crosswalks) this.#addCrosswalk(crosswalk, file);
  }

  #addCrosswalk(crosswalk: CrosswalkFile, file: string): void {
    for (const side of ['from', 'to'] as const) {
      if (!this.frameworks.has(crosswalk[side])) {
        throw catalogError({
          file,
          line: null,
          entry: null,
          path: side,
          problem: `names framework "${crosswalk[side]}", which is not loaded`,
        });
      }
    }
    const from = this.frameworks.get(crosswalk.from);
    const to = this.frameworks.get(crosswalk.to);
    crosswalk.links.forEach((link, i) => {
      for (const [side, fw, id] of [
        ['from', from, link.from],
        ['to', to, link.to],
      ] as const) {
        if (!fw?.items.has(id)) {
          throw catalogError({
            file,
            line: null,
            entry: `link "${link.from}" → "${link.to}"`,
            path: `links[${i}].${side}`,
            problem: `names "${id}", which is not an item of ${crosswalk[side]}`,
          });
        }
      }
      this.#push(crosswalk.from, link.from, {
        frameworkId: crosswalk.to,
        itemId: link.to,
        relationship: link.relationship,
        rationale: link.rationale,
        source: crosswalk.source,
        crosswalkId: crosswalk.id,
      });
      this.#push(crosswalk.to, link.to, {
        frameworkId: crosswalk.from,
        itemId: link.from,
        relationship: inverseRelationship(link.relationship),
        rationale: link.rationale,
        source: crosswalk.source,
        crosswalkId: crosswalk.id,
      });
    });
    this.crosswalks.push(crosswalk);
  }

  #push(frameworkId: string, itemId: string, link: ItemLink): void {
    const key = `${frameworkId}\u0000${itemId}`;
    const list = this.#links.get(key) ?? [];
    list.push(link);
    this.#links.set(key, list);
  }

  /** @throws AppError `not_found` */
  framework(id: string): LoadedFramework {
    const fw = this.frameworks.get(id);
    if (!fw) throw new AppError('not_found', `no framework "${id}"`);
    return fw;
  }

  /** @throws AppError `not_found` */
  item(frameworkId: string, itemId: string): CatalogItem {
    const item = this.framework(frameworkId).items.get(itemId);
    if (!item) throw new AppError('not_found', `no item "${itemId}" in ${frameworkId}`);
    return item;
  }

  /** Every item of other frameworks this item is linked to, through any crosswalk, either direction. */
  linksOf(frameworkId: string, itemId: string): ItemLink[] {
    return this.#links.get(`${frameworkId}\u0000${itemId}`) ?? [];
  }

  /** Links between two frameworks, oriented from `fromId` to `toId` whichever way they were written. */
  crosswalkBetween(
    fromId: string,
    toId: string,
  ): { from: string; to: string; relationship: Relationship; rationale: string; source: string }[] {
    const from = this.framework(fromId);
    this.framework(toId);
    const out: { from: string; to: string; relationship: Relationship; rationale: string; source: string }[] = [];
    for (const item of from.framework.items) {
      for (const link of this.linksOf(fromId, item.id)) {
        if (link.frameworkId === toId)
          out.push({ from: item.id, to: link.itemId, relationship: link.relationship, rationale: link.rationale, source: link.source });
      }
    }
    return out;
  }
}
