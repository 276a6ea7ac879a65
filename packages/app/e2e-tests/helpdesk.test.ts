import { Browser, expect, Page, test } from '@playwright/test';
import { BACKEND_URL, DEMO_USERS, signInAs } from './signIn';

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

/** Opens a ticket as a helpdesk agent through the API (in a context of its own); its key. */
async function createTicketAsAgent(browser: Browser, title: string) {
  const context = await browser.newContext();
  const agent = await context.newPage();
  const seen = captureAuthorization(agent);
  await signInAs(agent, 'helpdesk_agent');
  await expect.poll(() => seen.authorization).toBeDefined();
  const created = await agent.request.post(`${BACKEND_URL}/pp/v1/tickets`, {
    headers: { authorization: seen.authorization! },
    data: {
      type: 'support',
      priority: 'low',
      title,
      description: 'Opened through the API for the viewer journey.',
    },
  });
  expect(created.status()).toBe(201);
  const { key } = await created.json();
  await context.close();
  return key as string;
}

async function openHelpdesk(page: Page) {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Helpdesk', exact: true })
    .click();
  await expect(page).toHaveURL(/\/pp\/helpdesk$/);
}

test('a helpdesk agent creates, assigns, comments, escalates, resolves and closes a ticket', async ({
  page,
}) => {
  test.setTimeout(360_000);
  // ends with one long token (a log path): it must wrap, not widen the page or the queue
  const token = `/var/log/printer/${'x'.repeat(100)}.log`;
  const title = `E2E printer on fire ${Date.now()} ${token}`;
  await signInAs(page, 'helpdesk_agent');
  await openHelpdesk(page);

  // The queue, most urgent first, with live SLA countdowns (demo tickets are seeded).
  await expect(
    page
      .getByRole('button', { name: 'Load more' })
      .or(page.getByText(/Showing \d+ of \d+/))
      .first(),
  ).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/helpdesk-queue.png`,
    fullPage: true,
  });

  await page.getByRole('button', { name: 'Create ticket' }).first().click();
  const create = page.getByRole('dialog');
  await create.getByRole('textbox', { name: 'Title' }).fill(title);
  await create
    .getByRole('textbox', { name: 'Description' })
    .fill('The office printer is on fire since the last firmware update.');
  await create.getByRole('button', { name: 'Create ticket' }).click();

  // The new ticket's page opens.
  const heading = page.getByRole('heading', { name: title });
  await expect(heading).toBeVisible();
  await expect(page).toHaveURL(/\/pp\/helpdesk\/tickets\/TKT-\d+$/);
  const key = page.url().split('/').pop()!;
  expect(await horizontalOverflow(page)).toBe(0);
  const status = page.getByRole('group', { name: 'Status changes' });
  await expect(
    status.getByRole('button', { name: 'Start work' }),
  ).toBeVisible();
  await expect(status.getByRole('button', { name: 'Escalate' })).toBeVisible();
  await expect(status.getByRole('button', { name: 'Resolve' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Assign to me' }).click();
  await expect(page.getByRole('button', { name: 'Assign to me' })).toHaveCount(
    0,
  );
  await expect(page.getByText(DEMO_USERS.helpdesk_agent).first()).toBeVisible();

  // Both SLA clocks, each named once.
  await expect(page.getByTestId('sla-response')).toHaveText(/^Response SLA: /);
  await expect(page.getByTestId('sla-resolution')).toHaveText(
    /^Resolution SLA: /,
  );
  await expect(page.getByText(/SLA SLA/)).toHaveCount(0);

  // Putting on hold asks what the ticket waits for; the reason lands in the timeline.
  await status.getByRole('button', { name: 'Start work' }).click();
  await status.getByRole('button', { name: 'Put on hold' }).click();
  const hold = page.getByRole('dialog');
  await expect(
    hold.getByRole('button', { name: 'Put on hold' }),
  ).toBeDisabled();
  await hold.getByLabel('Reason').fill('Waiting for the fire brigade.');
  await hold.getByRole('button', { name: 'Put on hold' }).click();
  await expect(hold).toBeHidden();
  await expect(
    page.getByText('Put on hold: Waiting for the fire brigade.'),
  ).toBeVisible();
  await expect(page.getByTestId('sla-response')).toHaveText(
    /^Response SLA: (Met|Missed)$/,
  );
  await expect(page.getByTestId('sla-resolution')).toHaveText(
    /^Resolution SLA: Paused/,
  );
  await status.getByRole('button', { name: 'Resume work' }).click();
  await expect(
    status.getByRole('button', { name: 'Put on hold' }),
  ).toBeVisible();

  await page.getByLabel('Add a comment').fill('Fire extinguisher deployed.');
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(page.getByText('Fire extinguisher deployed.')).toBeVisible();
  await expect(page.getByLabel('Add a comment')).toHaveValue('');

  // Attach a file on the ticket page; the attachments list shows it.
  await expect(page.getByText('No attachments yet.')).toBeVisible();
  await page
    .locator('input[type=file][aria-label="Attach file"]')
    .setInputFiles({
      name: 'printer-log.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(
        '12:01 firmware 2.3 installed\n12:04 smoke detected\n',
      ),
    });
  await expect(
    page.getByRole('button', { name: 'printer-log.txt' }),
  ).toBeVisible();
  await expect(page.getByText('No attachments yet.')).toHaveCount(0);
  await page.screenshot({
    path: `${SHOTS}/helpdesk-ticket-attached.png`,
    fullPage: true,
  });

  await status.getByRole('button', { name: 'Escalate' }).click();
  const escalate = page.getByRole('dialog');
  await escalate
    .getByLabel('Reason')
    .fill('The fire spread to the server room next door.');
  await escalate.getByRole('button', { name: 'Escalate' }).click();
  await expect(escalate).toBeHidden();
  await expect(
    page.getByText('Escalated', { exact: true }).first(),
  ).toBeVisible();

  // Resolving asks for the resolution notes; closing offers them again.
  await status.getByRole('button', { name: 'Resolve' }).click();
  const resolve = page.getByRole('dialog');
  await resolve
    .getByLabel('Resolution notes')
    .fill('Printer replaced, firmware rolled back.');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve).toBeHidden();
  await expect(status.getByRole('button', { name: 'Close' })).toBeVisible();
  await status.getByRole('button', { name: 'Close' }).click();
  const close = page.getByRole('dialog');
  await expect(close.getByLabel('Resolution notes')).toHaveValue(
    'Printer replaced, firmware rolled back.',
  );
  await close.getByRole('button', { name: 'Close ticket' }).click();
  await expect(close).toBeHidden();
  await expect(page.getByText('Closed', { exact: true }).first()).toBeVisible();
  await expect(status.getByRole('button')).toHaveCount(0);
  await expect(
    page.getByText('Printer replaced, firmware rolled back.', { exact: true }),
  ).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/helpdesk-ticket.png`,
    fullPage: true,
  });

  // In the queue the long token wraps inside the title column: the table fits its card.
  await openHelpdesk(page);
  await page.getByPlaceholder('Key, title or description').fill(key);
  const row = page.getByTestId(`ticket-row-${key}`);
  await expect(row).toBeVisible();
  expect(await horizontalOverflow(page)).toBe(0);
  const table = page.getByRole('table', { name: 'Ticket queue' });
  const overflow = await table.evaluate(
    el => el.scrollWidth - (el.parentElement?.clientWidth ?? el.scrollWidth),
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({
    path: `${SHOTS}/helpdesk-queue-long-title.png`,
    fullPage: true,
  });
});

