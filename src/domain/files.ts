import fs from 'node:fs';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Pipes `source` through `transforms` into `out`, a stream writing a new file. When anything fails
 * the file is removed, but only once `out` has closed and only if `out` opened (created) it:
 * a failed pipeline settles while the write stream may still be opening its file, and removing the
 * file before that open completes would leave it behind, created just after the removal.
 */
export async function pipeToFile(out: fs.WriteStream, source: Readable, ...transforms: Transform[]): Promise<void> {
  let opened = false;
  out.once('open', () => (opened = true));
  try {
    await pipeline([source, ...transforms, out]);
  } catch (error) {
    if (!out.closed) {
      const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
      out.destroy();
      await closed;
    }
    if (opened) await fs.promises.rm(out.path, { force: true });
    throw error;
  }
}
