#!/usr/bin/env node
// `npm test`: runs every test file with node's test runner (through tsx), on SQLite
// always, on PostgreSQL when it is reachable, and in Chromium when it is installed.
// TRELLIS_TEST_REQUIRE=postgres,browser turns a missing one into a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const required = new Set(
  (process.env.TRELLIS_TEST_REQUIRE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const pgUrl = process.env.TRELLIS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.TRELLIS_CHROMIUM ?? '/usr/bin/chromium';

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

function findTests(dir, suffix, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') findTests(full, suffix, out);
    else if (entry.isFile() && entry.name.endsWith(suffix)) out.push(path.relative(root, full));
  }
  return out.sort();
}

const pgState = await postgresReachable();
const hasPostgres = pgState === true;
const hasBrowser = fs.existsSync(chromium);
let missingRequired = false;
if (!hasPostgres) {
  console.log(`PostgreSQL tests skipped: cannot reach ${pgUrl.replace(/\/\/[^@]*@/, '//')} (${pgState}); set TRELLIS_TEST_DATABASE_URL.`);
  if (required.has('postgres')) missingRequired = true;
}
if (!hasBrowser) {
  console.log(`Browser tests skipped: no Chromium at ${chromium} (apt-get install -y chromium, or set TRELLIS_CHROMIUM).`);
  if (required.has('browser')) missingRequired = true;
}
if (missingRequired) {
  console.error(`TRELLIS_TEST_REQUIRE=${[...required].join(',')} but a required service is missing: failing.`);
  process.exit(1);
}

const requested = process.argv.slice(2);
let files =
  requested.length > 0
    ? requested
    : [
        ...findTests(path.join(root, 'src'), '.test.ts'),
        ...findTests(path.join(root, 'bench'), '.test.ts'),
        // Pure web modules (parsers, formatters) are tested with node too.
        ...findTests(path.join(root, 'web', 'src'), '.test.ts'),
      ];
const e2e = requested.length > 0 ? requested.filter((f) => f.includes('.e2e.')) : findTests(path.join(root, 'e2e'), '.e2e.test.ts');
if (requested.length === 0 && hasBrowser) files = [...files, ...e2e];
if (hasBrowser && e2e.length > 0 && files.some((f) => f.includes('.e2e.'))) {
  // Browser journeys run against the built UI: build it from the current sources.
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    TRELLIS_TEST_POSTGRES: hasPostgres ? '1' : '0',
    TRELLIS_TEST_BROWSER: hasBrowser ? '1' : '0',
    TRELLIS_CHROMIUM: chromium,
  },
});
process.exit(result.status ?? 1);
