import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CrosswalkFile, FrameworkFile } from '../../domain/schemas/catalog.schemas.ts';
import { Catalog } from './catalog.ts';
import { catalogError, parseCatalogDocument } from './catalog-document.ts';

export const builtInCatalogDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../catalog');

/**
 * Loads and validates every framework and crosswalk under `dir` (frameworks/ and
 * crosswalks/, YAML or JSON). A bad file stops the load with an error naming the
 * file, the line, the entry and the problem.
 */
export function loadCatalogDir(dir: string = builtInCatalogDir): Catalog {
  const read = (sub: string) => {
    const folder = path.join(dir, sub);
    if (!fs.existsSync(folder)) return [];
    return fs
      .readdirSync(folder)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => ({ file: path.join('catalog', sub, f), text: fs.readFileSync(path.join(folder, f), 'utf8') }));
  };
  const frameworks: { framework: FrameworkFile; origin: 'built-in' }[] = [];
  const seen = new Map<string, string>();
  for (const { file, text } of read('frameworks')) {
    const doc = parseCatalogDocument(text, file);
    if (doc.type !== 'framework')
      throw catalogError({ file, line: null, entry: null, path: '', problem: 'is a crosswalk; put it in catalog/crosswalks/' });
    const other = seen.get(doc.framework.id);
    if (other)
      throw catalogError({
        file,
        line: null,
        entry: null,
        path: 'id',
        problem: `repeats the framework id "${doc.framework.id}" of ${other}`,
      });
    seen.set(doc.framework.id, file);
    frameworks.push({ framework: doc.framework, origin: 'built-in' });
  }
  const crosswalks: { crosswalk: CrosswalkFile; file: string }[] = [];
  for (const { file, text } of read('crosswalks')) {
    const doc = parseCatalogDocument(text, file);
    if (doc.type !== 'crosswalk')
      throw catalogError({ file, line: null, entry: null, path: '', problem: 'is a framework; put it in catalog/frameworks/' });
    crosswalks.push({ crosswalk: doc.crosswalk, file });
  }
  return new Catalog(frameworks, crosswalks);
}
