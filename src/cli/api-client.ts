import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeToFile } from '../domain/files.ts';
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

/** A multipart/form-data body: text fields, then one file streamed from disk (never read whole into memory). */
export interface MultipartUpload {
  fields: Record<string, string>;
  file: { field: string; path: string; name: string; contentType: string; size: number };
  /** called with the bytes of the file sent so far */
  onProgress?: (sent: number) => void;
}

/** A streamed request body (fetch needs `duplex: 'half'` for it). */
interface StreamBody {
  stream: AsyncIterable<Uint8Array>;
  contentType: string;
  contentLength: number;
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

  async #fetch(method: string, path: string, body?: unknown | StreamBody): Promise<Response> {
    const raw = body instanceof Object && 'content' in body && Buffer.isBuffer((body as RawBody).content) ? (body as RawBody) : null;
    const streamed = body instanceof Object && 'stream' in body ? (body as StreamBody) : null;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          ...(body === undefined ? {} : { 'content-type': raw ? raw.contentType : streamed ? streamed.contentType : 'application/json' }),
          ...(streamed ? { 'content-length': String(streamed.contentLength) } : {}),
        },
        body:
          body === undefined
            ? null
            : raw
              ? new Uint8Array(raw.content)
              : streamed
                ? (Readable.toWeb(Readable.from(streamed.stream)) as ReadableStream<Uint8Array>)
                : JSON.stringify(body),
        ...(streamed ? { duplex: 'half' } : {}),
      } as RequestInit);
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

  /**
   * Sends a multipart/form-data request whose file part is streamed from disk, with its exact
   * Content-Length (so the server can refuse an oversized upload at once), JSON out.
   */
  async upload<T>(method: string, path: string, form: MultipartUpload): Promise<T> {
    const boundary = `----trellis-${randomBytes(12).toString('hex')}`;
    const quoted = (text: string) => text.replace(/["\\\r\n]/g, (c) => encodeURIComponent(c));
    const head = Buffer.from(
      Object.entries(form.fields)
        .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`)
        .join('') +
        `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(form.file.field)}"; filename="${quoted(form.file.name)}"\r\n` +
        `Content-Type: ${form.file.contentType}\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const file = form.file;
    async function* body(): AsyncGenerator<Uint8Array> {
      yield head;
      let sent = 0;
      for await (const chunk of fs.createReadStream(file.path)) {
        sent += (chunk as Buffer).length;
        form.onProgress?.(sent);
        yield chunk as Buffer;
      }
      if (sent !== file.size) throw new CliExit(`${file.path} changed while it was being sent`);
      yield tail;
    }
    const response = await this.#fetch(method, path, {
      stream: body(),
      contentType: `multipart/form-data; boundary=${boundary}`,
      contentLength: head.length + file.size + tail.length,
    } satisfies StreamBody);
    const text = await response.text();
    try {
      return (text ? JSON.parse(text) : null) as T;
    } catch {
      throw new CliExit(`the server answered ${method} ${path} with something that is not JSON`);
    }
  }

  /**
   * Streams a download into `outFile` (through a temporary file beside it, renamed at the end, so
   * a failed download leaves no partial file). Returns the size and SHA-256 of what was written
   * and the server's ETag.
   */
  async downloadTo(
    path_: string,
    outFile: string,
    onProgress?: (received: number, total: number | null) => void,
  ): Promise<{ size: number; sha256: string; etag: string | null }> {
    const response = await this.#fetch('GET', path_);
    if (!response.body) throw new CliExit(`the server sent no content for ${path_}`);
    const total = Number(response.headers.get('content-length') ?? NaN);
    const hash = createHash('sha256');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        hash.update(chunk);
        onProgress?.(size, Number.isFinite(total) ? total : null);
        done(null, chunk);
      },
    });
    const temp = path.join(path.dirname(outFile), `.${path.basename(outFile)}.${randomBytes(6).toString('hex')}.part`);
    try {
      await pipeToFile(fs.createWriteStream(temp, { flags: 'wx' }), Readable.fromWeb(response.body as never), counter);
      await fs.promises.rename(temp, outFile);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
    return { size, sha256: hash.digest('hex'), etag: response.headers.get('etag') };
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
}
