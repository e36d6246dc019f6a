// Monitoring in a real browser (ISO/IEC 42001 9.1, A.6.2.6): an owner plans a fairness check of an
// AI system with a four-fifths threshold, uploads a file that lacks the prediction column and is
// told so at that column, then uploads the real data. The run page shows the breach, the rates per
// group and the data's SHA-256; the plan page the trend with its threshold. The alert is raised as
// a risk and the owner lands on it; a second breach is acknowledged with a note. An auditor then
// reads it all without a single write control. Last, a fairness plan runs on confusion counts
// pasted and chosen as a CSV, checked line by line in the browser. And an owner adds a control and
// a clause a plan's runs are also evidence for; a run's evidence item then supports them. Needs
// Chromium (TRELLIS_CHROMIUM or /usr/bin/chromium) and a built UI (`npm run build`); `npm test`
// takes care of both.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { callApi, screenshot, signIn, startBrowserHarness, watchForPageErrors, type BrowserHarness } from './browser-harness.ts';

const ORG = 'monitoring';
const OWNER = { email: 'owner@monitoring-e2e.test', password: 'correct horse battery' };
const AUDITOR = { email: 'aude@monitoring-e2e.test', name: 'Aude Auditor', password: 'a long enough passphrase' };
const SYSTEM = 'CV screening assistant';
const PLAN = 'Quarterly fairness check of shortlisting';
const KEY = 'group:demographic_parity_ratio.between_groups';
const GOLDEN = '/work/shared/reference/metrics-golden';
const DATA = `${GOLDEN}/synthetic-small.csv`;
/** The same rows without the prediction column: refused, naming that column. */
const NO_PREDICTION = Buffer.from('group,sex,y_true,score\nA,F,1,0.7\nB,M,0,0.2\n');

let harness: BrowserHarness;
let browser: Browser;
let baseUrl: string;
let systemId = '';

before(async () => {
  harness = await startBrowserHarness({ name: 'Monitoring Org', slug: ORG, email: OWNER.email, password: OWNER.password });
  ({ browser, baseUrl } = harness);
});

after(async () => {
  await harness?.stop();
});

async function openMonitoring(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Monitoring' }).click();
  await page.getByRole('heading', { level: 1, name: 'Monitoring' }).waitFor();
}

async function uploadRun(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const form = page.getByRole('form', { name: 'New run' });
  await form.locator('[data-field="data"] input[type="file"]').setInputFiles(file);
  await form.getByTestId('chosen-data').waitFor();
  await form.getByRole('button', { name: 'Run the plan' }).click();
}

