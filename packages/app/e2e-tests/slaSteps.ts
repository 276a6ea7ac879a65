import { APIRequestContext, expect, Page } from '@playwright/test';
import { BACKEND_URL } from './signIn';

/**
 * On an agent's creation page with a submitted handoff: the SLA item is not satisfied (the SLA/OLA
 * plugin has no SLA for the agent), so the orchestrator follows "Define the SLA", saves a premium
 * SLA for the agent the link chose, and comes back to the creation page.
 */
export async function defineSlaFromHandoff(page: Page, name: string) {
  const creationUrl = page.url();
  await expect(
    page.getByText('SLA defined and agreed: not satisfied'),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Define the SLA' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Define an SLA')).toBeVisible();
  // the link chose the agent (by its name once the catalog lists it)
  await expect(dialog.getByRole('button', { name: /^Agent/ })).not.toHaveText(
    /^\s*$/,
  );
  await dialog.getByRole('button', { name: /^SLA/ }).click();
  await page.getByRole('option', { name: /^Premium/ }).click();
  await dialog.getByRole('button', { name: 'Save the SLA' }).click();
  await expect(page).toHaveURL(/\/pp\/sla\/agents\//);
  await expect(page.getByText(/Premium SLA, version 1/)).toBeVisible();
  await page.goto(creationUrl);
  await expect(page.getByRole('heading', { name }).first()).toBeVisible();
}

/**
 * On the handoff's review page: PP checks pending checklists again every few seconds in the e2e
 * run (`handoffOlaCheckSeconds`), so the SLA defined after the submission shows and Accept turns
 * on; then the reviewer accepts.
 */
export async function acceptOnceChecked(infra: Page) {
  await expect(async () => {
    await infra.reload();
    await expect(
      infra.getByText('SLA defined and agreed: satisfied'),
    ).toBeVisible({ timeout: 3_000 });
    await expect(infra.getByRole('button', { name: 'Accept' })).toBeEnabled({
      timeout: 3_000,
    });
  }).toPass({ timeout: 90_000 });
  await infra.getByRole('button', { name: 'Accept' }).click();
}

/**
 * A service's own reporting credentials, made through the API as the demo admin (dev sign-in):
 * a service principal bound to the catalog service and its API token, as an operator sets up a
 * monitored service (README, "How agents and automation authenticate").
 */
export async function serviceReporter(
  request: APIRequestContext,
  serviceEntityRef: string,
) {
  const signIn = await request.get(`${BACKEND_URL}/api/auth/pp-dev/refresh`, {
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      'x-pp-dev-user': 'founder@waooaw.com',
      'x-pp-dev-session': `e2e-${Date.now()}-sla-session`,
      'x-pp-dev-fresh': '1',
    },
  });
  expect(signIn.ok()).toBe(true);
  const admin = {
    authorization: `Bearer ${(await signIn.json()).backstageIdentity.token}`,
  };
  const principal = await request.post(`${BACKEND_URL}/pp/v1/users`, {
    headers: admin,
    data: {
      kind: 'service',
      name: `Health reporter ${Date.now()}`,
      entity_ref: serviceEntityRef,
    },
  });
  expect(principal.status(), await principal.text()).toBe(201);
  const token = await request.post(
    `${BACKEND_URL}/pp/v1/users/${(await principal.json()).id}/api-tokens`,
    { headers: admin, data: { name: 'heartbeats', expires_in_days: 1 } },
  );
  expect(token.status(), await token.text()).toBe(201);
  const bearer = `Bearer ${(await token.json()).token}`;
  /** Reports `count` heartbeats of the service, as the service, through the health API. */
  return async (
    count: number,
    beat: {
      status: 'up' | 'degraded' | 'down';
      response_time_ms?: number;
      error_rate: number;
    },
  ) => {
    const send = async () => {
      const res = await request.post(`${BACKEND_URL}/pp/v1/health/heartbeats`, {
        headers: { authorization: bearer },
        data: beat,
      });
      expect(res.status(), await res.text()).toBe(202);
    };
    // a fresh backend reads the catalog in the background: until the health plugin knows the
    // service, its heartbeat is refused (404)
    await expect(send).toPass({ timeout: 120_000 });
    for (let i = 1; i < count; i++) await send();
  };
}
