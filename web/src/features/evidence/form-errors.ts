import { ApiError, isApiError } from '../../lib/api.ts';

/**
 * The API's message for a field. Uploads name their fields under `metadata.` (the multipart field
 * they came in), JSON bodies without a prefix; list fields also match by their items (`links.controls.0`).
 */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const matches = (path: string) => path === field || path.startsWith(`${field}.`);
  return error.issues.find((i) => matches(i.path) || matches(i.path.replace(/^metadata\./, '')))?.message;
}

/** True when every problem the API named is on one of `fields` (so the form shows them all). */
export function allOnFields(error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || error.issues.length === 0) return false;
  return error.issues.every((i) => fields.some((f) => fieldError(new ApiError(400, '', '', { issues: [i] }), f) !== undefined));
}

/** A refusal of the file itself: too large, a type not accepted, content not matching its name, or empty. */
export function fileProblem(error: unknown): string | undefined {
  if (isApiError(error, 'payload_too_large', 'unsupported_media_type')) return capitalise(error.message);
  return fieldError(error, 'file');
}

function capitalise(text: string): string {
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
