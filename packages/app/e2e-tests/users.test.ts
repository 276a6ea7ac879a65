import { expect, test } from '@playwright/test';
import { BACKEND_URL, signInAs } from './signIn';

test('an admin adds a person and assigns roles', async ({ page }) => {
  const stamp = Date.now();
  const email = `e2e.${stamp}@waooaw.com`;
  const name = `E2E Person ${stamp}`;
  await signInAs(page, 'admin');
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: 'Users and principals' }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Add user' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  // An address outside the allowed domains is refused on the field, before any request.
  await dialog.getByLabel('Email').fill(`e2e.${stamp}@gmail.com`);
  await expect(
    dialog.getByText(
      'People sign in with Google Workspace: use an address ending in @waooaw.com',
    ),
  ).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Add user' })).toBeDisabled();
  await page.screenshot({
    path: 'node_modules/.cache/e2e-test-results/users-add-refused.png',
  });
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog).toBeHidden();

  // The new person is in the list at once, without a search.
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expect(
    page.getByPlaceholder('Search by name, email or entity'),
  ).toHaveValue('');

  for (const role of ['Helpdesk Agent', 'Viewer']) {
    await row.getByRole('button', { name: `Assign a role to ${name}` }).click();
    await page.getByRole('menuitem', { name: new RegExp(`^${role}`) }).click();
    const confirm = page.getByRole('dialog');
    await confirm
      .getByLabel('Reason (optional, kept in the role change log)')
      .fill('e2e journey');
    await confirm.getByRole('button', { name: 'Assign role' }).click();
    await expect(confirm).toBeHidden();
    await expect(row.getByText(role, { exact: true })).toBeVisible();
  }

  // Admin is exclusive: the menu offers it disabled, with the reason.
  await row.getByRole('button', { name: `Assign a role to ${name}` }).click();
  await expect(page.getByRole('menuitem', { name: /^Admin/ })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  await page.keyboard.press('Escape');

  await page.screenshot({
    path: 'node_modules/.cache/e2e-test-results/users-admin.png',
  });
});

test('a viewer sees no Users area and the API answers 403', async ({
  page,
}) => {
  // The viewer's own bearer token, as the app sends it to the backend.
  let authorization: string | undefined;
  page.on('request', req => {
    const header = req.headers().authorization;
    if (header?.startsWith('Bearer ') && req.url().includes('/api/')) {
      authorization = header;
    }
  });
  await signInAs(page, 'viewer');
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(
    nav.getByRole('link', { name: 'Users', exact: true }),
  ).toHaveCount(0);

  await page.goto('/pp/users');
  await expect(page.getByText('You need the Admin role')).toBeVisible();

  await expect.poll(() => authorization).toBeDefined();
  const backend = BACKEND_URL;
  const denied = await page.request.get(`${backend}/pp/v1/users`, {
    headers: { authorization: authorization! },
  });
  expect(denied.status()).toBe(403);
  expect((await denied.json()).error.name).toBe('NotAllowedError');
  const allowed = await page.request.get(`${backend}/pp/v1/roles`, {
    headers: { authorization: authorization! },
  });
  expect(allowed.status()).toBe(200);
});
