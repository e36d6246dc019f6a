import type { Executor } from '../../db/database.ts';
import type { SessionTable } from '../../db/schema.ts';

export type SessionRow = SessionTable;

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function touchSession(db: Executor, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteUserSessions(db: Executor, userId: string, exceptIdHash?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
  await q.execute();
}

/** Deletes sessions past their end or idle since `idleSince`; returns how many. */
export async function deleteExpiredSessions(db: Executor, now: string, idleSince: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteLoginAttemptsBefore(db: Executor, before: string): Promise<number> {
  const result = await db.deleteFrom('login_attempts').where('at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertLoginAttempt(
  db: Executor,
  row: { id: string; email: string; ip: string | null; succeeded: number; at: string },
): Promise<void> {
  await db.insertInto('login_attempts').values(row).execute();
}

export async function countFailedLogins(db: Executor, email: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email', '=', email)
    .where('succeeded', '=', 0)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A session and its user in one query. */
export function findSessionWithUser(db: Executor, idHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id',
      'users.email',
      'users.name',
      'users.password_hash',
      'users.created_at',
      'users.updated_at',
      'users.version',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
}
