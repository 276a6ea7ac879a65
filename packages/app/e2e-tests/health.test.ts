import { expect, Page, test } from '@playwright/test';
import { BACKEND_URL, signInAs } from './signIn';

/*
 * Health monitoring journeys (spec Stage 2) against the real backend with its labelled demo
 * generator (pp.demo.enabled in the embedded default): heartbeats for the catalog's services and
 * demo log lines. The first heartbeats can take a little while after a cold start, so the first
 * look at the dashboard polls generously.
 */

const FIRST_DATA_TIMEOUT = 120_000;

/** Records the bearer token the app sends to the backend, for direct API calls. */
function captureBearer(page: Page) {
  const seen: { authorization?: string } = {};
  page.on('request', req => {
    const header = req.headers().authorization;
    if (header?.startsWith('Bearer ') && req.url().includes('/api/')) {
      seen.authorization = header;
    }
  });
  return seen;
}

async function openDashboard(page: Page) {
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Health', exact: true }).click();
  await expect(page).toHaveURL(/\/pp\/health/);
  await expect(page.getByRole('tab', { name: 'Overview' })).toBeVisible();
  // A service of the catalog, once the demo heartbeats have arrived.
  await expect(
    page.getByRole('link', { name: 'Payment Service', exact: true }).first(),
  ).toBeVisible({ timeout: FIRST_DATA_TIMEOUT });
}

test('an infrastructure engineer monitors services, searches logs and tunes an alert rule', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const bearer = captureBearer(page);
  await signInAs(page, 'infrastructure_engineer');
  await openDashboard(page);
  await page.screenshot({
    path: 'node_modules/.cache/e2e-test-results/health-overview.png',
  });
  // every row has its trend lines, each with its sentence
  await expect(
    page.getByRole('img', {
      name: /^Payment Service: Error rate( over the last 6h|: no data)/,
    }),
  ).toBeVisible();

  // Drill into one service: its detail page with the response-time and error-rate charts.
  await page
    .getByRole('link', { name: 'Payment Service', exact: true })
    .first()
    .click();
  await expect(page).toHaveURL(/\/pp\/health\/services\/payment-service$/);
  await expect(
    page.getByRole('heading', { name: 'Payment Service' }).first(),
  ).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await expect(page.getByText('Recent checks').first()).toBeVisible();
  // the status timeline and the resource chart say what they show
  await expect(
    page.getByRole('img', { name: /^Status over the last 24h: / }),
  ).toBeVisible();
  // (right after the backend starts, the demo services' first heartbeats with CPU figures may
  // not have arrived yet: the page says so until they do)
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('img', { name: /^Resource use over the last 24h: CPU / }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });

  // Acknowledge an alert. To have one firing for sure, the CPU/memory rule is lowered below the
  // demo services' memory for the length of this step (the evaluator runs every check interval).
  await expect.poll(() => bearer.authorization).toBeDefined();
  const headers = { authorization: bearer.authorization! };
  const rule = `${BACKEND_URL}/pp/v1/health/alert-thresholds/high_cpu_memory`;
  const before = await (
    await page.request.get(`${BACKEND_URL}/pp/v1/health/alert-thresholds`, {
      headers,
    })
  ).json();
  const cpuRule = before.items.find(
    (t: { alert_type: string }) => t.alert_type === 'high_cpu_memory',
  );
  expect(
    (
      await page.request.put(rule, {
        headers,
        data: { threshold_value: 10, duration_seconds: 0, reason: 'e2e' },
      })
    ).status(),
  ).toBe(200);
  try {
    await page.goto('/pp/health/alerts');
    const acknowledge = page
      .getByRole('button', {
        name: /^Acknowledge the high cpu memory alert of /,
      })
      .first();
    await expect(async () => {
      await page.reload();
      await expect(acknowledge).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 120_000 });
    // the alert names its service, a link to the service's page
    const row = page.getByRole('row').filter({ has: acknowledge });
    await expect(
      row.getByRole('link', { name: /Service$/ }).first(),
    ).toHaveAttribute('href', /\/pp\/health\/services\/[a-z-]+$/);
    await acknowledge.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Note/).fill('Looking at the memory graphs');
    const done = page.waitForResponse(
      r => r.url().includes('/acknowledge') && r.request().method() === 'POST',
    );
    await dialog
      .getByRole('button', { name: 'Acknowledge', exact: true })
      .click();
    expect((await done).status()).toBe(200);
    await expect(dialog).toBeHidden();
    await expect(
      page
        .getByText(/^Acknowledged by .*: Looking at the memory graphs$/)
        .first(),
    ).toBeVisible();
    await page.screenshot({
      path: `${
        process.env.PP_E2E_SHOTS_DIR ?? 'node_modules/.cache/e2e-test-results'
      }/health-alert-acknowledged.png`,
      fullPage: true,
    });
  } finally {
    await page.request.put(rule, {
      headers,
      data: {
        threshold_value: cpuRule.threshold_value,
        duration_seconds: cpuRule.duration_seconds,
        reason: 'e2e: restored',
      },
    });
  }

  // Search the demo log lines: matches are marked.
  await page.goto('/pp/health/logs');
  await page.getByLabel('Time range').click();
  await page.getByRole('option', { name: /7 days/i }).click();
  await page.getByLabel('Search text').fill('completed');
  await page
    .getByRole('form', { name: 'log search' })
    .getByRole('button', { name: 'Search' })
    .click();
  const lines = page.getByRole('table', { name: /log lines/i });
  await expect(lines).toBeVisible();
  await expect(lines.locator('mark').first()).toHaveText(/completed/i);
  await expect(page.getByText(/matching lines/)).toBeVisible();

  // Change a threshold through the edit dialog and see it in the table.
  await page.goto('/pp/health/thresholds');
  const value = String(11 + (Date.now() % 9));
  await page.getByRole('button', { name: /^Edit Service down/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('spinbutton').first().fill(value);
  const saved = page.waitForResponse(
    r =>
      r.url().includes('/health/alert-thresholds/service_down') &&
      r.request().method() === 'PUT',
  );
  await dialog.getByRole('button', { name: 'Save' }).click();
  expect((await saved).status()).toBe(200);
  await expect(dialog).toBeHidden();
  await expect(
    page
      .getByRole('row', { name: /Service down/ })
      .getByText(new RegExp(`^${value}\\b`))
      .first(),
  ).toBeVisible();
});

