import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type * as S3Sdk from '@aws-sdk/client-s3';
import { AppError } from '../../domain/errors.ts';
import { assertAddress, missing, spool, type EvidenceStore, type StoredBlob } from './evidence-store.ts';

export interface S3EvidenceStoreOptions {
  bucket: string;
  prefix: string;
  endpoint: string | undefined;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
  /** Where an upload is staged while it is hashed (default: the OS temp directory). */
  stagingDir?: string;
}

type Sdk = typeof S3Sdk;
type S3Client = S3Sdk.S3Client;

function isNotFound(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

/**
 * Objects `<prefix>sha256/<hash>` in an S3-compatible bucket, for installs with several server
 * nodes. The key is the content's hash, known only once the upload has been read: the upload is
 * staged in a local temporary file while it is hashed (memory stays flat), then sent with its
 * SHA-256 checksum, which S3 verifies; content already in the bucket is not sent again.
 * The AWS SDK is loaded on first use, so installs on local disk never load it.
 */
export class S3EvidenceStore implements EvidenceStore {
  readonly kind = 's3' as const;
  readonly #options: S3EvidenceStoreOptions;
  readonly #stagingDir: string;
  #client: Promise<{ sdk: Sdk; client: S3Client }> | null = null;

  constructor(options: S3EvidenceStoreOptions) {
    this.#options = options;
    this.#stagingDir = options.stagingDir ?? os.tmpdir();
  }

  #connect(): Promise<{ sdk: Sdk; client: S3Client }> {
    this.#client ??= import('@aws-sdk/client-s3').then((sdk) => {
      const o = this.#options;
      const client = new sdk.S3Client({
        region: o.region,
        forcePathStyle: o.forcePathStyle,
        ...(o.endpoint ? { endpoint: o.endpoint } : {}),
        ...(o.accessKeyId && o.secretAccessKey ? { credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } } : {}),
        // Checksums only where S3 requires them: several S3-compatible services reject the SDK's
        // default streaming checksums. Uploads carry their SHA-256 explicitly instead.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      return { sdk, client };
    });
    return this.#client;
  }

  keyOf(sha256: string): string {
    assertAddress(sha256);
    return `${this.#options.prefix}sha256/${sha256}`;
  }

  async put(source: Readable): Promise<StoredBlob> {
    await fs.promises.mkdir(this.#stagingDir, { recursive: true });
    const temp = path.join(this.#stagingDir, `trellis-evidence-${randomUUID()}.tmp`);
    const blob = await spool(source, temp);
    try {
      if (!(await this.has(blob.sha256))) {
        const { sdk, client } = await this.#connect();
        await client.send(
          new sdk.PutObjectCommand({
            Bucket: this.#options.bucket,
            Key: this.keyOf(blob.sha256),
            Body: fs.createReadStream(temp),
            ContentLength: blob.size,
            ContentType: 'application/octet-stream',
            ChecksumSHA256: Buffer.from(blob.sha256, 'hex').toString('base64'),
          }),
        );
      }
    } finally {
      await fs.promises.rm(temp, { force: true });
    }
    return blob;
  }

  async open(sha256: string): Promise<Readable> {
    const key = this.keyOf(sha256);
    const { sdk, client } = await this.#connect();
    try {
      const body = (await client.send(new sdk.GetObjectCommand({ Bucket: this.#options.bucket, Key: key }))).Body;
      if (body instanceof Readable) return body;
      if (body && 'transformToWebStream' in body) return Readable.fromWeb(body.transformToWebStream() as never);
      throw new AppError('internal', 'the S3 service answered without a body');
    } catch (error) {
      if (isNotFound(error)) throw missing(sha256);
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    const key = this.keyOf(sha256);
    const { sdk, client } = await this.#connect();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.#options.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    const key = this.keyOf(sha256);
    const { sdk, client } = await this.#connect();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.#options.bucket, Key: key }));
  }

  async close(): Promise<void> {
    if (this.#client) (await this.#client).client.destroy();
  }
}
