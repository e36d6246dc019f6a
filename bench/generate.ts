/**
 * Generates a large, deterministic organization dataset for benchmarks:
 * organizations, members and audit-log entries by the million, written straight
 * into the database with Kysely in batched transactions.
 *
 * Audit entries form valid hash chains (same field set and hash as
 * `appendAuditEvent`), and each chain's `audit_chains` head is kept in sync in the
 * same transaction as its entries, so `trellis audit-log verify` passes.
 *
 * Everything structural (ids, slugs, emails, roles, timestamps, audit content and
 * therefore every hash) follows from the seed: the same seed and options give the
 * same rows. Passwords are the exception: they come from the crypto RNG, because
 * a password derived from a published seed would be guessable.
 *
 * Standalone (uses DATABASE_URL [+ TRELLIS_DB_SCHEMA] or TRELLIS_DATA_DIR, like the server):
 *   node --import tsx bench/generate.ts --orgs 1 --members 50 --audit-entries 1000000 [--seed 42]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Transaction } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { AuditLogTable, Database, MembershipTable, UserTable } from '../src/db/schema.ts';
import { generatePassword } from '../src/domain/crypto.ts';
import type { Role } from '../src/domain/policy.ts';
import type { Actor } from '../src/domain/principal.ts';
import { GENESIS_HASH } from '../src/features/audit-log/audit-hash.ts';
import { buildAuditRow } from '../src/features/audit-log/audit-log.service.ts';
import { lockChainHead } from '../src/features/audit-log/audit-log.repository.ts';
import { hashPassword } from '../src/features/auth/password.ts';

// ---------------------------------------------------------------------------
// Deterministic PRNG (sfc32 seeded through xmur3) and values derived from it.
// ---------------------------------------------------------------------------

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A UUID v4-shaped id built from PRNG output (not from the crypto RNG). */
  uuid(): string;
  pick<T>(items: readonly T[]): T;
}

function xmur3(text: string): () => number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return h >>> 0;
  };
}

