import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../domain/errors.ts';
import type { EvidenceStore } from './evidence-store.ts';
import { discardUnreferencedBlob, storeUpload, type UploadedFile } from './evidence-upload.ts';

/** What a multipart evidence upload carried: the parsed `metadata` field and the stored `file`. */
export interface ReceivedUpload {
  metadata: unknown;
  file: UploadedFile;
}

const METADATA_LIMIT = 256 * 1024;

function badRequest(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, { issues: [{ path, message }] });
}

/** The multipart plugin's own errors, in the API's words. */
function translate(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'FST_FILES_LIMIT':
      return badRequest('file', 'send one file per request');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return badRequest('body', 'send only a "metadata" field and a "file" part');
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return badRequest('metadata', 'not valid JSON');
    case 'FST_PROTO_VIOLATION':
      return badRequest('body', 'a field name is not allowed');
    default:
      return error;
  }
}

/**
 * Reads a multipart/form-data evidence upload: a `metadata` field (JSON text) and one `file`
 * part, in either order. The file is streamed straight into the store (never held in memory)
 * through the size and type checks; `checkMetadata` runs as soon as the metadata arrives, so bad
 * metadata sent first is refused before any byte of the file is read. On any failure the stored
 * content is discarded (unless some version already references it) and nothing else remains.
 * A refusal before the whole body was read closes the connection after the error response: the
 * unread rest of the file would otherwise stall the client (its upload never completes, or its
 * next request on the same connection is read as part of this body).
 */
export async function receiveUpload(
  request: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  store: EvidenceStore,
  maxBytes: number,
  checkMetadata: (metadata: unknown) => void,
): Promise<ReceivedUpload> {
  let metadata: unknown = undefined;
  let file: UploadedFile | null = null;
  try {
    const parts = request.parts({
      // One byte over the limit reaches the inspector, which refuses it with a clear 413.
      limits: { fileSize: maxBytes + 1, files: 1, fields: 1, fieldSize: METADATA_LIMIT, parts: 2 },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.destroy();
          throw badRequest(part.fieldname, 'the file part must be named "file"');
        }
        file = await storeUpload(store, part.file, part.filename, maxBytes);
      } else if (part.fieldname === 'metadata') {
        if (part.valueTruncated) throw badRequest('metadata', `larger than ${METADATA_LIMIT / 1024} KB`);
        metadata = parseJsonField(part.value);
        checkMetadata(metadata);
      } else {
        throw badRequest(part.fieldname, 'unexpected field; send "metadata" (JSON) and "file"');
      }
    }
    if (!file) throw badRequest('file', 'no file part: send the file as the multipart part named "file"');
    return { metadata, file };
  } catch (error) {
    if (!request.raw.complete) void reply.header('connection', 'close');
    if (file) await discardUnreferencedBlob(db, store, file.sha256).catch(() => false);
    throw translate(error);
  }
}

function parseJsonField(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw badRequest('metadata', 'not valid JSON');
  }
}