/** How far the page is wider than the window (0 when nothing spills sideways). */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
  );
}

test('a viewer reads the queue without write controls and the API answers 403 to a create', async ({
  page,
  browser,
}) => {
  // A ticket of this run, so the viewer has one to open whatever else the database holds.
  const title = `E2E viewer reads ${Date.now()}`;
  const key = await createTicketAsAgent(browser, title);

  const seen = captureAuthorization(page);
  await signInAs(page, 'viewer');
  await openHelpdesk(page);
  await expect(page.getByText(/Showing \d+ of \d+/).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create ticket' })).toHaveCount(
    0,
  );

  // A ticket page: readable, no actions, comment box or attach button.
  await page.getByLabel('Search tickets').fill(title);
  const ticketLink = page.getByRole('link', { name: key, exact: true });
  await expect(ticketLink).toBeVisible();
  await ticketLink.click();
  await expect(
    page.getByRole('heading', { name: `${key}: ${title}` }),
  ).toBeVisible();
  await expect(page.getByRole('group', { name: 'Status changes' })).toHaveCount(
    0,
  );
  await expect(page.getByLabel('Add a comment')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Attach file' })).toHaveCount(
    0,
  );
  await page.screenshot({
    path: `${SHOTS}/helpdesk-ticket-viewer.png`,
    fullPage: true,
  });

  await expect.poll(() => seen.authorization).toBeDefined();
  const denied = await page.request.post(`${BACKEND_URL}/pp/v1/tickets`, {
    headers: { authorization: seen.authorization! },
    data: {
      type: 'support',
      priority: 'low',
      title: 'Viewer tries to create',
      description: 'Should be refused',
    },
  });
  expect(denied.status()).toBe(403);
  const listed = await page.request.get(`${BACKEND_URL}/pp/v1/tickets`, {
    headers: { authorization: seen.authorization! },
  });
  expect(listed.status()).toBe(200);
});

