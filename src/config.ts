import path from 'node:path';
import { AppError } from './domain/errors.ts';

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string | undefined };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  /** Base URL users reach Trellis at; used in invitation links. */
  publicUrl: string;
  /** Whether cookies carry the Secure attribute (on by default behind https). */
  secureCookies: boolean;
  /** Create a demo organization on the first start of an empty database. */
  seedDemo: boolean;
  logLevel: string;
  /** Sign-in attempts allowed per client address per minute. */
  loginRateLimitPerMinute: number;
  evidence: EvidenceConfig;
  /** Metric computations on uploaded data that may run at once in this process; the rest wait their turn. */
  metricsConcurrency: number;
}

/** Where evidence files are kept: a directory on this machine, or an S3-compatible bucket (multi-node installs). */
export type EvidenceStoreConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      /** Key prefix inside the bucket ('' or ending in '/'); objects are `<prefix>sha256/<hash>`. */
      prefix: string;
      /** Endpoint of an S3-compatible service (MinIO, Ceph, …); unset for AWS itself. */
      endpoint: string | undefined;
      region: string;
      /** Both or neither; neither uses the AWS SDK's default credential chain (environment, instance role, …). */
      accessKeyId: string | undefined;
      secretAccessKey: string | undefined;
      forcePathStyle: boolean;
    };

export interface EvidenceConfig {
  store: EvidenceStoreConfig;
  /** The largest evidence file accepted, in bytes. */
  maxUploadBytes: number;
}

/**
 * Reads the process environment into a validated configuration.
 * @throws AppError `config_invalid` when a variable holds an unusable value.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const portText = env.PORT ?? '4242';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('config_invalid', `PORT must be a whole number from 0 to 65535, got "${portText}"`);
  }
  const host = env.HOST ?? '0.0.0.0';
  const dataDir = path.resolve(env.TRELLIS_DATA_DIR ?? 'data');
  const url = env.DATABASE_URL;
  let database: DatabaseConfig;
  if (url && url.trim() !== '') {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new AppError('config_invalid', 'DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)');
    }
    const schema = env.TRELLIS_DB_SCHEMA || undefined;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new AppError('config_invalid', 'TRELLIS_DB_SCHEMA must be a lowercase SQL identifier (letters, digits, underscores)');
    }
    database = { kind: 'postgres', url, schema };
  } else {
    database = { kind: 'sqlite', file: path.join(dataDir, 'trellis.sqlite') };
  }
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const publicUrl = (env.TRELLIS_PUBLIC_URL ?? `http://${shownHost}:${port}`).replace(/\/+$/, '');
  return {
    port,
    host,
    dataDir,
    database,
    publicUrl,
    secureCookies: env.TRELLIS_SECURE_COOKIES ? env.TRELLIS_SECURE_COOKIES === '1' : publicUrl.startsWith('https://'),
    seedDemo: env.TRELLIS_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    loginRateLimitPerMinute: positiveInt(env.TRELLIS_LOGIN_RATE_LIMIT, 20, 'TRELLIS_LOGIN_RATE_LIMIT'),
    evidence: {
      store: evidenceStore(env, dataDir),
      maxUploadBytes: byteSize(env.TRELLIS_EVIDENCE_MAX_SIZE, 50 * MIB, 'TRELLIS_EVIDENCE_MAX_SIZE'),
    },
    metricsConcurrency: positiveInt(env.TRELLIS_METRICS_CONCURRENCY, 1, 'TRELLIS_METRICS_CONCURRENCY'),
  };
}

const MIB = 1024 * 1024;

function evidenceStore(env: NodeJS.ProcessEnv, dataDir: string): EvidenceStoreConfig {
  const kind = env.TRELLIS_EVIDENCE_STORE || 'local';
  if (kind === 'local') return { kind, dir: path.resolve(env.TRELLIS_EVIDENCE_DIR || path.join(dataDir, 'evidence')) };
  if (kind !== 's3') throw new AppError('config_invalid', `TRELLIS_EVIDENCE_STORE must be "local" or "s3", got "${kind}"`);
  const bucket = env.TRELLIS_S3_BUCKET ?? '';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new AppError(
      'config_invalid',
      'TRELLIS_EVIDENCE_STORE=s3 needs TRELLIS_S3_BUCKET (a bucket name: 3–63 lowercase letters, digits, dots, hyphens)',
    );
  }
  const endpoint = env.TRELLIS_S3_ENDPOINT || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
    throw new AppError('config_invalid', `TRELLIS_S3_ENDPOINT must be an http:// or https:// URL, got "${endpoint}"`);
  }
  const accessKeyId = env.TRELLIS_S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.TRELLIS_S3_SECRET_ACCESS_KEY || undefined;
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new AppError(
      'config_invalid',
      'set both TRELLIS_S3_ACCESS_KEY_ID and TRELLIS_S3_SECRET_ACCESS_KEY, or neither (the AWS default credentials)',
    );
  }
  let prefix = env.TRELLIS_S3_PREFIX ?? '';
  if (prefix !== '' && !prefix.endsWith('/')) prefix = `${prefix}/`;
  if (prefix.startsWith('/') || prefix.length > 200)
    throw new AppError('config_invalid', 'TRELLIS_S3_PREFIX must be a relative key prefix such as "trellis/"');
  return {
    kind,
    bucket,
    prefix,
    endpoint,
    region: env.TRELLIS_S3_REGION || env.AWS_REGION || 'us-east-1',
    accessKeyId,
    secretAccessKey,
    forcePathStyle: env.TRELLIS_S3_FORCE_PATH_STYLE === '1',
  };
}

/** "50MB", "512KB", "1GB" (binary multiples: 1 MB = 1,048,576 bytes) or plain bytes. */
function byteSize(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text.trim() === '') return fallback;
  const match = /^\s*(\d+)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(text);
  const unit = (match?.[2] ?? 'b').toLowerCase()[0] as 'b' | 'k' | 'm' | 'g';
  const n = Number(match?.[1]) * { b: 1, k: 1024, m: MIB, g: 1024 * MIB }[unit];
  if (!match || !Number.isSafeInteger(n) || n < 1) {
    throw new AppError('config_invalid', `${name} must be a size such as 50MB, 512KB or 1GB, got "${text}"`);
  }
  return n;
}

function positiveInt(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new AppError('config_invalid', `${name} must be a positive whole number, got "${text}"`);
  return n;
}
