// Shared set-up for the browser journeys: a real Trellis server on a fresh SQLite
// database with one organization, and headless Chromium started with the flags this
// machine needs (no background networking: the network is closed).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { cliActor, initOrganization } from '../src/features/admin/admin.service.ts';
import { buildApp } from '../src/server/app.ts';

export const shots = path.resolve(import.meta.dirname, '../test-results');

export interface BrowserHarness {
  baseUrl: string;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startBrowserHarness(org: { name: string; slug: string; email: string; password: string }): Promise<BrowserHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-e2e-'));
  const config = loadConfig({ TRELLIS_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', TRELLIS_DEMO: '0' });
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  await initOrganization(db, { orgName: org.name, slug: org.slug, email: org.email, password: org.password }, cliActor());
  const app = await buildApp({ db, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  assert.ok(address && typeof address === 'object', 'the server listens on a TCP port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  // Invitation links are built from publicUrl when they are issued: point it at the real port.
  config.publicUrl = baseUrl;
  fs.mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.TRELLIS_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    baseUrl,
    browser,
    stop: async () => {
      await browser.close();
      await app.close();
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Collects script errors and Content-Security-Policy violations; a journey asserts there are none. */
export function watchForPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  return problems;
}
