import { postFormData, type UploadOptions } from '../../lib/upload.ts';

export type { UploadProgress } from '../../lib/upload.ts';

/** The file parts a run upload takes: `data` (fairness, performance) or `reference` and `current` (drift). */
export type RunFileField = 'data' | 'reference' | 'current';

export interface RunFilesOptions extends UploadOptions {
  files: Partial<Record<RunFileField, File>>;
}

/**
 * POSTs the data files of a monitoring run as multipart/form-data, one file part per field and
 * nothing else (the server refuses other fields), with upload progress. The server computes the
 * metric before it answers, so the answer can come a while after the last byte was sent.
 * @throws ApiError for any non-2xx answer or a broken connection (status 0); an AbortError when aborted.
 */
export function sendRunFiles<T>(url: string, { files, ...options }: RunFilesOptions): Promise<T> {
  const body = new FormData();
  let size = 0;
  for (const field of ['data', 'reference', 'current'] as const) {
    const file = files[field];
    if (!file) continue;
    body.append(field, file, file.name);
    size += file.size;
  }
  return postFormData<T>(url, body, size, options);
}
