import { expect, Page, test } from '@playwright/test';
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

/** Walks the wizard's three steps; `stepThree` fills the data and permissions step. */
async function requestAgent(
  page: Page,
  name: string,
  stepThree: (
    dialog: ReturnType<Page['getByRole']>,
  ) => Promise<void> = async () => {},
) {
  await page.getByRole('button', { name: 'Create agent' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Create agent')).toBeVisible();
  await dialog.getByLabel(/Agent name/).fill(name);
  await choose(page, 'Industry', 'Education');
  await choose(page, 'Specialty', 'JEE mathematics');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await expect(dialog.getByLabel(/Uptime target/)).toHaveValue('99.9');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await expect(dialog.getByText('Permissions it asks for')).toBeVisible();
  await stepThree(dialog);
  await dialog.getByRole('button', { name: 'Ask Genesis' }).click();
  await expect(
    dialog.getByRole('heading', { name: `Genesis verdict for ${name}` }),
  ).toBeVisible();
  return dialog;
}

/** The page's content (Backstage's Content is an article), once it shows `heading`. */
async function contentWith(page: Page, heading: string) {
  const content = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: heading }) });
  await expect(content).toBeVisible();
  return content;
}

/** Texts people must never see: status and rule keys, raw permission names. */
async function expectNoRawKeys(page: Page) {
  await expect(
    page.getByText(
      /genesis_(approved|rejected)|customer_sovereignty|least_privilege|jee-mathematics|customer_inputs:read|user:pp\/|[0-9a-f]{8}-[0-9a-f]{4}-/,
    ),
  ).toHaveCount(0);
}

test('an orchestrator requests an agent Genesis approves, then one Genesis rejects for good', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAs(page, 'agent_orchestrator');
  await openOrchestration(page);
  await page.screenshot({
    path: `${SHOTS}/orchestration-board-empty-orchestrator.png`,
    fullPage: true,
  });

  // A sovereign tutor: Genesis approves it at once.
  const tutor = unique('Maths Tutor');
  let dialog = await requestAgent(page, tutor);
  await expect(dialog.getByTestId('genesis-verdict')).toContainText(
    `Genesis approved ${tutor}`,
  );
  await expect(dialog.getByText('Customer sovereignty: passed')).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/orchestration-wizard-approved-orchestrator.png`,
  });
  await dialog.getByRole('link', { name: 'Open the creation' }).click();
  await expect(page.getByRole('heading', { name: tutor })).toBeVisible();
  // approved: its code generation started at once
  await expect(page.getByText('Generating code').first()).toBeVisible();
  // people by name: the requester, and in the history
  await expect(page.getByText(DEMO_USERS.agent_orchestrator)).toHaveCount(2);
  await expect(page.getByTestId('creation-next')).toContainText(
    'the code generator publishes',
  );
  await expect(page.getByText('Genesis approved the request')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Step timings' })).toContainText(
    'Genesis validation',
  );
  await expectNoRawKeys(page);
  await page.screenshot({
    path: `${SHOTS}/orchestration-detail-approved-orchestrator.png`,
    fullPage: true,
  });

  // One that serves WAOOAW and shares the customer's data: rejected, with the reasons.
  await page.getByRole('link', { name: '← All agent creations' }).click();
  await expect(page.getByRole('link', { name: tutor })).toBeVisible();
  const broker = unique('Data Broker');
  dialog = await requestAgent(page, broker, async d => {
    await d.getByLabel("WAOOAW's").check();
    await d.getByLabel(/Shares the customer's data with/).fill('waooaw');
    await page.screenshot({
      path: `${SHOTS}/orchestration-wizard-form-orchestrator.png`,
    });
  });
  await expect(dialog.getByTestId('genesis-verdict')).toContainText(
    `Genesis rejected ${broker}`,
  );
  await expect(dialog.getByText('Customer sovereignty: failed')).toBeVisible();
  await expect(
    dialog.getByText(/serves WAOOAW rather than the customer/),
  ).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/orchestration-wizard-rejected-orchestrator.png`,
  });
  await dialog.getByRole('link', { name: 'Open the creation' }).click();
  await expect(page.getByRole('heading', { name: broker })).toBeVisible();
  await expect(page.getByTestId('creation-final')).toContainText(
    'cannot go further',
  );
  await expect(page.getByTestId('creation-final')).toContainText(
    'serves WAOOAW rather than the customer',
  );
  // no way forward: no "what happens next", no action button on the page
  await expect(page.getByTestId('creation-next')).toHaveCount(0);
  await expect(
    (await contentWith(page, broker)).getByRole('button'),
  ).toHaveCount(0);
  await expectNoRawKeys(page);
  await page.screenshot({
    path: `${SHOTS}/orchestration-detail-rejected-orchestrator.png`,
    fullPage: true,
  });

  // The board groups them: the tutor is in code generation, the broker is rejected.
  await page.getByRole('link', { name: '← All agent creations' }).click();
  await expect(
    page.getByTestId('board-group-building').getByRole('link', { name: tutor }),
  ).toBeVisible();
  await expect(
    page
      .getByTestId('board-group-rejected')
      .getByRole('link', { name: broker }),
  ).toBeVisible();
  await expect(page.getByTestId('board-group-rejected')).toContainText(
    DEMO_USERS.agent_orchestrator,
  );
  await expectNoRawKeys(page);
  await page.screenshot({
    path: `${SHOTS}/orchestration-board-orchestrator.png`,
    fullPage: true,
  });

  // The status filter keeps the rejected ones only.
  await page.getByRole('button', { name: /^Status/ }).click();
  await page.getByRole('option', { name: 'Rejected by Genesis' }).click();
  await expect(page).toHaveURL(/status=genesis_rejected/);
  await expect(page.getByRole('link', { name: tutor })).toHaveCount(0);
  await expect(page.getByRole('link', { name: broker })).toBeVisible();
});

