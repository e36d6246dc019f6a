// Evidence in a real browser: an owner opens control A.6.2.6 and adds a PDF as its evidence
// with a review date; a program is refused with a clear message and nothing is kept. The
// evidence shows on the control and in the list; a new version is uploaded, both versions are
// listed and the first still downloads byte for byte. A note whose review date has passed
// shows as expired, in the list's summary and on its page. An auditor then reads it all without
// a single edit control. Needs Chromium (TRELLIS_CHROMIUM or /usr/bin/chromium) and a built UI
// (`npm run build`); `npm test` takes care of both.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Download, Page } from 'playwright-core';
import { shots, startBrowserHarness, watchForPageErrors, type BrowserHarness, signIn, callApi, screenshot } from './browser-harness.ts';

const ORG = 'evidence';
const OWNER = { email: 'owner@evidence-e2e.test', password: 'correct horse battery' };
const AUDITOR = { email: 'aude@evidence-e2e.test', name: 'Aude Auditor', password: 'a long enough passphrase' };
const CONTROL = 'A.6.2.6';
const TITLE = 'Bias test Q3';

/** Two versions of a small but real-looking PDF (the server checks the leading bytes). */
function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.7\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}
const FIRST = pdf('bias test, third quarter: demographic parity within 2 points');
const SECOND = pdf('bias test, fourth quarter rerun after retraining: within 1.5 points');
/** A Windows program: refused by its extension whatever it is called inside. */
const PROGRAM = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0), Buffer.from('This program cannot be run in DOS mode')]);

function dayFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let harness: BrowserHarness;
let browser: Browser;
let baseUrl: string;

before(async () => {
  harness = await startBrowserHarness({ name: 'Evidence Org', slug: ORG, email: OWNER.email, password: OWNER.password });
  ({ browser, baseUrl } = harness);
});

after(async () => {
  await harness?.stop();
});

async function bytesOf(download: Download): Promise<Buffer> {
  return fs.readFileSync(await download.path());
}

async function openList(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Evidence' }).click();
  await page.getByRole('heading', { level: 1, name: 'Evidence' }).waitFor();
}

