import { expect, Page, test } from '@playwright/test';
import { DEMO_USERS, openInApp, signInAs } from './signIn';

const SHOTS = process.env.PP_E2E_SHOTS_DIR ?? '/tmp';

/** A name no earlier run used (a retry runs against the same backend). */
const unique = (name: string) => `${name} ${Date.now() % 100000}`;

/** Picks `option` in the Material UI select labelled `label` of the wizard. */
async function choose(page: Page, label: string, option: string) {
  await page
    .getByRole('dialog')
    .getByRole('button', { name: new RegExp(`^${label}`) })
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('an orchestrator sees the operational readiness of a new agent and overrides a limit with a reason', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAs(page, 'agent_orchestrator');
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Orchestration', exact: true })
    .click();
  const name = unique('Readiness Tutor');
  await page.getByRole('button', { name: 'Create agent' }).click();
  const wizard = page.getByRole('dialog');
  await wizard.getByLabel(/Agent name/).fill(name);
  await choose(page, 'Industry', 'Education');
  await choose(page, 'Specialty', 'JEE mathematics');
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByRole('button', { name: 'Ask Genesis' }).click();
  await wizard.getByRole('link', { name: 'Open the creation' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();

  const card = page.getByTestId('readiness-card');
  await expect(
    card.getByText('API rate limit: 100 API calls per minute'),
  ).toBeVisible();
  await expect(card.getByText('Memory: 2 GB of RAM')).toBeVisible();
  await expect(
    card.getByText('Log retention: 183 days of logs kept'),
  ).toBeVisible();
  await expect(card.getByText('Platform default.')).toHaveCount(8);
  await expect(card.getByTestId('readiness-no-customers')).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: `${SHOTS}/readiness-card-defaults.png`,
    fullPage: true,
  });

  await card.getByRole('button', { name: 'Override' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('CPU', { exact: true }).fill('40');
  await expect(dialog.getByText('Between 0.25 and 32.')).toBeVisible();
  await dialog.getByLabel('CPU', { exact: true }).fill('3');
  await dialog
    .getByLabel('Reason')
    .fill('OCR of scanned exam papers needs a third CPU');
  await page.screenshot({ path: `${SHOTS}/readiness-override-dialog.png` });
  await dialog.getByRole('button', { name: 'Save overrides' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card.getByText('CPU: 3 CPUs')).toBeVisible();
  await expect(
    card.getByText(
      new RegExp(
        `Overridden by ${DEMO_USERS.agent_orchestrator.replace(
          /[()]/g,
          '\\$&',
        )} on .*Why: OCR of scanned exam papers needs a third CPU`,
      ),
    ),
  ).toBeVisible();
  await expect(page.getByText(/quotas\.cpu|rate_limits|user:pp\//)).toHaveCount(
    0,
  );
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: `${SHOTS}/readiness-card-overridden.png`,
    fullPage: true,
  });
});

test('a seeded catalog agent’s Creation tab says it has no creation', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAs(page, 'viewer');
  // a fresh backend's catalog reads its YAML files in the background: wait for the agent
  await expect(async () => {
    await openInApp(
      page,
      '/catalog/default/component/marketing-content-strategist',
    );
    await expect(
      page.getByRole('heading', { name: 'Marketing Content Strategist' }),
    ).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 240_000 });
  await page
    .getByRole('link', { name: 'Creation', exact: true })
    .click({ timeout: 60_000 });
  await expect(page).toHaveURL(/\/creation$/);
  await expect(page.getByTestId('no-creation')).toContainText(
    'Marketing Content Strategist was not created through the portal’s agent creation',
  );
  await page.screenshot({
    path: `${SHOTS}/readiness-entity-tab-no-creation.png`,
    fullPage: true,
  });
  // services get no Creation tab
  await openInApp(page, '/catalog/default/component/payment-service');
  await expect(
    page.getByRole('link', { name: 'Tickets', exact: true }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByRole('link', { name: 'Creation', exact: true }),
  ).toHaveCount(0);
});
