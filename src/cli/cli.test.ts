import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { availableDialects, postgresUrl } from '../test/databases.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/trellis.mjs');
const dialects = await availableDialects();

function envFor(dialect: string, dataDir: string, schema: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TRELLIS_DATA_DIR: dataDir, DATABASE_URL: '', TRELLIS_DB_SCHEMA: '' };
  if (dialect === 'postgres') Object.assign(env, { DATABASE_URL: postgresUrl, TRELLIS_DB_SCHEMA: schema });
  return env;
}

function cli(env: NodeJS.ProcessEnv, args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, input: input ?? '', encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function dropSchema(schema: string) {
  const c = new pg.Client({ connectionString: postgresUrl });
  await c.connect();
  await c.query(`drop schema if exists ${schema} cascade`);
  await c.end();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

for (const dialect of dialects) {
  describe(`trellis CLI administration [${dialect}]`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-cli-'));
    const schema = `cli_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const restoreSchema = `${schema}_r`;
    const env = envFor(dialect, path.join(dir, 'data'), schema);
    after(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (dialect === 'postgres') {
        await dropSchema(schema);
        await dropSchema(restoreSchema);
      }
    });

    test('db migrate, init, user create and token create work on the database directly', () => {
      const migrate = cli(env, ['db', 'migrate', '--json']);
      assert.equal(migrate.code, 0, migrate.stderr);
      assert.deepEqual(JSON.parse(migrate.stdout).applied, [
        '2026-11-28T00-00-foundation',
        '2026-11-28T01-00-catalog',
        '2026-11-28T02-00-inventory',
        '2026-11-28T03-00-risk',
        '2026-11-28T04-00-controls',
        '2026-11-28T05-00-soa-indexes',
        '2026-11-28T06-00-evidence-list',
        '2026-11-29T01-00-readiness-index',
        '2026-11-29T02-00-monitoring',
        '2026-11-29T03-00-objectives',
      ]);

      const init = cli(
        env,
        ['init', '--org', 'Acme AI', '--admin-email', 'Boss@Acme.test', '--password-stdin', '--json'],
        'a sufficiently long password\n',
      );
      assert.equal(init.code, 0, init.stderr);
      const created = JSON.parse(init.stdout);
      assert.equal(created.organization.slug, 'acme-ai');
      assert.equal(created.user.email, 'boss@acme.test');

      const user = cli(
        env,
        ['user', 'create', '--email', 'aud@acme.test', '--org', 'acme-ai', '--role', 'auditor', '--password-stdin'],
        'another long password\n',
      );
      assert.equal(user.code, 0, user.stderr);
      assert.match(user.stdout, /aud@acme\.test as auditor of acme-ai/);

      const token = cli(env, ['token', 'create', '--email', 'aud@acme.test', '--org', 'acme-ai', '--name', 'CI']);
      assert.equal(token.code, 0, token.stderr);
      assert.match(token.stdout.trim(), /^trellis_[\w-]{30,}$/);
    });

    test('mistakes give one line on stderr and a non-zero exit code', () => {
      const dup = cli(
        env,
        ['init', '--org', 'Again', '--admin-email', 'boss@acme.test', '--password-stdin'],
        'a sufficiently long password',
      );
      assert.equal(dup.code, 1);
      assert.equal(dup.stderr.trim().split('\n').length, 1);
      assert.match(dup.stderr, /^trellis: a user with the email boss@acme\.test exists already/);

      const role = cli(
        env,
        ['user', 'create', '--email', 'x@acme.test', '--org', 'acme-ai', '--role', 'emperor', '--password-stdin'],
        'long enough password',
      );
      assert.equal(role.code, 2);
      assert.match(role.stderr, /--role/);

      const weak = cli(
        env,
        ['user', 'create', '--email', 'y@acme.test', '--org', 'acme-ai', '--role', 'viewer', '--password-stdin'],
        'short',
      );
      assert.notEqual(weak.code, 0);
      assert.match(weak.stderr, /password must be 12/);

      const org = cli(env, ['token', 'create', '--email', 'boss@acme.test', '--org', 'no-such-org', '--name', 'x']);
      assert.equal(org.code, 1);
      assert.match(org.stderr, /no organization with the id or slug "no-such-org"/);
      assert.doesNotMatch(dup.stderr + role.stderr + weak.stderr + org.stderr, /\s+at\s.+:\d+:\d+/);
    });

    test('audit-log verify exits 0 when intact and 1 naming the first altered entry', async () => {
      const ok = cli(env, ['audit-log', 'verify']);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /audit log intact: \d+ entries/);
      // Alter one entry behind Trellis's back.
      const { openDatabase } = await import('../db/database.ts');
      const { loadConfig } = await import('../config.ts');
      const db = openDatabase(loadConfig(env).database);
      const entry = await db.kysely
        .selectFrom('audit_log')
        .select(['id', 'chain', 'seq', 'action'])
        .where('action', '=', 'member.added')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      await db.kysely.updateTable('audit_log').set({ action: 'member.removed' }).where('id', '=', entry.id).execute();
      await db.close();
      const bad = cli(env, ['audit-log', 'verify', '--json']);
      assert.equal(bad.code, 1);
      const result = JSON.parse(bad.stdout);
      assert.equal(result.ok, false);
      assert.equal(result.firstBad.id, entry.id);
      const human = cli(env, ['audit-log', 'verify']);
      assert.equal(human.code, 1);
      assert.match(human.stderr, new RegExp(`TAMPERED.*${entry.id}`));
      const db2 = openDatabase(loadConfig(env).database);
      await db2.kysely.updateTable('audit_log').set({ action: entry.action }).where('id', '=', entry.id).execute();
      await db2.close();
    });

    test('backup, then restore into an empty database; restoring again refuses', () => {
      const file = path.join(dir, 'backup.jsonl.gz');
      const backup = cli(env, ['backup', file, '--json']);
      assert.equal(backup.code, 0, backup.stderr);
      const summary = JSON.parse(backup.stdout);
      assert.ok(summary.tables.audit_log > 0);
      assert.ok(fs.existsSync(file));

      const target = envFor(dialect, path.join(dir, 'restored'), restoreSchema);
      const restore = cli(target, ['restore', file, '--json']);
      assert.equal(restore.code, 0, restore.stderr);
      const restored = JSON.parse(restore.stdout);
      assert.deepEqual(restored.tables, summary.tables);
      assert.equal(restored.auditLog.ok, true);
      assert.equal(cli(target, ['audit-log', 'verify']).code, 0);

      const again = cli(target, ['restore', file]);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /not empty/);
    });
  });
}

describe('trellis serve (the quick start)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-serve-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function startOnce(port: number): Promise<{ output: string; stop: () => Promise<void> }> {
    const child = spawn(process.execPath, [bin, 'serve'], {
      cwd: root,
      env: { ...process.env, TRELLIS_DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited early: ${output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok && output.includes('Trellis is running')) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`serve did not become healthy: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      output,
      stop: () =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    };
  }

  test('first start creates the demo organization with a one-time generated password; restarts keep the data', async () => {
    const port = await freePort();
    const first = await startOnce(port);
    try {
      assert.match(first.output, new RegExp(`Trellis is running at http://127\\.0\\.0\\.1:${port}`));
      const email = /email:\s+(\S+)/.exec(first.output)?.[1];
      const password = /password:\s+(\S+)/.exec(first.output)?.[1];
      assert.ok(email && password, first.output);
      assert.ok(password.length >= 20);
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      assert.equal(login.status, 200);
      const session = (await login.json()) as { organizations: { slug: string; role: string }[] };
      assert.deepEqual(
        session.organizations.map((o) => [o.slug, o.role]),
        [['demo', 'owner']],
      );
      // The password is stored hashed, never as given.
      for (const f of fs.readdirSync(dir)) assert.ok(!fs.readFileSync(path.join(dir, f)).includes(Buffer.from(password)), f);

      // API-client commands work against the running server with a token made by the admin CLI.
      const env = { ...process.env, TRELLIS_DATA_DIR: dir, DATABASE_URL: '' };
      const token = cli(env, ['token', 'create', '--email', email, '--org', 'demo', '--name', 'cli test']).stdout.trim();
      const apiEnv = { ...env, TRELLIS_URL: `http://127.0.0.1:${port}`, TRELLIS_TOKEN: token };
      const whoami = cli(apiEnv, ['whoami']);
      assert.equal(whoami.code, 0, whoami.stderr);
      assert.match(whoami.stdout, /owner@example\.com in Demo Organization \(demo\) as owner via token "cli test"/);
      const members = cli(apiEnv, ['members', 'list', '--json']);
      assert.equal(members.code, 0, members.stderr);
      assert.equal(JSON.parse(members.stdout)[0].email, email);
      // The catalog from the command line.
      const list = cli(apiEnv, ['catalog', 'list', '--json']);
      assert.equal(list.code, 0, list.stderr);
      const iso = (JSON.parse(list.stdout) as { id: string; requirementCount: number }[]).find((f) => f.id === 'iso42001-2023');
      assert.deepEqual(Object.keys(iso ?? {}), ['id', 'name', 'version', 'requirementCount']);
      const show = cli(apiEnv, ['catalog', 'show', 'iso42001-2023', '--json']);
      const items = JSON.parse(show.stdout) as { id: string; kind: string; title: string; parent: string | null }[];
      assert.equal(items.filter((i) => i.kind === 'control').length, 38);
      assert.deepEqual(Object.keys(items[0] ?? {}), ['id', 'kind', 'title', 'parent']);
      const xw = JSON.parse(
        cli(apiEnv, ['catalog', 'crosswalk', '--from', 'iso42001-2023', '--to', 'nist-ai-rmf-1.0', '--json']).stdout,
      ) as unknown[];
      assert.equal(xw.length, 280);
      const out = path.join(dir, 'rmf.oscal.json');
      const exported = cli(apiEnv, ['catalog', 'export', 'nist-ai-rmf-1.0', '--format', 'oscal', '--out', out]);
      assert.equal(exported.code, 0, exported.stderr);
      const { validateOscalCatalog } = await import('../features/catalog/oscal-schema.ts');
      assert.deepEqual(validateOscalCatalog(JSON.parse(fs.readFileSync(out, 'utf8'))), []);
      const own = path.join(dir, 'own.yaml');
      fs.writeFileSync(
        own,
        'id: our-rules\nname: Our rules\nshortName: Ours\nversion: "1"\npublisher: Us\ndescription: Ours.\nlicence: Ours.\nitems:\n  - { id: R1, kind: control, title: A rule }\n',
      );
      const imported = cli(apiEnv, ['catalog', 'import', own]);
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stdout, /imported framework our-rules version 1 \(1 items\)/);
      const badImport = cli(apiEnv, ['catalog', 'import', own]);
      assert.equal(badImport.code, 1);
      assert.match(badImport.stderr, /^trellis: 409 conflict: version 1 of our-rules was imported already/);

      const denied = cli({ ...apiEnv, TRELLIS_TOKEN: 'trellis_wrong' }, ['whoami']);
      assert.equal(denied.code, 1);
      assert.match(denied.stderr, /^trellis: 401 unauthenticated/);
      const unreachable = cli({ ...apiEnv, TRELLIS_URL: 'http://127.0.0.1:1' }, ['whoami']);
      assert.equal(unreachable.code, 1);
      assert.match(unreachable.stderr, /cannot reach the Trellis server/);
    } finally {
      await first.stop();
    }
    const second = await startOnce(port);
    try {
      assert.doesNotMatch(second.output, /password:/);
    } finally {
      await second.stop();
    }
  });
});
