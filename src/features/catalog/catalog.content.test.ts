import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadCatalogDir, builtInCatalogDir } from './catalog.loader.ts';
import { parseCatalogDocument } from './catalog-document.ts';
import { toOscalCatalog, fromOscalCatalog } from './oscal.ts';
import { validateOscalCatalog } from './oscal-schema.ts';

// The reference facts the catalog must match (shared/ sits beside the repository).
const referenceDir = path.resolve(builtInCatalogDir, '../../shared/reference');
const catalog = loadCatalogDir();
const byKind = (fwId: string, kind: string) => catalog.framework(fwId).framework.items.filter((i) => i.kind === kind);

test('ISO/IEC 42001: 38 Annex A controls in 9 areas, 10 objectives, every subclause, Annex C', () => {
  const controls = byKind('iso42001-2023', 'control');
  assert.equal(controls.length, 38);
  const perArea: Record<string, number> = {};
  for (const c of controls) {
    const area = /^A\.(\d+)\./.exec(c.id)?.[1];
    assert.ok(area, c.id);
    perArea[`A.${area}`] = (perArea[`A.${area}`] ?? 0) + 1;
    assert.equal(c.group, `A.${area}`, `${c.id} group`);
  }
  assert.deepEqual(perArea, { 'A.2': 3, 'A.3': 2, 'A.4': 5, 'A.5': 4, 'A.6': 9, 'A.7': 5, 'A.8': 4, 'A.9': 3, 'A.10': 3 });
  const objectives = byKind('iso42001-2023', 'objective').map((o) => o.id);
  for (const id of ['A.2.1', 'A.3.1', 'A.4.1', 'A.5.1', 'A.6.1.1', 'A.6.2.1', 'A.7.1', 'A.8.1', 'A.9.1', 'A.10.1'])
    assert.ok(objectives.includes(id), id);
  assert.equal(objectives.filter((id) => id.startsWith('A.')).length, 10);
  assert.equal(objectives.filter((id) => /^C\.2\.\d+$/.test(id)).length, 11);
  assert.equal(byKind('iso42001-2023', 'risk-source').length, 7);
  const clauses = new Set(byKind('iso42001-2023', 'clause').map((c) => c.id));
  const required =
    '4 4.1 4.2 4.3 4.4 5 5.1 5.2 5.3 6 6.1 6.1.1 6.1.2 6.1.3 6.1.4 6.2 6.3 7 7.1 7.2 7.3 7.4 7.5 7.5.1 7.5.2 7.5.3 8 8.1 8.2 8.3 8.4 9 9.1 9.2 9.2.1 9.2.2 9.3 9.3.1 9.3.2 9.3.3 10 10.1 10.2';
  for (const id of required.split(' ')) assert.ok(clauses.has(id), `clause ${id}`);
  // Every requirement and control explains itself to a non-expert.
  for (const item of catalog.framework('iso42001-2023').framework.items) {
    assert.ok(item.summary, `${item.id} has a summary`);
    if (item.kind === 'control' || (item.kind === 'clause' && !catalog.framework('iso42001-2023').children.has(item.id))) {
      assert.ok(item.guidance && item.example && item.auditorAsks?.length, `${item.id} has guidance, an example and auditor asks`);
    }
  }
});

test('ISO/IEC 27001: 93 Annex A controls in 4 themes, matching the reference ids', () => {
  const ids = JSON.parse(fs.readFileSync(path.join(referenceDir, 'iso27001-2022-annex-a-ids.json'), 'utf8')) as { ids: string[] };
  const controls = byKind('iso27001-2022', 'control');
  assert.deepEqual(controls.map((c) => c.id).sort(), [...ids.ids].sort());
  const perTheme: Record<string, number> = {};
  for (const c of controls) perTheme[c.group ?? '?'] = (perTheme[c.group ?? '?'] ?? 0) + 1;
  assert.deepEqual(perTheme, { 'A.5': 37, 'A.6': 8, 'A.7': 14, 'A.8': 34 });
});

test('NIST AI RMF: 4 functions, 19 categories, 72 subcategories with NIST text', () => {
  assert.equal(byKind('nist-ai-rmf-1.0', 'function').length, 4);
  assert.equal(byKind('nist-ai-rmf-1.0', 'category').length, 19);
  const subs = byKind('nist-ai-rmf-1.0', 'subcategory');
  assert.equal(subs.length, 72);
  const reference = JSON.parse(fs.readFileSync(path.join(referenceDir, 'nist-ai-rmf-1.0.json'), 'utf8')) as {
    items: { id: string; text: string }[];
  };
  for (const ref of reference.items) assert.equal(catalog.item('nist-ai-rmf-1.0', ref.id).text, ref.text);
});

