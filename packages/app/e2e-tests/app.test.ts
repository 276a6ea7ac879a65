import { expect, Page, test } from '@playwright/test';
import { signInAs } from './signIn';

// The catalog shows entity titles; these are the spec's 13 monitored services (catalog/services.yaml).
const SPEC_SERVICES = [
  'Authentication Service',
  'Customer Portal Backend',
  'Agent Execution Engine',
  'Orchestration Service',
  'Payment Service',
  'Notification Service',
  'Analytics Service',
  'Helpdesk Service',
  'Subscription Service',
  'Marketplace Service',
  'Trial Management Service',
  'Webhook Service',
  'Genesis Validator Service',
];

const signIn = (page: Page) => signInAs(page, 'viewer');

test('the home page carries the Platform Portal identity', async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveTitle(/Platform Portal/);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Home', exact: true }).last(),
  ).toBeVisible();
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(page.getByText(/Backstage/)).toHaveCount(0);
  await expect(page.getByRole('img', { name: /backstage/i })).toHaveCount(0);
});

test('the catalog lists the 13 monitored services and the AI agents', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog?filters[kind]=component&filters[type]=service');
  for (const name of SPEC_SERVICES) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByText(/\(13\)/).first()).toBeVisible();

  await page.goto('/catalog?filters[kind]=component&filters[type]=ai-agent');
  await expect(
    page.getByRole('link', { name: 'Genesis Validator', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', {
      name: 'Marketing Content Strategist',
      exact: true,
    }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'JEE Math Tutor', exact: true }),
  ).toBeVisible();
});

test('the API explorer shows the Platform Portal’s OpenAPI documents', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/api-docs');
  for (const name of [
    'Platform Portal API: Helpdesk',
    'Platform Portal API: Health monitoring',
    'Platform Portal API: Users, roles and access',
  ]) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible({
      timeout: 60_000,
    });
  }
  await page
    .getByRole('link', { name: 'Platform Portal API: Helpdesk', exact: true })
    .click();
  await page.getByText('Definition', { exact: true }).click();
  await expect(page.getByText('List tickets (the queue)')).toBeVisible({
    timeout: 30_000,
  });
  await page.screenshot({
    path: test.info().outputPath('api-explorer-helpdesk.png'),
    fullPage: true,
  });
});

test('Settings shows the person’s name and roles, not an entity reference', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/settings');
  // the dev bundle compiles the settings page on its first visit
  await expect(page.getByText('Your account')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText('Vik Viewer').first()).toBeVisible();
  await expect(page.getByText('Viewer', { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/user:pp\/|User Entity/)).toHaveCount(0);
  await page.screenshot({
    path: test.info().outputPath('settings-viewer.png'),
    fullPage: true,
  });
});
