import { expect, test } from '@playwright/test';
import { BACKEND_URL as BACKEND, DEMO_USERS } from './signIn';

test('a refused sign-in shows its reason on the sign-in page', async ({
  page,
  request,
}) => {
  // Set-up through the API as the demo admin: deactivate the subscription manager.
  const signIn = await request.get(`${BACKEND}/api/auth/pp-dev/refresh`, {
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      'x-pp-dev-user': 'founder@waooaw.com',
      'x-pp-dev-session': `e2e-${Date.now()}-session-id`,
      'x-pp-dev-fresh': '1',
    },
  });
  const admin = `Bearer ${(await signIn.json()).backstageIdentity.token}`;
  const found = await request.get(
    `${BACKEND}/pp/v1/users?search=sam.subscriptions`,
    { headers: { authorization: admin } },
  );
  const sam = (await found.json()).items[0];
  const setStatus = (status: string) =>
    request.put(`${BACKEND}/pp/v1/users/${sam.id}`, {
      headers: { authorization: admin },
      data: { status },
    });
  expect((await setStatus('inactive')).status()).toBe(200);

  try {
    await page.goto('/');
    await page
      .getByRole('button', {
        name: `Sign in as ${DEMO_USERS.subscription_manager}`,
      })
      .click();
    await expect(
      page.getByText(/account is inactive; ask an admin/),
    ).toBeVisible();
    await page.screenshot({
      path: 'node_modules/.cache/e2e-test-results/sign-in-refused.png',
    });
  } finally {
    expect((await setStatus('active')).status()).toBe(200);
  }
});

test('signing out ends the PP session on the backend', async ({
  page,
  request,
}) => {
  let authorization: string | undefined;
  page.on('request', req => {
    const header = req.headers().authorization;
    if (header?.startsWith('Bearer ') && req.url().startsWith(BACKEND)) {
      authorization = header;
    }
  });
  await page.goto('/');
  await page
    .getByRole('button', { name: `Sign in as ${DEMO_USERS.viewer}` })
    .click();
  await page.goto('/settings');
  await expect.poll(() => authorization).toBeDefined();
  const token = authorization!;
  const me = () =>
    request.get(`${BACKEND}/pp/v1/users/me`, {
      headers: { authorization: token },
    });
  expect((await me()).status()).toBe(200);

  await page.getByTestId('user-settings-menu').click();
  await page.getByRole('menuitem', { name: /sign out/i }).click();
  await expect(
    page.getByRole('button', { name: `Sign in as ${DEMO_USERS.viewer}` }),
  ).toBeVisible();
  await expect.poll(async () => (await me()).status()).toBe(401);
});
