import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { loadConfig } from '../../config.ts';
import { AppError } from '../../domain/errors.ts';
import { createEvidenceStore } from './evidence-store-config.ts';
import { S3EvidenceStore } from './evidence-store-s3.ts';
import { LocalEvidenceStore, type EvidenceStore } from './evidence-store.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A source that yields some chunks and then fails, as an upload cut off half-way does. */
function failingSource(chunks: Buffer[]): Readable {
  return Readable.from(
    (async function* () {
      for (const c of chunks) yield c;
      throw new Error('connection reset by peer');
    })(),
  );
}

interface StoreUnderTest {
  store: EvidenceStore;
  /** every stored object or file, and every leftover temporary file */
  leftovers(): Promise<string[]>;
}

/** The behaviour every store must have; run against the local directory and against a real S3-protocol server. */
function storeContract(name: string, setUp: () => Promise<StoreUnderTest>, tearDown: () => Promise<void>) {
  describe(`${name} evidence store`, () => {
    let s: StoreUnderTest;
    before(async () => {
      s = await setUp();
    });
    after(tearDown);

    test('put streams content in and returns its SHA-256 and size; open streams it back byte for byte', async () => {
      const content = randomBytes(3 * 1024 * 1024 + 17);
      // Many small chunks: the store must not depend on how the content arrives.
      const chunks = Array.from({ length: Math.ceil(content.length / 65536) }, (_, i) => content.subarray(i * 65536, (i + 1) * 65536));
      const blob = await s.store.put(Readable.from(chunks));
      assert.deepEqual(blob, { sha256: sha(content), size: content.length });
      assert.equal(await s.store.has(blob.sha256), true);
      assert.deepEqual(await buffer(await s.store.open(blob.sha256)), content);
    });

    test('identical content is stored once', async () => {
      const content = Buffer.from(`identical ${randomBytes(8).toString('hex')}`);
      const before = (await s.leftovers()).length;
      const a = await s.store.put(Readable.from([content]));
      const b = await s.store.put(Readable.from([content.subarray(0, 5), content.subarray(5)]));
      assert.equal(a.sha256, b.sha256);
      assert.equal((await s.leftovers()).length, before + 1);
    });

    test('a failed upload leaves nothing: no object, no temporary file', async () => {
      const before = (await s.leftovers()).sort();
      const partial = [randomBytes(100_000), randomBytes(100_000)];
      await assert.rejects(s.store.put(failingSource(partial)), /connection reset/);
      assert.deepEqual((await s.leftovers()).sort(), before);
      assert.equal(await s.store.has(sha(Buffer.concat(partial))), false);
    });

    test('delete removes the content; missing content is reported, bad addresses refused', async () => {
      const content = Buffer.from(`to delete ${randomBytes(8).toString('hex')}`);
      const { sha256 } = await s.store.put(Readable.from([content]));
      await s.store.delete(sha256);
      assert.equal(await s.store.has(sha256), false);
      await s.store.delete(sha256);
      await assert.rejects(s.store.open(sha256), (e: unknown) => e instanceof AppError && e.code === 'not_found');
      for (const bad of ['../../etc/passwd', 'ABC', sha256.toUpperCase(), `${sha256}/x`]) {
        await assert.rejects(s.store.has(bad), (e: unknown) => e instanceof AppError && e.code === 'validation_failed', bad);
      }
    });
  });
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((e) => (e.isFile() ? [path.join(e.parentPath, e.name)] : []));
}

let localDir = '';
storeContract(
  'local',
  async () => {
    localDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-store-'));
    const store = new LocalEvidenceStore(localDir);
    return { store, leftovers: async () => walk(localDir) };
  },
  async () => fs.rmSync(localDir, { recursive: true, force: true }),
);

