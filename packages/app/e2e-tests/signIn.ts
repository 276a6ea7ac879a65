import { expect, Page } from '@playwright/test';

/** The backend the journeys talk to directly (see playwright.config.ts for the ports). */
export const BACKEND_URL =
  process.env.PLAYWRIGHT_BACKEND_URL ??
  `http://localhost:${process.env.PP_E2E_BACKEND_PORT ?? 8015}`;

/** The seeded demo people (embedded default), one per role. */
export const DEMO_USERS = {
  admin: 'Farah Founder (demo admin)',
  subscription_manager: 'Sam Subscriptions (demo)',
  agent_orchestrator: 'Olu Orchestrator (demo)',
  infrastructure_engineer: 'Ines Infra (demo)',
  helpdesk_agent: 'Hari Helpdesk (demo)',
  industry_manager: 'Ira Industry (demo)',
  viewer: 'Vik Viewer (demo)',
} as const;

/** Signs in through the dev sign-in page as the demo person holding `role`. */
export async function signInAs(page: Page, role: keyof typeof DEMO_USERS) {
  await page.goto('/');
  await page
    .getByRole('button', { name: `Sign in as ${DEMO_USERS[role]}` })
    .click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/**
 * Goes to `path` inside the running app (the router's own navigation), without reloading it:
 * a reload parses the whole development bundle again, which takes tens of seconds on a busy
 * machine. Journeys that are about reloads use `page.goto`.
 */
export async function openInApp(page: Page, path: string) {
  await page.evaluate(to => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, path);
}