export function createRng(seed: string | number): Rng {
  const s = xmur3(`trellis-bench:${seed}`);
  let a = s();
  let b = s();
  let c = s();
  let d = s();
  const u32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i += 1) u32();
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return {
    next: () => u32() / 4294967296,
    int: (n) => Math.floor((u32() / 4294967296) * n),
    uuid: () => {
      const h = hex(u32()) + hex(u32()) + hex(u32()) + hex(u32());
      const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    pick: (items) => {
      const item = items[Math.floor((u32() / 4294967296) * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}

// ---------------------------------------------------------------------------
// Progress on stderr: a rewritten line on a terminal, a line every 5 s otherwise.
// ---------------------------------------------------------------------------

export interface Progress {
  update(done: number): void;
  done(): void;
}

export function stderrProgress(label: string, total: number, unit: string): Progress {
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  let lastPrint = started;
  let last = 0;
  const line = (done: number) => {
    const seconds = (performance.now() - started) / 1000;
    const pct = total > 0 ? ((done / total) * 100).toFixed(1) : '100.0';
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    return `${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit} (${pct}%, ${rate.toLocaleString('en-US')}/s, ${seconds.toFixed(1)} s)`;
  };
  return {
    update(done) {
      last = done;
      const now = performance.now();
      if (now - lastPrint < (tty ? 200 : 5000)) return;
      lastPrint = now;
      process.stderr.write(tty ? `\r${line(done)}\x1b[K` : `${line(done)}\n`);
    },
    done() {
      process.stderr.write(tty ? `\r${line(last)}\x1b[K\n` : `${line(last)}\n`);
    },
  };
}

export const silentProgress = (): Progress => ({ update: () => {}, done: () => {} });

// ---------------------------------------------------------------------------
// The generator.
// ---------------------------------------------------------------------------

export interface GenerateOptions {
  orgs: number;
  /** Members per organization, the owner included (minimum 1). */
  members: number;
  /**
   * Audit-log entries in total, spread evenly over the organizations' chains. It
   * includes the entries that record the organizations and members; when it is
   * smaller than those, only they are written.
   */
  auditEntries: number;
  seed: string | number;
  /** Slugs are `<prefix>-1`, `<prefix>-2`, …; emails end in `@<slug>.bench.example`. */
  slugPrefix?: string;
  /** Timestamp of the first entry; entries spread over the following year. */
  startDate?: string;
  /** Audit entries per transaction. */
  entriesPerTransaction?: number;
  /** Creates the progress reporter of each phase (default: stderr). */
  progress?: (label: string, total: number, unit: string) => Progress;
}

export interface GeneratedOrganization {
  id: string;
  slug: string;
  name: string;
  ownerEmail: string;
  auditEntries: number;
}

export interface GenerateResult {
  seed: string | number;
  organizations: GeneratedOrganization[];
  /** The one password of every owner (random; shown so a person can sign in). */
  ownerPassword: string;
  /** The one password every non-owner member shares (random). */
  memberPassword: string;
  users: number;
  memberships: number;
  auditEntries: number;
  seconds: number;
}

/** Rows per INSERT statement: 16 columns × 500 stays far below SQLite's and PostgreSQL's bind-parameter limits. */
const ROWS_PER_STATEMENT = 500;
const YEAR_MS = 365 * 24 * 3_600_000;

const memberRoles: readonly Role[] = [
  'aims-manager',
  'contributor',
  'contributor',
  'contributor',
  'contributor',
  'auditor',
  'viewer',
  'viewer',
  'viewer',
  'viewer',
];

interface PendingEvent {
  occurredAt: string;
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

interface Member {
  userId: string;
  membershipId: string;
  email: string;
  role: Role;
}

/** The actor the generator records for what it creates (like the CLI actor, but deterministic). */
const generatorActor: Actor = { type: 'cli', id: null, label: 'trellis bench generator', ip: null };

function ipFor(rng: Rng): string {
  return `10.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
}

/**
 * Appends events to a chain inside `trx`: locks the chain head, computes every
 * entry's hash from the head, inserts the rows in multi-row statements and moves
 * the head, exactly as `appendAuditEvent` would one entry at a time.
 */
async function appendEvents(
  trx: Transaction<Database>,
  dialect: Db['dialect'],
  chain: string,
  orgId: string,
  events: readonly PendingEvent[],
  rng: Rng,
): Promise<void> {
  if (events.length === 0) return;
  const head = await lockChainHead(trx, dialect, chain, GENESIS_HASH);
  let seq = head.lastSeq;
  let prevHash = head.lastHash;
  const rows: AuditLogTable[] = [];
  for (const event of events) {
    const row = buildAuditRow({ lastSeq: seq, lastHash: prevHash }, { ...event, orgId, id: rng.uuid() });
    rows.push(row);
    seq = row.seq;
    prevHash = row.hash;
  }
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + ROWS_PER_STATEMENT))
      .execute();
  }
  await trx.updateTable('audit_chains').set({ last_seq: seq, last_hash: prevHash }).where('chain', '=', chain).execute();
}

async function insertChunked<T extends 'users' | 'memberships'>(
  trx: Transaction<Database>,
  table: T,
  rows: readonly (T extends 'users' ? UserTable : MembershipTable)[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    // Kysely cannot narrow a generic table name; the row type matches the table by construction.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + ROWS_PER_STATEMENT) as never)
      .execute();
  }
}

/** Writes the dataset into a migrated database. */
export async function generateDataset(db: Db, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const orgCount = Math.max(0, Math.floor(options.orgs));
  const membersPerOrg = Math.max(1, Math.floor(options.members));
  const prefix = options.slugPrefix ?? 'bench';
  const perTransaction = Math.max(1, options.entriesPerTransaction ?? 10_000);
  const makeProgress = options.progress ?? stderrProgress;
  const startMs = Date.parse(options.startDate ?? '2025-01-01T00:00:00.000Z');
  if (Number.isNaN(startMs)) throw new Error(`--start-date is not a date: ${options.startDate}`);
  // The prefix is part of the seed, so two datasets with different prefixes never share ids.
  const rng = createRng(`${options.seed}/${prefix}`);

  const taken = await db.kysely.selectFrom('organizations').select('slug').where('slug', 'like', `${prefix}-%`).execute();
  const takenSlugs = new Set(taken.map((r) => r.slug));
  for (let j = 1; j <= orgCount; j += 1) {
    if (takenSlugs.has(`${prefix}-${j}`)) {
      throw new Error(`the organization slug "${prefix}-${j}" exists already; use another --slug-prefix or an empty database`);
    }
  }

  // Passwords come from the crypto RNG; hashing twice in total keeps argon2 cheap.
  const ownerPassword = generatePassword();
  const memberPassword = generatePassword();
  const [ownerHash, memberHash] = await Promise.all([hashPassword(ownerPassword), hashPassword(memberPassword)]);

  const structural = orgCount * (1 + membersPerOrg);
  const totalEntries = Math.max(Math.floor(options.auditEntries), structural);
  if (Math.floor(options.auditEntries) > 0 && Math.floor(options.auditEntries) < structural) {
    process.stderr.write(`note: ${structural} entries are needed to record the organizations and members; writing those only\n`);
  }
  const organizations: GeneratedOrganization[] = [];
  const progress = makeProgress('generating audit log', totalEntries, 'entries');
  let written = 0;
  let users = 0;
  let memberships = 0;

  for (let j = 0; j < orgCount; j += 1) {
    const orgEntries = Math.floor(totalEntries / orgCount) + (j < totalEntries % orgCount ? 1 : 0);
    const entriesForOrg = Math.max(orgEntries, 1 + membersPerOrg);
    const orgId = rng.uuid();
    const slug = `${prefix}-${j + 1}`;
    const name = `Bench Organization ${j + 1}`;
    const domain = `${slug}.bench.example`;
    // Entries of this chain are spread over a year, in order, with jitter.
    const step = YEAR_MS / entriesForOrg;
    const base = startMs + j * 1000;
    let k = 0;
    const nextTime = (): string => {
      const t = base + Math.floor(k * step) + Math.floor(rng.next() * step * 0.9);
      k += 1;
      return new Date(t).toISOString();
    };

    // 1. The organization, its owner and the owner's membership.
    const createdAt = nextTime();
    const owner: Member = { userId: rng.uuid(), membershipId: rng.uuid(), email: `owner@${domain}`, role: 'owner' };
    const ownerActor: Actor = { type: 'user', id: owner.userId, label: owner.email, ip: ipFor(rng) };
    const orgView = { id: orgId, slug, name, createdAt, updatedAt: createdAt, version: 1 };
    await db.kysely.transaction().execute(async (trx) => {
      await trx
        .insertInto('organizations')
        .values({ id: orgId, slug, name, created_at: createdAt, updated_at: createdAt, version: 1 })
        .execute();
      await trx
        .insertInto('users')
        .values({
          id: owner.userId,
          email: owner.email,
          name: 'Bench Owner',
          password_hash: ownerHash,
          created_at: createdAt,
          updated_at: createdAt,
          version: 1,
        })
        .execute();
      await trx
        .insertInto('memberships')
        .values({
          id: owner.membershipId,
          org_id: orgId,
          user_id: owner.userId,
          role: 'owner',
          status: 'active',
          invited_by: null,
          invite_token_hash: null,
          invite_expires_at: null,
          created_at: createdAt,
          updated_at: createdAt,
          version: 1,
        })
        .execute();
      await appendEvents(
        trx,
        db.dialect,
        orgId,
        orgId,
        [
          {
            occurredAt: createdAt,
            actor: generatorActor,
            action: 'organization.created',
            entityType: 'organization',
            entityId: orgId,
            after: orgView,
          },
          {
            occurredAt: createdAt,
            actor: generatorActor,
            action: 'member.added',
            entityType: 'membership',
            entityId: owner.membershipId,
            after: { userId: owner.userId, role: 'owner', status: 'active' },
          },
        ],
        rng,
      );
    });
    users += 1;
    memberships += 1;
    written += 2;
    progress.update(written);

    // 2. The other members, in chunks, each recorded by a member.added entry.
    const members: Member[] = [owner];
    for (let first = 1; first < membersPerOrg; first += ROWS_PER_STATEMENT) {
      const count = Math.min(ROWS_PER_STATEMENT, membersPerOrg - first);
      const userRows: UserTable[] = [];
      const membershipRows: MembershipTable[] = [];
      const events: PendingEvent[] = [];
      for (let i = 0; i < count; i += 1) {
        const n = first + i;
        const at = nextTime();
        const m: Member = { userId: rng.uuid(), membershipId: rng.uuid(), email: `member-${n}@${domain}`, role: rng.pick(memberRoles) };
        members.push(m);
        userRows.push({
          id: m.userId,
          email: m.email,
          name: `Bench Member ${n}`,
          password_hash: memberHash,
          created_at: at,
          updated_at: at,
          version: 1,
        });
        membershipRows.push({
          id: m.membershipId,
          org_id: orgId,
          user_id: m.userId,
          role: m.role,
          status: 'active',
          invited_by: null,
          invite_token_hash: null,
          invite_expires_at: null,
          created_at: at,
          updated_at: at,
          version: 1,
        });
        events.push({
          occurredAt: at,
          actor: ownerActor,
          action: 'member.added',
          entityType: 'membership',
          entityId: m.membershipId,
          after: { userId: m.userId, email: m.email, role: m.role, status: 'active' },
        });
      }
      await db.kysely.transaction().execute(async (trx) => {
        await insertChunked(trx, 'users', userRows);
        await insertChunked(trx, 'memberships', membershipRows);
        await appendEvents(trx, db.dialect, orgId, orgId, events, rng);
      });
      users += count;
      memberships += count;
      written += count;
      progress.update(written);
    }

    // 3. Day-to-day activity up to the organization's share of entries.
    let remaining = entriesForOrg - 1 - membersPerOrg;
    while (remaining > 0) {
      const count = Math.min(perTransaction, remaining);
      const events: PendingEvent[] = [];
      for (let i = 0; i < count; i += 1) events.push(activityEvent(rng, members, orgView, nextTime()));
      await db.kysely.transaction().execute(async (trx) => {
        await appendEvents(trx, db.dialect, orgId, orgId, events, rng);
      });
      remaining -= count;
      written += count;
      progress.update(written);
    }
    organizations.push({ id: orgId, slug, name, ownerEmail: owner.email, auditEntries: entriesForOrg });
  }
  progress.done();
  return {
    seed: options.seed,
    organizations,
    ownerPassword,
    memberPassword,
    users,
    memberships,
    auditEntries: written,
    seconds: (performance.now() - started) / 1000,
  };
}

/** One plausible everyday audit event by a random member (synthetic: the tables are not changed to match). */
function activityEvent(
  rng: Rng,
  members: readonly Member[],
  org: { id: string; slug: string; name: string },
  occurredAt: string,
): PendingEvent {
  const who = rng.pick(members);
  const actor: Actor = { type: 'user', id: who.userId, label: who.email, ip: ipFor(rng) };
  const roll = rng.int(100);
  if (roll < 25) {
    const target = rng.pick(members);
    const from = target.role;
    const to = rng.pick(memberRoles);
    return {
      occurredAt,
      actor,
      action: 'member.role-changed',
      entityType: 'membership',
      entityId: target.membershipId,
      before: { role: from },
      after: { role: to },
    };
  }
  if (roll < 50) {
    const tokenId = rng.uuid();
    return {
      occurredAt,
      actor,
      action: 'token.created',
      entityType: 'api-token',
      entityId: tokenId,
      after: {
        id: tokenId,
        name: rng.pick(['CI pipeline', 'reporting export', 'risk register sync', 'backup job', 'dashboard']),
        prefix: `trellis_${tokenId.slice(0, 4)}`,
        ownerEmail: who.email,
        createdAt: occurredAt,
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
      },
    };
  }
  if (roll < 65) {
    return {
      occurredAt,
      actor,
      action: 'token.revoked',
      entityType: 'api-token',
      entityId: rng.uuid(),
      before: { revokedAt: null },
      after: { revokedAt: occurredAt },
    };
  }
  if (roll < 85) {
    return {
      occurredAt,
      actor,
      action: 'auth.sign-in-failed',
      entityType: 'user',
      entityId: who.userId,
      after: { reason: 'wrong password' },
    };
  }
  if (roll < 95) {
    const target = rng.pick(members);
    return {
      occurredAt,
      actor,
      action: 'member.invitation-reissued',
      entityType: 'membership',
      entityId: target.membershipId,
      after: { email: target.email, expiresAt: new Date(Date.parse(occurredAt) + 7 * 24 * 3_600_000).toISOString() },
    };
  }
  return {
    occurredAt,
    actor,
    action: 'organization.updated',
    entityType: 'organization',
    entityId: org.id,
    before: { id: org.id, slug: org.slug, name: org.name },
    after: { id: org.id, slug: org.slug, name: org.name },
  };
}

// ---------------------------------------------------------------------------
// Command line.
// ---------------------------------------------------------------------------

const usage = `usage: node --import tsx bench/generate.ts [options]

Writes a deterministic benchmark dataset into the database Trellis is configured
for (DATABASE_URL and TRELLIS_DB_SCHEMA, else the SQLite file under TRELLIS_DATA_DIR),
migrating it first.

  --orgs <n>            organizations (default 1)
  --members <n>         members per organization, owner included (default 50)
  --audit-entries <n>   audit-log entries in total, spread over the organizations (default 1000000)
  --seed <value>        PRNG seed (default 42)
  --slug-prefix <text>  organization slugs are <prefix>-1, <prefix>-2, ... (default bench)
  --start-date <iso>    timestamp of the first entry (default 2025-01-01T00:00:00.000Z)
  -h, --help            this text

Prints a JSON summary on stdout (including the generated passwords); progress goes to stderr.
`;

function positiveInt(value: string | undefined, flag: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be a whole number of at least ${min}, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      orgs: { type: 'string' },
      members: { type: 'string' },
      'audit-entries': { type: 'string' },
      seed: { type: 'string' },
      'slug-prefix': { type: 'string' },
      'start-date': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const options: GenerateOptions = {
    orgs: positiveInt(values.orgs, '--orgs', 1, 1),
    members: positiveInt(values.members, '--members', 50, 1),
    auditEntries: positiveInt(values['audit-entries'], '--audit-entries', 1_000_000),
    seed: values.seed ?? 42,
    slugPrefix: values['slug-prefix'],
    startDate: values['start-date'],
  };
  if (options.slugPrefix !== undefined && !/^[a-z0-9][a-z0-9-]{0,40}$/.test(options.slugPrefix)) {
    throw new Error('--slug-prefix must be lowercase letters, digits and hyphens');
  }
  const config = loadConfig(process.env);
  const where = config.database.kind === 'sqlite' ? `SQLite at ${config.database.file}` : 'PostgreSQL (DATABASE_URL)';
  process.stderr.write(`generating into ${where}\n`);
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db);
    const result = await generateDataset(db, options);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.stderr.write(
      `wrote ${result.organizations.length} organizations, ${result.users} users, ${result.auditEntries.toLocaleString('en-US')} audit entries in ${result.seconds.toFixed(1)} s\n`,
    );
  } finally {
    await db.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
