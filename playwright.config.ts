import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/*
 * Playwright journeys for the Platform Portal, run in Debian's Chromium (never a downloaded browser).
 *
 * Unless PLAYWRIGHT_URL points at a running portal, the real app is started the way the README's
 * start command does it (frontend :3000, backend :8015), on a throwaway SQLite directory.
 *
 * PP_E2E_BUILT_APP=1 (the test command sets it once the production stage has built the frontend)
 * skips the webpack dev server: the backend, still the embedded default with the dev sign-in,
 * serves the built frontend from packages/app/dist on its own port. Pages then load the minified
 * bundle in seconds instead of parsing the development bundle on every navigation.
 */
const e2eDataDir = `${__dirname}/node_modules/.cache/pp-e2e/sqlite-${process.pid}`;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
};

// PP_E2E_APP_PORT / PP_E2E_BACKEND_PORT let two runs share a machine (defaults: the README's ports).
const builtApp = process.env.PP_E2E_BUILT_APP === '1';
if (builtApp && !existsSync(`${__dirname}/packages/app/dist/index.html`)) {
  throw new Error(
    'PP_E2E_BUILT_APP=1 serves the built frontend, but packages/app/dist is missing: run `yarn workspace app build` first',
  );
}
const backendPort = Number(process.env.PP_E2E_BACKEND_PORT ?? 8015);
const backendUrl = `http://localhost:${backendPort}`;
const appUrl = builtApp
  ? backendUrl
  : `http://localhost:${Number(process.env.PP_E2E_APP_PORT ?? 3000)}`;

const serverEnv = {
  APP_CONFIG_backend_database_connection_directory: e2eDataDir,
  APP_CONFIG_app_baseUrl: appUrl,
  APP_CONFIG_backend_baseUrl: backendUrl,
  APP_CONFIG_backend_listen_port: String(backendPort),
  APP_CONFIG_backend_cors_origin: appUrl,
  // GitHub's workflow webhooks, replayed signed by the orchestration journey
  APP_CONFIG_events_modules_github_webhookSecret:
    'pp-e2e-github-webhook-secret',
  APP_CONFIG_pp_orchestration_github_owner: 'waooaw-agents',
  // the generated agents' repositories (pp:publish:local-git), beside the throwaway databases
  APP_CONFIG_pp_orchestration_codegen_localRepositoriesDir: `${e2eDataDir}/agent-repositories`,
  // agent upgrades in seconds on the demo target (upgrades.test.ts): the job every 2 s, a 10 s
  // watch, the backend's liveness as the smoke test
  APP_CONFIG_pp_orchestration_deployment_checkSeconds: '2',
  APP_CONFIG_pp_orchestration_deployment_watchSeconds: '10',
  APP_CONFIG_pp_orchestration_deployment_analysisGraceSeconds: '5',
  APP_CONFIG_pp_orchestration_deployment_demo_readySeconds: '2',
  APP_CONFIG_pp_orchestration_deployment_smokeTestUrls: JSON.stringify([
    `${backendUrl}/.backstage/health/v1/liveness`,
  ]),
  // the knowledge journeys (knowledge.test.ts): an RSS source served by a feed server the journey
  // starts on 127.0.0.1 (the SSRF guard refuses loopback otherwise); agent retunings in seconds on
  // the demo target as for the upgrades above: the job every 2 s, a 10 s watch, the backend's
  // liveness as the smoke test. Only the knowledge plugin reads these.
  APP_CONFIG_pp_knowledge_fetch_allowPrivateNetworks: 'true',
  APP_CONFIG_pp_knowledge_retuning_tickSeconds: '2',
  APP_CONFIG_pp_knowledge_retuning_deployment_watchSeconds: '10',
  APP_CONFIG_pp_knowledge_retuning_deployment_analysisGraceSeconds: '5',
  APP_CONFIG_pp_knowledge_retuning_deployment_demo_readySeconds: '2',
  APP_CONFIG_pp_knowledge_retuning_deployment_smokeTestUrls: JSON.stringify([
    `${backendUrl}/.backstage/health/v1/liveness`,
  ]),
  // pending handoffs checked again every 5 s (an SLA defined after the submission, slaSteps.ts)
  APP_CONFIG_pp_orchestration_handoffOlaCheckSeconds: '5',
  // the SLA journey (slaStatus.test.ts): compliance recomputed every 5 s, and the agent execution
  // engine's figures only from the heartbeats the journey reports for it (no generated demo data)
  APP_CONFIG_pp_sla_complianceIntervalSeconds: '5',
  // the OLA journey (ola.test.ts): the OLA clocks every 5 s
  APP_CONFIG_pp_sla_olaCheckSeconds: '5',
  APP_CONFIG_pp_health_demo_skipServices: JSON.stringify([
    'agent-execution-engine',
  ]),
  // Webpack's dev server must not open a browser or print a QR of noise
  BROWSER: 'none',
};

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  // waits for the frontend's first build (see the file)
  globalSetup: './packages/app/e2e-tests/globalSetup.ts',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  outputDir: 'node_modules/.cache/e2e-test-results',

  webServer: process.env.PLAYWRIGHT_URL
    ? []
    : [
        {
          command: 'yarn start backend',
          url: `${backendUrl}/.backstage/health/v1/readiness`,
          reuseExistingServer: !process.env.CI,
          timeout: 180_000,
          env: serverEnv,
        },
        ...(builtApp
          ? []
          : [
              {
                command: 'yarn start app',
                url: appUrl,
                reuseExistingServer: !process.env.CI,
                timeout: 240_000,
                env: serverEnv,
              },
            ]),
      ],

  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? appUrl,
    actionTimeout: 0,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromium,
    viewport: { width: 1400, height: 900 },
  },

  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
