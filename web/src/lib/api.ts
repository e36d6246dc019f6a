/**
 * The one way the web UI talks to the Trellis API: JSON in and out (or a file sent as it is),
 * the session cookie (same origin), the CSRF header on every write, and errors as ApiError.
 */

export interface ApiIssue {
  path: string;
  message: string;
}

/** An error answer from the API: `{ error: { code, message, details } }`, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The field problems the API reported, keyed by field name without the `body.`/`query.` prefix. */
  get issues(): ApiIssue[] {
    const details = this.details;
    if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
    const issues = (details as { issues: unknown }).issues;
    if (!Array.isArray(issues)) return [];
    return issues
      .filter((i): i is ApiIssue => typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.message === 'string')
      .map((i) => ({ path: i.path.replace(/^(body|query|params)\.?/, ''), message: i.message }));
  }

  /** The message for one field, when the API named it. */
  fieldError(field: string): string | undefined {
    return this.issues.find((i) => i.path === field)?.message;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembers the CSRF token of the current session (from login or GET /api/auth/session). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token of the current session, for requests sent outside `apiRequest` (uploads with progress). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/** Registers what happens when a request finds the session gone (the app shell sends the user to /login). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A file sent as the raw body instead of JSON (an upload); `body` is ignored then. */
  file?: { data: Blob; contentType: string };
  query?: Record<string, string | number | undefined | null>;
  /** Set false where a 401 is an expected answer (wrong password), not an expired session. */
  redirectOn401?: boolean;
  signal?: AbortSignal;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The ApiError for a non-2xx answer: the API's `{ error: { code, message, details } }`, else a generic one. */
export function apiErrorFrom(status: number, statusText: string, payload: unknown): ApiError {
  if (typeof payload === 'object' && payload !== null && 'error' in payload) {
    const error = (payload as { error: { code?: unknown; message?: unknown; details?: unknown } }).error;
    return new ApiError(
      status,
      typeof error.code === 'string' ? error.code : 'unknown',
      typeof error.message === 'string' ? error.message : `request failed (${status})`,
      error.details,
    );
  }
  return new ApiError(status, 'unknown', `the server answered ${status} ${statusText}`.trim());
}

async function readError(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (a proxy's error page, say): fall through to a generic message.
  }
  return apiErrorFrom(response.status, response.statusText, payload);
}

/**
 * Calls the API and returns the parsed JSON body (undefined for 204).
 * @throws ApiError for any non-2xx answer or when the server cannot be reached.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.file) headers['Content-Type'] = options.file.contentType;
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.file ? options.file.data : options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'Trellis could not be reached; check your connection and try again.');
  }
  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && options.redirectOn401 !== false) onUnauthenticated?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) => apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
  /** POSTs a file as the request body with its content type (e.g. `text/csv`). */
  upload: <T>(path: string, data: Blob, contentType: string, options?: Omit<RequestOptions, 'method' | 'body' | 'file'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', file: { data, contentType } }),
};

/** Encodes one path segment (an org slug, an id). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

/** True for the given API error code(s). */
export function isApiError(error: unknown, ...codes: string[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}
