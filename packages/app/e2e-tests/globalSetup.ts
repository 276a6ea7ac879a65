import { chromium, FullConfig } from '@playwright/test';

/**
 * Waits until the app really renders its sign-in page before the first journey starts.
 *
 * Playwright's webServer check is satisfied as soon as the dev server answers, but the first
 * webpack build of the frontend can take minutes on a busy two-core machine: until it is done every
 * page load hangs, and the first journeys would spend their whole timeout waiting for the bundle.
 */
export default async function globalSetup(config: FullConfig) {
  const { baseURL, launchOptions } = config.projects[0].use;
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await browser.newPage();
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      try {
        await page.goto(baseURL ?? 'http://localhost:3000', {
          timeout: 120_000,
        });
        await page
          .getByRole('button', { name: /^Sign in as / })
          .first()
          .waitFor({ timeout: 120_000 });
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(
            `The app did not show its sign-in page within 10 minutes: ${error}`,
          );
        }
      }
    }
  } finally {
    await browser.close();
  }
}
