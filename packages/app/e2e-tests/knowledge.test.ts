import { expect, Page, test } from '@playwright/test';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DEMO_USERS, openInApp, signInAs } from './signIn';

const SHOTS =
  process.env.PP_E2E_SHOTS_DIR ?? 'node_modules/.cache/e2e-test-results';

const sidebarLink = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name, exact: true });

/** Nothing on a page a person reads may be a raw id or a config key (the texts that are, if any). */
async function expectNoRawIds(page: Page) {
  const raw = page
    .locator('main, [role=dialog], article')
    .getByText(
      /user:(default|pp)\/|[0-9a-f]{8}-[0-9a-f]{4}-|pp\.knowledge\.|_(rate|ms|percent)\b/,
    );
  expect(await raw.allInnerTexts()).toEqual([]);
}

interface FeedItem {
  guid: string;
  title: string;
  text: string;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 document of `items`. */
function rss(items: FeedItem[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0"><channel>',
    '<title>Marketing field notes</title>',
    '<link>https://field-notes.example.com/</link>',
    '<description>What the field team learnt this week</description>',
    ...items.map(
      (it, i) =>
        `<item><guid isPermaLink="false">${it.guid}</guid><title>${escapeXml(
          it.title,
        )}</title><link>https://field-notes.example.com/${
          it.guid
        }</link><pubDate>${new Date(
          Date.UTC(2026, 11, 1 + i, 9),
        ).toUTCString()}</pubDate><description>${escapeXml(
          it.text,
        )}</description></item>`,
    ),
    '</channel></rss>',
  ].join('\n');
}

/**
 * A feed server on 127.0.0.1 (a free port), started by the journey: it serves `items` as RSS 2.0
 * at /feed.xml; `items` can change between runs.
 */
async function startFeedServer(items: FeedItem[]) {
  const feed = { items };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/feed.xml') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/rss+xml; charset=utf-8',
    });
    res.end(rss(feed.items));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/feed.xml`,
    feed,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

const FIRST_ITEMS: FeedItem[] = [
  {
    guid: 'nocturnal-billboards',
    title: 'Nocturnal billboard auctions',
    text: 'Nocturnal billboard auctions let advertisers bid for digital billboards between midnight and dawn, when taxi drivers and night-shift nurses are the audience.',
  },
  {
    guid: 'sonic-logo-recall',
    title: 'Sonic logo recall study',
    text: 'A three-note sonic logo was recalled by 41 % of listeners after two podcast spots, against 12 % for a spoken brand name.',
  },
  {
    guid: 'kombucha-carousels',
    title: 'Carousel ads for artisanal kombucha',
    text: 'Carousel ads showing each kombucha flavour on its own card doubled swipes compared with a single hero image of the whole range.',
  },
];

test('an industry manager adds an RSS source, tests the connection, runs it twice, reads the diff and finds an item in search', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const server = await startFeedServer([...FIRST_ITEMS]);
  try {
    const name = `Field notes feed ${Date.now().toString(36)}`;
    await signInAs(page, 'industry_manager');
    await sidebarLink(page, 'Knowledge').click();
    await expect(page).toHaveURL(/\/pp\/knowledge/);
    // Marketing is the industry shown first
    await expect(
      page.getByRole('button', { name: 'Marketing' }),
    ).toHaveAttribute('aria-pressed', 'true');
    await page.screenshot({
      path: `${SHOTS}/knowledge-sources-manager.png`,
      fullPage: true,
    });

    // the RSS source: its address, a test fetch, then saved
    await page.getByRole('button', { name: 'Add knowledge source' }).click();
    const dialog = page.getByRole('dialog');
    await expect(
      dialog.getByText('Add a knowledge source for Marketing'),
    ).toBeVisible();
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Type').click();
    await page.getByRole('option', { name: 'RSS or Atom feed' }).click();
    await dialog.getByLabel('URL').fill(server.url);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const tested = dialog.getByTestId('connection-test');
    await expect(tested).toContainText(/Read 3 records in \d+ ms/, {
      timeout: 60_000,
    });
    await expect(tested).toContainText('Nocturnal billboard auctions');
    await expect(tested).toContainText('Sonic logo recall study');
    await page.screenshot({ path: `${SHOTS}/knowledge-add-rss-tested.png` });
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await expect(page).toHaveURL(/\/pp\/knowledge\/sources\//);
    await expect(page.getByText('RSS or Atom feed')).toBeVisible();
    await expect(page.getByText(server.url)).toBeVisible();

    // Run now: the run reads the three items and makes a version
    const runs = page.getByRole('table', { name: `Runs of ${name}` });
    await page.getByRole('button', { name: 'Run now' }).click();
    await expect(
      page.getByText(
        /^The run read 3 records: 3 added, 0 changed, 0 removed\. The knowledge is now v/,
      ),
    ).toBeVisible({ timeout: 90_000 });
    await expect(runs.getByText('Succeeded')).toBeVisible();
    await expect(runs.getByText('Run now', { exact: true })).toBeVisible();
    await runs
      .getByRole('button', { name: /^Log of the run/ })
      .first()
      .click();
    await expect(page.getByTestId('run-log')).toBeVisible();
    await expect(page.getByTestId('run-log')).not.toContainText(
      'This run wrote no log lines.',
    );
    await expectNoRawIds(page);
    await page.screenshot({
      path: `${SHOTS}/knowledge-rss-first-run.png`,
      fullPage: true,
    });

    // the diff of that run: the three items added, the source in the chart
    await page.getByRole('tab', { name: 'Changes' }).click();
    await expect(page).toHaveURL(
      /\/pp\/knowledge\/changes\?industry=marketing/,
    );
    await expect(page.getByTestId('diff-added')).not.toHaveText('0');
    await expect(
      page.getByRole('img', {
        name: new RegExp(`${name}: [1-9]\\d* added, 0 modified, 0 removed`),
      }),
    ).toBeVisible();
    await page.screenshot({
      path: `${SHOTS}/knowledge-rss-diff-first.png`,
      fullPage: true,
    });

    // search finds an item of the feed
    await page.getByRole('tab', { name: 'Search' }).click();
    const form = page.getByRole('search', { name: 'Search the knowledge' });
    await form
      .getByRole('textbox', { name: 'Search' })
      .fill('nocturnal billboard auctions midnight');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    const first = page.getByTestId('search-result').first();
    await expect(first).toContainText('Nocturnal billboard auctions');
    await expect(first).toContainText(name);
    await page.screenshot({
      path: `${SHOTS}/knowledge-rss-search.png`,
      fullPage: true,
    });

    // the feed changes: one item rewritten, one new; the second run adds and changes
    server.feed.items = [
      FIRST_ITEMS[0],
      {
        ...FIRST_ITEMS[1],
        text: 'A three-note sonic logo was recalled by 47 % of listeners after four podcast spots; a jingle of seven notes did no better.',
      },
      FIRST_ITEMS[2],
      {
        guid: 'lunar-newsletter',
        title: 'Newsletters sent at moonrise',
        text: 'Newsletters scheduled at local moonrise opened 9 % more often than the same issue sent at nine in the morning, a quirk of the evening commute.',
      },
    ];
    await page.getByRole('tab', { name: 'Sources' }).click();
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await page.getByRole('button', { name: 'Run now' }).click();
    await expect(
      page.getByText(
        /^The run read 4 records: 1 added, 1 changed, 0 removed\. The knowledge is now v/,
      ),
    ).toBeVisible({ timeout: 90_000 });
    await expect(runs.getByText('Succeeded')).toHaveCount(2);
    await page.screenshot({
      path: `${SHOTS}/knowledge-rss-second-run.png`,
      fullPage: true,
    });

    await page.getByRole('tab', { name: 'Changes' }).click();
    await expect(page.getByTestId('diff-added')).not.toHaveText('0');
    await expect(page.getByTestId('diff-modified')).not.toHaveText('0');
    await expect(page.getByTestId('diff-removed')).toHaveText('0');
    await expect(
      page.getByRole('img', {
        name: new RegExp(
          `${name}: [1-9]\\d* added, [1-9]\\d* modified, 0 removed`,
        ),
      }),
    ).toBeVisible();
    await expectNoRawIds(page);
    await page.screenshot({
      path: `${SHOTS}/knowledge-rss-diff-second.png`,
      fullPage: true,
    });
  } finally {
    await server.close();
  }
});

test('an industry manager adds an upload source and uploads Markdown that search finds', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const name = `Syllabus notes ${Date.now().toString(36)}`;
  await signInAs(page, 'industry_manager');
  await sidebarLink(page, 'Knowledge').click();
  await page.getByRole('button', { name: 'Education' }).click();
  await expect(page).toHaveURL(/industry=education/);

  await page.getByRole('button', { name: 'Add knowledge source' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Type').click();
  await page.getByRole('option', { name: 'Manual upload' }).click();
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();

  // a Markdown file, ingested at once
  await page.locator('input[type=file]').setInputFiles({
    name: 'zygomorphic-flowers.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(
      [
        '# Zygomorphic flowers',
        '',
        'Zygomorphic flowers have bilateral symmetry: orchids and snapdragons are zygomorphic, and their pollinators approach them from one side.',
        '',
        '# Photosynthesis',
        '',
        'Chlorophyll absorbs red and blue light; the light reactions make ATP and NADPH for the Calvin cycle.',
      ].join('\n'),
    ),
  });
  await expect(
    page.getByText(/zygomorphic-flowers\.md was uploaded: \d+ added/),
  ).toBeVisible({ timeout: 90_000 });
  const runs = page.getByRole('table', { name: `Runs of ${name}` });
  await expect(runs.getByText('Succeeded')).toBeVisible();
  await expect(runs.getByText('Upload', { exact: true })).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/knowledge-source-upload.png`,
    fullPage: true,
  });

  await page.getByRole('tab', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/pp\/knowledge\/search\?industry=education/);
  const form = page.getByRole('search', { name: 'Search the knowledge' });
  await form
    .getByRole('textbox', { name: 'Search' })
    .fill('zygomorphic orchids');
  await form.getByRole('button', { name: 'Search', exact: true }).click();
  const first = page.getByTestId('search-result').first();
  await expect(first).toContainText('Zygomorphic flowers');
  await expect(first).toContainText(name);
});

