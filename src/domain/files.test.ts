import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { after, test } from 'node:test';
import { pipeToFile } from './files.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-files-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A write stream whose open takes `delayMs`, as a busy disk or thread pool makes it. */
function slowOpening(file: string, delayMs: number): fs.WriteStream {
  const slowFs = {
    ...fs,
    open: (p: fs.PathLike, flags: fs.OpenMode, mode: fs.Mode, cb: (err: NodeJS.ErrnoException | null, fd: number) => void) =>
      setTimeout(() => fs.open(p, flags, mode, cb), delayMs),
  };
  return fs.createWriteStream(file, { flags: 'wx', fs: slowFs } as never);
}

function failing(): Readable {
  const source = new PassThrough();
  process.nextTick(() => source.destroy(new Error('the upload broke off')));
  return source;
}

test('the content arrives through the transforms', async () => {
  const file = path.join(dir, 'ok.txt');
  const upper = new Transform({ transform: (chunk: Buffer, _e, done) => done(null, chunk.toString().toUpperCase()) });
  await pipeToFile(fs.createWriteStream(file, { flags: 'wx' }), Readable.from([Buffer.from('evidence')]), upper);
  assert.equal(fs.readFileSync(file, 'utf8'), 'EVIDENCE');
});

test('a failure leaves no file, even when the file is created after the pipeline has failed', async () => {
  const file = path.join(dir, 'late.tmp');
  const out = slowOpening(file, 50);
  await assert.rejects(pipeToFile(out, failing()), /the upload broke off/);
  assert.ok(out.closed, 'the write stream has closed before pipeToFile settles');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(fs.existsSync(file), false, 'no file left behind');
});

test('a failing transform leaves no file', async () => {
  const file = path.join(dir, 'refused.tmp');
  const refuse = new Transform({ transform: (_chunk, _e, done) => done(new Error('not a PDF file')) });
  await assert.rejects(pipeToFile(slowOpening(file, 20), Readable.from([Buffer.from('MZ')]), refuse), /not a PDF file/);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(fs.existsSync(file), false);
});

test('a file that already exists is not removed when the exclusive open refuses it', async () => {
  const file = path.join(dir, 'existing.txt');
  fs.writeFileSync(file, 'keep me');
  await assert.rejects(pipeToFile(fs.createWriteStream(file, { flags: 'wx' }), Readable.from([Buffer.from('x')])), { code: 'EEXIST' });
  assert.equal(fs.readFileSync(file, 'utf8'), 'keep me');
});
