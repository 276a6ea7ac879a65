import { expect, Page, test } from '@playwright/test';
import { signInAs } from './signIn';

const SHOTS = process.env.PP_E2E_SHOTS_DIR ?? '/tmp/pp/shots';

async function openMyAccess(page: Page) {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'My access' })
    .click();
  await expect(page).toHaveURL(/\/pp\/my-access/);
  await expect(page.getByText('Signed in as Vik Viewer (demo)')).toBeVisible();
}

test('a viewer requests a role on My access and an admin approves it', async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const reason = `E2E: I run the agent fleet on weekends ${Date.now()}`;

  // Vik asks for Helpdesk Agent (not a role a later journey's viewer checks against, e.g. the orchestration board's Create button).
  const vikContext = await browser.newContext();
  const vik = await vikContext.newPage();
  await signInAs(vik, 'viewer');
  await openMyAccess(vik);
  await expect(vik.getByText('My roles', { exact: true })).toBeVisible();
  await expect(vik.getByText('What I can do', { exact: true })).toBeVisible();
  // Their own session, the limit and what ends sessions.
  const sessions = vik.getByRole('list', { name: 'My sessions' });
  await expect(sessions.getByText('This browser')).toBeVisible();
  await expect(sessions.getByText('Signed in now')).toBeVisible();
  await expect(vik.getByText(/up to 5 browsers or devices/)).toBeVisible();
  await expect(
    vik.getByText(/A change to your roles ends all your sessions/),
  ).toBeVisible();

  await vik.getByRole('button', { name: 'Request a role' }).click();
  const dialog = vik.getByRole('dialog');
  await dialog.getByRole('button', { name: /Role/ }).click();
  // Roles Vik holds are not offered.
  await expect(
    vik.getByRole('option', { name: 'Viewer', exact: true }),
  ).toHaveCount(0);
  await vik.getByRole('option', { name: 'Helpdesk Agent' }).click();
  const send = dialog.getByRole('button', { name: 'Send request' });
  await dialog.getByLabel(/Reason/).fill('too short');
  await expect(send).toBeDisabled();
  await dialog.getByLabel(/Reason/).fill(reason);
  await send.click();
  await expect(dialog).toBeHidden();
  const mine = vik.getByRole('row', { name: new RegExp(reason) });
  await expect(mine).toBeVisible();
  await expect(mine.getByText('Pending')).toBeVisible();

  // Screenshots in the three themes.
  for (const theme of ['Dark', 'White', 'Vibrant']) {
    await vik.goto('/settings');
    await vik.getByRole('button', { name: theme, exact: true }).click();
    await vik.goto('/pp/my-access');
    await expect(mine).toBeVisible();
    await vik.screenshot({
      path: `${SHOTS}/myaccess-${theme.toLowerCase()}.png`,
      fullPage: true,
    });
  }
  await vikContext.close();

  // Farah approves it on the Users page.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, 'admin');
  await admin.goto('/pp/users/role-requests');
  const request = admin.getByRole('row', { name: new RegExp(reason) });
  await expect(request).toBeVisible();
  await request.getByRole('button', { name: /^Approve request/ }).click();
  const confirm = admin.getByRole('dialog');
  // the admin is told that approving ends the person's sessions
  await expect(
    confirm.getByText(/^Changing roles signs .+ out everywhere at once/),
  ).toBeVisible();
  await confirm.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(request).toBeHidden();
  await adminContext.close();

  // Vik signs in again and holds the role; the request shows approved.
  const againContext = await browser.newContext();
  const again = await againContext.newPage();
  await signInAs(again, 'viewer');
  await openMyAccess(again);
  const roles = again.locator('.MuiCard-root').filter({ hasText: 'My roles' });
  // The role's chip (its description names it too).
  await expect(
    roles.locator('.MuiChip-label', { hasText: /^Helpdesk Agent$/ }),
  ).toBeVisible();
  const decided = again.getByRole('row', { name: new RegExp(reason) });
  await expect(decided.getByText('Approved')).toBeVisible();
  await again.screenshot({
    path: `${SHOTS}/myaccess-sessions.png`,
    fullPage: true,
  });

  // Vik ends this session from My access: back to the sign-in page.
  await again.getByRole('button', { name: 'Sign out of this session' }).click();
  await expect(
    again.getByRole('button', { name: /^Sign in as / }).first(),
  ).toBeVisible();
  await againContext.close();
});
