import { ApiError } from '../../lib/api.ts';

/** How far an upload has got: bytes sent of the request body's total. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface MultipartOptions {
  file: File;
  /** Sent as the `metadata` field (JSON), before the file, so the server checks it first. */
  metadata: unknown;
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
 * POSTs a file with its metadata as multipart/form-data (fields `metadata` then `file`), the way
 * the evidence API takes uploads. XMLHttpRequest rather than fetch: only it reports upload progress.
 * @throws ApiError for any non-2xx answer or a broken connection (status 0); an AbortError when aborted.
 */
export function sendMultipart<T>(url: string, { file, metadata, csrfToken, onProgress, signal }: MultipartOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    const body = new FormData();
    body.append('metadata', JSON.stringify(metadata));
    body.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    if (onProgress) {
      xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    }
    // A refusal (too large, a type not accepted) can come while the file is still being sent: as soon
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
