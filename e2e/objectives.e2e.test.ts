// AI objectives in a real browser (ISO/IEC 42001 6.2): an owner sets an objective measured by a
// fairness monitoring plan that has already run, sees on the list and on its page that the target is
// not met, with the measurement on a trend against the target; lowers the target (only the changed
// field is sent) and sees it met; is told clearly when someone else saved the objective first; finds
// the objective among the links of the run's evidence and on the plan's page. A viewer then reads it
// all without a single write control. Needs Chromium (TRELLIS_CHROMIUM or /usr/bin/chromium) and a
// built UI (`npm run build`); `npm test` takes care of both.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { callApi, signIn, startBrowserHarness, watchForPageErrors, type BrowserHarness } from './browser-harness.ts';

const ORG = 'objectives';
const OWNER = { email: 'owner@objectives-e2e.test', password: 'correct horse battery' };
const VIEWER = { email: 'vera@objectives-e2e.test', name: 'Vera Viewer', password: 'a long enough passphrase' };
const PLAN = 'Monthly fairness of shortlisting';
const KEY = 'group:demographic_parity_ratio.between_groups';
const OBJECTIVE = 'Shortlisting treats applicant groups alike';
/**
 * Confusion counts by group (as in the monitoring journey): A selects 50 of 150, B 30 of 150, so the
 * demographic parity ratio between groups is 0.2 / 0.333 = 0.6.
 */
const CELLS = [
  { group: { group: 'A' }, tp: 35, fp: 15, tn: 70, fn: 30 },
  { group: { group: 'B' }, tp: 15, fp: 15, tn: 90, fn: 30 },
];

let harness: BrowserHarness;
let browser: Browser;
let baseUrl: string;
let runEvidenceRef = '';

before(async () => {
  harness = await startBrowserHarness({ name: 'Objectives Org', slug: ORG, email: OWNER.email, password: OWNER.password });
  ({ browser, baseUrl } = harness);
});

after(async () => {
  await harness?.stop();
});

/** A full-page screenshot to /tmp/objectives-<name>.png, taken from the top. */
async function shot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `/tmp/objectives-${name}.png`, fullPage });
}

/** Waits until a field shows the value (a select shows its choice once its options are read). */
async function waitForValue(field: Locator, value: string): Promise<void> {
  for (let i = 0; i < 100 && (await field.inputValue()) !== value; i++) await field.page().waitForTimeout(100);
  assert.equal(await field.inputValue(), value);
}

async function openObjectives(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Objectives' }).click();
  await page.getByRole('heading', { level: 1, name: 'AI objectives' }).waitFor();
}

