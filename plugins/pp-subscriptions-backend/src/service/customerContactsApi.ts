import { ppAgentCustomerContactsSchema } from '@internal/plugin-pp-common';
import { PpApiRouter, PpGuard, parseInput } from '@internal/plugin-pp-node';
import { z } from 'zod';
import { CustomerPortalStore } from '../database/CustomerPortalStore';

const params = z.object({
  agent_id: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9_:*-]{0,99}$/,
      'lower-case letters, digits, _ : - *',
    ),
});

/**
 * `GET /subscriptions/agents/{agent_id}/customer-contacts`: the contact addresses of an agent's
 * live subscriptions, read from CP through the connector's allow-list, for other PP plugins only
 * (the SLA plugin emails them when a breach starts). No person or API token may read them; every
 * read is audited. Without a CP (none configured) the answer is 503.
 */
export function addCustomerContactsRoutes(
  routes: PpApiRouter,
  deps: { guard: PpGuard; cp: CustomerPortalStore },
) {
  const { guard, cp } = deps;
  routes.get('/subscriptions/agents/{agent_id}/customer-contacts', {
    access: 'plugin',
    summary: 'The customer contacts of an agent’s live subscriptions',
    description:
      'For another Platform Portal plugin (its own service credentials), e.g. the SLA plugin telling customers about a breach: per live subscription (active, trial, paused) to the agent that has a contact address, the subscription, the customer’s name and the address, from the Customer Portal. People, API tokens and other services get 403. Every read is audited. 503 when no Customer Portal is configured.',
    response: ppAgentCustomerContactsSchema,
    errors: [503],
    handler: async (req, res) => {
      const ctx = await guard.authorizePluginPrincipal(req, res);
      const { agent_id } = parseInput(params, req.params, 'path');
      const { agent_name, items } = await cp.liveContacts(agent_id);
      await guard.audit(ctx, {
        action: 'pp.subscriptions.customer-contacts.read',
        resource: `agent:${agent_id}`,
        details: { plugin: ctx.pluginId, contacts: items.length },
      });
      res.json(
        ppAgentCustomerContactsSchema.parse({ agent_id, agent_name, items }),
      );
    },
  });
}
