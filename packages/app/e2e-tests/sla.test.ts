import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

const SHOTS =
  process.env.PP_E2E_SHOTS_DIR ?? 'node_modules/.cache/e2e-test-results';

test('a viewer reads the SLA compliance dashboard and an agent’s SLA', async ({
  page,
}) => {
  await signInAs(page, 'viewer');
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'SLA compliance', exact: true })
    .click();
  await expect(page).toHaveURL(/\/pp\/sla$/);
  await expect(
    page.getByRole('heading', { name: 'SLA compliance', exact: true }),
  ).toHaveCount(1);
  // the embedded default's demo SLAs: the catalog's agents, named in words
  const table = page.getByRole('table', {
    name: 'Agents and their SLA compliance',
  });
  await expect(
    table.getByRole('link', { name: 'Genesis validator' }),
  ).toBeVisible();
  await expect(
    table.getByText('genesis-validator', { exact: true }),
  ).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/sla-dashboard.png`, fullPage: true });

  await table.getByRole('link', { name: 'Genesis validator' }).click();
  await expect(page).toHaveURL(/\/pp\/sla\/agents\/genesis-validator$/);
  await expect(
    page.getByRole('heading', { name: 'Genesis validator' }),
  ).toBeVisible();
  const metrics = page.getByRole('table', { name: 'SLA metrics' });
  await expect(metrics.getByText('Uptime', { exact: true })).toBeVisible();
  // premium template
  await expect(metrics.getByText('≥ 99.95 %')).toBeVisible();
  await expect(metrics.getByText('< 1000 ms')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/sla-agent.png`, fullPage: true });
});

test('a helpdesk agent has no SLA entry in the sidebar', async ({ page }) => {
  await signInAs(page, 'helpdesk_agent');
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Helpdesk', exact: true }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'SLA compliance', exact: true }),
  ).toHaveCount(0);
});
