import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { requirePermission, type Actor, type OrgPrincipal } from '../../domain/principal.ts';
import { nowIso } from '../../domain/time.ts';
import type { Db, Executor } from '../../db/database.ts';
import { computeEntryHash, GENESIS_HASH } from './audit-hash.ts';
import {
  insertEntry,
  listChains,
  listEntries,
  lockChainHead,
  maxSeqOf,
  readChainRange,
  type AuditFilter,
  type AuditRow,
} from './audit-log.repository.ts';

/** The chain for events that belong to no organization (e.g. a sign-in with an unknown email). */
export const SYSTEM_CHAIN = 'system';

export interface AuditEvent {
  orgId: string | null;
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one event to its organization's hash chain. Call it inside the same
 * transaction as the change it records, so the change and its record commit together.
 */
export async function appendAuditEvent(trx: Executor, dialect: Db['dialect'], event: AuditEvent): Promise<AuditRow> {
  const chain = event.orgId ?? SYSTEM_CHAIN;
  const head = await lockChainHead(trx, dialect, chain, GENESIS_HASH);
  const row = buildAuditRow(head, { ...event, id: randomUUID(), occurredAt: nowIso() });
  await insertEntry(trx, row);
  return row;
}

/**
 * Appends many events of one organization in order, locking the chain head once and inserting
 * in batches: what a bulk import uses so that 10,000 records are 10,000 chained entries without
 * 10,000 round trips for the head. Call it inside the transaction of the change.
 */
export async function appendAuditEvents(
  trx: Executor,
  dialect: Db['dialect'],
  orgId: string,
  events: Omit<AuditEvent, 'orgId'>[],
): Promise<void> {
  if (events.length === 0) return;
  let head = await lockChainHead(trx, dialect, orgId, GENESIS_HASH);
  const rows: AuditRow[] = [];
  for (const event of events) {
    const row = buildAuditRow(head, { ...event, orgId, id: randomUUID(), occurredAt: nowIso() });
    rows.push(row);
    head = { lastSeq: row.seq, lastHash: row.hash };
  }
  // 16 columns per row: 500 rows stay under both dialects' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  await trx.updateTable('audit_chains').set({ last_seq: head.lastSeq, last_hash: head.lastHash }).where('chain', '=', orgId).execute();
}

/**
 * The history of one governance record: its audit entries, newest first. Readable by every
 * member who may read records (the full audit log needs `audit-log.read`).
 */
export async function recordHistory(db: Db, principal: OrgPrincipal, entityId: string, limit = 200): Promise<AuditEntryView[]> {
  requirePermission(principal, 'records.read');
  const rows = await listEntries(db.kysely, principal.orgId, { entityId, limit });
  return rows.map(present);
}

/**
 * The next entry of a chain: pure, so bulk loaders (bench/generate.ts) build exactly the
 * rows the service would. before/after are stored as canonical JSON text.
 */
export function buildAuditRow(
  head: { lastSeq: number; lastHash: string },
  event: AuditEvent & { id: string; occurredAt: string },
): AuditRow {
  const fields = {
    chain: event.orgId ?? SYSTEM_CHAIN,
    seq: head.lastSeq + 1,
    id: event.id,
    orgId: event.orgId,
    occurredAt: event.occurredAt,
    actorType: event.actor.type,
    actorId: event.actor.id,
    actorLabel: event.actor.label,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    beforeJson: event.before === undefined ? null : canonicalJson(event.before),
    afterJson: event.after === undefined ? null : canonicalJson(event.after),
    ip: event.actor.ip,
  };
  return {
    chain: fields.chain,
    seq: fields.seq,
    id: fields.id,
    org_id: fields.orgId,
    occurred_at: fields.occurredAt,
    actor_type: fields.actorType,
    actor_id: fields.actorId,
    actor_label: fields.actorLabel,
    action: fields.action,
    entity_type: fields.entityType,
    entity_id: fields.entityId,
    before_json: fields.beforeJson,
    after_json: fields.afterJson,
    ip: fields.ip,
    prev_hash: head.lastHash,
    hash: computeEntryHash(head.lastHash, fields),
  };
}

export interface AuditEntryView {
  id: string;
  seq: number;
  occurredAt: string;
  actor: { type: string; id: string | null; label: string | null };
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  hash: string;
}

function present(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    seq: row.seq,
    occurredAt: row.occurred_at,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
    ip: row.ip,
    hash: row.hash,
  };
}

