import type { z } from 'zod';
/**
 * Every error the domain raises. The HTTP boundary maps each code to a status
 * (see `httpStatusFor`); the CLI prints the message on one line.
 */
export const errorCodes = {
  /** The request body, query or parameters are malformed; details name the field paths. */
  validation_failed: 400,
  /** No valid session or API token. */
  unauthenticated: 401,
  /** Signed in, but the role does not allow the action. */
  forbidden: 403,
  /** The CSRF token is missing or wrong for a cookie-authenticated write. */
  csrf_failed: 403,
  /** The record does not exist in the caller's organization (also used for other organizations' records). */
  not_found: 404,
  /** The record changed since the caller read it (stale `version`). */
  version_conflict: 409,
  /** The record would clash with an existing one (e.g. a duplicate email or slug). */
  conflict: 409,
  /** The upload or body is larger than allowed. */
  payload_too_large: 413,
  /** An uploaded file's type is not accepted, or its content does not match its name (e.g. a renamed program). */
  unsupported_media_type: 415,
  /** A password given to confirm an action (not to sign in) is wrong; the session stays valid. */
  wrong_password: 422,
  /** Well-formed, but breaks a business rule (e.g. removing the last owner). */
  rule_violated: 422,
  /** Too many attempts; try again later. */
  rate_limited: 429,
  /** A restore target is not empty, or another precondition of an administrative command fails. */
  precondition_failed: 409,
  /** A configuration value is unusable. */
  config_invalid: 500,
  /** An unexpected failure; details go to the log only. */
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function httpStatusFor(code: ErrorCode): number {
  return errorCodes[code];
}

/**
 * Parses a value a service assembled itself (e.g. a stored record merged with a patch) and turns
 * a failure into a 400 naming each field, never a 500.
 */
export function parseFields<T extends z.ZodType>(schema: T, value: unknown, prefix = 'body'): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message }));
  throw new AppError('validation_failed', `${issues[0]?.path ?? prefix}: ${issues[0]?.message ?? 'invalid'}`, { issues });
}