test('a viewer sees the dashboard but cannot search logs or edit rules, and the API answers 403', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const bearer = captureBearer(page);
  await signInAs(page, 'viewer');
  await openDashboard(page);

  await page.goto('/pp/health/thresholds');
  await expect(page.getByText(/Read only/i).first()).toBeVisible();
  const edit = page.getByRole('button', { name: /^Edit Service down/ });
  if ((await edit.count()) > 0) {
    await expect(edit).toBeDisabled();
  }

  await page.goto('/pp/health/logs');
  await expect(
    page.getByText(/infrastructure engineer/i).first(),
  ).toBeVisible();
  await expect(page.getByLabel('Search text')).toHaveCount(0);

  await expect.poll(() => bearer.authorization).toBeDefined();
  const headers = { authorization: bearer.authorization! };
  const denied = await page.request.post(
    `${BACKEND_URL}/pp/v1/health/logs/query`,
    { headers, data: { text: 'timeout' } },
  );
  expect(denied.status()).toBe(403);
  expect((await denied.json()).error.name).toBe('NotAllowedError');
  const thresholdDenied = await page.request.put(
    `${BACKEND_URL}/pp/v1/health/alert-thresholds/service_down`,
    { headers, data: { threshold_value: 7 } },
  );
  expect(thresholdDenied.status()).toBe(403);
  const allowed = await page.request.get(
    `${BACKEND_URL}/pp/v1/health/overview`,
    { headers },
  );
  expect(allowed.status()).toBe(200);
  expect((await allowed.json()).service_count).toBeGreaterThan(0);
});

test('the dashboard and a service detail render in the three themes', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const dir =
    process.env.PP_E2E_SHOTS_DIR ?? 'node_modules/.cache/e2e-test-results';
  await signInAs(page, 'infrastructure_engineer');
  for (const theme of ['Dark', 'White', 'Vibrant']) {
    await page.goto('/settings');
    await page.getByRole('button', { name: theme, exact: true }).click();
    await page.goto('/pp/health/services');
    await expect(
      page.getByRole('link', { name: 'Payment Service', exact: true }).first(),
    ).toBeVisible({ timeout: FIRST_DATA_TIMEOUT });
    await page.screenshot({
      path: `${dir}/health-overview-${theme.toLowerCase()}.png`,
      fullPage: true,
    });
    await page.goto('/pp/health/services/payment-service');
    await expect(page.locator('.recharts-surface').first()).toBeVisible();
    await page.screenshot({
      path: `${dir}/health-detail-${theme.toLowerCase()}.png`,
      fullPage: true,
    });
  }
});
