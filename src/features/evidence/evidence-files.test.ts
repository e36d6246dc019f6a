import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, test } from 'node:test';
import { AppError } from '../../domain/errors.ts';
import { attachmentDisposition, fileTypeOf, formatBytes, safeFileName, uploadInspector } from './evidence-files.ts';

describe('evidence file rules', () => {
  test('safe file names', () => {
    assert.equal(safeFileName('a/b/../c\\d.pdf'), 'd.pdf');
    assert.equal(safeFileName('Report "final" v2.pdf'), 'Report _final_ v2.pdf');
    assert.equal(safeFileName('tab\there\r\nnewline.txt'), 'tab here newline.txt');
    assert.equal(safeFileName('  .  '), 'evidence');
    assert.equal(safeFileName('.pdf'), 'pdf');
    assert.equal(safeFileName('nul'), '_nul');
    assert.equal(safeFileName('LPT1.csv'), '_LPT1.csv');
    assert.equal(safeFileName('report.pdf.   '), 'report.pdf');
    assert.equal(safeFileName('e\u0301clair.txt'), '\u00e9clair.txt', 'NFC');
    const long = safeFileName(`${'ü'.repeat(250)}.xlsx`);
    assert.equal([...long].length, 200);
    assert.ok(long.endsWith('.xlsx'));
  });

  test('types come from the extension, case-insensitively', () => {
    assert.equal(fileTypeOf('A.PDF').mediaType, 'application/pdf');
    assert.equal(fileTypeOf('x.tar.gz.zip').mediaType, 'application/zip');
    for (const name of ['x.exe', 'x.html', 'x.svg', 'x.js', 'x', 'x.pdf.exe']) {
      assert.throws(
        () => fileTypeOf(name),
        (e: unknown) => e instanceof AppError && e.code === 'unsupported_media_type',
        name,
      );
    }
  });

  test('Content-Disposition: attachment with an ASCII fallback and the exact name (RFC 5987)', () => {
    assert.equal(attachmentDisposition('plan.pdf'), `attachment; filename="plan.pdf"; filename*=UTF-8''plan.pdf`);
    assert.equal(
      attachmentDisposition("O'Brien (draft) 100%.txt"),
      `attachment; filename="O'Brien (draft) 100_.txt"; filename*=UTF-8''O%27Brien%20%28draft%29%20100%25.txt`,
    );
    assert.equal(attachmentDisposition('日本語.pdf'), `attachment; filename=".pdf"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.pdf`);
  });

  test('the inspector passes content through unchanged, and stops at the limit', async () => {
    const content = `%PDF-1.4\n${'x'.repeat(1000)}`;
    const through = Readable.from([Buffer.from(content.slice(0, 3)), Buffer.from(content.slice(3))]).pipe(
      uploadInspector(fileTypeOf('a.pdf'), 'a.pdf', 2000),
    );
    assert.equal(await text(through), content);
    const small = Readable.from([Buffer.from('%PDF-1.4')]).pipe(uploadInspector(fileTypeOf('a.pdf'), 'a.pdf', 2000));
    assert.equal(await text(small), '%PDF-1.4', 'a file shorter than the sniffed head');
    const over = Readable.from([Buffer.from(content)]).pipe(uploadInspector(fileTypeOf('a.pdf'), 'a.pdf', 500));
    await assert.rejects(text(over), (e: unknown) => e instanceof AppError && e.code === 'payload_too_large');
    assert.equal(formatBytes(50 * 1024 * 1024), '50 MB');
    assert.equal(formatBytes(1536), '1.5 KB');
  });
});
