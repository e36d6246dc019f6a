import { CliExit } from './output.ts';

/** A 4xx/5xx answer from the server, with what it said (`details` carries e.g. an import's row problems). */
export class ApiClientError extends CliExit {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details: unknown) {
    super(`${status} ${code}: ${message}`, status === 400 ? 2 : 1);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** A request body that is a file, sent as it is. */
export interface RawBody {
  content: Buffer;
  contentType: string;
}

export interface ApiClientOptions {
  url: string;
  token: string | undefined;
}

/**
 * A small client for the Trellis HTTP API as a CI job would use it: bearer token,
 * JSON in and out, server errors turned into one readable line.
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly #token: string;

  constructor(options: ApiClientOptions) {
    if (!options.token) {
      throw new CliExit(
        'this command talks to a Trellis server: pass --token or set TRELLIS_TOKEN (create one in the UI under API tokens, or with `trellis token create`)',
        2,
      );
    }
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.#token = options.token;
  }

  async #fetch(method: string, path: string, body?: unknown): Promise<Response> {
    const raw = body instanceof Object && 'content' in body && Buffer.isBuffer((body as RawBody).content) ? (body as RawBody) : null;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          ...(body === undefined ? {} : { 'content-type': raw ? raw.contentType : 'application/json' }),
        },
        body: body === undefined ? null : raw ? new Uint8Array(raw.content) : JSON.stringify(body),
      });
    } catch (error) {
      const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new CliExit(`cannot reach the Trellis server at ${this.baseUrl} (${reason}); set --url or TRELLIS_URL`);
    }
    if (!response.ok) {
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // Fall through: a non-JSON answer is reported as it is.
      }
      const err = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
      throw new ApiClientError(response.status, err?.code ?? 'error', err?.message ?? text.slice(0, 200), err?.details);
    }
    return response;
  }

  /** JSON (or a raw file body) in, JSON out. */
  async request<T>(method: string, path: string, body?: unknown | RawBody): Promise<T> {
    const response = await this.#fetch(method, path, body);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    try {
      return (text ? JSON.parse(text) : null) as T;
    } catch {
      throw new CliExit(`the server answered ${method} ${path} with something that is not JSON`);
    }
  }

  /** A file the server sends (an export), as bytes. */
  async download(path: string): Promise<Buffer> {
    const response = await this.#fetch('GET', path);
    return Buffer.from(await response.arrayBuffer());
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
}
