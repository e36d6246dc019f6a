// The certification readiness view in a real browser: an owner opens Readiness, reads the overall
// figure and the figure of clause 6, narrows the list to clause 6, finds the gap "no approved
// Statement of Applicability" (6.1.3), follows its fix link to the SoA, approves it, comes back and
// finds the figure risen and the gap gone (a pass among all checks). A later "as of" day is
// evaluated and a past one refused on the field. An auditor then reads the same figures without
// any edit control. Needs Chromium (TRELLIS_CHROMIUM or /usr/bin/chromium) and a built UI.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { shots, startBrowserHarness, watchForPageErrors, type BrowserHarness, signIn, screenshot } from './browser-harness.ts';

const ORG = 'ready';
const OWNER = { email: 'owner@readiness-e2e.test', password: 'correct horse battery' };
const AUDITOR = { email: 'aude@readiness-e2e.test', name: 'Aude Auditor', password: 'a long enough passphrase' };
/** The gap the owner closes, and the check that passes with it (the approved SoA matches the live one). */
const SOA_APPROVED = '6.1.3-soa-approved';
const SOA_CURRENT = '6.1.3-soa-current';

let harness: BrowserHarness;
let browser: Browser;
let baseUrl: string;

before(async () => {
  harness = await startBrowserHarness({ name: 'Readiness Org', slug: ORG, email: OWNER.email, password: OWNER.password });
  ({ browser, baseUrl } = harness);
});

after(async () => {
  await harness?.stop();
});

interface Figures {
  overall: number;
  passed: number;
  total: number;
}

/** The overall figure as the page shows it: the ring's percentage and the "N of M checks pass" line. */
async function readFigures(page: Page): Promise<Figures> {
  const line = page.getByTestId('readiness-passed');
  const text = (await line.textContent()) ?? '';
  const match = /^(\d+) of (\d+) checks pass$/.exec(text.trim());
  assert.ok(match, `the figure line reads "N of M checks pass" (got "${text}")`);
  const ring = ((await page.getByTestId('readiness-overall').textContent()) ?? '').trim();
  const overall = Number(/^(\d+)%$/.exec(ring)?.[1]);
  const figures = { overall, passed: Number(match[1]), total: Number(match[2]) };
  // The ring's percentage is the share of passing checks, rounded down.
  assert.equal(figures.overall, Math.floor((figures.passed * 100) / figures.total), `overall ${ring} for ${text}`);
  return figures;
}

/** The figure of one clause or Annex A area, read from its button's accessible name. */
async function readGroup(page: Page, group: string): Promise<{ button: Locator; score: number; passed: number; total: number }> {
  const button = page.locator(`button[data-group="${group}"]`);
  const name = (await button.getAttribute('aria-label')) ?? '';
  const match = /: (\d+)%, (\d+) of (\d+) checks pass$/.exec(name);
  assert.ok(match, `the button of ${group} names its figure (got "${name}")`);
  return { button, score: Number(match[1]), passed: Number(match[2]), total: Number(match[3]) };
}

async function openReadiness(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Readiness' }).click();
  await page.getByRole('heading', { level: 1, name: 'Certification readiness' }).waitFor();
  await page.getByTestId('readiness-passed').waitFor();
}