test('an owner plans a fairness check, runs it, sees the breach and raises a risk from it', { timeout: 240_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const problems = watchForPageErrors(page);
  await signIn(page, baseUrl, ORG, OWNER.email, OWNER.password);
  const system = await callApi<{ id: string; ref: string }>(page, 'POST', `/api/orgs/${ORG}/systems`, {
    name: SYSTEM,
    purpose: 'Shortlists job applicants for recruiters',
    stage: 'deployed',
  });
  systemId = system.id;

  // Nothing monitored yet; the way to plan it.
  await openMonitoring(page);
  await page.getByText('No monitoring plans yet').waitFor();
  await page.getByRole('link', { name: 'New monitoring plan' }).first().click();
  await page.waitForURL(/\/monitoring\/plans\/new$/);

  // The plan: the AI system, the columns, a four-fifths threshold on the demographic parity ratio.
  const form = page.getByRole('form', { name: 'New monitoring plan' });
  await form.getByRole('combobox', { name: 'AI system' }).fill('CV');
  await page.getByRole('option', { name: `${system.ref} · ${SYSTEM}` }).click();
  await form.getByRole('textbox', { name: 'Title' }).fill(PLAN);
  await form.getByRole('textbox', { name: 'True label column' }).fill('y_true');
  await form.getByRole('textbox', { name: 'Prediction column' }).fill('y_pred');
  const sensitive = form.getByRole('combobox', { name: 'Sensitive features' });
  await sensitive.fill('group');
  await sensitive.press('Enter');
  await sensitive.fill('sex');
  await sensitive.press('Enter');
  await form.getByRole('button', { name: 'Add threshold' }).click();
  await form.getByRole('combobox', { name: 'Metric key of threshold 1' }).fill(KEY);
  await form.getByRole('combobox', { name: 'Metric key of threshold 1' }).press('Escape');
  await form.getByRole('textbox', { name: 'Value of threshold 1' }).fill('0.8');
  await form.getByRole('textbox', { name: 'Owner' }).fill('Head of Talent Acquisition');
  await screenshot(page, 'monitoring-new-plan.png');
  await form.getByRole('button', { name: 'Add plan' }).click();
  await page.waitForURL(new RegExp(`/orgs/${ORG}/monitoring/plans/MON-0001$`));
  await page
    .getByRole('status')
    .filter({ hasText: `MON-0001 “${PLAN}” was added.` })
    .waitFor();
  await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
  await page.getByRole('table', { name: 'Thresholds' }).getByText(KEY).waitFor();

  // A file without the prediction column: refused, the column named where the plan lists it, nothing kept.
  await uploadRun(page, { name: 'no-prediction.csv', mimeType: 'text/csv', buffer: NO_PREDICTION });
  const run = page.getByRole('form', { name: 'New run' });
  await run.getByTestId('spec-error-prediction').filter({ hasText: 'no column "y_pred"' }).waitFor();
  await run.getByTestId('run-refused').filter({ hasText: 'Nothing was stored.' }).waitFor();
  const none = await callApi<{ items: unknown[] }>(page, 'GET', `/api/orgs/${ORG}/monitoring/runs`);
  assert.equal(none.items.length, 0, 'no run was stored');
  await screenshot(page, 'monitoring-upload-refused.png');

  // The real data: a run that breaches the threshold.
  await uploadRun(page, DATA);
  await page.waitForURL(new RegExp(`/orgs/${ORG}/monitoring/runs/RUN-0001$`));
  await page.getByRole('status').filter({ hasText: 'RUN-0001 breached 1 threshold: an alert is open.' }).waitFor();
  await page.getByTestId('run-verdict').filter({ hasText: '1 threshold breached' }).waitFor();
  const outcome = page.getByRole('table', { name: 'Threshold outcomes' }).locator(`tr[data-threshold="${KEY}"]`);
  assert.equal(await outcome.getAttribute('data-outcome'), 'fail');
  await outcome.getByText('0.206').waitFor();

  // The report: the warnings, the rates per group as a chart and a table, the aggregate in breach.
  const report = page.getByTestId('fairness-result');
  await report.getByTestId('fairness-warnings').first().filter({ hasText: 'fewer than 30 rows' }).waitFor();
  const chart = report.getByTestId('group-rate-chart');
  await chart.waitFor();
  for (const group of ['A', 'B', 'C', 'D', 'E'])
    assert.equal(await chart.locator(`[data-group="${group}"]`).count(), 1, `bar group ${group}`);
  const groups = report.getByRole('table', { name: 'Groups of group' });
  assert.equal(await groups.locator('tr[data-group="A"] [data-four-fifths="fail"]').count(), 1, 'group A fails the four-fifths rule');
  await groups.locator('tr[data-group="E"]').getByText('Small group').waitFor();
  const measures = report.getByRole('table', { name: 'Fairness measures of group' });
  await measures.locator(`[data-key="${KEY}"]`).getByText('breach').waitFor();

  // What it read, by content, and where it is kept.
  const sha = crypto.createHash('sha256').update(fs.readFileSync(DATA)).digest('hex');
  const inputs = page.getByRole('table', { name: 'Inputs' });
  assert.equal(await inputs.getByTestId('input-sha256').textContent(), sha);
  await inputs.locator('tr[data-input="data"]').getByText('20,000').waitFor();
  const evidence = page.getByRole('region', { name: 'Evidence' }).getByRole('link', { name: /^EV-\d{4}$/ });
  await evidence.waitFor();
  await screenshot(page, 'monitoring-run.png');

  // The plan: its run and the trend, with the threshold drawn.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'MON-0001' }).click();
  await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
  const trend = page.locator(`[data-trend="${KEY}"]`);
  await trend.locator('circle[data-run="RUN-0001"]').waitFor();
  assert.equal(await trend.locator('[data-threshold="0.8"]').count(), 1, 'the threshold is drawn');
  await page.getByRole('table', { name: 'Runs' }).locator('tr[data-run="RUN-0001"] [data-status="breached"]').waitFor();

  // Organization-wide: the open alert, raised as a risk; the owner lands on the new risk.
  await openMonitoring(page);
  const plans = page.getByRole('table', { name: 'Monitoring plans' });
  await plans.locator('tr[data-plan="MON-0001"] [data-status="breached"]').waitFor();
  const alert = page.getByRole('table', { name: 'Open alerts' }).locator('tr[data-alert-run="RUN-0001"]');
  await alert.getByText(KEY, { exact: false }).waitFor();
  await screenshot(page, 'monitoring-home.png');
  await alert.getByRole('button', { name: 'Raise a risk from RUN-0001' }).click();
  const dialog = page.getByRole('dialog', { name: 'Raise a risk from RUN-0001' });
  await dialog.getByText(KEY, { exact: false }).waitFor();
  await page.waitForTimeout(400); // the dialog's opening transition, for the screenshot only
  await screenshot(page, 'monitoring-raise-risk-dialog.png', { fullPage: false });
  await dialog.getByRole('button', { name: 'Raise risk' }).click();
  await page.waitForURL(new RegExp(`/orgs/${ORG}/risks/RSK-\\d{4}$`));
  const riskRef = page.url().split('/').pop() ?? '';
  await page.getByRole('status').filter({ hasText: `was raised from the breach of RUN-0001` }).waitFor();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await screenshot(page, 'monitoring-risk.png');

  // The run now links to the risk; no open alert is left.
  await page.goto(`${baseUrl}/orgs/${ORG}/monitoring/runs/RUN-0001`);
  await page.getByTestId('run-verdict').getByRole('link', { name: riskRef }).waitFor();
  await page.locator('[data-testid="run-ref"] ~ [data-alert="risk-raised"]').waitFor();

  // A second breach, acknowledged with a note from its page.
  await page.goto(`${baseUrl}/orgs/${ORG}/monitoring/plans/MON-0001`);
  await uploadRun(page, DATA);
  await page.waitForURL(new RegExp(`/orgs/${ORG}/monitoring/runs/RUN-0002$`));
  await page.getByTestId('run-verdict').getByRole('button', { name: 'Acknowledge the alert of RUN-0002' }).click();
  const ack = page.getByRole('dialog', { name: 'Acknowledge the alert of RUN-0002' });
  await ack.getByRole('textbox', { name: 'Note' }).fill('Same data as RUN-0001; already treated under the raised risk.');
  await ack.getByRole('button', { name: 'Acknowledge' }).click();
  await ack.waitFor({ state: 'detached' });
  await page.getByTestId('run-verdict').filter({ hasText: 'already treated under the raised risk' }).waitFor();
  await page.goto(`${baseUrl}/orgs/${ORG}/monitoring/plans/MON-0001`);
  await trend.locator('circle[data-run="RUN-0002"]').waitFor();
  await screenshot(page, 'monitoring-plan.png');

  // The AI system's own page lists its plan.
  await page.goto(`${baseUrl}/orgs/${ORG}/inventory/systems/${system.id}?tab=monitoring`);
  await page.getByRole('table', { name: 'Monitoring plans of this AI system' }).locator('tr[data-plan="MON-0001"]').waitFor();
  await screenshot(page, 'monitoring-system-tab.png');

  assert.deepEqual(problems, []);
  await context.close();
});

