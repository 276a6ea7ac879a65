import { expect, test } from '@playwright/test';
import { openInApp, signInAs } from './signIn';

const SERVICE = '/catalog/default/component/payment-service';

test("a service's overview shows the PP cards each person may read", async ({
  page,
}) => {
  await signInAs(page, 'viewer');
  await openInApp(page, SERVICE);
  await expect(page.getByRole('heading', { name: 'Health' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    page.getByRole('heading', { name: 'Open tickets' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', {
      name: 'TKT-000001 · Payments failing with 502 from payment-service',
    }),
  ).toBeVisible({ timeout: 60_000 });
  // nothing is left that only says "this component does not provide any APIs"
  await expect(page.getByText(/Learn how to change this/)).toHaveCount(0);
  await page.getByRole('link', { name: 'All of its tickets' }).click();
  await expect(page).toHaveURL(/\/payment-service\/tickets$/);
});

test('a helpdesk agent sees the Open tickets card but no Health card', async ({
  page,
}) => {
  await signInAs(page, 'helpdesk_agent');
  await openInApp(page, SERVICE);
  await expect(page.getByRole('heading', { name: 'Open tickets' })).toBeVisible(
    { timeout: 60_000 },
  );
  await expect(page.getByText('About', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Health' })).toHaveCount(0);
});
