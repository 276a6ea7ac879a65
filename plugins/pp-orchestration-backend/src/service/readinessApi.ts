import {
  ppAgentReadinessSchema,
  ppAgentsReadinessReadPermission,
  ppAgentsReadinessUpdatePermission,
  ppReadinessOverrideRequestSchema,
} from '@internal/plugin-pp-common';
import { PpApiRouter, ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import { Readiness } from './Readiness';

const agentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_:*-]{0,99}$/, 'lower-case letters, digits, _ : - *');

/** The readiness use cases, shared by the routes and the MCP action. */
export function readinessApi(readiness: Readiness) {
  return {
    get: ppCommand({
      name: 'pp.agents.readiness.read',
      permission: ppAgentsReadinessReadPermission,
      input: z.object({ agent_id: agentId }),
      run: (_ctx, { agent_id }) => readiness.get(agent_id),
    }),
    override: ppCommand({
      name: 'pp.agents.readiness.update',
      permission: ppAgentsReadinessUpdatePermission,
      input: ppReadinessOverrideRequestSchema.extend({ agent_id: agentId }),
      run: async (ctx, { agent_id, overrides, reason }) =>
        (
          await readiness.override(
            agent_id,
            { overrides, reason },
            ctx.principal,
          )
        ).readiness,
      audit: view => ({
        resource: `agent:${view.agent_id}`,
        outcome: 'success',
        reason: view.history[0]?.reason ?? null,
        details: {
          agent_id: view.agent_id,
          version: view.version,
          changes: view.history[0]?.changes ?? [],
          platform: view.platform,
        },
      }),
    }),
  };
}

/** @public */
export type ReadinessApi = ReturnType<typeof readinessApi>;

/** `GET` and `PUT /agents/{agent_id}/readiness` (extras of the contract). */
export function addReadinessRoutes(routes: PpApiRouter, api: ReadinessApi) {
  routes.get('/agents/{agent_id}/readiness', {
    command: api.get,
    summary: 'An agent’s operational readiness parameters and their sources',
    description:
      'The platform-managed parameters (rate limits, quotas, monitoring) in force for the agent, each with its source: the configuration default, or an override with who set it, when and why; the override history, newest first; and the customers’ own parameters (working hours, approval threshold, data freshness, error tolerance, budget limit) per subscription from the Customer Portal, or why they could not be read. 404 for an agent PP has no creation of.',
    response: ppAgentReadinessSchema,
    errors: [404],
  });
  routes.put('/agents/{agent_id}/readiness', {
    command: api.override,
    summary:
      'Override an agent’s platform readiness parameters (reason required)',
    description:
      'Sets the named parameters for this agent (a number within the parameter’s bounds), or sends them back to the configuration default (`null`); parameters left out keep their value. The reason is required and every change is a new audited version. 400 when nothing would change or a value is out of bounds; 404 for an agent PP has no creation of; 409 when another change got there first.',
    response: ppAgentReadinessSchema,
    errors: [404, 409],
  });
}
