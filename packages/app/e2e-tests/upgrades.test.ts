import { expect, Page } from '@playwright/test';
import { test } from '@playwright/test';
import { DEMO_USERS, signInAs } from './signIn';
import { acceptOnceChecked, defineSlaFromHandoff } from './slaSteps';
import {
  choose,
  openOrchestration,
  replayPassingRun,
  unique,
} from './orchestrationSteps';

const SHOTS =
  process.env.PP_E2E_SHOTS_DIR ?? 'node_modules/.cache/e2e-test-results';

/** Through the wizard (Genesis approves), signed CI deliveries, the checklist and the accept. */
async function productionReadyAgent(
  page: Page,
  infra: Page,
  name: string,
): Promise<string> {
  await page.getByRole('button', { name: 'Create agent' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Agent name/).fill(name);
  await choose(page, 'Industry', 'Education');
  await choose(page, 'Specialty', 'JEE mathematics');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('button', { name: 'Ask Genesis' }).click();
  await dialog.getByRole('link', { name: 'Open the creation' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  const agentId = decodeURIComponent(page.url().split('/').pop()!);

  await replayPassingRun(page, agentId);
  // the events backend delivers to the pipeline asynchronously
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('CI/CD passed').first()).toBeVisible({
      timeout: 20_000,
    });
  }).toPass({ timeout: 180_000 });

  const items = [
    'Docker image built and pushed',
    'Runbook documented',
    'Health check endpoint working',
    'Monitoring dashboard created',
    'Alert thresholds configured',
    'On-call engineer assigned',
    'SLA defined and agreed',
    'Load testing completed',
  ];
  for (const [i, item] of items.entries()) {
    await page.getByRole('checkbox', { name: item, exact: true }).check();
    await page
      .getByLabel(`Evidence: ${item}`)
      .fill(`https://runbooks.example.com/${agentId}#${i}`);
  }
  await page.getByRole('button', { name: 'Submit for handoff' }).click();
  await expect(page.getByTestId('handoff-state')).toContainText(
    "Waiting for the service team's review",
  );
  await defineSlaFromHandoff(page, name);

  await openOrchestration(infra);
  await infra
    .getByRole('link', { name: 'open the handoff review queue' })
    .click();
  await infra
    .getByTestId('handoff-row')
    .filter({ hasText: name })
    .getByRole('link', { name })
    .click();
  await acceptOnceChecked(infra);
  await expect(infra.getByTestId('handoff-decided')).toContainText(
    `${name} is production ready`,
  );
  await page.reload();
  await expect(page.getByText('Production ready').first()).toBeVisible();
  return agentId;
}

test('an orchestrator upgrades a production-ready agent on the demo target; without health figures it rolls back', async ({
  page,
  browser,
}) => {
  test.setTimeout(480_000);
  const infraContext = await browser.newContext();
  const infra = await infraContext.newPage();
  await signInAs(infra, 'infrastructure_engineer');
  await signInAs(page, 'agent_orchestrator');
  await openOrchestration(page);
  const name = unique('Chemistry Coach');
  await productionReadyAgent(page, infra, name);
  await infraContext.close();

  // The upgrades card on the agent's page
  await expect(
    page.getByText(`${name} has not been upgraded yet.`),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Upgrade', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(`Upgrade ${name}`)).toBeVisible();
  await dialog.getByLabel(/New version/).fill('2.0.0');
  await dialog.getByLabel(/Reason/).fill('new lesson plans');
  await page.screenshot({ path: `${SHOTS}/upgrades-dialog-orchestrator.png` });
  await dialog.getByRole('button', { name: 'Start upgrade' }).click();

  // The upgrade page follows it: deploy, smoke tests, 10 %, the watch
  await expect(
    page.getByRole('heading', { name: `Upgrade of ${name} to 2.0.0` }),
  ).toBeVisible();
  await expect(
    page.getByText(/runs on the demo deployment target/),
  ).toBeVisible();
  await expect(
    page.getByRole('img', {
      name: /Traffic split: 90 % on the current version \(current\), 10 % on 2.0.0/,
    }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByRole('table', { name: 'Analysis gates' }),
  ).toContainText('at most 5 %');
  await expect(
    page.getByRole('table', { name: 'Upgrade steps' }),
  ).toContainText(
    `by ${DEMO_USERS.agent_orchestrator} · Why: new lesson plans`,
  );
  await page.screenshot({
    path: `${SHOTS}/upgrades-canary-orchestrator.png`,
    fullPage: true,
  });

  // The health plugin has no figures of this agent: no conclusive analysis, so it rolls back
  await expect(page.getByTestId('upgrade-outcome')).toContainText(
    'Rolled back: all traffic is on the current version',
    { timeout: 90_000 },
  );
  await expect(page.getByTestId('upgrade-outcome')).toContainText(
    'no metrics observed',
  );
  await expect(
    page.getByRole('img', {
      name: /Traffic split: 100 % on the current version/,
    }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Abort' })).toHaveCount(0);
  await expect(
    page.getByText(/user:pp\/|[0-9a-f]{8}-[0-9a-f]{4}-/),
  ).toHaveCount(0);
  await page.screenshot({
    path: `${SHOTS}/upgrades-rolled-back-orchestrator.png`,
    fullPage: true,
  });

  // Back on the agent's page: the upgrade in its list; a new one can start
  await page.getByRole('link', { name: `← ${name}` }).click();
  await expect(page.getByRole('table', { name: 'Upgrades' })).toContainText(
    'Rolled back',
  );
  await expect(
    page.getByRole('button', { name: 'Upgrade', exact: true }),
  ).toBeEnabled();
});
