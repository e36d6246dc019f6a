// Controls and the Statement of Applicability in a real browser: an owner opens the SoA and
// finds the 38 Annex A controls, one of them included "from risks" because a risk's treatment
// names it; excludes another control, is asked for the justification on the field, gives it
// and the flag goes; approves the SoA as version 1; changes a control; compares version 1 with
// the live SoA and sees the change; downloads the XLSX export. An auditor then reads it all
// without a single edit control. Needs Chromium (TRELLIS_CHROMIUM or /usr/bin/chromium) and a
// built UI (`npm run build`); `npm test` takes care of both.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { shots, startBrowserHarness, watchForPageErrors, type BrowserHarness, signIn, callApi, screenshot } from './browser-harness.ts';

const OWNER = { email: 'owner@controls-e2e.test', password: 'correct horse battery' };
const AUDITOR = { email: 'aude@controls-e2e.test', name: 'Aude Auditor', password: 'a long enough passphrase' };
const RISK = 'Credit model drifts after the rate change';
/** The control the risk's treatment names, and the one the owner excludes. */
const NEEDED = 'A.6.2.6';
const EXCLUDED = 'A.10.4';
const JUSTIFICATION = 'We build no AI systems for customers: every system is for internal use only.';

const ORG = 'controls';
let harness: BrowserHarness;
let browser: Browser;
let baseUrl: string;

before(async () => {
  harness = await startBrowserHarness({ name: 'Controls Org', slug: 'controls', email: OWNER.email, password: OWNER.password });
  ({ browser, baseUrl } = harness);
});

after(async () => {
  await harness?.stop();
});

/** The row of a control in an SoA table. */
function soaRow(table: Locator, control: string): Locator {
  return table.locator(`tr[data-control="${control}"]`);
}

async function openSoa(page: Page): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Controls & SoA' }).click();
  await page.getByRole('heading', { level: 1, name: 'Controls & Statement of Applicability' }).waitFor();
  const table = page.getByRole('table', { name: 'Statement of Applicability' });
  await table.locator('tr[data-control]').first().waitFor();
  return table;
}

