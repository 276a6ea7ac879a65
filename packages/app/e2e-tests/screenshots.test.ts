import { expect, Locator, Page, test } from '@playwright/test';
import { openInApp, signInAs } from './signIn';

/**
 * The screenshot set: every page of the portal in the three themes, as the admin (who may open
 * all of them), into `node_modules/.cache/e2e-test-results/screens/<theme>/<page>.png`, for people
 * to look at after a run. On each page it also checks what a screenshot would show wrong: the page
 * header starts right of the sidebar (the sidebar never covers content, also on the first page
 * after a theme switch), and no raw error is shown.
 */

const THEMES = ['Dark', 'White', 'Vibrant'] as const;

/** Pages reached by address; detail pages are reached by a click from their list (below). */
const PAGES: Array<{ name: string; path: string; shows: RegExp }> = [
  { name: 'home', path: '/', shows: /Where to go/ },
  { name: 'catalog', path: '/catalog', shows: /All components|Owned/ },
  {
    name: 'catalog-entity',
    path: '/catalog/default/component/payment-service',
    // the About card: the overview's cards have loaded
    shows: /^About$/,
  },
  { name: 'apis', path: '/api-docs', shows: /API/ },
  { name: 'search', path: '/search?query=TKT-000001', shows: /Search/ },
  { name: 'health-overview', path: '/pp/health', shows: /Health/ },
  {
    name: 'health-service',
    path: '/pp/health/services/payment-service',
    shows: /Payment Service/,
  },
  { name: 'health-logs', path: '/pp/health/logs', shows: /Logs/ },
  {
    name: 'health-thresholds',
    path: '/pp/health/thresholds',
    shows: /thresh/i,
  },
  { name: 'helpdesk-queue', path: '/pp/helpdesk', shows: /Helpdesk|Tickets/ },
  {
    name: 'subscriptions',
    path: '/pp/subscriptions',
    shows: /Subscriptions/,
  },
  {
    name: 'orchestration',
    path: '/pp/orchestration',
    shows: /Every agent creation/,
  },
  {
    name: 'sla',
    path: '/pp/sla',
    shows: /Every agent with an SLA/,
  },
  {
    name: 'sla-agent',
    path: '/pp/sla/agents/sales-prospecting-sdr',
    shows: /Targets over the last 30 days/,
  },
  {
    name: 'sla-breaches',
    path: '/pp/sla/breaches',
    shows: /Every SLA and OLA breach/,
  },
  {
    name: 'sla-ola',
    path: '/pp/sla/ola',
    shows: /Operational level agreements/,
  },
  { name: 'sla-credits', path: '/pp/sla/credits', shows: /The credits owed/ },
  {
    name: 'agent-entity',
    path: '/catalog/default/component/sales-prospecting-sdr',
    // the SLA card has loaded
    shows: /Open the SLA compliance/,
  },
  {
    name: 'knowledge-sources',
    path: '/pp/knowledge',
    shows: /knowledge comes from/,
  },
  {
    name: 'knowledge-changes',
    path: '/pp/knowledge/changes',
    shows: /What changed in the/,
  },
  {
    name: 'knowledge-search',
    path: '/pp/knowledge/search',
    shows: /as the agents would find it/,
  },
  {
    name: 'knowledge-retuning',
    path: '/pp/knowledge/retuning',
    shows: /Proposals to retune/,
  },
  {
    name: 'agent-knowledge',
    path: '/catalog/default/component/sales-prospecting-sdr/knowledge',
    shows: /Retuning history/,
  },
  { name: 'users', path: '/pp/users', shows: /Users/ },
  { name: 'my-access', path: '/pp/my-access', shows: /access/i },
  { name: 'settings', path: '/settings', shows: /Appearance/ },
];

const DETAILS: Array<{
  name: string;
  list: string;
  link: (page: Page) => Locator;
}> = [
  {
    name: 'helpdesk-ticket',
    list: '/pp/helpdesk',
    link: page => page.getByRole('link', { name: /^TKT-\d+$/ }),
  },
  {
    name: 'knowledge-source',
    list: '/pp/knowledge',
    link: page => page.getByRole('link', { name: /^Demo: / }),
  },
  {
    name: 'subscription',
    list: '/pp/subscriptions',
    link: page =>
      page.getByRole('table', { name: 'Subscriptions' }).getByRole('link'),
  },
];

/**
 * Opens the first item of a list. The demo data of a fresh portal arrives in the background (the
 * subscriptions come with the first sync), so the list is opened again until it has one.
 */
async function openFirst(page: Page, list: string, link: Locator) {
  await expect
    .poll(
      async () => {
        await openInApp(page, '/');
        await openInApp(page, list);
        return link
          .first()
          .waitFor({ timeout: 10_000 })
          .then(
            () => true,
            () => false,
          );
      },
      { timeout: 180_000, intervals: [5_000] },
    )
    .toBe(true);
  await link.first().click({ timeout: 30_000 });
}

async function choose(page: Page, theme: string) {
  await openInApp(page, '/settings');
  await page
    .getByRole('button', { name: theme, exact: true })
    .click({ timeout: 30_000 });
  await expect(
    page.getByRole('button', { name: theme, exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
}

async function checkAndShoot(page: Page, theme: string, name: string) {
  // no spinner left (the app polls and holds a signals socket: the network is never idle), the sidebar beside (not over) the page's header
  await expect(page.getByRole('progressbar')).toHaveCount(0, {
    timeout: 30_000,
  });
  // the sidebar's items span its drawer (the navigation landmark itself spans the window)
  const sidebar = await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Settings', exact: true })
    .boundingBox({ timeout: 30_000 });
  // the page's first heading (the sidebar has none)
  const heading = await page
    .getByRole('heading')
    .first()
    .boundingBox({ timeout: 30_000 });
  expect(sidebar, `${name}: the sidebar is drawn`).not.toBeNull();
  expect(heading, `${name}: the page has a heading`).not.toBeNull();
  expect(
    heading!.x,
    `${name} (${theme}): the page's heading starts right of the sidebar`,
  ).toBeGreaterThanOrEqual(sidebar!.x + sidebar!.width - 1);
  await expect(page.getByText(/TypeError|Unexpected error|stack/)).toHaveCount(
    0,
  );
  await page.screenshot({
    path: `node_modules/.cache/e2e-test-results/screens/${theme.toLowerCase()}/${name}.png`,
    fullPage: true,
  });
}

test('the screenshot set: every page in Dark, White and Vibrant, the sidebar never over the content', async ({
  page,
}) => {
  test.setTimeout(12 * 60_000);
  await signInAs(page, 'admin');
  try {
    for (const theme of THEMES) {
      await choose(page, theme);
      for (const { name, path, shows } of PAGES) {
        await openInApp(page, path);
        // a fresh portal's demo data arrives in the background: the first theme may wait for it
        await expect(page.getByText(shows).first()).toBeVisible({
          timeout: 120_000,
        });
        await checkAndShoot(page, theme, name);
      }
      for (const { name, list, link } of DETAILS) {
        await openFirst(page, list, link(page));
        await checkAndShoot(page, theme, name);
      }
    }
  } finally {
    // the admin's other journeys start from the system's theme again
    await openInApp(page, '/settings');
    await page
      .getByRole('button', { name: 'Auto', exact: true })
      .click({ timeout: 30_000 });
  }
});
