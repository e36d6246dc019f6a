import { ApiError } from '../../lib/api.ts';

/** The file parts a run upload takes: `data` (fairness, performance) or `reference` and `current` (drift). */
export type RunFileField = 'data' | 'reference' | 'current';

/** How far an upload has got: bytes sent of the request body's total. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface RunFilesOptions {
  files: Partial<Record<RunFileField, File>>;
  csrfToken: string | null;
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

function errorOf(status: number, statusText: string, body: string): ApiError {
  try {
    const payload = JSON.parse(body) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    const error = payload.error;
    if (error && typeof error === 'object') {
      return new ApiError(
        status,
        typeof error.code === 'string' ? error.code : 'unknown',
        typeof error.message === 'string' ? error.message : `request failed (${status})`,
        error.details,
      );
    }
  } catch {
    // Not JSON (a proxy's error page): fall through.
  }
  if (status === 413) return new ApiError(413, 'payload_too_large', 'the file is larger than the server accepts');
  return new ApiError(status, 'unknown', `the server answered ${status} ${statusText}`.trim());
}

/**
 * POSTs the data files of a monitoring run as multipart/form-data, one file part per field and
 * nothing else (the server refuses other fields). XMLHttpRequest rather than fetch: only it
 * reports upload progress. The server computes the metric before it answers, so the answer can
 * come a while after the last byte was sent.
 * @throws ApiError for any non-2xx answer or a broken connection (status 0); an AbortError when aborted.
 */
export function sendRunFiles<T>(url: string, { files, csrfToken, onProgress, signal }: RunFilesOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    const body = new FormData();
    let size = 0;
    for (const field of ['data', 'reference', 'current'] as const) {
      const file = files[field];
      if (!file) continue;
      body.append(field, file, file.name);
      size += file.size;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    if (onProgress) {
      xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : size });
    }
    // A refusal (too large, a missing part) can come while the files are still being sent: as soon
    // as its whole error body is here, report it and stop sending the rest.
    xhr.onreadystatechange = () => {
      if (xhr.readyState < XMLHttpRequest.LOADING || xhr.status < 400 || settled) return;
      try {
        JSON.parse(xhr.responseText);
      } catch {
        return; // not all of it yet
      }
      settle(() => reject(errorOf(xhr.status, xhr.statusText, xhr.responseText)));
      if (xhr.readyState !== XMLHttpRequest.DONE) xhr.abort();
    };
    xhr.onload = () =>
      settle(() => {
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve(JSON.parse(xhr.responseText) as T);
          } catch {
            reject(new ApiError(xhr.status, 'unknown', 'the server’s answer could not be read'));
          }
        } else {
          reject(errorOf(xhr.status, xhr.statusText, xhr.responseText));
        }
      });
    xhr.onerror = () =>
      settle(() =>
        reject(
          new ApiError(
            0,
            'network',
            'The upload was cut off before the server answered. Check your connection and try again; a very large file may be over the server’s upload limit.',
          ),
        ),
      );
    xhr.onabort = () => settle(() => reject(new DOMException('The upload was cancelled', 'AbortError')));
    if (signal) {
      if (signal.aborted) {
        settle(() => reject(new DOMException('The upload was cancelled', 'AbortError')));
        return;
      }
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(body);
  });
}
