import { expect, Page } from '@playwright/test';
import {
  FIXTURE_OWNER,
  ciRunDeliveries,
  githubSignature,
} from '@internal/plugin-pp-orchestration-backend/testUtils';
import { BACKEND_URL } from './signIn';

/** playwright.config.ts's `serverEnv` sets the same secret and owner for the backend. */
const GITHUB_WEBHOOK_SECRET = 'pp-e2e-github-webhook-secret';
const GITHUB_OWNER = 'waooaw-agents';

/** A name no earlier run used (a retry runs against the same backend). */
export const unique = (name: string) => `${name} ${Date.now() % 100000}`;

/** The Orchestration page, from the sidebar. */
export async function openOrchestration(page: Page) {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Orchestration', exact: true })
    .click();
  await expect(page).toHaveURL(/\/pp\/orchestration$/);
}

/** Picks `option` in the Material UI select labelled `label` of the open dialog. */
export async function choose(page: Page, label: string, option: string) {
  await page
    .getByRole('dialog')
    .getByRole('button', { name: new RegExp(`^${label}`) })
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Replays a whole passing CI run of the agent's repository, signed as GitHub signs it. */
export async function replayPassingRun(page: Page, agentId: string) {
  expect(FIXTURE_OWNER).toBe(GITHUB_OWNER);
  let n = 0;
  for (const d of ciRunDeliveries(agentId, { runId: Date.now() })) {
    const body = JSON.stringify(d.payload);
    const res = await page.request.post(
      `${BACKEND_URL}/pp/v1/webhooks/github`,
      {
        headers: {
          'content-type': 'application/json',
          'x-github-event': d.event,
          'x-github-delivery': `pp-e2e-${agentId}-${n++}`,
          'x-hub-signature-256': githubSignature(GITHUB_WEBHOOK_SECRET, body),
        },
        data: body,
      },
    );
    expect(res.status(), `${d.event} delivery`).toBe(202);
  }
}
