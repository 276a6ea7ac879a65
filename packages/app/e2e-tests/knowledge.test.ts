import { expect, test } from '@playwright/test';
import { openInApp, signInAs } from './signIn';

const SHOTS =
  process.env.PP_E2E_SHOTS_DIR ?? 'node_modules/.cache/e2e-test-results';

const sidebarLink = (page: import('@playwright/test').Page, name: string) =>
  page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name, exact: true });

test('an industry manager adds an upload source, uploads Markdown, sees the run and the diff, and search finds it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const name = `Syllabus notes ${Date.now().toString(36)}`;
  await signInAs(page, 'industry_manager');
  await sidebarLink(page, 'Knowledge').click();
  await expect(page).toHaveURL(/\/pp\/knowledge/);
  await page.getByRole('button', { name: 'Education' }).click();
  await expect(page).toHaveURL(/industry=education/);
  await page.screenshot({
    path: `${SHOTS}/knowledge-sources-manager.png`,
    fullPage: true,
  });

  // a manual upload source
  await page.getByRole('button', { name: 'Add knowledge source' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Type').click();
  await page.getByRole('option', { name: 'Manual upload' }).click();
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page).toHaveURL(/\/pp\/knowledge\/sources\//);

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
  ).toBeVisible();
  const runs = page.getByRole('table', { name: `Runs of ${name}` });
  await expect(runs.getByText('Succeeded')).toBeVisible();
  await expect(runs.getByText('Upload', { exact: true })).toBeVisible();
  await runs
    .getByRole('button', { name: /^Log of the run/ })
    .first()
    .click();
  await expect(page.getByTestId('run-log')).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/knowledge-source-upload.png`,
    fullPage: true,
  });

  // the diff: the newest version against the one before
  await page.getByRole('tab', { name: 'Changes' }).click();
  await expect(page).toHaveURL(/\/pp\/knowledge\/changes\?industry=education/);
  await expect(page.getByTestId('diff-added')).not.toHaveText('0');
  await expect(
    page.getByRole('img', { name: new RegExp(`${name}: \\d+ added`) }),
  ).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/knowledge-diff.png`,
    fullPage: true,
  });

  // search finds it
  await page.getByRole('tab', { name: 'Search' }).click();
  const form = page.getByRole('search', { name: 'Search the knowledge' });
  await form
    .getByRole('textbox', { name: 'Search' })
    .fill('zygomorphic orchids');
  await form.getByRole('button', { name: 'Search', exact: true }).click();
  const first = page.getByTestId('search-result').first();
  await expect(first).toContainText('Zygomorphic flowers');
  await expect(first).toContainText(name);
  await page.screenshot({
    path: `${SHOTS}/knowledge-search.png`,
    fullPage: true,
  });
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
});

test('an admin sees the retuning proposals, retunes an agent from its Knowledge tab and approves it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, 'admin');
  await sidebarLink(page, 'Knowledge').click();
  await expect(
    page.getByRole('button', { name: 'Add knowledge source' }),
  ).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/knowledge-sources-admin.png`,
    fullPage: true,
  });
  await page.getByRole('tab', { name: 'Retuning' }).click();
  await expect(
    page.getByRole('button', { name: 'Retune an agent' }),
  ).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/knowledge-retuning-admin.png`,
    fullPage: true,
  });

  // an agent's Knowledge tab: its version, its industry's newest, the retuning history
  await openInApp(page, '/catalog/default/component/education-jee-math-tutor');
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Knowledge', exact: true })
    .click();
  await expect(page).toHaveURL(/\/knowledge$/);
  await expect(page.getByText('Retuning history')).toBeVisible();
  await expect(
    page.getByText('Newest knowledge of its industry:'),
  ).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/knowledge-agent-tab.png`,
    fullPage: true,
  });

  // retune it on its industry's newest knowledge: Genesis decides at once, then the admin
  await page.getByRole('button', { name: 'Retune', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByLabel('Why')
    .fill('Bring the newest JEE study notes into its answers');
  await dialog.getByRole('button', { name: 'Propose retuning' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('link', { name: 'Open the proposal' }).click();
  await expect(
    page.getByRole('heading', { name: /^Retuning JEE Math Tutor on v/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Genesis checks' }),
  ).toBeVisible();
  await expect(page.getByText('Approved by Genesis')).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/knowledge-retuning-proposal.png`,
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  const decision = page.getByRole('dialog');
  await decision.getByLabel('Reason').fill('Genesis checks are clean');
  await decision.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(
    page.getByText(
      /by Farah Founder \(demo admin\) on .*: Genesis checks are clean/,
    ),
  ).toBeVisible();
  await page.screenshot({
    path: `${SHOTS}/knowledge-retuning-approved.png`,
    fullPage: true,
  });
});
