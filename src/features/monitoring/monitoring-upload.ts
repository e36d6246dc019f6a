import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pipeToFile } from '../../domain/files.ts';
import { AppError } from '../../domain/errors.ts';
import { formatBytes, safeFileName } from '../evidence/evidence-files.ts';

/*
 * Data files uploaded for a monitoring run: streamed to a private temporary directory (never held
 * in memory) under the evidence upload limit, read by the metric engine, and removed afterwards
 * whatever happened. They are not evidence themselves: the run keeps their SHA-256 and row count.
 */

export interface DataFile {
  /** where the upload was written */
  path: string;
  /** the client's file name, made safe (shown in the run's input fingerprint) */
  name: string;
}

function badRequest(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, { issues: [{ path: field, message }] });
}

/** The multipart plugin's own errors, in the API's words. */
function translate(error: unknown, fields: readonly string[]): unknown {
  const expected = fields.map((f) => `"${f}"`).join(' and ');
  switch ((error as { code?: unknown }).code) {
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return badRequest('body', `send only the file part${fields.length > 1 ? 's' : ''} ${expected}`);
    case 'FST_PROTO_VIOLATION':
      return badRequest('body', 'a field name is not allowed');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return badRequest('body', `send multipart/form-data with the file part${fields.length > 1 ? 's' : ''} ${expected}`);
    default:
      return error;
  }
}

/** Counts the bytes as they pass and stops the upload one byte past the limit. */
function limit(field: string, maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) {
        callback(
          new AppError('payload_too_large', `${field}: larger than the upload limit of ${formatBytes(maxBytes)}`, {
            issues: [{ path: field, message: `larger than ${formatBytes(maxBytes)}` }],
            limitBytes: maxBytes,
          }),
        );
        return;
      }
      callback(null, chunk);
    },
  });
}

async function receive(request: FastifyRequest, fields: readonly string[], maxBytes: number, dir: string): Promise<Map<string, DataFile>> {
  if (!request.isMultipart()) throw translate({ code: 'FST_INVALID_MULTIPART_CONTENT_TYPE' }, fields);
  const files = new Map<string, DataFile>();
  const parts = request.parts({
    // One byte over the limit reaches the counter, which refuses it with a clear 413.
    limits: { fileSize: maxBytes + 1, files: fields.length, fields: 0, parts: fields.length },
  });
  for await (const part of parts) {
    if (part.type !== 'file')
      throw badRequest(part.fieldname, `unexpected field; send the file part${fields.length > 1 ? 's' : ''} ${fields.join(', ')}`);
    if (!fields.includes(part.fieldname) || files.has(part.fieldname)) {
      part.file.destroy();
      throw badRequest(
        part.fieldname,
        files.has(part.fieldname)
          ? 'sent twice'
          : `this plan takes the file part${fields.length > 1 ? 's' : ''} ${fields.map((f) => `"${f}"`).join(' and ')}`,
      );
    }
    const target = path.join(dir, `${part.fieldname}.upload`);
    await pipeToFile(fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }), part.file, limit(part.fieldname, maxBytes));
    files.set(part.fieldname, { path: target, name: safeFileName(part.filename || part.fieldname) });
  }
  const missing = fields.find((f) => !files.has(f));
  if (missing) throw badRequest(missing, `no file part "${missing}"`);
  return files;
}

/**
 * Receives the named file parts of a multipart/form-data request into a temporary directory, runs
 * `work` on them and removes the directory afterwards, also when receiving or `work` fails. A
 * refusal before the whole body was read closes the connection after the error response, so the
 * unread rest of the upload cannot stall the client or be read as its next request.
 * @throws AppError `validation_failed` (a missing, unexpected or repeated part), `payload_too_large`.
 */
export async function withDataFiles<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  fields: readonly string[],
  maxBytes: number,
  work: (files: Map<string, DataFile>) => Promise<T>,
): Promise<T> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'trellis-monitoring-'));
  try {
    let files: Map<string, DataFile>;
    try {
      files = await receive(request, fields, maxBytes, dir);
    } catch (error) {
      if (!request.raw.complete) void reply.header('connection', 'close');
      throw translate(error, fields);
    }
    return await work(files);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
