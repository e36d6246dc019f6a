// The foundation journey in a real browser: an owner signs in, invites a member,
// changes the member's role, finds both in the audit log; the invitee accepts the
// link in a fresh browser and lands in the app. Needs Chromium (TRELLIS_CHROMIUM or
// /usr/bin/chromium) and a built UI (`npm run build`); `npm test` takes care of both.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { shots, startBrowserHarness, watchForPageErrors, type BrowserHarness } from './browser-harness.ts';

const OWNER = { email: 'owner@e2e.test', password: 'correct horse battery' };
const INVITEE = { email: 'new.member@e2e.test', name: 'Nadia Member', password: 'a long enough passphrase' };

let harness: BrowserHarness;
let browser: Browser;
let baseUrl: string;

before(async () => {
  harness = await startBrowserHarness({ name: 'E2E Org', slug: 'e2e', email: OWNER.email, password: OWNER.password });
  ({ browser, baseUrl } = harness);
});

after(async () => {
  await harness?.stop();
});

/** Picks an option of a Mantine Select whose input has the given accessible name. */
async function chooseOption(page: Page, selectLabel: string, option: RegExp): Promise<void> {
  await page.getByRole('combobox', { name: selectLabel, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

test('an owner invites a member, changes their role, audits it; the invitee joins', { timeout: 180_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const problems = watchForPageErrors(page);

  // Signing in: the app sends a visitor without a session to /login.
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login/);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'The email or password is wrong' }).waitFor();
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/orgs\/e2e$/);
  await page.getByRole('heading', { level: 1, name: 'E2E Org' }).waitFor();

  const nav = page.getByRole('navigation', { name: 'Organization' });
  // The planned AIMS areas are shown but are not links.
  assert.equal(await nav.getByRole('link', { name: /Documents/ }).count(), 0);
  assert.equal(await nav.getByText('Documents', { exact: true }).count(), 1);

  // Inviting a contributor shows the invitation link once.
  await nav.getByRole('link', { name: 'Members & roles' }).click();
  await page.getByRole('heading', { level: 1, name: 'Members & roles' }).waitFor();
  await page.getByRole('button', { name: 'Invite member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite member' });
  await dialog.getByLabel('Email').fill(INVITEE.email);
  await chooseOption(page, 'Role', /^Contributor/);
  await dialog.getByRole('button', { name: 'Create invitation' }).click();
  const linkField = dialog.getByRole('textbox', { name: 'Invitation link' });
  await linkField.waitFor();
  const inviteUrl = await linkField.inputValue();
  assert.match(inviteUrl, new RegExp(`^${baseUrl}/invite/[A-Za-z0-9_-]{20,}$`));
  await dialog.getByText('Shown only once', { exact: true }).waitFor();
  await page.screenshot({ path: path.join(shots, 'members-invitation-link.png') });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // The invitee appears as invited; the owner makes them an auditor.
  const row = page.locator(`tr[data-member-email="${INVITEE.email}"]`);
  await row.getByText('Invited', { exact: true }).waitFor();
  const roleSelect = row.getByRole('combobox', { name: 'Role of new.member' });
  assert.equal(await roleSelect.inputValue(), 'Contributor');
  await chooseOption(page, 'Role of new.member', /^Auditor/);
  await page.getByRole('status').filter({ hasText: 'is now Auditor' }).waitFor();
  assert.equal(await roleSelect.inputValue(), 'Auditor');
  await page.screenshot({ path: path.join(shots, 'members.png') });

  // Both changes are in the audit log, and the hash chain verifies.
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  const invited = page.locator('tr[data-action="member.invited"]');
  const roleChanged = page.locator('tr[data-action="member.role-changed"]');
  await invited.first().waitFor();
  await roleChanged.first().waitFor();
  assert.equal(await invited.count(), 1);
  assert.equal(await roleChanged.count(), 1);
  await roleChanged.getByRole('button', { name: /Show details of member\.role-changed/ }).click();
  await page.getByText('Changed: role, updatedAt, version').waitFor();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await page.getByText('Audit chain intact').waitFor();
  await page.screenshot({ path: path.join(shots, 'audit-log.png') });

  // Filtering by the action group keeps only member events.
  await page.getByRole('combobox', { name: 'Action', exact: true }).fill('member.');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  // The table may be briefly empty while the filtered page loads: wait for the rows themselves.
  await page.locator('tr[data-action^="auth."]').first().waitFor({ state: 'detached' });
  await page.locator('tr[data-action^="member."]').nth(2).waitFor();
  assert.equal(await page.locator('tr[data-action]:not([data-action^="member."])').count(), 0);

  // The invitee opens the link in a browser of their own and creates their account.
  const inviteeContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const invitee = await inviteeContext.newPage();
  problems.push(...watchForPageErrors(invitee));
  await invitee.goto(inviteUrl);
  await invitee.getByRole('heading', { name: 'Join E2E Org' }).waitFor();
  await invitee.getByText(INVITEE.email).waitFor();
  await invitee.getByText('Auditor', { exact: true }).waitFor();
  await invitee.getByLabel('Your name').fill(INVITEE.name);
  await invitee.getByRole('textbox', { name: 'Choose a password', exact: true }).fill(INVITEE.password);
  await invitee.getByRole('textbox', { name: 'Repeat the password', exact: true }).fill(INVITEE.password);
  await invitee.screenshot({ path: path.join(shots, 'invitation-accept.png'), fullPage: true });
  await invitee.getByRole('button', { name: 'Create account and join' }).click();
  await invitee.waitForURL(/\/orgs\/e2e$/);
  await invitee.getByRole('heading', { level: 1, name: 'E2E Org' }).waitFor();
  await invitee.getByRole('button', { name: `User menu for ${INVITEE.name}` }).waitFor();
  // As an auditor they see their role and the audit trail, including their own joining.
  await invitee.getByText('Auditor', { exact: true }).first().waitFor();
  await invitee.locator('tr[data-action="member.joined"]').waitFor();
  await invitee.screenshot({ path: path.join(shots, 'invitee-overview.png') });

  // The invitation link worked once.
  const reused = await inviteeContext.newPage();
  await reused.goto(inviteUrl);
  await reused.getByText('This link does not work any more').waitFor();

  // Back with the owner: the member is active now.
  await nav.getByRole('link', { name: 'Members & roles' }).click();
  await row.getByText('Active', { exact: true }).waitFor();

  assert.deepEqual(problems, []);
  await inviteeContext.close();
  await context.close();
});
