import { CliExit } from './output.ts';

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

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch (error) {
      const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new CliExit(`cannot reach the Trellis server at ${this.baseUrl} (${reason}); set --url or TRELLIS_URL`);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Fall through: a non-JSON answer is reported as it is.
    }
    if (!response.ok) {
      const err = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
      throw new CliExit(`${response.status} ${err?.code ?? 'error'}: ${err?.message ?? text.slice(0, 200)}`);
    }
    return parsed as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
}
