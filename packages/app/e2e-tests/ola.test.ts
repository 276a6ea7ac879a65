import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

const SHOTS =
  process.env.PP_E2E_SHOTS_DIR ?? 'node_modules/.cache/e2e-test-results';

/**
 * The OLA and breach sections of SLA compliance. An infrastructure engineer defines an OLA on the
 * demo's tickets; the OLA job (every 5 s in the e2e run) times them and the clocks show in words;
 * the breaches section lists the demo's SLA breaches with who may record a root cause.
 */
test('an infrastructure engineer defines an OLA and its clocks start', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signInAs(page, 'infrastructure_engineer');
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'SLA compliance', exact: true })
    .click();
  const sections = page.getByRole('tablist', { name: 'SLA sections' });
  // credits are for admins
  await expect(sections.getByRole('tab', { name: 'Credits' })).toHaveCount(0);
  await sections.getByRole('tab', { name: 'OLAs' }).click();
  await expect(page).toHaveURL(/\/pp\/sla\/ola$/);

  const name = `Helpdesk answers tickets ${Date.now().toString(36)}`;
  await page.getByRole('button', { name: 'Define an OLA' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Team that commits').fill('Helpdesk');
  await dialog.getByLabel('Team it serves').fill('Customer success');
  await dialog.getByRole('button', { name: /^What is timed/ }).click();
  await page
    .getByRole('option', {
      name: 'A ticket, from created to its first response',
    })
    .click();
  await dialog.getByLabel('Within').fill('4');
  await dialog.getByRole('button', { name: /^Unit/ }).click();
  await page.getByRole('option', { name: 'hours', exact: true }).click();
  await expect(
    dialog.getByText('Respond to the ticket within 4 h'),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Define the OLA' }).click();
  await expect(dialog).toHaveCount(0);

  // the OLA in sentences, never its keys
  const olas = page.getByRole('table', { name: 'OLAs' });
  await expect(olas.getByText(name)).toBeVisible();
  await expect(olas.getByText('Helpdesk → Customer success')).toBeVisible();
  await expect(
    olas.getByText('Ticket created → first response to the ticket'),
  ).toBeVisible();
  await expect(page.getByText('ticket_created')).toHaveCount(0);

  // the OLA job times the demo's tickets against it
  const clocks = page.getByRole('table', { name: 'OLA clocks' });
  await expect(async () => {
    await page.reload();
    await expect(clocks.getByText(name).first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });
  await expect(
    clocks.getByText(/^(Running|Met|Met late|Breached)$/).first(),
  ).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/sla-ola.png`, fullPage: true });

  // the breaches section: who may record a root cause sees the button
  await sections.getByRole('tab', { name: 'Breaches' }).click();
  await expect(page).toHaveURL(/\/pp\/sla\/breaches/);
  const breaches = page.getByRole('table', { name: 'SLA and OLA breaches' });
  await expect(breaches).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/sla-breaches.png`, fullPage: true });
});

test('an admin reads the SLA credits and exports them', async ({ page }) => {
  await signInAs(page, 'admin');
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'SLA compliance', exact: true })
    .click();
  await page
    .getByRole('tablist', { name: 'SLA sections' })
    .getByRole('tab', { name: 'Credits' })
    .click();
  await expect(page).toHaveURL(/\/pp\/sla\/credits$/);
  await expect(page.getByText(/credit/i).first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toBe('sla-credits.csv');
  await page.screenshot({ path: `${SHOTS}/sla-credits.png`, fullPage: true });
});