test('an owner adds, renews and finds evidence for a control; a refused file leaves nothing', { timeout: 180_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchForPageErrors(page);
  await signIn(page, baseUrl, ORG, OWNER.email, OWNER.password);

  // From the control page: no evidence yet, and a way to add it pre-linked to the control.
  await page.goto(`${baseUrl}/orgs/${ORG}/controls/iso42001-2023/${CONTROL}`);
  await page.getByRole('heading', { level: 1, name: 'Operation and monitoring' }).waitFor();
  const section = page.getByRole('region', { name: 'Evidence' });
  await section.getByText('No evidence is linked to this control yet.').waitFor();
  await section.getByRole('link', { name: 'Add evidence' }).click();
  await page.waitForURL(/\/evidence\/new\?framework=iso42001-2023&control=A\.6\.2\.6$/);
  const form = page.getByRole('form', { name: 'Add evidence' });
  const controls = form.getByRole('region', { name: 'What it supports' });
  await controls.getByText(`${CONTROL} Operation and monitoring`, { exact: false }).waitFor();

  // A program is refused by the server, said plainly at the file, and nothing is kept.
  const review = dayFromToday(200);
  await form.locator('input[type="file"]').setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: PROGRAM });
  await form.getByTestId('chosen-file').filter({ hasText: 'setup.exe' }).waitFor();
  await form.getByRole('textbox', { name: 'Title' }).fill(TITLE);
  await form.getByRole('textbox', { name: 'Owner' }).fill('ML platform lead');
  await form.getByLabel('Review date', { exact: true }).fill(review);
  await form.getByRole('button', { name: 'Add evidence' }).click();
  const refused = form.getByTestId('upload-refused');
  await refused.filter({ hasText: '".exe" files are not accepted' }).waitFor();
  await refused.getByText('Nothing was stored.', { exact: false }).waitFor();
  await form.getByTestId('file-error').filter({ hasText: 'Not accepted: choose another file.' }).waitFor();
  assert.match(page.url(), /\/evidence\/new\?/, 'the form stays open with what was typed');
  assert.equal(await form.getByRole('textbox', { name: 'Title' }).inputValue(), TITLE);
  const none = await callApi<{ summary: { total: number } }>(page, 'GET', `/api/orgs/${ORG}/evidence`);
  assert.equal(none.summary.total, 0, 'no evidence item was stored');
  await screenshot(page, 'evidence-refused-file.png');

  // The PDF is accepted; the new item's page shows it, linked to the control.
  await form.locator('input[type="file"]').setInputFiles({ name: 'bias-test-q3.pdf', mimeType: 'application/pdf', buffer: FIRST });
  await form.getByTestId('chosen-file').filter({ hasText: 'bias-test-q3.pdf' }).waitFor();
  assert.equal(await form.getByTestId('upload-refused').count(), 0, 'choosing another file clears the refusal');
  await form.getByRole('button', { name: 'Add evidence' }).click();
  await page.waitForURL(new RegExp(`/orgs/${ORG}/evidence/EV-0001$`));
  await page
    .getByRole('status')
    .filter({ hasText: `EV-0001 “${TITLE}” was added and linked to 1 item.` })
    .waitFor();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.locator('[data-testid="evidence-ref"] ~ [data-state="current"]').waitFor();
  const links = page.getByRole('region', { name: 'What it supports' });
  await links
    .locator(`[data-link="control:${CONTROL}"]`)
    .getByRole('link', { name: /Operation and monitoring/ })
    .waitFor();
  const versions = page.getByRole('table', { name: 'Versions' });
  assert.equal(await versions.locator('tr[data-version]').count(), 1);

  // The control lists it, current, and links to it.
  await links.locator(`[data-link="control:${CONTROL}"]`).getByRole('link').click();
  await page.getByRole('heading', { level: 1, name: 'Operation and monitoring' }).waitFor();
  const row = section.locator('tr[data-evidence="EV-0001"]');
  await row.locator('[data-state="current"]').waitFor();
  await row.getByRole('link', { name: TITLE }).waitFor();
  await screenshot(page, 'evidence-on-control.png');

  // In the list: one current item with its review date and one link.
  await openList(page);
  const table = page.getByRole('table', { name: 'Evidence' });
  const listed = table.locator('tr[data-evidence="EV-0001"]');
  await listed.getByRole('link', { name: TITLE }).waitFor();
  await listed.locator('[data-state="current"]').waitFor();
  await page.getByRole('button', { name: 'All evidence: 1' }).waitFor();
  await page.getByRole('button', { name: 'Expired: 0' }).waitFor();

  // A new version: both are listed, and the first still downloads exactly as uploaded.
  await listed.getByRole('link', { name: TITLE }).click();
  await page.getByRole('button', { name: 'Upload new version' }).click();
  const dialog = page.getByRole('dialog', { name: 'Upload a new version' });
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'bias-test-q4.pdf', mimeType: 'application/pdf', buffer: SECOND });
  await dialog.getByRole('textbox', { name: 'Comment' }).fill('Q4 rerun after retraining');
  await dialog.getByRole('button', { name: 'Upload version' }).click();
  await page.getByRole('status').filter({ hasText: 'Version 2 of EV-0001 is now the current one.' }).waitFor();
  await dialog.waitFor({ state: 'detached' });
  await versions.locator('tr[data-version="2"]').getByText('bias-test-q4.pdf').waitFor();
  await versions.locator('tr[data-version="2"]').getByText('Q4 rerun after retraining').waitFor();
  await versions.locator('tr[data-version="1"]').getByText('bias-test-q3.pdf').waitFor();
  assert.equal(await versions.locator('tr[data-version]').count(), 2);
  const [first] = await Promise.all([page.waitForEvent('download'), versions.getByRole('link', { name: 'Download version 1' }).click()]);
  assert.equal(first.suggestedFilename(), 'bias-test-q3.pdf');
  assert.ok((await bytesOf(first)).equals(FIRST), 'version 1 downloads byte for byte');
  const [second] = await Promise.all([page.waitForEvent('download'), versions.getByRole('link', { name: 'Download version 2' }).click()]);
  assert.ok((await bytesOf(second)).equals(SECOND), 'version 2 downloads byte for byte');
  await screenshot(page, 'evidence-detail.png');

  // The history tells what happened, newest first.
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('table', { name: 'History' });
  await history.locator('tr[data-action="evidence.version-added"]').getByText('Version 2: bias-test-q4.pdf', { exact: false }).waitFor();
  await history.locator('tr[data-action="evidence.created"]').getByText(`Added “${TITLE}”`).waitFor();
  await screenshot(page, 'evidence-history.png');

  // A note whose review date has passed is expired: on its page, in the summary and by filter.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Evidence' }).click();
  await page.getByRole('link', { name: 'Add evidence' }).click();
  await page.waitForURL(/\/evidence\/new$/);
  await form.getByText('Note', { exact: true }).click();
  await form.getByRole('textbox', { name: 'Note' }).fill('Walked through the release gate with QA; every check ran.');
  await form.getByRole('textbox', { name: 'Title' }).fill('Release gate walk-through 2024');
  await form.getByLabel('Effective date', { exact: true }).fill('2024-03-01');
  await form.getByLabel('Review date', { exact: true }).fill('2024-12-31');
  await form.getByRole('button', { name: 'Add evidence' }).click();
  await page.waitForURL(new RegExp(`/orgs/${ORG}/evidence/EV-0002$`));
  await page.getByTestId('expired-banner').waitFor();
  await page.locator('[data-testid="evidence-ref"] ~ [data-state="expired"]').waitFor();
  await openList(page);
  await page.getByRole('button', { name: 'Expired: 1' }).waitFor();
  await page.getByTestId('expired-alert').filter({ hasText: '1 evidence item has passed the review date' }).waitFor();
  await table.locator('tr[data-evidence="EV-0002"] [data-state="expired"]').waitFor();
  await screenshot(page, 'evidence-list.png');
  await page.getByRole('button', { name: 'Expired: 1' }).click();
  await page.waitForURL(/\/evidence\?state=expired$/);
  await table.locator('tr[data-evidence="EV-0001"]').waitFor({ state: 'detached' });
  assert.equal(await table.locator('tr[data-evidence]').count(), 1);

  assert.deepEqual(problems, []);
  await context.close();
});

