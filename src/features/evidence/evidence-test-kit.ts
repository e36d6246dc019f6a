import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Config } from '../../config.ts';
import type { OrgPrincipal } from '../../domain/principal.ts';
import type { EvidenceDetail } from '../../domain/schemas/evidence.schemas.ts';
import { buildApp } from '../../server/app.ts';
import { availableDialects, createTestDatabase } from '../../test/databases.ts';
import { testConfig, type SignedIn, type TestContext } from '../../test/harness.ts';
import { LocalEvidenceStore } from './evidence-store.ts';

/** Test support for the evidence area: a suite per database with its own evidence directory. */
export interface EvidenceTestContext extends TestContext {
  store: LocalEvidenceStore;
  dataDir: string;
}

const dialects = await availableDialects();

/** Like describeEachDatabase, with a temporary data directory (the local evidence store) and a 64 KB upload limit. */
export function describeEvidenceSuite(title: string, fn: (ctx: () => EvidenceTestContext) => void): void {
  for (const dialect of dialects) {
    describe(`${title} [${dialect}]`, () => {
      let ctx: EvidenceTestContext | undefined;
      before(async () => {
        const database = await createTestDatabase(dialect);
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-evidence-'));
        const config: Config = testConfig({ TRELLIS_DATA_DIR: dataDir, TRELLIS_EVIDENCE_MAX_SIZE: '64KB' });
        if (config.evidence.store.kind !== 'local') throw new Error('expected the local store');
        const store = new LocalEvidenceStore(config.evidence.store.dir);
        const app = await buildApp({ db: database.db, config, evidenceStore: store });
        ctx = { dialect, database, db: database.db, config, app, store, dataDir };
      });
      after(async () => {
        await ctx?.app.close();
        await ctx?.database.cleanup();
        if (ctx) fs.rmSync(ctx.dataDir, { recursive: true, force: true });
      });
      fn(() => {
        if (!ctx) throw new Error('test context used before setup');
        return ctx;
      });
    });
  }
}

export type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer; contentType?: string };

/** A multipart/form-data body as a browser or curl would send it. */
export function multipartBody(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----trellis${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        part.content,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Sends a multipart upload as a signed-in user. */
export function sendMultipart(ctx: EvidenceTestContext, who: SignedIn, url: string, parts: Part[]) {
  const { payload, contentType } = multipartBody(parts);
  return ctx.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': contentType },
    payload,
  });
}

/** Uploads a file as a new evidence item; the metadata field goes first unless `fileFirst`. */
export function uploadEvidence(
  ctx: EvidenceTestContext,
  who: SignedIn,
  filename: string,
  content: Buffer,
  metadata: object = {},
  fileFirst = false,
) {
  const meta: Part = { name: 'metadata', value: JSON.stringify(metadata) };
  const file: Part = { name: 'file', filename, content };
  return sendMultipart(ctx, who, `/api/orgs/${who.orgSlug}/evidence`, fileFirst ? [file, meta] : [meta, file]);
}

/** A small but real-looking PDF (the magic bytes are what is checked). */
export function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.7\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

/** Every file under the store's directory (stored content and any temporary file). */
export function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((e) => (e.isFile() ? [path.join(e.parentPath, e.name)] : []));
}

export type Detail = EvidenceDetail;

/** The owner's principal, for calling the service directly (as another feature would). */
export async function ownerPrincipal(ctx: EvidenceTestContext, who: SignedIn): Promise<OrgPrincipal> {
  const membership = await ctx.db.kysely
    .selectFrom('memberships')
    .select('id')
    .where('org_id', '=', who.orgId)
    .where('user_id', '=', who.userId)
    .executeTakeFirstOrThrow();
  return {
    orgId: who.orgId,
    orgSlug: who.orgSlug,
    userId: who.userId,
    membershipId: membership.id,
    role: 'owner',
    via: 'session',
    tokenId: null,
    actor: { type: 'user', id: who.userId, label: who.email, ip: null },
  };
}
