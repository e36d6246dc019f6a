import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import { addDays } from '../../domain/evidence-state.ts';
import type { EvidenceList } from '../../domain/schemas/evidence.schemas.ts';
import { as, newMember, newOrganization, type SignedIn } from '../../test/harness.ts';
import {
  describeEvidenceSuite,
  filesIn,
  pdf,
  sendMultipart,
  uploadEvidence,
  type Detail,
  type EvidenceTestContext,
} from './evidence-test-kit.ts';

const today = new Date().toISOString().slice(0, 10);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function created(res: { statusCode: number; body: string; json: <T>() => T }): Promise<Detail> {
  assert.equal(res.statusCode, 201, res.body);
  return res.json<Detail>();
}

async function system(ctx: EvidenceTestContext, who: SignedIn, name: string): Promise<{ id: string; ref: string }> {
  const res = await as(ctx, who).post(`/api/orgs/${who.orgSlug}/systems`, { name });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

describeEvidenceSuite('Evidence API', (ctx) => {
  test('a file: stored once by its SHA-256, downloaded byte for byte as an attachment; versions keep the old ones', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const base = `/api/orgs/${owner.orgSlug}/evidence`;
    const content = pdf('bias test report Q3');

    const first = await created(
      await uploadEvidence(ctx(), owner, 'Bias test Q3.pdf', content, {
        title: 'Bias test report Q3',
        owner: 'ml-lead@example.com',
        effectiveDate: '2026-10-01',
        reviewDue: addDays(today, 200),
        links: { controls: ['A.6.2.4'], requirements: ['iso42001-2023:9.1'] },
        comment: 'first run',
      }),
    );
    assert.equal(first.ref, 'EV-0001');
    assert.equal(first.kind, 'file');
    assert.equal(first.state, 'current');
    assert.equal(first.current.sha256, sha(content));
    assert.equal(first.current.size, content.length);
    assert.equal(first.current.fileName, 'Bias test Q3.pdf');
    assert.equal(first.current.mediaType, 'application/pdf');
    assert.deepEqual(
      first.links.map((l) => [l.type, l.framework, l.target, l.title !== null]),
      [
        ['control', 'iso42001-2023', 'A.6.2.4', true],
        ['requirement', 'iso42001-2023', '9.1', true],
      ],
    );
    const blob = ctx().store.pathOf(sha(content));
    assert.ok(blob.endsWith(`/evidence/sha256/${sha(content).slice(0, 2)}/${sha(content)}`));
    assert.deepEqual(fs.readFileSync(blob), content);

    // The same content as another item (file first this time): stored once.
    const before = filesIn(ctx().store.root).length;
    const again = await created(await uploadEvidence(ctx(), owner, 'copy.pdf', content, { title: 'Copy' }, true));
    assert.equal(again.ref, 'EV-0002');
    assert.equal(again.current.sha256, first.current.sha256);
    assert.equal(filesIn(ctx().store.root).length, before, 'no second file, no temporary file left');

    const download = await api.get(`${base}/EV-0001/versions/1/content`);
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, content);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.equal(download.headers.etag, `"${sha(content)}"`);
    assert.equal(download.headers['content-disposition'], `attachment; filename="Bias test Q3.pdf"; filename*=UTF-8''Bias%20test%20Q3.pdf`);
    assert.equal(first.current.contentUrl, `/api/orgs/${owner.orgSlug}/evidence/${first.id}/versions/1/content`);
    const notModified = await ctx().app.inject({
      method: 'GET',
      url: `${base}/EV-0001/versions/1/content`,
      headers: { cookie: owner.cookie, 'if-none-match': `"${sha(content)}"` },
    });
    assert.equal(notModified.statusCode, 304);

    // A new version: the old one stays downloadable; the item's dates can move on with it.
    const v2content = pdf('bias test report Q4');
    const v2 = await created(
      await sendMultipart(ctx(), owner, `${base}/EV-0001/versions`, [
        { name: 'metadata', value: JSON.stringify({ version: first.version, comment: 'Q4 rerun', reviewDue: addDays(today, 300) }) },
        { name: 'file', filename: 'Bias test Q4.pdf', content: v2content },
      ]),
    );
    assert.equal(v2.currentVersion, 2);
    assert.equal(v2.version, first.version + 1);
    assert.equal(v2.reviewDue, addDays(today, 300));
    assert.deepEqual(
      v2.versions.map((v) => [v.number, v.fileName, v.sha256, v.comment]),
      [
        [2, 'Bias test Q4.pdf', sha(v2content), 'Q4 rerun'],
        [1, 'Bias test Q3.pdf', sha(content), 'first run'],
      ],
    );
    assert.deepEqual((await api.get(`${base}/EV-0001/versions/2/content`)).rawPayload, v2content);
    assert.deepEqual((await api.get(`${base}/EV-0001/versions/1/content`)).rawPayload, content);
    assert.equal((await api.get(`${base}/EV-0001/versions/3/content`)).statusCode, 404);

    // A stale version is refused, and its upload leaves nothing behind.
    const filesBefore = filesIn(ctx().store.root).sort();
    const stale = await sendMultipart(ctx(), owner, `${base}/EV-0001/versions`, [
      { name: 'metadata', value: JSON.stringify({ version: first.version }) },
      { name: 'file', filename: 'late.pdf', content: pdf('a late edit') },
    ]);
    assert.equal(stale.statusCode, 409, stale.body);
    assert.deepEqual(filesIn(ctx().store.root).sort(), filesBefore);

    // A link item takes a JSON version, a file item only an upload.
    const asJson = await api.post(`${base}/EV-0001/versions`, { note: 'x', version: v2.version });
    assert.equal(asJson.statusCode, 422);
  });

  test('links and notes; link targets are checked against the catalog and the organization', async () => {
    const owner = await newOrganization(ctx());
    const other = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const base = `/api/orgs/${owner.orgSlug}/evidence`;
    const cv = await system(ctx(), owner, 'CV screening');
    const foreign = await system(ctx(), other, 'Not yours');
    const risk = await api.post(`/api/orgs/${owner.orgSlug}/risks`, { title: 'Ranking disadvantages older applicants' });
    assert.equal(risk.statusCode, 201, risk.body);

    const link = await created(
      await api.post(base, {
        kind: 'link',
        title: 'Model card',
        url: 'https://wiki.example.com/ml/cv-screening/model-card',
        links: {
          controls: [{ framework: 'iso42001-2023', control: 'A.6.2.7' }],
          requirements: [{ framework: 'eu-ai-act-2024', item: 'Art. 11' }],
          risks: ['RSK-0001'],
          systems: [cv.ref],
        },
      }),
    );
    assert.equal(link.current.url, 'https://wiki.example.com/ml/cv-screening/model-card');
    assert.equal(link.current.contentUrl, null);
    assert.deepEqual(
      link.links.map((l) => [l.type, l.framework, l.ref ?? l.target]),
      [
        ['control', 'iso42001-2023', 'A.6.2.7'],
        ['requirement', 'eu-ai-act-2024', 'Art. 11'],
        ['risk', '', 'RSK-0001'],
        ['ai-system', '', cv.ref],
      ],
    );
    const stored = await ctx()
      .db.kysely.selectFrom('evidence_links')
      .selectAll()
      .where('evidence_id', '=', link.id)
      .orderBy('target_type')
      .execute();
    assert.deepEqual(
      stored.map((l) => [l.target_type, l.framework, l.target]),
      [
        ['ai-system', '', cv.id],
        ['control', 'iso42001-2023', 'A.6.2.7'],
        ['requirement', 'eu-ai-act-2024', 'Art. 11'],
        ['risk', '', risk.json<{ id: string }>().id],
      ],
    );
    assert.equal((await api.get(`${base}/${link.id}/versions/1/content`)).statusCode, 422, 'a link has no file');

    const note = await created(await api.post(base, { kind: 'note', title: 'Walk-through', note: 'Observed the release gate on 3 Nov.' }));
    assert.equal(note.current.note, 'Observed the release gate on 3 Nov.');
    assert.equal(note.effectiveDate, today);
    const v2 = await created(await api.post(`${base}/${note.ref}/versions`, { note: 'Observed again on 1 Dec.', version: note.version }));
    assert.deepEqual(
      v2.versions.map((v) => v.note),
      ['Observed again on 1 Dec.', 'Observed the release gate on 3 Nov.'],
    );
    const wrongField = await api.post(`${base}/${note.ref}/versions`, { url: 'https://example.com', version: v2.version });
    assert.equal(wrongField.statusCode, 400);
    assert.equal(wrongField.json().error.details.issues[0].path, 'body.note');

    const bad = async (body: object, path: string) => {
      const res = await api.post(base, { kind: 'link', title: 'x', url: 'https://example.com', ...body });
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json().error.details.issues[0].path, path, res.body);
    };
    await bad({ url: 'ftp://files.example.com/report.pdf' }, 'body.url');
    await bad({ url: 'javascript:alert(1)' }, 'body.url');
    await bad({ url: 'https://user:secret@example.com/' }, 'body.url');
    await bad({ links: { controls: ['A.99.1'] } }, 'body.links.controls.0');
    await bad({ links: { controls: ['A.6.2.7', '6.1.2'] } }, 'body.links.controls.1');
    await bad({ links: { controls: ['org-controls:OWN-1'] } }, 'body.links.controls.0');
    await bad({ links: { requirements: ['iso42001-2023:A.6.2.7'] } }, 'body.links.requirements.0');
    await bad({ links: { requirements: ['no-such-framework:1'] } }, 'body.links.requirements.0');
    await bad({ links: { requirements: ['iso42001-2023:99.9'] } }, 'body.links.requirements.0');
    await bad({ links: { systems: [foreign.id] } }, 'body.links.systems.0');
    await bad({ links: { systems: [foreign.ref, 'AIS-9999'] } }, 'body.links.systems.1');
    await bad({ links: { risks: ['RSK-0404'] } }, 'body.links.risks.0');
    await bad({ reviewDue: '2020-01-01', effectiveDate: '2021-01-01' }, 'body.reviewDue');
    const asFile = await api.post(base, { kind: 'file', title: 'x' });
    assert.equal(asFile.statusCode, 400);
    const noBody = await ctx().app.inject({ method: 'POST', url: base, headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf } });
    assert.equal(noBody.statusCode, 400);
    assert.equal((await api.get(`${base}`)).json<EvidenceList>().total, 2, 'nothing was added by the refused requests');

    // Links added and removed later; unknown ones are refused with their path.
    const linked = await api.post(`${base}/${note.ref}/links`, { controls: ['A.7.4', 'A.6.2.7'], systems: [cv.id] });
    assert.equal(linked.statusCode, 200, linked.body);
    assert.deepEqual(
      linked.json<Detail>().links.map((l) => l.target),
      ['A.6.2.7', 'A.7.4', cv.id],
    );
    const again = await api.post(`${base}/${note.ref}/links`, { controls: ['A.7.4'] });
    assert.equal(again.json<Detail>().links.length, 3, 'linking twice changes nothing');
    const unknown = await api.post(`${base}/${note.ref}/links`, { requirements: ['iso42001-2023:4.1', 'iso42001-2023:nope'] });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.details.issues[0].path, 'body.requirements.1');
    assert.equal((await api.post(`${base}/${note.ref}/links`, {})).statusCode, 400);
    const unlinked = await ctx().app.inject({
      method: 'DELETE',
      url: `${base}/${note.ref}/links`,
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
      payload: { controls: ['A.7.4'], systems: [cv.ref] },
    });
    assert.equal(unlinked.statusCode, 200, unlinked.body);
    assert.deepEqual(
      unlinked.json<Detail>().links.map((l) => l.target),
      ['A.6.2.7'],
    );

    const history = (await api.get(`${base}/${note.ref}/history`)).json<{ action: string }[]>();
    assert.deepEqual(
      history.map((h) => h.action),
      ['evidence.unlinked', 'evidence.linked', 'evidence.version-added', 'evidence.created'],
    );
  });

  test('states follow the review date: current, expiring within 30 days, expired; list filters and counts', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const base = `/api/orgs/${owner.orgSlug}/evidence`;
    const add = (title: string, reviewDue: string | null, extra: object = {}) =>
      api.post(base, { kind: 'note', title, note: title, effectiveDate: '2020-01-01', reviewDue, ...extra }).then((r) => created(r));
    const never = await add('Policy (no expiry)', null, { links: { controls: ['A.2.2'] } });
    const later = await add('Certificate', addDays(today, 31), { owner: 'dpo@example.com', links: { controls: ['A.2.2'] } });
    const soon = await add('Pen test', addDays(today, 30), { links: { controls: ['A.2.2'] } });
    const dueToday = await add('Training record', today);
    const gone = await add('Old audit report', addDays(today, -1), { links: { requirements: ['iso42001-2023:9.2'] } });
    assert.deepEqual(
      [never, later, soon, dueToday, gone].map((e) => e.state),
      ['current', 'current', 'expiring', 'expiring', 'expired'],
    );

    const list = async (query: string) => (await api.get(`${base}?${query}`)).json<EvidenceList>();
    const all = await list('');
    assert.deepEqual(all.summary, { total: 5, current: 2, expiring: 2, expired: 1 });
    assert.deepEqual(
      (await list('state=expired')).items.map((i) => i.ref),
      [gone.ref],
    );
    assert.deepEqual(
      (await list('state=expiring&state=expired')).items.map((i) => i.ref),
      [soon.ref, dueToday.ref, gone.ref],
    );
    assert.deepEqual(
      (await list('control=A.2.2')).items.map((i) => i.ref),
      [never.ref, later.ref, soon.ref],
    );
    // Page by page (a dense filter walks the sort index; a later page reads the matching ids).
    for (const [page, ref] of [
      [1, never.ref],
      [2, later.ref],
      [3, soon.ref],
    ] as const) {
      const one = await list(`control=A.2.2&sort=ref&pageSize=1&page=${page}`);
      assert.deepEqual([one.total, one.items.map((i) => i.ref)], [3, [ref]], `page ${page}`);
    }
    assert.deepEqual((await list('control=A.2.2&pageSize=1&page=4')).items, []);
    assert.deepEqual(
      (await list('control=A.2.2&state=expiring&sort=title')).items.map((i) => i.ref),
      [soon.ref],
    );
    assert.deepEqual(
      (await list('requirement=iso42001-2023:9.2')).items.map((i) => i.ref),
      [gone.ref],
    );
    assert.deepEqual(
      (await list('owner=dpo@example.com')).items.map((i) => i.ref),
      [later.ref],
    );
    assert.deepEqual(
      (await list('q=PEN')).items.map((i) => i.ref),
      [soon.ref],
    );
    assert.deepEqual(
      (await list('sort=reviewDue')).items.map((i) => i.title),
      ['Old audit report', 'Training record', 'Pen test', 'Certificate', 'Policy (no expiry)'],
    );
    assert.deepEqual(
      (await list('sort=title&order=desc&pageSize=2&page=2')).items.map((i) => i.title),
      ['Pen test', 'Old audit report'],
    );
    const paged = await list('pageSize=2&page=3');
    assert.deepEqual([paged.total, paged.items.map((i) => i.ref)], [5, [gone.ref]]);
    assert.equal((await api.get(`${base}?state=stale`)).statusCode, 400);

    // Renewing the expired item moves it back to current.
    const renewed = await api.patch(`${base}/${gone.ref}`, { reviewDue: addDays(today, 365), version: gone.version });
    assert.equal(renewed.statusCode, 200, renewed.body);
    assert.equal(renewed.json<Detail>().state, 'current');
    assert.deepEqual((await list('')).summary, { total: 5, current: 3, expiring: 2, expired: 0 });
    const stale = await api.patch(`${base}/${gone.ref}`, { title: 'Renamed', version: gone.version });
    assert.equal(stale.statusCode, 409);
    const backwards = await api.patch(`${base}/${gone.ref}`, { reviewDue: '2019-12-31', version: renewed.json<Detail>().version });
    assert.equal(backwards.statusCode, 400);
    assert.equal(backwards.json().error.details.issues[0].path, 'body.reviewDue');
    // The SoA's copy of the date on each link follows the item (kept by the database).
    const copies = await ctx().db.kysely.selectFrom('evidence_links').select('valid_until').where('evidence_id', '=', gone.id).execute();
    assert.deepEqual(
      copies.map((c) => c.valid_until),
      [addDays(today, 365)],
    );
  });

  test('list filters by AI system and risk, by id or ref; other organizations’ evidence is never listed', async () => {
    const owner = await newOrganization(ctx());
    const other = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const base = `/api/orgs/${owner.orgSlug}/evidence`;
    const cv = await system(ctx(), owner, 'CV screening');
    const riskRes = await api.post(`/api/orgs/${owner.orgSlug}/risks`, { title: 'Drift' });
    const riskId = riskRes.json<{ id: string }>().id;
    const a = await created(await api.post(base, { kind: 'note', title: 'A', note: 'a', links: { systems: [cv.id], risks: [riskId] } }));
    await created(await api.post(base, { kind: 'note', title: 'B', note: 'b' }));
    await created(await as(ctx(), other).post(`/api/orgs/${other.orgSlug}/evidence`, { kind: 'note', title: 'Theirs', note: 'c' }));
    for (const query of [`systemId=${cv.id}`, `systemId=${cv.ref}`, `riskId=${riskId}`, 'riskId=RSK-0001']) {
      const res = await api.get(`${base}?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        res.json<EvidenceList>().items.map((i) => i.ref),
        [a.ref],
        query,
      );
    }
    assert.equal((await api.get(`${base}?systemId=AIS-0404`)).json<EvidenceList>().total, 0);
    assert.deepEqual((await api.get(base)).json<EvidenceList>().summary.total, 2);
    const item = (await api.get(`${base}?systemId=${cv.ref}`)).json<EvidenceList>().items[0];
    assert.deepEqual(
      item?.links.map((l) => [l.type, l.ref, l.title]),
      [
        ['risk', 'RSK-0001', 'Drift'],
        ['ai-system', cv.ref, 'CV screening'],
      ],
    );
  });

  test('roles: viewers and auditors read and download only; contributors add but do not delete; other organizations see 404', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}/evidence`;
    const content = pdf('roles');
    const item = await created(await uploadEvidence(ctx(), owner, 'roles.pdf', content));
    for (const role of ['viewer', 'auditor'] as const) {
      const member = await newMember(ctx(), owner, role);
      const api = as(ctx(), member);
      assert.equal((await api.get(`${base}/${item.ref}`)).statusCode, 200);
      assert.deepEqual((await api.get(`${base}/${item.ref}/versions/1/content`)).rawPayload, content);
      assert.equal((await api.get(`${base}/${item.ref}/history`)).statusCode, 200);
      assert.equal((await api.post(base, { kind: 'note', title: 'n', note: 'n' })).statusCode, 403);
      const before = filesIn(ctx().store.root).length;
      const upload = await uploadEvidence(ctx(), member, 'mine.pdf', pdf(`refused ${role}`));
      assert.equal(upload.statusCode, 403, upload.body);
      assert.equal(filesIn(ctx().store.root).length, before, 'a refused upload stores nothing');
      assert.equal((await api.patch(`${base}/${item.ref}`, { title: 'x', version: item.version })).statusCode, 403);
      assert.equal((await api.post(`${base}/${item.ref}/links`, { controls: ['A.2.2'] })).statusCode, 403);
      assert.equal((await api.delete(`${base}/${item.ref}`)).statusCode, 403);
    }
    const contributor = as(ctx(), await newMember(ctx(), owner, 'contributor'));
    const note = await created(await contributor.post(base, { kind: 'note', title: 'Contributed', note: 'text' }));
    assert.equal((await contributor.patch(`${base}/${note.ref}`, { owner: 'me', version: note.version })).statusCode, 200);
    assert.equal((await contributor.delete(`${base}/${note.ref}`)).statusCode, 403);

    const stranger = await newOrganization(ctx());
    const theirs = as(ctx(), stranger);
    for (const url of [
      `/api/orgs/${stranger.orgSlug}/evidence/${item.id}`,
      `/api/orgs/${stranger.orgSlug}/evidence/${item.id}/versions/1/content`,
      `/api/orgs/${stranger.orgSlug}/evidence/${item.id}/history`,
      `${base}/${item.id}`,
      `${base}/${item.id}/versions/1/content`,
    ]) {
      assert.equal((await theirs.get(url)).statusCode, 404, url);
    }
    assert.equal((await theirs.delete(`/api/orgs/${stranger.orgSlug}/evidence/${item.id}`)).statusCode, 404);
    assert.equal((await theirs.get(`/api/orgs/${stranger.orgSlug}/evidence/EV-0001`)).statusCode, 404);
  });

  test('delete: a file no other version holds is removed; shared content stays; all is in the audit log', async () => {
    const owner = await newOrganization(ctx());
    const other = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const base = `/api/orgs/${owner.orgSlug}/evidence`;
    const shared = pdf(`shared ${owner.orgSlug}`);
    const own = pdf(`own ${owner.orgSlug}`);
    const a = await created(await uploadEvidence(ctx(), owner, 'a.pdf', shared));
    const b = await created(await uploadEvidence(ctx(), owner, 'b.pdf', own));
    const b2 = await created(
      await sendMultipart(ctx(), owner, `${base}/${b.ref}/versions`, [
        { name: 'metadata', value: JSON.stringify({ version: b.version }) },
        { name: 'file', filename: 'b-v2.pdf', content: shared },
      ]),
    );
    const theirs = await created(await uploadEvidence(ctx(), other, 'their-copy.pdf', shared));
    assert.equal(theirs.current.sha256, sha(shared));

    assert.equal((await api.delete(`${base}/${b2.ref}`)).statusCode, 204);
    assert.equal(fs.existsSync(ctx().store.pathOf(sha(own))), false, 'only B held this content');
    assert.equal(fs.existsSync(ctx().store.pathOf(sha(shared))), true, 'A still holds the shared content');
    assert.equal((await api.get(`${base}/${b.ref}`)).statusCode, 404);
    assert.equal(
      await ctx().db.kysely.selectFrom('evidence_versions').select('id').where('evidence_id', '=', b.id).executeTakeFirst(),
      undefined,
    );

    assert.equal((await api.delete(`${base}/${a.ref}`)).statusCode, 204);
    assert.equal(fs.existsSync(ctx().store.pathOf(sha(shared))), true, 'another organization holds the same content');
    assert.deepEqual(
      (await as(ctx(), other).get(`/api/orgs/${other.orgSlug}/evidence/${theirs.ref}/versions/1/content`)).rawPayload,
      shared,
    );
    assert.equal((await as(ctx(), other).delete(`/api/orgs/${other.orgSlug}/evidence/${theirs.ref}`)).statusCode, 204);
    assert.equal(fs.existsSync(ctx().store.pathOf(sha(shared))), false, 'the last reference is gone');

    const entries = await ctx()
      .db.kysely.selectFrom('audit_log')
      .select(['action', 'entity_type', 'entity_id', 'before_json'])
      .where('org_id', '=', owner.orgId)
      .where('entity_type', '=', 'evidence')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      entries.map((e) => [e.action, e.entity_id]),
      [
        ['evidence.created', a.id],
        ['evidence.created', b.id],
        ['evidence.version-added', b.id],
        ['evidence.deleted', b.id],
        ['evidence.deleted', a.id],
      ],
    );
    const deleted = JSON.parse(entries[3]?.before_json ?? 'null') as { ref: string; versions: { sha256: string }[] };
    assert.equal(deleted.ref, b.ref);
    assert.deepEqual(
      deleted.versions.map((v) => v.sha256),
      [sha(shared), sha(own)],
    );
    const verify = await api.get(`/api/orgs/${owner.orgSlug}/audit-log/verify`);
    assert.equal(verify.statusCode, 200, verify.body);
    assert.equal(verify.json<{ ok: boolean }>().ok, true);
  });

  test('a file missing from the store is reported as such', async () => {
    const owner = await newOrganization(ctx());
    const content = pdf(`lost ${owner.orgSlug}`);
    const item = await created(await uploadEvidence(ctx(), owner, 'lost.pdf', content));
    fs.rmSync(ctx().store.pathOf(sha(content)));
    const res = await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/evidence/${item.ref}/versions/1/content`);
    assert.equal(res.statusCode, 404);
    assert.match(res.json().error.message, /missing from the evidence store/);
  });
});
