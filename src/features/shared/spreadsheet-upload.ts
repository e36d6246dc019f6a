import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.ts';
import { CSV_MIME, XLSX_MIME, type SpreadsheetFormat } from './spreadsheet.ts';

export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

/** Lets the routes of one plugin receive a CSV or XLSX file as the raw body (JSON stays the default). */
export function acceptSpreadsheetBodies(app: FastifyInstance): void {
  app.addContentTypeParser(
    [CSV_MIME, 'application/csv', XLSX_MIME, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
    (_request, body, done) => {
      done(null, body);
    },
  );
}

/** The uploaded file and its format: from ?format=, else the Content-Type, else its first bytes (XLSX is a ZIP: "PK"). */
export function uploadedSpreadsheet(
  body: unknown,
  contentType: string | undefined,
  requested: SpreadsheetFormat | undefined,
): { format: SpreadsheetFormat; content: Buffer } {
  if (!Buffer.isBuffer(body)) {
    throw new AppError('validation_failed', `send the file as the body with Content-Type ${CSV_MIME} or ${XLSX_MIME}`, {
      issues: [{ path: 'body', message: 'expected a CSV or XLSX file' }],
    });
  }
  if (requested) return { format: requested, content: body };
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === XLSX_MIME) return { format: 'xlsx', content: body };
  if (type === CSV_MIME || type === 'application/csv' || type === 'text/plain') return { format: 'csv', content: body };
  return { format: body.subarray(0, 2).toString('latin1') === 'PK' ? 'xlsx' : 'csv', content: body };
}
