import { expect, Page, test } from '@playwright/test';
import { openInApp, signInAs } from './signIn';

const bodyBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the three themes are offered; Dark paints #0a0a0a and is remembered per person', async ({
  browser,
}) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await signInAs(page, 'infrastructure_engineer');
  await page.goto('/settings');
  for (const title of ['Dark', 'White', 'Vibrant']) {
    await expect(
      page.getByRole('button', { name: title, exact: true }),
    ).toBeVisible();
  }
  await expect(
    page.getByRole('button', { name: 'Light', exact: true }),
  ).toHaveCount(0);

  await page.getByRole('button', { name: 'Dark', exact: true }).click();
  await expect.poll(() => bodyBackground(page)).toBe('rgb(10, 10, 10)');
  await page.screenshot({
    path: 'node_modules/.cache/e2e-test-results/theme-dark.png',
  });
  await page.getByRole('button', { name: 'White', exact: true }).click();
  await expect.poll(() => bodyBackground(page)).toBe('rgb(255, 255, 255)');
  await page.getByRole('button', { name: 'Dark', exact: true }).click();
  await expect.poll(() => bodyBackground(page)).toBe('rgb(10, 10, 10)');
  await first.close();

  // Another browser (empty local storage): the same person gets their Dark theme back.
  const second = await browser.newContext();
  const again = await second.newPage();
  await signInAs(again, 'infrastructure_engineer');
  await expect.poll(() => bodyBackground(again)).toBe('rgb(10, 10, 10)');
  await second.close();

  // Someone else keeps their own choice.
  const third = await browser.newContext();
  const other = await third.newPage();
  await signInAs(other, 'viewer');
  await expect.poll(() => bodyBackground(other)).not.toBe('rgb(10, 10, 10)');
  await third.close();
});

/**
 * The contrast of every secondary text and link on the page against the page's background
 * (WCAG's relative luminance): the smallest ratio found, with the element that has it.
 */
async function lowestContrast(page: Page) {
  return page.evaluate(() => {
    const channel = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    const rgb = (css: string) =>
      (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
    const luminance = (css: string) => {
      const [r, g, b] = rgb(css);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = getComputedStyle(document.body).backgroundColor;
    const lb = luminance(background);
    let lowest = { ratio: 21, text: '', color: '' };
    const elements = document.querySelectorAll<HTMLElement>(
      '.MuiTypography-colorTextSecondary, a.MuiLink-root',
    );
    elements.forEach(el => {
      if (
        !el.innerText.trim() ||
        el.closest('nav, header, [role="dialog"], [role="tooltip"]')
      )
        return;
      const color = getComputedStyle(el).color;
      const lf = luminance(color);
      const ratio = (Math.max(lf, lb) + 0.05) / (Math.min(lf, lb) + 0.05);
      if (ratio < lowest.ratio)
        lowest = { ratio, text: el.innerText.slice(0, 40), color };
    });
    return { ...lowest, count: elements.length, background };
  });
}

test('after switching themes at runtime, secondary text and links take the new theme’s colours', async ({
  page,
}) => {
  await signInAs(page, 'subscription_manager');
  const choose = async (theme: string) => {
    await openInApp(page, '/settings');
    await page.getByRole('button', { name: theme, exact: true }).click();
    await expect(
      page.getByRole('button', { name: theme, exact: true }),
    ).toHaveAttribute('aria-pressed', 'true');
  };
  try {
    for (const theme of ['Dark', 'White', 'Vibrant', 'Dark', 'White']) {
      await choose(theme);
      await openInApp(page, '/pp/subscriptions');
      await expect(
        page.getByRole('link', { name: /./ }).locator('visible=true').first(),
      ).toBeVisible({ timeout: 60_000 });
      await expect(page.getByRole('progressbar')).toHaveCount(0, {
        timeout: 60_000,
      });
      const lowest = await lowestContrast(page);
      expect(lowest.count, `${theme}: secondary texts found`).toBeGreaterThan(
        0,
      );
      expect(
        lowest.ratio,
        `${theme}: "${lowest.text}" in ${lowest.color} on ${lowest.background}`,
      ).toBeGreaterThanOrEqual(4.5);
    }
  } finally {
    await choose('Auto');
  }
});