test('a viewer reads the sources and retuning but cannot add or search', async ({
  page,
}) => {
  await signInAs(page, 'viewer');
  await sidebarLink(page, 'Knowledge').click();
  await expect(page.getByRole('tab', { name: 'Sources' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Changes' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Search' })).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: 'Add knowledge source' }),
  ).toHaveCount(0);
  await page.screenshot({
    path: `${SHOTS}/knowledge-sources-viewer.png`,
    fullPage: true,
  });
  await page.getByRole('tab', { name: 'Retuning' }).click();
  await expect(page).toHaveURL(/\/pp\/knowledge\/retuning/);
  await expect(
    page.getByRole('button', { name: 'Retune an agent' }),
  ).toHaveCount(0);
  await page.screenshot({
    path: `${SHOTS}/knowledge-retuning-viewer.png`,
    fullPage: true,
  });
});

test('an orchestrator proposes a retune, Genesis approves it at once, an admin approves it and the rollout shows its steps', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const agent = 'Sales Prospecting SDR';
  const why = `Bring the newest sales playbooks into its answers (${Date.now().toString(
    36,
  )})`;

  // the orchestrator lands on the retuning proposals (no sources: they do not read knowledge)
  await signInAs(page, 'agent_orchestrator');
  await sidebarLink(page, 'Knowledge').click();
  await expect(
    page.getByRole('button', { name: 'Retune an agent' }),
  ).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Sources' })).toHaveCount(0);
  await page.screenshot({
    path: `${SHOTS}/knowledge-retuning-orchestrator.png`,
    fullPage: true,
  });

  // the agent's Knowledge tab: its version, its industry's newest, Retune
  await openInApp(page, '/catalog/default/component/sales-prospecting-sdr');
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Knowledge', exact: true })
    .click();
  await expect(page).toHaveURL(/\/knowledge$/);
  // the tab's code is loaded on first use: on a busy machine that can take a while
  await expect(page.getByText('Retuning history')).toBeVisible({
    timeout: 90_000,
  });
  await expect(
    page.getByText('Newest knowledge of its industry:'),
  ).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/knowledge-agent-tab-orchestrator.png`,
    fullPage: true,
  });

  // retune it on its industry's newest knowledge
  await page.getByRole('button', { name: 'Retune', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(`Retune ${agent}`)).toBeVisible();
  await expect(dialog.getByLabel(/Knowledge version of Sales/)).toContainText(
    /v\S+ \(the newest\)/,
  );
  await dialog.getByLabel('Why').fill(why);
  await page.screenshot({
    path: `${SHOTS}/knowledge-retune-dialog-orchestrator.png`,
  });
  await dialog.getByRole('button', { name: 'Propose retuning' }).click();
  await expect(dialog).toHaveCount(0);

  // Genesis decided at once; an admin decides next (not the orchestrator)
  await page.getByRole('link', { name: 'Open the proposal' }).click();
  await expect(
    page.getByRole('heading', { name: new RegExp(`^Retuning ${agent} on v`) }),
  ).toBeVisible();
  await expect(page.getByText('Approved by Genesis')).toBeVisible();
  const checks = page.getByRole('list', { name: 'Genesis checks' });
  await expect(checks.getByRole('listitem')).not.toHaveCount(0);
  await expect(
    page.getByText('Waiting for an admin to approve or decline.'),
  ).toBeVisible();
  await expect(
    page.getByText(`by ${DEMO_USERS.agent_orchestrator}`),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Approve', exact: true }),
  ).toHaveCount(0);
  await expectNoRawIds(page);
  await page.screenshot({
    path: `${SHOTS}/knowledge-retuning-proposed-orchestrator.png`,
    fullPage: true,
  });
  const proposal = new URL(page.url());

  // the admin: the proposals of Sales, the one waiting, approved
  const adminContext = await browser.newContext();
  try {
    const admin = await adminContext.newPage();
    await signInAs(admin, 'admin');
    await sidebarLink(admin, 'Knowledge').click();
    await expect(
      admin.getByRole('button', { name: 'Add knowledge source' }),
    ).toBeVisible();
    await admin.getByRole('tab', { name: 'Retuning' }).click();
    await admin.getByRole('button', { name: 'Sales' }).click();
    await expect(admin).toHaveURL(/\/pp\/knowledge\/retuning\?industry=sales/);
    const row = admin
      .getByRole('table', { name: 'Retuning proposals' })
      .getByRole('row')
      .filter({ hasText: 'Waiting for an admin' })
      .filter({ hasText: agent });
    await expect(row).toHaveCount(1);
    await admin.screenshot({
      path: `${SHOTS}/knowledge-retuning-admin.png`,
      fullPage: true,
    });
    await row.getByRole('link', { name: agent }).click();
    await expect(admin).toHaveURL(new RegExp(`${proposal.pathname}`));
    await expect(admin.getByText(`Why: ${why}`)).toBeVisible();
    await admin.getByRole('button', { name: 'Approve', exact: true }).click();
    const decision = admin.getByRole('dialog');
    await decision.getByLabel('Reason').fill('Genesis checks are clean');
    await decision
      .getByRole('button', { name: 'Approve', exact: true })
      .click();
    await expect(
      admin.getByText(
        new RegExp(
          `by ${DEMO_USERS.admin.replace(
            /[()]/g,
            '\\$&',
          )} on .*: Genesis checks are clean`,
        ),
      ),
    ).toBeVisible();
    await admin.screenshot({
      path: `${SHOTS}/knowledge-retuning-approved-admin.png`,
      fullPage: true,
    });

    // the rollout on the demo target, followed by the page itself (it reads it every few
    // seconds): green deployed, smoke tested against the backend's liveness, 10 % of the
    // traffic under a 10 s watch
    const history = admin.getByTestId('rollout-history');
    await expect(
      admin.getByText(
        'Watching green on part of the traffic · 10 % of traffic',
      ),
    ).toBeVisible({ timeout: 60_000 });
    await expect(history).toContainText('Pending → Deploying');
    await expect(history).toContainText('Deploying → Smoke testing');
    await expect(history).toContainText(
      /Smoke testing → Canary \(smoke tests passed/,
    );
    await expect(
      admin.getByRole('progressbar', {
        name: '10 % of traffic on the retuned agent',
      }),
    ).toBeVisible();
    await admin.screenshot({
      path: `${SHOTS}/knowledge-retuning-rollout-admin.png`,
      fullPage: true,
    });

    // The demo target has no health figures of the agent: the watch is inconclusive, and after
    // the grace the engine rolls back (all traffic on blue), shown with its reason
    await expect(admin.getByText('Status: Rolled back')).toBeVisible({
      timeout: 90_000,
    });
    await expect(
      admin.getByText(
        /^Rolled back: No conclusive analysis within 5 seconds after the watch: Error rate: nothing measured on green yet/,
      ),
    ).toBeVisible();
    await expect(history).toContainText('Canary → Rolled back');
    await expect(
      admin.getByText('Rolled back to blue · 0 % of traffic'),
    ).toBeVisible();
    await expectNoRawIds(admin);
    await admin.screenshot({
      path: `${SHOTS}/knowledge-retuning-rolled-back-admin.png`,
      fullPage: true,
    });

    // the orchestrator's page shows the same end (it was left on the proposal)
    await page.reload();
    await expect(page.getByText('Status: Rolled back')).toBeVisible({
      timeout: 60_000,
    });
    await expectNoRawIds(page);
  } finally {
    await adminContext.close();
  }
});