test("EU AI Act: the obligation articles, Art. 5's 8 practices and Annex III's 8 areas", () => {
  const articles = new Set(byKind('eu-ai-act-2024', 'article').map((a) => a.id));
  for (const n of [4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 17, 26, 27, 43, 47, 48, 49, 50, 53, 55, 72, 73])
    assert.ok(articles.has(`Art. ${n}`), `Art. ${n}`);
  const practices = [...articles].filter((id) => /^Art\. 5\(1\)\([a-h]\)$/.test(id));
  assert.equal(practices.length, 8);
  const areas = byKind('eu-ai-act-2024', 'annex-point').filter((p) => /^Annex III\.\d$/.test(p.id));
  assert.deepEqual(
    areas.map((a) => a.id).sort(),
    ['1', '2', '3', '4', '5', '6', '7', '8'].map((n) => `Annex III.${n}`),
  );
  assert.ok(catalog.item('eu-ai-act-2024', 'Art. 113').keyDates?.some((d) => d.date === '2026-08-02'));
});

test('all 280 NIST-published AI RMF → 42001 pairs are present', () => {
  const reference = JSON.parse(fs.readFileSync(path.join(referenceDir, 'nist-ai-rmf-to-iso42001.json'), 'utf8')) as {
    map: Record<string, string[]>;
  };
  const pairs = Object.entries(reference.map).flatMap(([from, tos]) => tos.map((to) => `${from} → ${to}`));
  assert.equal(pairs.length, 280);
  const present = new Set(catalog.crosswalkBetween('nist-ai-rmf-1.0', 'iso42001-2023').map((l) => `${l.from} → ${l.to}`));
  for (const p of pairs) assert.ok(present.has(p), p);
  assert.equal(present.size, 280);
});

test('every crosswalk endpoint exists and every crosswalk has a source and rationale', () => {
  assert.ok(catalog.crosswalks.length >= 3);
  for (const xw of catalog.crosswalks) {
    for (const link of xw.links) {
      assert.ok(catalog.framework(xw.from).items.has(link.from), `${xw.id}: ${link.from}`);
      assert.ok(catalog.framework(xw.to).items.has(link.to), `${xw.id}: ${link.to}`);
      assert.ok(link.rationale.length > 10);
    }
  }
  const to27001 = catalog.crosswalkBetween('iso42001-2023', 'iso27001-2022');
  assert.ok(to27001.some((l) => l.from === 'A.4.2' && l.to === 'A.5.9'));
  const toAct = catalog.crosswalkBetween('iso42001-2023', 'eu-ai-act-2024');
  assert.ok(toAct.some((l) => l.from === 'A.7.4' && l.to === 'Art. 10'));
});

test("the OSCAL schema shipped in catalog/oscal is NIST's 1.0.6 catalog schema", () => {
  const ours = fs.readFileSync(path.join(builtInCatalogDir, 'oscal', 'oscal_catalog_schema.json'), 'utf8');
  const theirs = fs.readFileSync(path.join(referenceDir, 'oscal-1.0.6-json-schema', 'oscal_catalog_schema.json'), 'utf8');
  assert.equal(ours, theirs);
});

for (const fw of ['iso42001-2023', 'iso27001-2022', 'nist-ai-rmf-1.0', 'eu-ai-act-2024']) {
  test(`${fw} exports as an OSCAL catalog that validates and imports back unchanged`, () => {
    const framework = catalog.framework(fw).framework;
    const oscal = toOscalCatalog(framework, '2026-11-28T00:00:00.000Z');
    assert.deepEqual(validateOscalCatalog(oscal), []);
    const back = parseCatalogDocument(JSON.stringify(fromOscalCatalog(JSON.parse(JSON.stringify(oscal)), 'x')), 'roundtrip.json');
    assert.equal(back.type, 'framework');
    if (back.type !== 'framework') return;
    const strip = (f: typeof framework) => ({ ...f, items: [...f.items].sort((a, b) => a.id.localeCompare(b.id)) });
    assert.deepEqual(strip(back.framework), strip(framework));
  });
}

test('a broken OSCAL document is rejected with the schema path', () => {
  const oscal = toOscalCatalog(catalog.framework('nist-ai-rmf-1.0').framework);
  (oscal.catalog as { uuid: string }).uuid = 'not-a-uuid';
  const problems = validateOscalCatalog(oscal);
  assert.ok(problems.length > 0);
  assert.match(problems[0]?.path ?? '', /uuid/);
});
