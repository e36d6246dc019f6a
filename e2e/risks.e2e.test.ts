// The risk register in a real browser: an owner adds a risk for an AI system, finds it
// on the heat map, is told it must be treated before it can be accepted, plans its
// treatment (an Annex A control, an action, the residual scores) and accepts the residual
// risk; the register's residual map and needs-attention count follow. A contributor then
// finds they may not accept a High residual risk. Needs Chromium (TRELLIS_CHROMIUM or
// /usr/bin/chromium) and a built UI (`npm run build`); `npm test` takes care of both.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { shots, startBrowserHarness, watchForPageErrors, type BrowserHarness, signIn, callApi, screenshot } from './browser-harness.ts';

const OWNER = { email: 'owner@risks-e2e.test', password: 'correct horse battery' };
const CONTRIBUTOR = { email: 'carla@risks-e2e.test', name: 'Carla Contributor', password: 'a long enough passphrase' };
const SYSTEM = 'Hiring assistant';
const RISK = 'Screening model ranks women lower for engineering roles';

const ORG = 'risks';
let harness: BrowserHarness;
let browser: Browser;
let baseUrl: string;

before(async () => {
  harness = await startBrowserHarness({ name: 'Risks Org', slug: 'risks', email: OWNER.email, password: OWNER.password });
  ({ browser, baseUrl } = harness);
});

after(async () => {
  await harness?.stop();
});