test('the queue and a ticket page render in each of the three themes', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const title = `E2E themes ${Date.now()}`;
  await signInAs(page, 'helpdesk_agent');
  await openHelpdesk(page);
  await page.getByRole('button', { name: 'Create ticket' }).first().click();
  const create = page.getByRole('dialog');
  await create.getByRole('textbox', { name: 'Title' }).fill(title);
  await create
    .getByRole('textbox', { name: 'Description' })
    .fill('Checks the helpdesk in every theme.');
  await create.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page).toHaveURL(/\/pp\/helpdesk\/tickets\/TKT-\d+$/);
  const ticketUrl = page.url();

  const backgrounds = {
    Dark: 'rgb(10, 10, 10)',
    White: 'rgb(255, 255, 255)',
    Vibrant: 'rgb(255, 247, 251)',
  };
  for (const [theme, background] of Object.entries(backgrounds)) {
    await page.goto('/settings');
    await page.getByRole('button', { name: theme, exact: true }).click();
    await expect
      .poll(() =>
        page.evaluate(() => getComputedStyle(document.body).backgroundColor),
      )
      .toBe(background);

    await openHelpdesk(page);
    await expect(
      page.getByRole('heading', { name: 'Helpdesk', exact: true }),
    ).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Ticket queue' }),
    ).toBeVisible();
    await expect(page.getByText(/Showing \d+ of \d+/).first()).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.screenshot({
      path: `${SHOTS}/helpdesk-queue-${theme.toLowerCase()}.png`,
      fullPage: true,
    });

    await page.goto(ticketUrl);
    await expect(
      page.getByRole('heading', { name: new RegExp(title) }),
    ).toBeVisible();
    await expect(
      page.getByRole('group', { name: 'Status changes' }),
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Attach file' }),
    ).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.screenshot({
      path: `${SHOTS}/helpdesk-ticket-${theme.toLowerCase()}.png`,
      fullPage: true,
    });
  }
});

test('a person without a helpdesk role is told in words why the queue stays closed', async ({
  page,
}) => {
  await signInAs(page, 'subscription_manager');
  await page.goto('/pp/helpdesk');
  await expect(
    page.getByText(
      `To read tickets you need the role Helpdesk Agent, Infrastructure Engineer, Viewer or Admin; ${DEMO_USERS.subscription_manager} has Subscription Manager.`,
    ),
  ).toBeVisible();
  // no permission names or role keys on the page
  await expect(page.getByText(/pp\.tickets|subscription_manager/)).toHaveCount(
    0,
  );
  await page.screenshot({
    path: `${SHOTS}/helpdesk-denied-words.png`,
    fullPage: true,
  });
});
