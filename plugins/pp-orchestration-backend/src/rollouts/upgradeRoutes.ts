import {
  ppUpgradeListSchema,
  ppUpgradeSchema,
} from '@internal/plugin-pp-common';
import type { PpApiRouter } from '@internal/plugin-pp-node';
import type { UpgradesApi } from './upgradesApi';

/** HTTP of the agent upgrades (blue-green rollouts), relative to /pp/v1. */
export function addUpgradeRoutes(routes: PpApiRouter, api: UpgradesApi) {
  routes.post('/agents/{agent_id}/upgrades', {
    command: api.start,
    summary: 'Start a blue-green upgrade of a production-ready agent',
    description:
      'Records the upgrade to `to_version` with the current version’s figures from the health plugin as its baseline; the rollout job then deploys the new version (green) beside the current one (blue), runs the smoke tests, sends 10 % of the traffic to green and watches it (1 h by default), then 100 %, keeping blue as standby. It rolls back on its own when an analysis gate fails (error rate above 5 %, p95 above 2× the baseline). 409 when the agent is not production ready, runs that version already, or has an upgrade in progress.',
    status: 201,
    response: ppUpgradeSchema,
    errors: [404, 409],
  });
  routes.get('/agents/{agent_id}/upgrades', {
    command: api.list,
    summary: 'An agent’s upgrades, newest first',
    description:
      'Every upgrade of the agent (at most 50), newest first, each with its status, traffic split, gates and steps.',
    response: ppUpgradeListSchema,
    errors: [404],
  });
  routes.get('/upgrades/{upgrade_id}', {
    command: api.get,
    summary: 'One upgrade: status, traffic split, gates, steps',
    description:
      'The upgrade’s status (pending, deploying, smoke_testing, canary, promoting, completed, rolled_back), the traffic split PP means to have, what it waits for, each analysis gate with its threshold, the value measured on green and the verdict, and its steps with their times.',
    response: ppUpgradeSchema,
    errors: [404],
  });
  routes.post('/upgrades/{upgrade_id}/abort', {
    command: api.abort,
    summary: 'Abort an upgrade: all traffic back to the current version',
    description:
      'The deployment target sends all traffic back to blue, then the upgrade is recorded `rolled_back` with the reason. 409 when it is completed or rolled back already; 503 when the deployment target did not take the abort (nothing changed).',
    response: ppUpgradeSchema,
    errors: [404, 409],
  });
}
