import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import type { EvidenceList } from '../../domain/schemas/evidence.schemas.ts';
import { loadBuiltInCatalog } from '../../server/app.ts';
import { as, newOrganization, type SignedIn } from '../../test/harness.ts';
import { addRecordVersion } from './evidence-change.service.ts';
import { addRecordEvidence } from './evidence.service.ts';
import {
  describeEvidenceSuite,
  filesIn,
  multipartBody,
  ownerPrincipal,
  pdf,
  sendMultipart,
  uploadEvidence,
  type Detail,
  type EvidenceTestContext,
} from './evidence-test-kit.ts';

const LIMIT = 64 * 1024;

/** Nothing stored, nothing half-written, no row: what a refused upload must leave. */
async function assertNothingLeft(ctx: EvidenceTestContext, who: SignedIn, filesBefore: string[]) {
  assert.deepEqual(filesIn(ctx.store.root).sort(), filesBefore.sort(), 'the store holds exactly what it held before');
  const list = (await as(ctx, who).get(`/api/orgs/${who.orgSlug}/evidence`)).json<EvidenceList>();
  assert.equal(list.summary.total, 0, 'no evidence row');
}

function odf(mediaType: string): Buffer {
  // A local file header for an uncompressed entry named "mimetype" holding the media type.
  const header = Buffer.alloc(30);
  header.write('PK\u0003\u0004', 0, 'latin1');
  header.writeUInt16LE(8, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, Buffer.from('mimetype'), Buffer.from(mediaType), Buffer.alloc(200, 0x20)]);
}

