import { expect, Page, test } from '@playwright/test';
import { BACKEND_URL, openInApp, signInAs } from './signIn';

const SHOTS =
  process.env.PP_E2E_SHOTS_DIR ?? 'node_modules/.cache/e2e-test-results';

/** Remembers the bearer token the app sends to the backend (the signed-in person's). */
function captureAuthorization(page: Page) {
  const seen: { authorization?: string } = {};
  page.on('request', req => {
    const header = req.headers().authorization;
    if (header?.startsWith('Bearer ') && req.url().includes('/api/')) {
      seen.authorization = header;
    }
  });
  return seen;
}

/**
 * Waits until the score job has scored the demo subscriptions (it first runs ~30 s after the
 * backend starts), asking the API as the signed-in person.
 */
async function waitForScores(page: Page, seen: { authorization?: string }) {
  await expect.poll(() => seen.authorization).toBeDefined();
  await expect
    .poll(
      async () => {
        const res = await page.request.get(
          `${BACKEND_URL}/pp/v1/subscriptions?band=red`,
          { headers: { authorization: seen.authorization! } },
        );
        return res.ok() ? (await res.json()).items.length : 0;
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);
}

async function openSubscriptions(page: Page) {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Subscriptions', exact: true })
    .click();
  await expect(page).toHaveURL(/\/pp\/subscriptions$/);
  await expect(
    page.getByRole('table', { name: 'Subscriptions' }),
  ).toBeVisible();
}

/** Opens a demo subscription's page from the list through the customer search. */
async function openSubscription(page: Page, customer: string) {
  await page.getByLabel('Search customers').fill(customer);
  await page.getByRole('link', { name: customer, exact: true }).click();
  await expect(page.getByRole('heading', { name: customer })).toBeVisible();
}

/** Texts people must never see: raw ids and config keys. */
async function expectNoRawIds(page: Page) {
  await expect(page.getByText(/demo-sub-\d+|demo-cust-\d+/)).toHaveCount(0);
  await expect(
    page.getByText(/sales-prospecting-sdr|education-jee-math-tutor/),
  ).toHaveCount(0);
  await expect(page.getByText(/pp\.subscriptions\./)).toHaveCount(0);
}

test('a subscription manager filters red subscriptions, opens one and audits its runs with a reason', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const seen = captureAuthorization(page);
  await signInAs(page, 'subscription_manager');
  await waitForScores(page, seen);
  await openSubscriptions(page);

  // The red band chip filters the list, and the URL keeps the filter.
  const red = page.getByTestId('band-red');
  await expect(red).toHaveText(/^Critical \(score below 60\): [1-9]\d*$/);
  await red.click();
  await expect(page).toHaveURL(/band=red/);
  await expect(red).toHaveAttribute('aria-pressed', 'true');
  // the chosen (focused) chip stays red with its words readable, not MUI's focus grey
  const [r, g, b] = (
    await red.evaluate(el => getComputedStyle(el).backgroundColor)
  )
    .match(/\d+/g)!
    .map(Number);
  expect(r).toBeGreaterThan(g + 80);
  expect(r).toBeGreaterThan(b + 80);
  const rows = page.getByTestId('subscription-row');
  await expect(rows.first()).toBeVisible();
  const scores = await rows.locator('[data-band]').allTextContents();
  expect(scores.length).toBeGreaterThan(0);
  for (const s of scores) expect(s).toMatch(/^\d+(\.\d)? · Critical$/);
  await expectNoRawIds(page);
  await page.screenshot({
    path: `${SHOTS}/subscriptions-list-manager.png`,
    fullPage: true,
  });

  // Open one: the score with its inputs, the charts, the errors.
  await openSubscription(page, 'Demo Realty Group');
  await expect(page.getByTestId('score-card')).toContainText('Critical');
  await expect(page.getByText('Success rate (weight 50%)')).toBeVisible();
  await expect(page.getByTestId('chart-score-history')).toBeVisible();
  await expect(page.getByTestId('chart-runs-per-day')).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Recent errors' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Force-cancel' })).toHaveCount(
    0,
  );
  await expectNoRawIds(page);
  await page.screenshot({
    path: `${SHOTS}/subscriptions-detail-manager.png`,
    fullPage: true,
  });

  // Auditing the runs asks why first.
  await page.getByRole('button', { name: 'Audit agent runs' }).click();
  const dialog = page.getByRole('dialog');
  await expect(
    dialog.getByText(/written to the audit log/).first(),
  ).toBeVisible();
  const show = dialog.getByRole('button', { name: 'Show runs' });
  await expect(show).toBeDisabled();
  await dialog.getByLabel('Reason').fill('Investigating the failed runs');
  await show.click();
  const runRows = dialog.getByTestId('run-row');
  await expect(runRows.first()).toBeVisible();
  await runRows.first().click();
  await expect(dialog.getByLabel('Inputs')).toContainText('"task"');
  await expect(
    dialog.getByRole('button', { name: 'Copy inputs' }),
  ).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/subscriptions-runs-manager.png`,
    fullPage: true,
  });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The agent's catalog page has a Subscriptions tab with its customers.
  await openInApp(
    page,
    '/catalog/default/component/sales-prospecting-sdr/subscriptions',
  );
  await expect(
    page.getByRole('link', { name: 'Demo Realty Group', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Demo Coaching Centre', exact: true }),
  ).toHaveCount(0);
  await page.screenshot({
    path: `${SHOTS}/subscriptions-agent-tab.png`,
    fullPage: true,
  });
});

test('a viewer sees the list and a subscription but no runs button, and the API refuses the runs', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const seen = captureAuthorization(page);
  await signInAs(page, 'viewer');
  await waitForScores(page, seen);
  await openSubscriptions(page);
  await expect(page.getByText(/Showing \d+ of \d+/)).toBeVisible();
  await expectNoRawIds(page);
  await page.screenshot({
    path: `${SHOTS}/subscriptions-list-viewer.png`,
    fullPage: true,
  });

  await openSubscription(page, 'Demo Law Partners');
  await expect(page.getByTestId('score-card')).toBeVisible();
  for (const name of ['Audit agent runs', 'Export runs', 'Force-cancel']) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
  await expectNoRawIds(page);
  await page.screenshot({
    path: `${SHOTS}/subscriptions-detail-viewer.png`,
    fullPage: true,
  });

  const id = page.url().split('/').pop()!;
  const denied = await page.request.get(
    `${BACKEND_URL}/pp/v1/subscriptions/${id}/agent-runs?reason=${encodeURIComponent(
      'Just looking around',
    )}`,
    { headers: { authorization: seen.authorization! } },
  );
  expect(denied.status()).toBe(403);
  expect((await denied.json()).error.name).toBe('NotAllowedError');
});

test('an admin sees the force-cancel button and its warning; the pages read well in the Dark theme', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const seen = captureAuthorization(page);
  await signInAs(page, 'admin');
  await waitForScores(page, seen);
  await openSubscriptions(page);
  await page.screenshot({
    path: `${SHOTS}/subscriptions-list-admin.png`,
    fullPage: true,
  });
  await openSubscription(page, 'Demo Realty Group');
  await page.getByRole('button', { name: 'Force-cancel' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(/PP cannot undo it/)).toBeVisible();
  await expect(
    dialog.getByRole('button', { name: 'Force-cancel' }),
  ).toBeDisabled();
  await page.screenshot({
    path: `${SHOTS}/subscriptions-force-cancel-dialog.png`,
    fullPage: true,
  });
  await dialog.getByRole('button', { name: 'Keep the subscription' }).click();
  await expect(dialog).toBeHidden();
  await expectNoRawIds(page);
  await page.screenshot({
    path: `${SHOTS}/subscriptions-detail-admin.png`,
    fullPage: true,
  });
  const detailUrl = page.url();

  await page.goto('/settings');
  await page.getByRole('button', { name: 'Dark', exact: true }).click();
  await expect
    .poll(() =>
      page.evaluate(() => getComputedStyle(document.body).backgroundColor),
    )
    .toBe('rgb(10, 10, 10)');
  await openSubscriptions(page);
  await page.screenshot({
    path: `${SHOTS}/subscriptions-list-dark.png`,
    fullPage: true,
  });
  await page.goto(detailUrl);
  await expect(
    page.getByRole('heading', { name: 'Demo Realty Group' }),
  ).toBeVisible();
  await expect(page.getByTestId('chart-runs-per-day')).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/subscriptions-detail-dark.png`,
    fullPage: true,
  });
});