test('an auditor reads plans, runs and alerts without any write control', { timeout: 120_000 }, async () => {
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const owner = await ownerContext.newPage();
  const problems = watchForPageErrors(owner);
  await signIn(owner, baseUrl, ORG, OWNER.email, OWNER.password);
  const { inviteUrl } = await callApi<{ inviteUrl: string }>(owner, 'POST', `/api/orgs/${ORG}/members`, {
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
  await page.waitForURL(new RegExp(`/orgs/${ORG}$`));

  await openMonitoring(page);
  await page.getByText('As an Auditor you can read every plan, run and alert', { exact: false }).waitFor();
  await page.getByRole('table', { name: 'Monitoring plans' }).locator('tr[data-plan="MON-0001"]').waitFor();
  assert.equal(await page.getByRole('link', { name: 'New monitoring plan' }).count(), 0);
  await page.getByRole('region', { name: 'Alerts' }).getByText('Acknowledged', { exact: true }).click();
  await page.getByRole('table', { name: 'Acknowledged alerts' }).locator('tr[data-alert-run="RUN-0002"]').waitFor();
  assert.equal(await page.getByRole('button', { name: /^Raise a risk from/ }).count(), 0, 'no "Raise risk" for an auditor');

  await page.getByRole('table', { name: 'Monitoring plans' }).getByRole('link', { name: PLAN }).click();
  await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
  await page.locator(`[data-trend="${KEY}"] circle[data-run="RUN-0002"]`).waitFor();
  assert.equal(await page.getByRole('form', { name: 'New run' }).count(), 0, 'no upload form');
  assert.equal(await page.getByRole('link', { name: 'Change plan' }).count(), 0, 'no "Change plan"');
  for (const name of ['Pause plan', 'Delete']) assert.equal(await page.getByRole('button', { name }).count(), 0, `no "${name}"`);

  await page.getByRole('table', { name: 'Runs' }).getByRole('link', { name: 'RUN-0001' }).click();
  await page.getByTestId('fairness-result').waitFor();
  assert.equal(await page.getByRole('button', { name: /^(Acknowledge|Raise a risk)/ }).count(), 0, 'no alert actions');
  await screenshot(page, 'monitoring-auditor-run.png');

  await page.goto(`${baseUrl}/orgs/${ORG}/monitoring/plans/new?system=${systemId}`);
  await page.getByText('You cannot add monitoring plans').waitFor();

  assert.deepEqual(problems, []);
  await context.close();
  await ownerContext.close();
});

test('a drift plan compares two files column by column; a performance plan shows its confusion matrix', { timeout: 180_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const problems = watchForPageErrors(page);
  await signIn(page, baseUrl, ORG, OWNER.email, OWNER.password);
  const drift = await callApi<{ ref: string }>(page, 'POST', `/api/orgs/${ORG}/monitoring/plans`, {
    systemId,
    title: 'Weekly drift of applicant data',
    spec: { metric: 'drift' },
    thresholds: [{ key: 'drift:share', op: '<', value: 0.3 }],
    frequency: 'weekly',
  });
  const performance = await callApi<{ ref: string }>(page, 'POST', `/api/orgs/${ORG}/monitoring/plans`, {
    systemId,
    title: 'Shortlisting accuracy',
    spec: { metric: 'performance', label: 'y_true', prediction: 'y_pred', score: 'score', sensitive: ['sex'] },
    thresholds: [{ key: 'performance:roc_auc', op: '>=', value: 0.9 }],
    frequency: 'quarterly',
  });

  // Drift: a reference and a current file; one column of three drifted, over the plan's 30 %.
  await page.goto(`${baseUrl}/orgs/${ORG}/monitoring/plans/${drift.ref}`);
  const form = page.getByRole('form', { name: 'New run' });
  await form.locator('[data-field="reference"] input[type="file"]').setInputFiles(`${GOLDEN}/drift-ref.csv`);
  await form.locator('[data-field="current"] input[type="file"]').setInputFiles(`${GOLDEN}/drift-cur.csv`);
  await form.getByRole('button', { name: 'Run the plan' }).click();
  await page.waitForURL(/\/monitoring\/runs\/RUN-\d{4}$/);
  await page.getByTestId('run-verdict').filter({ hasText: '1 threshold breached' }).waitFor();
  const report = page.getByTestId('drift-result');
  await report.getByTestId('dataset-drift').filter({ hasText: '1 column of 3 drifted (channel)' }).waitFor();
  const columns = report.getByRole('table', { name: 'Drift per column' });
  await columns.locator('tr[data-column="channel"] [data-drift="yes"]').waitFor();
  await columns.locator('tr[data-column="amount"] [data-drift="no"]').waitFor();
  assert.equal(await report.getByTestId('drift-histogram').count(), 1, 'the drifted column shows its distributions');
  await columns.getByRole('button', { name: 'Show the distribution of amount' }).click();
  await report.getByTestId('drift-histogram').nth(1).waitFor();
  assert.equal(await page.getByRole('table', { name: 'Inputs' }).getByTestId('input-sha256').count(), 2);
  await screenshot(page, 'monitoring-drift-run.png');

  // Performance: every threshold held; the metrics and the confusion matrix.
  await page.goto(`${baseUrl}/orgs/${ORG}/monitoring/plans/${performance.ref}`);
  await uploadRun(page, DATA);
  await page.waitForURL(/\/monitoring\/runs\/RUN-\d{4}$/);
  await page.getByTestId('run-verdict').filter({ hasText: 'Every threshold held' }).waitFor();
  const perf = page.getByTestId('performance-result');
  await perf.locator('[data-metric="roc_auc"]').getByText('0.936').waitFor();
  const matrix = perf.getByRole('table', { name: 'Confusion matrix' });
  await matrix.locator('[data-cell="true positives"]').getByText('4,923').waitFor();
  await matrix.locator('[data-cell="false positives"]').getByText('2,189').waitFor();
  await perf.getByRole('table', { name: 'Performance by sex' }).waitFor();
  await screenshot(page, 'monitoring-performance-run.png');

  // The plan is changed: a stricter threshold judges the next runs; the change is in its history.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: performance.ref }).click();
  await page.getByRole('link', { name: 'Change plan' }).click();
  const change = page.getByRole('form', { name: 'Change monitoring plan' });
  assert.equal(await change.getByRole('combobox', { name: 'Metric key of threshold 1' }).inputValue(), 'performance:roc_auc');
  await change.getByRole('textbox', { name: 'Value of threshold 1' }).fill('0.95');
  await change.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForURL(new RegExp(`/monitoring/plans/${performance.ref}$`));
  await page
    .getByRole('status')
    .filter({ hasText: `${performance.ref} was saved.` })
    .waitFor();
  await page.getByRole('table', { name: 'Thresholds' }).getByText('≥ 0.95').waitFor();
  await page
    .getByRole('table', { name: 'History' })
    .locator('tr[data-action="monitoring-plan.updated"]')
    .getByText('performance:roc_auc ≥ 0.95', { exact: false })
    .waitFor();

  assert.deepEqual(problems, []);
  await context.close();
});

// Counts from the team's own pipeline: the rows stay there; the table of confusion counts per
// combination of sensitive values is read in the browser, checked line by line, and posted.
const COUNTS_KEY = 'group:demographic_parity_ratio.between_groups';
/**
 * By group, A: tp 35, fp 15 of 150 → selection rate 50/150 = 0.333; B: tp 15, fp 15 of 150 → 0.2.
 * Demographic parity ratio between groups: 0.2 / 0.333 = 0.6 (a breach of ≥ 0.8). The last row has
 * no group: it counts for sex F and overall (310 predictions), not for any group.
 * By sex, F: 45 selected of 210; M: 40 of 100.
 */
const COUNTS_CSV = Buffer.from(
  '\uFEFFgroup,sex,tp,fp,tn,fn\r\n"A",F,20,10,50,20\r\nA,M,15,5,20,10\r\nB,F,5,5,60,30\r\n"B","M",10,10,30,0\r\n,F,3,2,4,1\r\n',
);

test('a fairness plan runs on counts from the team’s pipeline, checked line by line in the browser', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const problems = watchForPageErrors(page);
  await signIn(page, baseUrl, ORG, OWNER.email, OWNER.password);
  const plan = await callApi<{ ref: string }>(page, 'POST', `/api/orgs/${ORG}/monitoring/plans`, {
    systemId,
    title: 'Monthly fairness from pipeline counts',
    spec: { metric: 'fairness', label: 'y_true', prediction: 'y_pred', sensitive: ['group', 'sex'], minGroupSize: 20 },
    thresholds: [{ key: COUNTS_KEY, op: '>=', value: 0.8 }],
    frequency: 'monthly',
  });
  const before = await callApi<{ items: unknown[] }>(page, 'GET', `/api/orgs/${ORG}/monitoring/runs`);

  // The choice of source; the table the plan takes, built from its sensitive features.
  await page.goto(`${baseUrl}/orgs/${ORG}/monitoring/plans/${plan.ref}`);
  const section = page.getByRole('region', { name: 'New run' });
  await section.getByText('Counts from your pipeline', { exact: true }).click();
  assert.equal(await section.getByRole('radio', { name: 'Counts from your pipeline' }).isChecked(), true);
  const form = page.getByRole('form', { name: 'New run from counts' });
  assert.equal(await form.getByTestId('counts-header').textContent(), 'group,sex,tp,fp,tn,fn\nA,B,12,3,40,5');
  await form.getByText('the same fairness report from those counts', { exact: false }).waitFor();
  const download = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Download a template' }).click();
  const template = await download;
  assert.equal(template.suggestedFilename(), `${plan.ref}-counts.csv`);
  assert.equal(fs.readFileSync(await template.path(), 'utf8'), 'group,sex,tp,fp,tn,fn\r\n');

  // Pasted with a negative count, a fraction and a missing column: refused in the browser, naming line and column.
  const paste = form.getByRole('textbox', { name: 'Or paste the table' });
  await paste.fill('group,sex,tp,fp,tn,fn\nA,F,1,2,3,4\nB,M,-2,0,1,0\nA,M,1,2.5,3,4\n');
  await form.getByRole('button', { name: 'Run the plan' }).click();
  const refused = form.getByTestId('counts-refused');
  await refused.getByText('Line 3, column "tp": "-2" is not a count', { exact: false }).waitFor();
  await refused.getByText('Line 4, column "fp": "2.5" is not a count', { exact: false }).waitFor();
  await screenshot(page, 'monitoring-counts-refused.png');
  await paste.fill('group,tp,fp,tn\nA,1,2,3\n');
  await form.getByRole('button', { name: 'Run the plan' }).click();
  await refused.getByText('Line 1: the header has no columns "sex", "fn"; it should be: group,sex,tp,fp,tn,fn').waitFor();

  // JSON the server refuses (a feature the plan does not have): its complaint, in words, by the form.
  await paste.fill(JSON.stringify({ cells: [{ group: { region: 'North' }, tp: 1, fp: 0, tn: 0, fn: 0 }] }));
  await form.getByRole('button', { name: 'Run the plan' }).click();
  await refused.filter({ hasText: 'the server refused these counts' }).getByText('cells[0].group: unknown feature "region"').waitFor();
  const still = await callApi<{ items: unknown[] }>(page, 'GET', `/api/orgs/${ORG}/monitoring/runs`);
  assert.equal(still.items.length, before.items.length, 'no run was stored');

  // A CSV file with quotes, CRLF line ends and a BOM: read, summed up, posted.
  await paste.fill('');
  await form.locator('input[type="file"]').setInputFiles({ name: 'pipeline-counts.csv', mimeType: 'text/csv', buffer: COUNTS_CSV });
  await form.getByTestId('counts-ready').filter({ hasText: '5 rows of counts, 310 predictions in all: ready to run.' }).waitFor();
  await screenshot(page, 'monitoring-counts-form.png');
  await form.getByRole('button', { name: 'Run the plan' }).click();

  // The run page: the report computed from the counts.
  await page.waitForURL(/\/monitoring\/runs\/RUN-\d{4}$/);
  await page.getByRole('status').filter({ hasText: 'breached 1 threshold: an alert is open.' }).waitFor();
  const outcome = page.getByRole('table', { name: 'Threshold outcomes' }).locator(`tr[data-threshold="${COUNTS_KEY}"]`);
  assert.equal(await outcome.getAttribute('data-outcome'), 'fail');
  await outcome.getByText('0.6', { exact: true }).waitFor();
  const report = page.getByTestId('fairness-result');
  // A group's row: its name, rows, selection rate, …
  const cell = async (feature: string, group: string, column: 'rows' | 'selection rate') => {
    const row = report.getByRole('table', { name: `Groups of ${feature}` }).locator(`tr[data-group="${group}"]`);
    await row.waitFor();
    return row
      .locator('td')
      .nth(column === 'rows' ? 1 : 2)
      .textContent();
  };
  assert.equal(await cell('group', 'A', 'rows'), '150');
  assert.equal(await cell('group', 'A', 'selection rate'), '0.333');
  assert.equal(await cell('group', 'B', 'selection rate'), '0.2');
  const measures = report.getByRole('table', { name: 'Fairness measures of group' });
  await measures.locator(`[data-key="${COUNTS_KEY}"]`).getByText('0.6', { exact: true }).waitFor();
  // The other feature, in its own tab: the row without a group counts for sex F.
  await report.getByRole('tab', { name: 'sex', exact: true }).click();
  assert.equal(await cell('sex', 'F', 'rows'), '210');
  assert.equal(await cell('sex', 'M', 'selection rate'), '0.4');
  await report
    .getByRole('table', { name: 'Fairness measures of sex' })
    .locator('[data-key="sex:demographic_parity_ratio.between_groups"]')
    .getByText('0.536', { exact: true })
    .waitFor();
  // No file was kept: the input is the posted counts, 310 predictions, without a SHA-256.
  const inputs = page.getByRole('table', { name: 'Inputs' });
  await inputs.locator('tr[data-input="counts"]').getByText('310').waitFor();
  assert.equal(await inputs.getByTestId('input-sha256').count(), 0);
  await screenshot(page, 'monitoring-counts-run.png');

  assert.deepEqual(problems, []);
  await context.close();
});

test(
  'an owner adds a control and a clause a plan’s runs are also evidence for, and a run’s evidence supports them',
  { timeout: 120_000 },
  async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const problems = watchForPageErrors(page);
    await signIn(page, baseUrl, ORG, OWNER.email, OWNER.password);
    const plan = await callApi<{ id: string; ref: string; version: number }>(page, 'POST', `/api/orgs/${ORG}/monitoring/plans`, {
      systemId,
      title: 'Fairness check reported to management review',
      spec: { metric: 'fairness', label: 'y_true', prediction: 'y_pred', sensitive: ['group'] },
      frequency: 'quarterly',
    });

    // The plan form says what is always linked; the owner adds A.9.2 and clause 9.3.
    await page.goto(`${baseUrl}/orgs/${ORG}/monitoring/plans/${plan.ref}`);
    await page.getByRole('link', { name: 'Change plan' }).click();
    const form = page.getByRole('form', { name: 'Change monitoring plan' });
    const links = form.getByRole('region', { name: 'Also evidence for' });
    await links.getByText('always linked to clause 9.1, control A.6.2.6 and, for a fairness plan, controls A.5.4 and A.6.2.4').waitFor();
    await links.getByRole('combobox', { name: 'Controls' }).fill('A.9.2');
    await page.getByRole('option', { name: /^A\.9\.2 / }).click();
    await links.getByRole('combobox', { name: 'Clauses' }).fill('9.3');
    await page.getByRole('option', { name: /^9\.3 Management review/ }).click();
    await links.getByRole('combobox', { name: 'Clauses' }).press('Escape');
    await links.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/plan-links-form.png' });

    // Only what changed is sent, with the version read.
    const sent = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().endsWith(`/monitoring/plans/${plan.id}`));
    await form.getByRole('button', { name: 'Save changes' }).click();
    assert.deepEqual((await sent).postDataJSON(), {
      controls: [{ framework: 'iso42001-2023', control: 'A.9.2' }],
      requirements: [{ framework: 'iso42001-2023', item: '9.3' }],
      version: plan.version,
    });

    // The plan page lists them with their titles, apart from what every run is evidence for.
    await page.waitForURL(new RegExp(`/monitoring/plans/${plan.ref}$`));
    const also = page.getByRole('list', { name: 'Also evidence for' });
    await also.locator('[data-link="iso42001-2023:A.9.2"]').getByText('Responsible use processes').waitFor();
    await also.locator('[data-link="iso42001-2023:9.3"]').getByText('Management review').waitFor();
    await page.getByRole('region', { name: 'Schedule and evidence' }).screenshot({ path: '/tmp/plan-links-plan.png' });

    // A run: its evidence item supports A.9.2 and clause 9.3 besides A.6.2.6 and 9.1.
    await uploadRun(page, DATA);
    await page.waitForURL(/\/monitoring\/runs\/RUN-\d{4}$/);
    await page
      .getByRole('region', { name: 'Evidence' })
      .getByRole('link', { name: /^EV-\d{4}$/ })
      .click();
    await page.waitForURL(/\/evidence\/EV-\d{4}$/);
    const supports = page.getByRole('region', { name: 'What it supports' });
    for (const link of ['control:A.9.2', 'control:A.6.2.6', 'control:A.5.4', 'requirement:9.3', 'requirement:9.1'])
      await supports.locator(`[data-link="${link}"]`).waitFor();
    await supports.screenshot({ path: '/tmp/plan-links-evidence.png' });

    assert.deepEqual(problems, []);
    await context.close();
  },
);
