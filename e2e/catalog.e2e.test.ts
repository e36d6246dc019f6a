// The standards catalog in a real browser: an owner browses ISO/IEC 42001 down to a
// control, follows its mapping into the NIST AI RMF, searches across frameworks,
// checks the coverage of the AI RMF by 42001, and imports a framework of their own
// (then a broken one, whose error names the line). Needs Chromium (TRELLIS_CHROMIUM or
// /usr/bin/chromium) and a built UI (`npm run build`); `npm test` takes care of both.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { shots, startBrowserHarness, watchForPageErrors, type BrowserHarness } from './browser-harness.ts';

const OWNER = { email: 'owner@catalog-e2e.test', password: 'correct horse battery' };

const ownFramework = (version: string, extra = '') => `id: acme-ai-rules
name: Acme internal AI rules
shortName: Acme rules
version: "${version}"
publisher: Acme AI governance board
description: Rules every Acme AI project follows.
licence: Acme internal; written by Acme.
items:
  - id: R1
    kind: control
    title: Every AI system has a named owner
  - id: R2
    kind: control
    title: Models are reviewed before release
${extra}`;

let harness: BrowserHarness;
let browser: Browser;
let baseUrl: string;

before(async () => {
  harness = await startBrowserHarness({ name: 'Catalog Org', slug: 'cat', email: OWNER.email, password: OWNER.password });
  ({ browser, baseUrl } = harness);
});

after(async () => {
  await harness?.stop();
});