/** Lists an organization's audit log, newest first, with filters and seq-based paging. */
export async function listAuditLog(
  db: Db,
  principal: OrgPrincipal,
  filter: AuditFilter,
): Promise<{ items: AuditEntryView[]; nextBeforeSeq: number | null }> {
  requirePermission(principal, 'audit-log.read');
  const rows = await listEntries(db.kysely, principal.orgId, { ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return { items: page.map(present), nextBeforeSeq: rows.length > filter.limit && last ? last.seq : null };
}

export type VerifyProblem = 'hash-mismatch' | 'broken-link' | 'missing-entry' | 'head-mismatch';

export interface VerifyResult {
  ok: boolean;
  chains: number;
  entries: number;
  firstBad: { chain: string; seq: number; id: string | null; problem: VerifyProblem; message: string } | null;
}

/**
 * Recomputes every hash of every chain (or of one chain). Detects an altered entry
 * (hash-mismatch), an entry removed from the middle (missing-entry / broken-link)
 * and entries removed from the end (head-mismatch).
 */
export async function verifyAuditChains(
  db: Db,
  options: { chain?: string; onProgress?: (checked: number) => void } = {},
): Promise<VerifyResult> {
  const heads = (await listChains(db.kysely)).filter((h) => !options.chain || h.chain === options.chain);
  let entries = 0;
  const pageSize = 5000;
  for (const head of heads) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    const lastSeq = Math.max(head.lastSeq, await maxSeqOf(db.kysely, head.chain));
    for (let afterSeq = 0; afterSeq < lastSeq; afterSeq += pageSize) {
      const page = await readChainRange(db.kysely, head.chain, afterSeq, pageSize);
      for (const row of page) {
        const bad = (problem: VerifyProblem, message: string): VerifyResult => ({
          ok: false,
          chains: heads.length,
          entries,
          firstBad: { chain: head.chain, seq: row.seq, id: row.id, problem, message },
        });
        if (row.seq !== expectedSeq) {
          return bad('missing-entry', `entry ${expectedSeq} of chain ${head.chain} is missing (next present is ${row.seq})`);
        }
        if (row.prev_hash !== prevHash) {
          return bad('broken-link', `entry ${row.seq} of chain ${head.chain} does not link to the entry before it`);
        }
        const recomputed = computeEntryHash(prevHash, {
          chain: row.chain,
          seq: row.seq,
          id: row.id,
          orgId: row.org_id,
          occurredAt: row.occurred_at,
          actorType: row.actor_type,
          actorId: row.actor_id,
          actorLabel: row.actor_label,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          beforeJson: row.before_json,
          afterJson: row.after_json,
          ip: row.ip,
        });
        if (recomputed !== row.hash) {
          return bad('hash-mismatch', `entry ${row.seq} (${row.id}) of chain ${head.chain} was altered after it was written`);
        }
        prevHash = row.hash;
        expectedSeq += 1;
        entries += 1;
      }
      options.onProgress?.(entries);
    }
    if (head.lastSeq !== expectedSeq - 1 || head.lastHash !== prevHash) {
      return {
        ok: false,
        chains: heads.length,
        entries,
        firstBad: {
          chain: head.chain,
          seq: expectedSeq,
          id: null,
          problem: 'head-mismatch',
          message:
            head.lastSeq < 0
              ? `chain ${head.chain} has entries but no head record`
              : `chain ${head.chain} should end at entry ${head.lastSeq} but ends at ${expectedSeq - 1}: entries were removed`,
        },
      };
    }
  }
  return { ok: true, chains: heads.length, entries, firstBad: null };
}
