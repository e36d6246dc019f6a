import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../domain/errors.ts';

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which verbatimModuleSyntax cannot import).
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

/** @throws AppError `validation_failed` when the password is too short or too long. */
export function assertPasswordAcceptable(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 256) {
    throw new AppError('validation_failed', `the password must be ${MIN_PASSWORD_LENGTH} to 256 characters long`, {
      issues: [{ path: field, message: `must be ${MIN_PASSWORD_LENGTH} to 256 characters long` }],
    });
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Spend the same time as a real check so response time does not reveal which accounts exist.
    await hash(password, options);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
