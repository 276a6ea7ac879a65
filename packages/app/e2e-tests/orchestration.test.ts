import { expect, Page, test } from '@playwright/test';
import { DEMO_USERS, signInAs } from './signIn';

const SHOTS =
  process.env.PP_E2E_SHOTS_DIR ?? 'node_modules/.cache/e2e-test-results';

/** A name no earlier run used (a retry runs against the same backend). */
const unique = (name: string) => `${name} ${Date.now() % 100000}`;

async function openOrchestration(page: Page) {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Orchestration', exact: true })
    .click();
  await expect(page).toHaveURL(/\/pp\/orchestration$/);
}

/** Picks `option` in the Material UI select labelled `label` of the wizard. */
async function choose(page: Page, label: string, option: string) {
  await page
    .getByRole('dialog')
    .getByRole('button', { name: new RegExp(`^${label}`) })
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

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
  await expect(page.getByText('Approved by Genesis').first()).toBeVisible();
  // people by name: the requester, and in the history
  await expect(page.getByText(DEMO_USERS.agent_orchestrator)).toHaveCount(2);
  await expect(page.getByTestId('creation-next')).toContainText(
    'generating code',
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

  // The board groups them: the tutor waits for code generation, the broker is rejected.
  await page.getByRole('link', { name: '← All agent creations' }).click();
  await expect(
    page.getByTestId('board-group-approved').getByRole('link', { name: tutor }),
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
