import { ApiError } from '../../lib/api.ts';

/** The API's message for a field (list fields also match by their items: `thresholds.0.key` under `thresholds`). */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.issues.find((i) => i.path === field || i.path.startsWith(`${field}.`))?.message;
}

/** True when every problem the API named is on one of `fields` (so the form shows them all by the fields). */
export function allOnFields(error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || error.issues.length === 0) return false;
  return error.issues.every((i) => fields.some((f) => i.path === f || i.path.startsWith(`${f}.`)));
}
