import { postFormData, type UploadOptions } from '../../lib/upload.ts';

export type { UploadProgress } from '../../lib/upload.ts';

export interface MultipartOptions extends UploadOptions {
  file: File;
  /** Sent as the `metadata` field (JSON), before the file, so the server checks it first. */
  metadata: unknown;
}

/**
 * POSTs a file with its metadata as multipart/form-data (fields `metadata` then `file`), the way
 * the evidence API takes uploads, with upload progress.
 * @throws ApiError for any non-2xx answer or a broken connection (status 0); an AbortError when aborted.
 */
export function sendMultipart<T>(url: string, { file, metadata, ...options }: MultipartOptions): Promise<T> {
  const body = new FormData();
  body.append('metadata', JSON.stringify(metadata));
  body.append('file', file, file.name);
  return postFormData<T>(url, body, file.size, options);
}