test(
  'an owner sets an objective measured by a monitoring plan, sees it not met, lowers the target and sees it met',
  { timeout: 240_000 },
  async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const problems = watchForPageErrors(page);
    await signIn(page, baseUrl, ORG, OWNER.email, OWNER.password);

    // Set-up through the API: an AI system, a fairness plan with a four-fifths threshold, one run on counts.
    const system = await callApi<{ id: string }>(page, 'POST', `/api/orgs/${ORG}/systems`, {
      name: 'CV screening assistant',
      purpose: 'Shortlists job applicants for recruiters',
      stage: 'deployed',
    });
    const plan = await callApi<{ id: string; ref: string }>(page, 'POST', `/api/orgs/${ORG}/monitoring/plans`, {
      systemId: system.id,
      title: PLAN,
      spec: { metric: 'fairness', label: 'y_true', prediction: 'y_pred', sensitive: ['group'], minGroupSize: 20 },
      thresholds: [{ key: KEY, op: '>=', value: 0.8 }],
      frequency: 'monthly',
    });
    const run = await callApi<{ ref: string }>(page, 'POST', `/api/orgs/${ORG}/monitoring/plans/${plan.id}/runs/counts`, {
      sensitive: ['group'],
      minGroupSize: 20,
      cells: CELLS,
    });
    assert.equal(run.ref, 'RUN-0001');

    // Nothing yet: the empty state says what an AI objective is, and offers to add one.
    await openObjectives(page);
    await page.getByText('No AI objectives yet').waitFor();
    await page.getByText('An AI objective is a result your organization commits to reach', { exact: false }).waitFor();
    await shot(page, 'empty');
    await page.getByRole('link', { name: 'New objective' }).first().click();
    await page.waitForURL(/\/objectives\/new$/);

    // The objective: what, Annex C topic, owner, date, status, and the measure by the plan.
    const form = page.getByRole('form', { name: 'New AI objective' });
    await form.getByRole('textbox', { name: 'Title' }).fill(OBJECTIVE);
    await form.getByRole('textbox', { name: 'Description' }).fill('Applicants of every group are shortlisted at similar rates.');
    const topics = form.getByRole('combobox', { name: 'Topics' });
    await topics.click();
    await topics.fill('Fairness');
    await page.getByRole('option', { name: 'C.2.5 Fairness' }).click();
    await topics.press('Escape');
    await form.getByRole('textbox', { name: 'How it follows from the AI policy' }).fill('AI policy §2: we do not discriminate.');
    await form.getByRole('textbox', { name: 'Owner' }).fill('Head of Talent Acquisition');
    await form.getByLabel('Target date').fill('2099-06-30');
    await form.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'In progress' }).click();
    await form.getByRole('textbox', { name: 'What will be done' }).fill('Reweigh the training data; review the shortlist monthly.');
    await form.getByRole('textbox', { name: 'Resources' }).fill('One data scientist, two days a month');
    await form.getByLabel('Measured by a monitoring plan').check();
    await form.getByRole('combobox', { name: 'Monitoring plan' }).click();
    await page.getByRole('option', { name: `${plan.ref} · ${PLAN}`, exact: false }).click();
    const key = form.getByRole('combobox', { name: 'Metric key' });
    await form.getByRole('textbox', { name: 'Target value' }).fill('0.8');
    // A metric the plan does not compute (it groups by "group", not "sex"): refused at the key, nothing added.
    await key.fill('sex:demographic_parity_ratio.between_groups');
    await key.press('Escape');
    await form.getByTestId('measure-latest').filter({ hasText: 'The latest run RUN-0001 has no metric' }).waitFor();
    await form.getByRole('button', { name: 'Add objective' }).click();
    await form.getByRole('alert').filter({ hasText: 'Check the fields marked in red.' }).waitFor();
    await page.locator('input[aria-invalid="true"]').first().waitFor();
    assert.equal(await key.getAttribute('aria-invalid'), 'true', 'the error is shown at the metric key');
    await shot(page, 'new-form-refused');
    // The plan's threshold key is offered.
    await key.fill('');
    await key.click();
    await page.getByRole('option', { name: KEY, exact: true }).first().click();
    await form.getByTestId('measure-latest').filter({ hasText: 'Latest run RUN-0001: 0.6' }).waitFor();
    await shot(page, 'new-form');
    await form.getByRole('button', { name: 'Add objective' }).click();

    // Its page: not met, the measurement against the target, the run's evidence.
    await page.waitForURL(new RegExp(`/orgs/${ORG}/objectives/OBJ-0001$`));
    await page
      .getByRole('status')
      .filter({ hasText: `OBJ-0001 “${OBJECTIVE}” was added.` })
      .waitFor();
    await page.getByRole('heading', { level: 1, name: OBJECTIVE }).waitFor();
    await page.locator('[data-testid="objective-ref"] ~ [data-progress="not-met"]').waitFor();
    await page
      .getByTestId('measure-plan')
      .filter({ hasText: `${plan.ref} · ${PLAN}` })
      .waitFor();
    await page
      .getByTestId('measure-target')
      .filter({ hasText: `${KEY} ≥ 0.8` })
      .waitFor();
    await page.getByTestId('measure-latest').filter({ hasText: '0.6' }).getByRole('link', { name: 'RUN-0001' }).waitFor();
    const trend = page.getByTestId('objective-trend');
    await trend.locator('circle[data-run="RUN-0001"]').waitFor();
    assert.equal(await trend.locator('[data-threshold="0.8"]').count(), 1, 'the target is drawn');
    await page.getByRole('list', { name: 'Topics' }).getByRole('link', { name: 'C.2.5 Fairness' }).waitFor();

    // The plan runs again: the new run is evidence for the objective, and a second point on its trend.
    const second = await callApi<{ ref: string; evidence: { ref: string | null } | null }>(
      page,
      'POST',
      `/api/orgs/${ORG}/monitoring/plans/${plan.id}/runs/counts`,
      { sensitive: ['group'], minGroupSize: 20, cells: CELLS },
    );
    assert.equal(second.ref, 'RUN-0002');
    runEvidenceRef = second.evidence?.ref ?? '';
    assert.match(runEvidenceRef, /^EV-\d{4}$/);
    await page.reload();
    await trend.locator('circle[data-run="RUN-0002"]').waitFor();
    await page.getByTestId('measure-latest').getByRole('link', { name: 'RUN-0002' }).waitFor();
    await page.getByRole('table', { name: 'Evidence of this objective' }).locator(`tr[data-evidence="${runEvidenceRef}"]`).waitFor();
    await shot(page, 'detail-not-met');

    // The list: by ref, with its topic, owner, date, status and progress.
    await openObjectives(page);
    const row = page.getByRole('table', { name: 'AI objectives' }).locator('tr[data-objective="OBJ-0001"]');
    await row.locator('[data-progress="not-met"]').waitFor();
    await row.locator('[data-status="in-progress"]').waitFor();
    await row.locator('[data-topic="C.2.5"]').waitFor();
    await row.getByText('Head of Talent Acquisition').waitFor();
    await shot(page, 'list');
    // The filters ask the server: nothing is overdue, nothing is achieved.
    await page.getByRole('radiogroup', { name: 'Overdue' }).getByText('Overdue', { exact: true }).click();
    await page.getByText('No objective matches').waitFor();
    await page.getByRole('button', { name: 'Show all objectives' }).click();
    await row.waitFor();

    // The target lowered to 0.5: only the measure is sent, with the version read; now met.
    await row.getByRole('link', { name: OBJECTIVE }).click();
    await page.getByRole('link', { name: 'Change objective' }).click();
    const edit = page.getByRole('form', { name: 'Change AI objective' });
    assert.equal(await edit.getByRole('combobox', { name: 'Metric key' }).inputValue(), KEY);
    await edit.getByRole('textbox', { name: 'Target value' }).fill('0.5');
    const patch = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes(`/api/orgs/${ORG}/objectives/`));
    await edit.getByRole('button', { name: 'Save changes' }).click();
    const body = (await patch).postDataJSON() as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['measure', 'version']);
    assert.deepEqual(body.measure, { planId: plan.id, key: KEY, op: '>=', value: 0.5 });
    await page.waitForURL(new RegExp(`/orgs/${ORG}/objectives/OBJ-0001$`));
    await page.getByRole('status').filter({ hasText: 'OBJ-0001 was saved.' }).waitFor();
    await page.locator('[data-testid="objective-ref"] ~ [data-progress="met"]').waitFor();
    await page
      .getByTestId('measure-target')
      .filter({ hasText: `${KEY} ≥ 0.5` })
      .waitFor();
    await page
      .getByRole('table', { name: 'History' })
      .locator('tr[data-action="objective.updated"]')
      .getByText(`${KEY} ≥ 0.8 → ${KEY} ≥ 0.5`, { exact: false })
      .waitFor();
    await shot(page, 'detail-met');

    // Someone else saves first: the form says so and offers to reload; nothing is overwritten.
    await page.getByRole('link', { name: 'Change objective' }).click();
    const stale = page.getByRole('form', { name: 'Change AI objective' });
    await stale.getByRole('textbox', { name: 'Resources' }).fill('Two data scientists');
    const current = await callApi<{ version: number }>(page, 'GET', `/api/orgs/${ORG}/objectives/OBJ-0001`);
    await page.evaluate(
      async ({ url, version }) => {
        const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
        const response = await fetch(url, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
          body: JSON.stringify({ owner: 'Chief People Officer', version }),
        });
        if (!response.ok) throw new Error(`PATCH ${response.status}`);
      },
      { url: `/api/orgs/${ORG}/objectives/OBJ-0001`, version: current.version },
    );
    await stale.getByRole('button', { name: 'Save changes' }).click();
    const conflict = stale.getByRole('alert').filter({ hasText: 'Someone else changed this objective' });
    await conflict.waitFor();
    await shot(page, 'conflict', { fullPage: false });
    await conflict.getByRole('button', { name: 'Discard my changes and reload' }).click();
    await conflict.waitFor({ state: 'detached' });
    assert.equal(await stale.getByRole('textbox', { name: 'Owner' }).inputValue(), 'Chief People Officer');
    assert.equal(await stale.getByRole('textbox', { name: 'Resources' }).inputValue(), 'One data scientist, two days a month');
    await stale.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL(new RegExp(`/orgs/${ORG}/objectives/OBJ-0001$`));

    // The run's evidence names the objective among what it supports.
    await page.getByRole('table', { name: 'Evidence of this objective' }).getByRole('link', { name: runEvidenceRef }).click();
    await page.waitForURL(new RegExp(`/orgs/${ORG}/evidence/${runEvidenceRef}$`));
    const link = page.locator('[data-link="objective:OBJ-0001"]');
    await link.getByRole('link', { name: `OBJ-0001 ${OBJECTIVE}` }).waitFor();
    await shot(page, 'run-evidence');

    // The first run, recorded before the objective existed, became its evidence when the objective was set.
    const first = await callApi<{ evidence: { ref: string | null } | null }>(page, 'GET', `/api/orgs/${ORG}/monitoring/runs/RUN-0001`);
    const firstRef = first.evidence?.ref ?? '';
    assert.match(firstRef, /^EV-\d{4}$/);
    await page.goto(`${baseUrl}/orgs/${ORG}/objectives/OBJ-0001`);
    await page.getByRole('table', { name: 'Evidence of this objective' }).locator(`tr[data-evidence="${firstRef}"]`).waitFor();

    // Other evidence is linked to it by hand, from the evidence page.
    const note = await callApi<{ ref: string }>(page, 'POST', `/api/orgs/${ORG}/evidence`, {
      kind: 'note',
      title: 'Fairness review minutes',
      note: 'The panel reviewed shortlisting parity by group.',
    });
    await page.goto(`${baseUrl}/orgs/${ORG}/evidence/${note.ref}`);
    await page.getByRole('region', { name: 'What it supports' }).getByRole('button', { name: 'Add links' }).click();
    const modal = page.getByRole('dialog', { name: 'Link to more' });
    const objectives = modal.getByRole('combobox', { name: 'AI objectives' });
    await objectives.click();
    await objectives.fill('Shortlisting');
    await page.getByRole('option', { name: `OBJ-0001 · ${OBJECTIVE}` }).click();
    await objectives.press('Escape');
    await page.waitForTimeout(300); // the dialog's opening transition, for the screenshot only
    await shot(page, 'add-links', { fullPage: false });
    await modal.getByRole('button', { name: 'Add links' }).click();
    await modal.waitFor({ state: 'detached' });
    await page.locator('[data-link="objective:OBJ-0001"]').waitFor();
    await page.goto(`${baseUrl}/orgs/${ORG}/objectives/OBJ-0001`);
    await page.getByRole('table', { name: 'Evidence of this objective' }).locator(`tr[data-evidence="${note.ref}"]`).waitFor();

    // "Add evidence" opens the evidence form with the objective already linked.
    await page.getByRole('link', { name: 'Add evidence' }).click();
    await page.waitForURL(/\/evidence\/new\?objective=OBJ-0001$/);
    await page.getByText(`OBJ-0001 · ${OBJECTIVE}`).waitFor();
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL(new RegExp(`/orgs/${ORG}/objectives/OBJ-0001$`));

    // The plan's page lists the objectives it measures, and starts a new one measured by it.
    await page.goto(`${baseUrl}/orgs/${ORG}/monitoring/plans/${plan.ref}`);
    const measured = page.getByRole('table', { name: 'Objectives measured by this plan' });
    await measured.locator('tr[data-objective="OBJ-0001"] [data-progress="met"]').waitFor();
    await page.getByRole('region', { name: 'Objectives measured by this plan' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/objectives-plan-section.png' });
    await page.getByRole('region', { name: 'Objectives measured by this plan' }).getByRole('link', { name: 'New objective' }).click();
    await page.waitForURL(new RegExp(`/objectives/new\\?plan=${plan.ref}$`));
    const preset = page.getByRole('form', { name: 'New AI objective' });
    await waitForValue(
      preset.getByRole('combobox', { name: 'Monitoring plan' }),
      `${plan.ref} · ${PLAN} (AIS-0001 CV screening assistant)`,
    );
    assert.equal(await preset.getByRole('combobox', { name: 'Metric key' }).inputValue(), KEY);
    await preset.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL(new RegExp(`/monitoring/plans/${plan.ref}$`));

    // A second objective, not measured, deleted after a confirmation.
    await callApi(page, 'POST', `/api/orgs/${ORG}/objectives`, { title: 'All AI staff trained', owner: 'HR' });
    await page.goto(`${baseUrl}/orgs/${ORG}/objectives/OBJ-0002`);
    await page.locator('[data-testid="objective-ref"] ~ [data-progress="not-measured"]').waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete AI objective' });
    await dialog.getByRole('button', { name: 'Delete objective' }).click();
    await page.waitForURL(new RegExp(`/orgs/${ORG}/objectives$`));
    await page.getByRole('status').filter({ hasText: 'OBJ-0002 “All AI staff trained” was deleted.' }).waitFor();
    assert.equal(await page.locator('tr[data-objective="OBJ-0002"]').count(), 0);

    assert.deepEqual(problems, []);
    await context.close();
  },
);

