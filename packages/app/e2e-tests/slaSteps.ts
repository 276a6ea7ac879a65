import { expect, Page } from '@playwright/test';

/**
 * On an agent's creation page with a submitted handoff: the SLA item is not satisfied (the SLA/OLA
 * plugin has no SLA for the agent), so the orchestrator follows "Define the SLA", saves a premium
 * SLA for the agent the link chose, and comes back to the creation page.
 */
export async function defineSlaFromHandoff(page: Page, name: string) {
  const creationUrl = page.url();
  await expect(
    page.getByText('SLA defined and agreed: not satisfied'),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Define the SLA' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Define an SLA')).toBeVisible();
  // the link chose the agent (by its name once the catalog lists it)
  await expect(dialog.getByRole('button', { name: /^Agent/ })).not.toHaveText(
    /^\s*$/,
  );
  await dialog.getByRole('button', { name: /^SLA/ }).click();
  await page.getByRole('option', { name: /^Premium/ }).click();
  await dialog.getByRole('button', { name: 'Save the SLA' }).click();
  await expect(page).toHaveURL(/\/pp\/sla\/agents\//);
  await expect(page.getByText(/Premium SLA, version 1/)).toBeVisible();
  await page.goto(creationUrl);
  await expect(page.getByRole('heading', { name }).first()).toBeVisible();
}

/**
 * On the handoff's review page: PP checks pending checklists again every few seconds in the e2e
 * run (`handoffOlaCheckSeconds`), so the SLA defined after the submission shows and Accept turns
 * on; then the reviewer accepts.
 */
export async function acceptOnceChecked(infra: Page) {
  await expect(async () => {
    await infra.reload();
    await expect(
      infra.getByText('SLA defined and agreed: satisfied'),
    ).toBeVisible({ timeout: 3_000 });
    await expect(infra.getByRole('button', { name: 'Accept' })).toBeEnabled({
      timeout: 3_000,
    });
  }).toPass({ timeout: 90_000 });
  await infra.getByRole('button', { name: 'Accept' }).click();
}
