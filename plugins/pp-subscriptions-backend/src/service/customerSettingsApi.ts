import { ServiceUnavailableError } from '@backstage/errors';
import {
  ppAgentCustomerSettingsSchema,
  ppSubscriptionsCustomerSettingsReadPermission,
} from '@internal/plugin-pp-common';
import { PpApiRouter, ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import { CpPortError, CustomerSettingsPort } from '../cp/CustomerPortalPort';

const agentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_:*-]{0,99}$/, 'lower-case letters, digits, _ : - *');

/**
 * The customers' operational settings of an agent, read from CP through the CP port (the
 * orchestration plugin shows them on the agent's readiness card; plugins never read each other's
 * tables). Without a CP port (no CP API, no demo CP) the answer is 503; CP failing is a 503 too.
 */
export function customerSettingsApi(port: CustomerSettingsPort | undefined) {
  return {
    agentSettings: ppCommand({
      name: 'pp.subscriptions.customer-settings.read',
      permission: ppSubscriptionsCustomerSettingsReadPermission,
      input: z.object({ agent_id: agentId }),
      run: async (_ctx, { agent_id }) => {
        if (!port) {
          throw new ServiceUnavailableError(
            'The Customer Portal API is not configured (pp.customerPortal.api.baseUrl)',
          );
        }
        try {
          return {
            agent_id,
            source: port.source,
            subscriptions: await port.agentSettings(agent_id),
          };
        } catch (error) {
          if (error instanceof CpPortError) {
            throw new ServiceUnavailableError(error.message);
          }
          throw error;
        }
      },
    }),
  };
}

/** @public */
export type CustomerSettingsApi = ReturnType<typeof customerSettingsApi>;

export function addCustomerSettingsRoutes(
  routes: PpApiRouter,
  api: CustomerSettingsApi,
) {
  routes.get('/subscriptions/agents/{agent_id}/customer-settings', {
    command: api.agentSettings,
    summary:
      'The customers’ operational settings of an agent (Customer Portal)',
    description:
      'For each live subscription (active, trial, paused) to the agent: the customer’s working hours, approval threshold, data freshness, error tolerance and budget limit, as the Customer Portal keeps them (`source`: its API, or the demo Customer Portal of the embedded default). An agent without subscriptions has none. 503 when no Customer Portal API is configured or it could not be read.',
    response: ppAgentCustomerSettingsSchema,
    errors: [503],
  });
}