test('a subscription manager exports the runs as a PDF, sees the progress and downloads it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const seen = captureAuthorization(page);
  await signInAs(page, 'subscription_manager');
  await waitForScores(page, seen);
  await openSubscriptions(page);
  await openSubscription(page, 'Demo Realty Group');
  await page.getByRole('button', { name: 'Export runs' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^PDF/).check();
  await dialog.getByLabel('Reason').fill('Quarterly review of the failures');
  await dialog.getByRole('button', { name: 'Start export' }).click();
  await expect(dialog.getByTestId('export-progress')).toBeVisible();
  const download = dialog.getByRole('button', { name: 'Download PDF' });
  await expect(download).toBeVisible({ timeout: 120_000 });
  await page.screenshot({
    path: `${SHOTS}/subscriptions-export-ready.png`,
    fullPage: true,
  });
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    download.click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
});

test('an admin force-cancels a subscription with a reason and a refund and sees the result', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const seen = captureAuthorization(page);
  await signInAs(page, 'admin');
  await waitForScores(page, seen);
  await openSubscriptions(page);
  await openSubscription(page, 'Demo Garden Centre');
  await page.getByRole('button', { name: 'Force-cancel' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('Card fraud confirmed by the bank');
  await dialog.getByLabel(/Prorated refund/).check();
  await dialog.getByRole('button', { name: 'Force-cancel' }).click();
  await expect(dialog.getByTestId('force-cancel-result')).toHaveText(
    /^(Canceled; (refund ₹[\d,.]+|prorated refund)\.|Pending: the Customer Portal did not answer yet; PP retries.*)$/,
  );
  await page.screenshot({
    path: `${SHOTS}/subscriptions-force-cancel-result.png`,
    fullPage: true,
  });
  await dialog.getByRole('button', { name: 'Close' }).click();
  const action = page.getByTestId('action-row').first();
  await expect(action).toContainText('Card fraud confirmed by the bank');
  await expect(action).toContainText('Prorated refund');
});
