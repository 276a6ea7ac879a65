import { expect, Locator, Page, test } from '@playwright/test';
import { openInApp, signInAs } from './signIn';
import { serviceReporter } from './slaSteps';

const SHOTS =
  process.env.PP_E2E_SHOTS_DIR ?? 'node_modules/.cache/e2e-test-results';

/*
 * The JEE Math Tutor runs on the agent execution engine. In the e2e run the demo generator leaves
 * that service alone (pp.health.demo.skipServices, playwright.config.ts), so its figures are only
 * the heartbeats this journey reports as the service, and the SLA plugin recomputes compliance
 * every 5 s (pp.sla.complianceIntervalSeconds). Today's row counts the day so far.
 */
const AGENT = 'JEE Math Tutor';
const AGENT_PAGE = '/catalog/default/component/education-jee-math-tutor';

/** A chip's colour as people see it: amber or red (by its hue), or something else. */
async function chipColour(chip: Locator) {
  const rgb = await chip.evaluate(e => getComputedStyle(e).backgroundColor);
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
  if (!(r > g && r > b && r > 150)) return `neither (${rgb})`;
  return g > 0.45 * r ? 'amber' : 'red';
}

/** The dashboard, reloaded until the agent's row shows `status`. */
async function expectDashboardStatus(page: Page, status: string) {
  const table = page.getByRole('table', {
    name: 'Agents and their SLA compliance',
  });
  const row = table
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: AGENT, exact: true }) });
  await expect(async () => {
    await openInApp(page, '/pp/sla/agents/education-jee-math-tutor');
    await openInApp(page, '/pp/sla');
    await expect(row.getByText(status, { exact: true })).toBeVisible({
      timeout: 3_000,
    });
  }).toPass({ timeout: 45_000 });
  return row;
}

test('an agent’s premium SLA turns amber on a latency rise, red on an outage, and the breach shows on its page', async ({
  page,
  request,
}) => {
  // about 30 s; more on a loaded machine or right after the backend started (the catalog is read)
  test.setTimeout(180_000);
  const report = await serviceReporter(
    request,
    'component:default/agent-execution-engine',
  );

  // The agent orchestrator defines a premium SLA for the agent (a new version over its standard one).
  await signInAs(page, 'agent_orchestrator');
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'SLA compliance', exact: true })
    .click();
  await page.getByRole('button', { name: 'Define an SLA' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /^Agent/ }).click();
  await page.getByRole('option', { name: AGENT, exact: true }).click();
  await dialog.getByRole('button', { name: /^SLA/ }).click();
  await page.getByRole('option', { name: /^Premium/ }).click();
  await dialog.getByRole('button', { name: 'Save the SLA' }).click();
  await expect(page).toHaveURL(/\/pp\/sla\/agents\/education-jee-math-tutor$/, {
    timeout: 60_000,
  });
  await expect(page.getByText(/Premium SLA, version \d+/)).toBeVisible();
  const metrics = page.getByRole('table', { name: 'SLA metrics' });
  await expect(metrics.getByText('< 1000 ms')).toBeVisible();

  // Latency rises: the service answers in 950 ms, within 10 % of the premium 1000 ms target.
  await report(6, { status: 'up', response_time_ms: 950, error_rate: 0 });
  const row = await expectDashboardStatus(page, 'Warning');
  await expect(row.getByText('Premium', { exact: true })).toBeVisible();
  expect(await chipColour(row.locator('.MuiChip-root'))).toBe('amber');
  await page.screenshot({
    path: `${SHOTS}/sla-status-warning.png`,
    fullPage: true,
  });

  // An outage: the service reports itself down, failing every request.
  await report(3, { status: 'down', error_rate: 1 });
  await expectDashboardStatus(page, 'Breach');
  expect(await chipColour(row.locator('.MuiChip-root'))).toBe('red');
  // its open breaches (found by the column's heading)
  const headings = await page
    .getByRole('table', { name: 'Agents and their SLA compliance' })
    .getByRole('columnheader')
    .allInnerTexts();
  const openBreaches = headings.findIndex(h => h.trim() === 'Open breaches');
  expect(openBreaches).toBeGreaterThan(0);
  await expect(row.getByRole('cell').nth(openBreaches)).toHaveText(
    /^[1-9]\d*$/,
  );
  await page.screenshot({
    path: `${SHOTS}/sla-status-breach.png`,
    fullPage: true,
  });

  // The breach on the agent's own page: the SLA card of its catalog overview.
  await openInApp(page, AGENT_PAGE);
  const card = page.getByTestId('entity-sla-card');
  await expect(card.getByText('Breach', { exact: true })).toBeVisible();
  expect(await chipColour(card.locator('.MuiChip-root'))).toBe('red');
  await expect(card.getByText(/^Target missed: .*uptime/)).toBeVisible();
  await expect(card.getByText(/Premium SLA, version \d+/)).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: `${SHOTS}/sla-status-entity.png`,
    fullPage: true,
  });

  // the agent's SLA tab: the card again, then its 30 days against the premium targets
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'SLA', exact: true })
    .click();
  await expect(page).toHaveURL(/\/sla$/);
  await expect(
    page.getByRole('heading', { name: 'The last 30 days' }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'SLA metrics' }).getByText('< 1000 ms'),
  ).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/sla-status-tab.png`,
    fullPage: true,
  });
});