/** Picks an option of a Mantine Select (its dropdown is portalled to the page). */
async function choose(page: Page, scope: Locator, label: string, option: RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

test('an owner assesses a risk from the heat map through to accepted residual risk', { timeout: 180_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const problems = watchForPageErrors(page);

  await signIn(page, baseUrl, ORG, OWNER.email, OWNER.password);
  // Set-up: the AI system the risk concerns, and one low risk of another kind already in the register.
  const system = await callApi<{ id: string; ref: string }>(page, 'POST', '/api/orgs/risks/systems', {
    name: SYSTEM,
    purpose: 'Ranks applicants for recruiters',
    stage: 'deployed',
  });
  await callApi(page, 'POST', '/api/orgs/risks/risks', {
    title: 'Chatbot gives outdated opening hours',
    likelihood: 1,
    impact: 2,
    status: 'analysed',
  });

  // The register, from the navigation.
  const nav = page.getByRole('navigation', { name: 'Organization' });
  await nav.getByRole('link', { name: 'Risks' }).click();
  await page.getByRole('heading', { level: 1, name: 'Risk register' }).waitFor();
  const table = page.getByRole('table', { name: 'Risks' });
  await table.locator('tr[data-risk-ref]').first().waitFor();
  assert.equal(await table.locator('tr[data-risk-ref]').count(), 1);

  // Adding a risk: the form shows the level of the scores as they are chosen.
  await page.getByRole('button', { name: 'Add risk' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add risk' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(RISK);
  await dialog.getByRole('combobox', { name: 'AI systems' }).fill('Hiring');
  await page.getByRole('option', { name: `${system.ref} · ${SYSTEM}` }).click();
  await dialog
    .getByRole('textbox', { name: 'Consequences to the organization' })
    .fill('Discrimination claims and regulatory action; loss of trust in hiring.');
  await dialog.getByRole('textbox', { name: 'Consequences to individuals' }).fill('Qualified women are not invited to interview.');
  const inherentLevel = dialog.getByTestId('computed-inherent-level');
  await inherentLevel.getByText('Choose both to see the level').waitFor();
  await choose(page, dialog, 'Likelihood', /^4 · Likely/);
  await inherentLevel.getByText('Choose both to see the level').waitFor();
  await choose(page, dialog, 'Impact', /^4 · Major/);
  await inherentLevel.locator('[data-level="high"]').filter({ hasText: 'High' }).waitFor();
  await inherentLevel.getByText('Above the acceptance threshold', { exact: false }).waitFor();
  await page.screenshot({ path: path.join(shots, 'risks-add.png') });
  await dialog.getByRole('button', { name: 'Add risk' }).click();

  // The new risk opens; back on the register the heat map counts it in Likely × Major.
  await page.waitForURL(/\/orgs\/risks\/risks\/[0-9a-f-]{36}$/);
  await page.getByRole('status').filter({ hasText: 'was added as High' }).waitFor();
  const ref = (await page.getByTestId('risk-ref').textContent())?.trim() ?? '';
  assert.match(ref, /^RSK-\d+$/);
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Risk register' }).click();
  await page.getByRole('heading', { level: 1, name: 'Risk register' }).waitFor();
  await table.locator('tr[data-risk-ref]').nth(1).waitFor();
  const heatMap = page.getByTestId('heat-map');
  assert.equal(await heatMap.getAttribute('data-mode'), 'inherent');
  const likelyMajor = heatMap.getByRole('button', { name: 'Likelihood Likely, impact Major: 1 risk, level High' });
  await likelyMajor.filter({ hasText: '1' }).waitFor();
  await page.getByRole('button', { name: 'Needs attention: 1' }).waitFor();
  await screenshot(page, 'risks-register.png');

  // Selecting the cell filters the table to its risk.
  await likelyMajor.click();
  await page.waitForURL(/likelihood=4&impact=4/);
  await heatMap.locator('button[data-cell="4-4"][aria-pressed="true"]').waitFor();
  await page.getByTestId('cell-filter').getByText('Inherent: likelihood Likely, impact Major').waitFor();
  const onePage = page.getByRole('status').filter({ hasText: /^1–1 of 1 risk$/ });
  await onePage.waitFor();
  const row = table.locator(`tr[data-risk-ref="${ref}"]`);
  assert.deepEqual(await table.locator('tr[data-risk-ref]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-risk-ref'))), [ref]);
  await row.getByText('Needs attention', { exact: true }).waitFor();
  await screenshot(page, 'risks-heat-map-filter.png');

  // The risk: flagged, and not acceptable before its treatment is decided.
  await row.getByRole('link', { name: RISK }).click();
  await page.getByRole('heading', { level: 1, name: RISK }).waitFor();
  await page.getByTestId('needs-attention').waitFor();
  await page.getByRole('link', { name: new RegExp(`${system.ref}\\s+${SYSTEM}`) }).waitFor();
  const treatment = page.getByRole('region', { name: 'Treatment' });
  await treatment.getByText('Treatment needed', { exact: true }).waitFor();
  const acceptance = page.getByRole('region', { name: 'Acceptance of residual risk' });
  await acceptance
    .getByTestId('acceptance-rule')
    .filter({ hasText: 'A High residual risk may be accepted by: Owner and AIMS manager.' })
    .waitFor();
  await acceptance.getByText('It is High, above the acceptance threshold: decide its treatment first (6.1.3).', { exact: true }).waitFor();
  // Acceptance waits for the treatment decision: the button stays disabled (the API refuses it too).
  assert.equal(await acceptance.getByRole('button', { name: 'Accept residual risk' }).isDisabled(), true);
  await acceptance.getByText('Not accepted.', { exact: true }).waitFor();
  await screenshot(page, 'risks-accept-blocked.png');

  // Planning the treatment: modify, a plan, an Annex A control with a note, an action, the residual scores.
  await treatment.getByRole('button', { name: 'Plan treatment' }).click();
  const form = treatment.getByRole('form', { name: 'Treatment' });
  await form.getByRole('radio', { name: /^Modify \(reduce\)/ }).check();
  await form
    .getByRole('textbox', { name: 'Treatment plan' })
    .fill('Retrain the screening model on balanced data and test it for disparate impact before every release.');
  const picker = form.getByRole('combobox', { name: 'Add a control' });
  await picker.fill('A.6.2.4');
  await page.getByRole('option', { name: /^A\.6\.2\.4 Verification and validation/ }).click();
  const chosen = form.getByRole('list', { name: 'Chosen controls' });
  await chosen.locator('[data-control="A.6.2.4"]').waitFor();
  await chosen
    .getByRole('textbox', { name: 'How A.6.2.4 treats this risk' })
    .fill('Fairness tests across gender are part of the release checks.');
  await form.getByRole('button', { name: 'Add action' }).click();
  await form.getByRole('textbox', { name: 'Action 1', exact: true }).fill('Run a disparate-impact test on the current model');
  await form.getByRole('textbox', { name: 'Owner of action 1' }).fill('Data science lead');
  await form.getByRole('textbox', { name: 'Due date of action 1' }).fill('2099-03-31');
  const residualLevel = form.getByTestId('computed-residual-level');
  await residualLevel.getByText('Choose both to see the level').waitFor();
  await choose(page, form, 'Residual likelihood', /^2 · Unlikely/);
  await choose(page, form, 'Residual impact', /^3 · Moderate/);
  await residualLevel.locator('[data-level="medium"]').filter({ hasText: 'Medium' }).waitFor();
  await screenshot(page, 'risks-treatment-form.png');
  await form.getByRole('button', { name: 'Save treatment' }).click();

  // The saved treatment reads back.
  await page
    .getByRole('status')
    .filter({ hasText: `The treatment of ${ref} was saved; its residual level is Medium.` })
    .waitFor();
  await form.waitFor({ state: 'detached' });
  await treatment.getByTestId('treatment-option').filter({ hasText: 'Modify (reduce)' }).waitFor();
  await treatment.getByText('Likelihood 2 · Unlikely, impact 3 · Moderate').waitFor();
  await treatment
    .getByRole('list', { name: 'Controls' })
    .getByRole('link', { name: /^A\.6\.2\.4 Verification and validation/ })
    .waitFor();
  await treatment.getByText('Fairness tests across gender are part of the release checks.').waitFor();
  await treatment
    .getByRole('table', { name: 'Treatment actions' })
    .getByRole('row', { name: /Run a disparate-impact test.*Data science lead/ })
    .waitFor();
  await page.getByText('Residual: Medium', { exact: true }).waitFor();
  // Still flagged until the residual risk is accepted; now a Medium one, which the owner may accept.
  await page.getByTestId('needs-attention').waitFor();
  await acceptance
    .getByTestId('acceptance-rule')
    .filter({ hasText: 'A Medium residual risk may be accepted by: Owner and AIMS manager.' })
    .waitFor();
  assert.equal(await acceptance.getByText('Before it can be accepted').count(), 0);

  // Accepting the residual risk with a comment.
  await acceptance
    .getByRole('textbox', { name: 'Comment' })
    .fill('Acceptable once the fairness test is in the release checks; revisit after the first quarterly test.');
  await acceptance.getByRole('button', { name: 'Accept residual risk' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `The Medium residual risk of ${ref} was accepted.` })
    .waitFor();
  const accepted = acceptance.getByTestId('acceptance');
  await accepted.getByText('Residual risk accepted').waitFor();
  await accepted.locator('[data-level="medium"]').filter({ hasText: 'Medium' }).waitFor();
  await accepted.getByText(OWNER.email, { exact: false }).waitFor();
  await accepted.getByText('Owner', { exact: true }).waitFor();
  await accepted.getByText('revisit after the first quarterly test', { exact: false }).waitFor();
  await accepted.getByText('Built-in (version 0)').waitFor();
  await page.getByTestId('needs-attention').waitFor({ state: 'detached' });
  assert.equal(await acceptance.getByRole('alert').count(), 0, 'no refusal is shown');
  await screenshot(page, 'risks-accepted.png');

  // The register: the residual map has the risk in Unlikely × Moderate; nothing needs attention.
  await nav.getByRole('link', { name: 'Risks' }).click();
  await page.getByRole('heading', { level: 1, name: 'Risk register' }).waitFor();
  await page.getByRole('button', { name: 'Needs attention: 0' }).waitFor();
  await row.getByText('Accepted', { exact: true }).waitFor();
  // The toggle is a segmented control: its radios are hidden behind their labels.
  const heatMapRegion = page.getByRole('region', { name: 'Heat map' });
  await heatMapRegion.getByText('Residual', { exact: true }).click();
  assert.equal(await heatMapRegion.getByRole('radio', { name: 'Residual' }).isChecked(), true);
  await page.locator('[data-testid="heat-map"][data-mode="residual"]').waitFor();
  const unlikelyModerate = heatMap.getByRole('button', { name: 'Likelihood Unlikely, impact Moderate: 1 risk, level Medium' });
  await unlikelyModerate.filter({ hasText: '1' }).waitFor();
  assert.equal(await heatMap.locator('button[data-count="1"]').count(), 1, 'only one risk has residual scores');
  await unlikelyModerate.click();
  await page.waitForURL(/likelihood=2&impact=3&residual=true/);
  await page.getByTestId('cell-filter').getByText('Residual: likelihood Unlikely, impact Moderate').waitFor();
  await onePage.waitFor();
  assert.deepEqual(await table.locator('tr[data-risk-ref]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-risk-ref'))), [ref]);
  await screenshot(page, 'risks-residual-map.png');

  assert.deepEqual(problems, []);
  await context.close();
});