test('an owner follows a readiness gap to its fix and the figure rises', { timeout: 180_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const problems = watchForPageErrors(page);
  await signIn(page, baseUrl, ORG, OWNER.email, OWNER.password);

  // A new organization: far from ready, and every figure adds up.
  await openReadiness(page);
  const before = await readFigures(page);
  assert.ok(before.total > 0 && before.passed < before.total, `a new organization has gaps (${before.passed}/${before.total})`);
  const gaps = page.getByRole('table', { name: 'Gaps' });
  assert.equal(await gaps.locator('tr[data-rule]').count(), before.total - before.passed, 'one row per gap');
  await page.getByRole('radio', { name: `Gaps (${before.total - before.passed})` }).waitFor({ state: 'attached' });
  // Most important first: the priorities never go down the list.
  const priorities = await gaps.locator('tr[data-rule]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-priority'))));
  assert.deepEqual(
    priorities,
    [...priorities].sort((a, b) => a - b),
    'gaps are ordered by priority',
  );
  assert.equal(priorities[0], 1);
  const clause6 = await readGroup(page, '6');
  assert.ok(clause6.passed < clause6.total);
  await screenshot(page, 'readiness-overview.png', { fullPage: false });

  // Narrowing to clause 6 lists only its gaps; the SoA approval gap is among them.
  await clause6.button.click();
  await page.locator('button[data-group="6"][aria-pressed="true"]').waitFor();
  await page.getByRole('heading', { level: 2, name: /Gaps, most important first · Clause 6/ }).waitFor();
  const rows = gaps.locator('tr[data-rule]');
  assert.equal(await rows.count(), clause6.total - clause6.passed, 'the gaps of clause 6 only');
  assert.deepEqual([...new Set(await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-group'))))], ['6']);
  assert.match(page.url(), /[?&]group=6(&|$)/);
  const gap = gaps.locator(`tr[data-rule="${SOA_APPROVED}"]`);
  await gap.getByText('6.1.3', { exact: true }).waitFor();
  await gap.getByText('Approved Statement of Applicability').waitFor();
  await gap.getByText('The Statement of Applicability, approved', { exact: false }).waitFor();
  await gap.getByTestId('check-detail').filter({ hasText: 'No version of the Statement of Applicability has been approved.' }).waitFor();
  await gaps.locator(`tr[data-rule="${SOA_CURRENT}"]`).waitFor();
  await page.screenshot({ path: path.join(shots, 'readiness-clause-6.png'), fullPage: true });

  // The fix link leads to the SoA, where the owner approves it.
  await gap.getByRole('link', { name: 'Approve the Statement of Applicability' }).click();
  await page.waitForURL(new RegExp(`/orgs/${ORG}/controls$`));
  await page.getByRole('heading', { level: 1, name: 'Controls & Statement of Applicability' }).waitFor();
  await page.getByRole('button', { name: 'Approve this SoA' }).click();
  const approve = page.getByRole('dialog', { name: 'Approve this SoA' });
  await approve.getByRole('textbox', { name: 'Comment' }).fill('First SoA, approved ahead of the stage 1 audit.');
  await approve.getByRole('button', { name: 'Approve', exact: true }).click();
  const approved = page.getByRole('dialog', { name: 'SoA version 1 approved' });
  await approved.getByRole('button', { name: 'Done' }).click();
  await approved.waitFor({ state: 'detached' });

  // Back in Readiness: the figure rose, and the gap is gone from the list.
  await openReadiness(page);
  await page
    .getByTestId('readiness-passed')
    .filter({ hasNotText: `${before.passed} of ${before.total}` })
    .waitFor();
  const afterFix = await readFigures(page);
  assert.equal(afterFix.total, before.total, 'the same checks are evaluated');
  assert.ok(afterFix.passed > before.passed, `more checks pass (${before.passed} → ${afterFix.passed})`);
  assert.ok(afterFix.overall > before.overall, `the figure rises (${before.overall}% → ${afterFix.overall}%)`);
  const clause6After = await readGroup(page, '6');
  assert.equal(clause6After.total, clause6.total);
  assert.equal(clause6After.passed - clause6.passed, afterFix.passed - before.passed, 'the checks that now pass are in clause 6');
  assert.ok(clause6After.score > clause6.score);
  assert.equal(await gaps.locator(`tr[data-rule="${SOA_APPROVED}"]`).count(), 0, 'the gap is gone');
  assert.equal(await gaps.locator('tr[data-rule]').count(), afterFix.total - afterFix.passed);

  // Among all checks it is a pass, with what was found.
  await page.getByText(`All checks (${afterFix.total})`).click();
  const all = page.getByRole('table', { name: 'All checks' });
  const passed = all.locator(`tr[data-rule="${SOA_APPROVED}"]`);
  assert.equal(await passed.getAttribute('data-status'), 'pass');
  await passed
    .getByTestId('check-detail')
    .filter({ hasText: /^Version 1 approved \d{4}-\d{2}-\d{2}\.$/ })
    .waitFor();
  assert.equal(await all.locator('tr[data-rule]').count(), afterFix.total);
  assert.match(page.url(), /[?&]show=all(&|$)/);
  await screenshot(page, 'readiness-all-checks.png', { fullPage: false });
  await passed.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'readiness-pass-row.png') });

  // A later day (the planned audit date) is evaluated; a past day is refused on the field.
  const asOf = page.getByRole('textbox', { name: 'As of' });
  const auditDay = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  await asOf.fill(auditDay);
  await page.waitForURL(new RegExp(`[?&]asOf=${auditDay}(&|$)`));
  await page.waitForFunction((day) => {
    const text = document.querySelector('[data-testid="readiness-evaluated"]')?.textContent ?? '';
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
    return text.includes(expected);
  }, auditDay);
  await asOf.fill('2001-01-01');
  await page.getByText('Choose today or a later day.').waitFor();
  assert.match(page.url(), new RegExp(`asOf=${auditDay}`), 'a past day is not evaluated');

  assert.deepEqual(problems, []);
  await context.close();
});

test('an auditor reads the readiness view without any edit control', { timeout: 120_000 }, async () => {
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const owner = await ownerContext.newPage();
  const problems = watchForPageErrors(owner);
  await signIn(owner, baseUrl, ORG, OWNER.email, OWNER.password);
  const { inviteUrl } = await owner.evaluate(
    async ({ org, email }) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(`/api/orgs/${org}/members`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({ email, role: 'auditor' }),
      });
      if (!response.ok) throw new Error(`invite: ${response.status} ${await response.text()}`);
      return (await response.json()) as { inviteUrl: string };
    },
    { org: ORG, email: AUDITOR.email },
  );
  await openReadiness(owner);
  const ownerFigures = await readFigures(owner);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  problems.push(...watchForPageErrors(page));
  await page.goto(inviteUrl);
  await page.getByLabel('Your name').fill(AUDITOR.name);
  await page.getByRole('textbox', { name: 'Choose a password', exact: true }).fill(AUDITOR.password);
  await page.getByRole('textbox', { name: 'Repeat the password', exact: true }).fill(AUDITOR.password);
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await page.waitForURL(new RegExp(`/orgs/${ORG}$`));

  await openReadiness(page);
  await page.getByText('As an Auditor you read this view', { exact: false }).waitFor();
  assert.deepEqual(await readFigures(page), ownerFigures, 'the auditor sees the figures the owner sees');
  // Buttons filter and switch the view; nothing on the page writes.
  const buttons = await page
    .locator('main button')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
  for (const name of buttons) assert.doesNotMatch(name, /save|approve|delete|edit|record/i, `no edit control ("${name}")`);
  // A gap leads a reader to the records behind it, not to an action they may not take.
  assert.equal(await page.getByRole('link', { name: 'Approve the Statement of Applicability' }).count(), 0);
  assert.equal(
    await page
      .locator('main a')
      .filter({ hasText: /^Link current evidence/ })
      .count(),
    0,
  );
  assert.ok((await page.getByRole('link', { name: 'See the records' }).count()) > 0);
  await screenshot(page, 'readiness-auditor.png', { fullPage: false });

  assert.deepEqual(problems, []);
  await context.close();
  await ownerContext.close();
});
