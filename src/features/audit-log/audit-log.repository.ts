import type { Db, Executor } from '../../db/database.ts';
import type { AuditLogTable } from '../../db/schema.ts';

export type AuditRow = AuditLogTable;

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Return entries with seq below this (newest first paging). */
  beforeSeq?: number | undefined;
  limit: number;
}

/** Reads the head of a chain, locking it for the rest of the transaction on PostgreSQL. */
export async function lockChainHead(
  trx: Executor,
  dialect: Db['dialect'],
  chain: string,
  genesisHash: string,
): Promise<{ lastSeq: number; lastHash: string }> {
  const select = () => {
    const q = trx.selectFrom('audit_chains').select(['last_seq', 'last_hash']).where('chain', '=', chain);
    return dialect === 'postgres' ? q.forUpdate().executeTakeFirst() : q.executeTakeFirst();
  };
  let head = await select();
  if (!head) {
    await trx
      .insertInto('audit_chains')
      .values({ chain, last_seq: 0, last_hash: genesisHash })
      .onConflict((oc) => oc.column('chain').doNothing())
      .execute();
    head = await select();
  }
  if (!head) throw new Error(`audit chain ${chain} could not be created`);
  return { lastSeq: Number(head.last_seq), lastHash: head.last_hash };
}

export async function insertEntry(trx: Executor, row: AuditRow): Promise<void> {
  await trx.insertInto('audit_log').values(row).execute();
  await trx.updateTable('audit_chains').set({ last_seq: row.seq, last_hash: row.hash }).where('chain', '=', row.chain).execute();
}

export async function listEntries(db: Executor, chain: string, filter: AuditFilter): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll().where('chain', '=', chain);
  if (filter.action) q = q.where('action', 'like', `${filter.action.replace(/[%_]/g, '')}%`);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.from) q = q.where('occurred_at', '>=', filter.from);
  if (filter.to) q = q.where('occurred_at', '<', filter.to);
  if (filter.beforeSeq !== undefined) q = q.where('seq', '<', filter.beforeSeq);
  const rows = await q.orderBy('seq', 'desc').limit(filter.limit).execute();
  return rows.map(normalize);
}

export async function listChains(db: Executor): Promise<{ chain: string; lastSeq: number; lastHash: string }[]> {
  const heads = await db.selectFrom('audit_chains').select(['chain', 'last_seq', 'last_hash']).orderBy('chain').execute();
  const known = new Set(heads.map((h) => h.chain));
  // A chain whose head row was deleted still has entries: verify those too.
  const orphaned = await db.selectFrom('audit_log').select('chain').distinct().execute();
  const result = heads.map((h) => ({ chain: h.chain, lastSeq: Number(h.last_seq), lastHash: h.last_hash }));
  for (const o of orphaned) if (!known.has(o.chain)) result.push({ chain: o.chain, lastSeq: -1, lastHash: '' });
  return result;
}

/**
 * The entries of a chain with afterSeq < seq <= afterSeq + size, ascending. A bounded range
 * rather than `seq > ? LIMIT n`: PostgreSQL without statistics (right after a restore or a bulk
 * load) plans the open-ended form as a scan and sort of the whole rest of the chain per page.
 */
export async function readChainRange(db: Executor, chain: string, afterSeq: number, size: number): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('chain', '=', chain)
    .where('seq', '>', afterSeq)
    .where('seq', '<=', afterSeq + size)
    .orderBy('seq', 'asc')
    .execute();
  return rows.map(normalize);
}

export async function maxSeqOf(db: Executor, chain: string): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('max'))
    .where('chain', '=', chain)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

function normalize(row: AuditRow): AuditRow {
  return { ...row, seq: Number(row.seq) };
}