/** Opens the import dialog, pastes `content` and submits it. */
async function importPasted(page: Page, content: string) {
  await page.getByRole('button', { name: 'Import framework or crosswalk' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a framework or crosswalk' });
  await dialog.getByText('Paste text', { exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Framework or crosswalk (YAML or JSON)' }).fill(content);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  return dialog;
}

test('an owner browses, maps, searches, checks coverage and imports a framework', { timeout: 180_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = watchForPageErrors(page);

  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/orgs\/cat$/);

  // The catalog is a live area of the navigation now.
  const nav = page.getByRole('navigation', { name: 'Organization' });
  await nav.getByRole('link', { name: 'Catalog' }).click();
  await page.getByRole('heading', { level: 1, name: 'Standards catalog' }).waitFor();
  const iso = page.locator('article[data-framework-id="iso42001-2023"]');
  await iso.getByText('38 controls', { exact: false }).waitFor();
  await iso.getByText('Built-in', { exact: true }).waitFor();
  for (const id of ['iso27001-2022', 'nist-ai-rmf-1.0', 'eu-ai-act-2024'])
    await page.locator(`article[data-framework-id="${id}"]`).waitFor();
  await page.screenshot({ path: path.join(shots, 'catalog-home.png') });

  // ISO/IEC 42001 → Annex A area → control A.6.2.4.
  await iso.getByRole('link', { name: 'ISO/IEC 42001' }).click();
  await page.getByRole('heading', { level: 1, name: 'ISO/IEC 42001' }).waitFor();
  const area = page.getByRole('button', { name: /^A\.6 Annex A — AI system life cycle/ });
  assert.equal(await area.getAttribute('aria-expanded'), 'false');
  await area.click();
  assert.equal(await area.getAttribute('aria-expanded'), 'true');
  const control = page.getByRole('link', { name: /^A\.6\.2\.4 Verification and validation/ });
  await control.waitFor();
  await page.screenshot({ path: path.join(shots, 'catalog-framework-tree.png') });

  // The filter narrows the tree to matching items and the items above them.
  const filter = page.getByRole('textbox', { name: 'Filter requirements' });
  await filter.fill('data quality');
  await page.getByText('1 matching item').waitFor();
  await page.getByRole('link', { name: /^A\.7\.4 Data quality/ }).waitFor();
  assert.equal(await control.count(), 0);
  await filter.fill('');
  await control.click();

  // The requirement page: guidance, auditor questions, and where it maps to.
  await page.waitForURL(/\/catalog\/iso42001-2023\/items\/A\.6\.2\.4$/);
  await page.getByRole('heading', { level: 1, name: 'Verification and validation' }).waitFor();
  await page.getByRole('heading', { name: 'Implementation guidance' }).waitFor();
  await page.getByText('Describe testing methods', { exact: false }).waitFor();
  await page.getByRole('heading', { name: 'What an auditor asks to see' }).waitFor();
  const mapsTo = page.getByRole('region', { name: 'Maps to' });
  const nist = mapsTo.getByRole('region', { name: 'NIST AI RMF' });
  await nist.waitFor();
  await mapsTo
    .getByRole('region', { name: 'ISO/IEC 27001' })
    .getByRole('link', { name: /^A\.8\.29 / })
    .waitFor();
  await nist.locator('[data-relationship="intersects"]').first().waitFor();
  const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
  await breadcrumb.getByRole('link', { name: /^A\.6\.2\.1 / }).waitFor();
  await page.screenshot({ path: path.join(shots, 'catalog-item.png'), fullPage: true });

  // Following a mapping into the NIST AI RMF (an id with a space in it).
  await nist.getByRole('link', { name: /^GOVERN 4\.3 / }).click();
  await page.waitForURL(/\/catalog\/nist-ai-rmf-1\.0\/items\/GOVERN%204\.3$/);
  await page.getByRole('heading', { level: 1, name: /enable AI testing, identification of incidents/ }).waitFor();
  await breadcrumb.getByRole('link', { name: 'NIST AI RMF' }).waitFor();
  await page
    .getByRole('region', { name: 'Maps to' })
    .getByRole('region', { name: 'ISO/IEC 42001' })
    .getByRole('link', { name: /^A\.6\.2\.4 / })
    .waitFor();

  // Search across every framework, then open a clause from the results.
  await nav.getByRole('link', { name: 'Catalog' }).click();
  await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('impact assessment');
  const results = page.getByRole('list', { name: 'Search results' });
  await results.locator('[data-hit="eu-ai-act-2024/Art. 27"]').waitFor();
  await results.getByRole('link', { name: /^6\.1\.4 AI system impact assessment/ }).click();
  await page.waitForURL(/\/catalog\/iso42001-2023\/items\/6\.1\.4$/);
  await page.getByRole('heading', { level: 1, name: 'AI system impact assessment' }).waitFor();
  // Back returns to the same results.
  await page.goBack();
  await results.getByRole('link', { name: /^6\.1\.4 / }).waitFor();
  const searchBox = page.getByRole('searchbox', { name: 'Search the catalog' });
  assert.equal(await searchBox.inputValue(), 'impact assessment');
  // The Catalog link starts afresh, and the search stays cleared.
  await nav.getByRole('link', { name: 'Catalog' }).click();
  await results.waitFor({ state: 'detached' });
  await page.waitForTimeout(500);
  assert.equal(await searchBox.inputValue(), '');
  assert.doesNotMatch(page.url(), /[?&]q=/);

  // Coverage of the AI RMF by ISO/IEC 42001 (the defaults): all 72 subcategories.
  await page.getByRole('link', { name: 'Coverage' }).click();
  await page.getByRole('heading', { level: 1, name: 'Coverage between frameworks' }).waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Source framework' }).inputValue(), 'ISO/IEC 42001 (2023)');
  assert.equal(await page.getByRole('combobox', { name: 'Target framework' }).inputValue(), 'NIST AI RMF (1.0)');
  await page.getByTestId('coverage-total').filter({ hasText: '72/72' }).waitFor();
  await page
    .getByRole('table', { name: 'Coverage by area' })
    .getByRole('row', { name: /Measure\s+22\/22/ })
    .waitFor();
  await page.getByText('Nothing left uncovered').waitFor();
  await page.screenshot({ path: path.join(shots, 'catalog-coverage.png'), fullPage: true });

  // The other way round, the gaps are listed and link to the requirements.
  await page.getByRole('button', { name: 'Swap source and target' }).click();
  await page.waitForURL(/source=nist-ai-rmf-1\.0&target=iso42001-2023/);
  await page.getByRole('link', { name: /^7\.5\.1 / }).waitFor();

  // The raw crosswalk, filtered.
  await page.getByRole('tab', { name: 'Crosswalk' }).click();
  await page.getByText('280 links').waitFor();
  await page.getByRole('textbox', { name: 'Filter links' }).fill('GOVERN 1.1');
  await page.getByText(/^\d+ of 280 links$/).waitFor();
  await page.screenshot({ path: path.join(shots, 'catalog-crosswalk.png') });

  // Importing the organization's own framework (pasted YAML).
  await nav.getByRole('link', { name: 'Catalog' }).click();
  let dialog = await importPasted(page, ownFramework('1'));
  await dialog.getByText('Framework imported').waitFor();
  await dialog.getByText('was loaded with 2 items', { exact: false }).waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const acme = page.locator('article[data-framework-id="acme-ai-rules"]');
  await acme.getByText('Organization', { exact: true }).waitFor();
  await acme.getByText('2 items', { exact: false }).waitFor();

  // A second version shows what changed.
  dialog = await importPasted(page, ownFramework('2', '  - id: R3\n    kind: control\n    title: Incidents are reported within a day\n'));
  await dialog.getByText('Changes since version 1').waitFor();
  await dialog.getByRole('list', { name: 'Added' }).getByText('R3', { exact: true }).waitFor();
  await dialog.getByRole('link', { name: 'Open the framework' }).click();
  await page.getByRole('heading', { level: 1, name: 'Acme rules' }).waitFor();
  await page.getByRole('list', { name: 'Versions' }).getByText('Superseded').waitFor();
  await page.getByRole('link', { name: /^R3 Incidents are reported/ }).waitFor();

  // A broken file is refused, and the message names the line.
  await nav.getByRole('link', { name: 'Catalog' }).click();
  dialog = await importPasted(page, ownFramework('3').replace('kind: control\n    title: Models', 'kind: rule\n    title: Models'));
  const error = dialog.getByRole('alert');
  await error.getByText('pasted:13: item "R2" (items[1].kind)', { exact: false }).waitFor();
  await error.getByText('Line 13', { exact: true }).waitFor();
  await page.screenshot({ path: path.join(shots, 'catalog-import-error.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  assert.deepEqual(problems, []);
  await context.close();
});
