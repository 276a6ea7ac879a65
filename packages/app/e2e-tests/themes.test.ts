import { expect, Page, test } from '@playwright/test';
import { signInAs } from './signIn';

const bodyBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the three themes are offered; Dark paints #0a0a0a and is remembered per person', async ({
  browser,
}) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await signInAs(page, 'infrastructure_engineer');
  await page.goto('/settings');
  for (const title of ['Dark', 'White', 'Vibrant']) {
    await expect(
      page.getByRole('button', { name: title, exact: true }),
    ).toBeVisible();
  }
  await expect(
    page.getByRole('button', { name: 'Light', exact: true }),
  ).toHaveCount(0);

  await page.getByRole('button', { name: 'Dark', exact: true }).click();
  await expect.poll(() => bodyBackground(page)).toBe('rgb(10, 10, 10)');
  await page.screenshot({
    path: 'node_modules/.cache/e2e-test-results/theme-dark.png',
  });
  await page.getByRole('button', { name: 'White', exact: true }).click();
  await expect.poll(() => bodyBackground(page)).toBe('rgb(255, 255, 255)');
  await page.getByRole('button', { name: 'Dark', exact: true }).click();
  await expect.poll(() => bodyBackground(page)).toBe('rgb(10, 10, 10)');
  await first.close();

  // Another browser (empty local storage): the same person gets their Dark theme back.
  const second = await browser.newContext();
  const again = await second.newPage();
  await signInAs(again, 'infrastructure_engineer');
  await expect.poll(() => bodyBackground(again)).toBe('rgb(10, 10, 10)');
  await second.close();

  // Someone else keeps their own choice.
  const third = await browser.newContext();
  const other = await third.newPage();
  await signInAs(other, 'viewer');
  await expect.poll(() => bodyBackground(other)).not.toBe('rgb(10, 10, 10)');
  await third.close();
});
