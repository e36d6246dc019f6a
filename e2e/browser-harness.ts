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

/** Signs in on the login page and waits for the organization's overview. */
export async function signIn(page: Page, baseUrl: string, orgSlug: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(new RegExp(`/orgs/${orgSlug}$`));
}

/**
 * Calls the API from the signed-in page, the way the UI does: the session cookie and the session's
 * CSRF token. For set-up and checks that are not what a journey is about.
 */
export async function callApi<T>(page: Page, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(url, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
      return JSON.parse(text) as T;
    },
    { method, url, body },
  );
}

/** A screenshot into test-results/, taken from the top (the whole page with `fullPage`). */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, name), fullPage });
}
