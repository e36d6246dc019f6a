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
  };
}

function positiveInt(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new AppError('config_invalid', `${name} must be a positive whole number, got "${text}"`);
  return n;
}
