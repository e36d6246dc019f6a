// The AI system inventory in a real browser: an owner registers an AI system, classifies it
// under the EU AI Act through the questionnaire as the deployer of a CV-screening tool, sees
// the outcome and the obligations (and follows one into the catalog), finds it counted as
// high-risk in the inventory, re-classifies it with one answer changed, and imports AI
// systems from a CSV file (first a broken one, whose problem names the row and column).
// Needs Chromium (TRELLIS_CHROMIUM or /usr/bin/chromium) and a built UI (`npm run build`);
// `npm test` takes care of both.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { shots, startBrowserHarness, watchForPageErrors, type BrowserHarness, signIn } from './browser-harness.ts';

const OWNER = { email: 'owner@inventory-e2e.test', password: 'correct horse battery' };
const ORG = 'inv';

let harness: BrowserHarness;
let browser: Browser;
let baseUrl: string;
let csvDir: string;

before(async () => {
  harness = await startBrowserHarness({ name: 'Inventory Org', slug: ORG, email: OWNER.email, password: OWNER.password });
  ({ browser, baseUrl } = harness);
  csvDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-e2e-csv-'));
});

after(async () => {
  await harness?.stop();
  if (csvDir) fs.rmSync(csvDir, { recursive: true, force: true });
});

async function openInventory(page: Page) {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'AI systems' }).click();
  await page.waitForURL(new RegExp(`/orgs/${ORG}/inventory$`));
  await page.getByRole('heading', { level: 1, name: 'AI system inventory' }).waitFor();
}

/** A screenshot of the whole page, taken from the top (the app shell's fixed header is drawn where the window is scrolled to). */
async function fullPageShot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.screenshot({ path: path.join(shots, name), fullPage: true });
}

/** Waits for a summary tile to show `count` (its accessible name is "<label>: <count>"). */
async function waitForTile(page: Page, testId: string, label: string, count: number) {
  await page
    .getByTestId(testId)
    .and(page.getByRole('button', { name: `${label}: ${count}`, exact: true }))
    .waitFor();
}

/** The count on a summary tile, read from its accessible name ("High-risk: 1") once it has loaded. */
async function tileCount(tile: Locator): Promise<number> {
  await tile.and(tile.page().locator(':not([aria-label$="…"])')).waitFor();
  const label = (await tile.getAttribute('aria-label')) ?? '';
  const match = /: (\d+)$/.exec(label);
  assert.ok(match, `a summary tile with a count: ${label}`);
  return Number(match[1]);
}

/** The obligations of a result, by the role heading they are listed under. */
async function obligationsByRole(table: Locator): Promise<Record<string, string[]>> {
  return table.evaluate((element) => {
    const byRole: Record<string, string[]> = {};
    let role = '';
    for (const row of element.querySelectorAll('tbody tr')) {
      const ref = row.getAttribute('data-obligation');
      if (ref === null) {
        role = row.textContent?.trim() ?? '';
        byRole[role] = [];
      } else byRole[role]?.push(ref);
    }
    return byRole;
  });
}

