import type { SoaDocument, soaExportFormats } from '../domain/schemas/controls.schemas.ts';
import { XLSX_MIME } from '../features/shared/spreadsheet.ts';
import { renderSoaDocx } from './soa-docx.ts';
import { renderSoaOscal } from './soa-oscal.ts';
import { renderSoaPdf } from './soa-pdf.ts';
import { dateOf } from './soa-text.ts';
import { renderSoaXlsx } from './soa-xlsx.ts';

/**
 * Exports of the Statement of Applicability: pure functions of a SoaDocument (live or an approved
 * version), no database. The file name says which: `acme-soa-v3.xlsx` for approved version 3,
 * `acme-soa-draft-2026-11-28.pdf` for the live SoA generated that day.
 */

export type SoaExportFormat = (typeof soaExportFormats)[number];

export interface SoaExport {
  body: Buffer;
  mediaType: string;
  fileName: string;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_MIME = 'application/pdf';
export const OSCAL_MIME = 'application/json';

const extensions: Record<SoaExportFormat, string> = { xlsx: 'xlsx', pdf: 'pdf', docx: 'docx', oscal: 'oscal.json' };

/** `<org-slug>-soa-v3.xlsx`, or `<org-slug>-soa-draft-2026-11-28.pdf` for the live SoA. */
export function soaFileName(format: SoaExportFormat, doc: SoaDocument): string {
  const slug =
    doc.organization.slug
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'organization';
  const which = doc.version ? `v${doc.version.number}` : `draft-${dateOf(doc.generatedAt).replace(/[^0-9-]/g, '')}`;
  return `${slug}-soa-${which}.${extensions[format]}`;
}

/**
 * Renders the SoA in one format.
 * @throws AppError `internal` when the OSCAL document would not validate (it is never handed out).
 */
export async function renderSoa(format: SoaExportFormat, doc: SoaDocument): Promise<SoaExport> {
  const fileName = soaFileName(format, doc);
  switch (format) {
    case 'xlsx':
      return { body: await renderSoaXlsx(doc), mediaType: XLSX_MIME, fileName };
    case 'pdf':
      return { body: await renderSoaPdf(doc), mediaType: PDF_MIME, fileName };
    case 'docx':
      return { body: await renderSoaDocx(doc), mediaType: DOCX_MIME, fileName };
    case 'oscal':
      return { body: renderSoaOscal(doc), mediaType: OSCAL_MIME, fileName };
  }
}