test('a contributor may not accept a High residual risk, and is told who may', { timeout: 120_000 }, async () => {
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const owner = await ownerContext.newPage();
  const problems = watchForPageErrors(owner);
  await signIn(owner, baseUrl, ORG, OWNER.email, OWNER.password);

  // Set-up by the owner: a contributor is invited, and a High risk is retained as it is.
  const { inviteUrl } = await callApi<{ inviteUrl: string }>(owner, 'POST', '/api/orgs/risks/members', {
    email: CONTRIBUTOR.email,
    role: 'contributor',
  });
  const risk = await callApi<{ id: string; ref: string; version: number }>(owner, 'POST', '/api/orgs/risks/risks', {
    title: 'Model drift goes unnoticed in production',
    likelihood: 4,
    impact: 4,
    status: 'analysed',
  });
  await callApi(owner, 'PUT', `/api/orgs/risks/risks/${risk.id}/treatment`, {
    option: 'retain',
    plan: 'Retained: the system is retired next quarter.',
    version: risk.version,
  });

  // The contributor joins through the invitation link.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  problems.push(...watchForPageErrors(page));
  await page.goto(inviteUrl);
  await page.getByRole('heading', { name: 'Join Risks Org' }).waitFor();
  await page.getByLabel('Your name').fill(CONTRIBUTOR.name);
  await page.getByRole('textbox', { name: 'Choose a password', exact: true }).fill(CONTRIBUTOR.password);
  await page.getByRole('textbox', { name: 'Repeat the password', exact: true }).fill(CONTRIBUTOR.password);
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await page.waitForURL(/\/orgs\/risks$/);

  // They can add risks, so they see the acceptance controls, but the button is disabled with the reason.
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Risks' }).click();
  await page.getByRole('button', { name: 'Add risk' }).first().waitFor();
  await page.getByRole('table', { name: 'Risks' }).getByRole('link', { name: 'Model drift goes unnoticed in production' }).click();
  await page.getByRole('heading', { level: 1, name: 'Model drift goes unnoticed in production' }).waitFor();
  await page.getByTestId('needs-attention').waitFor();
  const acceptance = page.getByRole('region', { name: 'Acceptance of residual risk' });
  const rule = acceptance.getByTestId('acceptance-rule');
  await rule.filter({ hasText: 'A High residual risk may be accepted by: Owner and AIMS manager. Your role: Contributor.' }).waitFor();
  const button = acceptance.getByRole('button', { name: 'Accept residual risk' });
  assert.equal(await button.getAttribute('aria-disabled'), 'true');
  assert.equal(await button.getAttribute('aria-describedby'), await rule.getAttribute('id'));
  assert.equal(await acceptance.getByRole('textbox', { name: 'Comment' }).count(), 0);
  await button.hover();
  const tooltip = page.getByRole('tooltip').filter({ hasText: 'A High residual risk may be accepted by: Owner and AIMS manager.' });
  await tooltip.waitFor();
  // Let it fade in fully before the screenshot.
  await page.waitForFunction((el) => el !== null && getComputedStyle(el).opacity === '1', await tooltip.elementHandle());
  await page.screenshot({ path: path.join(shots, 'risks-contributor-cannot-accept.png') });
  // Clicking it does nothing: no request, still not accepted.
  await button.click({ force: true });
  await acceptance.getByText('Not accepted.', { exact: true }).waitFor();
  assert.equal(await acceptance.getByRole('alert').count(), 0);
  await acceptance
    .getByRole('table', { name: 'Who may accept each level' })
    .getByRole('row', { name: /Low\s+Owner, AIMS manager and Contributor/ })
    .waitFor();

  assert.deepEqual(problems, []);
  await context.close();
  await ownerContext.close();
});
