import { ApiError, apiErrorFrom, currentCsrfToken } from './api.ts';

/** How far an upload has got: bytes sent of the request body's total. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions {
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

function errorOf(status: number, statusText: string, body: string): ApiError {
  let payload: unknown = null;
  try {
    payload = JSON.parse(body);
  } catch {
    // Not JSON (a proxy's error page): a generic message below.
  }
  const hasError = typeof payload === 'object' && payload !== null && 'error' in payload;
  if (status === 413 && !hasError) return new ApiError(413, 'payload_too_large', 'the file is larger than the server accepts');
  return apiErrorFrom(status, statusText, payload);
}

/**
 * POSTs multipart/form-data with the session's CSRF token, reporting upload progress (`size` is
 * the files' total, used when the browser cannot tell the body's length). XMLHttpRequest rather
 * than fetch: only it reports upload progress.
 * @throws ApiError for any non-2xx answer or a broken connection (status 0); an AbortError when aborted.
 */
export function postFormData<T>(url: string, body: FormData, size: number, { onProgress, signal }: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    const csrfToken = currentCsrfToken();
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    if (onProgress) {
      xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : size });
    }
    // A refusal (too large, a type or part not accepted) can come while the file is still being
    // sent: as soon as its whole error body is here, report it and stop sending the rest.
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
