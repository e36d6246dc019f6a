import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { AppError } from '../../domain/errors.ts';
import { pipeToFile } from '../../domain/files.ts';

/** A stored file: its SHA-256 (lowercase hex), which is also its address, and its size in bytes. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Where evidence files live, addressed by the SHA-256 of their content: identical content is
 * stored once. Implementations stream (they never hold a whole file in memory) and never leave a
 * partial file behind: a failed or aborted `put` stores nothing.
 */
export interface EvidenceStore {
  readonly kind: 'local' | 's3';
  /** Stores the content of `source` (consuming it) and returns its address; errors of `source` abort it. */
  put(source: Readable): Promise<StoredBlob>;
  /** The content at `sha256`. @throws AppError `not_found` when the store has no such content. */
  open(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /** Removes the content at `sha256`; nothing happens when it is not there. */
  delete(sha256: string): Promise<void>;
  /** Releases connections (S3). */
  close(): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function assertAddress(sha256: string): void {
  // The address becomes a path or key: only a real SHA-256 may ever reach it.
  if (!SHA256.test(sha256)) throw new AppError('validation_failed', 'not a SHA-256 content address');
}

export function missing(sha256: string): AppError {
  return new AppError(
    'not_found',
    `the stored file ${sha256.slice(0, 12)}… is missing from the evidence store (was the store restored with the database?)`,
  );
}

/** Hashes and counts what flows through it. */
class Hasher extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }
}

/**
 * Writes `source` to a new file at `file` while hashing it; removes the file on any failure.
 * The file is flushed to disk before this returns.
 */
export async function spool(source: Readable, file: string): Promise<StoredBlob> {
  const hasher = new Hasher();
  await pipeToFile(fs.createWriteStream(file, { flags: 'wx', mode: 0o640 }), source, hasher);
  try {
    const handle = await fs.promises.open(file, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await fs.promises.rm(file, { force: true });
    throw error;
  }
  return { sha256: hasher.hash.digest('hex'), size: hasher.size };
}

/**
 * Files under `<dir>/sha256/<first 2 hex>/<64 hex>`. An upload is written to a temporary file in
 * `<dir>/sha256/` while it is hashed, then renamed into place (atomic on one file system), so a
 * reader never sees a partial file and an interrupted upload leaves only a temporary file that
 * `put` itself removes.
 */
export class LocalEvidenceStore implements EvidenceStore {
  readonly kind = 'local' as const;
  readonly root: string;

  constructor(dir: string) {
    this.root = path.join(dir, 'sha256');
  }

  /** The path of the content at `sha256`. */
  pathOf(sha256: string): string {
    assertAddress(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(source: Readable): Promise<StoredBlob> {
    await fs.promises.mkdir(this.root, { recursive: true });
    const temp = path.join(this.root, `.upload-${randomUUID()}.tmp`);
    const blob = await spool(source, temp);
    const target = this.pathOf(blob.sha256);
    try {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      if (await this.has(blob.sha256)) await fs.promises.rm(temp, { force: true });
      else await fs.promises.rename(temp, target);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
    return blob;
  }

  async open(sha256: string): Promise<Readable> {
    const file = this.pathOf(sha256);
    try {
      const handle = await fs.promises.open(file, 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing(sha256);
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await fs.promises.stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }

  async close(): Promise<void> {}
}