describe('local evidence store layout', () => {
  test('content lives at <dir>/sha256/<2 hex>/<64 hex>', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-store-'));
    try {
      const store = new LocalEvidenceStore(dir);
      const { sha256 } = await store.put(Readable.from([Buffer.from('hello evidence')]));
      assert.deepEqual(walk(dir), [path.join(dir, 'sha256', sha256.slice(0, 2), sha256)]);
      assert.equal(fs.readFileSync(path.join(dir, 'sha256', sha256.slice(0, 2), sha256), 'utf8'), 'hello evidence');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// A real S3-protocol server (s3rver) on a random port: the S3 store is exercised over HTTP with
// the AWS SDK exactly as against a bucket, without a cloud account.
let s3rver: S3rver | null = null;
let s3dir = '';
const BUCKET = 'trellis-evidence';
storeContract(
  's3',
  async () => {
    s3dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-s3-'));
    const staging = path.join(s3dir, 'staging');
    s3rver = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: path.join(s3dir, 'data'),
      configureBuckets: [{ name: BUCKET }],
    });
    const { port } = await s3rver.run();
    const config = loadConfig({
      TRELLIS_DATA_DIR: s3dir,
      TRELLIS_EVIDENCE_STORE: 's3',
      TRELLIS_S3_BUCKET: BUCKET,
      TRELLIS_S3_PREFIX: 'acme',
      TRELLIS_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      TRELLIS_S3_REGION: 'eu-central-1',
      TRELLIS_S3_ACCESS_KEY_ID: 'S3RVER',
      TRELLIS_S3_SECRET_ACCESS_KEY: 'S3RVER',
      TRELLIS_S3_FORCE_PATH_STYLE: '1',
    });
    assert.equal(config.evidence.store.kind, 's3');
    assert.ok(createEvidenceStore(config.evidence.store) instanceof S3EvidenceStore);
    if (config.evidence.store.kind !== 's3') throw new Error('expected s3');
    const store = new S3EvidenceStore({ ...config.evidence.store, stagingDir: staging });
    const client = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-central-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    return {
      store,
      leftovers: async () => {
        const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
        const keys = (listed.Contents ?? []).map((o) => o.Key ?? '');
        for (const key of keys) assert.match(key, /^acme\/sha256\/[0-9a-f]{64}$/);
        return [...keys, ...walk(staging)];
      },
    };
  },
  async () => {
    await s3rver?.close();
    fs.rmSync(s3dir, { recursive: true, force: true });
  },
);

describe('evidence store configuration', () => {
  test('local by default under the data directory; S3 settings are checked', () => {
    const local = loadConfig({ TRELLIS_DATA_DIR: '/srv/trellis' });
    assert.deepEqual(local.evidence, { store: { kind: 'local', dir: '/srv/trellis/evidence' }, maxUploadBytes: 50 * 1024 * 1024 });
    assert.equal(loadConfig({ TRELLIS_EVIDENCE_MAX_SIZE: '512KB' }).evidence.maxUploadBytes, 512 * 1024);
    assert.equal(loadConfig({ TRELLIS_EVIDENCE_MAX_SIZE: '2 GiB' }).evidence.maxUploadBytes, 2 * 1024 ** 3);
    assert.equal(loadConfig({ TRELLIS_EVIDENCE_MAX_SIZE: '1000' }).evidence.maxUploadBytes, 1000);
    const invalid = (env: Record<string, string>) =>
      assert.throws(
        () => loadConfig(env),
        (e: unknown) => e instanceof AppError && e.code === 'config_invalid',
        JSON.stringify(env),
      );
    invalid({ TRELLIS_EVIDENCE_MAX_SIZE: 'lots' });
    invalid({ TRELLIS_EVIDENCE_MAX_SIZE: '0' });
    invalid({ TRELLIS_EVIDENCE_STORE: 'ftp' });
    invalid({ TRELLIS_EVIDENCE_STORE: 's3' });
    invalid({ TRELLIS_EVIDENCE_STORE: 's3', TRELLIS_S3_BUCKET: 'b_ad' });
    invalid({ TRELLIS_EVIDENCE_STORE: 's3', TRELLIS_S3_BUCKET: 'bucket', TRELLIS_S3_ACCESS_KEY_ID: 'only-one' });
    invalid({ TRELLIS_EVIDENCE_STORE: 's3', TRELLIS_S3_BUCKET: 'bucket', TRELLIS_S3_ENDPOINT: 'minio:9000' });
    const s3 = loadConfig({ TRELLIS_EVIDENCE_STORE: 's3', TRELLIS_S3_BUCKET: 'bucket', AWS_REGION: 'eu-west-1' }).evidence.store;
    assert.deepEqual(s3, {
      kind: 's3',
      bucket: 'bucket',
      prefix: '',
      endpoint: undefined,
      region: 'eu-west-1',
      accessKeyId: undefined,
      secretAccessKey: undefined,
      forcePathStyle: false,
    });
  });
});
