import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, describeEachDatabase, newMember, newOrganization, withToken } from '../../test/harness.ts';

const ownFramework = (version: string, extra = '') => `id: acme-ai-rules
name: Acme internal AI rules
shortName: Acme rules
version: "${version}"
publisher: Acme AI governance board
description: Rules every Acme AI project follows.
licence: Acme internal; written by Acme.
groups:
  - { id: R, title: Rules }
items:
  - id: R1
    kind: control
    title: Every AI system has a named owner
    group: R
    summary: An accountable person is recorded for each AI system.
  - id: R2
    kind: control
    title: Models are reviewed before release
    group: R
${extra}`;

const ownCrosswalk = `id: acme-ai-rules--iso42001-2023
from: acme-ai-rules
to: iso42001-2023
source: analysis (Acme)
links:
  - { from: R1, to: A.3.2, relationship: subset, rationale: Naming an owner is part of allocating AI roles. }
  - { from: R2, to: A.6.2.4, relationship: intersects, rationale: A pre-release review is one verification measure. }
`;

describeEachDatabase('standards catalog API', (ctx) => {
  test('lists the built-in frameworks with their sizes', async () => {
    const owner = await newOrganization(ctx());
    const res = await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/catalog/frameworks`);
    assert.equal(res.statusCode, 200);
    const ids = res.json().map((f: { id: string }) => f.id);
    for (const id of ['iso42001-2023', 'iso27001-2022', 'nist-ai-rmf-1.0', 'eu-ai-act-2024']) assert.ok(ids.includes(id), id);
    const iso = res.json().find((f: { id: string }) => f.id === 'iso42001-2023');
    assert.equal(iso.kinds.control, 38);
    assert.equal(iso.origin, 'built-in');
  });

  test('an item page shows its guidance and what it maps to in every other framework', async () => {
    const owner = await newOrganization(ctx());
    const res = await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/catalog/frameworks/iso42001-2023/items/A.6.2.4`);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.item.kind, 'control');
    assert.ok(body.item.guidance);
    assert.deepEqual(
      body.ancestors.map((a: { id: string }) => a.id),
      ['A.6.2.1'],
    );
    const frameworks = new Set(body.links.map((l: { frameworkId: string }) => l.frameworkId));
    assert.ok(frameworks.has('nist-ai-rmf-1.0'));
    assert.ok(frameworks.has('iso27001-2022'));
    assert.ok(frameworks.has('eu-ai-act-2024'));
    const encoded = await as(ctx(), owner).get(
      `/api/orgs/${owner.orgSlug}/catalog/frameworks/nist-ai-rmf-1.0/items/${encodeURIComponent('MEASURE 2.11')}`,
    );
    assert.equal(encoded.statusCode, 200);
    assert.equal((await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/catalog/frameworks/iso42001-2023/items/Z.9`)).statusCode, 404);
  });

  test('a crosswalk reads in either direction, with the relationship inverted', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}/catalog/crosswalk`;
    const forward = (await as(ctx(), owner).get(`${base}?from=nist-ai-rmf-1.0&to=iso42001-2023`)).json();
    assert.equal(forward.length, 280);
    const backward = (await as(ctx(), owner).get(`${base}?from=iso42001-2023&to=nist-ai-rmf-1.0`)).json();
    assert.equal(backward.length, 280);
    assert.ok(backward.some((l: { from: string; to: string }) => l.from === '4.1' && l.to === 'GOVERN 1.1'));
    assert.equal((await as(ctx(), owner).get(`${base}?from=nope&to=iso42001-2023`)).statusCode, 404);
  });

  test('coverage counts covered target requirements per group and lists the gaps', async () => {
    const owner = await newOrganization(ctx());
    const res = (
      await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/catalog/coverage?source=iso42001-2023&target=nist-ai-rmf-1.0`)
    ).json();
    assert.equal(res.total, 72);
    assert.equal(res.covered, 72);
    assert.deepEqual(
      res.groups.map((g: { id: string; total: number }) => [g.id, g.total]),
      [
        ['GOVERN', 19],
        ['MAP', 18],
        ['MEASURE', 22],
        ['MANAGE', 13],
      ],
    );
    const reverse = (
      await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/catalog/coverage?source=nist-ai-rmf-1.0&target=iso42001-2023`)
    ).json();
    assert.ok(reverse.covered < reverse.total);
    const uncovered = reverse.uncovered.map((u: { id: string }) => u.id);
    for (const id of ['4.2', '6.3', '7.5.1', '7.5.2', '8.1'])
      assert.ok(uncovered.includes(id), `${id} is never cited by the NIST crosswalk`);
  });

  test('search finds requirements across frameworks', async () => {
    const owner = await newOrganization(ctx());
    const hits = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/catalog/search?q=impact%20assessment`)).json();
    assert.ok(hits.length > 0);
    assert.ok(hits.some((h: { frameworkId: string; id: string }) => h.frameworkId === 'iso42001-2023' && h.id === '6.1.4'));
    const byId = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/catalog/search?q=A.5.9`)).json();
    assert.equal(byId[0].id, 'A.5.9');
  });

  test('an organization imports its own framework and crosswalk; new versions show what changed', async () => {
    const owner = await newOrganization(ctx());
    const other = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}/catalog`;
    const first = await as(ctx(), owner).post(`${base}/import`, { content: ownFramework('1'), fileName: 'acme.yaml' });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().itemCount, 2);
    const xw = await as(ctx(), owner).post(`${base}/import`, { content: ownCrosswalk, fileName: 'acme-xw.yaml' });
    assert.equal(xw.statusCode, 201, xw.body);
    const item = (await as(ctx(), owner).get(`${base}/frameworks/iso42001-2023/items/A.3.2`)).json();
    assert.ok(
      item.links.some(
        (l: { frameworkId: string; itemId: string; relationship: string }) =>
          l.frameworkId === 'acme-ai-rules' && l.itemId === 'R1' && l.relationship === 'superset',
      ),
    );

    const again = await as(ctx(), owner).post(`${base}/import`, { content: ownFramework('1'), fileName: 'acme.yaml' });
    assert.equal(again.statusCode, 409);
    const v2 = await as(ctx(), owner).post(`${base}/import`, {
      content: ownFramework(
        '2',
        '    summary: A second pair of eyes checks every model.\n  - id: R3\n    kind: control\n    title: Incidents are reported within a day\n    group: R\n',
      ),
      fileName: 'acme.yaml',
    });
    assert.equal(v2.statusCode, 201, v2.body);
    assert.deepEqual(v2.json().changes, { added: ['R3'], removed: [], changed: ['R2'] });
    assert.equal(v2.json().previousVersion, '1');
    // The organization's catalog was read (and cached) at version 1: it must now show version 2.
    const current = (await as(ctx(), owner).get(`${base}/frameworks/acme-ai-rules`)).json();
    assert.equal(current.version, '2');
    assert.deepEqual(
      current.items.map((i: { id: string }) => i.id),
      ['R1', 'R2', 'R3'],
    );
    const versions = (await as(ctx(), owner).get(`${base}/frameworks/acme-ai-rules/versions`)).json();
    assert.deepEqual(
      versions.map((v: { version: string; status: string }) => [v.version, v.status]),
      [
        ['2', 'current'],
        ['1', 'superseded'],
      ],
    );
    // Work linked to R1 and R2 stays linked: the crosswalk still resolves.
    assert.equal((await as(ctx(), owner).get(`${base}/crosswalk?from=acme-ai-rules&to=iso42001-2023`)).json().length, 2);

    // Another organization sees none of it.
    assert.equal((await as(ctx(), other).get(`/api/orgs/${other.orgSlug}/catalog/frameworks/acme-ai-rules`)).statusCode, 404);
    const log = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/audit-log?action=catalog.`)).json();
    assert.equal(log.items.length, 3);
  });

  test('a bad import is a 400 naming the line and entry, and changes nothing', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}/catalog`;
    const bad = await as(ctx(), owner).post(`${base}/import`, {
      content: ownFramework('1').replace('kind: control\n    title: Models', 'kind: rule\n    title: Models'),
      fileName: 'acme.yaml',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /^acme\.yaml:17: item "R2" \(items\[1\]\.kind\)/);
    const dangling = await as(ctx(), owner).post(`${base}/import`, { content: ownCrosswalk, fileName: 'xw.yaml' });
    assert.equal(dangling.statusCode, 400);
    assert.match(dangling.json().error.message, /acme-ai-rules.*not loaded/);
    const builtin = await as(ctx(), owner).post(`${base}/import`, {
      content: ownFramework('1').replace('id: acme-ai-rules', 'id: iso42001-2023'),
      fileName: 'x.yaml',
    });
    assert.equal(builtin.statusCode, 409);
    const list = (await as(ctx(), owner).get(`${base}/frameworks`)).json();
    assert.ok(!list.some((f: { origin: string }) => f.origin === 'organization'));
  });

  test('OSCAL export downloads and imports as a new framework', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}/catalog`;
    await as(ctx(), owner).post(`${base}/import`, { content: ownFramework('1'), fileName: 'acme.yaml' });
    const exported = await as(ctx(), owner).get(`${base}/frameworks/acme-ai-rules/oscal`);
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-disposition']), /acme-ai-rules\.oscal\.json/);
    const doc = exported.json();
    assert.equal(doc.catalog.metadata['oscal-version'], '1.0.6');
    doc.catalog.metadata.props.find((p: { name: string }) => p.name === 'framework-id').value = 'acme-copy';
    const imported = await as(ctx(), owner).post(`${base}/import`, { content: JSON.stringify(doc), fileName: 'acme.oscal.json' });
    assert.equal(imported.statusCode, 201, imported.body);
    assert.equal(imported.json().id, 'acme-copy');
    doc.catalog.uuid = 'broken';
    const broken = await as(ctx(), owner).post(`${base}/import`, { content: JSON.stringify(doc), fileName: 'b.json' });
    assert.equal(broken.statusCode, 400);
    assert.match(broken.json().error.message, /not a valid OSCAL 1\.0\.6 catalog: \/catalog\/uuid/);
  });

  test('who may import: owners and AIMS managers; everyone reads; tokens work', async () => {
    const owner = await newOrganization(ctx());
    const viewer = await newMember(ctx(), owner, 'viewer');
    const base = `/api/orgs/${owner.orgSlug}/catalog`;
    assert.equal((await as(ctx(), viewer).get(`${base}/frameworks`)).statusCode, 200);
    assert.equal((await as(ctx(), viewer).post(`${base}/import`, { content: ownFramework('1') })).statusCode, 403);
    const manager = await newMember(ctx(), owner, 'aims-manager');
    assert.equal((await as(ctx(), manager).post(`${base}/import`, { content: ownFramework('1') })).statusCode, 201);
    const token = (await as(ctx(), viewer).post(`/api/orgs/${owner.orgSlug}/tokens`, { name: 'x' })).json().token;
    assert.equal((await withToken(ctx(), token).get(`${base}/frameworks/iso42001-2023`)).statusCode, 200);
  });
});

describeEachDatabase('organization controls', (ctx) => {
  test('an AIMS manager adds own controls beside Annex A; each is a new version', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}/catalog`;
    const first = await as(ctx(), owner).post(`${base}/controls`, {
      id: 'ORG-1',
      title: 'Model cards for every production model',
      summary: 'Each model in production has a model card.',
    });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().version, '1');
    const second = await as(ctx(), owner).post(`${base}/controls`, { id: 'ORG-2', title: 'Red-team generative features before launch' });
    assert.deepEqual(second.json().changes, { added: ['ORG-2'], removed: [], changed: [] });
    const dup = await as(ctx(), owner).post(`${base}/controls`, { id: 'ORG-1', title: 'again' });
    assert.equal(dup.statusCode, 409);
    const bad = await as(ctx(), owner).post(`${base}/controls`, { id: '', title: 'x' });
    assert.equal(bad.statusCode, 400);
    const fw = (await as(ctx(), owner).get(`${base}/frameworks/org-controls`)).json();
    assert.deepEqual(
      fw.items.map((i: { id: string; kind: string }) => [i.id, i.kind]),
      [
        ['ORG-1', 'control'],
        ['ORG-2', 'control'],
      ],
    );
    assert.equal(fw.origin, 'organization');
  });
});