test('a viewer reads objectives without any write control', { timeout: 120_000 }, async () => {
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const owner = await ownerContext.newPage();
  const problems = watchForPageErrors(owner);
  await signIn(owner, baseUrl, ORG, OWNER.email, OWNER.password);
  const { inviteUrl } = await callApi<{ inviteUrl: string }>(owner, 'POST', `/api/orgs/${ORG}/members`, {
    email: VIEWER.email,
    role: 'viewer',
  });

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  problems.push(...watchForPageErrors(page));
  await page.goto(inviteUrl);
  await page.getByLabel('Your name').fill(VIEWER.name);
  await page.getByRole('textbox', { name: 'Choose a password', exact: true }).fill(VIEWER.password);
  await page.getByRole('textbox', { name: 'Repeat the password', exact: true }).fill(VIEWER.password);
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await page.waitForURL(new RegExp(`/orgs/${ORG}$`));

  await openObjectives(page);
  await page.getByText('As a Viewer you can read every AI objective', { exact: false }).waitFor();
  await page.getByRole('table', { name: 'AI objectives' }).locator('tr[data-objective="OBJ-0001"] [data-progress="met"]').waitFor();
  assert.equal(await page.getByRole('link', { name: 'New objective' }).count(), 0, 'no "New objective"');
  await shot(page, 'viewer-list');

  await page.getByRole('table', { name: 'AI objectives' }).getByRole('link', { name: OBJECTIVE }).click();
  await page.getByRole('heading', { level: 1, name: OBJECTIVE }).waitFor();
  await page.getByTestId('objective-trend').locator('circle[data-run="RUN-0002"]').waitFor();
  await page.getByRole('table', { name: 'Evidence of this objective' }).locator(`tr[data-evidence="${runEvidenceRef}"]`).waitFor();
  for (const name of ['Change objective', 'Add evidence']) assert.equal(await page.getByRole('link', { name }).count(), 0, `no "${name}"`);
  assert.equal(await page.getByRole('button', { name: 'Delete' }).count(), 0, 'no "Delete"');
  await shot(page, 'viewer-detail');

  await page.goto(`${baseUrl}/orgs/${ORG}/monitoring/plans/MON-0001`);
  await page.getByRole('table', { name: 'Objectives measured by this plan' }).locator('tr[data-objective="OBJ-0001"]').waitFor();
  assert.equal(await page.getByRole('link', { name: 'New objective' }).count(), 0, 'no "New objective" on the plan');

  await page.goto(`${baseUrl}/orgs/${ORG}/objectives/new`);
  await page.getByText('You cannot add AI objectives').waitFor();
  await page.goto(`${baseUrl}/orgs/${ORG}/objectives/OBJ-0001/edit`);
  await page.getByText('You cannot change AI objectives').waitFor();

  assert.deepEqual(problems, []);
  await context.close();
  await ownerContext.close();
});