test('an auditor reads evidence and downloads it, without any edit control', { timeout: 120_000 }, async () => {
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const owner = await ownerContext.newPage();
  const problems = watchForPageErrors(owner);
  await signIn(owner, baseUrl, ORG, OWNER.email, OWNER.password);
  const { inviteUrl } = await callApi<{ inviteUrl: string }>(owner, 'POST', `/api/orgs/${ORG}/members`, {
    email: AUDITOR.email,
    role: 'auditor',
  });

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  problems.push(...watchForPageErrors(page));
  await page.goto(inviteUrl);
  await page.getByLabel('Your name').fill(AUDITOR.name);
  await page.getByRole('textbox', { name: 'Choose a password', exact: true }).fill(AUDITOR.password);
  await page.getByRole('textbox', { name: 'Repeat the password', exact: true }).fill(AUDITOR.password);
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await page.waitForURL(new RegExp(`/orgs/${ORG}$`));

  await openList(page);
  await page.getByText('As an Auditor you can read the evidence', { exact: false }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Add evidence' }).count(), 0);
  await page.getByRole('table', { name: 'Evidence' }).getByRole('link', { name: TITLE }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  const versions = page.getByRole('table', { name: 'Versions' });
  const [download] = await Promise.all([page.waitForEvent('download'), versions.getByRole('link', { name: 'Download version 1' }).click()]);
  assert.ok((await bytesOf(download)).equals(FIRST), 'an auditor downloads version 1 byte for byte');
  for (const name of ['Edit details', 'Upload new version', 'Add links', 'Delete']) {
    assert.equal(await page.getByRole('button', { name }).count(), 0, `no "${name}" button for an auditor`);
  }
  assert.equal(await page.getByRole('button', { name: /^Remove the link/ }).count(), 0, 'no way to remove a link');
  await page.screenshot({ path: path.join(shots, 'evidence-auditor.png'), fullPage: true });

  // On the control: the evidence is listed, with no way to add more.
  await page.goto(`${baseUrl}/orgs/${ORG}/controls/iso42001-2023/${CONTROL}`);
  const section = page.getByRole('region', { name: 'Evidence' });
  await section.locator('tr[data-evidence="EV-0001"]').waitFor();
  assert.equal(await section.getByRole('link', { name: 'Add evidence' }).count(), 0);

  // The add page itself says why it is not for an auditor.
  await page.goto(`${baseUrl}/orgs/${ORG}/evidence/new?control=${CONTROL}`);
  await page.getByText('You cannot add evidence').waitFor();

  assert.deepEqual(problems, []);
  await context.close();
  await ownerContext.close();
});

test('a file over the upload limit is refused while it is sent, and nothing is kept', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watchForPageErrors(page);
  await signIn(page, baseUrl, ORG, OWNER.email, OWNER.password);
  // Checked from outside the browser: the server's answer, not the page's.
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const count = async () => {
    const response = await fetch(`${baseUrl}/api/orgs/${ORG}/evidence`, { headers: { cookie } });
    assert.equal(response.status, 200);
    return ((await response.json()) as { summary: { total: number } }).summary.total;
  };
  const before = await count();

  // 52 MB against the default limit of 50 MB.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-evidence-e2e-'));
  const big = path.join(dir, 'model-weights-report.pdf');
  fs.writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(52 * 1024 * 1024, 0x41)]));
  try {
    await page.goto(`${baseUrl}/orgs/${ORG}/evidence/new`);
    const form = page.getByRole('form', { name: 'Add evidence' });
    await form.locator('input[type="file"]').setInputFiles(big);
    await form.getByTestId('chosen-file').filter({ hasText: 'model-weights-report.pdf' }).waitFor();
    await form.getByRole('button', { name: 'Add evidence' }).click();
    await form
      .getByTestId('upload-refused')
      .filter({ hasText: '"model-weights-report.pdf" is larger than the evidence upload limit of 50 MB. Nothing was stored.' })
      .waitFor();
    await form.getByTestId('file-error').filter({ hasText: 'Not accepted: choose another file.' }).waitFor();
    await screenshot(page, 'evidence-too-large.png');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(await count(), before, 'no evidence item was stored');

  assert.deepEqual(problems, []);
  await context.close();
});