test('an owner registers an AI system, classifies it, sees its obligations and re-classifies it', { timeout: 180_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = watchForPageErrors(page);
  await signIn(page, baseUrl, ORG, OWNER.email, OWNER.password);
  await openInventory(page);
  await page.getByText('No AI systems registered yet').waitFor();

  // Register the AI system through the modal.
  await page.getByRole('button', { name: 'Register AI system' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Register AI system' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('CV screener');
  await dialog
    .getByRole('textbox', { name: 'Purpose', exact: true })
    .fill('Ranks job applications for the HR team so recruiters read the most relevant CVs first.');
  await dialog.getByRole('combobox', { name: 'Life-cycle stage' }).click();
  await page.getByRole('option', { name: 'Deployed', exact: true }).click();
  await dialog.getByRole('combobox', { name: 'Operator roles (EU AI Act)' }).click();
  await page.getByRole('option', { name: /^Deployer/ }).click();
  await page.keyboard.press('Escape');
  await dialog.getByRole('textbox', { name: 'Owner', exact: true }).fill('Head of HR');
  await dialog.getByRole('textbox', { name: 'Business unit', exact: true }).fill('People');
  await page.screenshot({ path: path.join(shots, 'inventory-register.png') });
  await dialog.getByRole('button', { name: 'Register AI system' }).click();

  // Its page, with the flash that says what to do next.
  await page.waitForURL(new RegExp(`/orgs/${ORG}/inventory/systems/[^/?]+$`));
  await page.getByRole('heading', { level: 1, name: 'CV screener' }).waitFor();
  await page.getByText('Classify it under the EU AI Act next.', { exact: false }).waitFor();
  const systemRef = (await page.getByTestId('system-ref').textContent())?.trim() ?? '';
  assert.match(systemRef, /^AIS-\d+$/);
  await page.locator('[data-risk-class="unclassified"]').first().waitFor();

  // Classification tab → the questionnaire.
  await page.getByRole('tab', { name: 'Classification' }).click();
  await page.waitForURL(/\?tab=classification$/);
  await page.getByText('Not classified yet').waitFor();
  await page.getByRole('link', { name: 'Start the questionnaire' }).click();
  await page.waitForURL(/\/classify$/);
  await page.getByRole('heading', { level: 1, name: 'Classify CV screener' }).waitFor();

  const question = (id: string) => page.locator(`[data-question="${id}"]`);
  const yesNo = (id: string, answer: 'Yes' | 'No') => question(id).getByRole('radio', { name: answer, exact: true }).check();
  const noneOfThese = (id: string) => page.getByTestId(`none-${id}`).check();
  const step = async (title: string) => page.getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
  const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
  const preview = page.getByTestId('outcome-preview');

  await step('Scope');
  await preview.getByText('The outcome appears when every question is answered.', { exact: false }).waitFor();
  await yesNo('ai-system', 'Yes');
  await yesNo('eu-nexus', 'Yes');
  await question('exclusion').getByRole('radio', { name: 'None of these', exact: true }).check();
  await next();

  await step('Your role');
  await question('roles')
    .getByRole('checkbox', { name: /^Deployer: / })
    .check();
  await noneOfThese('role-shift');
  await next();

  await step('Prohibited practices');
  await noneOfThese('prohibited-practices');
  await page.screenshot({ path: path.join(shots, 'inventory-questionnaire-prohibited.png') });
  await next();

  await step('Regulated products');
  await question('annex-i-product').getByRole('combobox').click();
  await page.getByRole('option', { name: 'None of these', exact: true }).click();
  await next();

  await step('High-risk uses');
  await question('annex-iii-uses')
    .getByRole('checkbox', { name: /^Recruitment or selection/ })
    .check();
  // Only asked once an Annex III use is chosen.
  await noneOfThese('derogation-conditions');
  assert.equal(await question('profiling').count(), 0, 'profiling is asked only when a derogation condition applies');
  await page.screenshot({ path: path.join(shots, 'inventory-questionnaire-annex-iii.png') });
  await next();

  await step('Transparency');
  await noneOfThese('transparency-uses');
  await next();

  await step('Deployer details');
  await yesNo('public-service-deployer', 'No');
  await next();

  await step('General-purpose AI models');
  await yesNo('gpai-provider', 'No');
  assert.equal(await question('gpai-compute').count(), 0, 'the GPAI follow-ups are asked only of GPAI providers');

  // Every question is answered: the live preview shows the outcome before anything is saved.
  await preview.locator('[data-risk-class="high-risk"]').waitFor();
  await preview.getByText(/^Basis: .*Annex III\.4\(a\)/).waitFor();
  await page.getByRole('button', { name: 'See the outcome', exact: true }).click();

  await step('Outcome & save');
  await page.getByRole('table', { name: 'Obligations', exact: true }).locator('tr[data-obligation="Art. 26"]').waitFor();
  await page.getByRole('textbox', { name: 'Note (optional)' }).fill('Bought-in CV screening tool; HR uses it to rank applicants.');
  await fullPageShot(page, 'inventory-questionnaire-outcome.png');
  await page.getByRole('button', { name: 'Save classification' }).click();

  // The Classification tab: outcome, basis and obligations.
  await page.waitForURL(/\/inventory\/systems\/[^/?]+\?tab=classification$/);
  await page.getByText(`${systemRef} is classified as High-risk (classification 1).`).waitFor();
  const panel = page.getByRole('tabpanel', { name: 'Classification' });
  await panel.getByText(/^Classification 1 · /).waitFor();
  await panel.getByText('Bought-in CV screening tool; HR uses it to rank applicants.').first().waitFor();
  assert.ok((await panel.locator('[data-risk-class="high-risk"]').count()) >= 1, 'the outcome is High-risk');
  await panel
    .getByRole('listitem')
    .filter({ hasText: /^Annex III\.4\(a\)$/ })
    .waitFor();
  await page.getByTestId('system-ref').locator('..').locator('[data-risk-class="high-risk"]').waitFor();
  const obligations = panel.getByRole('table', { name: 'Obligations', exact: true });
  const byRole = await obligationsByRole(obligations);
  assert.ok(byRole.Deployer, `obligations are listed for the deployer: ${JSON.stringify(byRole)}`);
  assert.ok(byRole.Deployer.includes('Art. 26'), `Art. 26 falls on the deployer: ${JSON.stringify(byRole)}`);
  assert.ok(byRole.Deployer.includes('Art. 4'), `Art. 4 (AI literacy) falls on the deployer: ${JSON.stringify(byRole)}`);
  assert.equal(byRole.Provider, undefined, 'no provider obligations for a deployer');
  await fullPageShot(page, 'inventory-classification.png');

  // An obligation links to its article in the catalog.
  await obligations.locator('tr[data-obligation="Art. 26"]').getByRole('link', { name: 'Art. 26', exact: true }).click();
  await page.waitForURL(/\/catalog\/eu-ai-act-2024\/items\/Art\.%2026$/);
  await page.getByRole('heading', { level: 1, name: 'Obligations of deployers of high-risk AI systems' }).waitFor();
  await page.screenshot({ path: path.join(shots, 'inventory-obligation-in-catalog.png') });

  // Back in the inventory the system counts as high-risk.
  await openInventory(page);
  await waitForTile(page, 'summary-risk-high-risk', 'High-risk', 1);
  await waitForTile(page, 'summary-risk-unclassified', 'Unclassified', 0);
  await waitForTile(page, 'summary-total', 'AI systems', 1);
  const row = page.getByRole('table', { name: 'AI systems' }).locator(`tr[data-system-ref="${systemRef}"]`);
  await row.locator('[data-risk-class="high-risk"]').waitFor();
  assert.match((await row.textContent()) ?? '', /Deployed.*High-risk.*Deployer.*Head of HR.*People/);
  await page.screenshot({ path: path.join(shots, 'inventory-list-high-risk.png') });

  // Re-classify: the earlier answers are filled in; add the Art. 50(1) "interacts" use.
  await row.getByRole('link', { name: 'CV screener' }).click();
  await page.getByRole('heading', { level: 1, name: 'CV screener' }).waitFor();
  await page.getByRole('link', { name: 'Re-classify' }).click();
  await page.waitForURL(/\/classify$/);
  await page.getByRole('heading', { level: 1, name: 'Re-classify CV screener' }).waitFor();
  await page.getByText('The answers of classification 1 (outcome: High-risk) are filled in.', { exact: false }).waitFor();
  await preview.locator('[data-risk-class="high-risk"]').waitFor();
  const steps = page.getByRole('navigation', { name: 'Questionnaire steps' });
  await steps.getByRole('button', { name: /Transparency/ }).click();
  await step('Transparency');
  assert.equal(await page.getByTestId('none-transparency-uses').isChecked(), true, 'the earlier answer is filled in');
  await question('transparency-uses')
    .getByRole('checkbox', { name: /^It interacts directly with people/ })
    .check();
  assert.equal(await page.getByTestId('none-transparency-uses').isChecked(), false, 'an option replaces "None of these"');
  await steps.getByRole('button', { name: /Outcome & save/ }).click();
  await step('Outcome & save');
  await page.getByRole('heading', { name: 'Transparency obligations (Art. 50)' }).waitFor();
  await preview.locator('[data-risk-class="high-risk"]').waitFor();
  await page.getByRole('textbox', { name: 'Note (optional)' }).fill('It now also chats with applicants.');
  await page.getByRole('button', { name: 'Save classification' }).click();

  await page.waitForURL(/\?tab=classification$/);
  await page.getByText(`${systemRef} is classified as High-risk (classification 2).`).waitFor();
  await panel.getByText(/^Classification 2 · /).waitFor();
  const history = panel.getByRole('table', { name: 'Classification history' });
  const second = history.locator('tr[data-classification="2"]');
  await second.waitFor();
  await second.getByText('transparency-uses', { exact: true }).waitFor();
  await second.getByText('It now also chats with applicants.').waitFor();
  await second.locator('[data-risk-class="high-risk"]').waitFor();
  await history.locator('tr[data-classification="1"]').getByText('First classification').waitFor();
  assert.equal(await history.locator('tbody tr').count(), 2);
  await fullPageShot(page, 'inventory-reclassified.png');

  assert.deepEqual(problems, []);
  await context.close();
});

test('an owner imports AI systems from a CSV file, after fixing a bad row', { timeout: 120_000 }, async () => {
  const header = 'name,purpose,stage,eu_roles,in_scope,review_due';
  const bad = path.join(csvDir, 'systems-bad.csv');
  fs.writeFileSync(
    bad,
    [
      header,
      'Invoice reader,Reads supplier invoices,deployed,deployer,yes,2030-01-31',
      'Churn predictor,Predicts which customers leave,development,provider,yes,31/12/2030',
      'Support chatbot,Answers customer questions,verification,provider;deployer,yes,',
    ].join('\n') + '\n',
  );
  const good = path.join(csvDir, 'systems-good.csv');
  fs.writeFileSync(good, fs.readFileSync(bad, 'utf8').replace('31/12/2030', '2030-12-31'));

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = watchForPageErrors(page);
  await signIn(page, baseUrl, ORG, OWNER.email, OWNER.password);
  await openInventory(page);
  const before = await tileCount(page.getByTestId('summary-total'));

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import AI systems' });
  const fileInput = dialog.locator('input[type="file"]');
  const commit = dialog.getByTestId('import-commit');

  // The broken file: the problem names the row and the column, and nothing can be imported.
  await fileInput.setInputFiles(bad);
  const errors = dialog.getByRole('table', { name: 'Problems in the file' });
  const problem = errors.getByRole('row').filter({ hasText: 'review_due' });
  await problem.waitFor();
  assert.equal((await problem.getByRole('cell').first().textContent())?.trim(), '3', 'the bad row is row 3 (the header is row 1)');
  await problem.getByText('"31/12/2030" is not a date in the form YYYY-MM-DD').waitFor();
  assert.equal(await errors.locator('tbody tr').count(), 1, 'only the bad row is reported');
  await dialog.getByRole('status').getByText('1 problem', { exact: false }).waitFor();
  assert.equal(await commit.isDisabled(), true, 'a file with problems cannot be imported');
  await page.screenshot({ path: path.join(shots, 'inventory-import-error.png') });

  // The corrected file: three new systems, and the button says so.
  await fileInput.setInputFiles(good);
  await errors.waitFor({ state: 'detached' });
  const previewRows = dialog.getByRole('table', { name: 'Import preview' }).locator('tbody tr');
  await dialog.locator('tr[data-import-action="create"]').nth(2).waitFor();
  assert.equal(await previewRows.count(), 3);
  assert.equal(await dialog.locator('tr[data-import-action="error"]').count(), 0);
  await commit.and(page.getByRole('button', { name: 'Import 3 systems' })).waitFor();
  assert.equal(await commit.isEnabled(), true);
  await page.screenshot({ path: path.join(shots, 'inventory-import-preview.png') });
  await commit.click();
  await dialog.getByText('Import complete').waitFor();
  await dialog.getByText('3 AI systems were added and 0 updated', { exact: false }).waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // The table and the summary show them.
  const table = page.getByRole('table', { name: 'AI systems' });
  for (const name of ['Invoice reader', 'Churn predictor', 'Support chatbot'])
    await table
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name, exact: true }) })
      .locator('[data-risk-class="unclassified"]')
      .waitFor();
  const churn = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Churn predictor', exact: true }) });
  assert.match((await churn.textContent()) ?? '', /Development.*Provider/);
  await waitForTile(page, 'summary-total', 'AI systems', before + 3);
  assert.equal(await table.locator('tbody tr').count(), before + 3);
  await page.getByText(`1–${before + 3} of ${before + 3} AI systems`).waitFor();
  await page.screenshot({ path: path.join(shots, 'inventory-imported.png') });

  assert.deepEqual(problems, []);
  await context.close();
});
