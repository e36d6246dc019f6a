import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Evidence, EvidenceDetail } from '../domain/schemas/evidence.schemas.ts';
import { LocalEvidenceStore } from '../features/evidence/evidence-store.ts';
import { runCli as cli } from '../test/cli.ts';
import { startCliServer, type CliServer } from '../test/cli-server.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('trellis evidence (API-client commands)', () => {
  let server: CliServer;
  let env: NodeJS.ProcessEnv;
  let dir = '';
  let store: LocalEvidenceStore;
  const LIMIT = 2 * 1024 * 1024;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-cli-evidence-'));
    store = new LocalEvidenceStore(path.join(dir, 'store'));
    server = await startCliServer(
      { slug: 'cli-evidence', name: 'CLI Evidence', email: 'ev@example.com' },
      { config: { TRELLIS_EVIDENCE_MAX_SIZE: String(LIMIT) }, evidenceStore: store },
    );
    env = server.env;
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('add a file with controls (streamed), list, show and download it byte for byte', async () => {
    const system = await server.api('POST', '/systems', { name: 'CV screening' });
    assert.equal(system.statusCode, 201, system.body);
    // Over a megabyte, sent in many chunks.
    const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1_500_000)]);
    const file = path.join(dir, 'Bias test Q3.pdf');
    fs.writeFileSync(file, content);

    const added = await cli(env, [
      'evidence',
      'add',
      file,
      '--control',
      'A.6.2.4',
      '--control',
      'A.6.2.6',
      '--requirement',
      'iso42001-2023:9.1',
      '--system',
      'AIS-0001',
      '--owner',
      'ml-lead@example.com',
      '--review-due',
      '2099-01-01',
      '--json',
    ]);
    assert.equal(added.code, 0, added.stderr);
    const item = JSON.parse(added.stdout) as EvidenceDetail;
    assert.equal(item.ref, 'EV-0001');
    assert.equal(item.title, 'Bias test Q3.pdf');
    assert.equal(item.current.sha256, sha(content));
    assert.equal(item.current.size, content.length);
    assert.deepEqual(
      item.links.map((l) => l.ref ?? l.target),
      ['A.6.2.4', 'A.6.2.6', '9.1', 'AIS-0001'],
    );
    assert.deepEqual(fs.readFileSync(store.pathOf(sha(content))), content);

    const link = await cli(env, [
      'evidence',
      'add',
      '--link',
      'https://wiki.example.com/model-card',
      '--title',
      'Model card',
      '--control',
      'A.6.2.6',
    ]);
    assert.equal(link.code, 0, link.stderr);
    assert.match(link.stdout, /Added EV-0002 \(link, current\)/);
    const note = await cli(env, [
      'evidence',
      'add',
      '--note',
      'Walk-through of the release gate',
      '--title',
      'Walk-through',
      '--review-due',
      '2020-01-01',
      '--effective',
      '2019-01-01',
    ]);
    assert.equal(note.code, 0, note.stderr);

    const listed = await cli(env, ['evidence', 'list', '--control', 'A.6.2.6', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(
      (JSON.parse(listed.stdout) as Evidence[]).map((e) => [e.ref, e.kind]),
      [
        ['EV-0001', 'file'],
        ['EV-0002', 'link'],
      ],
    );
    const expired = await cli(env, ['evidence', 'list', '--state', 'expired,expiring', '--json']);
    assert.deepEqual(
      (JSON.parse(expired.stdout) as Evidence[]).map((e) => e.ref),
      ['EV-0003'],
    );
    const table = await cli(env, ['evidence', 'list']);
    assert.match(table.stdout, /EV-0003\s+note\s+Walk-through\s+expired\s+2020-01-01/);

    const shown = await cli(env, ['evidence', 'show', 'EV-0001', '--json']);
    assert.equal((JSON.parse(shown.stdout) as EvidenceDetail).current.fileName, 'Bias test Q3.pdf');
    const text = await cli(env, ['evidence', 'show', 'EV-0001']);
    assert.match(text.stdout, /EV-0001 {2}Bias test Q3\.pdf/);
    assert.match(text.stdout, /iso42001-2023:A\.6\.2\.4, iso42001-2023:A\.6\.2\.6, iso42001-2023:9\.1, AIS-0001/);

    const renewed = await cli(env, [
      'evidence',
      'add-version',
      'EV-0003',
      '--note',
      'Walked through again',
      '--review-due',
      '2099-06-30',
      '--comment',
      'renewed',
    ]);
    assert.equal(renewed.code, 0, renewed.stderr);
    assert.match(renewed.stdout, /EV-0003 is now at version 2 \(current\)/);
    const v2content = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1000)]);
    const v2file = path.join(dir, 'Bias test Q4.pdf');
    fs.writeFileSync(v2file, v2content);
    const v2 = await cli(env, ['evidence', 'add-version', 'EV-0001', v2file, '--json']);
    assert.equal(v2.code, 0, v2.stderr);
    assert.deepEqual(
      (JSON.parse(v2.stdout) as EvidenceDetail).versions.map((v) => [v.number, v.sha256]),
      [
        [2, sha(v2content)],
        [1, sha(content)],
      ],
    );
    const wrongKind = await cli(env, ['evidence', 'add-version', 'EV-0002', v2file]);
    assert.equal(wrongKind.code, 1);
    assert.match(wrongKind.stderr, /422 rule_violated: EV-0002 is a link, not a file/);

    const out = path.join(dir, 'downloaded.pdf');
    const download = await cli(env, ['evidence', 'download', 'EV-0001', '--out', out]);
    assert.equal(download.code, 0, download.stderr);
    assert.deepEqual(fs.readFileSync(out), v2content, 'the current version by default');
    const again = await cli(env, ['evidence', 'download', 'EV-0001', '--file-version', '1', '--out', out]);
    assert.equal(again.code, 2, 'an existing file is not replaced without --force');
    assert.match(again.stderr, /exists; pass --force/);
    const v1 = await cli(env, ['evidence', 'download', 'EV-0001', '--file-version', '1', '--out', out, '--force']);
    assert.equal(v1.code, 0, v1.stderr);
    assert.deepEqual(fs.readFileSync(out), content);
    const noSuch = await cli(env, ['evidence', 'download', 'EV-0001', '--file-version', '9', '--out', path.join(dir, 'v9.pdf')]);
    assert.equal(noSuch.code, 2);
    assert.match(noSuch.stderr, /has no version 9/);
    const notAFile = await cli(env, ['evidence', 'download', 'EV-0002', '--out', path.join(dir, 'link.bin')]);
    assert.equal(notAFile.code, 2);
    assert.match(notAFile.stderr, /is a link, not a file/);
    assert.equal(fs.existsSync(path.join(dir, 'link.bin')), false);
  });

  test('refusals: one clear line and a non-zero exit; nothing stored', async () => {
    const before = fs.readdirSync(dir, { recursive: true }).length;
    const exe = path.join(dir, 'setup.pdf');
    fs.writeFileSync(exe, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 0)]));
    const disguised = await cli(env, ['evidence', 'add', exe, '--control', 'A.6.2.4']);
    assert.equal(disguised.code, 1);
    assert.match(disguised.stderr, /^trellis: 415 unsupported_media_type: the content of "setup\.pdf" is not a PDF file/);

    const big = path.join(dir, 'big.txt');
    fs.writeFileSync(big, Buffer.alloc(LIMIT + 10, 0x61));
    const tooBig = await cli(env, ['evidence', 'add', big]);
    assert.equal(tooBig.code, 1);
    assert.match(tooBig.stderr, /413 payload_too_large: "big\.txt" is larger than the evidence upload limit of 2 MB/);

    const unknownControl = await cli(env, ['evidence', 'add', '--link', 'https://example.com', '--control', 'A.99']);
    assert.equal(unknownControl.code, 2);
    assert.match(unknownControl.stderr, /body\.links\.controls\.0: no control "A\.99"/);
    assert.equal((await cli(env, ['evidence', 'add'])).code, 2);
    assert.equal((await cli(env, ['evidence', 'add', exe, '--note', 'x'])).code, 2);
    const missing = await cli(env, ['evidence', 'add', path.join(dir, 'nope.pdf')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file/);
    fs.rmSync(exe);
    fs.rmSync(big);
    assert.equal(fs.readdirSync(dir, { recursive: true }).length, before);
  });
});