test('a viewer sees the board and a creation but cannot create agents', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, 'viewer');
  await openOrchestration(page);
  await expect(page.getByTestId('creation-row').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create agent' })).toHaveCount(
    0,
  );
  await expectNoRawKeys(page);
  await page.screenshot({
    path: `${SHOTS}/orchestration-board-viewer.png`,
    fullPage: true,
  });
  await page
    .getByTestId('board-group-rejected')
    .getByRole('link')
    .first()
    .click();
  await expect(page.getByTestId('creation-final')).toContainText(
    'cannot go further',
  );
  await expect(
    page
      .getByRole('article')
      .filter({ has: page.getByTestId('creation-final') }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('article')
      .filter({ has: page.getByTestId('creation-final') })
      .getByRole('button'),
  ).toHaveCount(0);
  await page.screenshot({
    path: `${SHOTS}/orchestration-detail-viewer.png`,
    fullPage: true,
  });
});

test('CI/CD from GitHub, the handoff checklist, and the service team accepts: production ready', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await signInAs(page, 'agent_orchestrator');
  await openOrchestration(page);
  // no review queue for the creation team
  await expect(page.getByTestId('handoff-queue-link')).toHaveCount(0);
  const name = unique('Physics Coach');
  const dialog = await requestAgent(page, name);
  await expect(dialog.getByTestId('genesis-verdict')).toContainText(
    `Genesis approved ${name}`,
  );
  await dialog.getByRole('link', { name: 'Open the creation' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  const agentId = decodeURIComponent(page.url().split('/').pop()!);
  // Genesis approved it: the scaffolder generates its repository from the PP template (the
  // embedded default publishes to a local bare git repository); the page follows it
  await expect(page.getByTestId('generation-state')).toContainText(
    'The repository was generated',
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('generation-repository')).toContainText(
    `${agentId}.git`,
  );
  await expect(page.getByTestId('generation-catalog')).toBeVisible();
  // before the first run
  await expect(page.getByTestId('pipeline-not-started')).toContainText(
    'first workflow run',
  );
  await expect(page.getByTestId('handoff-not-yet')).toBeVisible();
  await expectNoRawKeys(page);
  await page.screenshot({
    path: `${SHOTS}/orchestration-generated-orchestrator.png`,
    fullPage: true,
  });

  await replayPassingRun(page, agentId);
  // the events backend delivers to the pipeline asynchronously
  await expect(async () => {
    await page.reload();
    await expect(
      page.locator(
        '[data-testid="pipeline-stage"][data-stage-status="passed"]',
      ),
    ).toHaveCount(5, { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByText('CI/CD passed').first()).toBeVisible();
  for (const stage of [
    'Lint: Passed',
    'Unit tests: Passed',
    'Build image: Passed',
    'Integration tests: Passed',
    'Push to registry: Passed',
  ]) {
    await expect(page.getByText(stage)).toBeVisible();
  }
  await expect(page.getByRole('link', { name: /View log/ })).toHaveCount(5);
  await expectNoRawKeys(page);
  await page.screenshot({
    path: `${SHOTS}/orchestration-pipeline-orchestrator.png`,
    fullPage: true,
  });

  // The checklist: evidence is checked on the field.
  await page
    .getByRole('checkbox', { name: 'Docker image built and pushed' })
    .check();
  await page.getByLabel('Evidence: Docker image built and pushed').fill('ok');
  await page.getByLabel('Evidence: Docker image built and pushed').blur();
  await expect(
    page.getByText('Give a link or a note of at least 10 characters.'),
  ).toBeVisible();
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
  for (const item of items) {
    await page.getByRole('checkbox', { name: item, exact: true }).check();
    await page
      .getByLabel(`Evidence: ${item}`)
      .fill(`https://runbooks.example.com/${agentId}#${items.indexOf(item)}`);
  }
  await page.screenshot({
    path: `${SHOTS}/orchestration-handoff-form-orchestrator.png`,
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Submit for handoff' }).click();
  await expect(page.getByTestId('handoff-state')).toContainText(
    "Waiting for the service team's review",
  );
  await expect(page.getByText('Handoff pending').first()).toBeVisible();
  await expect(
    page.getByText('Docker image built and pushed: satisfied'),
  ).toBeVisible();
  await expect(page.getByText('Verified by the portal').first()).toBeVisible();
  await expectNoRawKeys(page);
  await page.screenshot({
    path: `${SHOTS}/orchestration-handoff-submitted-orchestrator.png`,
    fullPage: true,
  });
  await defineSlaFromHandoff(page, name);

  // The infrastructure engineer reviews it from the queue.
  const infraContext = await browser.newContext();
  const infra = await infraContext.newPage();
  await signInAs(infra, 'infrastructure_engineer');
  await openOrchestration(infra);
  await infra
    .getByRole('link', { name: 'open the handoff review queue' })
    .click();
  await expect(
    infra.getByRole('heading', { name: 'Handoff review queue' }),
  ).toBeVisible();
  const row = infra.getByTestId('handoff-row').filter({ hasText: name });
  await expect(row).toContainText(DEMO_USERS.agent_orchestrator);
  await expect(row).toContainText(/due in/);
  await expectNoRawKeys(infra);
  await infra.screenshot({
    path: `${SHOTS}/orchestration-handoff-queue-infrastructure.png`,
    fullPage: true,
  });
  await row.getByRole('link', { name }).click();
  await expect(
    infra.getByRole('heading', { name: `Handoff of ${name}` }),
  ).toBeVisible();
  // a reject needs a reason: checked on the field
  await infra.getByRole('button', { name: 'Reject' }).click();
  await expect(
    infra.getByText('Say what to fix, in at least 10 characters.'),
  ).toBeVisible();
  await infra.screenshot({
    path: `${SHOTS}/orchestration-handoff-review-infrastructure.png`,
    fullPage: true,
  });
  await acceptOnceChecked(infra);
  await expect(infra.getByTestId('handoff-decided')).toContainText(
    `${name} is production ready`,
  );
  await expect(infra.getByTestId('handoff-state')).toContainText(
    `The service team accepted the handoff (${DEMO_USERS.infrastructure_engineer})`,
  );
  await infra.screenshot({
    path: `${SHOTS}/orchestration-handoff-accepted-infrastructure.png`,
    fullPage: true,
  });
  await infraContext.close();

  // The creation is production ready, with who accepted it.
  await page.reload();
  await expect(page.getByText('Production ready').first()).toBeVisible();
  await expect(page.getByTestId('handoff-state')).toContainText(
    `accepted the handoff: the agent is production ready (${DEMO_USERS.infrastructure_engineer}`,
  );
  await page.screenshot({
    path: `${SHOTS}/orchestration-production-ready-orchestrator.png`,
    fullPage: true,
  });

  // A viewer sees the pipeline and the decision, and no form.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signInAs(viewer, 'viewer');
  await openOrchestration(viewer);
  await viewer.getByRole('link', { name }).first().click();
  await expect(
    viewer.locator(
      '[data-testid="pipeline-stage"][data-stage-status="passed"]',
    ),
  ).toHaveCount(5);
  await expect(viewer.getByTestId('handoff-state')).toContainText(
    'production ready',
  );
  await expect(
    viewer.getByRole('button', { name: 'Submit for handoff' }),
  ).toHaveCount(0);
  await expect(viewer.getByTestId('handoff-queue-link')).toHaveCount(0);
  await viewer.screenshot({
    path: `${SHOTS}/orchestration-production-ready-viewer.png`,
    fullPage: true,
  });
  await viewerContext.close();

  // The new agent is in the catalog, production now that the service team accepted it.
  await page.reload();
  await page
    .getByTestId('generation-catalog')
    .getByRole('link', { name: `Open ${name} in the catalog` })
    .click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${agentId}`),
  );
  await expect(page.getByRole('heading', { name }).first()).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('production', { exact: true })).toBeVisible({
      timeout: 3_000,
    });
  }).toPass({ timeout: 60_000 });
  await page.screenshot({
    path: `${SHOTS}/orchestration-catalog-entity-orchestrator.png`,
    fullPage: true,
  });
});