describeEvidenceSuite('Evidence uploads', (ctx) => {
  test('the size limit: a file of exactly the limit is accepted; one byte more is 413 and leaves nothing', async () => {
    const owner = await newOrganization(ctx());
    const before = filesIn(ctx().store.root);
    const over = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(LIMIT + 1 - 9, 0x41)]);
    const res = await uploadEvidence(ctx(), owner, 'big.pdf', over, { title: 'Too big' });
    assert.equal(res.statusCode, 413, res.body);
    assert.match(res.json().error.message, /larger than the evidence upload limit of 64 KB/);
    await assertNothingLeft(ctx(), owner, before);

    const exact = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(LIMIT - 9, 0x41)]);
    const ok = await uploadEvidence(ctx(), owner, 'exact.pdf', exact, { title: 'Exactly the limit' });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json<Detail>().current.size, LIMIT);
  });

  test('a refusal before the whole file arrived closes the connection, so the client is not left sending into a stalled socket', async () => {
    const owner = await newOrganization(ctx());
    const address = await ctx().app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    // Declares a 4 MB body but sends only its first 256 KB: the server must answer 413 and close.
    const { payload, contentType } = multipartBody([
      { name: 'metadata', value: JSON.stringify({ title: 'Big' }) },
      { name: 'file', filename: 'big.pdf', content: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4 * 1024 * 1024, 0x41)]) },
    ]);
    const head =
      `POST /api/orgs/${owner.orgSlug}/evidence HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n` +
      `Cookie: ${owner.cookie}\r\nX-CSRF-Token: ${owner.csrf}\r\nContent-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`;
    const response = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      let received = '';
      const giveUp = setTimeout(() => {
        socket.destroy();
        reject(new Error(`the connection stayed open after: ${received.slice(0, 200)}`));
      }, 20_000);
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearTimeout(giveUp);
        resolve(received);
      });
      socket.write(head);
      socket.write(payload.subarray(0, 256 * 1024));
    });
    assert.match(response, /^HTTP\/1\.1 413 /);
    assert.match(response, /\r\nconnection: close\r\n/i);
  });

  test('types: only accepted extensions, and content must match (a renamed program is refused) — 415, nothing left', async () => {
    const owner = await newOrganization(ctx());
    const before = filesIn(ctx().store.root);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0), Buffer.from('This program cannot be run in DOS mode')]);
    const elf = Buffer.concat([Buffer.from('\u007fELF', 'latin1'), Buffer.alloc(200, 1)]);
    const cases: [string, Buffer, RegExp][] = [
      ['setup.exe', exe, /"\.exe" files are not accepted/],
      ['page.html', Buffer.from('<script>alert(1)</script>'), /"\.html" files are not accepted/],
      ['drawing.svg', Buffer.from('<svg onload="alert(1)"/>'), /"\.svg" files are not accepted/],
      ['README', Buffer.from('no extension'), /has no file extension/],
      ['invoice.pdf', exe, /not a PDF file/],
      ['photo.png', pdf('not a png'), /not a PNG image file/],
      ['photo.jpg', elf, /not a JPEG image file/],
      ['notes.txt', exe, /not a plain text file/],
      ['data.csv', Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.alloc(LIMIT - 100, 0x61), Buffer.from([0])]), /not a CSV file/],
      ['report.docx', exe, /not a Word document file/],
      ['minutes.odt', odf('application/vnd.oasis.opendocument.spreadsheet'), /not a OpenDocument text file/],
    ];
    for (const [name, content, message] of cases) {
      const res = await uploadEvidence(ctx(), owner, name, content, { title: name });
      assert.equal(res.statusCode, 415, `${name}: ${res.body}`);
      assert.match(res.json().error.message, message, name);
    }
    await assertNothingLeft(ctx(), owner, before);

    const accepted: [string, Buffer, string][] = [
      ['minutes.odt', odf('application/vnd.oasis.opendocument.text'), 'application/vnd.oasis.opendocument.text'],
      ['register.csv', Buffer.from('ref,title\nAIS-0001,CV screening\n'), 'text/csv; charset=utf-8'],
      ['Model Card.MD', Buffer.from('# Model card\n\nIntended use: …\n'), 'text/markdown; charset=utf-8'],
      ['scan.jpeg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(50, 1)]), 'image/jpeg'],
      [
        'slides.pptx',
        Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(100, 0)]),
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      ],
    ];
    for (const [name, content, mediaType] of accepted) {
      const res = await uploadEvidence(ctx(), owner, name, content, {}, true);
      assert.equal(res.statusCode, 201, `${name}: ${res.body}`);
      assert.equal(res.json<Detail>().current.mediaType, mediaType, name);
      assert.equal(res.json<Detail>().title, name, 'the title defaults to the file name');
    }
    const download = await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/evidence/EV-0002/versions/1/content`);
    assert.equal(download.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(download.headers['content-disposition']), /^attachment;/);
  });

  test('file names are made safe: no directories, control or reserved characters; long names capped', async () => {
    const owner = await newOrganization(ctx());
    const names: [string, string][] = [
      ['../../../../etc/passwd.txt', 'passwd.txt'],
      ['C:\\Users\\alice\\Desktop\\report.pdf', 'report.pdf'],
      ['..\\..\\boot.ini.txt', 'boot.ini.txt'],
      ['in\u0000voice\u0007 <final>?|*:.pdf', 'invoice _final_____.pdf'],
      ['gnp.\u202eexe.txt', 'gnp.exe.txt'],
      ['CON.txt', '_CON.txt'],
      ['...hidden.txt', 'hidden.txt'],
      ['Prüfbericht – Übersicht.pdf', 'Prüfbericht – Übersicht.pdf'],
      [`${'a'.repeat(300)}.pdf`, `${'a'.repeat(196)}.pdf`],
    ];
    for (const [raw, safe] of names) {
      const content = raw.endsWith('.pdf') ? pdf(raw) : Buffer.from(`text of ${raw}`);
      const res = await uploadEvidence(ctx(), owner, raw, content, { title: 'named' });
      assert.equal(res.statusCode, 201, `${JSON.stringify(raw)}: ${res.body}`);
      assert.equal(res.json<Detail>().current.fileName, safe, JSON.stringify(raw));
    }
    const umlaut = await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/evidence/EV-0008/versions/1/content`);
    assert.equal(
      umlaut.headers['content-disposition'],
      `attachment; filename="Prufbericht  Ubersicht.pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%E2%80%93%20%C3%9Cbersicht.pdf`,
    );
  });

  test('the multipart form: metadata is checked first (nothing stored when it is bad), one file, named fields only', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}/evidence`;
    const before = filesIn(ctx().store.root);
    const content = pdf(`form ${owner.orgSlug}`);
    const refused = async (parts: Parameters<typeof sendMultipart>[3], status: number, path: string) => {
      const res = await sendMultipart(ctx(), owner, base, parts);
      assert.equal(res.statusCode, status, res.body);
      assert.equal(res.json().error.details?.issues?.[0]?.path, path, res.body);
    };
    await refused(
      [
        { name: 'metadata', value: '{"title": ' },
        { name: 'file', filename: 'a.pdf', content },
      ],
      400,
      'metadata',
    );
    await refused(
      [
        { name: 'metadata', value: JSON.stringify({ reviewDue: 'next week' }) },
        { name: 'file', filename: 'a.pdf', content },
      ],
      400,
      'metadata.reviewDue',
    );
    await refused(
      [
        { name: 'metadata', value: JSON.stringify({ kind: 'link' }) },
        { name: 'file', filename: 'a.pdf', content },
      ],
      400,
      'metadata',
    );
    await refused([{ name: 'metadata', value: '{}' }], 400, 'file');
    await refused([{ name: 'attachment', filename: 'a.pdf', content }], 400, 'attachment');
    await refused(
      [
        { name: 'title', value: 'x' },
        { name: 'file', filename: 'a.pdf', content },
      ],
      400,
      'title',
    );
    await refused(
      [
        { name: 'file', filename: 'a.pdf', content },
        { name: 'file', filename: 'b.pdf', content: pdf('second') },
      ],
      400,
      'file',
    );
    // Metadata after the file: the file was stored, then discarded when the metadata failed.
    await refused(
      [
        { name: 'file', filename: 'a.pdf', content },
        { name: 'metadata', value: JSON.stringify({ links: { controls: ['A.404'] } }) },
      ],
      400,
      'metadata.links.controls.0',
    );
    await refused(
      [
        { name: 'metadata', value: '{}' },
        { name: 'file', filename: 'empty.txt', content: Buffer.alloc(0) },
      ],
      400,
      'file',
    );
    await assertNothingLeft(ctx(), owner, before);
  });

  test('records produced by Trellis: kept as evidence with a snapshot; only Trellis adds their versions', async () => {
    const owner = await newOrganization(ctx());
    const principal = await ownerPrincipal(ctx(), owner);
    const catalog = loadBuiltInCatalog();
    const record = await addRecordEvidence(ctx().db, principal, catalog, {
      title: 'Selection-rate ratio, November',
      recordType: 'metric-run',
      recordId: 'run-2026-11',
      data: { metric: 'selection-rate-ratio', value: 0.91, threshold: 0.8 },
      links: { controls: ['A.6.2.6'], requirements: ['iso42001-2023:9.1'] },
      reviewDue: '2099-01-01',
    });
    assert.equal(record.kind, 'record');
    assert.deepEqual(record.current.record, {
      type: 'metric-run',
      id: 'run-2026-11',
      data: { metric: 'selection-rate-ratio', value: 0.91, threshold: 0.8 },
    });
    assert.equal(record.current.contentUrl, null);
    const next = await addRecordVersion(ctx().db, principal, catalog, record.ref, { recordId: 'run-2026-12', data: { value: 0.88 } });
    assert.deepEqual(
      next.versions.map((v) => [v.number, v.record?.id]),
      [
        [2, 'run-2026-12'],
        [1, 'run-2026-11'],
      ],
    );
    const viaApi = await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/evidence/${record.ref}/versions`, {
      note: 'x',
      version: next.version,
    });
    assert.equal(viaApi.statusCode, 422);
    const listed = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/evidence?kind=record&control=A.6.2.6`)).json<EvidenceList>();
    assert.deepEqual(
      listed.items.map((i) => [i.ref, i.currentVersion]),
      [[record.ref, 2]],
    );
    await assert.rejects(
      addRecordEvidence(ctx().db, principal, catalog, {
        title: 'x',
        recordType: 'metric-run',
        recordId: 'r',
        data: {},
        links: { controls: ['A.0'] },
      }),
      (error: Error & { details?: { issues?: { path: string }[] } }) => error.details?.issues?.[0]?.path === 'links.controls.0',
    );
  });
});
