import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DialectName, Executor } from '../../db/database.ts';
import type { Database, EvidenceLinkTable, EvidenceTable, EvidenceVersionTable } from '../../db/schema.ts';
import { evidenceStateBounds } from '../../domain/evidence-state.ts';
import { isUuid } from '../../domain/ids.ts';
import type { EvidenceListQuery, EvidenceSummary, EvidenceTargetType } from '../../domain/schemas/evidence.schemas.ts';

export type EvidenceRow = EvidenceTable;
export type EvidenceVersionRow = EvidenceVersionTable;
export type EvidenceLinkRow = Omit<EvidenceLinkTable, 'valid_until'>;
/** An evidence row with its current version's columns. */
export type EvidenceWithCurrent = EvidenceRow & { current: EvidenceVersionRow };

export function findEvidence(db: Executor, orgId: string, idOrRef: string): Promise<EvidenceRow | undefined> {
  const byId = isUuid(idOrRef);
  return db
    .selectFrom('evidence')
    .selectAll()
    .where('org_id', '=', orgId)
    .where(byId ? 'id' : 'ref', '=', byId ? idOrRef.toLowerCase() : idOrRef.toUpperCase())
    .executeTakeFirst();
}

export async function maxEvidenceSequence(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('evidence')
    .select((eb) => eb.fn.max('ref_seq').as('max'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

export function versionsOf(db: Executor, evidenceId: string): Promise<EvidenceVersionRow[]> {
  return db.selectFrom('evidence_versions').selectAll().where('evidence_id', '=', evidenceId).orderBy('number', 'desc').execute();
}

export function findVersion(db: Executor, evidenceId: string, number: number): Promise<EvidenceVersionRow | undefined> {
  return db
    .selectFrom('evidence_versions')
    .selectAll()
    .where('evidence_id', '=', evidenceId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/**
 * The links of some evidence items (one query per 500 items), by item id, in a stable order.
 * Read by the primary key (evidence_id first); the organization is checked on the rows: with
 * `org_id = ?` in the WHERE clause SQLite (no planner statistics) walks every link of the
 * organization on an org_id-led index instead (58 ms at 260,000 links, against under 1 ms).
 */
export async function linksOf(db: Executor, orgId: string, evidenceIds: string[]): Promise<Map<string, EvidenceLinkRow[]>> {
  const out = new Map<string, EvidenceLinkRow[]>();
  for (let i = 0; i < evidenceIds.length; i += 500) {
    const rows = await db
      .selectFrom('evidence_links')
      .select(['evidence_id', 'org_id', 'target_type', 'framework', 'target'])
      .where('evidence_id', 'in', evidenceIds.slice(i, i + 500))
      .orderBy('evidence_id')
      .orderBy('target_type')
      .orderBy('framework')
      .orderBy('target')
      .execute();
    for (const row of rows) {
      if (row.org_id !== orgId) continue;
      const list = out.get(row.evidence_id) ?? [];
      list.push(row);
      out.set(row.evidence_id, list);
    }
  }
  return out;
}

/**
 * Refs and titles of the risks, AI systems and AI objectives some links point at (three queries at most), read by
 * primary key with the organization checked on the rows (as in `linksOf`: an `org_id = ?` term
 * makes SQLite scan the organization's 50,000 risks on an org_id-led index).
 */
export async function linkedRecords(
  db: Executor,
  orgId: string,
  links: EvidenceLinkRow[],
): Promise<Map<string, { ref: string; title: string }>> {
  const out = new Map<string, { ref: string; title: string }>();
  const ids = (type: EvidenceTargetType) => [...new Set(links.filter((l) => l.target_type === type).map((l) => l.target))];
  const risks = ids('risk');
  const systems = ids('ai-system');
  const objectives = ids('objective');
  for (let i = 0; i < risks.length; i += 500) {
    const rows = await db
      .selectFrom('risks')
      .select(['id', 'org_id', 'ref', 'title'])
      .where('id', 'in', risks.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.org_id === orgId) out.set(`risk:${r.id}`, { ref: r.ref, title: r.title });
  }
  for (let i = 0; i < systems.length; i += 500) {
    const rows = await db
      .selectFrom('ai_systems')
      .select(['id', 'org_id', 'ref', 'name'])
      .where('id', 'in', systems.slice(i, i + 500))
      .execute();
    for (const s of rows) if (s.org_id === orgId) out.set(`ai-system:${s.id}`, { ref: s.ref, title: s.name });
  }
  for (let i = 0; i < objectives.length; i += 500) {
    const rows = await db
      .selectFrom('ai_objectives')
      .select(['id', 'org_id', 'ref', 'title'])
      .where('id', 'in', objectives.slice(i, i + 500))
      .execute();
    for (const o of rows) if (o.org_id === orgId) out.set(`objective:${o.id}`, { ref: o.ref, title: o.title });
  }
  return out;
}

/** Risks, AI systems or AI objectives of the organization named by id or ref: each name found → the record's id. */
export async function resolveRecords(
  db: Executor,
  orgId: string,
  table: 'risks' | 'ai_systems' | 'ai_objectives',
  idsOrRefs: string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(idsOrRefs.filter(isUuid).map((id) => id.toLowerCase()))];
  const refs = [...new Set(idsOrRefs.filter((r) => !isUuid(r)))];
  const byId = new Set<string>();
  const byRef = new Map<string, string>();
  if (ids.length) {
    for (const r of await db.selectFrom(table).select('id').where('org_id', '=', orgId).where('id', 'in', ids).execute()) byId.add(r.id);
  }
  if (refs.length) {
    const rows = await db.selectFrom(table).select(['id', 'ref']).where('org_id', '=', orgId).where('ref', 'in', refs).execute();
    for (const r of rows) byRef.set(r.ref, r.id);
  }
  const out = new Map<string, string>();
  for (const key of idsOrRefs) {
    const id = isUuid(key) ? (byId.has(key.toLowerCase()) ? key.toLowerCase() : undefined) : byRef.get(key);
    if (id) out.set(key, id);
  }
  return out;
}

function escapeLike(text: string): string {
  return text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface ListFilters {
  /** evidence linked to this target (a control, requirement, risk, AI system or AI objective) */
  linkedTo: { type: EvidenceTargetType; framework: string; target: string }[];
}

const versionColumns = [
  'v.id as v_id',
  'v.number as v_number',
  'v.sha256 as v_sha256',
  'v.file_name as v_file_name',
  'v.media_type as v_media_type',
  'v.size as v_size',
  'v.url as v_url',
  'v.note as v_note',
  'v.record_type as v_record_type',
  'v.record_id as v_record_id',
  'v.record_data as v_record_data',
  'v.comment as v_comment',
  'v.created_at as v_created_at',
  'v.created_by as v_created_by',
] as const;

/**
 * One page of an organization's evidence, filtered and sorted in the database, each row with its
 * current version (one join on the versions' unique key), and the number that match (null when
 * nothing is filtered: `orgTotal` then is the answer). Sorts run on indexes: ref on
 * (org_id, ref_seq), title, last change and review date on the indexes of migration
 * 2026-11-28T06-00-evidence-list.
 *
 * A link filter is written one of two ways, by how many items match (known from the count):
 * few — the matching ids are read from the links' target index and looked up (IN); many — the
 * sort index is walked in order and each item probed in the links' primary key (EXISTS), which
 * stops after one page. Either is one query; the choice only spares SQLite's planner a sort of
 * tens of thousands of rows it cannot foresee.
 */
export async function listEvidence(
  db: Executor,
  orgId: string,
  query: EvidenceListQuery,
  filters: ListFilters,
  today: string,
  orgTotal: number,
) {
  const filtered = (linkForm: 'in' | 'exists') => {
    let q = db.selectFrom('evidence as e').where('e.org_id', '=', orgId);
    if (query.q) {
      const pattern = `%${escapeLike(query.q)}%`;
      q = q.where(
        sql<SqlBool>`(lower(e.title) like ${pattern} escape '\\' or lower(e.ref) like ${pattern} escape '\\' or lower(e.description) like ${pattern} escape '\\')`,
      );
    }
    if (query.kind?.length) q = q.where('e.kind', 'in', query.kind);
    if (query.owner) q = q.where('e.owner', '=', query.owner);
    if (query.state?.length) {
      const { soon } = evidenceStateBounds(today);
      const states = new Set(query.state);
      if (query.sort === 'reviewDue') {
        // The same states on the sort's expression ("does not expire" as 9999-12-31, so it is current):
        // the page is then read in order from evidence_review_idx, stopping after one page, instead of
        // joining and sorting every matching item (SQLite: 240 ms for 50,000 expired items, under 5 ms so).
        const due = sql<string>`coalesce(e.review_due, '9999-12-31')`;
        q = q.where((eb) =>
          eb.or([
            ...(states.has('expired') ? [eb(due, '<', today)] : []),
            ...(states.has('expiring') ? [eb.and([eb(due, '>=', today), eb(due, '<=', soon)])] : []),
            ...(states.has('current') ? [eb(due, '>', soon)] : []),
          ]),
        );
      } else {
        q = q.where((eb) =>
          eb.or([
            ...(states.has('expired') ? [eb('e.review_due', '<', today)] : []),
            ...(states.has('expiring') ? [eb.and([eb('e.review_due', '>=', today), eb('e.review_due', '<=', soon)])] : []),
            ...(states.has('current') ? [eb.or([eb('e.review_due', 'is', null), eb('e.review_due', '>', soon)])] : []),
          ]),
        );
      }
    }
    for (const link of filters.linkedTo) {
      const links = (eb: ExpressionBuilder<Database & { e: EvidenceTable }, 'e'>) =>
        eb
          .selectFrom('evidence_links as l')
          .where('l.org_id', '=', orgId)
          .where('l.target_type', '=', link.type)
          .where('l.framework', '=', link.framework)
          .where('l.target', '=', link.target);
      q =
        linkForm === 'in'
          ? q.where('e.id', 'in', (eb) => links(eb).select('l.evidence_id'))
          : q.where((eb) => eb.exists(links(eb).select('l.evidence_id').whereRef('l.evidence_id', '=', 'e.id')));
    }
    return q;
  };
  const total = await countMatches(db, orgId, query, filters, () =>
    filtered('in')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  );
  const reach = query.page * query.pageSize;
  const matches = total ?? orgTotal;
  // Past the last match there is nothing to read (and a planner expecting matches would scan for them).
  if ((query.page - 1) * query.pageSize >= matches) return { items: [] as EvidenceWithCurrent[], total };
  const q = filtered(matches > 0 && reach * orgTotal < matches * matches ? 'exists' : 'in');

  let page = q.innerJoin('evidence_versions as v', (join) =>
    join.onRef('v.evidence_id', '=', 'e.id').onRef('v.number', '=', 'e.current_version'),
  );
  const order = query.order;
  switch (query.sort) {
    case 'ref':
      page = page.orderBy('e.ref_seq', order);
      break;
    case 'title':
      page = page.orderBy(sql`lower(e.title)`, order).orderBy('e.ref_seq', order);
      break;
    case 'reviewDue':
      // An item that does not expire sorts as the latest date (first when descending), as on the
      // SoA's evidence links; the same expression as the index evidence_review_idx.
      page = page.orderBy(sql`coalesce(e.review_due, '9999-12-31')`, order).orderBy('e.ref_seq', order);
      break;
    case 'updatedAt':
      page = page.orderBy('e.updated_at', order).orderBy('e.ref_seq', order);
      break;
  }
  const rows = await page
    .selectAll('e')
    .select([...versionColumns])
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const items: EvidenceWithCurrent[] = rows.map((r) => ({
    id: r.id,
    org_id: r.org_id,
    ref: r.ref,
    ref_seq: r.ref_seq,
    title: r.title,
    kind: r.kind,
    description: r.description,
    owner: r.owner,
    effective_date: r.effective_date,
    review_due: r.review_due,
    current_version: r.current_version,
    created_at: r.created_at,
    created_by: r.created_by,
    updated_at: r.updated_at,
    version: r.version,
    current: {
      id: r.v_id,
      evidence_id: r.id,
      org_id: r.org_id,
      number: r.v_number,
      sha256: r.v_sha256,
      file_name: r.v_file_name,
      media_type: r.v_media_type,
      size: r.v_size === null ? null : Number(r.v_size),
      url: r.v_url,
      note: r.v_note,
      record_type: r.v_record_type,
      record_id: r.v_record_id,
      record_data: r.v_record_data,
      comment: r.v_comment,
      created_at: r.v_created_at,
      created_by: r.v_created_by,
    },
  }));
  return { items, total };
}

/**
 * How many items match. The two common cases read one narrow index instead of every matching
 * row: no filter at all (null: the caller has the organization's total from the summary), and a
 * single link filter (links are unique per item and target, and deleted with their item).
 */
async function countMatches(
  db: Executor,
  orgId: string,
  query: EvidenceListQuery,
  filters: ListFilters,
  general: () => Promise<{ n: number } | undefined>,
): Promise<number | null> {
  const otherFilters = Boolean(query.q || query.kind?.length || query.owner || query.state?.length);
  if (!otherFilters && filters.linkedTo.length === 0) return null;
  const [link] = filters.linkedTo;
  if (!otherFilters && link && filters.linkedTo.length === 1) {
    const row = await db
      .selectFrom('evidence_links')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', orgId)
      .where('target_type', '=', link.type)
      .where('framework', '=', link.framework)
      .where('target', '=', link.target)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
  return Number((await general())?.n ?? 0);
}

/** The organization's evidence by state: one pass over the (org_id, review_due) index. */
export async function summarizeEvidence(db: Executor, orgId: string, today: string): Promise<EvidenceSummary> {
  const { soon } = evidenceStateBounds(today);
  const sum = (condition: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;
  const row = await db
    .selectFrom('evidence')
    .where('org_id', '=', orgId)
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      sum(sql`review_due < ${today}`).as('expired'),
      sum(sql`review_due >= ${today} and review_due <= ${soon}`).as('expiring'),
    ])
    .executeTakeFirstOrThrow();
  const total = Number(row.total);
  const expired = Number(row.expired);
  const expiring = Number(row.expiring);
  return { total, current: total - expired - expiring, expiring, expired };
}

/** How many versions, in any organization, hold the content with this SHA-256. */
export async function blobReferences(db: Executor, sha256: string): Promise<number> {
  const row = await db
    .selectFrom('evidence_versions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Serializes, until the transaction ends, everything that adds or drops a reference to one
 * stored file. PostgreSQL: a transaction-scoped advisory lock keyed on the hash. SQLite: one
 * process writes through one connection and a transaction holds it, which already serializes.
 */
export async function lockBlob(trx: Executor, dialect: DialectName, sha256: string): Promise<void> {
  if (dialect !== 'postgres') return;
  // 60 bits of the hash: a signed 64-bit key without overflow.
  const key = BigInt(`0x${sha256.slice(0, 15)}`).toString();
  await sql`select pg_advisory_xact_lock(${key}::bigint)`.execute(trx);
}