test('an owner corrects an item, removes a link and deletes it; the history keeps each step', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const problems = watchForPageErrors(page);
  await signIn(page, baseUrl, ORG, OWNER.email, OWNER.password);
  const item = await callApi<{ id: string; ref: string }>(page, 'POST', `/api/orgs/${ORG}/evidence`, {
    kind: 'note',
    title: 'Model card draft',
    note: 'Draft model card for the credit model.',
    links: { controls: ['A.6.2.6', 'A.5.4'], requirements: [], risks: [], systems: [] },
  });
  await page.goto(`${baseUrl}/orgs/${ORG}/evidence/${item.ref}`);

  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Title').fill('Model card v1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { level: 1, name: 'Model card v1' }).waitFor();

  const removes = page.getByRole('button', { name: /Remove/ });
  assert.equal(await removes.count(), 2, 'one remove button per link');
  await removes.first().click();
  const dialog = page.getByRole('dialog');
  if ((await dialog.count()) > 0) await dialog.getByRole('button', { name: /Remove/ }).click();
  await removes.nth(1).waitFor({ state: 'detached' });
  const saved = await callApi<{ title: string; links: unknown[] }>(page, 'GET', `/api/orgs/${ORG}/evidence/${item.id}`);
  assert.equal(saved.title, 'Model card v1');
  assert.equal(saved.links.length, 1);

  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('table', { name: 'History' });
  await history.locator('tr[data-action="evidence.updated"]').getByText('Model card v1').waitFor();
  await history.locator('tr[data-action="evidence.unlinked"]').waitFor();

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete evidence' }).click();
  await page.waitForURL(new RegExp(`/orgs/${ORG}/evidence$`));
  const list = await callApi<{ items: { ref: string }[] }>(page, 'GET', `/api/orgs/${ORG}/evidence?pageSize=100`);
  assert.ok(!list.items.some((i) => i.ref === item.ref), 'the deleted item is gone from the list');

  assert.deepEqual(problems, []);
  await context.close();
});