test('an owner decides, approves, changes and compares the SoA, and exports it', { timeout: 180_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchForPageErrors(page);
  await signIn(page, baseUrl, ORG, OWNER.email, OWNER.password);

  // Set-up: a risk whose treatment names an Annex A control.
  const risk = await callApi<{ id: string; ref: string; version: number }>(page, 'POST', '/api/orgs/controls/risks', {
    title: RISK,
    likelihood: 3,
    impact: 4,
    status: 'analysed',
  });
  await callApi(page, 'PUT', `/api/orgs/controls/risks/${risk.id}/treatment`, {
    option: 'modify',
    plan: 'Monitor the input distribution and retrain when it drifts.',
    controls: [{ framework: 'iso42001-2023', control: NEEDED, note: 'Drift monitoring in operation.' }],
    version: risk.version,
  });

  // The SoA lists every Annex A control; the one the risk needs is included "from risks".
  const table = await openSoa(page);
  assert.equal(await table.locator('tr[data-control]').count(), 38);
  await page.getByRole('button', { name: 'Applicable: 1' }).waitFor();
  await page.getByRole('button', { name: 'Not decided: 37' }).waitFor();
  const needed = soaRow(table, NEEDED);
  await needed.locator('[data-applicability="included"][data-derived="true"]').getByText('from risks').waitFor();
  await needed.getByRole('link', { name: `${risk.ref} ${RISK}` }).waitFor();
  const excluded = soaRow(table, EXCLUDED);
  await excluded.locator('[data-flag="undecided"]').waitFor();
  await screenshot(page, 'controls-soa.png');

  // Excluding a control: the justification is asked for on its field, then the flag goes.
  await excluded.getByRole('link', { name: /^A\.10\.4/ }).click();
  await page.waitForURL(/\/orgs\/controls\/controls\/iso42001-2023\/A\.10\.4$/);
  const flags = page.getByTestId('control-flags');
  await flags.locator('[data-flag="undecided"]').waitFor();
  const decision = page.getByRole('region', { name: 'Decision' });
  await decision.getByRole('button', { name: 'Record decision' }).click();
  const form = decision.getByRole('form', { name: 'Decision' });
  await form.getByRole('radio', { name: 'Excluded' }).check();
  const justification = form.getByRole('textbox', { name: 'Exclusion justification' });
  await form.getByRole('button', { name: 'Save decision' }).click();
  await form.getByText('excluding a control needs a justification', { exact: false }).waitFor();
  assert.equal(await justification.getAttribute('aria-invalid'), 'true');
  await form.getByRole('alert').filter({ hasText: 'Check the field marked in red.' }).waitFor();
  await page.screenshot({ path: path.join(shots, 'controls-exclusion-needs-justification.png') });
  await justification.fill(JUSTIFICATION);
  await form.getByRole('button', { name: 'Save decision' }).click();
  await page.getByRole('status').filter({ hasText: 'A.10.4 is now excluded.' }).waitFor();
  await form.waitFor({ state: 'detached' });
  await decision.getByText(JUSTIFICATION).waitFor();
  await flags.getByText('no flags').waitFor();
  assert.equal(await flags.locator('[data-flag]').count(), 0);
  await page.getByRole('region', { name: 'History' }).getByText('Recorded', { exact: true }).waitFor();
  await screenshot(page, 'controls-excluded.png');

  // Back in the SoA: excluded, with its justification, and no flag.
  await openSoa(page);
  await excluded.locator('[data-applicability="excluded"]').waitFor();
  await excluded.getByText(JUSTIFICATION).waitFor();
  assert.equal(await excluded.locator('[data-flag]').count(), 0);
  await page.getByRole('button', { name: 'Excluded: 1' }).waitFor();

  // Approving the SoA freezes it as version 1 with its hash.
  await page.getByRole('button', { name: 'Approve this SoA' }).click();
  const approve = page.getByRole('dialog', { name: 'Approve this SoA' });
  await approve.getByRole('textbox', { name: 'Comment' }).fill('Reviewed by the AIMS committee for the stage 1 audit.');
  await approve.getByRole('button', { name: 'Approve', exact: true }).click();
  const approved = page.getByRole('dialog', { name: 'SoA version 1 approved' });
  const hash = (await approved.getByTestId('soa-hash').textContent())?.trim() ?? '';
  assert.match(hash, /^[0-9a-f]{64}$/);
  await page.screenshot({ path: path.join(shots, 'controls-approved.png') });
  await approved.getByRole('button', { name: 'Done' }).click();
  await approved.waitFor({ state: 'detached' });
  await page.getByTestId('latest-version').filter({ hasText: 'Last approved: version 1' }).waitFor();

  // Changing a control after the approval: the control the risk needs is decided and implemented.
  await needed.getByRole('link', { name: /^A\.6\.2\.6/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Operation and monitoring' }).waitFor();
  await page
    .getByRole('region', { name: 'Risks that need it' })
    .getByRole('link', { name: new RegExp(risk.ref) })
    .waitFor();
  await decision.getByRole('button', { name: 'Record decision' }).click();
  await form.getByRole('radio', { name: 'Applicable' }).check();
  await form.getByRole('combobox', { name: 'Implementation status' }).click();
  await page.getByRole('option', { name: 'Implemented', exact: true }).click();
  await form.getByRole('textbox', { name: 'Owner' }).fill('ML platform lead');
  await form.getByRole('button', { name: 'Save decision' }).click();
  await page.getByRole('status').filter({ hasText: 'A.6.2.6 is now included.' }).waitFor();
  await flags.locator('[data-flag="applicable-without-evidence"]').waitFor();

  // Comparing version 1 with the live SoA shows the change, field by field.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Controls & SoA' }).click();
  await page.getByRole('navigation', { name: 'Controls and SoA' }).getByRole('link', { name: 'Approved versions' }).click();
  await page.getByRole('heading', { level: 1, name: 'SoA versions' }).waitFor();
  const versions = page.getByRole('table', { name: 'Approved versions' });
  await versions.locator('tr[data-version="1"]').getByText('Reviewed by the AIMS committee', { exact: false }).waitFor();
  const compare = page.getByRole('region', { name: 'Compare' });
  assert.match(await compare.getByRole('combobox', { name: 'From' }).inputValue(), /^Version 1 · /);
  assert.equal(await compare.getByRole('combobox', { name: 'To' }).inputValue(), 'Live SoA (now)');
  await compare
    .getByTestId('comparison-summary')
    .filter({ hasText: 'From version 1 to the live SoA: 1 control changed, 37 unchanged.' })
    .waitFor();
  const change = compare.getByRole('table', { name: 'Changes' }).locator(`tr[data-control="${NEEDED}"]`);
  await change.locator('[data-field="status"]').filter({ hasText: 'Status: Not started → Implemented' }).waitFor();
  await change.locator('[data-field="owner"]').filter({ hasText: 'Owner: — → ML platform lead' }).waitFor();
  await change.locator('[data-field="flags"]').filter({ hasText: 'Flags: none → No evidence' }).waitFor();
  await screenshot(page, 'controls-compare.png');

  // Version 1 itself is frozen: it still reads as before the change.
  await versions.getByRole('link', { name: 'Version 1' }).click();
  await page.getByTestId('frozen-banner').filter({ hasText: 'Approved version 1 — frozen' }).waitFor();
  await page.getByTestId('frozen-banner').getByText(hash).waitFor();
  const frozen = page.getByRole('table', { name: 'Statement of Applicability, version 1' });
  await soaRow(frozen, NEEDED).locator('[data-status="not-started"]').waitFor();
  await soaRow(frozen, EXCLUDED).locator('[data-applicability="excluded"]').waitFor();

  // The XLSX export downloads with its file name.
  await openSoa(page);
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: /^Excel workbook \(XLSX\)/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^controls-soa-draft-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  assert.ok(bytes.length > 1000, `the workbook has content (${bytes.length} bytes)`);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX file is a zip archive');

  assert.deepEqual(problems, []);
  await context.close();
});

test('an auditor reads the SoA and a control without any edit control', { timeout: 120_000 }, async () => {
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const owner = await ownerContext.newPage();
  const problems = watchForPageErrors(owner);
  await signIn(owner, baseUrl, ORG, OWNER.email, OWNER.password);
  const { inviteUrl } = await callApi<{ inviteUrl: string }>(owner, 'POST', '/api/orgs/controls/members', {
    email: AUDITOR.email,
    role: 'auditor',
  });

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  problems.push(...watchForPageErrors(page));
  await page.goto(inviteUrl);
  await page.getByLabel('Your name').fill(AUDITOR.name);
  await page.getByRole('textbox', { name: 'Choose a password', exact: true }).fill(AUDITOR.password);
  await page.getByRole('textbox', { name: 'Repeat the password', exact: true }).fill(AUDITOR.password);
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await page.waitForURL(/\/orgs\/controls$/);

  const table = await openSoa(page);
  await page.getByText('As an Auditor you can read the Statement of Applicability.', { exact: false }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Approve this SoA' }).count(), 0);
  await page.getByRole('button', { name: 'Export' }).waitFor();

  await soaRow(table, 'A.2.2')
    .getByRole('link', { name: /^A\.2\.2/ })
    .click();
  await page.getByRole('heading', { level: 1, name: 'AI policy' }).waitFor();
  await page.getByRole('region', { name: 'Decision' }).getByText('No decision is recorded for this control yet.').waitFor();
  await page
    .getByRole('region', { name: 'About this control' })
    .getByRole('link', { name: 'Guidance and mappings in the catalog' })
    .waitFor();
  await page.getByRole('region', { name: 'AI systems' }).getByText('No AI-system decisions').waitFor();
  for (const name of ['Record decision', 'Edit decision', 'Add for an AI system', 'Save decision']) {
    assert.equal(await page.getByRole('button', { name }).count(), 0, `no "${name}" button for an auditor`);
  }
  await page.screenshot({ path: path.join(shots, 'controls-auditor.png'), fullPage: true });

  assert.deepEqual(problems, []);
  await context.close();
  await ownerContext.close();
});
