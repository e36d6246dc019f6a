import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { AppError } from '../../domain/errors.ts';
import { parseCatalogDocument } from './catalog-document.ts';
import { loadCatalogDir } from './catalog.loader.ts';

const good = `id: acme-policy
name: Acme AI policy
shortName: Acme
version: "1"
publisher: Acme
description: Our internal rules.
licence: Ours.
groups:
  - { id: g, title: Group }
items:
  - id: "1"
    kind: clause
    title: First
    group: g
  - id: "1.1"
    kind: control
    title: Second
    parent: "1"
`;

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

test('a valid framework parses', () => {
  const doc = parseCatalogDocument(good, 'acme.yaml');
  assert.equal(doc.type, 'framework');
  if (doc.type === 'framework') assert.equal(doc.framework.items.length, 2);
});

test('a wrong kind names the file, line, entry and problem', () => {
  const err = failure(() => parseCatalogDocument(good.replace('kind: control', 'kind: regulation'), 'acme.yaml'));
  assert.equal(err.code, 'validation_failed');
  assert.match(err.message, /^acme\.yaml:16: item "1\.1" \(items\[1\]\.kind\) Invalid option/);
});

test('a missing required field is reported with its path', () => {
  const err = failure(() => parseCatalogDocument(good.replace('    title: First\n', ''), 'acme.yaml'));
  assert.match(err.message, /item "1" \(items\[0\]\.title\)/);
});

test('an unknown key is rejected', () => {
  const err = failure(() => parseCatalogDocument(good.replace('    title: Second', '    title: Second\n    colour: red'), 'acme.yaml'));
  assert.match(err.message, /item "1\.1".*colour/);
});

test('duplicate ids, missing parents, unknown groups and cycles are caught', () => {
  assert.match(
    failure(() => parseCatalogDocument(good.replace('id: "1.1"', 'id: "1"').replace('parent: "1"', ''), 'a.yaml')).message,
    /duplicates the id/,
  );
  assert.match(
    failure(() => parseCatalogDocument(good.replace('parent: "1"', 'parent: "9"'), 'a.yaml')).message,
    /a\.yaml:18: item "1\.1".*names parent "9"/,
  );
  assert.match(failure(() => parseCatalogDocument(good.replace('group: g', 'group: h'), 'a.yaml')).message, /names group "h"/);
  const cycle = good.replace('    group: g\n', '    group: g\n    parent: "1.1"\n');
  assert.match(failure(() => parseCatalogDocument(cycle, 'a.yaml')).message, /parent cycle/);
});

test('broken YAML reports the line', () => {
  const err = failure(() => parseCatalogDocument('id: x\nitems:\n  - id: "1\n    kind: clause\n', 'b.yaml'));
  assert.match(err.message, /^b\.yaml:\d+: is not valid YAML\/JSON/);
});

test('a crosswalk naming an item that does not exist stops the load', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-catalog-'));
  try {
    fs.mkdirSync(path.join(dir, 'frameworks'));
    fs.mkdirSync(path.join(dir, 'crosswalks'));
    fs.writeFileSync(path.join(dir, 'frameworks', 'acme.yaml'), good);
    fs.writeFileSync(path.join(dir, 'frameworks', 'other.yaml'), good.replace('id: acme-policy', 'id: other-policy'));
    fs.writeFileSync(
      path.join(dir, 'crosswalks', 'x.yaml'),
      'id: x-y\nfrom: acme-policy\nto: other-policy\nsource: analysis\nlinks:\n  - { from: "1", to: "1.1", relationship: subset, rationale: ok }\n  - { from: "1.1", to: "7", relationship: equal, rationale: bad }\n',
    );
    const err = failure(() => loadCatalogDir(dir));
    assert.match(err.message, /catalog\/crosswalks\/x\.yaml:.*link "1\.1" → "7".*names "7", which is not an item of other-policy/);
    fs.writeFileSync(
      path.join(dir, 'crosswalks', 'x.yaml'),
      'id: x-y\nfrom: acme-policy\nto: other-policy\nsource: analysis\nlinks:\n  - { from: "1", to: "1.1", relationship: subset, rationale: ok }\n',
    );
    const catalog = loadCatalogDir(dir);
    assert.deepEqual(
      catalog.linksOf('other-policy', '1.1').map((l) => [l.itemId, l.relationship]),
      [['1', 'superset']],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('framework ids that the catalog pages use as words are refused', () => {
  assert.match(
    failure(() => parseCatalogDocument(good.replace('id: acme-policy', 'id: coverage'), 'a.yaml')).message,
    /a\.yaml:1: \(id\) is a reserved word/,
  );
});
