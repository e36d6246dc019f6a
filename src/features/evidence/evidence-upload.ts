import type { Readable } from 'node:stream';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import { AppError } from '../../domain/errors.ts';
import { fileTypeOf, safeFileName, uploadInspector } from './evidence-files.ts';
import type { EvidenceStore } from './evidence-store.ts';
import { blobReferences, lockBlob } from './evidence.repository.ts';

/** A file received and stored, not yet referenced by any evidence version. */
export interface UploadedFile {
  sha256: string;
  size: number;
  /** the safe file name */
  fileName: string;
  /** from the accepted-types table, not from the client */
  mediaType: string;
}

/**
 * Streams an upload into the store after checking its name and type, enforcing the size limit
 * and the content check as it flows. Nothing is stored when any check fails (the store discards
 * its temporary file) and the upload stops being read.
 * @throws AppError `unsupported_media_type` (415), `payload_too_large` (413), `validation_failed` (empty file).
 */
export async function storeUpload(store: EvidenceStore, source: Readable, rawFileName: string, maxBytes: number): Promise<UploadedFile> {
  const fileName = safeFileName(rawFileName);
  let type;
  try {
    type = fileTypeOf(fileName);
  } catch (error) {
    source.destroy();
    throw error;
  }
  const inspector = uploadInspector(type, fileName, maxBytes);
  source.once('error', (error) => inspector.destroy(error));
  inspector.once('error', () => source.destroy());
  const blob = await store.put(source.pipe(inspector));
  return { ...blob, fileName, mediaType: type.mediaType };
}

/**
 * Inside a transaction that is about to reference stored content: takes the content's lock and
 * checks the content is still there (a concurrent discard may have removed it since the upload).
 * @throws AppError `conflict` when it is gone: the upload has to be sent again.
 */
export async function claimBlob(trx: Executor, db: Db, store: EvidenceStore, sha256: string): Promise<void> {
  await lockBlob(trx, db.dialect, sha256);
  if (!(await store.has(sha256))) {
    throw new AppError('conflict', 'the uploaded file was removed by a deletion running at the same time; send it again');
  }
}

/**
 * Removes stored content that no evidence version (in any organization) references any more,
 * under the content's lock so it cannot race a transaction that is adding a reference.
 * Returns whether it was removed.
 */
export async function discardUnreferencedBlob(db: Db, store: EvidenceStore, sha256: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    await lockBlob(trx, db.dialect, sha256);
    if ((await blobReferences(trx, sha256)) > 0) return false;
    await store.delete(sha256);
    return true;
  });
}

/** Runs `write` (which references `file`); when it fails, the stored content is discarded unless referenced. */
export async function withUploadedFile<T>(db: Db, store: EvidenceStore, file: UploadedFile, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    await discardUnreferencedBlob(db, store, file.sha256).catch(() => false);
    throw error;
  }
}
